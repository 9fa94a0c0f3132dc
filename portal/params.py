"""The one way to read request parameters: GET filters, page numbers and path values.

Every view and the API read their query strings through `Params` and their path values through
the `id` and `text` converters registered here, so hostile input never reaches the database or
int(): Unicode digits other than ASCII and full-width ones ("²", "①", "٣" — str.isdigit() and
int() disagree on them), NUL and control characters (PostgreSQL rejects NUL), lone surrogates,
numbers beyond the database's integer, years and dates outside the range the site can mean.

Pages ignore a value they cannot use (the filter is simply not applied); the API asks for
`strict=True` and answers 400 with the Chinese message of `InvalidParameter`.

    p = Params(request.GET)
    year = p.year("year")                # int or None
    department = p.id("department")      # int 1..MAX_INT or None
    page = p.page()                      # >= 1, default 1
    q = p.text("q", max_length=50)       # cleaned text, "" when absent
    kind = p.choice("kind", Kind.values) # one of the choices or ""
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Iterable

from django.http import HttpResponseBadRequest, JsonResponse, QueryDict
from django.urls import register_converter

MAX_INT = 2**31 - 1  # the database's integer (ids); anything beyond is not ours
MIN_YEAR, MAX_YEAR = 1949, 2100  # what a year filter of this site can mean
MIN_DATE, MAX_DATE = dt.date(MIN_YEAR, 1, 1), dt.date(MAX_YEAR, 12, 31)
MAX_PAGE = 100000
DEFAULT_TEXT_LENGTH = 100

# Chinese input methods type full-width digits; they mean the same number. No other script's
# digits are accepted (int() would take "٣" but the visitor did not type a number of ours).
FULL_WIDTH_DIGITS = {ord("０") + i: str(i) for i in range(10)}
_FULL_WIDTH = FULL_WIDTH_DIGITS | {ord("－"): "-"}
_INTEGER = re.compile(r"-?[0-9]{1,10}")
_DECIMAL = re.compile(r"-?[0-9]{1,6}(\.[0-9]{1,10})?")  # no exponent, inf or nan
_DATE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")


class InvalidParameter(ValueError):
    """A parameter that cannot be used; the message is Chinese and may be shown to the visitor."""


def clean_text(raw, max_length: int = DEFAULT_TEXT_LENGTH) -> str:
    """Text as typed, without control characters (NUL included) and lone surrogates, whitespace
    collapsed, at most `max_length` characters."""
    if not isinstance(raw, str):
        return ""
    kept = "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in raw
                   if unicodedata.category(ch) != "Cs")
    return " ".join(kept.split())[:max_length]


def parse_int(raw, *, minimum: int = 0, maximum: int = MAX_INT, name: str = "") -> int:
    """An integer written with ASCII (or full-width) digits within [minimum, maximum]."""
    text = raw.strip().translate(_FULL_WIDTH) if isinstance(raw, str) else ""
    if not _INTEGER.fullmatch(text) or not minimum <= int(text) <= maximum:
        raise InvalidParameter(f"参数 {name} 应为 {minimum} 到 {maximum} 之间的整数。" if name else
                               f"应为 {minimum} 到 {maximum} 之间的整数。")
    return int(text)


def parse_number(raw, *, minimum: float, maximum: float, name: str = "") -> float:
    """A decimal number (e.g. a coordinate) written plainly, within [minimum, maximum]."""
    text = raw.strip().translate(_FULL_WIDTH) if isinstance(raw, str) else ""
    if not _DECIMAL.fullmatch(text) or not minimum <= float(text) <= maximum:
        label = f"参数 {name} " if name else ""
        raise InvalidParameter(f"{label}应为 {minimum:g} 到 {maximum:g} 之间的数。")
    return float(text)


def to_id(raw) -> int | None:
    """A database id from a string (a path value, a posted choice), or None."""
    try:
        return parse_int(raw if isinstance(raw, str) else str(raw), minimum=1, maximum=MAX_INT)
    except InvalidParameter:
        return None


def parse_date(raw, *, minimum: dt.date = MIN_DATE, maximum: dt.date = MAX_DATE, name: str = "") -> dt.date:
    """A date written YYYY-MM-DD within [minimum, maximum]."""
    text = raw.strip().translate(_FULL_WIDTH) if isinstance(raw, str) else ""
    match = _DATE.fullmatch(text)
    try:
        value = dt.date(*(int(part) for part in match.groups())) if match else None
    except ValueError:
        value = None
    if value is None or not minimum <= value <= maximum:
        label = f"参数 {name} " if name else ""
        raise InvalidParameter(f"{label}应为 {minimum.isoformat()} 到 {maximum.isoformat()} 之间的日期，格式 YYYY-MM-DD。")
    return value


class Params:
    """Typed reads of a QueryDict (request.GET). Absent or blank values give the default; unusable
    ones give the default too, or raise InvalidParameter when strict."""

    def __init__(self, query, *, strict: bool = False):
        self.query, self.strict = query, strict

    def raw(self, name: str) -> str:
        value = self.query.get(name)
        return value if isinstance(value, str) else ""

    def _read(self, name: str, parse, default):
        raw = self.raw(name)
        if not raw.strip():
            return default
        try:
            return parse(raw)
        except InvalidParameter:
            if self.strict:
                raise
            return default

    def text(self, name: str, *, max_length: int = DEFAULT_TEXT_LENGTH, default: str = "") -> str:
        raw = self.raw(name)
        if self.strict and len(raw) > max_length:
            raise InvalidParameter(f"参数 {name} 不能超过 {max_length} 个字符。")
        return clean_text(raw, max_length) or default

    def int(self, name: str, *, minimum: int = 0, maximum: int = MAX_INT, default=None):
        return self._read(name, lambda raw: parse_int(raw, minimum=minimum, maximum=maximum, name=name), default)

    def id(self, name: str):
        """A database id (1..MAX_INT) or None."""
        return self.int(name, minimum=1, maximum=MAX_INT)

    def number(self, name: str, *, minimum: float, maximum: float, default=None):
        return self._read(name, lambda raw: parse_number(raw, minimum=minimum, maximum=maximum, name=name), default)

    def page(self, name: str = "page", *, maximum: int = MAX_PAGE) -> int:
        return self.int(name, minimum=1, maximum=maximum, default=1)

    def year(self, name: str = "year", *, minimum: int = MIN_YEAR, maximum: int = MAX_YEAR, default=None):
        return self.int(name, minimum=minimum, maximum=maximum, default=default)

    def date(self, name: str, *, minimum: dt.date = MIN_DATE, maximum: dt.date = MAX_DATE, default=None):
        return self._read(name, lambda raw: parse_date(raw, minimum=minimum, maximum=maximum, name=name), default)

    def choice(self, name: str, choices: Iterable[str], *, default: str = "") -> str:
        allowed = [str(c) for c in choices]

        def parse(raw):
            value = raw.strip()
            if value not in allowed:
                raise InvalidParameter(f"参数 {name} 的取值无效，可选：{'、'.join(allowed[:30])}。")
            return value
        return self._read(name, parse, default)

    def flag(self, name: str) -> bool:
        """A checkbox or switch: present with any non-empty value."""
        return bool(self.raw(name).strip())

    def ids(self, name: str, *, separator: str = ",", limit: int = 500) -> list[int]:
        """A list of ids in one value ("3,5,8"); unusable items are left out."""
        found = [to_id(part) for part in self.raw(name).split(separator)[:limit]]
        if self.strict and None in found:
            raise InvalidParameter(f"参数 {name} 应为以“{separator}”分隔的编号。")
        return [pk for pk in found if pk is not None]


# ---- requests nothing can mean ------------------------------------------------------------------

_UNREADABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # C0 controls but tab and newlines
UNREADABLE_MESSAGE = "网址中含有无法识别的字符（如控制字符），请检查网址后重试。"


def without_control_characters(query):
    """request.GET without NUL and the other C0 control characters in its keys and values (a copy;
    the same QueryDict when there are none)."""
    if not any(_UNREADABLE.search(key) or _UNREADABLE.search(value)
               for key, values in query.lists() for value in values):
        return query
    cleaned = QueryDict(mutable=True)
    for key, values in query.lists():
        cleaned.setlist(_UNREADABLE.sub("", key), [_UNREADABLE.sub("", value) for value in values])
    cleaned._mutable = False
    return cleaned


class UnreadableInputMiddleware:
    """Whatever view or third-party code (admin, sitemaps, feeds) reads the request: a NUL never
    reaches it — PostgreSQL refuses NUL outright. Control characters in query values are dropped
    (the value is then used or ignored as usual); in the path nothing of ours can mean them, so
    the answer is 400 with a Chinese message (JSON under /api/)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.GET = without_control_characters(request.GET)
        if _UNREADABLE.search(request.path_info) or "\n" in request.path_info or "\r" in request.path_info:
            if request.path_info.startswith("/api/"):
                return JsonResponse({"error": UNREADABLE_MESSAGE}, status=400, json_dumps_params={"ensure_ascii": False})
            return HttpResponseBadRequest(f'<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>请求无效</title>'
                                          f"<h1>请求无效</h1><p>{UNREADABLE_MESSAGE}</p><p><a href=\"/\">返回首页</a></p></html>",
                                          content_type="text/html; charset=utf-8")
        return self.get_response(request)


# ---- path converters ------------------------------------------------------------------------------

class IdConverter:
    """<id:pk>: a database id. A number the database integer cannot hold is not a page (404),
    rather than an overflow inside the query."""

    regex = "[0-9]{1,10}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_INT:
            raise ValueError("id out of range")
        return number

    def to_url(self, value) -> str:
        return str(value)


class TextConverter:
    """<text:name>: one path segment without control characters (a NUL would reach the database)."""

    regex = "[^/\x00-\x1f\x7f]{1,300}"

    def to_python(self, value: str) -> str:
        if any(unicodedata.category(ch) == "Cs" for ch in value):
            raise ValueError("lone surrogate")
        return value

    def to_url(self, value) -> str:
        return str(value)


def register_converters() -> None:
    """Called at import of the root URLconf, before any app's patterns are built."""
    register_converter(IdConverter, "id")
    register_converter(TextConverter, "text")
