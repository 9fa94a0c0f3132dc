"""The single reader of the environment (HackSoft's config/env.py pattern).

Every setting that may differ between the embedded default and production is read here, so the
settings module never touches os.environ directly.
"""
import os

_TRUE = {"1", "true", "yes", "on"}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in _TRUE


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_choice(name: str, choices, default: str) -> str:
    """One of `choices` (case-insensitive); anything else stops the start with a clear message."""
    from django.core.exceptions import ImproperlyConfigured

    value = os.environ.get(name, default).strip().lower()
    if value not in choices:
        raise ImproperlyConfigured(f"{name} 只能是 {' / '.join(choices)}，而不是 {value!r}")
    return value
