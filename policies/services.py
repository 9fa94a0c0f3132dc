"""Writes to the policy library. Keyword-only, atomic, with history."""
from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from policies.models import PolicyDocument, PolicyInterpreter, PolicyQA, Validity
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


# --- 解读人 (interpreter) -------------------------------------------------------------------------

INTERPRETER_FIELDS = ("organization", "name", "position", "phone", "email")


@transaction.atomic
def interpreter_set(*, policy: PolicyDocument, organization: str, name: str, phone: str, position: str = "",
                    email: str = "", actor=None, today: dt.date | None = None) -> tuple[PolicyInterpreter | None, str]:
    """Make these details the policy's current 解读人, keeping the history.

    A different person (or 解读机构) closes the current row and opens a new one, so the page shows the
    new person and the admin keeps who was responsible from when to when; the same person with new
    contact details updates the current row. Returns (current row, "created"/"changed"/"updated"/"unchanged").
    """
    today = today or timezone.localdate()
    wanted = {"organization": organization.strip(), "name": name.strip(), "position": position.strip(),
              "phone": phone.strip(), "email": email.strip()}
    current = PolicyInterpreter.objects.select_for_update().filter(policy=policy, end_date__isnull=True).first()
    if current is None:
        row = PolicyInterpreter.objects.create(policy=policy, start_date=today, confirmed_on=today, **wanted)
        audit.record(obj=policy, action="设置解读人", actor=actor, changes={"解读人": [None, f"{row.organization} {row.name}"]})
        return row, "created"
    before = {f: getattr(current, f) for f in INTERPRETER_FIELDS}
    if before == wanted:
        return current, "unchanged"
    if (current.organization, current.name) != (wanted["organization"], wanted["name"]):
        # The old person stays responsible up to yesterday; a change on their first day just replaces them.
        current.end_date = max(current.start_date, today - dt.timedelta(days=1))
        current.save(update_fields=["end_date"])
        row = PolicyInterpreter.objects.create(policy=policy, start_date=today, confirmed_on=today, **wanted)
        audit.record(obj=policy, action="更换解读人", actor=actor,
                     changes={"解读人": [f"{current.organization} {current.name}", f"{row.organization} {row.name}"]})
        return row, "changed"
    for field, value in wanted.items():
        setattr(current, field, value)
    current.confirmed_on = today
    current.save()
    audit.record(obj=policy, action="更新解读人联系方式", actor=actor,
                 changes={f: [before[f], wanted[f]] for f in INTERPRETER_FIELDS if before[f] != wanted[f]})
    return current, "updated"


@transaction.atomic
def interpreter_confirm(*, policy: PolicyDocument, actor=None, today: dt.date | None = None) -> bool:
    """An official checked the current 解读人 and the details are still right."""
    today = today or timezone.localdate()
    updated = PolicyInterpreter.objects.filter(policy=policy, end_date__isnull=True).update(confirmed_on=today)
    if updated:
        audit.record(obj=policy, action="确认解读人信息", actor=actor)
    return bool(updated)


# --- 问答 (Q&A) -----------------------------------------------------------------------------------

def qa_defaults_from_policy(qa: PolicyQA) -> None:
    """A Q&A made on a policy's page belongs to the policy's department."""
    if not qa.department_id and qa.policy_id:
        qa.department_id = qa.policy.department_id
