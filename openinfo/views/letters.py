"""政务信箱 public pages: write, receipt, track + rate, published replies, statistics."""
from __future__ import annotations

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache

from openinfo import services
from openinfo.forms import LetterForm, LetterRatingForm, TrackForm
from openinfo.models import Letter
from openinfo.selectors import letter_lookup, letter_ratings_by_department, letters_public
from openinfo.selectors.letter_stats import monthly_chart, monthly_statistics
from portal import antispam, page_tags, submissions
from portal.models import Department
from portal.pagination import paginate, query_without_page
from portal.params import Params

from .requests import over
from portal.security.session_keys import expire_soon

LETTER_SESSION = "openinfo_tracked_letter"
RECEIPT_SESSION = "openinfo_letter_receipt"


def letter_list(request):
    qs = letters_public()
    params = Params(request.GET)
    kind, department = params.choice("kind", Letter.Kind.values), params.id("department")
    if kind:
        qs = qs.filter(kind=kind)
    if department:
        qs = qs.filter(department_id=department)
    context = {
        "page": paginate(request, qs, 15), "querystring": query_without_page(request),
        "kinds": Letter.Kind.choices, "kind": kind, "department": str(department or ""),
        "departments": Department.objects.filter(letters__published=True).distinct(),
    }
    return render(request, "openinfo/letter_list.html", context)


def letter_detail(request, number: str):
    letter = get_object_or_404(letters_public(), tracking_number=number)
    return render(request, "openinfo/letter_detail.html", {
        "page_tags": page_tags.for_article(request, letter), "letter": letter,
    })


def _show_receipt(request, receipt: dict):
    request.session[RECEIPT_SESSION] = receipt
    expire_soon(request)
    return redirect("openinfo:letter_done")


@never_cache
def letter_write(request):
    if request.method == "POST" and (earlier := submissions.earlier_receipt(request, "openinfo-letter")):
        return _show_receipt(request, earlier)  # the same POST again: its first receipt, no second letter
    form = LetterForm(request.POST or None, request=request)
    if request.method == "POST":
        if over(request, "letter"):
            form.block(antispam.RATE_LIMIT_MESSAGE)
        if form.is_valid():
            data = form.cleaned_data

            def submit() -> dict:
                letter = services.letter_submit(
                    kind=data["kind"], department=data["department"], subject=data["subject"],
                    content=data["content"], name=data["name"], phone=data["phone"], email=data["email"],
                    channel=Letter.Channel.WEB, consent_publish=data["consent_publish"])
                return {"number": letter.tracking_number, "code": letter.query_code_plain,
                        "due": letter.due_text, "department": letter.department.name}

            return _show_receipt(request, submissions.submit_once(request, "openinfo-letter", submit))
    return render(request, "openinfo/letter_write.html", {"form": form})


@never_cache
def letter_done(request):
    return render(request, "openinfo/letter_done.html", {"receipt": request.session.pop(RECEIPT_SESSION, None)})


@never_cache
def letter_track(request):
    form = TrackForm(request.POST or None)
    form.fields["tracking_number"].label = "办件编号"
    form.fields["tracking_number"].help_text = "如 XX-2026-000123"
    error = ""
    if request.method == "POST":
        if over(request, "letter_track"):
            error = "查询过于频繁，为保护来信人信息已暂时限制，请稍后再试。"
        elif form.is_valid():
            letter = letter_lookup(tracking_number=form.cleaned_data["tracking_number"],
                                   query_code=form.cleaned_data["query_code"])
            if letter is not None:
                request.session[LETTER_SESSION] = letter.pk
                expire_soon(request)
                return redirect("openinfo:letter_track_result")
            error = "办件编号或查询码不正确，请核对后重试。"
    return render(request, "openinfo/letter_track.html", {"form": form, "error": error})


@never_cache
def letter_track_result(request):
    pk = request.session.get(LETTER_SESSION)
    letter = Letter.objects.select_related("department", "reply_department").filter(pk=pk).first() if pk else None
    if letter is None:
        return redirect("openinfo:letter_track")
    form = LetterRatingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.letter_rate(letter=letter, rating=form.cleaned_data["rating"], comment=form.cleaned_data["comment"])
            return redirect("openinfo:letter_track_result")
        except ValidationError as exc:
            form.add_error(None, exc)
    return render(request, "openinfo/letter_track_result.html", {"letter": letter, "form": form})


def letter_statistics(request):
    rows = monthly_statistics()
    context = {"rows": rows, "chart": monthly_chart(rows), "ratings": letter_ratings_by_department()}
    return render(request, "openinfo/letter_statistics.html", context)
