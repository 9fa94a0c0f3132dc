"""The kinds of content unified search covers, discovered from haystack's unified index.

Each app's SearchIndex says what its rows are called with `type_name` ("policy") and
`type_label` ("政策文件"); nothing here needs to change when an app adds an index.
"""
from __future__ import annotations

from dataclasses import dataclass

from haystack import connections
from haystack.utils import get_model_ct

# Tabs in this order first (what citizens look for most), then the rest by label.
PREFERRED_ORDER = ["policy", "interpretation", "qa", "guide", "article", "activity", "report", "consultation"]


@dataclass(frozen=True)
class SearchType:
    name: str
    label: str
    model: type
    index: object

    @property
    def ct(self) -> str:
        return get_model_ct(self.model)


_cache: dict[int, list[SearchType]] = {}


def search_types() -> list[SearchType]:
    unified = connections["default"].get_unified_index()
    key = id(unified)
    found = _cache.get(key)
    if found is None:
        found = []
        for model, index in unified.get_indexes().items():
            name = getattr(index, "type_name", None) or model._meta.model_name
            label = getattr(index, "type_label", None) or str(model._meta.verbose_name)
            found.append(SearchType(name=name, label=label, model=model, index=index))
        rank = {name: i for i, name in enumerate(PREFERRED_ORDER)}
        found.sort(key=lambda t: (rank.get(t.name, len(rank)), t.label))
        _cache.clear()
        _cache[key] = found
    return found


def type_named(name: str) -> SearchType | None:
    return next((t for t in search_types() if t.name == name), None)


def type_for_ct(ct: str) -> SearchType | None:
    return next((t for t in search_types() if t.ct == ct), None)
