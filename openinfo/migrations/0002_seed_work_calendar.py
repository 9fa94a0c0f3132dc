"""Seed the working-day calendar from chinese_calendar (2004–2026); later years are entered in admin."""
from django.db import migrations

NAMES = {
    "New Year's Day": "元旦", "Spring Festival": "春节", "Tomb-sweeping Day": "清明节", "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节", "Mid-autumn Festival": "中秋节", "National Day": "国庆节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}


def seed(apps, schema_editor):
    import chinese_calendar

    Day = apps.get_model("openinfo", "WorkCalendarDay")
    existing = set(Day.objects.values_list("date", flat=True))
    rows = []
    for kind, source in (("holiday", chinese_calendar.holidays), ("workday", chinese_calendar.workdays)):
        for day, name in source.items():
            if day not in existing:
                rows.append(Day(date=day, kind=kind, name=NAMES.get(str(name), str(name))))
    Day.objects.bulk_create(rows, batch_size=500)


def unseed(apps, schema_editor):
    apps.get_model("openinfo", "WorkCalendarDay").objects.filter(date__year__lte=2026).delete()


class Migration(migrations.Migration):
    dependencies = [("openinfo", "0001_letters_calendar")]
    operations = [migrations.RunPython(seed, unseed)]
