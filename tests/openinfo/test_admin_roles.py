"""Every role opens every openinfo admin change page without a server error (issue 14, defect 6)."""
import datetime as dt
import itertools

import pytest
from django.contrib import admin
from django.db import models
from django.urls import reverse

from portal.models import Department, Role
from tests.factories import official

from .conftest import login

pytestmark = pytest.mark.django_db

_serial = itertools.count(1)


def _value(field, department):
    """A valid value for a required field, from its type alone, so a model added later is covered too."""
    n = next(_serial)
    if isinstance(field, models.ForeignKey):
        target = field.remote_field.model
        return department if target is Department else _build(target, department)
    if field.choices:
        return field.choices[0][0]
    if isinstance(field, models.DateTimeField):
        return dt.datetime(2026, 3, 2, 9, tzinfo=dt.timezone.utc)
    if isinstance(field, models.DateField):
        # Unique dates (the work calendar) far from the seeded years.
        return dt.date(2031, 1, 1) + dt.timedelta(days=n)
    if isinstance(field, (models.IntegerField, models.DecimalField)):
        return 2026 if field.name == "year" else 1
    if isinstance(field, models.BooleanField):
        return False
    return f"测试{n}"[: field.max_length or 20]


def _build(model, department):
    values = {}
    for field in model._meta.concrete_fields:
        owned = isinstance(field, models.ForeignKey) and field.remote_field.model is Department
        if not owned and (field.primary_key or field.has_default() or field.null or field.blank and not field.unique):
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            continue
        values[field.name] = _value(field, department)
    return model.objects.create(**values)


OPENINFO_ADMINS = sorted(
    (model for model in admin.site._registry if model._meta.app_label == "openinfo"),
    key=lambda model: model._meta.model_name,
)


@pytest.mark.parametrize("model", OPENINFO_ADMINS, ids=lambda m: m._meta.model_name)
def test_every_role_opens_every_change_page(client, department, model):
    obj = _build(model, department)
    url = reverse(f"admin:openinfo_{model._meta.model_name}_change", args=[obj.pk])
    for role in Role:
        user = official(role, department)
        login(client, user)
        response = client.get(url)
        # Own department (or a site-wide table): the page opens, editable or read-only.
        assert response.status_code == 200, (role, response.status_code)
