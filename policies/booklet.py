"""A topic as a printable booklet (a 产业政策口袋书): cover, contents, each policy with its Q&A.

The font is embedded (a subset of WenQuanYi Micro Hei, a TrueType font from Debian's fonts-wqy-microhei,
Apache-2.0, shipped in policies/fonts/): reportlab's reader-side CID font STSong-Light drew "·" as boxes
wherever the reader lacked it. Lines follow the Chinese 禁则 (see typesetting below). The contents page
numbers come from a two-pass build (multiBuild).
"""
from __future__ import annotations

import io
from pathlib import Path
from xml.sax.saxutils import escape

from django.conf import settings
from django.utils import timezone
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    BaseDocTemplate, Frame, KeepTogether, NextPageTemplate, PageBreak, PageTemplate, Paragraph, Spacer, TableStyle,
)
from reportlab.platypus.tableofcontents import TableOfContents

from policies import typesetting
from policies.models import ServiceGuide
from policies.selectors import TopicContents, current_interpreter

FONT = "WenQuanYiMicroHei"
FONT_FILE = Path(__file__).resolve().parent / "fonts" / "wqy-microhei.ttc"
BRAND = colors.HexColor("#a4161a")
MAX_BODY_CHARS = 6000  # a pocket book summarises; the full text stays one scan away on the site


def _font() -> str:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        # reportlab embeds only the glyphs used (a subset), so a booklet stays small.
        pdfmetrics.registerFont(TTFont(FONT, str(FONT_FILE), subfontIndex=0))
        typesetting.install()
    return FONT


def _styles() -> dict[str, ParagraphStyle]:
    font = _font()
    base = ParagraphStyle("base", fontName=font, fontSize=10, leading=16, wordWrap="CJK")
    return {
        "cover_title": ParagraphStyle("cover_title", parent=base, fontSize=24, leading=34, alignment=TA_CENTER, textColor=BRAND),
        "cover_sub": ParagraphStyle("cover_sub", parent=base, fontSize=12, leading=20, alignment=TA_CENTER),
        "cover_text": ParagraphStyle("cover_text", parent=base, fontSize=11, leading=19, firstLineIndent=22),
        "contents": ParagraphStyle("contents", parent=base, fontSize=16, leading=24, alignment=TA_CENTER, spaceAfter=8),
        "h1": ParagraphStyle("h1", parent=base, fontSize=14, leading=21, textColor=BRAND, spaceAfter=6, keepWithNext=1),
        "h2": ParagraphStyle("h2", parent=base, fontSize=11.5, leading=18, spaceBefore=8, spaceAfter=4, keepWithNext=1),
        "meta": ParagraphStyle("meta", parent=base, fontSize=8.5, leading=13, textColor=colors.HexColor("#444444")),
        "body": ParagraphStyle("body", parent=base, firstLineIndent=20),
        "q": ParagraphStyle("q", parent=base, fontSize=10.5, leading=16, spaceBefore=6),
        "a": ParagraphStyle("a", parent=base, leftIndent=10),
        "quote": ParagraphStyle("quote", parent=base, fontSize=8.5, leading=13, leftIndent=16, textColor=colors.HexColor("#444444")),
        "toc1": ParagraphStyle("toc1", parent=base, fontSize=10, leading=16, leftIndent=12, firstLineIndent=-12),
    }


class _BookletTemplate(BaseDocTemplate):
    """Reports each policy heading to the contents page and as a PDF bookmark."""

    def __init__(self, buffer, *, topic_title: str, **kwargs):
        # initialFontName: without it every page also lists Helvetica, a font the reader must supply.
        super().__init__(buffer, pagesize=A5, leftMargin=14 * mm, rightMargin=14 * mm, topMargin=16 * mm, bottomMargin=16 * mm,
                         initialFontName=_font(), **kwargs)
        self.topic_title = topic_title
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body")
        self.addPageTemplates([
            PageTemplate(id="cover", frames=[frame]),
            PageTemplate(id="pages", frames=[frame], onPage=self._footer),
        ])

    def _footer(self, canvas, doc):
        canvas.saveState()
        canvas.setFont(_font(), 8)
        canvas.setFillColor(colors.HexColor("#555555"))
        canvas.drawString(self.leftMargin, 9 * mm, self.topic_title)
        canvas.drawRightString(self.pagesize[0] - self.rightMargin, 9 * mm, f"第 {doc.page} 页")
        canvas.restoreState()

    def afterFlowable(self, flowable):
        key = getattr(flowable, "_bookmark", None)
        if key:
            text = flowable.getPlainText()
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(text, key, level=0, closed=True)
            self.notify("TOCEntry", (0, text, self.page, key))


def _p(text: str, style) -> Paragraph:
    return Paragraph(escape(text or "").replace("\n", "<br/>"), style)


