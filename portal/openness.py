"""The 五公开 navigation of 法定主动公开内容: 决策、执行、管理、服务、结果公开 (as on the Yanta
portal), each a list of items mapped onto the site's content: policy topics and 文种, articles and
专栏 tagged with a 五公开 category, and other apps' public content.

An item whose source does not exist (yet) or holds nothing public is left out.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from django.db.models import Q, QuerySet

from portal import optional
from portal.models import Article, Openness


@dataclass(frozen=True)
class Item:
    key: str
    label: str
    description: str
    source: Callable[[], QuerySet | None]  # public rows, or None when the source is not there
    link: Callable[[], str] = lambda: ""  # the owning app's own list page, when it has one


@dataclass(frozen=True)
class Category:
    key: str
    label: str
    description: str
    items: list[Item] = field(default_factory=list)


def policies(**lookups) -> Callable[[], QuerySet | None]:
    def source():
        qs = optional.call("policies.selectors.policy_list", default=None)
        return qs.filter(**lookups) if qs is not None else None
    return source


def policies_where(condition: Q) -> Callable[[], QuerySet | None]:
    def source():
        qs = optional.call("policies.selectors.policy_list", default=None)
        return qs.filter(condition) if qs is not None else None
    return source


def model(label: str, **lookups) -> Callable[[], QuerySet | None]:
    def source():
        qs = optional.public_queryset(optional.model(label))
        return qs.filter(**lookups) if qs is not None else None
    return source


def articles(openness: str, **lookups) -> Callable[[], QuerySet]:
    """Articles tagged with the category, or in a 专栏 tagged with it (when they have no tag)."""
    def source():
        tagged = Q(openness=openness) | Q(openness="", columns__openness=openness, columns__is_active=True)
        ids = Article.objects.public().filter(tagged, **lookups).values("pk")
        return Article.objects.public().filter(pk__in=ids).select_related("department").order_by("-published_at", "-id")
    return source


def route(*names: str) -> Callable[[], str]:
    return lambda: optional.first_url(*names)


ENFORCEMENT = Q(topic="市场监管、安全生产监管") | Q(topic="公安、安全、司法")
LIVELIHOOD = Q(topic="劳动、人事、监察", subtopic__in=["劳动就业", "社会保障"]) | Q(topic="民政、扶贫、救灾") | Q(topic="卫生、体育") | Q(topic="科技、教育", subtopic="教育")

CATEGORIES = [
    Category(Openness.DECISION, "决策公开", "决策预公开、征集民意，决策后公开政府文件、规划计划和政策解读。", [
        Item("consultations", "意见征集", "重要政策草案公开征求意见及意见采纳情况。", model("openinfo.Consultation"),
             route("openinfo:consultation_list")),
        Item("regulations", "政府文件", "规章和行政规范性文件。", policies(doc_type__in=["rule", "normative"]), route("policies:list")),
        Item("planning", "规划计划", "发展规划、城市规划与重大建设项目规划。",
             policies_where(Q(subtopic__in=["城市规划", "宏观经济", "重大建设项目"]))),
        Item("interpretations", "政策解读", "文字、图解、视频等多种形式的政策解读。", model("policies.Interpretation"),
             route("policies:interpretation_list")),
        Item("decision-news", "决策动态", "政府常务会议、重大决策的工作动态。", articles(Openness.DECISION)),
    ]),
    Category(Openness.EXECUTION, "执行公开", "重点工作、重大项目和政策落实情况，政务公开主题日活动。", [
        Item("themeday-activities", "主题日活动", "政务公开主题日活动安排：实地调研、现场观摩、座谈交流、政策发布。",
             model("themedays.Activity"), route("themedays:index")),
        Item("key-projects", "重大项目", "重大建设项目批准和实施情况。", policies(subtopic="重大建设项目")),
        Item("execution-news", "重点工作", "重点工作推进和督查落实情况。", articles(Openness.EXECUTION)),
    ]),
    Category(Openness.MANAGEMENT, "管理公开", "权责清单、行政执法、市场监管与安全生产等管理信息。", [
        Item("power-list", "权责清单", "行政权力事项：类型、实施主体、法律依据、责任事项。", model("openinfo.PowerItem"),
             route("openinfo:power_list")),
        Item("enforcement", "行政执法与监管", "市场监管、安全生产、公安司法等领域的管理性文件。", policies_where(ENFORCEMENT)),
        Item("management-news", "管理动态", "“双随机、一公开”监管、行政执法公示等。", articles(Openness.MANAGEMENT)),
    ]),
    Category(Openness.SERVICE, "服务公开", "办事指南、政策问答和民生服务信息，看得懂、问得到、办得了。", [
        Item("service-guides", "办事指南", "申请条件、申请材料、办理流程、办理时限和在线办理入口。", model("policies.ServiceGuide"),
             route("policies:guide_list")),
        Item("qa", "政策问答", "从政策原文中提炼的常见问题与答复。", model("policies.PolicyQA"), route("policies:qa_list")),
        Item("livelihood", "民生政策", "就业、社保、社会救助、教育、卫生等民生领域文件。", policies_where(LIVELIHOOD)),
        Item("service-news", "服务动态", "便民服务、惠企服务的工作动态。", articles(Openness.SERVICE)),
    ]),
    Category(Openness.RESULT, "结果公开", "政策执行效果、活动成效、统计信息和信息公开年报。", [
        Item("themeday-reports", "主题日活动报道", "活动举办情况、收集和采纳的意见建议。", model("themedays.ActivityReport"),
             route("themedays:reports")),
        Item("statistics", "统计信息", "统计公报与统计数据发布。", policies(subtopic="统计")),
        Item("result-news", "工作成效", "政策落实成效和新闻发布。", articles(Openness.RESULT)),
    ]),
]

BY_KEY = {category.key: category for category in CATEGORIES}


def find(category_key: str, item_key: str) -> tuple[Category, Item] | None:
    category = BY_KEY.get(category_key)
    if category is None:
        return None
    for item in category.items:
        if item.key == item_key:
            return category, item
    return None


def overview() -> list[dict]:
    """Every category with its items that have public content, and their counts."""
    result = []
    for category in CATEGORIES:
        items = []
        for item in category.items:
            qs = item.source()
            count = qs.count() if qs is not None else 0
            if count:
                items.append({"item": item, "count": count})
        result.append({"category": category, "items": items})
    return result
