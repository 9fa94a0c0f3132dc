"""Helpers shared by the portal's tests (no tests here): articles, columns, other apps' rows."""
from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.core.cache import cache
from django.utils import timezone

from portal.models import Article, ArticleCategory, Column, PublishStatus, SiteSettings
from tests.factories import DepartmentFactory

_serial = itertools.count(1)


@pytest.fixture
def fresh_cache():
    """The cache (site settings, page-view counters, rate limits) starts empty in every test."""
    cache.clear()
    yield
    cache.clear()


def make_article(*, title=None, category=ArticleCategory.NEWS, status=PublishStatus.PUBLISHED, department=None,
                 days_ago=1, **extra) -> Article:
    n = next(_serial)
    published = timezone.now() - dt.timedelta(days=days_ago) if status == PublishStatus.PUBLISHED else None
    return Article.objects.create(
        title=title or f"测试文章{n}：政务公开工作推进会召开", category=category, status=status,
        department=department or DepartmentFactory(), published_at=published,
        body=extra.pop("body", "<p>会议要求进一步提高公开的含金量、参与度、覆盖面。</p>"), **extra,
    )


def make_column(*, name=None, slug=None, department=None, **extra) -> Column:
    n = next(_serial)
    return Column.objects.create(
        name=name or f"专栏{n}", slug=slug or f"column-{n}", department=department or DepartmentFactory(), **extra,
    )


def site_settings(**values) -> SiteSettings:
    row = SiteSettings(pk=1, **values)
    row.save()
    return row


def login(client, user):
    """force_login with the user as stored: tests.factories.official() keeps a password hash in memory
    that it never saves, so the session's hash would not match the database row on the next request."""
    user.refresh_from_db()
    client.force_login(user)
    return user
