"""The API's resources. Adding one is one small class: name, model, fields (allow-list), filters.

Fields are listed explicitly so that nothing personal (applicants, registrants, phones of people,
query codes) can ever be served; only 已发布 rows are (Resource.queryset uses .public()).
"""
from __future__ import annotations

from portal import optional
from portal.api.base import Field, Filter, Resource, register, text_search


def _choices(label: str, field_name: str):
    def values() -> list[str]:
        model = optional.model(label)
        if model is None:
            return []
        return [value for value, _ in model._meta.get_field(field_name).choices]
    return values


def _department_filter(path: str = "department") -> Filter:
    return Filter("department", "所属机构的机构代码（如 430000-02）", f"{path}__code", max_length=30)


def _year_filter(date_field: str, label: str) -> Filter:
    return Filter("year", f"{label}的年份", f"{date_field}__year", type="integer", minimum=1900, maximum=2100)


URL = Field("url", description="页面地址", source=lambda obj: obj.get_absolute_url())
DEPARTMENT = Field("department", description="所属机构", source="department.name")


def _topics() -> list[str]:
    from policies.topics import categories

    return list(categories())


@register
class PolicyResource(Resource):
    name = "policies"
    title = "政策文件"
    description = "已发布的政策文件（规章、行政规范性文件、其他文件），按发布日期从新到旧。"
    model_label = "policies.PolicyDocument"
    ordering = ("-issued_date", "-id")
    select_related = ("issuer",)
    requires = ("issuer", "issued_date", "topic", "doc_type", "validity")
    fields = [
        Field("id", "integer", "编号"),
        Field("title", description="标题"),
        Field("doc_number", description="发文字号"),
        Field("index_number", description="索引号"),
        Field("issuer", description="发文机关", source="issuer.name"),
        Field("issuer_code", description="发文机关代码", source="issuer.code"),
        Field("topic", description="主题分类（一级）"),
        Field("subtopic", description="主题分类（二级）"),
        Field("doc_type", description="文种代码"),
        Field("doc_type_label", description="文种", source=lambda p: p.get_doc_type_display()),
        Field("validity", description="有效性代码"),
        Field("validity_label", description="有效性", source=lambda p: p.get_validity_display()),
        Field("written_date", "date", "成文日期", nullable=True),
        Field("issued_date", "date", "发布日期", nullable=True),
        Field("effective_date", "date", "施行日期", nullable=True),
        Field("expiry_date", "date", "失效日期", nullable=True),
        Field("summary", description="内容概述"),
        Field("keywords", "array", "关键词", source=lambda p: p.keyword_list),
        Field("source", description="来源"),
        Field("external_id", description="外部编号", nullable=True),
        URL,
        Field("text", description="正文（纯文本）", source=lambda p: p.body_text, detail_only=True),
    ]
    filters = [
        Filter("q", "标题或发文字号包含的词（空格分隔多个词）", text_search("title", "doc_number")),
        Filter("issuer", "发文机关名称（完整名称）", "issuer__name"),
        Filter("issuer_code", "发文机关代码", "issuer__code", max_length=30),
        Filter("topic", "主题分类（一级）", "topic", choices=_topics),
        Filter("doc_type", "文种", "doc_type", choices=_choices("policies.PolicyDocument", "doc_type")),
        Filter("validity", "有效性", "validity", choices=_choices("policies.PolicyDocument", "validity")),
        _year_filter("issued_date", "发布日期"),
        Filter("issued_after", "发布日期不早于（含）", "issued_date__gte", type="date"),
        Filter("issued_before", "发布日期不晚于（含）", "issued_date__lte", type="date"),
    ]


@register
class InterpretationResource(Resource):
    name = "interpretations"
    title = "政策解读"
    description = "已发布的政策解读（文字解读、图解、视频、数说、厅说、专家解读、媒体解读）。"
    model_label = "policies.Interpretation"
    ordering = ("-published_at", "-id")
    select_related = ("department",)
    prefetch_related = ("policies",)
    requires = ("kind", "policies", "summary")
    fields = [
        Field("id", "integer", "编号"),
        Field("title", description="标题"),
        Field("kind", description="解读形式代码"),
        Field("kind_label", description="解读形式", source=lambda i: i.get_kind_display()),
        Field("summary", description="内容提要"),
        Field("speaker", description="解读嘉宾", nullable=True),
        Field("source", description="来源", nullable=True),
        DEPARTMENT,
        Field("published_at", "date-time", "发布时间", nullable=True),
        Field("policies", "array", "所解读政策文件的编号", items="integer",
              source=lambda i: [p.pk for p in i.policies.all() if p.is_public]),
        URL,
        Field("text", description="解读正文（纯文本）", source=lambda i: i.body_text, detail_only=True),
    ]
    filters = [
        Filter("q", "标题包含的词", text_search("title", "summary")),
        Filter("kind", "解读形式", "kind", choices=_choices("policies.Interpretation", "kind")),
        Filter("policy", "解读的政策文件编号", "policies__id", type="integer"),
        _department_filter(),
        _year_filter("published_at", "发布时间"),
    ]


