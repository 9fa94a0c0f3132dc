"""Lazy access to the other apps' models and URLs.

The portal shows blocks, feeds, sitemap sections, API resources and statistics for content owned
by policies / themedays / elderzone / openinfo. Those apps grow independently, so the portal looks
their models and routes up at run time and leaves a block out when something is not there, instead
of failing to import.
"""
from __future__ import annotations

from django.apps import apps
from django.db import models
from django.urls import NoReverseMatch, Resolver404, resolve, reverse


def model(label: str, *alternatives: str) -> type[models.Model] | None:
    """The first of "app_label.ModelName" (or alternatives) that exists, else None."""
    for candidate in (label, *alternatives):
        app_label, _, model_name = candidate.partition(".")
        try:  # LookupError covers both an app that is not installed and a model it does not have

            return apps.get_model(app_label, model_name)
        except LookupError:
            continue
    return None


def has_fields(model_class, *names: str) -> bool:
    if model_class is None:
        return False
    present = {f.name for f in model_class._meta.get_fields()}
    return all(name.split("__", 1)[0] in present for name in names)


def public_queryset(model_class) -> models.QuerySet | None:
    """Published rows only: `.objects.public()` where the model has it, else None (never everything)."""
    if model_class is None:
        return None
    manager = model_class._default_manager
    public = getattr(manager, "public", None)
    if callable(public):
        return public()
    if has_fields(model_class, "is_public"):
        return manager.filter(is_public=True)
    return None


def url(name: str, *args, **kwargs) -> str:
    """reverse() or "" when the route is not (yet) there."""
    try:
        return reverse(name, args=args or None, kwargs=kwargs or None)
    except NoReverseMatch:
        return ""


def first_url(*names: str) -> str:
    for name in names:
        found = url(name)
        if found:
            return found
    return ""


def routed(path: str) -> str:
    """The path itself if some view answers it (for the contract URLs in DESIGN.md), else ""."""
    try:
        resolve(path)
    except Resolver404:
        return ""
    return path


def call(dotted: str, *args, default=None, **kwargs):
    """Call "package.module.function" if it exists; `default` when the module or function is missing."""
    module_name, _, attr = dotted.rpartition(".")
    try:
        module = __import__(module_name, fromlist=[attr])
    except ImportError:
        return default
    function = getattr(module, attr, None)
    if not callable(function):
        return default
    return function(*args, **kwargs)
