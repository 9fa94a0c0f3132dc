"""GET /elder/audio/<kind>/<id>/ — the server-made read-aloud audio of a public page.

With ?check=1 it answers JSON: 200 {"status": "ready"}, 202 {"status": "pending"} while the audio
is being made (the page asks again), 404 {"status": "unavailable"} when there is nothing to read or
no speech engine (the page then says 语音暂不可用). Without ?check it returns the audio itself
(same status codes when it is not ready), so an <audio src> can stream it from this site (CSP).
"""
from django.http import FileResponse, HttpResponseNotModified, JsonResponse
from django.views.decorators.http import require_GET

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

            # Eager (embedded) mode makes it right here; with a worker the page polls.
            make_speech.delay(kind, pk)
            cached = services.cached_audio(digest)
        if cached is None and services.recently_failed(digest):
            return _unavailable()
        if cached is None:
            return _pending()
    etag = f'"{digest}"'
    if Params(request.GET).flag("check"):
        return JsonResponse({"status": "ready", "type": cached.mime_type})
    if request.headers.get("If-None-Match") == etag:
        return HttpResponseNotModified(headers={"ETag": etag})
    services.touch(cached)
    response = FileResponse(cached.file.open("rb"), content_type=cached.mime_type)
    response["Content-Length"] = cached.file.size
    # The URL names the content, not the text: the browser revalidates (ETag) after an edit.
    response["Cache-Control"] = "no-cache"
    response["ETag"] = etag
    return response
