"""After a failed submit the citizen is told where, and every choice is big enough to hit, in a real browser.

- Focus moves to the error summary (a screen reader reads it; a keyboard user starts there).
- Every id a field's aria-describedby names exists (Django names <id>_error and <id>_helptext).
- Radio buttons and checkboxes are at least 44 × 44 px, 60 × 60 px in the elder zone.
"""
import datetime as dt

import pytest
from django.utils import timezone

from tests.factories import DepartmentFactory
from themedays.models import Choice, Question, Survey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MISSING_DESCRIBEDBY = """() => [...document.querySelectorAll('[aria-describedby]')].flatMap(el =>
    el.getAttribute('aria-describedby').split(/\\s+/).filter(id => id && !document.getElementById(id))
      .map(id => `${el.name || el.id} → #${id}`))"""
SMALL_CHOICES = """(minimum) => [...document.querySelectorAll('main input[type=radio], main input[type=checkbox]')]
    .filter(el => el.offsetParent !== null)
    .map(el => [el.name, el.getBoundingClientRect()])
    .filter(([, box]) => box.width < minimum - 0.5 || box.height < minimum - 0.5)
    .map(([name, box]) => `${name}: ${Math.round(box.width)}×${Math.round(box.height)}`)"""


@pytest.fixture
def site(settings):
    settings.ANTISPAM_MIN_SECONDS = 0
    department = DepartmentFactory(name="湖南省民政厅", code="430000-04")
    now = timezone.now()
    survey = Survey.objects.create(department=department, title="养老服务政策知晓度问卷调查",
                                   opens_at=now - dt.timedelta(days=1), closes_at=now + dt.timedelta(days=5),
                                   status="published", published_at=now)
    single = Question.objects.create(survey=survey, order=1, text="您是否了解养老服务补贴政策？", kind="single")
    multiple = Question.objects.create(survey=survey, order=2, text="您通过哪些渠道了解政策？", kind="multiple")
    for question, options in ((single, ["了解", "不了解"]), (multiple, ["网站", "社区"])):
        for number, text in enumerate(options, start=1):
            Choice.objects.create(question=question, order=number, text=text)
    return {"survey": survey.get_absolute_url()}


def submit_empty(page, url: str) -> None:
    page.goto(url)
    # The browser's own required-field check would stop the empty form before the server sees it.
    page.evaluate("document.querySelectorAll('form').forEach(f => f.noValidate = true)")
    page.locator("main form[method=post] [type=submit]").last.click()
    page.wait_for_load_state("load")


@pytest.mark.parametrize("path", ["/openinfo/apply/", "/openinfo/letters/write/", "/elder/mailbox/write/"])
def test_a_failed_submit_focuses_the_summary_and_names_existing_errors(page, live_server, site, path):
    submit_empty(page, live_server.url + path)
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')"), \
        f"focus is on <{page.evaluate('document.activeElement.tagName')}>"
    assert page.evaluate(MISSING_DESCRIBEDBY) == []


@pytest.mark.parametrize("path, minimum", [("/openinfo/apply/", 44), ("/openinfo/letters/write/", 44),
                                           ("survey", 44), ("/elder/mailbox/write/", 60)])
def test_choices_are_large_enough_to_hit(page, live_server, site, path, minimum):
    page.goto(live_server.url + site.get(path, path))
    assert page.locator("main input[type=radio], main input[type=checkbox]").count() > 0
    assert page.evaluate(SMALL_CHOICES, minimum) == []
