"""/openinfo/ — the 政府信息公开 column home linking every part of it."""
from django.shortcuts import render
from django.utils import timezone

from openinfo.catalogue_data import article20
from openinfo.models import Consultation, GuidePage, PowerItem
from openinfo.selectors import letters_public


def home(request):
    today = timezone.localdate()
    context = {
        "article20": article20(),
        "guides": GuidePage.objects.public().filter(kind=GuidePage.Kind.GUIDE).select_related("department")[:8],
        "systems": GuidePage.objects.public().filter(kind=GuidePage.Kind.SYSTEM)[:6],
        "report_years": [today.year - 1 - i for i in range(3)],
        "consultations": Consultation.objects.public().filter(ends_on__gte=today).order_by("ends_on")[:5],
        "letters": letters_public()[:5],
        "power_count": PowerItem.objects.public().count(),
    }
    return render(request, "openinfo/home.html", context)
