"""Writes of openinfo (HackSoft style: keyword-only, atomic, audited)."""
from .documents import document_docx, document_draft, document_issue
from .letters import (
    letter_accept, letter_deadline, letter_rate, letter_reject, letter_reply, letter_set_published, letter_submit,
)
from .pauses import request_consult, request_fee_notice, request_resume
from .requests import (
    handles_case, receipt_date, refresh_deadline, request_abandon, request_accept, request_ask_correction,
    request_assign, request_extend, request_receive_correction, request_register, request_reply, request_reveal_id,
    request_submit, request_withdraw,
)

__all__ = [
    "document_docx", "document_draft", "document_issue", "handles_case", "letter_accept", "letter_deadline",
    "letter_rate", "letter_reject", "letter_reply", "letter_set_published", "letter_submit", "receipt_date",
    "refresh_deadline", "request_abandon", "request_accept", "request_ask_correction", "request_assign",
    "request_consult", "request_extend", "request_fee_notice", "request_receive_correction", "request_register",
    "request_reply", "request_resume", "request_reveal_id", "request_submit", "request_withdraw",
]
