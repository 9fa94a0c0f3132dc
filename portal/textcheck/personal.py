"""Personal data in public text: mobile and fixed phones, 身份证号, bank cards, e-mail, home addresses.

Pure functions (no database): `find_personal_data(text)` lists what a reader could use to reach or
identify a person; `mask(text, findings)` rewrites each one the way Chinese government sites print
them (13912345678 → 139****5678). Numbers that only look like these — dates, 发文字号, 邮编, amounts
("13912345678元") — are not flagged: a false alarm on every 通知 would train officials to click through.
"""
from __future__ import annotations

import html as html_module
import re
from dataclasses import dataclass

from portal.text import plain_text

MOBILE, LANDLINE, ID_CARD, BANK_CARD, EMAIL, ADDRESS = "mobile", "landline", "id_card", "bank_card", "email", "address"
LABELS = {MOBILE: "手机号码", LANDLINE: "固定电话", ID_CARD: "身份证号", BANK_CARD: "银行卡号", EMAIL: "电子邮箱", ADDRESS: "详细住址"}
# What an official may confirm as the office's own contact; an ID or card number never is.
CONFIRM_LABELS = {MOBILE: "确认为办公电话", LANDLINE: "确认为办公电话", EMAIL: "确认为办公邮箱", ADDRESS: "确认为办公地址"}

# Full-width digits, letters and @ read the same to a person; one character each, so spans still match.
_FOLD = str.maketrans({chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)} | {"\u3000": " "})

_NOT_BEFORE = r"(?<![0-9A-Za-z_./=#¥￥$-])"
# A unit or 号 right after the digits makes it an amount, a count or a document number, not a contact.
_NOT_AFTER = r"(?![0-9A-Za-z_])(?!\s*(?:元|万|亿|千|百|人|户|次|个|件|吨|亩|平方|米|公里|册|份|页|笔|台|辆|字|股|%|号(?!码)))"

# A checksum-valid 18-digit number is an ID whatever follows it; nobody writes an 18-digit amount.
_ID18 = re.compile(
    _NOT_BEFORE + r"[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])"
)
_ID15 = re.compile(_NOT_BEFORE + r"[1-9]\d{7}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}" + _NOT_AFTER)
_BANK = re.compile(_NOT_BEFORE + r"(?:[3-6]\d{3}(?:[ -]\d{4}){3}(?:[ -]?\d{1,3})?|[3-6]\d{15,18})" + _NOT_AFTER)
_MOBILE = re.compile(_NOT_BEFORE + r"(?:(?:\+|00)?86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}" + _NOT_AFTER)
_LANDLINE = re.compile(
    r"(?:" + _NOT_BEFORE + r"(?:(?:\(0\d{2,3}\)|（0\d{2,3}）)\s?|0\d{2,3}[-－ ])[2-9]\d{6,7}(?:(?:转|分机)\d{1,6})?"
    + r"|" + _NOT_BEFORE + r"[48]00[- ]?\d{3}[- ]?\d{4})" + _NOT_AFTER
)
_EMAIL = re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_NUM = r"[0-9一二三四五六七八九十百零〇]+"
_ADDRESS = re.compile(
    rf"[\u4e00-\u9fa5]{{1,8}}(?:路|街|巷|大道|胡同|弄){_NUM}号(?:{_NUM}(?:栋|幢|号楼|单元|楼|层|室))*"
    rf"|[\u4e00-\u9fa5]{{1,8}}(?:小区|花园|公寓|新村|家园|苑){_NUM}(?:栋|幢|号楼|区)(?:{_NUM}(?:单元|楼|层))*{_NUM}(?:室|号)"
)
_ADDRESS_CORE = re.compile(r"[\u4e00-\u9fa5]{0,2}(?:路|街|巷|大道|胡同|弄|小区|花园|公寓|新村|家园|苑).*")
_ADDRESS_NUMBER = re.compile(rf"{_NUM}(?=号|栋|幢|单元|楼|层|室)")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'，。；）]+")
# Government mailboxes are the office's by construction.
_OFFICE_MAIL = re.compile(r"(?i)@(?:[a-z0-9-]+\.)*gov\.cn$")

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


@dataclass(frozen=True)
class Finding:
    kind: str
    text: str  # as written in the text
    masked: str

    @property
    def label(self) -> str:
        return LABELS[self.kind]

    @property
    def confirm_label(self) -> str | None:
        return CONFIRM_LABELS.get(self.kind)

    @property
    def key(self) -> str:
        return contact_key(self.kind, self.text)


