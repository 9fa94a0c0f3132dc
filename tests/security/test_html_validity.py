"""The main public pages are valid HTML, as the Nu HTML checker (vnu-jar from the npm registry) reads them.

The demo data is seeded once for the module (rolled back after it); one page per section, checked in one
run of the checker (one JVM start). Errors only: warnings (e.g. a redundant role) are advice.
"""
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.test import Client

from tests.security.accounts import demo_site
from tests.services import need

VNU_JAR = Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
pytestmark = pytest.mark.django_db

PAGES = [
    "/", "/search/?q=养老", "/policies/", "/policies/guides/", "/policies/qa/", "/themedays/",
    "/themedays/calendar/", "/elder/", "/elder/policies/", "/elder/life/", "/elder/map/", "/openinfo/",
    "/openinfo/apply/", "/openinfo/track/", "/openinfo/letters/", "/openinfo/letters/write/",
    "/openinfo/consultations/", "/openinfo/powers/", "/articles/news/", "/policies/topics/", "/columns/", "/feeds/",
]


DETAILS = ["policies.PolicyDocument", "policies.Interpretation", "policies.PolicyQA", "policies.ServiceGuide",
           "policies.SpecialTopic", "portal.Article", "themedays.Activity", "themedays.ActivityReport",
           "openinfo.Consultation", "themedays.Survey", "elderzone.LifeArticle", "elderzone.ElderNotice",
           "elderzone.ElderService", "elderzone.CareInstitution"]


def _first_detail(model_path: str) -> str:
    """The page of one published row of the model (the demo has them all)."""
    from django.apps import apps

    model = apps.get_model(model_path)
    rows = model.objects.order_by("pk")
    if any(f.name == "status" for f in model._meta.fields) and hasattr(model, "is_public"):
        rows = [row for row in rows[:50] if row.is_public]
    obj = next(iter(rows), None)
    assert obj is not None, f"no public {model_path} in the demo data"
    return obj.get_absolute_url()


@pytest.fixture(scope="module")
def pages(django_db_setup, django_db_blocker, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("vnu")
    with demo_site(django_db_blocker, tmp):
        urls = PAGES + [_first_detail(model) for model in DETAILS]
        client, files = Client(), {}
        for number, url in enumerate(urls):
            response = client.get(url)
            assert response.status_code == 200, url
            path = tmp / f"page{number:02d}.html"
            path.write_bytes(response.content)
            files[str(path)] = url
        yield files


def test_main_pages_have_no_html_errors(pages):
    need(VNU_JAR.exists(), "Nu HTML checker（npm install 安装 vnu-jar）")
    need(shutil.which("java") is not None, "java（Nu HTML checker 需要）")
    run = subprocess.run(["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *pages],
                         capture_output=True, text=True, timeout=300)
    messages = json.loads(run.stderr or "{}").get("messages", [])
    errors = [f"{pages.get(m.get('url', '').removeprefix('file:'), m.get('url'))}: {m.get('message')}"
              f" [{m.get('extract', '').strip()[:80]}]" for m in messages if m.get("type") == "error"]
    assert not errors, f"{len(errors)} HTML errors:\n" + "\n".join(errors[:40])
