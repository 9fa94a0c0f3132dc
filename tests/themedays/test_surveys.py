import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from themedays.models import Choice, Question, Response, Survey

from tests.openinfo.helpers import solved

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(department):
    now = timezone.now()
    survey = Survey.objects.create(department=department, title="养老服务政策知晓度问卷调查",
                                   opens_at=now - dt.timedelta(days=1), closes_at=now + dt.timedelta(days=5),
                                   status="published", published_at=now)
    single = Question.objects.create(survey=survey, order=1, text="您是否了解养老服务补贴政策？", kind="single")
    multiple = Question.objects.create(survey=survey, order=2, text="您通过哪些渠道了解政策？", kind="multiple")
    Question.objects.create(survey=survey, order=3, text="您的建议", kind="text", required=False)
    for q, options in ((single, ["了解", "不了解"]), (multiple, ["网站", "社区", "电视"])):
        for n, text in enumerate(options, start=1):
            Choice.objects.create(question=q, order=n, text=text)
    return survey


def answers(survey, *, single="了解", multiple=("网站", "社区"), text="我的电话13812345678，请联系我"):
    q1, q2, q3 = survey.questions.all()
    return {**solved(),
            f"q{q1.pk}": str(q1.choices.get(text=single).pk),
            f"q{q2.pk}": [str(q2.choices.get(text=t).pk) for t in multiple],
            f"q{q3.pk}": text}


def test_answer_once_per_browser(client, survey):
    url = survey.get_absolute_url()
    client.get(url)  # sets the browser cookie
    assert client.post(url, answers(survey)).status_code == 302
    again = client.post(url, answers(survey), follow=True)
    assert "您已提交过本问卷" in again.content.decode()
    assert Response.objects.count() == 1


def test_a_new_browser_may_answer(client, survey):
    from django.test import Client

    for browser in (client, Client()):
        browser.get(survey.get_absolute_url())
        browser.post(survey.get_absolute_url(), answers(survey))
    assert Response.objects.count() == 2


def test_once_per_phone_when_asked(client, survey):
    from django.test import Client

    survey.ask_phone = True
    survey.save()
    for browser in (client, Client()):
        browser.get(survey.get_absolute_url())
        response = browser.post(survey.get_absolute_url(), {**answers(survey), "phone": "138 1234 5678"}, follow=True)
    assert "您已提交过本问卷" in response.content.decode()
    assert Response.objects.count() == 1
    assert "13812345678" not in str(list(Response.objects.values()))


def test_required_questions_and_bad_choices(client, survey):
    url = survey.get_absolute_url()
    client.get(url)
    data = answers(survey)
    q1 = survey.questions.get(order=1)
    data[f"q{q1.pk}"] = "999999"
    response = client.post(url, data)
    assert response.status_code == 400 and "第 1 题的选项无效" in response.content.decode()
    data.pop(f"q{q1.pk}")
    assert "请回答第 1 题" in client.post(url, data).content.decode()
    assert Response.objects.count() == 0


def test_results_hidden_until_close_then_shown_with_chart_and_table(client, survey):
    url = reverse("themedays:survey_results", args=[survey.pk])
    client.get(survey.get_absolute_url())
    client.post(survey.get_absolute_url(), answers(survey))
    hidden = client.get(url).content.decode()
    assert "调查结果将于" in hidden and "td-chart" not in hidden
    survey.closes_at = timezone.now() - dt.timedelta(minutes=1)
    survey.save()
    html = client.get(url).content.decode()
    assert "共收到 <strong>1</strong> 份答卷" in html
    assert '<svg class="td-chart"' in html and "<desc id=\"q1-desc\">了解：1 票（100.0%）" in html
    assert '<th scope="row">社区</th><td class="num">1</td>' in html
    # Free text may hold personal data: counted, never shown.
    assert "收到文字回答 1 条" in html and "13812345678" not in html


def test_live_results_while_open(client, survey):
    survey.results_visibility = "live"
    survey.save()
    html = client.get(reverse("themedays:survey_results", args=[survey.pk])).content.decode()
    assert "共收到 <strong>0</strong> 份答卷" in html and "结果实时更新" in html


def test_closed_survey_takes_no_answers(client, survey):
    survey.closes_at = timezone.now() - dt.timedelta(minutes=1)
    survey.save()
    client.get(survey.get_absolute_url())
    response = client.post(survey.get_absolute_url(), answers(survey))
    assert response.status_code == 302 and Response.objects.count() == 0
    assert "问卷已于" in client.get(survey.get_absolute_url()).content.decode()
