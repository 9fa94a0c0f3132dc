"""The activity page with its registration form, the confirmation, and look-up / cancellation."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from portal import page_tags
from portal.selectors import public_or_preview
from themedays.forms.public import CancelForm, LookupForm, RegistrationForm
from themedays.models import Activity, Registration, RegistrationStatus, Stage
from themedays.selectors.activities import seats_summary
from themedays.services.registration import (Applicant, registration_cancel, registration_create, registration_find,
                                              waitlist_position)
from portal.security.session_keys import expire_soon

from .limits import refuse_if_over

SESSION_DONE = "themedays_registration"
SESSION_VERIFIED = "themedays_verified"


def _activity_queryset():
    return Activity.objects.select_related("department", "plan").prefetch_related("related_policies", "surveys")


@require_http_methods(["GET", "POST"])
def activity_detail(request, pk: int):
    activity, is_preview = public_or_preview(_activity_queryset(), pk, request.user)
    form, status = None, 200
    if activity.registration_required and activity.registration_open:
        if request.method == "POST":
            form = RegistrationForm(request.POST, request=request, max_party_size=activity.max_party_size)
            limited = refuse_if_over(request, form, "register")
            if form.is_valid():
                data = form.cleaned_data
                try:
                    reg = registration_create(activity_id=activity.pk, applicant=Applicant(
                        name=data["name"], phone=data["phone"], identity=data["identity"],
                        party_size=data["party_size"], email=data.get("email") or ""))
                except ValidationError as exc:
                    form.add_error(None, exc)
                else:
                    request.session[SESSION_DONE] = reg.pk
                    expire_soon(request)
                    # An explicit fragment, else the browser keeps the form's #register-heading.
                    return redirect(reverse("themedays:registration_done") + "#main")
            status = 429 if limited else 400
        else:
            form = RegistrationForm(request=request, max_party_size=activity.max_party_size)
    elif request.method == "POST":
        messages.error(request, "该活动当前不接受报名。")
        return redirect(activity.get_absolute_url())
    reports = list(activity.reports.public().order_by("-published_at")) if activity.is_public else []
    return render(request, "themedays/activity_detail.html", {
        "page_tags": page_tags.for_article(request, activity),
        "activity": activity,
        "is_preview": is_preview,
        "stage": activity.current_stage,
        "seats": seats_summary(activity) if activity.registration_required else None,
        "form": form,
        "reports": reports,
        "policies": [p for p in activity.related_policies.all() if p.is_public],
        "surveys": [s for s in activity.surveys.all() if s.is_public],
    }, status=status)


def registration_done(request):
    reg_id = request.session.get(SESSION_DONE)
    reg = Registration.objects.select_related("activity").filter(pk=reg_id).first() if reg_id else None
    if reg is None:
        return redirect("themedays:lookup")
    return render(request, "themedays/registration_done.html", {
        "reg": reg, "activity": reg.activity, "position": waitlist_position(reg),
    })


@require_http_methods(["GET", "POST"])
def registration_lookup(request):
    """Look up a sign-up by 确认号 + 手机号; the session then remembers it for cancelling."""
    verified = Registration.objects.select_related("activity").filter(pk=request.session.get(SESSION_VERIFIED)).first()
    form, cancel_form, status = LookupForm(request=request), CancelForm(request=request), 200
    action = request.POST.get("action") if request.method == "POST" else None
    if action == "lookup":
        form = LookupForm(request.POST, request=request)
        limited = refuse_if_over(request, form, "lookup")
        if form.is_valid():
            found = registration_find(number=form.cleaned_data["number"], phone=form.cleaned_data["phone"])
            if found is not None:
                request.session[SESSION_VERIFIED] = found.pk
                expire_soon(request)
                return redirect("themedays:lookup")
            form.add_error(None, "确认号与手机号不匹配，请核对后重试。")
        status = 429 if limited else 400
    elif action == "cancel" and verified is not None:
        cancel_form = CancelForm(request.POST, request=request)
        limited = refuse_if_over(request, cancel_form, "cancel")
        if cancel_form.is_valid():
            try:
                registration_cancel(registration_id=verified.pk)
            except ValidationError as exc:
                cancel_form.add_error(None, exc)
            else:
                messages.success(request, f"已取消报名（确认号 {verified.number}）。")
                return redirect("themedays:lookup")
        status = 429 if limited else 400
    elif action == "forget":
        request.session.pop(SESSION_VERIFIED, None)
        return redirect("themedays:lookup")
    elif request.method == "POST":
        return redirect("themedays:lookup")
    context = {"form": form, "cancel_form": cancel_form, "reg": verified}
    if verified is not None:
        context["position"] = waitlist_position(verified)
        context["can_cancel"] = verified.status != RegistrationStatus.CANCELLED and not verified.activity.is_cancelled \
            and verified.activity.current_stage not in (Stage.ONGOING, Stage.HELD)
    return render(request, "themedays/registration_lookup.html", context, status=status)
