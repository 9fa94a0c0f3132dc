"""Resource declarations: which public rows, which fields (an allow-list: nothing personal is ever
listed), which filters. Views, schema and docs are generated from these.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Callable

from django.db.models import Q, QuerySet

from portal import optional

MAX_INT = 2**31 - 1  # ids and numeric filters beyond this are not ours (and would overflow SQL)


class InvalidParameter(ValueError):
    """A query parameter the API cannot use; the message is Chinese and shown to the caller."""


@dataclass(frozen=True)
class Field:
    name: str
    type: str = "string"  # string | integer | boolean | date | date-time | array
    description: str = ""
    source: str | Callable[[Any], Any] | None = None  # attribute path "issuer.name" or a function
    items: str = "string"  # for arrays
    nullable: bool = False
    detail_only: bool = False

    def value(self, obj, request=None):
        if callable(self.source):
            raw = self.source(obj)
        else:
            raw = obj
            for part in (self.source or self.name).split("."):
                raw = getattr(raw, part, None)
                if raw is None:
                    break
        if self.name == "url" and raw and request is not None:
            return request.build_absolute_uri(raw)
        if isinstance(raw, dt.datetime):
            return raw.isoformat()
        if isinstance(raw, dt.date):
            return raw.isoformat()
        return raw

    def schema(self) -> dict:
        if self.type in ("date", "date-time"):
            spec: dict = {"type": "string", "format": self.type}
        elif self.type == "array":
            spec = {"type": "array", "items": {"type": self.items}}
        else:
            spec = {"type": self.type}
        if self.description:
            spec["description"] = self.description
        if self.nullable:
            spec["nullable"] = True
        return spec


@dataclass(frozen=True)
class Filter:
    name: str
    description: str
    lookup: str | Callable[[QuerySet, Any], QuerySet]  # a field lookup, or a function(qs, value)
    type: str = "string"  # string | integer | date | boolean
    choices: Callable[[], list[str]] | None = None  # allowed values, shown in the schema and docs
    max_length: int = 100
    minimum: int = 0  # integer filters
    maximum: int = MAX_INT

    def allowed(self) -> list[str]:
        return list(self.choices()) if self.choices else []

    def parse(self, raw: str):
        raw = raw.replace("\x00", "").strip()
        if self.type == "integer":
            if not raw.isdigit() or not self.minimum <= int(raw) <= self.maximum:
                raise InvalidParameter(f"参数 {self.name} 应为 {self.minimum} 到 {self.maximum} 之间的整数。")
            return int(raw)
        if self.type == "date":
            try:
                return dt.date.fromisoformat(raw)
            except ValueError:
                raise InvalidParameter(f"参数 {self.name} 应为日期，格式 YYYY-MM-DD。") from None
        if self.type == "boolean":
            if raw.lower() not in ("true", "false", "1", "0"):
                raise InvalidParameter(f"参数 {self.name} 应为 true 或 false。")
            return raw.lower() in ("true", "1")
        if len(raw) > self.max_length:
            raise InvalidParameter(f"参数 {self.name} 不能超过 {self.max_length} 个字符。")
        allowed = self.allowed()
        if allowed and raw not in allowed:
            raise InvalidParameter(f"参数 {self.name} 的取值无效，可选：{'、'.join(allowed[:30])}。")
        return raw

    def apply(self, qs: QuerySet, value) -> QuerySet:
        if callable(self.lookup):
            return self.lookup(qs, value)
        return qs.filter(**{self.lookup: value})

    def schema(self) -> dict:
        spec: dict = {"type": "string"}
        if self.type == "integer":
            spec = {"type": "integer", "minimum": self.minimum, "maximum": self.maximum}
        elif self.type == "date":
            spec = {"type": "string", "format": "date"}
        elif self.type == "boolean":
            spec = {"type": "boolean"}
        elif self.allowed():
            spec["enum"] = self.allowed()
        else:
            spec["maxLength"] = self.max_length
        return spec


def text_search(*names: str) -> Callable[[QuerySet, str], QuerySet]:
    """A ?q= filter: every word must appear in one of the fields."""
    def apply(qs, value):
        for word in value.split()[:5]:
            condition = Q()
            for name in names:
                condition |= Q(**{f"{name}__icontains": word})
            qs = qs.filter(condition)
        return qs
    return apply


class Resource:
    """One API resource: subclass, fill in the class attributes, decorate with @register."""

    name: str = ""  # the URL segment: /api/<name>/
    title: str = ""
    description: str = ""
    model_label: str = ""  # "app.Model"; its public() rows are served
    fields: list[Field] = []
    filters: list[Filter] = []
    ordering: tuple[str, ...] = ("-pk",)
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple[str, ...] = ()
    # fields the resource needs on the model: it is offered only when the model has them all
    requires: tuple[str, ...] = ()

    @property
    def model(self):
        return optional.model(self.model_label)

    def available(self) -> bool:
        return optional.public_queryset(self.model) is not None and optional.has_fields(self.model, *self.requires)

    def queryset(self) -> QuerySet:
        qs = optional.public_queryset(self.model)
        if self.select_related:
            qs = qs.select_related(*self.select_related)
        if self.prefetch_related:
            qs = qs.prefetch_related(*self.prefetch_related)
        return qs.order_by(*self.ordering)

    def filtered(self, params) -> QuerySet:
        qs = self.queryset()
        for spec in self.filters:
            raw = params.get(spec.name)
            if raw is None or raw.strip() == "":
                continue
            qs = spec.apply(qs, spec.parse(raw))
        return qs

    def serialize(self, obj, request=None, *, detail: bool = False) -> dict:
        return {f.name: f.value(obj, request) for f in self.fields if detail or not f.detail_only}


REGISTRY: dict[str, Resource] = {}


def register(resource_class: type[Resource]) -> type[Resource]:
    REGISTRY[resource_class.name] = resource_class()
    return resource_class


def available_resources() -> list[Resource]:
    return [resource for resource in REGISTRY.values() if resource.available()]
