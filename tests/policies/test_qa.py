"""问答库: a citizen's question finds the matching Q&A first; the 依据原文 is quoted from the policy."""
import datetime as dt

import pytest
from django.urls import reverse

from policies.models import PolicyQA, QACategory
from policies.qa_search import qa_search, query_terms
from portal.models import PublishStatus
from tests.factories import PolicyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

MEDICAL_BODY = (
    "<p>职工基本医疗保险参保人员住院发生的政策范围内医疗费用，在三级、二级、一级及以下定点医疗机构的支付比例分别为85%、90%、92%。</p>"
    "<p>住院起付标准按医疗机构等级确定：三级800元、二级500元、一级及以下200元。</p>"
    "<p>统筹基金年度最高支付限额为20万元。</p>"
)


def login(client, user) -> None:
    # tests.factories sets the password after the last save, so the session hash is taken from the
    # row as stored; otherwise Django drops the session as if the password had changed.
    user.refresh_from_db()
    client.force_login(user)


def admin_form_data(response) -> dict:
    """The POST data a browser would send for an admin change form as rendered (main form + inlines)."""
    data = {}

    def add(form):
        for name, field in form.fields.items():
            bound = form[name]
            value = bound.value()
            key = bound.html_name
            if value is None or value is False:
                continue
            if isinstance(value, (list, tuple)):
                data[key] = [str(v) for v in value]
            elif value is True:
                data[key] = "on"
            elif hasattr(value, "isoformat"):
                data[key] = value.isoformat()
            elif hasattr(value, "name") and not isinstance(value, str):  # files are not re-sent
                continue
            else:
                data[key] = str(value)

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for name, field in formset.management_form.fields.items():
            data[f"{formset.prefix}-{name}"] = str(formset.management_form[name].value())
        for form in formset.initial_forms:
            add(form)
    return data


def make_qa(question, answer, *, policy=None, category=QACategory.MEDICAL, status=PublishStatus.PUBLISHED, quote=""):
    policy = policy or PolicyFactory()
    return PolicyQA.objects.create(
        question=question, answer=answer, basis_quote=quote, category=category, policy=policy,
        department=policy.department, status=status,
        published_at=dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc) if status == PublishStatus.PUBLISHED else None,
    )


@pytest.fixture
def qa_bank(django_capture_on_commit_callbacks):
    # Every indexed row is made inside the block: the search app sends one batch per transaction.
    with django_capture_on_commit_callbacks(execute=True):
        policy = PolicyFactory(title="关于调整职工医疗保险和生育保险政策的通知", body=MEDICAL_BODY)
        rows = {
            "ratio": make_qa("职工医保的报销比例是多少？", "三级、二级、一级及以下定点医疗机构分别为85%、90%、92%。", policy=policy,
                             quote="在三级、二级、一级及以下定点医疗机构的支付比例分别为85%、90%、92%"),
            "threshold": make_qa("职工医保住院起付线是多少？", "三级800元、二级500元，一级及以下200元；报销比例另有规定。", policy=policy),
            "limit": make_qa("职工医保的报销上限是多少？", "统筹基金年度最高支付限额为20万元。", policy=policy),
            "fund": make_qa("住房公积金提取条件有哪些？", "购房、租房、退休等情形可以提取，提取比例按规定执行。", category=QACategory.REAL_ESTATE),
            "loan": make_qa("创业担保贷款最高可以贷多少？", "个人最高30万元。", category=QACategory.EMPLOYMENT),
            "hidden": make_qa("职工医保的报销比例草稿？", "草稿", policy=policy, status=PublishStatus.DRAFT),
        }
    return rows


def test_query_terms_drop_question_words():
    terms = query_terms("职工医保的报销比例是多少？")
    assert "报销" in terms and "比例" in terms
    assert not {"的", "是", "多少"} & set(terms)


def test_the_question_asked_the_same_way_comes_first(qa_bank):
    results = qa_search("职工医保的报销比例是多少？")
    assert results[0] == qa_bank["ratio"]
    assert qa_bank["hidden"] not in results
    assert qa_bank["loan"] not in results


def test_the_search_index_itself_finds_the_questions(qa_bank):
    from policies.qa_search import _index_candidates

    found = _index_candidates(query_terms("职工医保报销比例"))
    assert qa_bank["ratio"].pk in found
    assert qa_bank["hidden"].pk not in found and qa_bank["loan"].pk not in found


def test_a_differently_worded_question_still_finds_it(qa_bank):
    assert qa_search("公积金怎么提取")[0] == qa_bank["fund"]
    assert qa_search("住院起付线")[0] == qa_bank["threshold"]


def test_database_answers_when_the_index_has_nothing(qa_bank, settings, tmp_path):
    from haystack import connections

    settings.HAYSTACK_CONNECTIONS = {"default": {**settings.HAYSTACK_CONNECTIONS["default"], "PATH": str(tmp_path / "empty")}}
    connections.reload("default")
    assert qa_search("职工医保的报销比例是多少")[0] == qa_bank["ratio"]


