"""权责清单, consultations, 指南, 机构职能目录 and the /openinfo/ home."""
import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from openpyxl import load_workbook

from openinfo.models import Consultation, ConsultationComment, GuidePage, PowerItem
from portal.models import PublishStatus

from .helpers import solved

pytestmark = pytest.mark.django_db
PUBLISHED = {"status": PublishStatus.PUBLISHED, "published_at": dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)}


def power(department, name, kind, **extra):
    return PowerItem.objects.create(department=department, name=name, kind=kind, subject=department.name,
                                    legal_basis="《某法》第一条", responsibilities="受理", accountability="失职",
                                    **{**PUBLISHED, **extra})


def test_power_list_filters_searches_and_exports(client, department, other_department):
    power(department, "政府采购代理机构资格认定", "licensing", code="A-001")
    power(department, "对违反会计法行为的处罚", "penalty", code="A-002")
    power(other_department, "最低生活保障金给付", "payment", code="B-001")
    power(department, "草稿事项", "other", status=PublishStatus.DRAFT, published_at=None)
    html = client.get("/openinfo/powers/?kind=penalty").content.decode()
    assert "会计法" in html and "资格认定" not in html and "草稿事项" not in html
    html = client.get(f"/openinfo/powers/?q=保障&department={other_department.pk}").content.decode()
    assert "最低生活保障金给付" in html and "共 1 项" in html
    response = client.get("/openinfo/powers/export/?kind=licensing")
    ws = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in ws[1]][:3] == ["事项编码", "事项名称", "事项类型"]
    assert [r[1].value for r in ws.iter_rows(min_row=2)] == ["政府采购代理机构资格认定"]


def test_consultation_period_rule_and_moderated_comments(client, department, quick_forms):
    today = timezone.localdate()
    short = Consultation(department=department, title="短期征集", draft="<p>稿</p>", explanation="<p>说明</p>",
                         starts_on=today, ends_on=today + dt.timedelta(days=10))
    with pytest.raises(ValidationError, match="须说明理由"):
        short.full_clean()
    short.short_period_reason = "上级要求限期出台"
    short.full_clean()
    c = Consultation.objects.create(department=department, title="长期征集", draft="<p>稿<script>x</script></p>",
                                    explanation="<p>说明</p>", starts_on=today - dt.timedelta(days=1),
                                    ends_on=today + dt.timedelta(days=30), **PUBLISHED)
    assert "<script>" not in c.draft
    url = c.get_absolute_url()
    page = client.get(url).content.decode()
    response = client.post(url, {"content": "建议增加助餐点", "name": "吴某", "contact": "13800004444",
                                 **solved(page)})
    assert response.status_code == 302
    comment = ConsultationComment.objects.get()
    html = client.get(url).content.decode()
    assert "已提交，经审核后公开" in html and "建议增加助餐点" not in html  # not before moderation
    comment.status = ConsultationComment.Status.APPROVED
    comment.save()
    html = client.get(url).content.decode()
    assert "建议增加助餐点" in html and "吴某" not in html and "13800004444" not in html


def test_closed_consultation_shows_feedback_and_statistics(client, department):
    today = timezone.localdate()
    c = Consultation.objects.create(department=department, title="已结束的征集", draft="<p>稿</p>",
                                    explanation="<p>说明</p>", starts_on=today - dt.timedelta(days=60),
                                    ends_on=today - dt.timedelta(days=20), feedback="<p>采纳了2条意见</p>",
                                    feedback_published_at=timezone.now(), **PUBLISHED)
    ConsultationComment.objects.create(consultation=c, content="意见一", status="approved", adoption="adopted",
                                       adoption_reason="已写入第三条")
    html = client.get(c.get_absolute_url()).content.decode()
    assert "意见采纳情况反馈" in html and "采纳了2条意见" in html and "已写入第三条" in html
    assert "提交意见" not in html  # closed: no form
    listing = client.get("/openinfo/consultations/").content.decode()
    assert "征求意见次数" in listing and "反馈次数" in listing


def test_home_links_to_every_part_and_to_the_policy_library(client, department):
    GuidePage.objects.create(department=department, kind="guide", title="财政厅信息公开指南", body="<p>指南</p>",
                             **PUBLISHED)
    html = client.get("/openinfo/").content.decode()
    for url in ("/openinfo/apply/", "/openinfo/track/", "/openinfo/letters/", "/openinfo/consultations/",
                "/openinfo/powers/", "/openinfo/departments/", "/openinfo/annual-report/",
                "/policies/?doc_type=rule", "/policies/?topic="):
        assert url in html, url
    assert "法定主动公开内容" in html and "财政厅" in html
    assert client.get(f"/openinfo/departments/{department.pk}/").status_code == 200
    assert client.get("/openinfo/guides/").status_code == 200


@pytest.mark.django_db
def test_department_page_leaves_out_what_was_not_entered(client, department):
    department.head, department.phone = "", ""
    department.save()
    html = client.get(f"/openinfo/departments/{department.pk}/").content.decode()
    assert "负责人" not in html.split("<h2>机构职能")[0] and "<dd>—</dd>" not in html
    department.head = "张三"
    department.save()
    assert "<dt>负责人</dt><dd>张三</dd>" in client.get(f"/openinfo/departments/{department.pk}/").content.decode()
