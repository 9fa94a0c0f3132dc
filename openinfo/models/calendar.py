from django.db import models


class WorkCalendarDay(models.Model):
    """Exceptions to the Monday–Friday week: statutory holidays and 调休 make-up workdays.

    Seeded from chinese_calendar for 2004–2026; the 公开办 adds each new year by pasting the State Council's
    notice (around November). A year with no rows at all is counted with the statutory holidays only
    (deadlines.statutory_holidays) and every date depending on it is marked 暂定.
    """

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", "法定节假日（不上班）"
        WORKDAY = "workday", "调休上班日"

    date = models.DateField("日期", unique=True)
    kind = models.CharField("类型", max_length=10, choices=Kind.choices)
    name = models.CharField("名称", max_length=40, blank=True, help_text="如“春节”“国庆节、中秋节”")

    class Meta:
        verbose_name = verbose_name_plural = "工作日历（节假日与调休）"
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.get_kind_display()} {self.name}".strip()
