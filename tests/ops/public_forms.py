"""The six public forms a citizen submits, driven as a browser does: GET the page, fill it in
(CAPTCHA solved, the page's hidden submission key kept), POST, follow to the receipt.

Shared by the idempotency tests (tests/ops/test_submissions.py) and the outage test
(tests/ops/test_outage_forms.py).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.utils import timezone

from openinfo.demo_ids import fake_id_card
from openinfo.models import Consultation, ConsultationComment, InfoRequest, Letter
from openinfo.models.common import check_query_code
from portal.models import PublishStatus
from themedays.models import Choice, Question, Registration, Response, Survey
from tests.openinfo.helpers import solved
from tests.themedays.conftest import make_activity

KEY = re.compile(r'name="submission_key" value="([^"]+)"')
CODE = re.compile(r"(?<!\d)\d{10}(?!\d)")


@dataclass
class PublicForm:
    name: str
    url: str
    data: dict
    model: type
    emails: int  # notices the submission sends by e-mail
    number_field: str = ""  # the row's tracking number, shown on the receipt
    has_code: bool = False  # the receipt shows the once-only 查询码
    thanks: str = ""  # what the receipt says when it has no number
    where: dict = field(default_factory=dict)  # this form's rows among the model's

    def rows(self):
        return self.model.objects.filter(**self.where)

    def page(self, client) -> str:
        return client.get(self.url).content.decode()

    def filled(self, page: str) -> dict:
        return {**self.data, **solved(page), "submission_key": KEY.search(page).group(1)}

    def post(self, client, data: dict):
        """The POST, then the receipt page the redirect leads to."""
        response = client.post(self.url, data)
        assert response.status_code == 302, (self.name, response.status_code, response.content.decode()[:3000])
        return client.get(response["Location"])

    def assert_receipt(self, receipt) -> None:
        """The receipt shows this submission's number and a 查询码 that really opens it."""
        html = receipt.content.decode()
        assert receipt.status_code == 200, self.name
        row = self.rows().get()
        if self.number_field:
            assert getattr(row, self.number_field) in html, self.name
        if self.has_code:
            assert any(check_query_code(code, row.query_code_hash) for code in CODE.findall(html)), self.name
        if self.thanks:
            assert self.thanks in html, self.name


def six_forms(department) -> list[PublicForm]:
    """One of each public form, open for submissions in `department`."""
    today = timezone.localdate()
    now = timezone.now()
    activity = make_activity(department)
    consultation = Consultation.objects.create(
        department=department, title="养老服务条例（征求意见稿）", draft="<p>稿</p>", explanation="<p>说明</p>",
        starts_on=today - dt.timedelta(days=1), ends_on=today + dt.timedelta(days=30),
        status=PublishStatus.PUBLISHED, published_at=now)
    survey = Survey.objects.create(department=department, title="养老服务政策知晓度问卷调查", status="published",
                                   opens_at=now - dt.timedelta(days=1), closes_at=now + dt.timedelta(days=5),
                                   published_at=now)
    question = Question.objects.create(survey=survey, order=1, text="您是否了解养老服务补贴政策？", kind="single")
    choice = Choice.objects.create(question=question, order=1, text="了解")
    return [
        PublicForm("依申请公开", "/openinfo/apply/", {
            "applicant_type": "natural", "name": "王申请", "id_type": "id_card", "id_number": fake_id_card(7),
            "phone": "13973100007", "email": "wang@example.cn", "address": "长沙市开福区申请路7号",
            "postcode": "410005", "department": department.pk, "description": "湘财预〔2025〕3号文件全文",
            "delivery": "email", "medium": "electronic", "agree": "on"},
            InfoRequest, emails=1, number_field="tracking_number", has_code=True),
        PublicForm("政务信箱", "/openinfo/letters/write/", {
            "kind": "help", "department": department.pk, "subject": "求助：低保申请", "content": "如何申请低保？",
            "name": "周某", "phone": "13912345678", "email": "zhou@example.cn"},
            Letter, emails=1, number_field="tracking_number", has_code=True, where={"channel": "web"}),
        PublicForm("主题日报名", activity.get_absolute_url(), {
            "name": "王小明", "phone": "13812345678", "identity": "public", "party_size": "1",
            "email": "wxm@example.cn", "agree": "on"},
            Registration, emails=1, number_field="number"),
        PublicForm("意见征集", consultation.get_absolute_url(), {
            "content": "建议增加助餐点", "name": "吴某", "contact": "13800004444"},
            ConsultationComment, emails=0, thanks="已提交，经审核后公开"),
        PublicForm("问卷", survey.get_absolute_url(), {f"q{question.pk}": str(choice.pk)},
                   Response, emails=0, thanks="提交成功，感谢您的参与"),
        PublicForm("长者专区信箱", "/elder/mailbox/write/", {
            "kind": "consult", "department": department.pk, "subject": "高龄津贴什么时候发",
            "content": "我父亲今年八十岁了，想问高龄津贴怎么申请。", "name": "张桂兰", "phone": "13800138000",
            "email": "zhang@example.cn", "consent_publish": ""},
            Letter, emails=1, number_field="tracking_number", has_code=True, where={"channel": "elder"}),
    ]
