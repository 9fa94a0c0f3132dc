"""政策解读 and 问答 pages."""
from __future__ import annotations

from django.shortcuts import render

from policies import selectors
from policies.charts import bar_chart_svg
from policies.models import Interpretation, InterpretationKind, PolicyQA, QACategory
from policies.qa_search import clean_query, qa_search
from portal import page_tags
from portal.pagination import paginate, query_without_page
from portal.params import Params
from portal.selectors import public_or_preview


def interpretation_list(request):
    kind = Params(request.GET).choice("kind", InterpretationKind.values)
    page = paginate(request, selectors.interpretation_list(kind=kind), per_page=12)
    counts = selectors.interpretation_kind_counts()
    kinds = [{"value": value, "label": label, "count": counts.get(value, 0), "selected": value == kind}
             for value, label in InterpretationKind.choices]
    return render(request, "policies/interpretation_list.html", {
        "page": page, "kind": kind, "kind_label": InterpretationKind(kind).label if kind else "",
        "section": "interpretations", "kinds": kinds, "total": sum(counts.values()), "querystring": query_without_page(request),
    })


def interpretation_detail(request, pk: int):
    interpretation, is_preview = public_or_preview(
        Interpretation.objects.select_related("department").prefetch_related("images", "figures"), pk, request.user,
    )
    policies = list(interpretation.policies.public().select_related("issuer"))
    figures = list(interpretation.figures.all())
    chart = ""
    if figures:
        chart = bar_chart_svg(
            title=interpretation.chart_title or interpretation.title, unit=interpretation.chart_unit,
            rows=[(f.label, f.value) for f in figures], uid=f"chart-{interpretation.pk}",
        )
    others = (Interpretation.objects.public().filter(policies__in=[p.pk for p in policies])
              .exclude(pk=interpretation.pk).distinct().order_by("-published_at")[:6])
    return render(request, "policies/interpretation_detail.html", {
        "page_tags": page_tags.for_article(request, interpretation),
        "interpretation": interpretation, "is_preview": is_preview, "policies": policies,
        "section": "interpretations", "figures": figures, "chart": chart, "others": list(others),
    })


def qa_list(request):
    params = Params(request.GET)
    query = clean_query(params.text("q"))
    category = params.choice("category", QACategory.values)
    results = qa_search(query, category=category) if query else selectors.qa_list(category=category)
    page = paginate(request, results, per_page=20)
    counts = selectors.qa_category_counts()
    categories = [{"value": value, "label": label, "count": counts.get(value, 0), "selected": value == category}
                  for value, label in QACategory.choices]
    return render(request, "policies/qa_list.html", {
        "page": page, "query": query, "category": category,
        "category_label": QACategory(category).label if category else "",
        "section": "qa", "categories": categories, "total": sum(counts.values()), "querystring": query_without_page(request),
    })


def qa_detail(request, pk: int):
    qa, is_preview = public_or_preview(PolicyQA.objects.select_related("policy", "department"), pk, request.user)
    policy = qa.policy if qa.policy and qa.policy.is_public else None
    siblings = []
    if policy:
        siblings = list(policy.qas.public().exclude(pk=qa.pk).order_by("sort_order", "id")[:8])
    return render(request, "policies/qa_detail.html", {
        "page_tags": page_tags.for_article(request, qa),
        "qa": qa, "is_preview": is_preview, "section": "qa", "policy": policy, "siblings": siblings,
        "guides": list(qa.guides.public().select_related("department")),
    })


