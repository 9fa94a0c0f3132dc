"""The zone's reading pages: home, 政府文件, 解读, 长者服务 (+QR), 懂生活, 通知公告."""
from django.http import Http404, HttpResponse
from django.shortcuts import render

from elderzone import selectors
from elderzone.models import ElderNotice, ElderService, LifeArticle, LifeCategory, ServiceCategory
from elderzone.qr import qr_png
from portal import cache_versions, page_tags
from portal.pagination import paginate, query_without_page
from portal.params import Params
from portal.selectors import public_or_preview

PER_PAGE = 10  # big type: ten items is already several screens


def home(request):
    return render(request, "elderzone/home.html", {
        "latest_policies": list(selectors.elder_policies()[:3]),
        "has_interpretations": selectors.interpretation_model() is not None,
    })


def policy_list(request):
    section = Params(request.GET).choice("section", selectors.ELDER_SECTIONS)
    # The total is cached until a policy changes: counting the zone's share of 20,000 documents
    # costs more than the rest of the page.
    policies = selectors.elder_policies(section=section)
    page = paginate(request, cache_versions.counted(cache_versions.POLICIES, f"elder:{section}", policies), PER_PAGE)
    return render(request, "elderzone/policy_list.html", {
        "page": page, "section": section, "querystring": query_without_page(request),
        "sections": [(key, label) for key, (label, _) in selectors.ELDER_SECTIONS.items()],
    })


def policy_detail(request, pk: int):
    from policies.models import PolicyDocument

    policy, is_preview = public_or_preview(PolicyDocument.objects.select_related("issuer"), pk, request.user)
    return render(request, "elderzone/policy_detail.html", {
        "page_tags": page_tags.for_article(request, policy),
        "policy": policy, "is_preview": is_preview,
        "interpretations": selectors.policy_interpretations(policy),
    })


def interpretation_list(request):
    qs = selectors.elder_interpretations()
    if qs is None:
        # No 解读 model in this build: the policies' own 内容概述 are the plain-words explanation.
        page = paginate(request, selectors.elder_policies(), PER_PAGE)
        return render(request, "elderzone/interpretation_list.html", {"page": page, "summaries_only": True,
                                                                      "querystring": query_without_page(request)})
    page = paginate(request, qs.prefetch_related("policies"), PER_PAGE)
    return render(request, "elderzone/interpretation_list.html", {"page": page, "summaries_only": False,
                                                                  "querystring": query_without_page(request)})


def interpretation_detail(request, pk: int):
    model = selectors.interpretation_model()
    if model is None:
        raise Http404("暂无政策解读。")
    interpretation, is_preview = public_or_preview(model.objects.all(), pk, request.user)
    return render(request, "elderzone/interpretation_detail.html", {
        "page_tags": page_tags.for_article(request, interpretation),
        "interpretation": interpretation, "is_preview": is_preview,
        "policies": list(interpretation.policies.public()),
    })


def service_list(request):
    services = list(selectors.services_public())
    groups = [(label, [s for s in services if s.category == value]) for value, label in ServiceCategory.choices]
    return render(request, "elderzone/service_list.html", {"groups": [g for g in groups if g[1]]})


def _service(request, pk):
    return public_or_preview(ElderService.objects.select_related("department"), pk, request.user)


def service_target(request, service) -> str:
    """The address the QR code carries: absolute, so a phone can open it."""
    return service.url if service.url.startswith(("http://", "https://")) else request.build_absolute_uri(service.url)


def service_detail(request, pk: int):
    service, is_preview = _service(request, pk)
    return render(request, "elderzone/service_detail.html", {
        "page_tags": page_tags.for_article(request, service),
        "service": service, "is_preview": is_preview, "target": service_target(request, service),
    })


def service_qr(request, pk: int):
    service, _ = _service(request, pk)
    response = HttpResponse(qr_png(service_target(request, service)), content_type="image/png")
    response["Cache-Control"] = "public, max-age=3600"
    if Params(request.GET).flag("download"):
        response["Content-Disposition"] = f'attachment; filename="elder-service-{service.pk}-qr.png"'
    return response


def life_list(request):
    category = Params(request.GET).choice("category", LifeCategory.values)
    page = paginate(request, selectors.life_articles(category=category), PER_PAGE)
    return render(request, "elderzone/life_list.html", {
        "page": page, "category": category, "categories": LifeCategory.choices,
        "querystring": query_without_page(request),
    })


def life_detail(request, pk: int):
    article, is_preview = public_or_preview(LifeArticle.objects.all(), pk, request.user)
    return render(request, "elderzone/article_detail.html", {
        "page_tags": page_tags.for_article(request, article),
        "article": article, "is_preview": is_preview, "section_title": "懂生活",
        "section_url_name": "elderzone:life_list", "category_label": article.get_category_display(),
    })


def notice_list(request):
    page = paginate(request, selectors.zone_notices(), PER_PAGE)
    return render(request, "elderzone/notice_list.html", {"page": page, "querystring": query_without_page(request)})


def notice_detail(request, pk: int):
    notice, is_preview = public_or_preview(ElderNotice.objects.all(), pk, request.user)
    return render(request, "elderzone/article_detail.html", {
        "page_tags": page_tags.for_article(request, notice),
        "article": notice, "notice": notice, "is_preview": is_preview, "section_title": "通知公告",
        "section_url_name": "elderzone:notice_list",
    })


def site_notice_detail(request, pk: int):
    """A site-wide 通知公告 (portal) in the zone's large type, with 朗读."""
    qs = selectors.site_notices()
    if qs is None:
        raise Http404("没有这条通知。")
    notice = qs.filter(pk=pk).first()
    if notice is None:
        raise Http404("没有这条通知。")
    return render(request, "elderzone/article_detail.html", {
        "page_tags": page_tags.for_article(request, notice),
        "article": notice, "section_title": "通知公告", "section_url_name": "elderzone:notice_list",
    })
