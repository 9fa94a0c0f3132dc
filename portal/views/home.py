from django.shortcuts import render

from portal import optional
from portal.views import blocks


def home(request):
    top = blocks.headlines(5)
    context = {
        "hot_words": blocks.hot_words(10),
        "headlines": top,
        "news": blocks.news(8, exclude=top),
        "notices": blocks.notices(8),
        "policies": blocks.latest_policies(6),
        "activities": blocks.upcoming_activities(4),
        "reports": blocks.latest_reports(4),
        "consultations": blocks.open_consultations(4),
        "columns": blocks.home_columns(6),
        "entries": blocks.service_entries(),
        "elder_url": optional.url("elderzone:home"),
        "policies_url": optional.url("policies:list"),
        "themedays_url": optional.url("themedays:index"),
        "consultations_url": optional.first_url("openinfo:consultation_list") or optional.routed("/openinfo/consultations/"),
        "openinfo_url": optional.url("openinfo:home"),
    }
    return render(request, "portal/home.html", context)