def contact_key(kind: str, text: str) -> str:
    """What two spellings of the same contact share (0731-8888 8888 and (0731)88888888)."""
    if kind in (MOBILE, LANDLINE):
        digits = re.sub(r"\D", "", text.translate(_FOLD))
        return digits[2:] if kind == MOBILE and len(digits) == 13 and digits.startswith("86") else digits
    if kind == EMAIL:
        return text.lower()
    if kind == ADDRESS:
        core = _ADDRESS_CORE.search(text)
        return core.group() if core else text
    return text


def id_checksum_ok(number: str) -> bool:
    total = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS))
    return "10X98765432"[total % 11] == number[17].upper()


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


def _mask_chars(text: str, head: int, tail: int, maskable=r"[0-9Xx]") -> str:
    positions = [m.start() for m in re.finditer(maskable, text.translate(_FOLD))]
    hidden = set(positions[head:len(positions) - tail])
    return "".join("*" if i in hidden else ch for i, ch in enumerate(text))


def _masked(kind: str, text: str) -> str:
    digits = len(re.findall(r"\d", text.translate(_FOLD)))
    if kind == MOBILE:
        return _mask_chars(text, digits - 8, 4)
    if kind == LANDLINE:
        # The area code and an extension say which office, not who: they stay.
        extension = re.search(r"(?:转|分机)\d+$", text)
        number, ext = (text[:extension.start()], extension.group()) if extension else (text, "")
        area = re.match(r"\D*(0\d{2,3}|[48]00)", number.translate(_FOLD))
        return _mask_chars(number, len(area.group(1)) if area else 0, 4) + ext
    if kind in (ID_CARD, BANK_CARD):
        return _mask_chars(text, 4, 4)
    if kind == EMAIL:
        local, _, domain = text.partition("@")
        return f"{local[:1]}***@{domain}"
    return _ADDRESS_NUMBER.sub(lambda m: "*" * len(m.group()), text)


def _candidates(text: str):
    """(start, end, kind) in order of priority: an ID number is not also read as a bank card."""
    for m in _ID18.finditer(text):
        if id_checksum_ok(m.group()):
            yield m.start(), m.end(), ID_CARD
    for m in _ID15.finditer(text):
        yield m.start(), m.end(), ID_CARD
    for m in _BANK.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        if 16 <= len(digits) <= 19 and luhn_ok(digits):
            yield m.start(), m.end(), BANK_CARD
    for m in _MOBILE.finditer(text):
        yield m.start(), m.end(), MOBILE
    for m in _LANDLINE.finditer(text):
        yield m.start(), m.end(), LANDLINE
    for m in _EMAIL.finditer(text):
        if not _OFFICE_MAIL.search(m.group()):
            yield m.start(), m.end(), EMAIL
    for m in _ADDRESS.finditer(text):
        yield m.start(), m.end(), ADDRESS


def find_personal_data(text: str, *, allowed: frozenset[tuple[str, str]] | set = frozenset()) -> list[Finding]:
    """Personal data in `text` (plain or rich text), in reading order, each once.

    `allowed` holds (kind, key) pairs already confirmed as office contacts; phones are matched by
    digits whatever the kind (an office number is an office number written as 0731-… or 400-…).
    """
    plain = plain_text(text)
    # Links carry ids and dates that are not contacts; blank them out, keeping every position.
    plain = _URL.sub(lambda m: " " * len(m.group()), plain)
    folded = plain.translate(_FOLD)
    taken: list[tuple[int, int]] = []
    found: dict[str, Finding] = {}
    allowed_phones = {key for kind, key in allowed if kind in (MOBILE, LANDLINE)}
    for start, end, kind in sorted(_candidates(folded), key=lambda c: c[0]):
        if any(start < e and s < end for s, e in taken):
            continue
        written = plain[start:end]
        key = contact_key(kind, written)
        if (kind, key) in allowed or (kind in (MOBILE, LANDLINE) and key in allowed_phones):
            continue
        taken.append((start, end))
        found.setdefault(written, Finding(kind=kind, text=written, masked=_masked(kind, written)))
    return list(found.values())


def mask(text: str, findings: list[Finding]) -> str:
    """`text` with each finding replaced by its masked form, in plain or HTML-escaped spelling."""
    for finding in findings:
        text = text.replace(finding.text, finding.masked)
        escaped = html_module.escape(finding.text, quote=False)
        if escaped != finding.text:
            text = text.replace(escaped, html_module.escape(finding.masked, quote=False))
    return text
