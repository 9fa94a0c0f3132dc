"""Public pages of the policy library: documents, 解读, 问答, 办事指南, 专题."""
from .documents import policy_detail, policy_list
from .guidance import interpretation_detail, interpretation_list, qa_detail, qa_list
from .guides import guide_detail, guide_list, guide_qr_png
from .topics import topic_booklet, topic_detail, topic_list

__all__ = [
    "policy_detail", "policy_list", "interpretation_detail", "interpretation_list", "qa_detail", "qa_list",
    "guide_detail", "guide_list", "guide_qr_png", "topic_booklet", "topic_detail", "topic_list",
]
