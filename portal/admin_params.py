"""GET parameters of Django's admin views, read through portal.params like every view's.

Admin reads some query parameters itself and trusts them: a changelist's date hierarchy turns
`<field>__year=99999999999999999999` into datetime() (OverflowError, a 500), and an add view's
`?<relation>=x` or `?<datetime>=x` becomes the form's initial value, which the widget then looks
up as an id (ValueError) or splits as a datetime (AttributeError), a 500; an empty `?_to_field=` reaches get_field("") (FieldDoesNotExist). Before any admin view runs, such values are dropped when portal.params
cannot read them, for every registered ModelAdmin at once.
"""
from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models

from portal.params import MAX_YEAR, MIN_YEAR, Params

DATE_PARTS = (("year", MIN_YEAR, MAX_YEAR), ("month", 1, 12), ("day", 1, 31))


def _model_admin(match):
    for model, model_admin in admin.site._registry.items():
        prefix = f"{model._meta.app_label}_{model._meta.model_name}_"
        if (match.url_name or "").startswith(prefix):
            return model, model_admin
    return None, None


def _date_hierarchy(model_admin, query) -> list[str]:
    """Keys of the date hierarchy that are not a sane year, month or day."""
    if not model_admin.date_hierarchy:
        return []
    params = Params(query)
    return [key for part, low, high in DATE_PARTS
            if (key := f"{model_admin.date_hierarchy}__{part}") in query
            and params.int(key, minimum=low, maximum=high) is None]


def _initial_values(model, query) -> dict[str, str | None]:
    """Initial values of the add form that it cannot show: of a relation only the ids are kept;
    a date or time is dropped (admin's split widgets take no text); a value the field cannot
    convert is dropped."""
    changed, params = {}, Params(query)
    for key in query:
        try:
            field = model._meta.get_field(key)
        except FieldDoesNotExist:
            continue
        raw = params.raw(key)
        if field.is_relation:
            kept = ",".join(str(pk) for pk in params.ids(key)) or None
        elif isinstance(field, (models.DateField, models.TimeField)):  # DateTimeField is a DateField
            kept = None
        else:
            try:
                field.to_python(raw)
                kept = raw
            except ValidationError:
                kept = None
        if kept != raw:
            changed[key] = kept
    return changed


class AdminParamsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or match.app_name != "admin" or not request.GET:
            return None
        model, model_admin = _model_admin(match)
        if model_admin is None:
            return None
        # An empty ?_to_field= passes admin's check and then names no field (FieldDoesNotExist).
        params = Params(request.GET)
        drop, replace = [key for key in ("_to_field",) if key in request.GET and not params.raw(key).strip()], {}
        if match.url_name.endswith("_changelist"):
            drop += _date_hierarchy(model_admin, request.GET)
        elif match.url_name.endswith("_add"):
            replace = _initial_values(model, request.GET)
        if not drop and not replace:
            return None
        query = request.GET.copy()
        for key in drop:
            query.pop(key, None)
        for key, value in replace.items():
            if value is None:
                query.pop(key, None)
            else:
                query[key] = value
        query._mutable = False
        request.GET = query
        return None
