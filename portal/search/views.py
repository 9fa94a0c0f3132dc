"""/search/ (unified search page) and /api/search/ (the JSON contract in DESIGN.md).

Thin: read and bound the parameters, call portal.search.service, render. Any input gives a page
or JSON, never a 500 (the service never raises on input).
"""
from __future__ import annotations

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from policies.selectors import FACETS, PolicyFilters
from portal.search import service
from portal.search.selectors import hot_words
from portal.search.types import search_types

PER_PAGE = service.PER_PAGE
MAX_PARAM_CHARS = 2000


def _page_number(request) -> int:
    raw = (request.GET.get("page") or "1").strip()
    return max(1, min(int(raw), service.MAX_PAGE)) if raw.isdigit() and len(raw) < 6 else 1


def _param(request, name: str) -> str:
    return (request.GET.get(name) or "")[:MAX_PARAM_CHARS]


@require_GET
def search_api(request):
    page_number = _page_number(request)
    results = service.search(_param(request, "q"), type_name=_param(request, "type").strip()[:30], page=page_number)
    return JsonResponse({
        "count": results.count,
        "page": page_number,
        "results": [item.as_api() for item in results.items],
        "suggestion": results.suggestion or None,
    }, json_dumps_params={"ensure_ascii": False})


def _facet_links(request, facets: dict) -> list[dict]:
    """Each facet value with the query string that toggles it (keeping q, type and sort)."""
    groups = []
    for name, items in (facets or {}).items():
        links = []
        for item in items:
            params = request.GET.copy()
            params.pop("page", None)
            selected = params.get(name) == str(item["value"])
            if selected:
                params.pop(name)
            else:
                params[name] = item["value"]
            links.append({**item, "selected": selected, "query": params.urlencode()})
        if links:
            groups.append({"name": name, "label": FACETS[name][0], "items": links})
    return groups


def _tab_query(request, type_name: str) -> str:
    params = request.GET.copy()
    for name in ["page", "type", *FACETS]:
        params.pop(name, None)
    if type_name:
        params["type"] = type_name
    return params.urlencode()


@require_GET
def search_page(request):
    query = _param(request, "q")
    type_name = _param(request, "type").strip()[:30]
    known = {t.name for t in search_types()}
    if type_name not in known:
        type_name = ""
    sort = _param(request, "sort") if _param(request, "sort") in service.SORTS else "relevance"
    filters = PolicyFilters.from_query(request.GET) if type_name == service.POLICY_TYPE else None
    page_number = _page_number(request)
    results = service.search(query, type_name=type_name, page=page_number, sort=sort, filters=filters,
                             with_counts=True, with_facets=type_name == service.POLICY_TYPE)
    paginator = Paginator(range(results.count), PER_PAGE)
    if results.count and page_number > paginator.num_pages:
        page_number = paginator.num_pages
        results = service.search(query, type_name=type_name, page=page_number, sort=sort, filters=filters,
                                 with_counts=True, with_facets=type_name == service.POLICY_TYPE, log=False)
    page = paginator.get_page(page_number)
    params = request.GET.copy()
    params.pop("page", None)
    sort_params = request.GET.copy()
    sort_params.pop("page", None)
    sort_params.pop("sort", None)
    return render(request, "portal/search.html", {
        "results": results,
        "raw_query": query[:200],
        "page": page,
        "querystring": params.urlencode(),
        "sort_querystring": sort_params.urlencode(),
        "sorts": service.SORTS,
        "tabs": [{"name": tc.name, "label": tc.label, "count": tc.count, "query": _tab_query(request, tc.name),
                  "active": tc.name == type_name} for tc in results.type_counts],
        "facet_groups": _facet_links(request, results.facets) if results.facets else [],
        "active_filters": filters.active() if filters else {},
        "hot_words": hot_words(limit=10),
        "type_name": type_name,
        "search_trail": [("站内搜索", None)],
    })
