"""依申请公开 public pages: apply (with anti-abuse), the one-time receipt, tracking."""
from __future__ import annotations

from django.conf import settings
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from openinfo import services
from openinfo.forms import ApplyForm, TrackForm
from openinfo.models import RequestFile, RequestStatus
from openinfo.selectors import request_lookup, request_timeline
from portal import antispam, ratelimit, submissions
from portal.security.session_keys import expire_soon

TRACK_SESSION = "openinfo_tracked_request"
RECEIPT_SESSION = "openinfo_receipt"
NOT_FOUND = "申请编号或查询码不正确，请核对后重试。"


def limits() -> dict:
    """(limit, window seconds) per action, each its own bucket; settings.OPENINFO_RATE_LIMITS may override."""
    return {"apply": (20, 3600), "track": (20, 600), "letter": (20, 3600), "letter_track": (20, 600),
            "comment": (30, 3600), **getattr(settings, "OPENINFO_RATE_LIMITS", {})}


def over(request, scope: str) -> bool:
    """Count this submission; True past the limit (the answer then becomes a 429, portal.ratelimit)."""
    limit, window = limits()[scope]
    return ratelimit.hit(request, f"openinfo-{scope}", limit=limit, window=window) is not None


def _show_receipt(request, receipt: dict):
    request.session[RECEIPT_SESSION] = receipt
    expire_soon(request)
    return redirect("openinfo:apply_done")


@never_cache
def apply(request):
    if request.method == "POST" and (earlier := submissions.earlier_receipt(request, "openinfo-apply")):
        return _show_receipt(request, earlier)  # the same POST again: its first receipt, no second case
    form = ApplyForm(request.POST or None, request=request)
    if request.method == "POST":
        if over(request, "apply"):
            form.block(antispam.RATE_LIMIT_MESSAGE)
        if form.is_valid():
            def submit() -> dict:
                req = services.request_submit(department=form.cleaned_data["department"], **form.service_data())
                return {"number": req.tracking_number, "code": req.query_code_plain, "department": req.department.name}

            return _show_receipt(request, submissions.submit_once(request, "openinfo-apply", submit))
    return render(request, "openinfo/apply.html", {"form": form})


@never_cache
def apply_done(request):
    """Shows the number and the query code exactly once; a reload shows only the number's absence."""
    receipt = request.session.pop(RECEIPT_SESSION, None)
    return render(request, "openinfo/apply_done.html", {"receipt": receipt})


@never_cache
def track(request):
    form = TrackForm(request.POST or None)
    error = ""
    if request.method == "POST":
        if over(request, "track"):
            error = "查询过于频繁，为保护申请人信息已暂时限制，请稍后再试。"
        elif form.is_valid():
            req = request_lookup(tracking_number=form.cleaned_data["tracking_number"],
                                 query_code=form.cleaned_data["query_code"])
            if req is not None:
                request.session[TRACK_SESSION] = req.pk
                expire_soon(request)
                return redirect("openinfo:track_result")
            error = NOT_FOUND
    return render(request, "openinfo/track.html", {"form": form, "error": error})


def _tracked(request):
    from openinfo.models import InfoRequest

    pk = request.session.get(TRACK_SESSION)
    return InfoRequest.objects.select_related("department").filter(pk=pk).first() if pk else None


@never_cache
def track_result(request):
    req = _tracked(request)
    if req is None:
        return redirect("openinfo:track")
    context = {
        "req": req, "events": request_timeline(req), "pauses": req.pauses.all(),
        "files": req.files.all() if req.status == RequestStatus.REPLIED else [],
        "fee": req.pauses.filter(kind="fee", ended__isnull=True).first(),
        # The applicant's own reply letter (the latest issued one), once the case is answered; drafts stay inside.
        "reply_doc": req.documents.filter(kind="reply", issued_at__isnull=False).first()
        if req.status == RequestStatus.REPLIED else None,
    }
    return render(request, "openinfo/track_result.html", context)


@require_POST
def track_logout(request):
    request.session.pop(TRACK_SESSION, None)
    return redirect("openinfo:track")


def track_file(request, pk: int):
    req = _tracked(request)
    item = get_object_or_404(RequestFile, pk=pk)
    if req is None or item.request_id != req.pk or req.status != RequestStatus.REPLIED:
        raise Http404
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.file.name.rsplit("/", 1)[-1])
