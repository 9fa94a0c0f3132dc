"""Read-aloud audio follows the content: after a public readable row is saved, its audio is made
(after the commit, in the worker). A side effect only — the content's own rules live in its services."""
from django.db.models.signals import post_save

from elderzone.speech.texts import READABLES


def _on_save(sender, instance, **kwargs):
    from elderzone.speech.services import schedule_for

    schedule_for(instance)


def connect() -> None:
    for readable in READABLES.values():
        model = readable.model
        if model is not None:
            post_save.connect(_on_save, sender=model, dispatch_uid=f"elderzone-speech-{readable.kind}")
