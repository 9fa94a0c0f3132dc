"""The public site with the demo data (seed_demo, rolled back after this module), end to end.

1. Every public URL, reached from / and the URL patterns (a few per pattern, so every section is
   covered): no server error, a CSP on every page, nothing the CSP would block, and no applicant's
   or registrant's 证件号, phone, e-mail or address anywhere — pages, feeds, exports.
2. Property-based (hypothesis): hostile and random input into every public form and every query
   parameter. Forms and parameters are discovered from the URL patterns and the pages' links and
   <form>s, so a new public form is fuzzed without touching this file. Well over 1,000 generated
   inputs: never a 500, and nothing typed in comes back as live markup — not on the answer page,
   not on public pages, not in admin.
"""
import random
from collections import defaultdict

import pytest
from django.apps import apps
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client, override_settings
from hypothesis import HealthCheck, given, settings, strategies as st

from portal import antispam
from tests.security.accounts import demo_site
from tests.security.crawl import crawl, public_routes, query_params, same_site_links
from tests.security.crawl import inline_code
from tests.security.fuzz import VALUE, forms_on, raw_markers_in, submission
from tests.security.personal import personal_fields, personal_values

QUERY_EXAMPLES = 650
PAGE_LIMIT = 500
# Marked so that pytest-django creates the test database even when only these tests run; the
# module fixture's data sits in an outer transaction that each test's own savepoint nests in.
pytestmark = pytest.mark.django_db
FORM_EXAMPLES_TOTAL = 450
MUST_HAVE_PARAMS = {
    "/": [], "/search/": ["q", "page", "type"], "/api/search/": ["q", "page", "type"], "/policies/": ["page"],
}
FUZZ = settings(max_examples=10, deadline=None, derandomize=True, database=None,
                suppress_health_check=list(HealthCheck))
