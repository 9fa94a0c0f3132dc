"""GET /media/<name> — an uploaded file, only while the content it belongs to is published
(or to the official who may preview that content).

In production (MEDIA_ACCEL_REDIRECT set) the answer is empty and carries X-Accel-Redirect: nginx
sends the bytes from its `internal` location, so no gunicorn worker is held by a download. In the
embedded default the view streams the file itself. Either way the decision is made here, on every
request: a withdrawn document's file is gone the moment the withdrawal is saved.
"""
from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from portal.files import content_type, download_name, shown_inline, visible_file

# Files are documents and pictures, never active content; even one that slipped through runs nothing.
FILE_CSP = "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; sandbox"


@require_safe
def serve_media(request, name: str):
    field_file = visible_file(name, request.user)
    if field_file is None:
        raise Http404("文件不存在或尚未公开")
    filename = download_name(field_file)
    kind = content_type(filename)
    if settings.MEDIA_ACCEL_REDIRECT:
        response = HttpResponse(content_type=kind)
        response["X-Accel-Redirect"] = settings.MEDIA_ACCEL_REDIRECT.rstrip("/") + "/" + quote(field_file.name)
    else:
        try:
            response = FileResponse(field_file.open("rb"), content_type=kind)
        except FileNotFoundError:
            raise Http404("文件不存在或尚未公开") from None
    response["Content-Disposition"] = content_disposition_header(not shown_inline(kind), filename)
    # No shared cache keeps a copy and browsers ask again each time, so a withdrawal is not outlived
    # by a cached copy (and an official's preview of a draft stays with that official).
    response["Cache-Control"] = "private, no-cache"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = FILE_CSP
    return response
