"""Demo policy documents (manage.py seed_demo), in the style of the Hunan / Changsha / Pingxiang seeds.

Idempotent: each document is keyed by its external_id ("demo-001" …); a second run finds every
document as it left it and saves nothing, so it writes no history and triggers no re-indexing.
"""
from __future__ import annotations

import datetime as dt

from django.utils import timezone

from policies import services
from policies.demo_data import DOCUMENTS
from policies.demo_data.base import DemoDoc
from policies.importing.cleaning import paragraphs_to_html
from policies.models import PolicyDocument
from policies.topics import split_category
from portal import audit
from portal.models import Department, PublishStatus


def _date(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _values(doc: DemoDoc, departments: dict[str, Department]) -> dict:
    issuer = departments[doc.dept]
    topic, subtopic = split_category(doc.category)
    issued = _date(doc.issued)
    return {
        "title": doc.title, "doc_number": doc.doc_number, "issuer_id": issuer.pk, "department_id": issuer.pk,
        "topic": topic, "subtopic": subtopic, "doc_type": doc.doc_type, "validity": doc.validity,
        "written_date": _date(doc.written), "issued_date": issued, "effective_date": _date(doc.effective),
        "expiry_date": _date(doc.expiry), "body": paragraphs_to_html(list(doc.paragraphs)), "summary": doc.summary,
        "for_elders": doc.for_elders, "source": issuer.name, "status": PublishStatus.PUBLISHED,
        "published_at": timezone.make_aware(dt.datetime.combine(issued, dt.time(9, 0))),
    }


def seed() -> dict:
    departments = Department.objects.in_bulk([d.dept for d in DOCUMENTS], field_name="code")
    existing = PolicyDocument.objects.in_bulk([d.key for d in DOCUMENTS], field_name="external_id")
    created = updated = 0
    by_key: dict[str, PolicyDocument] = {}
    for doc in DOCUMENTS:
        values = _values(doc, departments)
        policy = existing.get(doc.key)
        if policy is None:
            policy = PolicyDocument(external_id=doc.key, **values)
            services.fill_derived_fields(policy)
            policy.save()
            audit.record(obj=policy, action="新建", note="演示数据")
            created += 1
        else:
            changed = {k: v for k, v in values.items() if getattr(policy, k) != v}
            if changed:
                before = audit.snapshot(policy)
                for name, value in changed.items():
                    setattr(policy, name, value)
                policy.keywords = "" if "body" in changed or "title" in changed else policy.keywords
                services.fill_derived_fields(policy)
                policy.save()
                audit.record(obj=policy, action="修改", changes=audit.diff(before, audit.snapshot(policy)), note="演示数据")
                updated += 1
        by_key[doc.key] = policy
    # 替代文件: the old document points at its replacement (set once both exist).
    for doc in DOCUMENTS:
        old = by_key[doc.key]
        new_id = by_key[doc.replaced_by].pk if doc.replaced_by else None
        if old.superseded_by_id != new_id:
            old.superseded_by_id = new_id
            old.save(update_fields=["superseded_by"])  # through save() so search and history follow
    return {"policies": len(DOCUMENTS), "created": created, "updated": updated}
