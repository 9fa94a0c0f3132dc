from django.http import JsonResponse
from django.shortcuts import render

from portal.pagination import paginate
from portal.search.service import search_policies

PER_PAGE = 10


def _page_number(request) -> int:
    raw = request.GET.get("page", "1")
    return max(1, min(int(raw), 1000)) if raw.isdigit() else 1


def search_page(request):
    page_number = _page_number(request)
    results = search_policies(request.GET.get("q", ""), offset=(page_number - 1) * PER_PAGE, limit=PER_PAGE)
    return render(request, "portal/search.html", {"results": results, "page_number": page_number})


def search_api(request):
    page_number = _page_number(request)
    results = search_policies(request.GET.get("q", ""), offset=(page_number - 1) * PER_PAGE, limit=PER_PAGE)
    return JsonResponse({
        "count": results.count,
        "page": page_number,
        "results": [
            {
                "type": "policy", "id": p.pk, "title": p.title, "doc_number": p.doc_number,
                "url": p.get_absolute_url(), "snippet": (p.summary or p.body_text)[:120],
                "external_id": p.external_id,
            }
            for p in results.objects
        ],
        "suggestion": results.suggestion or None,
    }, json_dumps_params={"ensure_ascii": False})
