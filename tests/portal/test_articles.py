"""政务动态 / 通知公告 / 媒体聚焦, 专栏, 五公开 and their admin."""
import pytest
from django.urls import reverse

from portal.models import Article, ArticleCategory, PublishStatus, Role
from tests.factories import DepartmentFactory, PolicyFactory, official
from tests.portal.test_articles_support import fresh_cache, login, make_article, make_column  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]


def test_each_category_lists_only_its_published_articles(client):
    make_article(title="政务动态一则", category=ArticleCategory.NEWS)
    make_article(title="通知公告一则", category=ArticleCategory.NOTICE)
    make_article(title="媒体聚焦一则", category=ArticleCategory.MEDIA, source="湖南日报")
    make_article(title="动态草稿", category=ArticleCategory.NEWS, status=PublishStatus.DRAFT)
    news = client.get("/articles/news/").content.decode()
    assert "政务动态一则" in news and "通知公告一则" not in news and "动态草稿" not in news
    notices = client.get("/articles/notices/").content.decode()
    assert "通知公告一则" in notices and "共 1 条" in notices
    media = client.get("/articles/media-coverage/").content.decode()
    assert "媒体聚焦一则" in media and "湖南日报" in media
    assert client.get("/articles/unknown/").status_code == 404


def test_list_pages_and_filters_by_year_without_errors_on_bad_input(client):
    department = DepartmentFactory()
    for n in range(23):
        make_article(title=f"第{n:02d}条动态", department=department, days_ago=n + 1)
    first = client.get("/articles/news/").content.decode()
    assert "第 1 / 2 页" in first and "第00条动态" in first and "第22条动态" not in first
    assert "第22条动态" in client.get("/articles/news/?page=2").content.decode()
    for bad in ("?page=abc", "?page=999", "?year=abcd", "?year=1900", "?page=%00"):
        assert client.get(f"/articles/news/{bad}").status_code == 200, bad
    year = Article.objects.first().published_at.year
    assert f"{year}年" in first


def test_detail_shows_published_article_with_meta_and_hides_drafts(client):
    column = make_column(name="政务公开主题日")
    article = make_article(title="主题日活动走进社区", source="长沙晚报", keywords="主题日,社区")
    article.columns.add(column)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "主题日活动走进社区" in html and "长沙晚报" in html
    assert '<meta name="ArticleTitle" content="主题日活动走进社区">' in html
    assert '<meta name="ContentSource" content="长沙晚报">' in html
    assert '<meta name="ColumnName" content="政务动态">' in html
    assert '<meta name="PubDate" content="' in html
    assert 'aria-label="当前位置"' in html and "政务公开主题日" in html
    draft = make_article(title="未发布稿件", status=PublishStatus.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_officials_preview_their_own_drafts(client):
    department = DepartmentFactory()
    draft = make_article(title="待审核稿件预览", status=PublishStatus.PENDING, department=department)
    login(client, official(Role.EDITOR, department))
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200 and "预览" in response.content.decode()
    login(client, official(Role.EDITOR, DepartmentFactory()))
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_rich_text_is_sanitised_on_save():
    article = make_article(body='<p onclick="x()">正文</p><script>alert(1)</script>')
    assert "script" not in article.body and "onclick" not in article.body and "正文" in article.body


def test_column_groups_its_public_articles(client):
    column = make_column(name="省政府常务会议", description="常务会议研究部署的重要工作。")
    inside = make_article(title="常务会议研究部署稳就业")
    inside.columns.add(column)
    hidden = make_article(title="常务会议草稿", status=PublishStatus.DRAFT)
    hidden.columns.add(column)
    make_article(title="不在专栏的文章")
    html = client.get(column.get_absolute_url()).content.decode()
    assert "常务会议研究部署稳就业" in html and "常务会议草稿" not in html and "不在专栏的文章" not in html
    assert "省政府常务会议" in client.get("/columns/").content.decode()
    make_column(name="空白的专栏", slug="empty", description="只有草稿。").articles.add(hidden)
    assert "空白的专栏" not in client.get("/columns/").content.decode()  # nothing published: not listed
    column.is_active = False
    column.save()
    assert client.get(column.get_absolute_url()).status_code == 404


def test_five_openness_maps_policies_and_tagged_articles(client):
    PolicyFactory(title="湖南省行政规范性文件管理办法", doc_type="normative")
    make_article(title="常务会议决策动态", openness="decision")
    column = make_column(name="重点工作督查", openness="execution")
    make_article(title="重点工作推进情况").columns.add(column)
    index = client.get("/openness/").content.decode()
    for label in ["决策公开", "执行公开", "管理公开", "服务公开", "结果公开"]:
        assert label in index
    assert "政府文件" in index and "决策动态" in index and "重点工作" in index
    regulations = client.get(reverse("portal:openness_items", args=["decision", "regulations"])).content.decode()
    assert "湖南省行政规范性文件管理办法" in regulations
    work = client.get(reverse("portal:openness_items", args=["execution", "execution-news"])).content.decode()
    assert "重点工作推进情况" in work
    assert client.get("/openness/decision/no-such-item/").status_code == 404


def test_office_manages_articles_and_site_settings_in_admin(client):
    office = official(Role.OFFICE, DepartmentFactory())
    office.is_superuser = True  # the role sync needs migrations' permissions; a superuser stands in
    office.save()
    login(client, office)
    assert client.get("/admin/portal/article/").status_code == 200
    assert client.get("/admin/portal/article/add/").status_code == 200
    response = client.get("/admin/portal/sitesettings/")
    assert response.status_code == 302 and "/admin/portal/sitesettings/" in response["Location"]
    form = client.get(response["Location"])
    assert form.status_code == 200 and "网站标识码" in form.content.decode()


def test_article_admin_is_scoped_to_the_department(client):
    mine, theirs = DepartmentFactory(), DepartmentFactory()
    own = make_article(title="本部门文章", department=mine)
    other = make_article(title="其他部门文章", department=theirs)
    reviewer = official(Role.REVIEWER, mine)
    reviewer.is_superuser = False
    from django.contrib.auth.models import Permission

    reviewer.user_permissions.add(*Permission.objects.filter(content_type__app_label="portal", codename__endswith="_article"))
    login(client, reviewer)
    listing = client.get("/admin/portal/article/").content.decode()
    assert "本部门文章" in listing and "其他部门文章" not in listing
    assert client.get(f"/admin/portal/article/{other.pk}/change/").status_code == 403
    assert client.get(f"/admin/portal/article/{own.pk}/change/").status_code == 200
