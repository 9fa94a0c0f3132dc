"""/search/ (unified search page) and /api/search/ (the JSON contract in DESIGN.md).

Thin: read and bound the parameters, call portal.search.service, render. Any input gives a page
or JSON, never a 500 (the service never raises on input).
"""
from __future__ import annotations

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET

from policies.search_form import library_form
from policies.selectors import EXTRA_FILTERS, FACETS, PolicyFilters
from portal import cache_versions
from portal.api.throttle import rate_limited
from portal.params import Params
from portal.search import engines, service, synonyms
from portal.search.models import SearchChannel
from portal.search.searchlog import record_search
from portal.search.selectors import hot_words
from portal.search.types import search_types
from portal.search.understand import SEARCH_FIELDS

PER_PAGE = service.PER_PAGE
MAX_PARAM_CHARS = 2000
# The search box takes 200 characters; a longer query (pasted text, a robot) is searched and echoed cut to
# that length: every tab, facet and page link repeats the query, and 5,000 characters made a 764 KB page.
MAX_QUERY_CHARS = 200


def _page_number(request) -> int:
    # Past the last page the service answers the last one; beyond MAX_PAGE is never a page.
    return min(Params(request.GET).page(maximum=10**9), service.MAX_PAGE)


def _param(request, name: str) -> str:
    return Params(request.GET).text(name, max_length=MAX_QUERY_CHARS if name == "q" else MAX_PARAM_CHARS)


def _link_params(request):
    """The page's parameters for the links it draws (the query cut as it was searched)."""
    params = request.GET.copy()
    if "q" in params:
        params["q"] = _param(request, "q")
    return params


def _policy_options(request, type_name: str) -> dict:
    """The policy library's controls (field, sort, filters) as service.search's arguments: the
    search page's policy tab and /api/search/?type=policy read the same ones."""
    p = Params(request.GET)
    policy = type_name == service.POLICY_TYPE
    return {"sort": p.choice("sort", service.sorts_for(type_name), default="relevance"),
            "field": p.choice("field", SEARCH_FIELDS),
            "filters": PolicyFilters.from_query(request.GET) if policy else None}


@require_GET
@rate_limited
def search_api(request):
    page_number = _page_number(request)
    type_name = _param(request, "type").strip()[:30]
    results = service.search(_param(request, "q"), type_name=type_name, page=page_number, log=False,
                             **_policy_options(request, type_name))
    if page_number == 1:  # API traffic is logged apart: it never counts toward 热词
        record_search(**service.log_fields(results), request=request, channel=SearchChannel.API)
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
            params = _link_params(request)
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
    params = _link_params(request)
    for name in ["page", "type", *FACETS, *EXTRA_FILTERS]:
        params.pop(name, None)
    if type_name:
        params["type"] = type_name
    return params.urlencode()


# A results part is kept this long at most; any commit to the index or change of content replaces
# it at once anyway (its key names both). Bounds the memory one-off queries hold.
RESULTS_HTML_SECONDS = 120


def _type_name(request) -> str:
    type_name = _param(request, "type").strip()[:30]
    return type_name if type_name in {t.name for t in search_types()} else ""


@require_GET
def search_page(request):
    type_name = _type_name(request)
    part = _results_part(request, type_name)
    if part["log"]:
        record_search(**part["log"], request=request, channel=SearchChannel.WEB)
    return render(request, "portal/search.html", {
        "results_html": cache_versions.unpack(part["html"]),
        "title_query": part["query"],
        "raw_query": _param(request, "q"),
        "hot_words": hot_words(limit=10),
        "type_name": type_name,
        "search_trail": [("站内搜索", None)],
    })


def _results_part(request, type_name: str) -> dict:
    """The rendered results (tabs, facets, list, pages) and what the search log needs of them.

    Popular queries are asked again and again, and each costs ~20 ms of CPU, more than a page may
    spend under load (bench/RESULTS.md, "## Load"). As a search engine's query-result cache does,
    the answer is kept under a key naming all that it was made from: the query string, the index
    as now committed (engines.current().state(): any commit or swap, from any process, makes a new key), this
    process's synonyms, and the content version (a withdrawal hides a document before its index
    entry goes). A database fallback (the index broke) is never kept: the index's answer returns
    as soon as it can.
    """
    index_state = engines.cache_state()
    if index_state is None:  # missing or unreadable: service.search falls back and says so
        return _render_results(request, type_name)
    key = f"search-page:{index_state}:{synonyms.fingerprint()}:{cache_versions.query_key(request)}"
    return cache_versions.cached(cache_versions.CONTENT, key, lambda: _render_results(request, type_name),
                                 timeout=RESULTS_HTML_SECONDS, keep=lambda part: not part["fallback"])


def _render_results(request, type_name: str) -> dict:
    query = _param(request, "q")
    chosen = _policy_options(request, type_name)
    filters = chosen["filters"]
    page_number = requested = _page_number(request)
    options = {"type_name": type_name, **chosen, "with_counts": True,
               "with_facets": type_name == service.POLICY_TYPE, "log": False}
    results = service.search(query, page=page_number, **options)
    paginator = Paginator(range(results.count), PER_PAGE)
    if results.count and page_number > paginator.num_pages:
        page_number = paginator.num_pages
        results = service.search(query, page=page_number, **options)
    page = paginator.get_page(page_number)
    params = _link_params(request)
    params.pop("page", None)
    sort_params = _link_params(request)
    sort_params.pop("page", None)
    sort_params.pop("sort", None)
    html = render_to_string("portal/_search_results.html", {
        "results": results,
        "page": page,
        "querystring": params.urlencode(),
        "sort_querystring": sort_params.urlencode(),
        "sorts": service.sorts_for(type_name),
        "library_form": library_form(request.GET, q=query, filters=filters, field=chosen["field"], sort=results.sort,
                                     sorts=service.sorts_for(type_name), action=request.path) if filters else None,
        "tabs": [{"name": tc.name, "label": tc.label, "count": tc.count, "query": _tab_query(request, tc.name),
                  "active": tc.name == type_name} for tc in results.type_counts],
        "facet_groups": _facet_links(request, results.facets) if results.facets else [],
        "active_filters": filters.active() if filters else {},
        "type_name": type_name,
    }, request)
    # Paging on is not a new search: only first pages are logged (as service.search does).
    return {"html": cache_versions.pack(html), "query": results.query, "fallback": results.fallback,
            "log": service.log_fields(results) if requested == 1 else None}
