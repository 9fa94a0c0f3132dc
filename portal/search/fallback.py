"""Search the database directly when the index is missing or unreadable.

Slower and unranked (newest first), but a citizen still finds the document while the index is
being rebuilt or repaired; the page says that results are simplified.
"""
from __future__ import annotations

from functools import reduce
from operator import and_, or_

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q

from portal.search.types import SearchType
from portal.search.understand import QueryPlan

MAX_WORDS = 6
# A plan's field restriction (understand.SEARCH_FIELDS) → the model fields it may match; a type
# without them matches nothing so restricted.
FIELD_COLUMNS = {"title": ("title", "name", "question"), "body": ("body", "answer", "content"),
                 "doc_number": ("doc_number",)}
_TEXT_TYPES = (models.CharField, models.TextField)


def search_fields(search_type: SearchType) -> list[str]:
    """The index's `fallback_fields`, else the model text fields its search fields read."""
    declared = getattr(search_type.index, "fallback_fields", None)
    if declared:
        return list(declared)
    model = search_type.model
    names = []
    for search_field in search_type.index.fields.values():
        attr = getattr(search_field, "model_attr", None)
        if not attr or "__" in attr:
            continue
        try:
            if isinstance(model._meta.get_field(attr), _TEXT_TYPES):
                names.append(attr)
        except Exception:
            continue
    for candidate in ("title", "name", "question", "summary", "body", "answer", "content"):
        try:
            if isinstance(model._meta.get_field(candidate), _TEXT_TYPES) and candidate not in names:
                names.append(candidate)
        except Exception:
            continue
    return names


def _has_text_field(model, name: str) -> bool:
    try:
        return isinstance(model._meta.get_field(name), _TEXT_TYPES)
    except FieldDoesNotExist:
        return False


def _date_field(model) -> str | None:
    for name in ("issued_date", "published_at", "created_at"):
        try:
            model._meta.get_field(name)
            return name
        except Exception:
            continue
    return None


def queryset(search_type: SearchType, plan: QueryPlan):
    """Public rows of the type that contain every word (any alternative of it) in some field."""
    fields = search_fields(search_type)
    if plan.field:
        fields = [f for f in FIELD_COLUMNS[plan.field] if _has_text_field(search_type.model, f)]
    qs = search_type.index.index_queryset()
    if plan.doc_number_key and hasattr(search_type.model, "doc_number_key"):
        return qs.filter(doc_number_key=plan.doc_number_key)
    if not fields:
        return qs.none()
    conditions = []
    words = [p.text.replace(" ", "") for p in plan.phrases]
    groups = [[a.text for a in g.alternatives if a.kind != "literal" or a.text == g.literal] for g in plan.groups]
    for word in words:
        conditions.append(reduce(or_, (Q(**{f"{f}__icontains": word}) for f in fields)))
    for alternatives in groups[:MAX_WORDS]:
        options = [Q(**{f"{f}__icontains": alt}) for alt in alternatives[:4] for f in fields]
        conditions.append(reduce(or_, options))
    if not conditions:
        return qs.none()
    qs = qs.filter(reduce(and_, conditions))
    date_field = _date_field(search_type.model)
    return qs.order_by(f"-{date_field}", "-pk") if date_field else qs.order_by("-pk")
