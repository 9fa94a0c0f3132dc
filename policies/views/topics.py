"""专题 pages and the booklet (政策口袋书) download."""
from __future__ import annotations

import hashlib
from urllib.parse import quote

from django.core.cache import cache
from django.db.models import Count, Max
from django.http import HttpResponse
from django.shortcuts import render

from policies import selectors
from policies.booklet import build_booklet
from policies.models import PolicyInterpreter, SpecialTopic
from portal import page_tags
from portal.selectors import public_or_preview


def topic_list(request):
    topics = list(selectors.topic_list())
    return render(request, "policies/topic_list.html", {"topics": topics, "section": "topics"})


def topic_detail(request, pk: int):
    topic, is_preview = public_or_preview(SpecialTopic.objects.all(), pk, request.user)
    return render(request, "policies/topic_detail.html", {
        "page_tags": page_tags.for_article(request, topic),
        "topic": topic, "is_preview": is_preview, "section": "topics", "contents": selectors.topic_contents(topic),
    })


def _fingerprint(topic, contents) -> str:
    """Changes whenever anything printed in the booklet changes, so a cached PDF is never stale."""
    parts = [f"t{topic.pk}:{topic.updated_at.isoformat()}"]
    for prefix, rows in (("p", contents.policies), ("q", contents.qas), ("g", contents.guides)):
        parts += [f"{prefix}{r.pk}:{r.updated_at.isoformat()}" for r in rows]
    latest = PolicyInterpreter.objects.filter(policy__in=[p.pk for p in contents.policies]).aggregate(m=Max("updated_at"), n=Count("id"))
    parts.append(f"i{latest['n']}:{latest['m']}")
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]


def topic_booklet(request, pk: int):
    topic, _ = public_or_preview(SpecialTopic.objects.all(), pk, request.user)
    contents = selectors.topic_contents(topic)
    key = f"policies:booklet:{topic.pk}:{_fingerprint(topic, contents)}"
    pdf = cache.get(key)
    if pdf is None:
        pdf = build_booklet(topic, contents)
        cache.set(key, pdf, 60 * 60 * 24)
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"{topic.title}-政策口袋书.pdf"
    response["Content-Disposition"] = f"attachment; filename=\"booklet-{topic.pk}.pdf\"; filename*=UTF-8''{quote(filename)}"
    return response
