"""Resource declarations: which public rows, which fields (an allow-list: nothing personal is ever
listed), which filters. Views, schema and docs are generated from these.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Callable

from django.db.models import Q, QuerySet

from portal import optional

from portal.params import MAX_INT, Params


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

    def parse(self, params: Params):
        """The filter's value from the query (strict Params: a bad value raises InvalidParameter)."""
        if self.type == "integer":
            return params.int(self.name, minimum=self.minimum, maximum=self.maximum)
        if self.type == "date":
            return params.date(self.name)
        if self.type == "boolean":
            value = params.choice(self.name, ["true", "false", "1", "0"])
            return value in ("true", "1") if value else None
        if self.allowed():
            return params.choice(self.name, self.allowed()) or None
        return params.text(self.name, max_length=self.max_length) or None

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

    def filtered(self, params: Params) -> QuerySet:
        qs = self.queryset()
        for spec in self.filters:
            value = spec.parse(params)
            if value is not None:
                qs = spec.apply(qs, value)
        return qs

    def serialize(self, obj, request=None, *, detail: bool = False) -> dict:
        return {f.name: f.value(obj, request) for f in self.fields if detail or not f.detail_only}


REGISTRY: dict[str, Resource] = {}


def register(resource_class: type[Resource]) -> type[Resource]:
    REGISTRY[resource_class.name] = resource_class()
    return resource_class


def available_resources() -> list[Resource]:
    return [resource for resource in REGISTRY.values() if resource.available()]
