from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.shortcuts import render
from django.template.loader import render_to_string

from policies import selectors
from policies.search_form import library_form
from policies.models import PolicyDocument
from portal import cache_versions, page_tags
from portal.pagination import paginate, query_without_page
from portal.params import Params
from portal.search import engines, service
from portal.search.understand import SEARCH_FIELDS
from portal.selectors import public_or_preview

# How long rendered pages are kept: bounds the memory that rarely read pages (crawlers walking
# every page) hold; a change of content replaces them at once anyway.
DETAIL_HTML_SECONDS = 600
LIST_HTML_SECONDS = 120
LIST_PER_PAGE = 20
MAX_QUERY_CHARS = 200  # as the search box of /search/
FACET_VALUES_SHOWN = 12  # the most frequent values of each facet; the library has dozens of issuers and years


def policy_list(request):
    # One query string shows the same to every visitor until a document or department changes
    # (portal/cache_versions.py); the key is the whole query, as every link on the page carries it.
    # A keyword search also names the index as now committed (as /search/ does): the index catches
    # up with a change after the change's version bump.
    key = f"list-page:{cache_versions.query_key(request)}"
    if Params(request.GET).text("q"):
        index_state = engines.cache_state()
        if index_state is None:  # missing or unreadable: the search falls back to the database, uncached
            return _render_list(request, _list_html(request))
        key = f"list-page:{index_state}:{cache_versions.query_key(request)}"
    html = cache_versions.cached_html(cache_versions.POLICIES, key, lambda: _list_html(request), timeout=LIST_HTML_SECONDS)
    return _render_list(request, html)


def _render_list(request, html):
    return render(request, "policies/policy_list.html", {"main_html": html, "section": "documents"})


def _list_html(request) -> str:
    p = Params(request.GET)
    filters = selectors.PolicyFilters.from_query(request.GET)
    q = p.text("q", max_length=MAX_QUERY_CHARS)
    field = p.choice("field", SEARCH_FIELDS)
    # Without keywords there is no 相关度: the list is newest first by 发布日期 unless 成文日期 is asked.
    sort = p.choice("sort", service.POLICY_SORTS, default="relevance" if q else "time")
    if q:
        count, policies, all_facets, page = _searched(request, q, filters, field, sort)
    else:
        summary = selectors.policy_list_summary(filters)
        rows = cache_versions.KnownCount(selectors.policy_list(filters=filters, order=sort), summary.count)
        page = paginate(request, rows, per_page=LIST_PER_PAGE)
        count, policies, all_facets = summary.count, list(page), summary.facets
    # A copy: the cached summary is shared by every visitor, the links below are this visitor's.
    facets = {name: [dict(item) for item in items[:FACET_VALUES_SHOWN]] for name, items in all_facets.items()}
    for name, items in facets.items():
        for item in items:
            params = request.GET.copy()
            params.pop("page", None)
            item["selected"] = params.get(name) == item["value"]
            if item["selected"]:
                params.pop(name)
            else:
                params[name] = item["value"]
            item["query"] = params.urlencode()
    return render_to_string("policies/_policy_list_main.html", {
        "page": page,
        "count": count,
        "policies": policies,
        "q": q,
        "form": library_form(request.GET, q=q, filters=filters, field=field, sort=sort, sorts=service.POLICY_SORTS,
                             action=request.path),
        "filters": filters,
        "facets": facets,
        "facet_names": {name: label for name, (label, _) in selectors.FACETS.items()},
        "querystring": query_without_page(request),
    }, request)


def _searched(request, q: str, filters, field: str, sort: str):
    """(count, documents of the page, facets, page) of a keyword search of the library."""
    page_number = min(Params(request.GET).page(), service.MAX_PAGE)
    options = {"filters": filters, "per_page": LIST_PER_PAGE, "sort": sort, "field": field, "log": False}
    results = service.search_policies(q, page=page_number, **options)
    paginator = Paginator(range(results.count), LIST_PER_PAGE)
    if results.count and page_number > paginator.num_pages:  # past the last page: the last one
        page_number = paginator.num_pages
        results = service.search_policies(q, page=page_number, **options)
    return results.count, [item.obj for item in results.items], results.facets or {}, paginator.get_page(page_number)


def policy_detail(request, pk: int):
    policy, is_preview = public_or_preview(
        PolicyDocument.objects.select_related("issuer", "superseded_by", "department"), pk, request.user,
    )

    def main_html():
        prefetch_related_objects([policy], "co_issuers", "attachments")
        return render_to_string("policies/_policy_main.html", {
            "policy": policy,
            "replaces": list(policy.supersedes.public()),
            "related": selectors.policy_related(policy),
            "guidance": selectors.policy_guidance(policy),
        }, request)

    # The public page is the same for every visitor until anything is published or edited
    # (portal/cache_versions.py): rendering it is most of its cost. A preview is never cached.
    html = main_html() if is_preview else cache_versions.cached_html(
        cache_versions.CONTENT, f"policy-page:{policy.pk}", main_html, timeout=DETAIL_HTML_SECONDS)
    return render(request, "policies/policy_detail.html", {
        "page_tags": page_tags.for_article(request, policy),
        "policy": policy, "is_preview": is_preview, "main_html": html, "section": "documents",
    })
