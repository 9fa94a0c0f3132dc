"""policies.demo.seed(): the demo library the portal starts with."""
import pytest
from haystack import connections
from haystack.query import SearchQuerySet

from policies import demo
from policies.models import PolicyDocument, Validity
from portal import demo as portal_demo
from portal.models import ChangeLog, PublishStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(db):
    portal_demo.seed()
    return demo.seed()


# One seed per test costs seconds (jieba keywords for every document), so each test checks much.
def test_at_least_sixty_published_documents_of_many_kinds(seeded):
    docs = PolicyDocument.objects.all()
    assert docs.count() >= 60
    assert docs.filter(status=PublishStatus.PUBLISHED).count() == docs.count()
    assert docs.values("topic").distinct().count() >= 10
    assert docs.values("doc_type").distinct().count() == 3
    assert docs.values("issuer").distinct().count() >= 12
    years = {d.year for d in docs.values_list("issued_date", flat=True)}
    assert min(years) == 2019 and max(years) >= 2025
    assert all(d.index_number and d.keywords and d.body.count("<p>") >= 3 for d in docs)
    assert docs.get(external_id="demo-004").index_number == "430000-03/2025-00001"

    # 替代文件
    old = PolicyDocument.objects.exclude(validity=Validity.VALID)
    assert {d.validity for d in old} == {Validity.EXPIRED, Validity.REPEALED, Validity.AMENDED}
    assert all(d.superseded_by is not None for d in old)
    pension_2024 = PolicyDocument.objects.get(external_id="demo-003")
    assert pension_2024.superseded_by.external_id == "demo-004"
    assert list(pension_2024.superseded_by.supersedes.all()) == [pension_2024]

    # 长者专区
    elder = PolicyDocument.objects.filter(for_elders=True)
    assert elder.count() >= 10
    titles = "".join(elder.values_list("title", flat=True))
    for word in ("养老金", "高龄津贴", "医疗保险", "最低生活保障"):
        assert word in titles

    # what the search demos look for
    for word in ("基本养老金", "机动车驾驶证", "居民身份证", "公共租赁住房", "住房公积金", "失业保险金",
                 "最低生活保障", "惠企政策", "专精特新", "营商环境", "政务公开主题日"):
        assert docs.filter(title__contains=word).exists() or docs.filter(body__contains=word).count() >= 2, word


def test_demo_documents_are_searchable(seeded):
    # The index as `make run` builds it (rebuild_index) after seed_demo.
    connections["default"].get_unified_index().get_index(PolicyDocument).update()
    hits = {int(r.pk) for r in SearchQuerySet().models(PolicyDocument).filter(content="住房公积金")}
    assert PolicyDocument.objects.get(external_id="demo-026").pk in hits


def test_running_twice_changes_nothing(seeded):
    rows = list(PolicyDocument.objects.order_by("pk").values())
    history = ChangeLog.objects.count()
    again = demo.seed()
    assert again["created"] == 0 and again["updated"] == 0
    assert list(PolicyDocument.objects.order_by("pk").values()) == rows
    assert ChangeLog.objects.count() == history
