"""Reply outcomes = the rows of 年报 表三 （三）本年度办理结果 (国办公开办函〔2021〕30号)."""
from django.db import models


class Outcome(models.TextChoices):
    PUBLIC = "public", "予以公开"
    PARTIAL = "partial", "部分公开"
    DENY_SECRET = "deny_secret", "不予公开：属于国家秘密"
    DENY_LAW = "deny_law", "不予公开：其他法律行政法规禁止公开"
    DENY_SAFETY = "deny_safety", "不予公开：危及“三安全一稳定”"
    DENY_THIRD = "deny_third", "不予公开：保护第三方合法权益"
    DENY_INTERNAL = "deny_internal", "不予公开：属于三类内部事务信息"
    DENY_PROCESS = "deny_process", "不予公开：属于四类过程性信息"
    DENY_ENFORCEMENT = "deny_enforcement", "不予公开：属于行政执法案卷"
    DENY_QUERY = "deny_query", "不予公开：属于行政查询事项"
    NONE_HELD = "none_held", "无法提供：本机关不掌握相关政府信息"
    NONE_CREATE = "none_create", "无法提供：没有现成信息需要另行制作"
    NONE_UNCLEAR = "none_unclear", "无法提供：补正后申请内容仍不明确"
    REFUSE_PETITION = "refuse_petition", "不予处理：信访举报投诉类申请"
    REFUSE_REPEAT = "refuse_repeat", "不予处理：重复申请"
    REFUSE_PUBLICATION = "refuse_publication", "不予处理：要求提供公开出版物"
    REFUSE_MASS = "refuse_mass", "不予处理：无正当理由大量反复申请"
    REFUSE_CONFIRM = "refuse_confirm", "不予处理：要求行政机关确认或重新出具已获取信息"
    OTHER_CORRECTION = "other_correction", "其他处理：申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
    OTHER_FEE = "other_fee", "其他处理：申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
    OTHER = "other", "其他处理：其他"


# The 表三 layout: (group label, [(row label, outcome code), ...]); a group with one row and no
# sub-rows is written (label, None) with the code on the group itself.
OUTCOME_GROUPS = [
    ("（一）予以公开", [(None, Outcome.PUBLIC)]),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", [(None, Outcome.PARTIAL)]),
    ("（三）不予公开", [
        ("1.属于国家秘密", Outcome.DENY_SECRET),
        ("2.其他法律行政法规禁止公开", Outcome.DENY_LAW),
        ("3.危及“三安全一稳定”", Outcome.DENY_SAFETY),
        ("4.保护第三方合法权益", Outcome.DENY_THIRD),
        ("5.属于三类内部事务信息", Outcome.DENY_INTERNAL),
        ("6.属于四类过程性信息", Outcome.DENY_PROCESS),
        ("7.属于行政执法案卷", Outcome.DENY_ENFORCEMENT),
        ("8.属于行政查询事项", Outcome.DENY_QUERY),
    ]),
    ("（四）无法提供", [
        ("1.本机关不掌握相关政府信息", Outcome.NONE_HELD),
        ("2.没有现成信息需要另行制作", Outcome.NONE_CREATE),
        ("3.补正后申请内容仍不明确", Outcome.NONE_UNCLEAR),
    ]),
    ("（五）不予处理", [
        ("1.信访举报投诉类申请", Outcome.REFUSE_PETITION),
        ("2.重复申请", Outcome.REFUSE_REPEAT),
        ("3.要求提供公开出版物", Outcome.REFUSE_PUBLICATION),
        ("4.无正当理由大量反复申请", Outcome.REFUSE_MASS),
        ("5.要求行政机关确认或重新出具已获取信息", Outcome.REFUSE_CONFIRM),
    ]),
    ("（六）其他处理", [
        ("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", Outcome.OTHER_CORRECTION),
        ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", Outcome.OTHER_FEE),
        ("3.其他", Outcome.OTHER),
    ]),
]


def outcome_group(code: str) -> str:
    """The group label of an outcome, e.g. "（三）不予公开"."""
    for label, rows in OUTCOME_GROUPS:
        if any(c == code for _, c in rows):
            return label
    return ""
