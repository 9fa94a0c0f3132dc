from django.db import models


class MonthlyStat(models.Model):
    """Per department per month, refreshed nightly (themedays.tasks.refresh_statistics)."""

    department = models.ForeignKey("portal.Department", verbose_name="单位", on_delete=models.CASCADE,
                                   related_name="themeday_stats")
    year = models.PositiveSmallIntegerField("年度")
    month = models.PositiveSmallIntegerField("月份")
    activities_held = models.PositiveIntegerField("已举办活动", default=0)
    activities_scheduled = models.PositiveIntegerField("计划活动", default=0)
    activities_cancelled = models.PositiveIntegerField("取消活动", default=0)
    reports_published = models.PositiveIntegerField("发布报道", default=0)
    participants = models.PositiveIntegerField("网上报名人数", default=0)
    attendance = models.PositiveIntegerField("参加人数", default=0)
    suggestions_collected = models.PositiveIntegerField("收集意见建议", default=0)
    suggestions_adopted = models.PositiveIntegerField("采纳意见建议", default=0)
    computed_at = models.DateTimeField("统计时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "月度统计"
        ordering = ["year", "month", "department__sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["department", "year", "month"], name="themedays_stat_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.department.display_name} {self.year}年{self.month}月"
