"""Add the holidays and make-up workdays chinese_calendar knows but the table lacks.

Run after upgrading the chinesecalendar package (each year's schedule is published around November);
rows the office entered or edited by hand are never changed.
"""
from django.core.management.base import BaseCommand

from openinfo.deadlines import chinese_calendar_rows
from openinfo.models import WorkCalendarDay
from openinfo.services.calendar import refresh_open_deadlines


class Command(BaseCommand):
    help = "从 chinesecalendar 补充工作日历中缺少的节假日与调休日（不修改已有记录）"

    def handle(self, *args, **options):
        existing = set(WorkCalendarDay.objects.values_list("date", flat=True))
        rows = [WorkCalendarDay(date=d, kind=k, name=n) for d, k, n in chinese_calendar_rows() if d not in existing]
        WorkCalendarDay.objects.bulk_create(rows, batch_size=500)
        years = sorted({r.date.year for r in rows})
        refreshed = refresh_open_deadlines() if rows else 0
        self.stdout.write(f"新增 {len(rows)} 天（{'、'.join(map(str, years)) or '无新年份'}），重新计算 {refreshed} 件办理中申请和来信的期限。")
