"""Browser tests: Debian's chromium driven by Playwright (never `playwright install`)."""
import json
import os
from pathlib import Path

import pytest

from tests.services import chromium_path, need

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make are
# still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]
AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    need(path is not None, "chromium（apt-get install chromium）")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    # bypass_csp: axe-core is injected by the test; the site's own CSP forbids foreign scripts.
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    yield page
    context.close()


def axe_violations(page, context: str | None = None) -> list[dict]:
    """Run axe-core (from the npm registry, node_modules/) on the page; return its violations."""
    need(AXE_JS.exists(), "axe-core（npm install）")
    # Evaluated rather than added as a <script>, so the site's CSP cannot block it; once per page.
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}}
    result = page.evaluate(
        "([ctx, opts]) => axe.run(ctx || document, opts)", [context, options]
    )
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"],
         "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


def assert_accessible(page, context: str | None = None) -> None:
    violations = axe_violations(page, context)
    assert violations == [], json.dumps(violations, ensure_ascii=False, indent=1)
