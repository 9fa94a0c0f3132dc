"""PolicyDocument's derived fields and the policy services."""
import datetime as dt

import pytest

from policies import services
from policies.docnumber import looks_like_doc_number, normalize_doc_number
from policies.models import PolicyDocument, Validity
from portal.models import ChangeLog
from portal.text import content_hash, plain_text
from tests.factories import DepartmentFactory, PolicyFactory

pytestmark = pytest.mark.django_db


def new_policy(issuer, year=2024, **kwargs):
    return PolicyDocument(title=kwargs.pop("title", "关于做好政务公开工作的通知"), issuer=issuer,
                          issued_date=dt.date(year, 3, 1), body="<p>正文。</p>", **kwargs)


def test_index_numbers_count_per_issuer_and_year(department, other_department):
    numbers = []
    for issuer, year in [(department, 2023), (department, 2023), (department, 2024), (other_department, 2023)]:
        numbers.append(services.policy_save(policy=new_policy(issuer, year)).index_number)
    assert numbers == ["430000-02/2023-00001", "430000-02/2023-00002", "430000-02/2024-00001", "430000-04/2023-00001"]


def test_index_number_given_by_the_official_is_kept(department):
    policy = services.policy_save(policy=new_policy(department, index_number="430000-02/2024-00777"))
    assert policy.index_number == "430000-02/2024-00777"
    assert services.policy_save(policy=new_policy(department)).index_number == "430000-02/2024-00778"


@pytest.mark.parametrize("variant", ["湘政发〔2023〕1号", "湘政发[2023]1号", "湘政发(2023)1号", "湘政发（2023）1号",
                                     "湘政发2023年1号", "湘政发〔2023〕第1号", "湘政发〔2023〕1", "湘政发［２０２３］１号"])
def test_doc_number_variants_share_one_key(department, variant):
    policy = PolicyFactory(issuer=department, doc_number=variant)
    assert policy.doc_number_key == "湘政发|2023|1"
    assert normalize_doc_number(variant) == "湘政发|2023|1" and looks_like_doc_number(variant)


def test_no_doc_number_means_no_key(department):
    assert PolicyFactory(issuer=department, doc_number="").doc_number_key == ""
    assert not looks_like_doc_number("养老金调整")


def test_content_hash_follows_title_and_text_not_markup(department):
    a = PolicyFactory(issuer=department, title="甲", body="<p>正文一。</p>")
    b = PolicyFactory(issuer=department, title="甲", body="<p><strong>正文一。</strong></p>")
    c = PolicyFactory(issuer=department, title="乙", body="<p>正文一。</p>")
    assert a.content_hash == b.content_hash == content_hash("甲", "正文一。")
    assert a.content_hash != c.content_hash


def test_rich_text_is_sanitised_on_save(department):
    policy = PolicyFactory(issuer=department, body=(
        '<p onclick="steal()">第一段<script>alert(1)</script></p><img src="x" onerror="bad()">'
        '<a href="javascript:alert(1)">链接</a><iframe src="https://evil"></iframe><table><tr><td>表格</td></tr></table>'))
    policy.refresh_from_db()
    for bad in ("<script", "onclick", "onerror", "javascript:", "<iframe"):
        assert bad not in policy.body
    assert "第一段" in policy.body and "<table>" in policy.body
    assert plain_text(policy.body).startswith("第一段")


def test_keywords_are_extracted_unless_given(department):
    auto = services.policy_save(policy=new_policy(department, title="关于调整退休人员基本养老金的通知"))
    assert "基本养老金" in auto.keyword_list
    given = services.policy_save(policy=new_policy(department, keywords="政务公开，主题日"))
    assert given.keyword_list == ["政务公开", "主题日"]


def test_policy_save_writes_history(department, editor):
    policy = services.policy_save(policy=new_policy(department), actor=editor)
    policy.title = "关于做好2024年政务公开工作的通知"
    services.policy_save(policy=policy, actor=editor)
    entries = list(ChangeLog.objects.filter(object_id=str(policy.pk)).order_by("id"))
    assert [e.action for e in entries] == ["新建", "修改"]
    assert entries[1].actor == editor
    assert entries[1].changes["title"] == ["关于做好政务公开工作的通知", "关于做好2024年政务公开工作的通知"]


def test_set_validity_names_the_replacement(department, reviewer):
    old, new = PolicyFactory(issuer=department), PolicyFactory(issuer=department)
    services.policy_set_validity(policy=old, validity=Validity.REPEALED, actor=reviewer, superseded_by=new)
    old.refresh_from_db()
    assert old.validity == Validity.REPEALED and old.superseded_by == new
    assert list(new.supersedes.all()) == [old]
    assert ChangeLog.objects.get(object_id=str(old.pk)).action == "标记废止"


def test_category_label_and_keyword_list(department):
    policy = PolicyFactory(issuer=department, topic="综合政务", subtopic="政务公开", keywords="甲, 乙，丙")
    assert policy.category_label == "综合政务\\政务公开"
    assert policy.keyword_list == ["甲", "乙", "丙"]
    assert DepartmentFactory(short_name="").display_name.startswith("测试厅")
