from django.shortcuts import render

from policies import selectors
from policies.models import PolicyDocument
from portal.pagination import paginate, query_without_page
from portal.selectors import public_or_preview


def policy_list(request):
    filters = selectors.PolicyFilters.from_query(request.GET)
    qs = selectors.policy_list(filters=filters)
    page = paginate(request, qs, per_page=20)
    facets = selectors.policy_facets(qs)
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
    return render(request, "policies/policy_list.html", {
        "page": page,
        "filters": filters,
        "facets": facets,
        "facet_names": {name: label for name, (label, _) in selectors.FACETS.items()},
        "querystring": query_without_page(request),
        "section": "documents",
    })


def policy_detail(request, pk: int):
    policy, is_preview = public_or_preview(
        PolicyDocument.objects.select_related("issuer", "superseded_by", "department").prefetch_related("co_issuers", "attachments"),
        pk, request.user,
    )
    return render(request, "policies/policy_detail.html", {
        "policy": policy,
        "is_preview": is_preview,
        "replaces": list(policy.supersedes.public()),
        "related": selectors.policy_related(policy),
        "guidance": selectors.policy_guidance(policy),
        "section": "documents",
    })
