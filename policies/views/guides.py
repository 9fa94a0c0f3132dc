"""办事指南 pages and the printable QR code of an online entry."""
from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render

from policies import selectors
from policies.models import ServiceGuide
from policies.qr import qr_png
from portal import page_tags
from portal.pagination import paginate, query_without_page
from portal.params import Params
from portal.selectors import public_or_preview


def guide_list(request):
    query = Params(request.GET).text("q", max_length=50)
    qs = selectors.guide_list()
    if query:
        qs = qs.filter(name__icontains=query)
    page = paginate(request, qs, per_page=20)
    return render(request, "policies/guide_list.html", {"page": page, "query": query, "section": "guides", "querystring": query_without_page(request)})


def guide_detail(request, pk: int):
    guide, is_preview = public_or_preview(
        ServiceGuide.objects.select_related("department").prefetch_related("materials", "steps"), pk, request.user,
    )
    return render(request, "policies/guide_detail.html", {
        "page_tags": page_tags.for_article(request, guide),
        "guide": guide, "is_preview": is_preview, "section": "guides",
        "policies": list(guide.policies.public().select_related("issuer")),
        "qas": list(guide.qas.public().order_by("sort_order", "id")[:10]),
    })


def guide_qr_png(request, pk: int):
    guide = ServiceGuide.objects.public().filter(pk=pk).first()
    if guide is None or not guide.online_url:
        raise Http404("该事项没有在线办理入口。")
    response = HttpResponse(qr_png(guide.online_url), content_type="image/png")
    response["Cache-Control"] = "public, max-age=86400"
    return response
