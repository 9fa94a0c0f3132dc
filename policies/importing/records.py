"""One import record: the contract's JSON object, checked and normalised.

Contract (DESIGN.md): title, doc_number, issuer, issued_date, published_date (YYYY-MM-DD),
category (一级\\二级), doc_type, validity, body; optional source_url, index_number, summary,
external_id. `issued_date` is the date the issuer signed the document (成文日期, the model's
written_date); `published_date` is when it was made public (发布日期, the model's issued_date
and published_at).
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from policies.models import DocType, Validity
from policies.topics import split_category
from policies.importing.banner import split_title
from policies.importing.cleaning import clean_body, clean_line, clean_title
from portal.text import fold_width, plain_text

FIELD_LABELS = {
    "title": "标题", "doc_number": "发文字号", "issuer": "发文机关", "issued_date": "成文日期",
    "published_date": "发布日期", "category": "主题分类", "doc_type": "文种", "validity": "有效性",
    "body": "正文", "source_url": "来源链接", "index_number": "索引号", "summary": "内容概述",
    "external_id": "外部编号",
}
REQUIRED = ("title", "issuer", "issued_date", "body")
MAX_LENGTHS = {"title": 300, "doc_number": 100, "issuer": 100, "index_number": 60, "external_id": 100, "source_url": 500}

# Chinese labels, English values and the usual variants people type.
DOC_TYPES = {**{c.value: c.value for c in DocType}, **{c.label: c.value for c in DocType},
             "规范性文件": DocType.NORMATIVE.value, "行政规章": DocType.RULE.value, "其他": DocType.OTHER.value}
VALIDITIES = {**{c.value: c.value for c in Validity}, **{c.label: c.value for c in Validity},
              "现行有效": Validity.VALID.value, "已失效": Validity.EXPIRED.value, "已废止": Validity.REPEALED.value,
              "修订": Validity.AMENDED.value}


class RecordError(ValueError):
    """A line that cannot be imported; the message is shown to the person running the import."""


@dataclass
class PolicyRecord:
    title: str
    issuer: str
    written_date: dt.date
    published_date: dt.date
    body: str  # sanitised HTML
    doc_number: str = ""
    topic: str = ""
    subtopic: str = ""
    doc_type: str = DocType.OTHER.value
    validity: str = Validity.VALID.value
    source_url: str = ""
    index_number: str = ""
    summary: str = ""
    external_id: str | None = None
    classified: bool = False  # topic chosen by the keyword rules, not given by the source
    warnings: list[str] = field(default_factory=list)

    @property
    def body_text(self) -> str:
        return plain_text(self.body)


def parse_date(value, name: str) -> dt.date:
    text = fold_width(str(value or "")).strip()
    try:
        return dt.date.fromisoformat(text) if len(text) == 10 else _bad_date(text, name)
    except ValueError:
        return _bad_date(text, name)


def _bad_date(text: str, name: str):
    raise RecordError(f"{FIELD_LABELS[name]}（{name}）“{text[:20]}”不是有效日期，应为 YYYY-MM-DD")


def _choice(value, table: dict, name: str, default: str) -> str:
    text = clean_line(str(value or ""))
    if not text:
        return default
    if text in table:
        return table[text]
    if text.lower() in table:
        return table[text.lower()]
    allowed = "、".join(label for label in table if not label.isascii())
    raise RecordError(f"{FIELD_LABELS[name]}（{name}）“{text[:20]}”无法识别，应为：{allowed}")


def _text(data: dict, name: str) -> str:
    value = data.get(name)
    if value is None:
        return ""
    if not isinstance(value, (str, int, float)):
        raise RecordError(f"{FIELD_LABELS[name]}（{name}）应为文本")
    return str(value)


def build_record(data: dict) -> PolicyRecord:
    """Check and normalise one contract object; raise RecordError with a Chinese reason."""
    if not isinstance(data, dict):
        raise RecordError("每行应为一个 JSON 对象（{…}）")
    for name in REQUIRED:
        if not clean_line(_text(data, name)):
            raise RecordError(f"缺少必填字段 {name}（{FIELD_LABELS[name]}）")
    # A title copied from a printed page may start with its 版头 and 发文字号: they are not the title.
    banner_number, title = split_title(clean_title(_text(data, "title")))
    values = {
        "title": title,
        "issuer": clean_line(_text(data, "issuer")),
        "doc_number": clean_line(_text(data, "doc_number")) or banner_number,
        "index_number": clean_line(_text(data, "index_number")),
        "external_id": clean_line(_text(data, "external_id")) or None,
        "source_url": clean_line(_text(data, "source_url")),
    }
    for name, limit in MAX_LENGTHS.items():
        if len(values[name] or "") > limit:
            raise RecordError(f"{FIELD_LABELS[name]}（{name}）超过 {limit} 个字符")
    if values["source_url"]:
        try:
            URLValidator(schemes=["http", "https"])(values["source_url"])
        except ValidationError:
            raise RecordError(f"来源链接（source_url）“{values['source_url'][:60]}”不是有效网址") from None
    written = parse_date(data.get("issued_date"), "issued_date")
    published = parse_date(data["published_date"], "published_date") if clean_line(_text(data, "published_date")) else written
    if published < written:
        raise RecordError(f"发布日期 {published} 早于成文日期 {written}")
    body = clean_body(_text(data, "body"))
    if not plain_text(body):
        raise RecordError("正文（body）清理后为空")
    record = PolicyRecord(
        **values, written_date=written, published_date=published, body=body,
        doc_type=_choice(data.get("doc_type"), DOC_TYPES, "doc_type", DocType.OTHER.value),
        validity=_choice(data.get("validity"), VALIDITIES, "validity", Validity.VALID.value),
        summary=clean_line(_text(data, "summary")),
    )
    category = clean_line(_text(data, "category"))
    record.topic, record.subtopic = split_category(category)
    if category and not record.topic:
        record.warnings.append(f"主题分类“{category[:30]}”不在国务院主题分类中，已按内容自动归类")
    return record


_JSON_REASONS = {
    "Expecting value": "缺少值",
    "Expecting property name enclosed in double quotes": "字段名应使用双引号",
    "Expecting ',' delimiter": "缺少逗号",
    "Expecting ':' delimiter": "缺少冒号",
    "Unterminated string starting at": "字符串没有结束",
    "Invalid control character at": "含有非法控制字符",
    "Extra data": "有多余内容",
    "Invalid \\escape": "转义字符无效",
}


def parse_json_line(line: str) -> PolicyRecord:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        reason = _JSON_REASONS.get(exc.msg.split(":")[0], "格式错误")
        raise RecordError(f"不是有效的 JSON：第 {exc.colno} 个字符附近{reason}") from None
    return build_record(data)
