"""政策解读: both-way links with policies, the kind filter, 数说 charts, the normative-document warning."""
import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from policies.charts import bar_chart_svg
from policies.models import DocType, Interpretation, InterpretationFigure, InterpretationKind
from portal.models import PublishStatus
from tests.factories import PolicyFactory
from tests.policies.test_qa import admin_form_data, login

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

PUBLISHED = {"status": PublishStatus.PUBLISHED, "published_at": dt.datetime(2024, 5, 1, tzinfo=dt.timezone.utc)}


def make_interpretation(policies, *, title="政策解读", kind=InterpretationKind.TEXT, status=PublishStatus.PUBLISHED, **fields):
    extra = PUBLISHED if status == PublishStatus.PUBLISHED else {"status": status}
    interpretation = Interpretation.objects.create(
        title=title, kind=kind, department=policies[0].department, **{"body": "<p>解读正文</p>", **extra, **fields},
    )
    interpretation.policies.set(policies)
    return interpretation


def test_policy_page_lists_interpretation_and_interpretation_page_links_back(client):
    policy = PolicyFactory(title="关于调整职工医疗保险政策的通知")
    other = PolicyFactory(title="关于生育保险的通知")
    interpretation = make_interpretation([policy, other], title="一文读懂医保新政", kind=InterpretationKind.EXPERT)

    policy_html = client.get(policy.get_absolute_url()).content.decode()
    assert "一文读懂医保新政" in policy_html
    assert interpretation.get_absolute_url() in policy_html
    assert "专家解读" in policy_html

    page = client.get(interpretation.get_absolute_url()).content.decode()
    assert 'id="policy-body"' in page
    for p in (policy, other):
        assert p.title in page and p.get_absolute_url() in page


def test_unpublished_interpretation_is_hidden_from_the_policy_page_and_404(client):
    policy = PolicyFactory()
    draft = make_interpretation([policy], title="尚未发布的解读", status=PublishStatus.DRAFT)
    assert "尚未发布的解读" not in client.get(policy.get_absolute_url()).content.decode()
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_interpretation_page_does_not_link_to_an_unpublished_policy(client):
    public = PolicyFactory(title="已公开的文件")
    hidden = PolicyFactory(title="还在草稿的文件", status=PublishStatus.DRAFT)
    interpretation = make_interpretation([public, hidden])
    page = client.get(interpretation.get_absolute_url()).content.decode()
    assert "已公开的文件" in page and "还在草稿的文件" not in page


def test_list_filters_by_kind_and_ignores_an_unknown_kind(client):
    policy = PolicyFactory()
    make_interpretation([policy], title="厅长谈稳就业", kind=InterpretationKind.LEADER, transcript="访谈实录")
    make_interpretation([policy], title="数说惠企成效", kind=InterpretationKind.FIGURES)
    url = reverse("policies:interpretation_list")

    leader = client.get(url, {"kind": "leader"}).content.decode()
    assert "厅长谈稳就业" in leader and "数说惠企成效" not in leader
    everything = client.get(url, {"kind": "<script>"})
    assert everything.status_code == 200
    assert "厅长谈稳就业" in everything.content.decode() and "数说惠企成效" in everything.content.decode()


def test_figures_render_an_accessible_chart_and_a_data_table(client):
    policy = PolicyFactory()
    interpretation = make_interpretation([policy], title="数说", kind=InterpretationKind.FIGURES,
                                         chart_title="2023年惠企数据", chart_unit="亿元")
    InterpretationFigure.objects.create(interpretation=interpretation, label="减税降费", value=Decimal("612.40"), sort_order=0)
    InterpretationFigure.objects.create(interpretation=interpretation, label="稳岗返还", value=Decimal("21.3"), sort_order=1)

    html = client.get(interpretation.get_absolute_url()).content.decode()
    assert '<svg class="figure-chart"' in html and 'role="img"' in html
    assert "<title id=\"chart-" in html and "减税降费 612.4亿元" in html  # the SVG's description
    assert "<caption>2023年惠企数据（数据表，单位：亿元）</caption>" in html
    assert '<th scope="row">减税降费</th><td class="num">612.4亿元</td>' in html


def test_bar_lengths_follow_the_values():
    import re

    svg = bar_chart_svg(title="t", unit="", rows=[("甲", Decimal("100")), ("乙", Decimal("25"))], uid="c")
    widths = [float(w) for w in re.findall(r'<rect[^>]* width="([\d.]+)"', svg)]
    assert widths[0] == pytest.approx(widths[1] * 4, rel=0.01)


def test_chart_text_is_escaped():
    svg = bar_chart_svg(title="<b>", unit="", rows=[("<script>", Decimal("1"))], uid="c")
    assert "<script>" not in svg and "&lt;script&gt;" in svg


@pytest.mark.parametrize("kind, fields, field_with_error", [
    (InterpretationKind.VIDEO, {}, "video_url"),
    (InterpretationKind.VIDEO, {"video_url": "https://video.example.gov.cn/a.mp4"}, "transcript"),
    (InterpretationKind.MEDIA, {"body": "<p>正文</p>"}, "source"),
    (InterpretationKind.TEXT, {"body": "<p> </p>"}, "body"),
])
def test_kind_specific_requirements(kind, fields, field_with_error, department):
    from django.core.exceptions import ValidationError

    interpretation = Interpretation(title="解读", kind=kind, department=department, **fields)
    with pytest.raises(ValidationError) as error:
        interpretation.full_clean()
    assert field_with_error in error.value.message_dict


def _admin_publish(client, policy):
    data = {"_transition": PublishStatus.PUBLISHED}
    response = client.get(reverse("admin:policies_policydocument_change", args=[policy.pk]))
    data = {**admin_form_data(response), **data}
    return client.post(reverse("admin:policies_policydocument_change", args=[policy.pk]), data, follow=True)