@register
class QAResource(Resource):
    name = "qa"
    title = "政策问答"
    description = "问答库：从政策原文提炼的问题与答复，附依据原文。"
    model_label = "policies.PolicyQA"
    ordering = ("category", "sort_order", "id")
    select_related = ("policy",)
    requires = ("question", "answer", "category", "policy")
    fields = [
        Field("id", "integer", "编号"),
        Field("question", description="问题"),
        Field("answer", description="答复"),
        Field("basis_quote", description="依据原文"),
        Field("category", description="分类代码"),
        Field("category_label", description="分类", source=lambda q: q.get_category_display()),
        Field("policy", "integer", "依据文件编号", nullable=True,
              source=lambda q: q.policy_id if q.policy_id and q.policy.is_public else None),
        Field("policy_title", description="依据文件标题", nullable=True,
              source=lambda q: q.policy.title if q.policy_id and q.policy.is_public else None),
        URL,
    ]
    filters = [
        Filter("q", "问题或答复包含的词", text_search("question", "answer")),
        Filter("category", "分类", "category", choices=_choices("policies.PolicyQA", "category")),
        Filter("policy", "依据文件编号", "policy_id", type="integer"),
    ]


@register
class ServiceGuideResource(Resource):
    name = "service-guides"
    title = "办事指南"
    description = "办事指南：申请条件、办理时限、收费、地点、咨询电话和在线办理入口。"
    model_label = "policies.ServiceGuide"
    ordering = ("name", "id")
    select_related = ("department",)
    requires = ("name", "conditions", "time_limit", "location")
    fields = [
        Field("id", "integer", "编号"),
        Field("name", description="事项名称"),
        Field("item_code", description="事项编码"),
        Field("service_object", description="服务对象"),
        Field("conditions", "array", "申请条件", source=lambda g: g.condition_list),
        Field("time_limit", description="办理时限"),
        Field("fee", description="收费标准"),
        Field("online_url", description="在线办理入口"),
        Field("location", description="办理地点"),
        Field("phone", description="咨询电话（办事机构）"),
        DEPARTMENT,
        URL,
    ]
    filters = [
        Filter("q", "事项名称包含的词", text_search("name", "item_code")),
        _department_filter(),
        Filter("policy", "依据的政策文件编号", "policies__id", type="integer"),
    ]


@register
class ActivityResource(Resource):
    name = "activities"
    title = "主题日活动"
    description = "政务公开主题日活动：形式、时间、地点、状态（不含报名人信息）。"
    model_label = "themedays.Activity"
    ordering = ("-start_at", "-id")
    select_related = ("department",)
    requires = ("title", "form", "start_at", "end_at", "place", "stage")
    fields = [
        Field("id", "integer", "编号"),
        Field("title", description="活动主题"),
        Field("form", description="活动形式代码"),
        Field("form_label", description="活动形式", source=lambda a: a.get_form_display()),
        Field("summary", description="活动简介"),
        Field("start_at", "date-time", "开始时间"),
        Field("end_at", "date-time", "结束时间"),
        Field("place", description="活动地点"),
        Field("stage", description="活动状态代码"),
        Field("stage_label", description="活动状态", source=lambda a: a.get_stage_display()),
        Field("live_url", description="直播链接"),
        DEPARTMENT,
        URL,
    ]
    filters = [
        Filter("q", "活动主题包含的词", text_search("title", "summary")),
        Filter("form", "活动形式", "form", choices=_choices("themedays.Activity", "form")),
        Filter("stage", "活动状态", "stage", choices=_choices("themedays.Activity", "stage")),
        _department_filter(),
        _year_filter("start_at", "开始时间"),
        Filter("starts_after", "开始日期不早于（含）", "start_at__date__gte", type="date"),
        Filter("starts_before", "开始日期不晚于（含）", "start_at__date__lte", type="date"),
    ]


@register
class PowerItemResource(Resource):
    name = "power-items"
    title = "权责清单"
    description = "权责清单事项：事项名称、类型、实施主体、法律依据、责任事项、追责情形。"
    model_label = "openinfo.PowerItem"
    ordering = ("department__sort_order", "kind", "id")
    select_related = ("department",)
    requires = ("name", "kind", "subject", "legal_basis")
    fields = [
        Field("id", "integer", "编号"),
        Field("code", description="事项编码"),
        Field("name", description="事项名称"),
        Field("kind", description="事项类型代码"),
        Field("kind_label", description="事项类型", source=lambda p: p.get_kind_display()),
        Field("subject", description="实施主体"),
        Field("legal_basis", description="法律依据"),
        Field("responsibilities", description="责任事项", nullable=True),
        Field("accountability", description="追责情形", nullable=True),
        DEPARTMENT,
    ]
    filters = [
        Filter("q", "事项名称包含的词", text_search("name", "code")),
        Filter("kind", "事项类型", "kind", choices=_choices("openinfo.PowerItem", "kind")),
        _department_filter(),
    ]