CONTENT_APPS = ("openinfo", "themedays", "elderzone", "policies", "portal")


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo data (rolled back after the module) and what its pages offer to type into."""
    with demo_site(django_db_blocker, tmp_path_factory.mktemp("fuzz")):
        values, fields = personal_values(), personal_fields()
        pages = crawl(Client(), ["/", "/sitemap.xml"] + public_routes(), limit=PAGE_LIMIT,
                      variants_per_path=3, per_route=3)
        params, forms = defaultdict(set), {}
        for route, names in MUST_HAVE_PARAMS.items():
            params[route].update(names)
        for page in pages.html():
            for link in same_site_links(page.url.split("?")[0], page.text):
                params[link.split("?")[0]].update(query_params(link))
            for form in forms_on(page.url.split("?")[0], page.text):
                if form.method == "get":
                    params[form.action.split("?")[0]].update(form.fields)
                elif not form.action.startswith("/admin/"):
                    forms.setdefault(form.key, form)
        yield {"params": {path: sorted(names) for path, names in params.items()},
               "forms": list(forms.values()), "crawl": pages, "values": values, "fields": fields,
               "pages": sorted({p.url.split("?")[0] for p in pages.html()})}


def test_the_crawl_covered_the_site(site):
    pages = site["crawl"].pages
    assert len(pages) >= 60, f"only {len(pages)} URLs reached"
    for section in ("/policies/", "/themedays/", "/elder/", "/openinfo/"):
        assert any(url.startswith(section) and url != section for url in pages), f"nothing under {section}"


def test_no_public_url_answers_with_a_server_error(site):
    errors = [f"{p.url} → {p.status} (linked from {p.referrer or 'start'})"
              for p in site["crawl"].pages.values() if p.status >= 500]
    assert not errors, "\n".join(errors)


def test_every_page_has_the_content_security_policy(site):
    missing = [p.url for p in site["crawl"].html() if "Content-Security-Policy" not in p.headers]
    assert not missing, missing


def test_no_inline_script_or_style_that_the_csp_would_block(site):
    problems = {}
    for page in site["crawl"].html():
        found = inline_code(page.text)
        if found:
            problems[page.url] = found[:3]
    assert not problems, "\n".join(f"{url}: {found}" for url, found in sorted(problems.items())[:30])


def test_demo_data_has_applicants_and_registrants_to_protect(site):
    # Without them the next test would prove nothing.
    fields = site["fields"]
    assert "openinfo.InfoRequest" in fields and "id_number" in fields["openinfo.InfoRequest"]
    sources = set(site["values"].values())
    assert any(s.startswith("openinfo.InfoRequest.id_number") for s in sources), sources
    assert any(".phone" in s for s in sources), sources


def test_no_personal_data_on_any_public_url(site):
    leaks = []
    for page in site["crawl"].pages.values():
        for value, source in site["values"].items():
            if value in page.text:
                leaks.append(f"{page.url}: {source} = {value[:3]}…")
    assert not leaks, "\n".join(leaks[:30])


def test_discovery_found_the_public_inputs(site):
    params = site["params"]
    for path in ("/search/", "/api/search/", "/policies/"):
        assert "q" in params.get(path, []) or path == "/policies/", params.get(path)
    facet_params = set(params.get("/policies/", []))
    assert len(facet_params) >= 4, f"/policies/ facets not found: {facet_params}"
    actions = {f.action.split("?")[0] for f in site["forms"]}
    for expected in ("/openinfo/apply/", "/openinfo/letters/write/", "/elder/mailbox/write/"):
        assert expected in actions, f"{expected} not discovered in {sorted(actions)}"


@pytest.mark.django_db
def test_query_parameters_never_cause_a_server_error(site, client):
    call_command("rebuild_index", interactive=False, verbosity=0)  # this test's own index, with the demo data
    targets = sorted((path, tuple(names)) for path, names in site["params"].items())
    assert targets
    failures = []

    @settings(FUZZ, max_examples=QUERY_EXAMPLES)
    @given(target=st.sampled_from(targets), data=st.data())
    def run(target, data):
        path, names = target
        names = list(names) + ["page", "sort", "unknown_param"]
        chosen = data.draw(st.lists(st.sampled_from(names), min_size=1, max_size=3))
        query = {}
        for name in chosen:
            query[name] = data.draw(st.one_of(VALUE, st.lists(VALUE, min_size=2, max_size=3)))
        response = client.get(path, query)
        if response.status_code >= 500:
            failures.append(f"GET {path} {query!r} → {response.status_code}")
        elif response.status_code == 200 and "html" in response.get("Content-Type", ""):
            leaked = raw_markers_in(response.content.decode("utf-8", "ignore"))
            if leaked:
                failures.append(f"GET {path} {query!r} reflects {leaked}")

    run()
    assert not failures, "\n".join(failures[:20])


def _solve_antispam(data: dict) -> None:
    if "as_token" in data:
        token = antispam.new_token()
        data["as_token"] = token
        data["as_answer"] = antispam.answer_for(token)


def _row_counts() -> dict[str, int]:
    return {m._meta.label: m._default_manager.count() for m in apps.get_models()
            if m._meta.app_label in CONTENT_APPS and not m._meta.proxy}


@pytest.mark.django_db
@override_settings(ANTISPAM_MIN_SECONDS=0)
def test_public_forms_never_500_and_never_render_stored_markup(site, client, admin_client):
    forms = site["forms"]
    assert forms, "no public POST form found"
    per_form = max(25, FORM_EXAMPLES_TOTAL // len(forms))
    before = _row_counts()
    failures, submitted = [], defaultdict(int)

    for form in forms:
        @settings(FUZZ, max_examples=per_form)
        @given(data=submission(form))
        def run(data):
            cache.clear()  # rate limits count per address; every example is a new visitor here
            _solve_antispam(data)
            address = f"198.51.{random.randint(0, 255)}.{random.randint(1, 254)}"
            response = client.post(form.action, data, REMOTE_ADDR=address)
            submitted[form.key] += 1
            if response.status_code >= 500:
                failures.append(f"POST {form.action} {data!r} → {response.status_code}")
                return
            if response.status_code in (301, 302) and response["Location"].startswith("/"):
                response = client.get(response["Location"])
                if response.status_code >= 500:
                    failures.append(f"after POST {form.action}: GET {response.request['PATH_INFO']} → 500")
                    return
            leaked = raw_markers_in(response.content.decode("utf-8", "ignore"))
            if leaked:
                failures.append(f"POST {form.action} answer page shows {leaked} unescaped")

        run()
    assert not failures, "\n".join(failures[:20])
    assert sum(submitted.values()) >= FORM_EXAMPLES_TOTAL * 0.9

    # What was stored must be inert wherever it is shown: public pages and the officials' admin.
    grown = [label for label, count in _row_counts().items() if count > before.get(label, 0)]
    print(f"fuzzed {sum(submitted.values())} submissions into {len(forms)} forms; stored rows in: {grown}")
    assert grown, "no fuzzed submission was ever accepted: the stored-markup check would prove nothing"
    shown = {}
    for url in site["pages"]:
        shown[url] = client.get(url)
    for label in grown:
        model = apps.get_model(label)
        base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        shown[base] = admin_client.get(base)
        for pk in model._default_manager.order_by("-pk").values_list("pk", flat=True)[:3]:
            shown[f"{base}{pk}/change/"] = admin_client.get(f"{base}{pk}/change/")
    problems = []
    for url, response in shown.items():
        if response.status_code >= 500:
            problems.append(f"{url} → {response.status_code}")
        elif response.status_code == 200 and not getattr(response, "streaming", False):
            leaked = raw_markers_in(response.content.decode("utf-8", "ignore"))
            if leaked:
                problems.append(f"{url} shows stored {leaked} unescaped")
    assert not problems, "\n".join(problems[:20])
