"""robots.txt, the site icons, the feeds page and the human-readable site map."""
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.shortcuts import render

from portal import feeds, optional
from portal.context_processors import navigation
from portal.models import Column, Department


# Browsers, phones and crawlers ask for these at the site root whatever the pages link to.
ROOT_ICONS = {"favicon.ico": "portal/favicon.ico", "apple-touch-icon.png": "portal/apple-touch-icon.png",
              "apple-touch-icon-precomposed.png": "portal/apple-touch-icon.png"}


def root_icon(request, name: str):
    return HttpResponsePermanentRedirect(static(ROOT_ICONS[name]))


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /kiosk/",
        "Disallow: /search/",
        "Disallow: /openinfo/track/",
        "Disallow: /api/",
        "Disallow: /captcha/",
        "Disallow: /elder/speech/",
        "Disallow: /elder/audio/",
        "Allow: /api/docs/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def feeds_index(request):
    policy_topics, departments = [], []
    if optional.model("policies.PolicyDocument") is not None:
        from policies.selectors import policy_facets, policy_list

        facets = policy_facets(policy_list())
        policy_topics = facets.get("topic", [])
        names = [row["value"] for row in facets.get("issuer", [])]
        departments = list(Department.objects.filter(name__in=names).order_by("sort_order", "id"))
    return render(request, "portal/feeds.html", {
        "feeds": feeds.available_feeds(), "topics": policy_topics, "departments": departments,
        "trail": [("信息订阅", "")],
    })


def site_map(request):
    return render(request, "portal/site_map.html", {
        "sections": [item for item in navigation(request.path) if item["url"] != "/"],
        "columns": Column.objects.active(),
        "feeds_url": optional.url("portal:feeds"),
        "trail": [("网站地图", "")],
    })
