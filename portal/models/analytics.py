"""Daily page-view aggregates. Requests only touch the cache; a task folds the counters in here.

Nothing about the visitor is kept: no IP, no cookie, no user agent, no query string.
"""
from django.db import models


class PageViewDaily(models.Model):
    day = models.DateField("日期", db_index=True)
    path = models.CharField("页面地址", max_length=255)
    section = models.CharField("栏目", max_length=40, db_index=True)
    title = models.CharField("页面标题", max_length=200, blank=True)
    views = models.PositiveIntegerField("访问量", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "数据分析"
        ordering = ["-day", "-views"]
        constraints = [models.UniqueConstraint(fields=["day", "path"], name="pageview_daily_unique_path")]

    def __str__(self) -> str:
        return f"{self.day} {self.path} {self.views}"
