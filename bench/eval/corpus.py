"""The evaluation corpus: the demo data (seed_demo) plus generated policy documents (policies.corpus).

Both are deterministic, so the same database comes out every time and the judgements in
bench/eval/queries.jsonl (keyed by 索引号) stay valid. Build it only in a throw-away database.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

GENERATED = 400
SEED = 17


@dataclass(frozen=True)
class Doc:
    """The fields the judging rules read (bench/eval/build.py)."""
    key: str
    title: str
    summary: str
    text: str
    issuer: str
    year: int | None
    topic: str
    subtopic: str
    valid: bool
    doc_number: str


def build(generated: int = GENERATED, seed: int = SEED) -> int:
    """Migrate, load the demo data and the generated documents; returns the number of policy documents."""
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from policies.corpus.generator import CorpusGenerator
    from policies.docnumber import normalize_doc_number
    from policies.models import DocType, PolicyDocument, Validity
    from portal.models import Department, PublishStatus
    from portal.text import content_hash, plain_text, sanitize_html

    call_command("migrate", verbosity=0)
    call_command("seed_demo", verbosity=0, stdout=open("/dev/null", "w"))
    doc_types = {label: value for value, label in DocType.choices}
    validities = {label: value for value, label in Validity.choices}
    departments = {d.name: d for d in Department.objects.all()}
    now = timezone.now()
    batch = []
    for doc in CorpusGenerator(seed=seed).documents(generated):
        issuer = departments.get(doc["issuer"])
        if issuer is None:
            issuer, _ = Department.objects.get_or_create(
                name=doc["issuer"], defaults={"code": f"EVAL{len(departments):04d}", "short_name": doc["issuer"][:50]})
            departments[doc["issuer"]] = issuer
        topic, _, subtopic = (doc.get("category") or "").partition("\\")
        body = sanitize_html(doc["body"])
        batch.append(PolicyDocument(
            title=doc["title"][:300], doc_number=doc["doc_number"],
            doc_number_key=normalize_doc_number(doc["doc_number"]),
            index_number=f"EVAL/{doc['external_id']}", external_id=doc["external_id"], issuer=issuer, department=issuer,
            topic=topic, subtopic=subtopic, doc_type=doc_types.get(doc["doc_type"], DocType.OTHER),
            validity=validities.get(doc["validity"], Validity.VALID),
            issued_date=dt.date.fromisoformat(doc["issued_date"]),
            body=body, summary=doc.get("summary", ""), content_hash=content_hash(doc["title"], plain_text(body)),
            status=PublishStatus.PUBLISHED, published_at=now,
        ))
    with transaction.atomic():
        PolicyDocument.objects.filter(index_number__startswith="EVAL/").delete()
        PolicyDocument.objects.bulk_create(batch, batch_size=500)
    return PolicyDocument.objects.count()


def documents() -> list[Doc]:
    from policies.models import PolicyDocument, Validity
    from portal.text import plain_text

    found = []
    for p in PolicyDocument.objects.public().select_related("issuer").order_by("index_number"):
        found.append(Doc(
            key=p.index_number, title=p.title, summary=p.summary, text=plain_text(p.body),
            issuer=p.issuer.name if p.issuer_id else "",
            year=p.issued_date.year if p.issued_date else None, topic=p.topic, subtopic=p.subtopic,
            valid=p.validity == Validity.VALID, doc_number=p.doc_number,
        ))
    return found
