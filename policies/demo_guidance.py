"""Demo 解读, 解读人, 问答, 办事指南 and 专题, attached to the demo policies (policies/demo.py).

Idempotent: rows are keyed by title / question / name, images are drawn only when missing, and
interpreters are written only for a policy that has none. The demo policies are found by title
keywords; when one is missing its items are still created, just without that link.
"""
from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from django.core.files.base import ContentFile

from policies.demo_guidance_data import (
    ANCHORS, CATEGORY_DEPARTMENTS, GUIDES, INTERPRETATIONS, INTERPRETERS, ONLINE, TOPICS,
)
from policies.demo_guidance_qa import QAS
from policies.models import (
    GuideMaterial, GuideStep, Interpretation, InterpretationFigure, InterpretationImage, PolicyDocument,
    PolicyInterpreter, PolicyQA, ServiceGuide, SpecialTopic, Validity,
)
from policies.models.qa import squeeze
from portal.models import Department, PublishStatus
from portal.text import sanitize_html

FONT_CANDIDATES = [
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
]
PUBLISHED_AT = dt.datetime(2024, 6, 18, 9, 30, tzinfo=dt.timezone.utc)


def _published(department, offset_days: int = 0) -> dict:
    return {"department": department, "status": PublishStatus.PUBLISHED,
            "published_at": PUBLISHED_AT + dt.timedelta(days=offset_days)}


