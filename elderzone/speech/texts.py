"""Which content can be read aloud by the server, and the text read for each.

Kinds are short names used in the audio URL (/elder/audio/<kind>/<id>/). Only public rows are read.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from django.apps import apps
from django.db import models

from portal.text import content_hash, plain_text

from .engine import ENGINE_VERSION

# Espeak reads long documents fine, but a runaway paste should not make an hour of audio.
MAX_CHARACTERS = 30_000


@dataclass(frozen=True)
class Readable:
    kind: str
    app_label: str
    model_name: str
    text: Callable[[models.Model], str]
    # Whether saving a public row makes its audio right away; the rest is made on first request, so
    # that importing thousands of policies does not fill the disk with audio nobody asked for.
    pregenerate: Callable[[models.Model], bool] = lambda obj: True

    @property
    def model(self):
        try:
            return apps.get_model(self.app_label, self.model_name)
        except LookupError:  # e.g. policies' interpretations not installed in this build
            return None


def _join(*parts: str) -> str:
    text = "\n".join(p.strip() for p in parts if p and p.strip())
    return text[:MAX_CHARACTERS]


def _policy_text(policy) -> str:
    return _join(policy.title, policy.doc_number, plain_text(policy.body))


def _interpretation_text(item) -> str:
    images = [f"{img.alt_text}。{img.description}" for img in item.images.all()] if hasattr(item, "images") else []
    return _join(item.title, getattr(item, "summary", ""), plain_text(getattr(item, "body", "")),
                 getattr(item, "transcript", ""), *images)


def _article_text(item) -> str:
    return _join(item.title, getattr(item, "summary", ""), plain_text(item.body))


def _is_zone_policy(policy) -> bool:
    from elderzone.selectors import is_elder_policy

    return is_elder_policy(policy)


READABLES = {
    r.kind: r
    for r in (
        Readable("policy", "policies", "PolicyDocument", _policy_text, _is_zone_policy),
        Readable("interpretation", "policies", "Interpretation", _interpretation_text),
        Readable("life", "elderzone", "LifeArticle", _article_text),
        Readable("notice", "elderzone", "ElderNotice", _article_text),
        # The site's own news and notices (portal); only notices are read ahead, news on request.
        Readable("article", "portal", "Article", _article_text, lambda a: getattr(a, "category", "") == "notice"),
    )
}


def kind_of(obj) -> str | None:
    for readable in READABLES.values():
        model = readable.model
        if model is not None and type(obj)._meta.concrete_model is model._meta.concrete_model:
            return readable.kind
    return None


def public_object(kind: str, pk: int):
    readable = READABLES.get(kind)
    model = readable.model if readable else None
    if model is None:
        return None
    return model.objects.public().filter(pk=pk).first()


def pregenerate(obj) -> bool:
    kind = kind_of(obj)
    return bool(kind) and READABLES[kind].pregenerate(obj)


def text_for(obj) -> str:
    kind = kind_of(obj)
    return READABLES[kind].text(obj) if kind else ""


def text_hash(text: str) -> str:
    """Same text (and same voice settings) → same hash → the same cached file."""
    return content_hash(ENGINE_VERSION, (text or "").strip())
