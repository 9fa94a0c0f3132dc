"""Back office (department-scoped) and the idempotent demo data."""
import pytest
from django.urls import reverse

from elderzone import demo
from elderzone.models import CareInstitution, District, ElderNotice, ElderService, LifeArticle
from portal.models import PublishStatus, Role
from tests.elderzone.factories import LifeArticleFactory
from tests.factories import official

pytestmark = pytest.mark.django_db


def login(client, role, department):
    user = official(role, department)
    user.refresh_from_db()
    client.force_login(user)
    return user


def test_officials_see_only_their_departments_articles(client, department, other_department):
    LifeArticleFactory(title="本机构文章", department=department)
    theirs = LifeArticleFactory(title="其他机构文章", department=other_department)
    login(client, Role.EDITOR, department)
    listing = client.get(reverse("admin:elderzone_lifearticle_changelist")).content.decode()
    assert "本机构文章" in listing and "其他机构文章" not in listing
    assert client.get(reverse("admin:elderzone_lifearticle_change", args=[theirs.pk])).status_code == 403


def test_reviewer_publishes_through_the_workflow(client, department):
    article = LifeArticleFactory(title="待发布", department=department, status=PublishStatus.DRAFT, published_at=None)
    login(client, Role.REVIEWER, department)
    client.post(reverse("admin:elderzone_lifearticle_changelist"),
                {"action": "publish", "_selected_action": [article.pk]})
    article.refresh_from_db()
    assert article.status == PublishStatus.PUBLISHED and article.published_at is not None
    assert client.get(article.get_absolute_url()).status_code == 200


def test_admin_pages_open_for_the_office(client, office):
    office.refresh_from_db()
    client.force_login(office)
    for model in ("elderservice", "lifearticle", "eldernotice", "district", "careinstitution", "speechaudio"):
        assert client.get(reverse(f"admin:elderzone_{model}_changelist")).status_code == 200, model
        if model != "speechaudio":
            assert client.get(reverse(f"admin:elderzone_{model}_add")).status_code == 200, model


def test_demo_seed_is_idempotent():
    first = demo.seed()
    counts = [m.objects.count() for m in (District, CareInstitution, ElderService, LifeArticle, ElderNotice)]
    assert first == {"districts": 9, "institutions": 30, "services": 15, "articles": 20, "notices": 4}
    assert counts == [9, 30, 15, 20, 4]
    demo.seed()
    assert [m.objects.count() for m in (District, CareInstitution, ElderService, LifeArticle, ElderNotice)] == counts
    assert ElderService.objects.filter(name__in=["最低生活保障", "职工基本养老保险", "养老待遇查询", "医保账户查询",
                                                 "高龄津贴申领", "老年人优待证办理", "养老保险资格认证"]).count() == 7
    assert set(LifeArticle.objects.values_list("category", flat=True)) == {"wellness", "disease", "healthy", "fraud"}
    assert CareInstitution.objects.values("district").distinct().count() == 9  # every district has places


@pytest.mark.django_db
def test_demo_is_true_to_a_hunan_portal():
    """A Hunan portal lists Hunan places and services with Hunan numbers (Pingxiang is in Jiangxi)."""
    from elderzone import demo
    from elderzone.models import CareInstitution, District, ElderService
    from portal import demo as portal_demo

    portal_demo.seed()
    demo.seed()
    assert not District.objects.exclude(city="长沙市").exists()
    phones = list(CareInstitution.objects.values_list("phone", flat=True)) + list(
        ElderService.objects.exclude(phone="").values_list("phone", flat=True))
    assert phones and all(p.startswith("0731-") or p.isdigit() for p in phones), phones  # 0731 or a hotline
    assert not ElderService.objects.filter(url__contains="jxzwfww").exists()