def test_qa_page_ranks_and_filters_by_category(client, qa_bank):
    url = reverse("policies:qa_list")
    html = client.get(url, {"q": "职工医保的报销比例是多少？"}).content.decode()
    first = html.index("职工医保的报销比例是多少？</a>")
    assert first < html.index("职工医保住院起付线是多少？")
    # each answer is shown with its policy and the quoted clause under it
    assert "依据原文" in html and "关于调整职工医疗保险和生育保险政策的通知" in html
    assert html.index("85%、90%、92%</p></blockquote>") > first

    employment = client.get(url, {"category": "employment"}).content.decode()
    assert "创业担保贷款" in employment and "住房公积金提取" not in employment
    assert client.get(url, {"q": "比例" * 300, "category": "nonsense", "page": "x"}).status_code == 200


def test_qa_detail_shows_policy_and_draft_is_404(client, qa_bank):
    html = client.get(qa_bank["ratio"].get_absolute_url()).content.decode()
    assert qa_bank["ratio"].policy.get_absolute_url() in html
    assert "职工医保住院起付线是多少？" in html  # other Q&A of the same policy
    assert client.get(qa_bank["hidden"].get_absolute_url()).status_code == 404


def test_basis_quote_must_come_from_the_policy_text():
    from django.core.exceptions import ValidationError

    policy = PolicyFactory(body=MEDICAL_BODY)
    qa = PolicyQA(question="问", answer="答", category=QACategory.MEDICAL, policy=policy, department=policy.department,
                  basis_quote="统筹基金年度\n最高支付限额为20万元")  # line breaks from a selection do not matter
    qa.full_clean()
    qa.basis_quote = "统筹基金年度最高支付限额为50万元"
    with pytest.raises(ValidationError) as error:
        qa.full_clean()
    assert "依据原文未在所关联文件的正文中找到" in error.value.message_dict["basis_quote"][0]


def _inline_qa(data, index, **fields):
    for name, value in fields.items():
        data[f"qas-{index}-{name}"] = value
    data["qas-TOTAL_FORMS"] = str(index + 1)
    return data


def test_official_creates_and_publishes_qa_inline_on_the_policy_page(client, reviewer, department):
    policy = PolicyFactory(issuer=department, body=MEDICAL_BODY)
    login(client, reviewer)
    url = reverse("admin:policies_policydocument_change", args=[policy.pk])
    page = client.get(url)
    assert 'id="policy-body-preview"' in page.content.decode()  # the text the clause is selected from
    data = _inline_qa(admin_form_data(page), 0, question="职工医保的报销上限是多少？", answer="20万元。", category="medical",
                      basis_quote="统筹基金年度最高支付限额为20万元。", sort_order="0", state_action="published")
    response = client.post(url, data, follow=True)
    assert response.status_code == 200, response.content.decode()[:2000]
    qa = PolicyQA.objects.get(question="职工医保的报销上限是多少？")
    assert qa.policy == policy and qa.department == department and qa.status == PublishStatus.PUBLISHED
    assert "职工医保的报销上限是多少？" in client.get(policy.get_absolute_url()).content.decode()


def test_inline_qa_with_a_quote_not_in_the_text_is_refused_and_nothing_is_lost(client, reviewer, department):
    policy = PolicyFactory(issuer=department, body=MEDICAL_BODY, title="原标题")
    login(client, reviewer)
    url = reverse("admin:policies_policydocument_change", args=[policy.pk])
    data = admin_form_data(client.get(url))
    data["title"] = "改过的标题"
    data = _inline_qa(data, 0, question="报销上限？", answer="50万元。", category="medical",
                      basis_quote="最高支付限额为50万元", sort_order="0")
    response = client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "依据原文未在所关联文件的正文中找到" in html
    assert 'value="改过的标题"' in html and "报销上限？" in html  # what was typed is still in the form
    policy.refresh_from_db()
    assert policy.title == "原标题" and not PolicyQA.objects.exists()


def test_editor_cannot_publish_a_qa_inline(client, editor, department):
    policy = PolicyFactory(issuer=department, body=MEDICAL_BODY, status=PublishStatus.DRAFT)
    login(client, editor)
    url = reverse("admin:policies_policydocument_change", args=[policy.pk])
    page = client.get(url)
    choices = dict(page.context["inline_admin_formsets"][1].formset.form.base_fields["state_action"].choices)
    assert "published" not in choices and "pending" in choices


def test_qa_list_queries_do_not_grow_with_the_number_of_answers(client, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    policy = PolicyFactory()
    for i in range(3):
        make_qa(f"问题{i}？", "答复。", policy=policy)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("policies:qa_list"))
    for i in range(3, 25):
        make_qa(f"问题{i}？", "答复。", policy=PolicyFactory())
    with django_assert_max_num_queries(len(few)):
        assert client.get(reverse("policies:qa_list")).status_code == 200
