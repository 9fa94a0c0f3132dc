"""GET /elder/audio/<kind>/<id>/ — the server-made read-aloud audio of a public page; GET /elder/speech/?text=
— the same speech for a short text (the toolbar's 指读 and 连读 where the browser has no Chinese voice).

With ?check=1 it answers JSON: 200 {"status": "ready"}, 202 {"status": "pending"} while the audio
is being made (the page asks again), 404 {"status": "unavailable"} when there is nothing to read or
no speech engine (the page then says 语音暂不可用). Without ?check it returns the audio itself
(same status codes when it is not ready), so an <audio src> can stream it from this site (CSP).
"""
from django.http import FileResponse, HttpResponseNotModified, JsonResponse
from django.views.decorators.http import require_GET

from portal import ratelimit

from elderzone.speech import engine, services
from elderzone.speech.texts import public_object, text_for, text_hash
from portal.params import Params


def _unavailable(message="语音暂不可用"):
    return JsonResponse({"status": "unavailable", "message": message}, status=404)


def _pending():
    response = JsonResponse({"status": "pending", "message": "正在准备语音，请稍候"}, status=202)
    response["Retry-After"] = "3"
    return response


@require_GET
def audio(request, kind: str, pk: int):
    check = Params(request.GET).flag("check")
    obj = public_object(kind, pk)
    if obj is None:
        return _unavailable("没有找到要朗读的内容")
    text = text_for(obj)
    if not text:
        return _unavailable("没有可以朗读的文字")
    digest = text_hash(text)
    cached = services.cached_audio(digest)
    if cached is None:
        if not engine.available() or services.recently_failed(digest):
            return _unavailable()
        if services.mark_pending(digest):
            from elderzone.tasks import make_speech
            from portal.ops import outbox

            # Eager (embedded) mode makes it right here; with a worker the page polls, and with the
            # broker down the outbox drain makes it a minute later.
            outbox.enqueue(make_speech, kind, pk)
            cached = services.cached_audio(digest)
        if cached is None and services.recently_failed(digest):
            return _unavailable()
        if cached is None:
            return _pending()
    if check:
        return JsonResponse({"status": "ready", "type": cached.mime_type})
    return _audio_response(request, cached, digest)


# The toolbar reads what is under the pointer or in focus: a label, a paragraph (its textOf() cuts at 300).
SNIPPET_MAX_CHARS = 300
# Made while the visitor waits (espeak-ng takes ~0.1 s for such a text); a client may have this many made per
# minute; texts already made are served without limit (cached per text, as the page audio is).
SNIPPETS_PER_MINUTE = 40


@require_GET
def speech(request):
    text = " ".join(Params(request.GET).text("text", max_length=SNIPPET_MAX_CHARS).split())
    if not text:
        return _unavailable("没有可以朗读的文字")
    digest = text_hash(text)
    cached = services.cached_audio(digest)
    if cached is None:
        if not engine.available() or services.recently_failed(digest):
            return _unavailable()
        retry_after = ratelimit.hit(request, "elder-speech", limit=SNIPPETS_PER_MINUTE, window=60)
        if retry_after:
            raise ratelimit.RateLimited(retry_after, "朗读请求太频繁，请稍后再试。")
        try:
            cached = services.speech_for_text(text)
        except engine.SpeechUnavailable:
            return _unavailable()
    return _audio_response(request, cached, digest)


def _audio_response(request, cached, digest: str):
    etag = f'"{digest}"'
    if request.headers.get("If-None-Match") == etag:
        return HttpResponseNotModified(headers={"ETag": etag})
    services.touch(cached)
    response = FileResponse(cached.file.open("rb"), content_type=cached.mime_type)
    response["Content-Length"] = cached.file.size
    # The URL names the content, not the text: the browser revalidates (ETag) after an edit.
    response["Cache-Control"] = "no-cache"
    response["ETag"] = etag
    return response
