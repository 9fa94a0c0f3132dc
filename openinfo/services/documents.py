"""Drafting 告知书 and notices from DocumentTemplate, and rendering them as .docx."""
from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from openinfo import fees
from openinfo.models import NUMBER_WORDS, DocKind, DocumentTemplate, InfoRequest, RequestDocument, RequestPause
from openinfo.models.common import next_serial
from portal import audit

PLACEHOLDER = re.compile(r"\{\{\s*([^{}\s]+)\s*\}\}")


@dataclass(frozen=True)
class Case:
    """What a placeholder reads: the case, its latest 收费通知 and the date of the document's act."""

    req: InfoRequest
    fee: RequestPause | None = None
    dated: dt.date | None = None


# name → (what it is, how to get it). A getter answers None while the case does not have the value yet
# (no reply text, the act not done): the placeholder then stays in the draft and is filled when the
# document is issued, instead of printing an empty gap such as "理由为：" or a wrong date.
PLACEHOLDERS = {
    "申请编号": ("申请编号", lambda c: c.req.tracking_number),
    "申请人": ("申请人姓名或名称", lambda c: c.req.name),
    "机关": ("受理机关名称", lambda c: c.req.department.name),
    "机关电话": ("受理机关电话", lambda c: c.req.department.phone or "—"),
    "机关地址": ("受理机关地址", lambda c: c.req.department.address or "—"),
    "收到日期": ("收到申请日期", lambda c: _d(c.req.received_on)),
    "申请内容": ("所需信息描述", lambda c: c.req.description),
    "获取方式": ("获取方式", lambda c: c.req.get_delivery_display()),
    "提供形式": ("提供形式", lambda c: c.req.get_medium_display()),
    "答复期限": ("答复期限", lambda c: _d(c.req.due_date)
                 + (f"（暂定：{c.req.due_provisional}）" if c.req.due_provisional else "")),
    "答复日期": ("答复日期", lambda c: _d(c.req.replied_on) if c.req.replied_on else None),
    "办理结果": ("办理结果", lambda c: c.req.get_outcome_display()),
    "答复内容": ("答复内容（办理时填写的说明）", lambda c: c.req.reply_text or None),
    "补正事项": ("需补正事项", lambda c: c.req.correction_items),
    "补正通知日期": ("补正通知日期", lambda c: _d(c.req.correction_requested_on)),
    "补正期限": ("补正期限", lambda c: _d(c.req.correction_deadline)),
    "延期理由": ("延期理由", lambda c: c.req.extension_reason),
    "计费方式": ("计费方式", lambda c: fees.METHOD_LABELS.get(c.fee.fee_method, "") if c.fee else ""),
    "收费金额": ("收费金额（元）",
                 lambda c: f"{c.fee.fee_amount:.2f}" if c.fee and c.fee.fee_amount is not None else ""),
    "缴费期限": ("缴费期限", lambda c: _d(c.fee.limit_date) if c.fee else ""),
    "文书日期": ("成文日期：所告知行为之日（答复、补正告知、延期批准、收费通知或发函之日）",
                 lambda c: _d(c.dated) if c.dated else None),
}

# Punctuation that ends a clause. A value that ends with one, put before template text that brings its own
# (“{{申请内容}}”。 with a description ending in "。"), would print "。”。"; the value's own mark gives way.
CLAUSE_END = "。，；：、！？.,;:!?"
CLOSING = "”’）》」』】〕)]"


def _d(value) -> str:
    return f"{value.year}年{value.month}月{value.day}日" if value else "____年__月__日"


def placeholder_help() -> str:
    return "；".join(f"{{{{{name}}}}} {label}" for name, (label, _) in PLACEHOLDERS.items())


def _fits(value: str, after: str) -> str:
    value = value.strip()
    rest = after.lstrip(CLOSING)
    if rest[:1] and rest[0] in CLAUSE_END:
        value = value.rstrip(CLAUSE_END + " ")
    return value


def fill(text: str, case: Case) -> str:
    """Replace {{名称}} with the case's data; an unknown name, or one the case cannot fill yet, is left
    visible so the officer notices."""
    def replace(match):
        item = PLACEHOLDERS.get(match.group(1))
        value = item[1](case) if item else None
        if value is None:
            return match.group(0)
        return _fits(str(value), text[match.end():])

    return PLACEHOLDER.sub(replace, text)


def template_for(kind: str, outcome: str = "") -> DocumentTemplate:
    found = DocumentTemplate.objects.filter(kind=kind, outcome=outcome if kind == DocKind.REPLY else "").first()
    if found is None:
        raise ValidationError(f"尚未设置“{DocKind(kind).label}”的文书模板，请在后台“文书模板”中添加。")
    return found


def _latest_pause(req: InfoRequest, kinds) -> RequestPause | None:
    return req.pauses.filter(kind__in=kinds).order_by("-started", "-id").first()


def act_date(req: InfoRequest, kind: str) -> dt.date | None:
    """The day of the act a document of `kind` tells about; None while it has not happened. A notice is
    dated that day, not the day it is generated or printed."""
    if kind == DocKind.REPLY:
        return req.replied_on
    if kind == DocKind.CORRECTION:
        return req.correction_requested_on
    if kind == DocKind.EXTENSION:
        return req.extension_approved_on if req.extended else None
    kinds = [RequestPause.Kind.FEE] if kind == DocKind.FEE else [RequestPause.Kind.THIRD_PARTY,
                                                                  RequestPause.Kind.OTHER_AGENCY]
    pause = _latest_pause(req, kinds)
    return pause.started if pause else None