def build_booklet(topic, contents: TopicContents) -> bytes:
    styles = _styles()
    site = getattr(settings, "SITE_NAME", "阳光政务")
    story: list = []

    # Cover
    story += [Spacer(1, 40 * mm), _p(topic.title, styles["cover_title"]), Spacer(1, 6 * mm),
              _p("政策口袋书", styles["cover_sub"]), Spacer(1, 14 * mm), _p(topic.description, styles["cover_text"]),
              Spacer(1, 14 * mm),
              _p(f"收录政策文件 {len(contents.policies)} 件 · 政策问答 {len(contents.qas)} 条 · 办事指南 {len(contents.guides)} 项", styles["cover_sub"]),
              Spacer(1, 4 * mm),
              _p(f"{site} 编印　{timezone.localdate():%Y年%m月}", styles["cover_sub"])]
    story.append(NextPageTemplate("pages"))
    story.append(PageBreak())

    # Contents
    toc = TableOfContents(tableStyle=TableStyle([  # reportlab's default, with our font instead of Helvetica
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("FONTNAME", (0, 0), (-1, -1), _font()),
    ]))
    toc.levelStyles = [styles["toc1"]]
    toc.dotsMinLevel = 0
    story += [_p("目　录", styles["contents"]), toc, PageBreak()]

    qas_by_policy: dict[int, list] = {}
    for qa in contents.qas:
        qas_by_policy.setdefault(qa.policy_id, []).append(qa)
    guides_by_policy: dict[int, list] = {}
    guide_rows = {g.pk: g for g in contents.guides}
    links = ServiceGuide.policies.through.objects.filter(
        serviceguide_id__in=guide_rows, policydocument_id__in=[p.pk for p in contents.policies],
    ).values_list("policydocument_id", "serviceguide_id")
    for policy_id, guide_id in links:
        guides_by_policy.setdefault(policy_id, []).append(guide_rows[guide_id])

    for number, policy in enumerate(contents.policies, start=1):
        heading = _p(f"{number}. {policy.title}", styles["h1"])
        heading._bookmark = f"policy-{policy.pk}"
        story.append(heading)
        meta = [policy.doc_number, policy.issuer.name, f"发布日期 {policy.issued_date:%Y-%m-%d}" if policy.issued_date else "",
                f"有效性：{policy.get_validity_display()}"]
        # One item a line: a run of items broke inside one ("有效性：有 / 效").
        story += [_p(m, styles["meta"]) for m in meta if m]
        interpreter = current_interpreter(policy)
        if interpreter:
            story.append(_p(f"解读机构：{interpreter.organization}　解读人：{interpreter.name}　联系方式：{interpreter.contact}", styles["meta"]))
        if policy.summary:
            story += [_p("内容概述", styles["h2"]), _p(policy.summary, styles["body"])]
        body = policy.body_text
        if len(body) > MAX_BODY_CHARS:
            body = body[:MAX_BODY_CHARS] + "……（全文请见网站）"
        story.append(_p("文件正文", styles["h2"]))
        story += [_p(line, styles["body"]) for line in body.splitlines()]
        policy_qas = qas_by_policy.get(policy.pk, [])
        if policy_qas:
            story.append(_p("政策问答", styles["h2"]))
            for qa in policy_qas:
                block = [_p(f"问：{qa.question}", styles["q"]), _p(f"答：{qa.answer}", styles["a"])]
                if qa.basis_quote:
                    block.append(_p(f"依据原文：{qa.basis_quote}", styles["quote"]))
                story.append(KeepTogether(block))
        for guide in guides_by_policy.get(policy.pk, []):
            story.append(_p(f"办事指南：{guide.name}", styles["h2"]))
            lines = [f"办理时限：{guide.time_limit}", f"办理地点：{guide.location}", f"咨询电话：{guide.phone}"]
            if guide.online_url:
                lines.append(f"在线办理：{guide.online_url}")
            story += [_p(line, styles["a"]) for line in lines]
        story.append(Spacer(1, 8 * mm))

    # Q&A of the topic that belong to no listed policy (a saved Q&A category) close the booklet.
    listed = {p.pk for p in contents.policies}
    loose = [qa for qa in contents.qas if qa.policy_id not in listed]
    if loose:
        heading = _p("其他常见问题", styles["h1"])
        heading._bookmark = "other-qas"
        story += [PageBreak(), heading]
        for qa in loose:
            block = [_p(f"问：{qa.question}", styles["q"]), _p(f"答：{qa.answer}", styles["a"])]
            if qa.basis_quote:
                block.append(_p(f"依据原文：{qa.basis_quote}", styles["quote"]))
            story.append(KeepTogether(block))

    buffer = io.BytesIO()
    doc = _BookletTemplate(buffer, topic_title=topic.title, title=f"{topic.title}（政策口袋书）", author=site,
                           subject=topic.description[:200], creator=site)
    doc.multiBuild(story)
    return buffer.getvalue()
