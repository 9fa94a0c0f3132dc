"""Making and finding cached read-aloud audio. Same text → same file, never a second synthesis."""
from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from elderzone.models import SpeechAudio

from . import engine
from .texts import kind_of, pregenerate, text_hash

PENDING_SECONDS = 300
FAILED_SECONDS = 600


def cached_audio(digest: str) -> SpeechAudio | None:
    audio = SpeechAudio.objects.filter(text_hash=digest).first()
    if audio is not None and not audio.file.storage.exists(audio.file.name):
        # The file was removed behind our back (disk clean-up): forget the row and make it again.
        audio.delete()
        return None
    return audio


def speech_for_text(text: str) -> SpeechAudio | None:
    """The cached audio for `text`, synthesised now if missing; None when there is nothing to read."""
    text = (text or "").strip()
    if not text:
        return None
    digest = text_hash(text)
    existing = cached_audio(digest)
    if existing is not None:
        return existing
    try:
        audio = engine.synthesize(text)
    except engine.SpeechUnavailable:
        # Remember the failure for a while, so pages say 语音暂不可用 instead of waiting in vain.
        cache.delete(_pending_key(digest))
        cache.set(_failed_key(digest), 1, FAILED_SECONDS)
        raise
    row = SpeechAudio(text_hash=digest, mime_type=audio.mime_type, characters=len(text), size=len(audio.data))
    try:
        with transaction.atomic():
            row.file.save(f"{digest[:2]}/{digest}.{audio.extension}", ContentFile(audio.data), save=False)
            row.save()
    except IntegrityError:
        # Two workers made the same text at once; keep the first, drop ours.
        row.file.delete(save=False)
        return SpeechAudio.objects.get(text_hash=digest)
    finally:
        cache.delete(_pending_key(digest))
    return row


def _pending_key(digest: str) -> str:
    return f"elderzone:speech-pending:{digest}"


def _failed_key(digest: str) -> str:
    return f"elderzone:speech-failed:{digest}"


def recently_failed(digest: str) -> bool:
    return bool(cache.get(_failed_key(digest)))


def mark_pending(digest: str) -> bool:
    """True if this caller should queue the work (nobody queued it in the last few minutes)."""
    return cache.add(_pending_key(digest), 1, PENDING_SECONDS)


def touch(audio: SpeechAudio) -> None:
    if audio.last_used_at < timezone.now() - timedelta(days=1):
        SpeechAudio.objects.filter(pk=audio.pk).update(last_used_at=timezone.now())


def schedule_for(obj) -> None:
    """After the commit, make the audio of a public readable object (if the engine is there)."""
    if not getattr(settings, "ELDERZONE_SPEECH_ON_SAVE", True):
        return
    kind = kind_of(obj)
    if kind is None or not getattr(obj, "is_public", False) or not pregenerate(obj) or not engine.available():
        return
    from elderzone.tasks import make_speech
    from portal.ops import outbox

    outbox.enqueue(make_speech, kind, obj.pk)


def remove_unused(*, days: int = 180) -> int:
    """Delete audio nobody played for `days` (texts that changed leave their old file behind)."""
    old = SpeechAudio.objects.filter(last_used_at__lt=timezone.now() - timedelta(days=days))
    count = 0
    for audio in old.iterator():
        audio.file.delete(save=False)
        audio.delete()
        count += 1
    return count
