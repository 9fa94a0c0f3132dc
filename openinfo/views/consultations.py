"""意见征集 public pages: list with statistics, detail with the comment form and the 反馈."""
from __future__ import annotations

from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from openinfo.forms import CommentForm
from openinfo.models import Consultation, ConsultationComment
from openinfo.services.consultations import comment_submit
from portal import antispam, page_tags, submissions
from portal.pagination import paginate, query_without_page
from portal.params import Params
from portal.selectors import public_or_preview

from .requests import over
from portal.security.session_keys import expire_soon


def consultation_statistics() -> list[dict]:
    """Per year: 征求意见次数, 反馈次数, comments received, adopted — as in the Hunan report."""
    rows = {}
    qs = Consultation.objects.public().annotate(
        n_comments=Count("comments"),
        n_adopted=Count("comments", filter=Q(comments__adoption__in=["adopted", "partly"])),
    )
    for c in qs:
        row = rows.setdefault(c.starts_on.year, {"year": c.starts_on.year, "count": 0, "feedback": 0, "comments": 0,
                                                 "adopted": 0})
        row["count"] += 1
        row["feedback"] += 1 if c.feedback_published_at else 0
        row["comments"] += c.n_comments
        row["adopted"] += c.n_adopted
    return sorted(rows.values(), key=lambda r: -r["year"])


def consultation_list(request):
    today = timezone.localdate()
    phase = Params(request.GET).choice("phase", ["open", "closed"])
    qs = Consultation.objects.public().select_related("department").annotate(
        n_comments=Count("comments", filter=Q(comments__status=ConsultationComment.Status.APPROVED))
    ).order_by("-starts_on", "-id")
    if phase == "open":
        qs = qs.filter(starts_on__lte=today, ends_on__gte=today)
    elif phase == "closed":
        qs = qs.filter(ends_on__lt=today)
    context = {"page": paginate(request, qs, 10), "querystring": query_without_page(request), "phase": phase,
               "statistics": consultation_statistics()}
    return render(request, "openinfo/consultation_list.html", context)


def _show_receipt(request, consultation, receipt: dict):
    request.session["openinfo_comment_sent"] = receipt["consultation"]
    expire_soon(request)
    return redirect(consultation.get_absolute_url() + "#comment-form")


@never_cache
def consultation_detail(request, pk: int):
    consultation, preview = public_or_preview(Consultation.objects.select_related("department"), pk, request.user)
    if request.method == "POST" and (earlier := submissions.earlier_receipt(request, "openinfo-comment")):
        return _show_receipt(request, consultation, earlier)  # the same POST again: no second comment
    form = CommentForm(request.POST or None, request=request) if consultation.is_open else None
    if request.method == "POST" and form is not None:
        if over(request, "comment"):
            form.block(antispam.RATE_LIMIT_MESSAGE)
        if form.is_valid():
            data = form.cleaned_data

            def submit() -> dict:
                comment = comment_submit(consultation=consultation, content=data["content"], name=data["name"],
                                         contact=data["contact"])
                return {"consultation": consultation.pk, "comment": comment.pk}

            return _show_receipt(request, consultation, submissions.submit_once(request, "openinfo-comment", submit))
    comments = consultation.comments.filter(status=ConsultationComment.Status.APPROVED).only(
        "content", "submitted_at", "adoption", "adoption_reason")
    context = {
        "page_tags": page_tags.for_article(request, consultation),
        "c": consultation, "preview": preview, "form": form, "comments": comments,
        "sent": request.session.pop("openinfo_comment_sent", None) == consultation.pk,
        "phase": consultation.phase(), "files": consultation.files.all(),
        "show_feedback": bool(consultation.feedback_published_at and consultation.phase() != "征集中"),
    }
    return render(request, "openinfo/consultation_detail.html", context)
