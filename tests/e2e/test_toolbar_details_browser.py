"""Details an elder or a keyboard user notices, measured in a real browser (computed styles, not markup)."""
import pytest

from tests.factories import PolicyFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# WCAG relative luminance contrast of an element's text colour on its background colour.
CONTRAST_JS = """(el) => {
  const rgb = c => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = c => { const [r, g, b] = rgb(c).map(v => { v /= 255; return v <= .03928 ? v / 12.92 : ((v + .055) / 1.055) ** 2.4; });
                     return .2126 * r + .7152 * g + .0722 * b; };
  const s = getComputedStyle(el), a = lum(s.color), b = lum(s.backgroundColor);
  return (Math.max(a, b) + .05) / (Math.min(a, b) + .05);
}"""


@pytest.mark.parametrize("path", ["/elder/policies/", "/elder/life/"])
def test_the_selected_filter_is_readable(page, live_server, path):
    page.goto(live_server.url + path)
    selected = page.locator(".chips a[aria-current]").first
    assert selected.evaluate(CONTRAST_JS) >= 7  # was dark blue on dark blue (1:1)


def test_black_and_yellow_leaves_no_coloured_panel_and_no_invisible_field(page, live_server):
    page.goto(live_server.url + "/")
    page.click(".a11y-toggle")
    page.click('[data-scheme="dark"]')
    panel = page.locator(".home-search")
    assert panel.evaluate("el => getComputedStyle(el).backgroundImage") == "none"  # the red gradient is gone
    field = page.locator(".home-search-form input").first
    style = field.evaluate("el => { const s = getComputedStyle(el); return [s.borderTopWidth, s.borderTopColor]; }")
    assert style == ["2px", "rgb(255, 255, 0)"]


def test_the_chosen_speed_button_gets_the_full_focus_ring(page, live_server):
    policy = PolicyFactory()
    page.goto(live_server.url + policy.get_absolute_url())
    chosen = page.locator('.read-aloud [data-rate][aria-pressed="true"]')
    other = page.locator('.read-aloud [data-rate][aria-pressed="false"]').first
    ring = "el => [getComputedStyle(el).outlineWidth, getComputedStyle(el).outlineStyle]"
    other.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # focus by keyboard, so :focus-visible applies
    expected = other.evaluate(ring)
    chosen.focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.getAttribute('aria-pressed')") == "true"
    assert chosen.evaluate(ring) == expected and expected[0] == "5px"


def test_related_files_take_the_width_of_the_document_above_them(page, live_server):
    first = PolicyFactory(topic="劳动、人事、监察", subtopic="社会保障", title="关于提高城乡居民基础养老金的通知")
    PolicyFactory(topic="劳动、人事、监察", subtopic="社会保障", title="关于调整退休人员基本养老金的通知")
    page.goto(live_server.url + first.get_absolute_url())
    box = "el => { const r = el.getBoundingClientRect(); return [Math.round(r.left), Math.round(r.width)]; }"
    document, related = page.locator("article.policy").evaluate(box), page.locator("section.related").evaluate(box)
    assert related == document  # was a narrower centred box
