"""大字幕 in the 适老化 toolbar, in a real browser: large text of what the pointer or keyboard is on."""
import pytest

from tests.e2e.conftest import assert_accessible
from tests.factories import PolicyFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CAPTION = ".a11y-caption"


def test_captions_show_hovered_and_focused_text_large_and_persist(page, live_server):
    policy = PolicyFactory(title="关于调整城乡居民基础养老金标准的通知")
    page.goto(live_server.url + policy.get_absolute_url())
    assert not page.is_visible(CAPTION)

    page.click(".a11y-toggle")
    page.click('[data-action="captions"]')
    assert page.get_attribute('[data-action="captions"]', "aria-pressed") == "true"
    assert page.is_visible(CAPTION)
    assert page.evaluate(f"parseFloat(getComputedStyle(document.querySelector('{CAPTION}')).fontSize)") >= 36

    page.hover("main h1")
    assert page.inner_text(CAPTION) == "关于调整城乡居民基础养老金标准的通知"
    page.focus('[data-action="zoom-in"]')  # keyboard users get it too
    assert page.inner_text(CAPTION) == "放大"
    assert_accessible(page)

    # The bar never covers the end of the page: the page can scroll its last line above the bar.
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    covered = page.evaluate("""() => {
        const footer = document.querySelector('.site-footer') || document.querySelector('main');
        return footer.getBoundingClientRect().bottom > document.querySelector('.a11y-caption').getBoundingClientRect().top + 1;
    }""")
    assert not covered

    page.goto(live_server.url + "/elder/")  # kept across pages
    assert page.is_visible(CAPTION)
    page.keyboard.press("Alt+Shift+C")
    assert not page.is_visible(CAPTION)
    assert page.get_attribute('[data-action="captions"]', "aria-pressed") == "false"
