"""看·问·办 pages in a real browser: axe-core finds no WCAG 2.1 A/AA violation; clause selection in admin works."""
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from PIL import Image

from policies.models import (
    GuideMaterial, GuideStep, Interpretation, InterpretationFigure, InterpretationImage, InterpretationKind,
    PolicyInterpreter, PolicyQA, QACategory, ServiceGuide, SpecialTopic,
)
from portal.models import PublishStatus, Role
from tests.e2e.conftest import assert_accessible
from tests.factories import DepartmentFactory, PolicyFactory, official

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PUBLISHED = {"status": PublishStatus.PUBLISHED, "published_at": dt.datetime(2024, 5, 1, tzinfo=dt.timezone.utc)}
BODY = ("<p>职工基本医疗保险参保人员住院发生的政策范围内医疗费用，在三级、二级、一级及以下定点医疗机构的支付比例分别为85%、90%、92%。</p>"
        "<p>统筹基金年度最高支付限额为20万元。</p>")


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (900, 600), (164, 22, 26)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def content(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    department = DepartmentFactory(name="湖南省医疗保障局", code="430000-11")
    policy = PolicyFactory(title="关于调整职工医疗保险政策的通知", issuer=department, department=department, body=BODY)
    PolicyInterpreter.objects.create(policy=policy, organization="湖南省医疗保障局待遇保障处", name="刘晓燕", phone="0731-84590102")
    graphic = Interpretation.objects.create(title="一图读懂：职工医保待遇调整", kind=InterpretationKind.GRAPHIC,
                                            department=department, summary="一张图看懂。", **PUBLISHED)
    graphic.policies.add(policy)
    image = InterpretationImage(interpretation=graphic, alt_text="报销比例：三级医院85%，二级医院90%", description="三级医院85%")
    image.image.save("card.png", ContentFile(_png()), save=True)
    figures = Interpretation.objects.create(title="数说：医保基金运行", kind=InterpretationKind.FIGURES, department=department,
                                            chart_title="2023年医保基金支出", chart_unit="亿元", **PUBLISHED)
    figures.policies.add(policy)
    for i, (label, value) in enumerate([("住院", "312.5"), ("门诊", "98.2"), ("药店", "45")]):
        InterpretationFigure.objects.create(interpretation=figures, label=label, value=Decimal(value), sort_order=i)
    guide = ServiceGuide.objects.create(name="职工医保跨省异地就医备案", department=department, conditions="正常参保",
                                        time_limit="即时办结", online_url="https://zwfw.example.gov.cn/item/430000-YB-001",
                                        location="医疗保障经办服务大厅", phone="0731-12393", **PUBLISHED)
    guide.policies.add(policy)
    GuideMaterial.objects.create(guide=guide, name="居民身份证", sort_order=0)
    GuideStep.objects.create(guide=guide, name="申请", description="线上提交", sort_order=0)
    qa = PolicyQA.objects.create(question="职工医保的报销比例是多少？", answer="三级、二级、一级分别为85%、90%、92%。",
                                 basis_quote="在三级、二级、一级及以下定点医疗机构的支付比例分别为85%、90%、92%",
                                 category=QACategory.MEDICAL, policy=policy, department=department, **PUBLISHED)
    qa.guides.add(guide)
    topic = SpecialTopic.objects.create(title="医疗保障", description="医保政策与常见问题。", department=department, **PUBLISHED)
    topic.policies.add(policy)
    return {"policy": policy, "graphic": graphic, "figures": figures, "guide": guide, "qa": qa, "topic": topic,
            "department": department}


def test_new_pages_have_no_accessibility_violations(page, live_server, content):
    pages = [
        content["policy"].get_absolute_url(),
        "/policies/interpretations/",
        content["graphic"].get_absolute_url(),
        content["figures"].get_absolute_url(),
        "/policies/qa/?q=%E8%81%8C%E5%B7%A5%E5%8C%BB%E4%BF%9D%E6%8A%A5%E9%94%80%E6%AF%94%E4%BE%8B",
        content["qa"].get_absolute_url(),
        "/policies/guides/",
        content["guide"].get_absolute_url(),
        "/policies/topics/",
        content["topic"].get_absolute_url(),
    ]
    for path in pages:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert_accessible(page)
    # the 看·问·办 links take the reader to the three parts of the policy page
    page.goto(live_server.url + content["policy"].get_absolute_url())
    page.get_by_role("link", name="办事指南（1）").click()
    assert page.url.endswith("#ban")
    assert page.get_by_role("img", name="职工医保跨省异地就医备案在线办理入口二维码").is_visible()


def test_official_quotes_a_selected_clause_into_a_new_qa(page, live_server, content):
    reviewer = official(Role.REVIEWER, content["department"])
    reviewer.refresh_from_db()
    client = Client()
    client.force_login(reviewer)
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    policy = content["policy"]
    page.goto(f"{live_server.url}/admin/policies/policydocument/{policy.pk}/change/")

    clause = "统筹基金年度最高支付限额为20万元。"
    page.evaluate("""(clause) => {
        const box = document.getElementById('policy-body-preview');
        const node = [...box.childNodes].find(n => n.textContent.includes(clause));
        const start = node.textContent.indexOf(clause);
        const range = document.createRange();
        range.setStart(node, start);
        range.setEnd(node, start + clause.length);
        const sel = window.getSelection();
        sel.removeAllRanges();
        sel.addRange(range);
    }""", clause)
    button = page.get_by_role("button", name="用所选原文新建问答")
    button.wait_for(state="visible")
    page.wait_for_function("() => !document.getElementById('qa-quote-new').disabled")
    button.click()
    row = page.locator("#qas-group .inline-related.dynamic-qas").last
    assert row.locator("textarea[name$='-basis_quote']").input_value() == clause
    row.locator("input[name$='-question']").fill("职工医保的报销上限是多少？")
    row.locator("textarea[name$='-answer']").fill("统筹基金年度最高支付20万元。")
    page.locator("input[name='_continue']").click()
    page.wait_for_load_state()
    qa = PolicyQA.objects.get(question="职工医保的报销上限是多少？")
    assert qa.basis_quote == clause and qa.policy == policy
