"""JSON views of the open-data API; every answer, errors included, is JSON with Chinese messages."""
from __future__ import annotations

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from portal.api.base import REGISTRY, available_resources
from portal.api.schema import build_schema
from portal.params import MAX_PAGE, InvalidParameter, Params, to_id
from portal.api.throttle import DEFAULT_RATE, DEFAULT_WINDOW, rate_limited

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


def _json(data, status: int = 200) -> JsonResponse:
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    # Open data: any site may read it from a browser.
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _error(message: str, status: int) -> JsonResponse:
    return _json({"error": message}, status=status)


def _resource_or_404(name: str):
    resource = REGISTRY.get(name)
    if resource is None or not resource.available():
        return None
    return resource


@require_safe
@rate_limited
def api_index(request):
    return _json({
        "title": "开放数据接口",
        "resources": [
            {"name": r.name, "title": r.title, "description": r.description,
             "url": request.build_absolute_uri(f"/api/{r.name}/")}
            for r in available_resources()
        ],
        "schema": request.build_absolute_uri("/api/schema/"),
        "docs": request.build_absolute_uri("/api/docs/"),
    })


@require_safe
@rate_limited
def resource_list(request, name: str):
    resource = _resource_or_404(name)
    if resource is None:
        return _error("没有这个数据接口。", 404)
    try:
        params = Params(request.GET, strict=True)
        page_size = params.int("page_size", minimum=1, maximum=MAX_PAGE_SIZE, default=DEFAULT_PAGE_SIZE)
        page = params.page(maximum=MAX_PAGE)
        qs = resource.filtered(params)
    except InvalidParameter as exc:
        return _error(str(exc), 400)
    count = qs.count()
    num_pages = max(1, -(-count // page_size))
    rows = qs[(page - 1) * page_size: page * page_size] if page <= num_pages else []

    def page_url(number):
        params = request.GET.copy()
        params["page"] = number
        return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")

    return _json({
        "count": count,
        "page": page,
        "page_size": page_size,
        "num_pages": num_pages,
        "next": page_url(page + 1) if page < num_pages else None,
        "previous": page_url(page - 1) if 1 < page <= num_pages + 1 else None,
        "results": [resource.serialize(obj, request) for obj in rows],
    })


@require_safe
@rate_limited
def resource_detail(request, name: str, pk: str):
    resource = _resource_or_404(name)
    if resource is None:
        return _error("没有这个数据接口。", 404)
    pk = to_id(pk)
    if pk is None:
        return _error("编号应为正整数。", 404)
    obj = resource.queryset().filter(pk=pk).first()
    if obj is None:
        return _error("没有找到该条数据，或尚未发布。", 404)
    return _json(resource.serialize(obj, request, detail=True))


@require_safe
@rate_limited
def schema(request):
    return _json(build_schema(request))


@require_safe
def docs(request):
    return render(request, "portal/api_docs.html", {
        "resources": available_resources(), "max_page_size": MAX_PAGE_SIZE, "default_page_size": DEFAULT_PAGE_SIZE,
        "rate": getattr(settings, "API_RATE_LIMIT", DEFAULT_RATE), "window": getattr(settings, "API_RATE_WINDOW", DEFAULT_WINDOW),
        "trail": [("数据开放", "")],
    })