# What must have been recorded on the case before a document of the kind can even be drafted: without it
# the notice would print empty gaps ("因，不能在规定期限内", "应缴金额：人民币元").
_DRAFT_NEEDS = {
    DocKind.CORRECTION: (lambda r: bool(r.correction_items), "请先在申请中“发出补正告知”（写明补正事项），再生成补正申请告知书。"),
    DocKind.EXTENSION: (lambda r: r.extended, "请先在申请中办理“延期答复”（理由与负责人批准），再生成延长答复期限告知书。"),
    DocKind.FEE: (lambda r: _latest_pause(r, [RequestPause.Kind.FEE]) is not None,
                  "请先在申请中“发出收费通知”（计费方式与件数/页数），再生成收费通知书。"),
}

_ISSUE_NEEDS = {
    DocKind.REPLY: "答复书须在申请答复后签发（成文日期为答复日期）。",
    DocKind.CORRECTION: "补正告知书须在发出补正告知后签发。",
    DocKind.EXTENSION: "延期告知书须在延期获批后签发。",
    DocKind.FEE: "收费通知书须在登记收费通知后签发。",
    DocKind.THIRD_PARTY: "征询函须在登记“发函征求意见”后签发（成文日期为发函日期）。",
}


@transaction.atomic
def document_draft(*, req: InfoRequest, kind: str, actor=None, outcome: str = "") -> RequestDocument:
    """Draft the document of `kind` for the case from its template (replies: the template of the outcome
    given, else of the case's outcome). The case itself is not changed; the draft has no 文号 until it is
    issued."""
    if kind == DocKind.REPLY:
        if outcome:
            req.outcome = outcome  # in memory only, so {{办理结果}} reads the chosen one
        if not req.outcome:
            raise ValidationError("请先选择办理结果，再生成答复书。")
    needs = _DRAFT_NEEDS.get(kind)
    if needs and not needs[0](req):
        raise ValidationError(needs[1])
    template = template_for(kind, req.outcome)
    case = Case(req, _latest_pause(req, [RequestPause.Kind.FEE]), act_date(req, kind))
    doc = RequestDocument.objects.create(
        request=req, kind=kind, outcome=req.outcome if kind == DocKind.REPLY else "", title=template.title,
        body=fill(template.body, case),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    audit.record(obj=req, action=f"生成{doc.get_kind_display()}草稿", actor=actor)
    return doc


def document_number(department, kind: str, year: int) -> str:
    """The next 文号 of the department's documents of `kind` in `year`, e.g. "省财政厅依申请〔2026〕3号"."""
    serial = next_serial(f"doc:{kind}:{department.pk}", year)
    return f"{department.short_name or department.name}{NUMBER_WORDS[kind]}〔{year}〕{serial}号"


@transaction.atomic
def document_issue(*, doc: RequestDocument, actor=None) -> RequestDocument:
    """签发: give the document its 文号 and its date (the day of the act) and fill what the draft could not
    know yet. Issuing again, or printing, keeps the number."""
    # Lock only the document row: the department row is shared by every case of the department.
    doc = (RequestDocument.objects.select_for_update(of=("self",)).select_related("request__department")
           .get(pk=doc.pk))
    if doc.is_issued:
        return doc
    req = doc.request
    dated = act_date(req, doc.kind)
    if dated is None:
        raise ValidationError(_ISSUE_NEEDS[doc.kind])
    if doc.kind == DocKind.REPLY and doc.outcome != req.outcome:
        raise ValidationError(f"该答复书按“{doc.get_outcome_display()}”起草，而申请的答复结果是"
                              f"“{req.get_outcome_display()}”，请按答复结果重新生成答复书。")
    doc.body = fill(doc.body, Case(req, _latest_pause(req, [RequestPause.Kind.FEE]), dated))
    left = sorted({m.group(1) for m in PLACEHOLDER.finditer(doc.body)})
    if left:
        raise ValidationError("文书中仍有未填写的内容：" + "、".join(f"{{{{{name}}}}}" for name in left)
                              + "。请先在申请中补充，或直接修改正文后再签发。")
    doc.dated = dated
    doc.doc_number = document_number(req.department, doc.kind, dated.year)
    doc.issued_at = timezone.now()
    doc.issued_by = actor if getattr(actor, "pk", None) else None
    doc.save(update_fields=["body", "dated", "doc_number", "issued_at", "issued_by"])
    audit.record(obj=req, action=f"签发{doc.get_kind_display()}", actor=actor, note=doc.doc_number)
    return doc


def document_docx(doc: RequestDocument) -> bytes:
    """The document as Word (.docx): title centred, number under it, body paragraphs, signature right."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    word = Document()
    style = word.styles["Normal"]
    style.font.name, style.font.size = "FangSong", Pt(16)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋")
    heading = word.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run(doc.title)
    run.bold, run.font.size = True, Pt(22)
    number = word.add_paragraph(doc.doc_number if doc.is_issued else "（草稿，签发后编号）")
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    lines = doc.body.split("\n")
    # The last two non-empty lines are the signature block (机关, 日期): right-aligned as on paper.
    signature = {i for i, line in enumerate(lines) if line.strip()}
    signature = set(sorted(signature)[-2:])
    for i, line in enumerate(lines):
        para = word.add_paragraph(line)
        if i in signature:
            para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif line.strip() and not line.endswith("："):
            para.paragraph_format.first_line_indent = Pt(32)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()
