"""The OpenAPI 3 description of the API, built from the resource declarations."""
from __future__ import annotations

from portal.api.base import MAX_INT, Resource, available_resources
from portal.models import SiteSettings

ERROR = {"$ref": "#/components/schemas/Error"}


def _component_name(resource: Resource) -> str:
    return "".join(part.capitalize() for part in resource.name.split("-"))


def _item_schema(resource: Resource, *, detail: bool) -> dict:
    fields = [f for f in resource.fields if detail or not f.detail_only]
    return {
        "type": "object",
        "properties": {f.name: f.schema() for f in fields},
        "required": [f.name for f in fields],
    }


def _error_response(description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": ERROR}}}


def _list_operation(resource: Resource, name: str) -> dict:
    parameters = [
        {"name": "page", "in": "query", "required": False, "description": "页码，从 1 开始",
         "schema": {"type": "integer", "minimum": 1, "maximum": 100000, "default": 1}},
        {"name": "page_size", "in": "query", "required": False, "description": "每页条数（1–100）",
         "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20}},
    ]
    parameters += [
        {"name": f.name, "in": "query", "required": False, "description": f.description, "schema": f.schema()}
        for f in resource.filters
    ]
    return {
        "operationId": f"list_{resource.name.replace('-', '_')}",
        "summary": f"{resource.title}列表",
        "description": resource.description,
        "tags": [resource.title],
        "parameters": parameters,
        "responses": {
            "200": {"description": "一页数据", "content": {"application/json": {"schema": {
                "$ref": f"#/components/schemas/{name}Page"}}}},
            "400": _error_response("参数无效"),
            "404": _error_response("接口不存在"),
            "429": _error_response("请求过于频繁"),
        },
    }


def _detail_operation(resource: Resource, name: str) -> dict:
    return {
        "operationId": f"get_{resource.name.replace('-', '_')}",
        "summary": f"{resource.title}详情",
        "tags": [resource.title],
        "parameters": [{"name": "id", "in": "path", "required": True, "description": "编号",
                        "schema": {"type": "integer", "minimum": 1, "maximum": MAX_INT}}],
        "responses": {
            "200": {"description": "一条数据", "content": {"application/json": {"schema": {
                "$ref": f"#/components/schemas/{name}Detail"}}}},
            "404": _error_response("不存在或尚未发布"),
            "429": _error_response("请求过于频繁"),
        },
    }


SEARCH_RESULT = {
    "type": "object",
    "properties": {
        "type": {"type": "string", "description": "内容类型（如 policy）"},
        "id": {"type": "integer"},
        "title": {"type": "string"},
        "doc_number": {"type": "string", "description": "发文字号（政策文件）"},
        "url": {"type": "string", "description": "页面地址"},
        "snippet": {"type": "string", "description": "摘要（HTML，命中词以 <em> 标出）"},
        "external_id": {"nullable": True, "description": "导入来源的编号"},
    },
    "required": ["type", "id", "title", "doc_number", "url", "snippet", "external_id"],
}


def _search_operation() -> dict:
    from portal.search.service import MAX_PAGE
    from portal.search.types import search_types

    names = "、".join(t.name for t in search_types())
    return {
        "operationId": "search",
        "summary": "站内搜索",
        "description": "全文检索已发布的内容，每页 10 条，按相关度排序；不认识的类型返回空结果。",
        "tags": ["站内搜索"],
        "parameters": [
            {"name": "q", "in": "query", "required": False, "description": "检索词（拼音、同义词、发文字号均可）",
             "schema": {"type": "string", "maxLength": 2000}},
            {"name": "type", "in": "query", "required": False, "description": f"只搜一种内容：{names}",
             "schema": {"type": "string", "maxLength": 30}},
            {"name": "page", "in": "query", "required": False, "description": "页码，从 1 开始",
             "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1}},
        ],
        "responses": {
            "200": {"description": "一页结果", "content": {"application/json": {"schema": {
                "$ref": "#/components/schemas/SearchPage"}}}},
            "429": _error_response("请求过于频繁"),
        },
    }


def build_schema(request) -> dict:
    paths: dict = {}
    schemas: dict = {
        "Error": {"type": "object", "properties": {"error": {"type": "string", "description": "错误说明（中文）"}},
                  "required": ["error"]},
    }
    for resource in available_resources():
        name = _component_name(resource)
        schemas[f"{name}Item"] = _item_schema(resource, detail=False)
        schemas[f"{name}Detail"] = _item_schema(resource, detail=True)
        schemas[f"{name}Page"] = {
            "type": "object",
            "properties": {
                "count": {"type": "integer", "description": "符合条件的总条数"},
                "page": {"type": "integer"},
                "page_size": {"type": "integer"},
                "num_pages": {"type": "integer"},
                "next": {"type": "string", "nullable": True, "description": "下一页地址"},
                "previous": {"type": "string", "nullable": True, "description": "上一页地址"},
                "results": {"type": "array", "items": {"$ref": f"#/components/schemas/{name}Item"}},
            },
            "required": ["count", "page", "page_size", "num_pages", "next", "previous", "results"],
        }
        paths[f"/api/{resource.name}/"] = {"get": _list_operation(resource, name)}
        paths[f"/api/{resource.name}/{{id}}/"] = {"get": _detail_operation(resource, name)}
    schemas["SearchResult"] = SEARCH_RESULT
    schemas["SearchPage"] = {
        "type": "object",
        "properties": {
            "count": {"type": "integer", "description": "命中总数"},
            "page": {"type": "integer"},
            "results": {"type": "array", "items": {"$ref": "#/components/schemas/SearchResult"}},
            "suggestion": {"type": "string", "nullable": True, "description": "您是不是要找（拼写建议）"},
        },
        "required": ["count", "page", "results", "suggestion"],
    }
    paths["/api/search/"] = {"get": _search_operation()}
    site = SiteSettings.current()
    return {
        "openapi": "3.0.3",
        "info": {
            "title": f"{site.site_name}开放数据接口",
            "version": "1.0",
            "description": (
                f"{site.government_name}主动公开的政策文件、解读、问答、办事指南、主题日活动和权责清单，只读、JSON 格式。"
                "只包含已发布的内容，不含任何个人信息。每个地址每分钟的请求次数有限制，超出时返回 429。"
            ),
        },
        "servers": [{"url": request.build_absolute_uri("/").rstrip("/")}],
        "paths": paths,
        "components": {"schemas": schemas},
    }
