"""Survey pages: answer once (per browser, and per phone when asked), then the results."""
from __future__ import annotations

import secrets

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from portal import page_tags
from portal.publishing import can_edit
from portal.selectors import public_or_preview
from themedays import charts
from themedays.forms.public import SurveyForm
from themedays.models import Survey
from themedays.selectors.surveys import survey_results as select_results
from themedays.services.surveys import has_answered, survey_submit

from .limits import refuse_if_over

COOKIE = "td_browser"
COOKIE_SALT = "themedays.browser"
COOKIE_AGE = 365 * 24 * 3600


def _browser_token(request) -> str | None:
    return request.get_signed_cookie(COOKIE, default=None, salt=COOKIE_SALT)


def survey_list(request):
    surveys = Survey.objects.public().select_related("activity", "department").order_by("-opens_at")
    return render(request, "themedays/survey_list.html", {"surveys": surveys})


@require_http_methods(["GET", "POST"])
def survey_detail(request, pk: int):
    survey, is_preview = public_or_preview(Survey.objects.select_related("activity", "department"), pk, request.user)
    token = _browser_token(request)
    answered = has_answered(survey=survey, token=token)
    form, status = None, 200
    if survey.is_open and not answered:
        if request.method == "POST":
            form = SurveyForm(request.POST, request=request, survey=survey)
            limited = refuse_if_over(request, form, "survey")
            if form.is_valid():
                try:
                    survey_submit(survey=survey, answers=form.answers(), token=token or "",
                                  phone=form.cleaned_data.get("phone", ""))
                except ValidationError as exc:
                    form.add_error(None, exc)
                else:
                    messages.success(request, "提交成功，感谢您的参与！")
                    return redirect(survey.get_absolute_url())
            status = 429 if limited else 400
        else:
            form = SurveyForm(request=request, survey=survey)
    elif request.method == "POST":
        return redirect(survey.get_absolute_url())
    response = render(request, "themedays/survey_detail.html", {
        "page_tags": page_tags.for_article(request, survey),
        "survey": survey, "is_preview": is_preview, "form": form, "answered": answered,
    }, status=status)
    if token is None:
        # The cookie is the "once per browser" key: random, signed, and meaningless on its own.
        response.set_signed_cookie(COOKIE, secrets.token_urlsafe(24), salt=COOKIE_SALT, max_age=COOKIE_AGE,
                                   httponly=True, samesite="Lax", secure=request.is_secure())
    return response


def survey_results(request, pk: int):
    survey, is_preview = public_or_preview(Survey.objects.select_related("activity"), pk, request.user)
    official_view = request.user.is_authenticated and can_edit(request.user, survey)
    visible = survey.results_public or official_view
    total, questions = select_results(survey) if visible else (0, [])
    for question in questions:
        if question.choices:
            question.chart = charts.bar_chart(
                chart_id=f"q{question.order}", title=f"第 {question.order} 题：{question.text}",
                labels=[c.text for c in question.choices], values=[c.count for c in question.choices],
                suffixes=[f" 票（{c.percent}%）" for c in question.choices],
            )
    return render(request, "themedays/survey_results.html", {
        "survey": survey, "is_preview": is_preview, "visible": visible, "total": total, "questions": questions,
        "official_only": visible and not survey.results_public,
    })
