"""Read-aloud audio follows the content: after a public readable row is saved, its audio is made
(after the commit, in the worker). A side effect only — the content's own rules live in its services.

Bulk writers (the policy importer) wrap their work in `speech_paused()`: making audio per row would
take seconds a document there, and the zone makes any missing audio on first play anyway."""
from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models.signals import post_save

from elderzone.speech.texts import READABLES

# A context variable, not a disconnected receiver: a pause in one thread (an import run from the
# admin) must not silence saves made at the same time by other requests of the same process.
_paused: ContextVar[bool] = ContextVar("elderzone_speech_paused", default=False)


@contextmanager
def speech_paused():
    """No read-aloud audio is scheduled for rows saved inside this block (in this thread/context)."""
    token = _paused.set(True)
    try:
        yield
    finally:
        _paused.reset(token)


def _on_save(sender, instance, **kwargs):
    if _paused.get():
        return
    from elderzone.speech.services import schedule_for

    schedule_for(instance)


def connect() -> None:
    for readable in READABLES.values():
        model = readable.model
        if model is not None:
            post_save.connect(_on_save, sender=model, dispatch_uid=f"elderzone-speech-{readable.kind}")
