"""Word (.docx), web page (.html) and text (.txt) files as import records.

Government documents open with a header (发文机关, 发文字号, 标题) and close with the signature
(机关名称 and 成文日期); those are read from the text so a folder of files imports without
a spreadsheet of metadata. Anything the text does not say can be given on the command line.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from policies.importing.banner import banner_issuer, is_doc_number, is_org, strip_banner
from policies.importing.cleaning import clean_line, paragraphs_from_text, paragraphs_to_html
from policies.importing.records import PolicyRecord, RecordError, build_record
from portal.text import fold_width

SUFFIXES = {".txt", ".html", ".htm", ".docx"}
HEADER_LINES = 8

_DATE = re.compile(r"^((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
_TITLE_END = ("通知", "意见", "办法", "决定", "规定", "方案", "批复", "公告", "通告", "细则", "规划", "函", "条例", "措施", "指引", "要点", "报告", "答复")


@dataclass
class FileDefaults:
    issuer: str = ""
    date: dt.date | None = None
    doc_type: str = ""
    category: str = ""


def find_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    return sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)


def read_text_file(path: Path) -> str:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise RecordError("无法识别文件编码（应为 UTF-8 或 GB18030）")


def _parse_date(line: str) -> dt.date | None:
    match = _DATE.match(fold_width(line).replace(" ", ""))
    if not match:
        return None
    try:
        return dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


@dataclass
class Parsed:
    title: str
    paragraphs: list[str]
    doc_number: str = ""
    issuer: str = ""
    date: dt.date | None = None


def parse_lines(lines: list[str], title_hint: str = "") -> Parsed:
    """Split header, body and signature of a document given as its lines (paragraphs)."""
    lines = [clean_line(line) for line in lines]
    issuer, lines = strip_banner([line for line in lines if line], HEADER_LINES)
    if not lines:
        raise RecordError("文件没有文字内容")
    doc_number = title = ""
    # A heading style (Word) or <h1> names the title; lines above it are header lines.
    hint = title_hint if title_hint in lines[:HEADER_LINES] else ""
    body_start = 0
    for i, line in enumerate(lines[:HEADER_LINES]):
        if not doc_number and is_doc_number(line):
            doc_number, body_start = line, i + 1
        elif not title and not issuer and is_org(line):
            issuer, body_start = line, i + 1
        elif not title and hint and line != hint:
            body_start = i + 1
        elif not title:
            title, body_start = line, i + 1
        elif line == title:
            body_start = i + 1  # a page that repeats its heading
        elif (not title.endswith(_TITLE_END) and line.endswith(_TITLE_END) and len(title + line) <= 100
              and not re.search(r"[：:。]", line)):
            title, body_start = title + line, i + 1  # a title wrapped over two lines
        else:
            break
    if not title:
        title = title_hint or lines[0]
    body = lines[body_start:] or lines
    date = None
    # The signature: 成文日期 on one of the last lines, the issuing body just above it.
    for j in range(len(body) - 1, max(len(body) - 4, -1), -1):
        date = _parse_date(body[j])
        if date:
            if j > 0 and is_org(body[j - 1]):
                issuer = issuer or body[j - 1]
            break
    return Parsed(title=title, paragraphs=body, doc_number=doc_number, issuer=issuer, date=date)


def _txt(path: Path) -> Parsed:
    return parse_lines(paragraphs_from_text(read_text_file(path)))


def _docx(path: Path) -> Parsed:
    import docx

    try:
        document = docx.Document(str(path))
    except Exception:  # python-docx raises several kinds for a broken or non-Word file
        raise RecordError("无法打开 Word 文件（文件损坏或不是 .docx 格式）") from None
    lines, title_hint = [], ""
    for paragraph in document.paragraphs:
        style = (paragraph.style.name if paragraph.style is not None else "").lower()
        text = paragraph.text
        # A 版头 is often typed in the Title style: it is not the document's title.
        if (not title_hint and text.strip() and (style.startswith("heading") or style == "title" or "标题" in style)
                and not banner_issuer(clean_line(text))):
            title_hint = clean_line(text)
        lines.append(text)
    for table in document.tables:
        for row in table.rows:
            lines.append("　".join(cell.text for cell in row.cells))
    return parse_lines(lines, title_hint=title_hint)


def _html(path: Path) -> Parsed:
    import lxml.html

    try:
        tree = lxml.html.fromstring(read_text_file(path))
    except Exception:  # lxml raises ParserError / XMLSyntaxError for empty or broken markup
        raise RecordError("无法解析网页文件") from None
    for bad in tree.xpath("//script|//style|//nav|//header|//footer|//noscript|//form"):
        bad.drop_tree()
    heading = tree.xpath("//h1")
    page_title = tree.xpath("//title")
    title_hint = clean_line(heading[0].text_content()) if heading else (
        clean_line(page_title[0].text_content()) if page_title else "")
    main = (tree.xpath("//article") or tree.xpath("//main") or tree.xpath("//body") or [tree])[0]
    if heading and heading[0] in main.iter():
        heading[0].drop_tree()
    blocks = [el.text_content() for el in main.iter("p", "li", "h2", "h3", "h4", "td") if el.text_content().strip()]
    if not blocks:
        blocks = main.text_content().splitlines()
    return parse_lines(([title_hint] if title_hint else []) + blocks, title_hint=title_hint)


def record_from_file(path: Path, root: Path, defaults: FileDefaults) -> PolicyRecord:
    suffix = path.suffix.lower()
    if suffix == ".docx":
        parsed = _docx(path)
    elif suffix in (".html", ".htm"):
        parsed = _html(path)
    elif suffix == ".txt":
        parsed = _txt(path)
    else:
        raise RecordError(f"不支持的文件类型 {suffix}（支持 .docx、.html、.txt、.jsonl）")
    issuer = parsed.issuer or defaults.issuer
    if not issuer:
        raise RecordError("未能从文件中识别发文机关，请用 --issuer 指定")
    date = parsed.date or defaults.date
    if not date:
        raise RecordError("未能从文件中识别成文日期（如“2023年3月23日”），请用 --date 指定")
    relative = path.name if root.is_file() else path.relative_to(root).as_posix()
    body = paragraphs_to_html(parsed.paragraphs)
    return build_record({
        "title": parsed.title, "doc_number": parsed.doc_number, "issuer": issuer,
        "issued_date": date.isoformat(), "published_date": date.isoformat(), "category": defaults.category,
        "doc_type": defaults.doc_type, "validity": "", "body": body,
        "external_id": f"file:{relative}"[:100],
    })


def iter_file_records(path: Path, defaults: FileDefaults):
    for file in find_files(path):
        where = f"文件 {file.name if path.is_file() else file.relative_to(path).as_posix()}"
        try:
            yield where, record_from_file(file, path, defaults)
        except RecordError as exc:
            yield where, exc
        except OSError as exc:
            yield where, RecordError(f"无法读取文件：{exc.strerror or exc}")
