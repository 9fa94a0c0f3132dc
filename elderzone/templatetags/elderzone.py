from django import template
from django.urls import reverse

from elderzone.speech import engine
from elderzone.speech.texts import kind_of

register = template.Library()


@register.simple_tag
def elder_audio_url(*candidates) -> str:
    """The server audio URL of the first readable public object given, or "" (browser voice only).

    The read-aloud include passes the usual context names (object, interpretation, article, notice,
    policy) so that pages which only say `target=` still get the server fallback.
    """
    if not engine.available():
        return ""
    for obj in candidates:
        if not obj or not hasattr(obj, "_meta"):
            continue
        kind = kind_of(obj)
        if kind and getattr(obj, "is_public", False):
            return reverse("elderzone:audio", args=[kind, obj.pk])
    return ""


@register.filter
def km(value) -> str:
    """1.234 → "1.2 公里"; under a kilometre in metres, as people say it."""
    if value is None:
        return ""
    if value < 1:
        return f"{int(round(value * 1000, -1))} 米"
    return f"{value:.1f} 公里"

