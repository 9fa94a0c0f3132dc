"""Every public form of the 专栏 (报名, 查询, 取消, 问卷) is protected by portal.antispam: CAPTCHA, honeypot,
minimum fill-in time and a per-address rate limit; each refusal is in Chinese and keeps what was typed."""
import datetime as dt
from dataclasses import dataclass
from typing import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from portal import antispam
from tests.openinfo.helpers import solved
from themedays.models import Question, RegistrationStatus, Response, Survey
from themedays.views import limits

from .helpers import form_data, sign_up

pytestmark = pytest.mark.django_db

FORMS = ["register", "lookup", "cancel", "survey"]


@dataclass
class Scenario:
    """One form: what a person types into it, and how to tell that the submission took effect."""
    url: str
    fields: dict
    typed: str | None  # a value the re-shown form must still carry
    done: Callable[[], bool]


@pytest.fixture
def scenario(request, client, activity, department) -> Scenario:
    kind = request.param
    if kind == "register":
        fields = {k: v for k, v in form_data(name="欧阳小明").items() if not k.startswith("as_")}
        return Scenario(activity.get_absolute_url(), fields, 'value="欧阳小明"',
                        lambda: activity.registrations.exists())
    if kind in ("lookup", "cancel"):
        reg = sign_up(activity, "13812345678")
        url = reverse("themedays:lookup")
        if kind == "lookup":
            return Scenario(url, {"action": "lookup", "number": reg.number, "phone": "13812345678"},
                            f'value="{reg.number}"', lambda: "themedays_verified" in client.session)
        assert client.post(url, {"action": "lookup", "number": reg.number, "phone": "13812345678",
                                 **solved()}).status_code == 302
        return Scenario(url, {"action": "cancel"}, "取消报名",
                        lambda: type(reg).objects.get(pk=reg.pk).status == RegistrationStatus.CANCELLED)
    now = timezone.now()
    survey = Survey.objects.create(department=department, title="政务公开满意度调查", status="published",
                                   published_at=now, opens_at=now - dt.timedelta(days=1),
                                   closes_at=now + dt.timedelta(days=3))
    question = Question.objects.create(survey=survey, order=1, text="您的建议", kind="text")
    client.get(survey.get_absolute_url())  # the once-per-browser cookie
    return Scenario(survey.get_absolute_url(), {f"q{question.pk}": "希望多开几场线下活动"}, "希望多开几场线下活动",
                    lambda: Response.objects.exists())


def post(client, scenario: Scenario, **antispam_fields):
    return client.post(scenario.url, {**scenario.fields, **solved(), **antispam_fields})


@pytest.mark.parametrize("scenario", FORMS, indirect=True)
def test_a_solved_captcha_goes_through(client, scenario):
    response = post(client, scenario)
    assert response.status_code == 302 and scenario.done()


@pytest.mark.parametrize("scenario", FORMS, indirect=True)
@pytest.mark.parametrize("answer, message", [("", "请填写验证码"), ("99", "验证码不正确")])
def test_no_or_wrong_captcha_is_refused_and_the_input_stays(client, scenario, answer, message):
    response = post(client, scenario, as_answer=answer)
    html = response.content.decode()
    assert response.status_code == 400 and message in html and not scenario.done()
    assert scenario.typed in html
    # The re-shown form carries a new question, and solving it works.
    retry = client.post(scenario.url, {**scenario.fields, **solved(html)})
    assert retry.status_code == 302 and scenario.done()


@pytest.mark.parametrize("scenario", FORMS, indirect=True)
def test_the_honeypot_is_refused(client, scenario):
    response = post(client, scenario, as_website="http://spam.example")
    assert response.status_code == 400 and "提交未通过校验" in response.content.decode() and not scenario.done()


@pytest.mark.parametrize("scenario", ["register", "lookup", "survey"], indirect=True)
def test_too_fast_is_refused(client, scenario, settings):
    settings.ANTISPAM_MIN_SECONDS = 3
    response = post(client, scenario)
    html = response.content.decode()
    assert response.status_code == 400 and "提交太快了" in html and scenario.typed in html and not scenario.done()


@pytest.mark.parametrize("scenario", ["cancel"], indirect=True)
def test_cancelling_after_a_lookup_needs_no_waiting(client, scenario, settings):
    """The person proved who they are a moment ago; the one button may be pressed at once."""
    settings.ANTISPAM_MIN_SECONDS = 3
    assert post(client, scenario).status_code == 302 and scenario.done()


@pytest.mark.parametrize("scenario", FORMS, indirect=True)
def test_over_the_rate_limit_nothing_is_saved_and_the_input_stays(client, scenario, monkeypatch, request):
    monkeypatch.setitem(limits.LIMITS, request.node.callspec.params["scenario"], 0)  # this address used them up
    response = post(client, scenario)
    html = response.content.decode()
    assert response.status_code == 429 and antispam.RATE_LIMIT_MESSAGE in html and not scenario.done()
    assert scenario.typed in html


def test_the_limit_counts_per_address(client, activity, settings):
    url = activity.get_absolute_url()
    for n in range(limits.LIMITS["register"]):
        assert client.post(url, form_data(phone=f"138000000{n:02d}")).status_code == 302
    refused = client.post(url, form_data(phone="13900000000", name="钱多多"))
    assert refused.status_code == 429 and 'value="钱多多"' in refused.content.decode()
    assert activity.registrations.count() == limits.LIMITS["register"]
    other = Client(REMOTE_ADDR="203.0.113.9").post(url, form_data(phone="13900000000"))
    assert other.status_code == 302 and activity.registrations.count() == limits.LIMITS["register"] + 1


def test_a_captcha_is_accepted_once(client, activity):
    data = form_data()
    assert client.post(activity.get_absolute_url(), data).status_code == 302
    again = client.post(activity.get_absolute_url(), {**data, "phone": "13900000000"})
    assert again.status_code == 400 and "该验证码已使用过" in again.content.decode()
