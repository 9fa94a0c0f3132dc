"""Idempotent public forms (portal/submissions.py): the same POST twice is one row and one receipt."""
import pytest
from django.core import mail

from portal.ops.models import FormSubmission, OutboxJob

from .public_forms import six_forms

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def quick_forms(settings):
    settings.ANTISPAM_MIN_SECONDS = 0


def test_a_retried_post_shows_the_first_receipt_and_creates_nothing(client, department,
                                                                     django_capture_on_commit_callbacks):
    forms = six_forms(department)
    for form in forms:
        data = form.filled(form.page(client))
        with django_capture_on_commit_callbacks(execute=True):
            form.assert_receipt(form.post(client, data))
        jobs = OutboxJob.objects.count()
        # The answer never reached the browser; it sends the very same POST again (its CAPTCHA is
        # used up by now, its submission key is the same).
        with django_capture_on_commit_callbacks(execute=True):
            again = form.post(client, data)
        form.assert_receipt(again)  # still one row, shown with the same number and 查询码
        assert OutboxJob.objects.count() == jobs, form.name
    assert len(mail.outbox) == sum(form.emails for form in forms)  # each notice once


def test_a_new_page_is_a_new_submission(client, department, django_capture_on_commit_callbacks):
    form = six_forms(department)[1]  # 政务信箱: two letters are two letters
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            form.post(client, form.filled(form.page(client)))
    assert form.rows().count() == 2


def test_the_stored_receipt_does_not_reveal_the_query_code(client, department):
    form = six_forms(department)[0]
    receipt = form.post(client, form.filled(form.page(client))).content.decode()
    code = next(c for c in receipt.split('data-testid="query-code">')[1:2][0].split("<")[:1])
    stored = FormSubmission.objects.get()
    assert code.isdigit() and code not in stored.receipt and form.rows().get().tracking_number not in stored.receipt


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_two_copies_of_one_post_at_the_same_time_make_one_row(department):
    """A double click: the second copy waits on the first one's claim and returns its receipt."""
    import threading
    import time

    from django.db import connection
    from django.test import RequestFactory

    from portal import submissions
    from tests.services import need_postgres

    need_postgres()
    request = RequestFactory().post("/", {"submission_key": "k" * 32})
    inside, receipts, made = threading.Event(), [], []

    def create():
        made.append(department.pk)
        inside.set()
        time.sleep(0.3)  # still uncommitted while the second copy arrives
        return {"number": f"XX-{len(made)}"}

    def submit(wait):
        try:
            if wait:
                inside.wait(10)
            receipts.append(submissions.submit_once(request, "openinfo-letter", create))
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(wait,)) for wait in (False, True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert len(made) == 1 and receipts == [{"number": "XX-1"}, {"number": "XX-1"}]
