"""manage.py generate_corpus: deterministic, in the import format, varied Chinese text."""
import json
from io import StringIO

from django.core.management import call_command

from policies.importing import parse_json_line
from policies.topics import categories


def generate(*args) -> list[str]:
    out = StringIO()
    call_command("generate_corpus", *args, stdout=out)
    return out.getvalue().splitlines()


def test_same_seed_same_corpus_other_seed_other_corpus():
    assert generate("--count", "30", "--seed", "5") == generate("--count", "30", "--seed", "5")
    assert generate("--count", "30", "--seed", "5") != generate("--count", "30", "--seed", "6")


def test_every_line_passes_the_import_contract():
    lines = generate("--count", "300", "--seed", "1")
    assert len(lines) == 300
    topics = set()
    for line in lines:
        rec = parse_json_line(line)  # raises on any contract violation
        data = json.loads(line)
        assert set(data) >= {"title", "doc_number", "issuer", "issued_date", "published_date", "category",
                             "doc_type", "validity", "body", "external_id"}
        assert rec.published_date >= rec.written_date
        topics.add(rec.topic)
    assert len(topics - {""}) >= 15 and topics - {""} <= set(categories())
    assert len({json.loads(line)["external_id"] for line in lines}) == 300


def test_vocabulary_is_varied():
    lines = generate("--count", "200", "--seed", "2")
    docs = [json.loads(line) for line in lines]
    assert len({d["title"] for d in docs}) > 150
    assert len({d["issuer"] for d in docs}) > 25
    text = "".join(d["body"] for d in docs)
    for word in ("基本养老金", "住房公积金", "最低生活保障", "营商环境", "专精特新", "政务公开"):
        assert word in text
    numbers = [d["doc_number"] for d in docs if d["doc_number"]]
    assert len(set(numbers)) > 0.9 * len(numbers)


def test_writes_a_file(tmp_path):
    out = tmp_path / "c.jsonl"
    call_command("generate_corpus", "--count", "5", "--out", str(out), stderr=StringIO())
    assert len(out.read_text(encoding="utf-8").splitlines()) == 5
