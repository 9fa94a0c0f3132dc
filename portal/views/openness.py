"""五公开 navigation: the five categories, and the list of public content behind each item."""
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from portal import openness
from portal.pagination import paginate, query_without_page


def openness_index(request):
    return render(request, "portal/openness_index.html", {
        "overview": openness.overview(), "trail": [("五公开", "")],
    })


def _date_of(obj):
    for name in ("published_at", "issued_date", "start_at", "starts_on"):
        value = getattr(obj, name, None)
        if value:
            return value
    return None


def openness_items(request, category: str, item: str):
    found = openness.find(category, item)
    if found is None:
        raise Http404("栏目不存在。")
    category_spec, item_spec = found
    qs = item_spec.source()
    if qs is None:
        raise Http404("栏目暂无内容。")
    page = paginate(request, qs, 20)
    rows = [
        {"title": str(obj), "url": obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else "",
         "date": _date_of(obj), "department": getattr(getattr(obj, "department", None), "name", "")}
        for obj in page.object_list
    ]
    return render(request, "portal/openness_items.html", {
        "category": category_spec, "item": item_spec, "page": page, "rows": rows,
        "querystring": query_without_page(request), "more_url": item_spec.link(),
        "trail": [("五公开", reverse("portal:openness")), (category_spec.label, reverse("portal:openness") + f"#{category_spec.key}"),
                  (item_spec.label, "")],
    })
