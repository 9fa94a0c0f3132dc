"""The publication guard in the back office: publishing stops on personal data or banned words until
the official masks (one click) or confirms an office contact; bulk actions publish only the clean
rows; saving warns about 错别字; the 公开办 report lists what is already public."""
import pytest
from django.urls import reverse

from openinfo import services as openinfo_services
from openinfo.models import Consultation, ConsultationComment
from portal.models import Article, ChangeLog, PublishStatus, Role
from portal.textcheck import PublicationBlocked
from tests.factories import PolicyFactory, official

pytestmark = pytest.mark.django_db

MOBILE = "13912345678"
POLICY_LIST = reverse("admin:policies_policydocument_changelist")


@pytest.fixture
def login(client):
    def _login(user):
        user.refresh_from_db()
        client.force_login(user)
        return client

    return _login


def policy_url(policy, step=None):
    if step:
        return reverse("admin:policies_policydocument_textcheck", args=[policy.pk, step])
    return reverse("admin:policies_policydocument_change", args=[policy.pk])


def texts(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def draft(department, body, **kwargs):
    return PolicyFactory(issuer=department, status=PublishStatus.DRAFT, published_at=None, body=body, **kwargs)


def form_data(response) -> dict:
    """What the browser would post back for the change form it was given (no inline rows)."""
    form = response.context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value in (None, False) or hasattr(value, "field"):  # unset, unticked, or a file
            continue
        data[name] = [str(v) for v in value] if isinstance(value, (list, tuple)) else ("on" if value is True else value)
    for inline in response.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        for name in management.fields:
            data[f"{inline.formset.prefix}-{name}"] = management[name].value()
    return data


def test_publishing_a_document_with_a_mobile_number_stops_and_offers_the_fixes(login, reviewer, department):
    policy = draft(department, f"<p>咨询联系人：张科长，手机{MOBILE}。</p>")
    client = login(reviewer)
    data = form_data(client.get(policy_url(policy)))
    response = client.post(policy_url(policy), {**data, "_transition": "published"}, follow=True)
    policy.refresh_from_db()
    assert policy.status == PublishStatus.DRAFT
    assert texts(response).count("含个人信息：手机号码 139****5678（正文）") == 1
    html = response.content.decode()  # back on the edit page, with the preview of the masking
    assert response.request["PATH_INFO"] == policy_url(policy)
    assert f"<del>{MOBILE}</del>" in html and "<ins>139****5678</ins>" in html
    assert "一键遮蔽全部个人信息" in html and "确认为办公电话" in html


def test_one_click_masking_then_publishing(login, reviewer, department):
    policy = draft(department, f"<p>联系人手机{MOBILE}，身份证号11010519491231002X。</p>")
    client = login(reviewer)
    response = client.post(policy_url(policy, "mask"), follow=True)
    assert "已遮蔽 2 处个人信息" in texts(response)
    policy.refresh_from_db()
    assert policy.body == "<p>联系人手机139****5678，身份证号1101**********002X。</p>"
    entry = ChangeLog.objects.get(object_id=str(policy.pk), action="遮蔽个人信息")
    assert entry.actor == reviewer and MOBILE not in entry.note and MOBILE not in str(entry.changes)
    client.post(POLICY_LIST, {"action": "publish", "_selected_action": [policy.pk]})
    policy.refresh_from_db()
    assert policy.status == PublishStatus.PUBLISHED


def test_confirming_an_office_number_is_logged_and_lets_it_publish(login, reviewer, department):
    policy = draft(department, "<p>咨询电话：0731-88881234。</p>")
    client = login(reviewer)
    assert "0731-88881234" in client.get(policy_url(policy)).content.decode()
    client.post(policy_url(policy, "confirm"), {"key": "073188881234"})
    entry = ChangeLog.objects.get(object_id=str(policy.pk), action="确认为办公电话")
    assert entry.actor == reviewer and "0731-88881234" in entry.note
    client.post(POLICY_LIST, {"action": "publish", "_selected_action": [policy.pk]})
    policy.refresh_from_db()
    assert policy.status == PublishStatus.PUBLISHED and "0731-88881234" in policy.body


def test_an_id_number_cannot_be_confirmed(login, reviewer, department):
    policy = draft(department, "<p>身份证号11010519491231002X</p>")
    response = login(reviewer).post(policy_url(policy, "confirm"), {"key": "11010519491231002X"}, follow=True)
    assert "身份证号不能确认为办公联系方式" in texts(response)


def test_the_departments_own_published_phone_needs_no_confirmation(login, reviewer, department):
    department.phone = "0731-88881234"
    department.save()
    policy = draft(department, "<p>咨询电话：（0731）88881234。</p>")
    login(reviewer).post(POLICY_LIST, {"action": "publish", "_selected_action": [policy.pk]})
    policy.refresh_from_db()
    assert policy.status == PublishStatus.PUBLISHED


def test_bulk_publish_publishes_the_clean_rows_and_lists_the_blocked(login, reviewer, department):
    clean = draft(department, "<p>为深入推进政务公开，现将有关事项通知如下。</p>", title="干净的通知")
    with_card = draft(department, "<p>补助发放至卡号6217002920118282822。</p>", title="含卡号的通知")
    with_word = draft(department, "<p>本站代开发票。</p>", title="含禁用词的通知")
    response = login(reviewer).post(POLICY_LIST, {"action": "publish",
                                                  "_selected_action": [clean.pk, with_card.pk, with_word.pk]},
                                    follow=True)
    statuses = dict(type(clean).objects.values_list("title", "status"))
    assert statuses == {"干净的通知": "published", "含卡号的通知": "draft", "含禁用词的通知": "draft"}
    message = texts(response)
    assert "已发布 1 条" in message and "以下 2 条未发布" in message
    assert "“含卡号的通知”：含个人信息：银行卡号 6217***********2822（正文）" in message
    assert "“含禁用词的通知”：含禁用或敏感词：“代开发票”（正文）" in message


def test_saving_a_public_article_with_a_phone_number_is_refused(login, reviewer, department):
    article = Article.objects.create(title="新闻", body="<p>正文</p>", department=department,
                                     status=PublishStatus.PUBLISHED)
    client = login(reviewer)
    url = reverse("admin:portal_article_change", args=[article.pk])
    data = form_data(client.get(url))
    response = client.post(url, {**data, "body": f"<p>联系王女士{MOBILE}</p>"})
    assert response.status_code == 200  # the form again, with the reason
    assert "该内容已公开，不能保存：含个人信息：手机号码 139****5678（正文）" in response.content.decode()
    article.refresh_from_db()
    assert MOBILE not in article.body


def test_saving_warns_about_misspellings_with_the_correct_form(login, reviewer, department):
    article = Article.objects.create(title="新闻", body="<p>正文</p>", department=department)
    client = login(reviewer)
    url = reverse("admin:portal_article_change", args=[article.pk])
    data = form_data(client.get(url))
    response = client.post(url, {**data, "body": "<p>请按装客户端。</p>", "_continue": "1"}, follow=True)
    assert "“按装”疑为错别字，建议改为“安装”" in texts(response)
    article.refresh_from_db()
    assert article.body == "<p>请按装客户端。</p>"  # a warning, not a refusal


@pytest.fixture
def consultation(department):
    import datetime as dt

    return Consultation.objects.create(
        department=department, title="征求意见", draft="<p>稿</p>", explanation="<p>说明</p>",
        starts_on=dt.date(2026, 1, 1), ends_on=dt.date(2026, 12, 31), status=PublishStatus.PUBLISHED,
    )


def test_comment_bulk_approval_holds_back_the_one_with_a_mobile_number(login, reviewer, consultation):
    fine = ConsultationComment.objects.create(consultation=consultation, content="建议延长征集期。")
    phone = ConsultationComment.objects.create(consultation=consultation, content=f"有事请打我电话{MOBILE}")
    response = login(reviewer).post(reverse("admin:openinfo_consultationcomment_changelist"),
                                    {"action": "approve", "_selected_action": [fine.pk, phone.pk]}, follow=True)
    fine.refresh_from_db()
    phone.refresh_from_db()
    assert fine.status == "approved" and phone.status == "pending"
    assert "已公开 1 条" in texts(response) and "以下 1 条未公开" in texts(response)
    # The public page shows the approved one only.
    page = login(reviewer).get(consultation.get_absolute_url()).content.decode()
    assert "建议延长征集期" in page and MOBILE not in page


def test_letter_reply_cannot_be_published_with_personal_data_until_masked(login, reviewer, department):
    letter = openinfo_services.letter_submit(kind="consult", department=department, subject="低保咨询",
                                             content="如何申请", name="李某", phone="13800003333",
                                             consent_publish=True)
    openinfo_services.letter_reply(letter=letter, actor=reviewer, reply=f"请联系社区刘主任{MOBILE}。")
    with pytest.raises(PublicationBlocked):
        openinfo_services.letter_set_published(letter=letter, actor=reviewer, published=True)
    client = login(reviewer)
    client.post(reverse("admin:openinfo_letter_textcheck", args=[letter.pk, "mask"]))
    letter.refresh_from_db()
    openinfo_services.letter_set_published(letter=letter, actor=reviewer, published=True)
    assert letter.published and letter.reply == "请联系社区刘主任139****5678。"


def test_report_lists_published_content_with_findings_and_links(login, office, editor, department):
    legacy = PolicyFactory(issuer=department, title="早年发布的通知", body=f"<p>联系人手机{MOBILE}</p>")
    typo = PolicyFactory(issuer=department, title="有错字的通知", body="<p>请按装软件。</p>")
    PolicyFactory(issuer=department, title="没有问题的通知")
    url = reverse("admin:portal_textcheck_report")
    html = login(office).get(url).content.decode()
    assert "早年发布的通知" in html and "139****5678" in html and MOBILE not in html
    assert "有错字的通知" in html and "“按装”建议改为“安装”" in html
    assert "没有问题的通知" not in html
    assert policy_url(legacy) in html and typo.get_absolute_url() in html
    assert login(editor).get(url).status_code == 403


def test_an_editor_of_another_department_cannot_mask(login, department, other_department):
    policy = draft(department, f"<p>手机{MOBILE}</p>")
    outsider = official(Role.REVIEWER, other_department)
    assert login(outsider).post(policy_url(policy, "mask")).status_code == 403
    policy.refresh_from_db()
    assert MOBILE in policy.body


def test_the_wording_list_is_seeded_and_editable_by_the_office(login, office):
    from portal.models import WordingRule

    assert WordingRule.objects.filter(kind="misspelling").count() >= 30
    client = login(office)
    html = client.get(reverse("admin:portal_wordingrule_changelist")).content.decode()
    assert "已公开内容检查报告" in html and "按装" in html
    response = client.post(reverse("admin:portal_wordingrule_add"),
                           {"term": "某某词", "kind": "misspelling", "suggestion": "", "enabled": "on"})
    assert "错别字须填写正确写法" in response.content.decode()
    client.post(reverse("admin:portal_wordingrule_add"), {"term": "某敏感词", "kind": "sensitive", "enabled": "on"})
    from portal.textcheck import blocking_terms

    assert blocking_terms("这里有某敏感词") == ["某敏感词"]


def test_comment_change_page_shows_the_findings(login, reviewer, consultation):
    comment = ConsultationComment.objects.create(consultation=consultation, content=f"电话{MOBILE}")
    html = login(reviewer).get(reverse("admin:openinfo_consultationcomment_change", args=[comment.pk])).content.decode()
    assert "<ins>139****5678</ins>" in html and "一键遮蔽全部个人信息" in html


def test_replying_with_publication_and_a_phone_number_sends_nothing_and_says_how(login, reviewer, department):
    letter = openinfo_services.letter_submit(kind="consult", department=department, subject="咨询", content="问",
                                             name="李某", phone="13800003333", consent_publish=True)
    response = login(reviewer).post(reverse("admin:openinfo_letter_step", args=[letter.pk, "reply"]),
                                    {"reply-reply": f"请拨打{MOBILE}", "reply-publish": "on"}, follow=True)
    letter.refresh_from_db()
    assert letter.status == "submitted" and not letter.reply
    assert "答复未发送" in texts(response) and "可先不勾选公开并答复" in texts(response)
