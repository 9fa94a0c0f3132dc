"""Checks of identity document numbers (GB 11643 身份证, GB 32100 统一社会信用代码)."""
from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
CREDIT_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # no I, O, S, V, Z
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def normalise_id(value: str) -> str:
    """Upper-case, half-width, no spaces: how numbers are stored and compared."""
    value = (value or "").strip().upper()
    value = "".join(chr(ord(c) - 0xFEE0) if "！" <= c <= "～" else c for c in value)
    return re.sub(r"[\s\-]", "", value)


def id_card_check_char(first17: str) -> str:
    return _ID_CHECK[sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS)) % 11]


def is_valid_id_card(value: str) -> bool:
    value = normalise_id(value)
    if not re.fullmatch(r"[1-9]\d{16}[\dX]", value):
        return False
    try:
        birth = dt.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return False
    if not dt.date(1900, 1, 1) <= birth <= dt.date.today():
        return False
    return id_card_check_char(value[:17]) == value[17]


def credit_code_check_char(first17: str) -> str:
    total = sum(CREDIT_CHARSET.index(c) * w for c, w in zip(first17, _CREDIT_WEIGHTS))
    return CREDIT_CHARSET[(31 - total % 31) % 31]


def is_valid_credit_code(value: str) -> bool:
    value = normalise_id(value)
    if len(value) != 18 or any(c not in CREDIT_CHARSET for c in value):
        return False
    return credit_code_check_char(value[:17]) == value[17]


def validate_id_number(id_type: str, value: str) -> str:
    """The normalised number, or a Chinese ValidationError saying what is wrong."""
    number = normalise_id(value)
    if not number:
        raise ValidationError("请填写证件号码。")
    if id_type == "id_card":
        if len(number) != 18:
            raise ValidationError("居民身份证号码应为18位。")
        if not is_valid_id_card(number):
            raise ValidationError("居民身份证号码有误（出生日期或校验位不符），请核对。")
    elif id_type == "credit_code":
        if len(number) != 18:
            raise ValidationError("统一社会信用代码应为18位。")
        if not is_valid_credit_code(number):
            raise ValidationError("统一社会信用代码有误（含无效字符或校验位不符），请核对。")
    elif not re.fullmatch(r"[0-9A-Z]{5,30}", number):
        raise ValidationError("证件号码格式有误：应为5至30位字母或数字。")
    return number
