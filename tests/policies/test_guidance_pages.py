"""看·问·办 on the policy page, 办事指南 with its QR code, and the demo data."""
import datetime as dt
import io

import pytest
from django.urls import reverse

from policies.models import GuideMaterial, GuideStep, PolicyQA, QACategory, ServiceGuide
from portal.models import PublishStatus
from tests.factories import PolicyFactory

pytestmark = pytest.mark.django_db
PUBLISHED = {"status": PublishStatus.PUBLISHED, "published_at": dt.datetime(2024, 5, 1, tzinfo=dt.timezone.utc)}
ONLINE = "https://zwfw.example.gov.cn/item/430000-GJJ-001"


def make_guide(policy, name="住房公积金提取（购买自住住房）", status=PublishStatus.PUBLISHED, online_url=ONLINE):
    extra = PUBLISHED if status == PublishStatus.PUBLISHED else {"status": status}
    guide = ServiceGuide.objects.create(
        name=name, department=policy.department, conditions="在本市购买自住住房\n两年内申请", time_limit="即时办结",
        online_url=online_url, location="住房公积金管理中心各服务网点", phone="12329", **extra,
    )
    guide.policies.add(policy)
    GuideMaterial.objects.create(guide=guide, name="购房合同或不动产权证书", form="original", sort_order=0)
    GuideStep.objects.create(guide=guide, name="受理", description="线上或窗口提交", sort_order=0)
    return guide


@pytest.fixture
def policy_with_everything():
    policy = PolicyFactory(title="住房公积金提取管理办法", body="<p>职工购买自住住房的，可以提取住房公积金。</p>")
    guide = make_guide(policy)
    make_guide(policy, name="未发布的事项", status=PublishStatus.DRAFT)
    qa = PolicyQA.objects.create(question="住房公积金提取条件有哪些？", answer="购买自住住房可以提取。",
                                 basis_quote="职工购买自住住房的，可以提取住房公积金。", category=QACategory.REAL_ESTATE,
                                 policy=policy, department=policy.department, **PUBLISHED)
    qa.guides.add(guide)
    return policy, guide, qa


def test_policy_page_has_look_ask_apply_sections(client, policy_with_everything):
    policy, guide, qa = policy_with_everything
    html = client.get(policy.get_absolute_url()).content.decode()
    kan, wen, ban = html.index('id="kan"'), html.index('id="wen"'), html.index('id="ban"')
    assert kan < wen < ban
    assert 'id="policy-body"' in html[kan:wen] and "可以提取住房公积金" in html[kan:wen]
    assert "解读机构 / 解读人 / 联系方式" in html[kan:wen]
    assert qa.question in html[wen:ban] and "依据原文" in html[wen:ban]
    apply = html[ban:]
    assert guide.name in apply and f'href="{ONLINE}"' in apply
    assert '<svg class="qr-code"' in apply and 'aria-label="住房公积金提取（购买自住住房）在线办理入口二维码"' in apply
    assert "未发布的事项" not in html
    # the existing document parts are still there
    assert "policy-meta" in html and policy.doc_number in html


def test_policy_page_without_qa_or_guides_says_so(client):
    html = client.get(PolicyFactory().get_absolute_url()).content.decode()
    assert "本文件暂无整理好的问答" in html and "本文件暂无关联的办事事项" in html


def test_guide_page_lists_materials_steps_basis_and_qr(client, policy_with_everything):
    policy, guide, qa = policy_with_everything
    html = client.get(guide.get_absolute_url()).content.decode()
    assert "<caption>申请材料清单（共 1 项）</caption>" in html and "购房合同或不动产权证书" in html
    assert "受理" in html and "在本市购买自住住房" in html
    assert policy.get_absolute_url() in html and qa.question in html
    assert reverse("policies:guide_qr_png", args=[guide.pk]) in html


def test_qr_png_decodes_to_the_online_entry(client, policy_with_everything):
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image

    _, guide, _ = policy_with_everything
    response = client.get(reverse("policies:guide_qr_png", args=[guide.pk]))
    assert response["Content-Type"] == "image/png"
    results = zxingcpp.read_barcodes(Image.open(io.BytesIO(response.content)))
    assert [r.text for r in results] == [ONLINE]


def test_qr_of_unpublished_or_offline_guide_is_404(client, policy_with_everything):
    policy, _, _ = policy_with_everything
    draft = ServiceGuide.objects.get(name="未发布的事项")
    offline = make_guide(policy, name="只能现场办", online_url="")
    for guide in (draft, offline):
        assert client.get(reverse("policies:guide_qr_png", args=[guide.pk])).status_code == 404
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_guide_list_searches_by_name(client, policy_with_everything):
    html = client.get(reverse("policies:guide_list"), {"q": "公积金"}).content.decode()
    assert "住房公积金提取（购买自住住房）" in html and "未发布的事项" not in html


def test_demo_seed_is_complete_and_idempotent(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    from policies import demo_guidance
    from policies.models import Interpretation, InterpretationKind, PolicyInterpreter, SpecialTopic
    from portal import demo as portal_demo

    portal_demo.seed()
    from portal.models import Department

    for key, title, code in [("demo-013", "关于完善职工基本医疗保险门诊共济保障机制的实施意见", "430000-11"),
                             ("demo-026", "湖南省住房公积金提取管理办法", "430000-10"),
                             ("demo-017", "关于调整失业保险金标准的通知", "430000-03")]:
        dept = Department.objects.get(code=code)
        PolicyFactory(title=title, issuer=dept, department=dept, external_id=key,
                      body="<p>在职职工起付标准为每年200元，退休人员为每年150元。</p>")
    first = demo_guidance.seed()
    counts = (PolicyQA.objects.count(), ServiceGuide.objects.count(), SpecialTopic.objects.count(), Interpretation.objects.count())
    stamps = sorted(PolicyQA.objects.values_list("updated_at", flat=True))
    second = demo_guidance.seed()

    assert first["linked_policies"] >= 3 and second["interpreters"] == 0
    assert counts[0] >= 80 and counts[1] == 20 and counts[2] == 6
    assert (PolicyQA.objects.count(), ServiceGuide.objects.count(), SpecialTopic.objects.count(), Interpretation.objects.count()) == counts
    assert sorted(PolicyQA.objects.values_list("updated_at", flat=True)) == stamps  # nothing rewritten
    assert set(PolicyQA.objects.values_list("category", flat=True)) == set(QACategory.values)
    assert set(Interpretation.objects.values_list("kind", flat=True)) == set(InterpretationKind.values)
    assert all(i.images.exists() and all(img.thumbnail for img in i.images.all())
               for i in Interpretation.objects.filter(kind=InterpretationKind.GRAPHIC))
    from policies.models.qa import squeeze

    for qa in PolicyQA.objects.exclude(policy=None):  # a quote is always really in its document
        assert not qa.basis_quote or squeeze(qa.basis_quote) in squeeze(qa.policy.body_text)
    changed = [p for p in PolicyInterpreter.objects.values_list("policy_id", flat=True)]
    assert any(changed.count(pk) > 1 for pk in changed)  # one policy changed its interpreter
