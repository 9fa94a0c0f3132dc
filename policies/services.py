"""Writes to the policy library. Keyword-only, atomic, with history."""
from __future__ import annotations

from django.db import transaction
from django.db.models import Max

from policies.models import PolicyDocument, Validity
from portal import audit
from portal.models import Department
from portal.search.segment import extract_keywords


def next_index_number(*, issuer: Department, year: int) -> str:
    """索引号 = 机构代码/年份-流水号 (e.g. 430000-01/2023-00012), numbered per issuer and year."""
    prefix = f"{issuer.code}/{year}-"
    # Lock the issuer row so two officials saving at once do not take the same number.
    Department.objects.select_for_update().filter(pk=issuer.pk).first()
    last = PolicyDocument.objects.filter(index_number__startswith=prefix).aggregate(m=Max("index_number"))["m"]
    seq = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{seq:05d}"


def fill_derived_fields(policy: PolicyDocument) -> None:
    """索引号 and 关键词 when the official left them empty; the department defaults to the issuer."""
    if not policy.department_id:
        policy.department_id = policy.issuer_id
    if not policy.index_number:
        year = (policy.issued_date or policy.written_date).year if (policy.issued_date or policy.written_date) else 2000
        policy.index_number = next_index_number(issuer=policy.issuer, year=year)
    if not policy.keywords:
        policy.keywords = ",".join(extract_keywords(f"{policy.title}\n{policy.body_text}"))


@transaction.atomic
def policy_save(*, policy: PolicyDocument, actor=None, action: str | None = None) -> PolicyDocument:
    creating = policy.pk is None
    before = {} if creating else audit.snapshot(PolicyDocument.objects.get(pk=policy.pk))
    fill_derived_fields(policy)
    policy.save()
    audit.record(
        obj=policy, action=action or ("新建" if creating else "修改"), actor=actor,
        changes=audit.diff(before, audit.snapshot(policy)),
    )
    return policy


@transaction.atomic
def policy_set_validity(*, policy: PolicyDocument, validity: str, actor, superseded_by: PolicyDocument | None = None) -> PolicyDocument:
    """Mark a document 失效/废止/已修订 (optionally naming the document that replaces it)."""
    before = audit.snapshot(policy)
    policy.validity = Validity(validity)
    if superseded_by is not None:
        policy.superseded_by = superseded_by
    policy.save()
    audit.record(obj=policy, action=f"标记{policy.get_validity_display()}", actor=actor, changes=audit.diff(before, audit.snapshot(policy)))
    return policy
