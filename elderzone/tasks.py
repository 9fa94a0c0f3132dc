"""Background work of the elder zone: read-aloud audio."""
import logging

from celery import shared_task

log = logging.getLogger(__name__)


@shared_task(ignore_result=True, acks_late=True)
def make_speech(kind: str, pk: int) -> str | None:
    """Make (or find) the audio of a public readable object; returns the text hash."""
    from elderzone.speech import engine, services
    from elderzone.speech.texts import public_object, text_for, text_hash

    obj = public_object(kind, pk)
    if obj is None:
        return None
    text = text_for(obj)
    try:
        audio = services.speech_for_text(text)
    except engine.SpeechUnavailable as exc:
        log.warning("朗读音频无法生成（%s #%s）：%s", kind, pk, exc)
        return None
    return audio.text_hash if audio else None


@shared_task(ignore_result=True)
def remove_unused_speech() -> int:
    from elderzone.speech.services import remove_unused

    return remove_unused()
