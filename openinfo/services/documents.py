"""Drafting 告知书 and notices from DocumentTemplate, and rendering them as .docx."""
from __future__ import annotations

import io
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from openinfo import fees
from openinfo.models import DocKind, DocumentTemplate, InfoRequest, RequestDocument, RequestPause
from portal import audit

PLACEHOLDER = re.compile(r"\{\{\s*([^{}\s]+)\s*\}\}")

# name → (what it is, how to get it from the case)
PLACEHOLDERS = {
    "申请编号": ("申请编号", lambda r, p: r.tracking_number),
    "申请人": ("申请人姓名或名称", lambda r, p: r.name),
    "机关": ("受理机关名称", lambda r, p: r.department.name),
    "机关电话": ("受理机关电话", lambda r, p: r.department.phone or "—"),
    "机关地址": ("受理机关地址", lambda r, p: r.department.address or "—"),
    "收到日期": ("收到申请日期", lambda r, p: _d(r.received_on)),
    "申请内容": ("所需信息描述", lambda r, p: r.description),
    "获取方式": ("获取方式", lambda r, p: r.get_delivery_display()),
    "提供形式": ("提供形式", lambda r, p: r.get_medium_display()),
    "答复期限": ("答复期限", lambda r, p: _d(r.due_date) + (f"（暂定：{r.due_provisional}）" if r.due_provisional else "")),
    "答复日期": ("答复日期（未答复时为今日）", lambda r, p: _d(r.replied_on or timezone.localdate())),
    "办理结果": ("办理结果", lambda r, p: r.get_outcome_display()),
    "答复内容": ("答复内容（办理时填写的说明）", lambda r, p: r.reply_text),
    "补正事项": ("需补正事项", lambda r, p: r.correction_items),
    "补正通知日期": ("补正通知日期", lambda r, p: _d(r.correction_requested_on)),
    "补正期限": ("补正期限", lambda r, p: _d(r.correction_deadline)),
    "延期理由": ("延期理由", lambda r, p: r.extension_reason),
    "计费方式": ("计费方式", lambda r, p: fees.METHOD_LABELS.get(p.fee_method, "") if p else ""),
    "收费金额": ("收费金额（元）", lambda r, p: f"{p.fee_amount:.2f}" if p and p.fee_amount is not None else ""),
    "缴费期限": ("缴费期限", lambda r, p: _d(p.limit_date) if p else ""),
    "今日": ("生成文书当日", lambda r, p: _d(timezone.localdate())),
}


def _d(value) -> str:
    return f"{value.year}年{value.month}月{value.day}日" if value else "____年__月__日"


def placeholder_help() -> str:
    return "；".join(f"{{{{{name}}}}} {label}" for name, (label, _) in PLACEHOLDERS.items())


def fill(text: str, req: InfoRequest, fee: RequestPause | None = None) -> str:
    """Replace {{名称}} with the case's data; an unknown name is left visible so the officer notices."""
    def replace(match):
        item = PLACEHOLDERS.get(match.group(1))
        return str(item[1](req, fee) or "") if item else match.group(0)

    return PLACEHOLDER.sub(replace, text)


def template_for(kind: str, outcome: str = "") -> DocumentTemplate:
    found = DocumentTemplate.objects.filter(kind=kind, outcome=outcome if kind == DocKind.REPLY else "").first()
    if found is None:
        raise ValidationError(f"尚未设置“{DocKind(kind).label}”的文书模板，请在后台“文书模板”中添加。")
    return found


@transaction.atomic
def document_draft(*, req: InfoRequest, kind: str, actor=None, outcome: str = "") -> RequestDocument:
    """Draft the document of `kind` for the case from its template (replies: the template of the outcome
    given, else of the case's outcome). The case itself is not changed."""
    if kind == DocKind.REPLY:
        if outcome:
            req.outcome = outcome  # in memory only, so {{办理结果}} reads the chosen one
        if not req.outcome:
            raise ValidationError("请先选择办理结果，再生成答复书。")
    template = template_for(kind, req.outcome)
    fee = req.pauses.filter(kind=RequestPause.Kind.FEE).order_by("-started").first()
    year = timezone.localdate().year
    serial = RequestDocument.objects.filter(request__department=req.department, kind=kind,
                                            created_at__year=year).count() + 1
    doc = RequestDocument.objects.create(
        request=req, kind=kind, title=template.title, body=fill(template.body, req, fee),
        doc_number=f"{req.department.short_name or req.department.name}依申请〔{year}〕{serial}号",
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    audit.record(obj=req, action=f"生成{doc.get_kind_display()}", actor=actor, note=doc.doc_number)
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
    if doc.doc_number:
        number = word.add_paragraph(doc.doc_number)
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
