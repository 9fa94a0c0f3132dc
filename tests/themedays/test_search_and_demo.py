import pytest
from haystack import connections
from haystack.query import SearchQuerySet

from themedays.models import Activity, ActivityReport, Proposal, ProposalStatus, Registration, Response, ThemeDayPlan

from .conftest import make_activity

pytestmark = pytest.mark.django_db


def test_public_activities_and_reports_are_searchable(department, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        public = make_activity(department, title="走进生态环境监测开放日")
        make_activity(department, title="生态环境草稿活动", status="draft")
        ActivityReport.objects.create(activity=public, title="生态环境监测开放日活动报道", body="<p>走航车</p>",
                                      status="published", published_at=public.start_at)
    unified = connections["default"].get_unified_index()
    for model, name, label in ((Activity, "activity", "主题日活动"), (ActivityReport, "themeday_report", "主题日活动报道")):
        index = unified.get_index(model)
        assert (index.type_name, index.type_label) == (name, label)
    titles = {r.title for r in SearchQuerySet().models(Activity, ActivityReport).filter(content="监测")}
    assert titles == {"走进生态环境监测开放日", "生态环境监测开放日活动报道"}


def test_demo_seed_is_complete_and_idempotent(db):
    from portal import demo as portal_demo
    from themedays import demo

    portal_demo.seed()
    first = demo.seed()
    counts = {m: m.objects.count() for m in (Activity, ActivityReport, Proposal, Registration, Response, ThemeDayPlan)}
    assert demo.seed() == first
    assert {m: m.objects.count() for m in counts} == counts
    plan_2023 = ThemeDayPlan.objects.get(year=2023, level="province")
    assert plan_2023.activities.count() == 30
    assert plan_2023.proposals.count() == 44
    assert plan_2023.proposals.filter(status=ProposalStatus.SELECTED).count() == 30
    statuses = set(Proposal.objects.values_list("status", flat=True))
    assert statuses == {"draft", "submitted", "selected", "rejected"}
    assert Activity.objects.public().filter(stage="registering").exists()
    assert all(r.photos.count() == 2 for r in ActivityReport.objects.all())
    assert Response.objects.values("survey").distinct().count() == 2
