"""Answering a survey: once per browser, and once per phone when the survey asks for one."""
from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from portal.params import to_id
from themedays.models import Answer, QuestionKind, Response, Survey
from themedays.rules import is_mobile, normalize_phone

MAX_TEXT = 2000


def _digest(kind: str, value: str) -> str:
    # Keyed, so the stored digest cannot be reversed by hashing every phone number.
    return hmac.new(settings.SECRET_KEY.encode(), f"themedays:{kind}:{value}".encode(), hashlib.sha256).hexdigest()


def browser_key(token: str) -> str:
    return _digest("browser", token)


def phone_key(phone: str) -> str:
    return _digest("phone", normalize_phone(phone))


def has_answered(*, survey: Survey, token: str | None) -> bool:
    return bool(token) and survey.responses.filter(browser_key=browser_key(token)).exists()


@transaction.atomic
def survey_submit(*, survey: Survey, answers: dict[int, list[int] | str], token: str, phone: str = "",
                  now=None) -> Response:
    """answers: question id → choice ids (single/multiple) or text. Raises Chinese ValidationErrors."""
    now = now or timezone.now()
    if not survey.is_public or not survey.is_open_at(now):
        raise ValidationError("问卷不在填写时间内。", code="closed")
    if not token:
        raise ValidationError("请允许浏览器保存 Cookie 后再提交。", code="token")
    pkey = ""
    if survey.ask_phone:
        phone = normalize_phone(phone)
        if not is_mobile(phone):
            raise ValidationError("请填写正确的 11 位手机号码。", code="phone")
        pkey = phone_key(phone)
    bkey = browser_key(token)
    duplicate = survey.responses.filter(browser_key=bkey)
    if duplicate.exists() or (pkey and survey.responses.filter(phone_key=pkey).exists()):
        raise ValidationError("您已提交过本问卷，感谢参与。", code="duplicate")
    rows, errors = [], []
    for question in survey.questions.prefetch_related("choices"):
        given = answers.get(question.pk)
        if question.kind == QuestionKind.TEXT:
            text = (given or "").strip() if isinstance(given, str) else ""
            if len(text) > MAX_TEXT:
                errors.append(f"第 {question.order} 题回答过长（不超过 {MAX_TEXT} 字）。")
            elif text:
                rows.append(Answer(question=question, text=text))
            elif question.required:
                errors.append(f"请回答第 {question.order} 题。")
            continue
        valid = {c.pk for c in question.choices.all()}
        picked = [pk for pk in map(to_id, given or []) if pk in valid] if isinstance(given, list) else []
        picked = list(dict.fromkeys(picked))
        if not picked:
            if question.required:
                errors.append(f"请回答第 {question.order} 题。")
            continue
        if question.kind == QuestionKind.SINGLE and len(picked) > 1:
            errors.append(f"第 {question.order} 题只能选一项。")
            continue
        rows.extend(Answer(question=question, choice_id=c) for c in picked)
    if errors:
        raise ValidationError(errors, code="answers")
    try:
        with transaction.atomic():
            response = Response.objects.create(survey=survey, browser_key=bkey, phone_key=pkey)
    except IntegrityError:  # two tabs submitting at once
        raise ValidationError("您已提交过本问卷，感谢参与。", code="duplicate") from None
    for row in rows:
        row.response = response
    Answer.objects.bulk_create(rows)
    return response


def sync_choices(*, question, lines: list[str]) -> None:
    """Make the question's options match `lines`, keeping existing ones (and their answers) by text."""
    wanted = [line.strip() for line in lines if line.strip()]
    existing = {c.text: c for c in question.choices.all()}
    for order, text in enumerate(wanted, start=1):
        choice = existing.pop(text, None)
        if choice is None:
            question.choices.create(text=text, order=order)
        elif choice.order != order:
            choice.order = order
            choice.save(update_fields=["order"])
    for choice in existing.values():
        if not choice.answers.exists():
            choice.delete()
