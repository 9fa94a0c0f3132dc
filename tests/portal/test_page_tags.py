"""政府网站网页标签 on every page of the sitemap (demo data), as an inspection crawler reads them."""
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client

from portal.sitemaps import ColumnSitemap, SectionSitemap
from tests.portal.test_articles_support import make_article

SITE_TAGS = ("SiteName", "SiteDomain", "SiteIDCode", "ColumnName", "ColumnDescription", "ColumnKeywords", "ColumnType")
ARTICLE_TAGS = ("ArticleTitle", "PubDate", "ContentSource", "Keywords", "Description", "Url")
PUBDATE = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$")
pytestmark = pytest.mark.django_db


class _Meta(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: dict[str, list[str]] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and "name" in attrs:
            self.tags.setdefault(attrs["name"], []).append(attrs.get("content") or "")


def meta_tags(html: str) -> dict[str, list[str]]:
    parser = _Meta()
    parser.feed(html)
    return parser.tags


@pytest.fixture(scope="module")
def demo_pages(django_db_setup, django_db_blocker):
    """(path, meta tags, is_article) of every URL in /sitemap.xml with the demo data (rolled back after)."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("seed_demo", verbosity=0)
            client = Client()
            sitemap = client.get("/sitemap.xml").content.decode()
            locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
            sections = {urlsplit(loc).path for loc in SectionSitemap().items()}
            sections |= {column.get_absolute_url() for column in ColumnSitemap().items()}
            pages = []
            assert len(locations) == len(set(locations)) > 100
            for loc in locations:
                parts = urlsplit(loc)
                response = client.get(parts.path)
                assert response.status_code == 200, loc
                # A fragment points into a list page (a 养老机构 on the map), not an article page.
                pages.append((parts.path, meta_tags(response.content.decode()),
                              parts.path not in sections and not parts.fragment))
            yield pages
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def test_every_sitemap_page_carries_site_and_column_tags(demo_pages):
    assert len(demo_pages) > 50
    for path, tags, _ in demo_pages:
        for name in SITE_TAGS:
            assert len(tags.get(name, [])) == 1 and tags[name][0].strip(), (path, name, tags.get(name))
        assert tags["ColumnName"][0] != tags["SiteName"][0], path
        assert tags["SiteIDCode"][0] == "4300000001" and tags["SiteDomain"][0] == "www.hunan.gov.cn"


def test_every_article_page_carries_article_tags(demo_pages):
    articles = [(path, tags) for path, tags, is_article in demo_pages if is_article]
    assert len(articles) > 30
    for path, tags in articles:
        for name in ARTICLE_TAGS:
            assert len(tags.get(name, [])) == 1 and tags[name][0].strip(), (path, name, tags.get(name))
        assert PUBDATE.match(tags["PubDate"][0]), (path, tags["PubDate"])
        assert tags["Url"][0] == f"http://www.hunan.gov.cn{path}", path
        assert all(len(word) > 1 for word in tags["Keywords"][0].split(",")), (path, tags["Keywords"])


def test_columns_name_the_section_of_each_page(demo_pages):
    columns = {path: tags["ColumnName"][0] for path, tags, _ in demo_pages}
    by_prefix = {
        "/policies/interpretations/": "政策解读", "/policies/guides/": "办事指南", "/policies/qa/": "政策问答",
        "/themedays/reports/": "政务公开主题日", "/elder/": "长者专区", "/openinfo/consultations/": "意见征集",
        "/openinfo/letters/": "政务信箱", "/articles/notices/": "通知公告", "/articles/news/": "政务动态",
    }
    for prefix, column in by_prefix.items():
        found = [path for path in columns if path.startswith(prefix)]
        assert found and all(columns[path] == column for path in found), (prefix, {p: columns[p] for p in found})
    policy_pages = [path for path in columns if re.fullmatch(r"/policies/\d+/", path)]
    assert policy_pages and {columns[path] for path in policy_pages} == {"政策文件"}
    assert columns["/"] == "首页"
    types = {tags["ColumnType"][0] for _, tags, _ in demo_pages}
    assert {"政务动态", "信息公开", "政策文件", "解读回应", "办事服务", "互动交流"} <= types


def test_article_tags_follow_the_category_and_are_escaped(client):
    notice = make_article(title='关于"开放日"<b>报名</b>的通知', category="notice", source="省政府办公厅",
                          byline="李明", keywords="开放日,报名")
    html = client.get(notice.get_absolute_url()).content.decode()
    assert '<meta name="ColumnName" content="通知公告">' in html
    assert '<meta name="ArticleTitle" content="关于&quot;开放日&quot;&lt;b&gt;报名&lt;/b&gt;的通知">' in html
    assert '<meta name="ContentSource" content="省政府办公厅">' in html
    assert '<meta name="Author" content="李明">' in html
    assert '<meta name="Keywords" content="开放日,报名">' in html
    listing = meta_tags(client.get("/articles/notices/").content.decode())
    assert listing["ColumnName"] == ["通知公告"] and "ArticleTitle" not in listing
