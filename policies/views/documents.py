from django.db.models import prefetch_related_objects
from django.shortcuts import render
from django.template.loader import render_to_string

from policies import selectors
from policies.models import PolicyDocument
from portal import cache_versions, page_tags
from portal.pagination import paginate, query_without_page
from portal.selectors import public_or_preview

# How long rendered pages are kept: bounds the memory that rarely read pages (crawlers walking
# every page) hold; a change of content replaces them at once anyway.
DETAIL_HTML_SECONDS = 600
LIST_HTML_SECONDS = 120
FACET_VALUES_SHOWN = 12  # the most frequent values of each facet; the library has dozens of issuers and years


def policy_list(request):
    # One query string shows the same to every visitor until a document or department changes
    # (portal/cache_versions.py); the key is the whole query, as every link on the page carries it.
    html = cache_versions.cached_html(cache_versions.POLICIES, f"list-page:{cache_versions.query_key(request)}",
                                      lambda: _list_html(request), timeout=LIST_HTML_SECONDS)
    return render(request, "policies/policy_list.html", {"main_html": html, "section": "documents"})


def _list_html(request) -> str:
    filters = selectors.PolicyFilters.from_query(request.GET)
    summary = selectors.policy_list_summary(filters)
    page = paginate(request, cache_versions.KnownCount(selectors.policy_list(filters=filters), summary.count), per_page=20)
    # A copy: the cached summary is shared by every visitor, the links below are this visitor's.
    facets = {name: [dict(item) for item in items[:FACET_VALUES_SHOWN]] for name, items in summary.facets.items()}
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
        "filters": filters,
        "facets": facets,
        "facet_names": {name: label for name, (label, _) in selectors.FACETS.items()},
        "querystring": query_without_page(request),
    }, request)


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
