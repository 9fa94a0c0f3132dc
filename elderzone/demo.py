"""Demo data of the 长者专区 (called by `manage.py seed_demo`). Idempotent: natural keys + update_or_create."""
import datetime as dt
import html

from django.utils import timezone

from elderzone.demo_articles import ARTICLES
from elderzone.demo_places import DISTRICTS, NOTICES, PLACES
from elderzone.demo_services import SERVICES
from elderzone.models import CareInstitution, District, ElderNotice, ElderService, LifeArticle
from portal.models import Department, PublishStatus

CIVIL_AFFAIRS = {"长沙市": "430100-03"}


def _department(code: str) -> Department:
    found = Department.objects.filter(code=code).first()
    if found is None:  # seed_demo runs portal.demo first; this keeps elderzone.demo usable on its own
        found, _ = Department.objects.get_or_create(code=code, defaults={"name": f"演示机构 {code}"})
    return found


def _published(day: dt.date) -> dict:
    return {"status": PublishStatus.PUBLISHED,
            "published_at": timezone.make_aware(dt.datetime.combine(day, dt.time(9, 0)))}


def seed() -> dict:
    districts = {}
    for order, (city, name, lat, lng) in enumerate(DISTRICTS):
        districts[name], _ = District.objects.update_or_create(
            city=city, name=name,
            defaults={"latitude": lat, "longitude": lng, "sort_order": order, "department": _department(CIVIL_AFFAIRS[city])},
        )
    for district, name, kind, address, phone, beds, hours, services, dlat, dlng in PLACES:
        d = districts[district]
        CareInstitution.objects.update_or_create(name=name, defaults={
            "kind": kind, "district": d, "address": address, "phone": phone, "beds": beds, "hours": hours,
            "services": services, "latitude": round(float(d.latitude) + dlat, 6),
            "longitude": round(float(d.longitude) + dlng, 6), "department": d.department,
            **_published(dt.date(2026, 1, 10)),
        })
    for order, (name, category, code, url, summary, guide, phone) in enumerate(SERVICES):
        ElderService.objects.update_or_create(name=name, defaults={
            "category": category, "department": _department(code), "url": url, "summary": summary,
            "guide": "\n".join(guide), "phone": phone, "sort_order": order * 10,
            **_published(dt.date(2026, 1, 5)),
        })
    health = _department("430000-09")
    for index, (category, title, summary, paragraphs) in enumerate(ARTICLES):
        LifeArticle.objects.update_or_create(title=title, defaults={
            "category": category, "summary": summary, "department": health, "source": "长沙市卫生健康委员会",
            "body": "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs),
            **_published(dt.date(2026, 2, 1) + dt.timedelta(days=index * 3)),
        })
    civil = _department("430100-03")
    for title, day, body in NOTICES:
        ElderNotice.objects.update_or_create(title=title, defaults={
            "body": body, "department": civil, **_published(dt.date.fromisoformat(day)),
        })
    return {"districts": len(districts), "institutions": len(PLACES), "services": len(SERVICES),
            "articles": len(ARTICLES), "notices": len(NOTICES)}