def upsert(model, lookup: dict, values: dict):
    """update_or_create that writes only when something differs, so a second seed changes nothing."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **values)
    if "body" in values:
        values = {**values, "body": sanitize_html(values["body"])}
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save()
    return obj


def find_policy(external_id: str, keywords: list[str]) -> PolicyDocument | None:
    """The public demo policy with this external_id, else the newest public one (in force first) with a keyword in its title."""
    public = PolicyDocument.objects.public()
    found = public.filter(external_id=external_id).first()
    if found:
        return found
    for qs in (public.filter(validity=Validity.VALID), public):
        for word in keywords:
            found = qs.filter(title__contains=word).order_by("-issued_date", "id").first()
            if found:
                return found
    return None


_SENTENCE = re.compile(r"[^。；！？\n]+[。；！？]?")


def best_clause(body_text: str, question: str, answer: str, min_share: float = 0.35) -> str:
    """The sentence of the body sharing the most two-character pieces with the Q&A, if enough do."""
    wanted = {answer[i:i + 2] for i in range(len(answer) - 1)} | {question[i:i + 2] for i in range(len(question) - 1)}
    wanted = {w for w in wanted if not re.search(r"[\s，。、；：？！“”（）]", w)}
    best, best_share = "", 0.0
    for sentence in _SENTENCE.findall(body_text or ""):
        sentence = sentence.strip()
        if len(sentence) < 12:
            continue
        pieces = {sentence[i:i + 2] for i in range(len(sentence) - 1)}
        share = len(pieces & wanted) / max(len(pieces), 1)
        if share > best_share:
            best, best_share = sentence, share
    return best if best_share >= min_share else ""


@lru_cache(maxsize=16)
def _font(size: int):
    from PIL import ImageFont

    for path in FONT_CANDIDATES:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size=size)


def draw_card(title: str, lines: list[str], *, width: int = 900, accent: str = "#a4161a") -> bytes:
    """A 一图读懂-style picture: a title band and one box per point."""
    from PIL import Image, ImageDraw

    height = 230 + 110 * len(lines)
    image = Image.new("RGB", (width, height), "#fbf7f0")
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, width, 150], fill=accent)
    draw.text((48, 40), "一图读懂", font=_font(30), fill="#ffe9c7")
    draw.text((48, 82), title, font=_font(44), fill="#ffffff")
    body = _font(32)
    for i, line in enumerate(lines):
        top = 190 + i * 110
        draw.rounded_rectangle([40, top, width - 40, top + 88], radius=14, fill="#ffffff", outline=accent, width=3)
        draw.ellipse([64, top + 24, 104, top + 64], fill=accent)
        draw.text((76, top + 24), str(i + 1), font=_font(28), fill="#ffffff")
        draw.text((128, top + 22), line, font=body, fill="#1a1a1a")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def draw_cover(title: str, subtitle: str) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (1280, 720), "#7a0f12")
    draw = ImageDraw.Draw(image)
    for i in range(12):  # soft diagonal bands, so covers are not flat blocks of colour
        draw.polygon([(i * 140, 720), (i * 140 + 300, 0), (i * 140 + 360, 0), (i * 140 + 60, 720)], fill="#8d1418" if i % 2 else "#861216")
    draw.text((90, 250), title, font=_font(96), fill="#ffffff")
    draw.text((96, 400), subtitle, font=_font(40), fill="#ffe9c7")
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()


def _seed_guides(dept, anchors) -> dict[str, ServiceGuide]:
    guides = {}
    for name, code, anchor_names, item_code, conditions, materials, steps, time_limit, location, phone in GUIDES:
        department = dept(code)
        guide = upsert(ServiceGuide, {"name": name}, {
            **_published(department), "item_code": item_code, "service_object": "自然人" if "企业" not in name else "企业法人",
            "conditions": conditions, "time_limit": time_limit, "fee": "不收费", "online_url": f"{ONLINE}{item_code}",
            "location": location, "office_hours": "工作日 9:00-12:00，13:30-17:00", "phone": phone,
            "complaint_phone": "12345", "basis_note": "",
        })
        for order, (material, form, copies) in enumerate(materials):
            upsert(GuideMaterial, {"guide": guide, "sort_order": order}, {
                "name": material, "form": form, "copies": copies, "required": True,
                "source": "申请人自备" if form != "electronic" else "部门间共享获取"})
        GuideMaterial.objects.filter(guide=guide, sort_order__gte=len(materials)).delete()
        for order, (step, description, duration) in enumerate(steps):
            upsert(GuideStep, {"guide": guide, "sort_order": order}, {
                "name": step, "description": description, "duration": duration})
        GuideStep.objects.filter(guide=guide, sort_order__gte=len(steps)).delete()
        guide.policies.set([anchors[a] for a in anchor_names if anchors.get(a)])
        guides[name] = guide
    return guides


def _seed_qas(dept, anchors, guides) -> int:
    guides_by_anchor: dict[str, list[ServiceGuide]] = {}
    for name, _code, anchor_names, *_ in GUIDES:
        for a in anchor_names:
            guides_by_anchor.setdefault(a, []).append(guides[name])
    for order, (anchor, category, question, answer, quote) in enumerate(QAS):
        policy = anchors.get(anchor) if anchor else None
        if policy is None:
            quote = ""  # a 依据原文 is only shown with the document it is quoted from
        elif squeeze(quote) not in squeeze(policy.body_text):
            # The demo document was edited since this was written: quote its closest sentence instead.
            quote = best_clause(policy.body_text, question, answer)
        department = policy.department if policy else dept(CATEGORY_DEPARTMENTS[category])
        qa = upsert(PolicyQA, {"question": question}, {
            **_published(department, order % 30), "answer": answer, "basis_quote": quote, "category": category,
            "policy": policy, "sort_order": order,
        })
        # Link the guide whose name shares the most words with the question (at most two).
        candidates = guides_by_anchor.get(anchor, [])
        scored = sorted(candidates, key=lambda g: -len(set(g.name) & set(question)))
        qa.guides.set([g for g in scored[:2] if len(set(g.name) & set(question)) >= 3])
    return len(QAS)


def _seed_interpretations(dept, anchors) -> int:
    for order, (title, kind, anchor_names, code, summary, extra) in enumerate(INTERPRETATIONS):
        fields = {k: v for k, v in extra.items() if k not in ("images", "figures")}
        interpretation = upsert(Interpretation, {"title": title}, {
            **_published(dept(code), order * 7), "kind": kind, "summary": summary, **fields,
        })
        interpretation.policies.set([anchors[a] for a in anchor_names if anchors.get(a)])
        for position, (heading, lines) in enumerate(extra.get("images", [])):
            image = upsert(InterpretationImage, {"interpretation": interpretation, "sort_order": position}, {
                "alt_text": f"{heading}：{'；'.join(lines)}",
                "description": "\n".join(lines),
            })
            if not image.image:
                image.image.save(f"demo-{interpretation.pk}-{position}.png", ContentFile(draw_card(heading, lines)), save=True)
        for position, (label, value, note) in enumerate(extra.get("figures", [])):
            upsert(InterpretationFigure, {"interpretation": interpretation, "sort_order": position}, {
                "label": label, "value": Decimal(value), "note": note})
    return len(INTERPRETATIONS)


def _seed_interpreters(anchors) -> int:
    written = 0
    for anchor, history in INTERPRETERS:
        policy = anchors.get(anchor)
        if policy is None or PolicyInterpreter.objects.filter(policy=policy).exists():
            continue
        for organization, name, position, phone, email, start, end, confirmed in history:
            PolicyInterpreter.objects.create(
                policy=policy, organization=organization, name=name, position=position, phone=phone, email=email,
                start_date=dt.date.fromisoformat(start), end_date=dt.date.fromisoformat(end) if end else None,
                confirmed_on=dt.date.fromisoformat(confirmed),
            )
            written += 1
    return written


def _seed_topics(dept, anchors, guides) -> int:
    office = dept("430000-01")
    for order, (title, description, anchor_names, query, qa_category, guide_names) in enumerate(TOPICS):
        topic = upsert(SpecialTopic, {"title": title}, {
            **_published(office, order), "description": description, "search_query": query,
            "search_qa_category": qa_category, "sort_order": order, "cover_alt": f"{title}专题封面",
        })
        topic.policies.set([anchors[a] for a in anchor_names if anchors.get(a)])
        topic.guides.set([guides[n] for n in guide_names if n in guides])
        if not topic.cover:
            topic.cover.save(f"demo-topic-{order}.jpg", ContentFile(draw_cover(title, "政策 · 问答 · 办事指南")), save=True)
    return len(TOPICS)


def seed() -> dict:
    departments = {d.code: d for d in Department.objects.all()}
    if not departments:
        return {"skipped": "没有机构（请先运行 portal.demo）"}
    fallback = departments.get("430000-01") or next(iter(departments.values()))

    def dept(code: str) -> Department:
        return departments.get(code, fallback)

    anchors = {external_id: find_policy(external_id, keywords) for external_id, keywords in ANCHORS.items()}
    guides = _seed_guides(dept, anchors)
    return {
        "linked_policies": sum(1 for p in anchors.values() if p),
        "guides": len(guides),
        "qas": _seed_qas(dept, anchors, guides),
        "interpretations": _seed_interpretations(dept, anchors),
        "interpreters": _seed_interpreters(anchors),
        "topics": _seed_topics(dept, anchors, guides),
    }
