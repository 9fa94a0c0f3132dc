"""The vocabularies of the 主题日 programme, from the Hunan and 望城 implementation schemes."""
from django.db import models


class PlanLevel(models.TextChoices):
    PROVINCE = "province", "省级"
    CITY = "city", "市级"
    DISTRICT = "district", "区县级"


class ActivityForm(models.TextChoices):
    """活动形式: the five of the 实施方案, plus the forms the cities added (直播, 开放日)."""

    FIELD_STUDY = "field_study", "实地调研"
    SITE_VISIT = "site_visit", "现场观摩"
    SYMPOSIUM = "symposium", "座谈交流"
    POLICY_RELEASE = "policy_release", "政策发布"
    SURVEY = "survey", "问卷调查"
    LIVE = "live", "直播解读"
    OPEN_DAY = "open_day", "开放日"
    OTHER = "other", "其他"


class Audience(models.TextChoices):
    """Who is invited (activity) and who registers (the registrant's 身份)."""

    NPC = "npc", "人大代表"
    CPPCC = "cppcc", "政协委员"
    EXPERT = "expert", "专家学者"
    MEDIA = "media", "新闻媒体"
    BUSINESS = "business", "企业代表"
    PUBLIC = "public", "群众代表"
    STUDENT = "student", "学生"


class ProposalStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "待审核"
    SELECTED = "selected", "入选"
    REJECTED = "rejected", "未入选"


class Stage(models.TextChoices):
    """Where an activity is in time. Computed by themedays.rules.activity_stage; 已取消 is set by hand."""

    PREPARING = "preparing", "筹备中"
    REGISTERING = "registering", "报名中"
    UPCOMING = "upcoming", "即将举办"
    ONGOING = "ongoing", "进行中"
    HELD = "held", "已举办"
    CANCELLED = "cancelled", "已取消"


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", "报名成功"
    WAITLISTED = "waitlisted", "候补中"
    CANCELLED = "cancelled", "已取消"


class QuestionKind(models.TextChoices):
    SINGLE = "single", "单选题"
    MULTIPLE = "multiple", "多选题"
    TEXT = "text", "文字题"


class ResultsVisibility(models.TextChoices):
    AFTER_CLOSE = "after_close", "截止后公布结果"
    LIVE = "live", "实时公布结果"
