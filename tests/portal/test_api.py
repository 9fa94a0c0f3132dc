"""The read-only open-data API: filters, pagination, errors, schema, rate limit, no personal data."""
import datetime as dt

import pytest
from django.utils import timezone

from portal.models import PublishStatus
from tests.factories import DepartmentFactory, PolicyFactory
from tests.portal.test_articles_support import fresh_cache  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]


@pytest.fixture
def policies():
    finance = DepartmentFactory(name="湖南省财政厅", code="430000-02")
    return [
        PolicyFactory(title="湖南省财政专项资金管理办法", issuer=finance, topic="财政、金融、审计", doc_type="rule",
                      issued_date=dt.date(2025, 3, 1), keywords="专项资金,绩效"),
        PolicyFactory(title="关于做好高校毕业生就业工作的通知", topic="劳动、人事、监察", doc_type="normative",
                      issued_date=dt.date(2026, 5, 10)),
        PolicyFactory(title="关于废止部分文件的决定", topic="综合政务", validity="repealed", doc_type="other", issued_date=dt.date(2026, 1, 5)),
        PolicyFactory(title="草稿：不得出现在接口中", status=PublishStatus.DRAFT),
    ]


def test_index_lists_the_available_resources(client):
    data = client.get("/api/").json()
    names = {r["name"] for r in data["resources"]}
    assert {"policies", "interpretations", "qa", "service-guides", "activities", "power-items"} <= names
    assert data["schema"].endswith("/api/schema/")


def test_policy_list_filters_match_the_site_facets(client, policies):
    data = client.get("/api/policies/").json()
    assert data["count"] == 3 and [p["title"] for p in data["results"]][0] == "关于做好高校毕业生就业工作的通知"
    assert "草稿：不得出现在接口中" not in str(data)
    first = data["results"][0]
    assert first["url"].startswith("http://testserver/policies/") and "text" not in first

    def titles(query):
        response = client.get(f"/api/policies/?{query}")
        assert response.status_code == 200, response.content
        return [p["title"] for p in response.json()["results"]]

    assert titles("topic=财政、金融、审计") == ["湖南省财政专项资金管理办法"]
    assert titles("doc_type=normative") == ["关于做好高校毕业生就业工作的通知"]
    assert titles("validity=repealed") == ["关于废止部分文件的决定"]
    assert titles("year=2025") == ["湖南省财政专项资金管理办法"]
    assert titles("issuer_code=430000-02") == ["湖南省财政专项资金管理办法"]
    assert titles("issuer=湖南省财政厅") == ["湖南省财政专项资金管理办法"]
    assert titles("q=就业 通知") == ["关于做好高校毕业生就业工作的通知"]
    assert titles("issued_after=2026-01-01&issued_before=2026-02-01") == ["关于废止部分文件的决定"]


def test_pagination_and_detail(client, policies):
    page = client.get("/api/policies/?page_size=2").json()
    assert page["num_pages"] == 2 and len(page["results"]) == 2 and page["previous"] is None
    assert "page=2" in page["next"]
    second = client.get(page["next"]).json()
    assert len(second["results"]) == 1 and second["next"] is None
    assert client.get("/api/policies/?page=9").json()["results"] == []

    detail = client.get(f"/api/policies/{policies[0].pk}/").json()
    assert detail["doc_number"] == policies[0].doc_number and "text" in detail and detail["keywords"] == ["专项资金", "绩效"]
    assert client.get(f"/api/policies/{policies[3].pk}/").status_code == 404


@pytest.mark.parametrize("query", [
    "page=0", "page=abc", "page_size=101", "page_size=-1", "year=20x6", "doc_type=nonsense", "topic=不存在",
    "issued_after=2026-13-01", "year=99999999999999999999",
])
def test_bad_parameters_answer_400_in_chinese(client, policies, query):
    response = client.get(f"/api/policies/?{query}")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert "参数" in response.json()["error"]


@pytest.mark.parametrize("path", ["/api/nothing/", "/api/policies/99999999999999999999999/", "/api/policies/abc/"])
def test_unknown_resources_and_ids_answer_404_json(client, path):
    response = client.get(path)
    assert response.status_code == 404 and "error" in response.json()


def test_activities_never_include_personal_data(client):
    from themedays.models import Activity, Registration

    now = timezone.now()
    activity = Activity.objects.create(
        title="统计开放日", form="open_day", summary="走进统计局。", start_at=now + dt.timedelta(days=2),
        end_at=now + dt.timedelta(days=2, hours=2), place="省统计局", department=DepartmentFactory(),
        status=PublishStatus.PUBLISHED, published_at=now, contact_phone="0731-88888888",
    )
    Registration.objects.create(activity=activity, number="TD0001", name="张三", phone="13800000000",
                                identity="public", status="confirmed")
    body = client.get("/api/activities/").content.decode()
    assert "统计开放日" in body
    for secret in ("张三", "13800000000", "0731-88888888", "TD0001"):
        assert secret not in body
    filtered = client.get("/api/activities/?starts_after=" + (now + dt.timedelta(days=10)).date().isoformat()).json()
    assert filtered["count"] == 0


def test_schema_is_openapi3_and_describes_filters(client):
    schema = client.get("/api/schema/").json()
    assert schema["openapi"].startswith("3.0")
    assert "/api/policies/" in schema["paths"] and "/api/policies/{id}/" in schema["paths"]
    parameters = {p["name"]: p for p in schema["paths"]["/api/policies/"]["get"]["parameters"]}
    assert {"page", "page_size", "topic", "doc_type", "validity", "year", "issuer", "q"} <= set(parameters)
    assert "财政、金融、审计" in parameters["topic"]["schema"]["enum"]
    assert "429" in schema["paths"]["/api/policies/"]["get"]["responses"]
    item = schema["components"]["schemas"]["PoliciesItem"]["properties"]
    assert "title" in item and "text" not in item
    activity = schema["components"]["schemas"]["ActivitiesDetail"]["properties"]
    assert "contact_phone" not in activity and "phone" not in activity


def test_docs_page_is_our_own_html(client):
    html = client.get("/api/docs/").content.decode()
    assert "开放数据接口" in html and 'action="/api/policies/"' in html and "/api/schema/" in html
    assert "cdn" not in html.lower() and "swagger" not in html.lower()


def test_rate_limit_answers_429_in_chinese(client, settings):
    settings.API_RATE_LIMIT = 3
    for _ in range(3):
        assert client.get("/api/policies/").status_code == 200
    response = client.get("/api/policies/")
    assert response.status_code == 429
    assert "请求过于频繁" in response.json()["error"] and int(response["Retry-After"]) > 0
    # another address is not affected
    assert client.get("/api/policies/", REMOTE_ADDR="10.0.0.9").status_code == 200
