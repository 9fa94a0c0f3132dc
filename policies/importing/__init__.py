"""Bulk import of policy documents (manage.py import_policies): JSONL per the DESIGN.md contract,
or a folder of .docx/.html/.txt files."""
from policies.importing.files import FileDefaults, iter_file_records
from policies.importing.records import PolicyRecord, RecordError, build_record, parse_json_line
from policies.importing.runner import ImportReport, PolicyImporter, Publication


def iter_jsonl(path):
    """(where, record or error) for every non-blank line; line numbers start at 1.

    Read as bytes and decoded line by line, so one badly encoded line is reported alone.
    """
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            where = f"第 {number} 行"
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError:
                yield where, RecordError("含有非 UTF-8 编码的字符")
                continue
            if not line.strip():
                continue
            try:
                yield where, parse_json_line(line)
            except RecordError as exc:
                yield where, exc


def count_lines(path) -> int:
    with open(path, "rb") as handle:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))


__all__ = ["FileDefaults", "ImportReport", "PolicyImporter", "PolicyRecord", "Publication", "RecordError",
           "build_record", "count_lines", "iter_file_records", "iter_jsonl", "parse_json_line"]
