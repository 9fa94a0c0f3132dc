"""Reads for 政务信箱 letters."""
from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from openinfo.models import Letter
from openinfo.models.common import check_query_code, hash_query_code


def letter_lookup(*, tracking_number: str, query_code: str) -> Letter | None:
    """The letter if number and code match, else None — the same answer for a wrong number or a wrong code,
    and a hash is computed either way so the timing does not tell them apart."""
    number = (tracking_number or "").strip().upper()
    letter = Letter.objects.select_related("department", "reply_department").filter(tracking_number=number).first()
    if letter is None:
        check_query_code(query_code, hash_query_code("0"))
        return None
    return letter if check_query_code(query_code, letter.query_code_hash) else None


def letters_public() -> QuerySet[Letter]:
    """Replies the writer agreed to publish and the department chose to show. Personal fields stay out:
    callers use .values()/only() of the public columns."""
    return (
        Letter.objects.filter(published=True, consent_publish=True, status=Letter.Status.REPLIED)
        .select_related("department", "reply_department")
        .only(
            "tracking_number", "kind", "subject", "public_subject", "content", "accepted_on", "replied_at",
            "reply", "department__name", "department__short_name", "reply_department__name",
            "reply_department__short_name", "status", "published", "consent_publish", "rating",
        )
        .order_by("-replied_at", "-id")
    )


def letter_ratings_by_department() -> list[dict]:
    """满意 / 基本满意 / 不满意 counts and the satisfaction rate per department (rated letters only)."""
    rows = (
        Letter.objects.exclude(rating="")
        .values("department__id", "department__name")
        .annotate(
            total=Count("id"),
            satisfied=Count("id", filter=Q(rating=Letter.Rating.SATISFIED)),
            basic=Count("id", filter=Q(rating=Letter.Rating.BASIC)),
            unsatisfied=Count("id", filter=Q(rating=Letter.Rating.UNSATISFIED)),
        )
        .order_by("department__name")
    )
    result = []
    for row in rows:
        rate = (row["satisfied"] + row["basic"]) * 100 / row["total"] if row["total"] else 0
        result.append({**row, "rate": round(rate, 1)})
    return result