def test_publishing_a_normative_document_without_interpretation_warns_the_editor(client, reviewer, department):
    policy = PolicyFactory(issuer=department, doc_type=DocType.NORMATIVE, status=PublishStatus.PENDING)
    login(client, reviewer)
    response = _admin_publish(client, policy)
    policy.refresh_from_db()
    assert policy.status == PublishStatus.PUBLISHED
    warnings = [str(m) for m in response.context["messages"] if m.level_tag == "warning"]
    assert any("行政规范性文件" in w and "尚无政策解读" in w for w in warnings)


def test_no_warning_when_the_interpretation_is_published(client, reviewer, department):
    policy = PolicyFactory(issuer=department, doc_type=DocType.NORMATIVE, status=PublishStatus.PENDING)
    make_interpretation([policy])
    login(client, reviewer)
    response = _admin_publish(client, policy)
    assert not [m for m in response.context["messages"] if m.level_tag == "warning"]


def test_bulk_publish_action_warns_only_for_normative_documents(client, reviewer, department):
    normative = PolicyFactory(issuer=department, title="规范性文件甲", doc_type=DocType.NORMATIVE, status=PublishStatus.PENDING)
    other = PolicyFactory(issuer=department, title="其他文件乙", doc_type=DocType.OTHER, status=PublishStatus.PENDING)
    login(client, reviewer)
    response = client.post(reverse("admin:policies_policydocument_changelist"),
                           {"action": "publish", "_selected_action": [normative.pk, other.pk]}, follow=True)
    warnings = " ".join(str(m) for m in response.context["messages"] if m.level_tag == "warning")
    assert "规范性文件甲" in warnings and "其他文件乙" not in warnings


def test_change_form_shows_the_missing_interpretation_notice(client, reviewer, department):
    policy = PolicyFactory(issuer=department, doc_type=DocType.NORMATIVE, status=PublishStatus.DRAFT)
    login(client, reviewer)
    html = client.get(reverse("admin:policies_policydocument_change", args=[policy.pk])).content.decode()
    assert "政策解读应与文件同步发布" in html
    assert f"{reverse('admin:policies_interpretation_add')}?policies={policy.pk}" in html


def test_published_interpretation_is_searchable_and_a_withdrawn_one_is_not(django_capture_on_commit_callbacks):
    from haystack.query import SearchQuerySet

    with django_capture_on_commit_callbacks(execute=True):
        policy = PolicyFactory()
        interpretation = make_interpretation([policy], title="门诊共济政策解读", body="<p>普通门诊费用纳入统筹基金支付。</p>")
    found = [int(r.pk) for r in SearchQuerySet().models(Interpretation).filter(content="门诊")]
    assert found == [interpretation.pk]
    with django_capture_on_commit_callbacks(execute=True):
        interpretation.status = PublishStatus.WITHDRAWN
        interpretation.save()
    assert not list(SearchQuerySet().models(Interpretation).filter(content="门诊"))


def test_uploaded_video_plays_with_captions_and_transcript(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    policy = PolicyFactory()
    interpretation = make_interpretation([policy], title="厅长谈医保", kind=InterpretationKind.LEADER,
                                         transcript="记者：门诊怎么报销？\n负责人：在职职工不低于50%。")
    interpretation.video_file = SimpleUploadedFile("talk.mp4", b"\x00\x00\x00\x18ftypmp42", content_type="video/mp4")
    interpretation.video_captions = SimpleUploadedFile("talk.vtt", b"WEBVTT\n\n00:00.000 --> 00:02.000\n\xe8\xae\xb0\xe8\x80\x85", content_type="text/vtt")
    interpretation.full_clean()
    interpretation.save()
    html = client.get(interpretation.get_absolute_url()).content.decode()
    assert f'src="{interpretation.video_file.url}"' in html and '<track kind="captions" srclang="zh"' in html
    assert "访谈实录" in html and "在职职工不低于50%。" in html


def test_a_video_of_the_wrong_type_is_refused(department):
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    interpretation = Interpretation(title="视频", kind=InterpretationKind.VIDEO, department=department, transcript="实录",
                                    video_file=SimpleUploadedFile("setup.exe", b"MZ", content_type="video/mp4"))
    with pytest.raises(ValidationError) as error:
        interpretation.full_clean()
    assert "不支持的视频格式“.exe”" in error.value.message_dict["video_file"][0]


def test_interpretation_list_queries_do_not_grow_with_rows(client, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_interpretation([PolicyFactory()], title="解读0")
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("policies:interpretation_list"))
    for i in range(1, 12):
        make_interpretation([PolicyFactory(), PolicyFactory()], title=f"解读{i}")
    with django_assert_max_num_queries(len(few)):
        assert client.get(reverse("policies:interpretation_list")).status_code == 200


def test_admin_filter_lists_normative_documents_missing_a_published_interpretation(client, reviewer, department):
    missing = PolicyFactory(issuer=department, title="缺少解读的规范性文件", doc_type=DocType.NORMATIVE)
    covered = PolicyFactory(issuer=department, title="已有解读的规范性文件", doc_type=DocType.NORMATIVE)
    make_interpretation([covered])
    PolicyFactory(issuer=department, title="其他文件不需要解读", doc_type=DocType.OTHER)
    Interpretation.objects.create(title="尚未关联文件的解读", department=department, body="<p>正文</p>", **PUBLISHED)
    login(client, reviewer)
    html = client.get(reverse("admin:policies_policydocument_changelist"), {"interpreted": "no"}).content.decode()
    assert missing.title in html and covered.title not in html and "其他文件不需要解读" not in html
