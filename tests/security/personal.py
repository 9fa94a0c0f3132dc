"""The personal data of applicants and registrants in the database, found by field, not by model list.

A model counts as "submitted by a member of the public" when it is not published content
(Publishable: its contact fields are an office's public phone) and not a public directory
(the 机构职能目录, the 关爱地图 places). New models of that kind are picked up by themselves.
"""
from __future__ import annotations

import re

from django.apps import apps

from portal.models import Publishable

APPS = ("openinfo", "themedays", "elderzone", "policies")
FIELD_NAME = re.compile(r"(^|_)(id_number|id_no|id_card|phone|mobile|tel|telephone|email|address|contact)$")
FIELD_LABEL = re.compile(r"证件号|电话|手机|地址|邮箱|联系方式")
# Public by design: departments' and institutions' own contacts, what departments (not the
# public) submit to the 公开办 (申报表), and a policy's 解读人 whose 联系方式 is published with it (六公开).
PUBLIC_MODELS = {"themedays.proposal", "policies.policyinterpreter"}
PUBLIC_MODULE_PARTS = ("catalogue", "care", "content")


def personal_fields() -> dict[str, list[str]]:
    found = {}
    for model in apps.get_models():
        meta = model._meta
        label = meta.label_lower
        if meta.app_label not in APPS or label in PUBLIC_MODELS or issubclass(model, Publishable):
            continue
        if any(part in model.__module__.rsplit(".", 1)[-1] for part in PUBLIC_MODULE_PARTS):
            continue
        names = [
            f.name for f in meta.get_fields()
            if getattr(f, "concrete", False) and f.get_internal_type() in ("CharField", "TextField", "EmailField")
            and not f.choices and (FIELD_NAME.search(f.name) or FIELD_LABEL.search(str(f.verbose_name)))
        ]
        if names:
            found[meta.label] = names
    return found


def personal_values(min_length: int = 6) -> dict[str, str]:
    """value → where it came from; phones also as bare digits ("0731-8888 1234" → "073188881234")."""
    values = {}
    for label, names in personal_fields().items():
        model = apps.get_model(label)
        for row in model._default_manager.values_list(*names):
            for name, value in zip(names, row):
                value = (value or "").strip()
                if len(value) < min_length:
                    continue
                values[value] = f"{label}.{name}"
                digits = re.sub(r"\D", "", value)
                if len(digits) >= 7 and digits != value and not value.count("@"):
                    values[digits] = f"{label}.{name}"
    return values
