"""长者专区 and the 适老化 toolbar in a real browser: axe-core, sizes, zoom, colours, read-aloud, keyboard."""
import datetime as dt

import pytest

from tests.e2e.conftest import assert_accessible
from tests.services import need

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def csp_errors(page):
    """Console messages about blocked scripts/styles: the zone must work under the site's CSP."""
    errors = []
    page.on("console", lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None)
    return errors


# Computed in the page: sizes, line height, contrast and control boxes of what an elder reads and presses.
MEASURE_JS = """
() => {
  const lum = (c) => { const m = c.match(/[\\d.]+/g).map(Number); const [r, g, b] = m.slice(0, 3).map(v => {
      v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const bg = (el) => { for (; el; el = el.parentElement) { const c = getComputedStyle(el).backgroundColor;
      const m = c.match(/[\\d.]+/g); if (m && (m.length < 4 || Number(m[3]) > 0.5)) return c; } return "rgb(255,255,255)"; };
  const shown = (el) => { const r = el.getBoundingClientRect(); const s = getComputedStyle(el);
    return r.width > 2 && r.height > 2 && s.visibility !== "hidden" && !el.closest(".visually-hidden, .skip-link"); };
  const text = [];
  document.querySelectorAll("main p, main li, main dd, main dt, main label, main .title, main .meta, main .hint, main td").forEach(el => {
    if (!shown(el) || !el.textContent.trim() || el.closest(".read-aloud")) return;
    const s = getComputedStyle(el); const fs = parseFloat(s.fontSize);
    const lh = s.lineHeight === "normal" ? fs * 1.2 : parseFloat(s.lineHeight);
    const a = lum(s.color), b = lum(bg(el)); const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    text.push({tag: el.tagName + "." + el.className, text: el.textContent.trim().slice(0, 20), fs, lh: lh / fs, ratio});
  });
  const controls = [];
  document.querySelectorAll("a[href], button, input:not([type=hidden]), select, textarea, summary").forEach(el => {
    if (!shown(el) || el.closest(".prose")) return;
    const box = (el.type === "radio" || el.type === "checkbox") && el.closest("label") ? el.closest("label") : el;
    const r = box.getBoundingClientRect();
    controls.push({what: (el.tagName + " " + (el.textContent || el.name || "").trim()).slice(0, 30), w: r.width, h: r.height});
  });
  const h1 = document.querySelector("main h1");
  return {text, controls, h1: h1 ? parseFloat(getComputedStyle(h1).fontSize) : 0};
}
"""


@pytest.fixture
def zone(settings):
    """The demo zone (services, 懂生活, notices, map) plus an elder policy; audio is made on request."""
    from django.core.cache import cache

    from tests.elderzone.conftest import LOCAL_CACHE

    settings.CACHES = LOCAL_CACHE  # a cache of our own: clearing it never touches CI's Redis
    cache.clear()  # lookup throttles of other tests live in the same process's cache
    settings.ELDERZONE_SPEECH_ON_SAVE = False
    from django.apps import apps

    from elderzone import demo
    from elderzone.models import ElderNotice, ElderService, LifeArticle
    from tests.factories import PolicyFactory

    # Search is not under test here: the ~80 index writes of the seed would take most of the setup.
    signal_processor = apps.get_app_config("haystack").signal_processor
    signal_processor.teardown()
    try:
        demo.seed()
    finally:
        signal_processor.setup()
    policy = PolicyFactory(title="关于提高城乡居民基础养老金的通知", topic="劳动、人事、监察", subtopic="社会保障",
                           body="<p>城乡居民基础养老金每人每月提高 20 元。</p><p>从 2026 年 1 月起执行。</p>",
                           summary="每月多发 20 元。", issued_date=dt.date(2026, 1, 5))
    from portal.models import Article, PublishStatus

    site_notice = Article.objects.create(
        title="全市养老机构消防检查的通告", category="notice", department=policy.department, status=PublishStatus.PUBLISHED,
        body="<p>请各养老机构在 6 月底前完成消防检查。</p>", published_at=dt.datetime(2026, 5, 1, tzinfo=dt.timezone.utc))
    return {
        "site_notice": site_notice,
        "policy": policy,
        "article": LifeArticle.objects.get(title="中风的识别口诀：“中风 120”"),
        "notice": ElderNotice.objects.order_by("pk").first(),
        "service": ElderService.objects.get(name="养老待遇查询"),
    }


def zone_urls(zone):
    return ["/elder/", "/elder/policies/", f"/elder/policies/{zone['policy'].pk}/", "/elder/interpretations/",
            "/elder/services/", f"/elder/services/{zone['service'].pk}/", "/elder/life/",
            zone["article"].get_absolute_url(), "/elder/notices/", zone["notice"].get_absolute_url(),
            f"/elder/notices/site/{zone['site_notice'].pk}/",
            "/elder/map/", "/elder/map/?near=1&kind=canteen", "/elder/mailbox/", "/elder/mailbox/write/",
            "/elder/mailbox/lookup/"]


def test_every_zone_page_passes_axe_and_is_large(page, live_server, zone, csp_errors):
    for path in zone_urls(zone):
        page.goto(live_server.url + path)
        assert_accessible(page)
        assert csp_errors == [], path
        measured = page.evaluate(MEASURE_JS)
        assert measured["text"], path
        small = [t for t in measured["text"] if t["fs"] < 24 or t["lh"] < 1.5]
        assert small == [], f"{path}: text under 24px or line height under 1.5: {small[:5]}"
        dim = [t for t in measured["text"] if t["ratio"] < 7]
        assert dim == [], f"{path}: body text contrast under 7:1: {dim[:5]}"
        assert measured["h1"] > 24, path
        tiny = [c for c in measured["controls"] if c["w"] < 59.5 or c["h"] < 59.5]
        assert tiny == [], f"{path}: controls under 60×60px: {tiny[:5]}"


def test_zoom_to_2x_without_horizontal_scroll_and_high_contrast_persists(page, live_server, zone):
    page.goto(live_server.url + "/elder/")
    page.click(".a11y-toggle")
    assert page.get_attribute(".a11y-toggle", "aria-expanded") == "true"
    assert_accessible(page, "#a11y-bar")
    page.focus('[data-action="zoom-in"]')
    for _ in range(6):  # one press past 200 %
        page.keyboard.press("Enter")
    assert page.inner_text(".a11y-zoom-value") == "200%"
    assert page.get_attribute('[data-action="zoom-in"]', "aria-disabled") == "true"
    # The keyboard user is still on the button (a disabled button dropped the focus to <body>).
    assert page.evaluate("document.activeElement.dataset.action") == "zoom-in"
    assert page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") == 48  # 24px × 2
    for path in zone_urls(zone):
        page.goto(live_server.url + path)
        widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert widths[0] <= widths[1], f"{path} scrolls sideways at 2×: {widths}"

    page.click('[data-scheme="dark"]')
    colours = "[getComputedStyle(document.body).backgroundColor, getComputedStyle(document.querySelector('main p')).color]"
    assert page.evaluate(colours) == ["rgb(0, 0, 0)", "rgb(255, 255, 0)"]
    assert page.get_attribute('[data-scheme="dark"]', "aria-pressed") == "true"
    assert_accessible(page)
    # Another page, then a fresh visit: still black on yellow, applied before the deferred scripts run.
    page.goto(live_server.url + f"/elder/policies/{zone['policy'].pk}/", wait_until="commit")
    page.wait_for_selector("main p", state="attached")
    assert page.evaluate("document.documentElement.classList.contains('a11y-scheme-dark')")
    page.goto(live_server.url + "/")
    assert page.evaluate(colours)[0] == "rgb(0, 0, 0)"
    assert page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--zoom').trim()") == "2"

    page.keyboard.press("Alt+Shift+0")  # 重置
    assert page.evaluate(colours)[0] != "rgb(0, 0, 0)"
    assert page.inner_text(".a11y-zoom-value") == "100%"
    page.keyboard.press("Alt+Shift+1")
    assert page.inner_text(".a11y-zoom-value") == "110%"
    page.keyboard.press("Alt+Shift+6")
    assert page.evaluate("document.documentElement.classList.contains('a11y-reading')")
    assert not page.is_visible(".site-footer")
    page.keyboard.press("Alt+Shift+5")  # 十字线 follows the pointer
    page.mouse.move(400, 300)
    assert page.evaluate("getComputedStyle(document.querySelector('.a11y-guide-h')).top") == "299px"
    page.keyboard.press("Alt+Shift+4")  # 大鼠标
    assert "cursor-arrow.svg" in page.evaluate("getComputedStyle(document.querySelector('main')).cursor")


STUB_NO_VOICES = """
if (window.speechSynthesis) {
  Object.defineProperty(window.speechSynthesis, "getVoices", { value: () => [] });
}
"""

STUB_ZH_VOICE = """
window.__spoken = [];
const fake = { name: "测试中文语音", lang: "zh-CN", localService: true, default: true, voiceURI: "zh" };
Object.defineProperty(window.speechSynthesis, "getVoices", { value: () => [fake] });
Object.defineProperty(window.speechSynthesis, "speak", { value: (u) => {
  window.__spoken.push({text: u.text, current: (document.querySelector(".ra-current") || {}).textContent || ""});
  setTimeout(() => u.onend && u.onend(new Event("end")), 30);
}});
Object.defineProperty(window.speechSynthesis, "cancel", { value: () => {} });
"""


def test_read_aloud_uses_the_browser_voice_and_highlights_each_paragraph(page, live_server, zone):
    page.add_init_script(STUB_ZH_VOICE)
    page.goto(live_server.url + zone["article"].get_absolute_url())
    page.click(".ra-play")
    page.wait_for_selector('.read-aloud[data-state="idle"]')
    spoken = page.evaluate("window.__spoken")
    paragraphs = page.eval_on_selector_all(".prose p", "ps => ps.map(p => p.textContent)")
    assert [s["text"] for s in spoken][-len(paragraphs):] == paragraphs
    assert all(s["text"].strip() in s["current"] for s in spoken)  # the paragraph being read is highlighted
    assert page.inner_text(".ra-status") == "朗读完毕"

    # 指读: with the shortcut on, whatever the keyboard focus lands on is read out.
    page.keyboard.press("Alt+Shift+8")
    assert page.get_attribute('[data-action="pointer"]', "aria-pressed") == "true"
    page.focus('.zone-nav a[href="/elder/"]')
    page.wait_for_function("() => window.__spoken.some(s => s.text.includes('专区首页'))")


def test_read_aloud_falls_back_to_server_audio_when_no_voice(page, live_server, zone):
    from elderzone.speech import engine

    need(engine.available(), "espeak-ng（apt-get install espeak-ng）")
    page.add_init_script(STUB_NO_VOICES)
    page.goto(live_server.url + zone["article"].get_absolute_url())
    page.click('.read-aloud [data-rate="fast"]')
    page.click(".ra-play")
    page.wait_for_selector('.read-aloud[data-state="playing"][data-mode="audio"]', timeout=30000)
    page.wait_for_function("() => { const a = document.querySelector('.read-aloud audio'); return a && a.readyState >= 2; }")
    audio = page.evaluate("(() => { const a = document.querySelector('.read-aloud audio'); return {paused: a.paused, rate: a.playbackRate, duration: a.duration}; })()")
    assert audio["paused"] is False and audio["rate"] == 1.3 and audio["duration"] > 1
    page.click(".ra-pause")
    assert page.evaluate("document.querySelector('.read-aloud audio').paused") is True
    assert page.inner_text(".ra-pause") == "继续"
    page.click(".ra-play")  # 停止朗读
    assert page.get_attribute(".read-aloud", "data-state") == "idle"


def test_no_voice_and_no_server_audio_says_unavailable(page, live_server, zone, monkeypatch):
    from elderzone.speech import engine

    monkeypatch.setattr(engine, "espeak_path", lambda: None)
    page.add_init_script(STUB_NO_VOICES)
    page.goto(live_server.url + zone["article"].get_absolute_url())
    assert page.get_attribute(".read-aloud", "data-audio-url") is None
    page.click(".ra-play")
    page.wait_for_function("() => document.querySelector('.ra-status').textContent.includes('语音暂不可用')")
    assert page.get_attribute(".read-aloud", "data-state") == "idle"
    assert page.is_enabled(".ra-play")


def tab_to(page, selector: str, limit: int = 120) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
            assert outline not in ("none", ""), "focus must be visible"
            return
    raise AssertionError(f"{selector} not reachable with Tab")


def captcha_answer(page) -> str:
    """What a person reads off the CAPTCHA (or hears from its audio) on the page."""
    from portal import antispam

    return antispam.answer_for(page.locator("[data-captcha-token]").input_value())


def test_keyboard_only_reads_aloud_and_writes_a_letter(page, live_server, zone, settings):
    settings.ANTISPAM_MIN_SECONDS = 0
    from elderzone import mailbox
    from elderzone.speech import engine

    page.add_init_script(STUB_ZH_VOICE)
    page.goto(live_server.url + zone["article"].get_absolute_url())
    tab_to(page, ".ra-play")
    page.keyboard.press("Enter")
    page.wait_for_function("() => window.__spoken.length > 0")
    assert engine is not None

    if mailbox.letters_api() is None:
        pytest.skip("openinfo 尚未提供 letter_submit / letter_lookup：信箱的键盘测试跳过")
    page.goto(live_server.url + "/elder/mailbox/")
    tab_to(page, 'a[href="/elder/mailbox/write/"]')
    page.keyboard.press("Enter")
    page.wait_for_url("**/mailbox/write/")
    tab_to(page, 'input[name="kind"]')
    page.keyboard.press("Space")
    tab_to(page, 'select[name="department"]')
    page.keyboard.press("ArrowDown")
    for name, value in (("subject", "想问高龄津贴"), ("content", "我今年八十一岁，想问高龄津贴怎么领。"),
                        ("name", "李大爷"), ("phone", "13900001111"), ("as_answer", captcha_answer(page))):
        tab_to(page, f'[name="{name}"]')
        page.keyboard.type(value)
    tab_to(page, 'button[type="submit"]')
    page.keyboard.press("Enter")
    page.wait_for_url("**/mailbox/sent/")
    number = page.inner_text("#tracking-number")
    code = page.inner_text("#query-code")
    assert number and code
    assert page.evaluate("parseFloat(getComputedStyle(document.querySelector('#tracking-number')).fontSize)") >= 40
    assert_accessible(page)
    tab_to(page, "[data-print]")

    page.goto(live_server.url + "/elder/mailbox/lookup/")
    tab_to(page, '[name="tracking_number"]')
    page.keyboard.type(number)
    tab_to(page, '[name="query_code"]')
    page.keyboard.type(code)
    tab_to(page, '[name="as_answer"]')
    page.keyboard.type(captcha_answer(page))
    page.keyboard.press("Enter")
    page.wait_for_selector("#letter-title")
    assert "想问高龄津贴" in page.inner_text("main")
    assert_accessible(page)


@pytest.mark.parametrize("width", [375, 1280])
def test_map_numbers_are_at_least_24px_and_do_not_overlap(page, live_server, zone, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + "/elder/map/")
    boxes = page.eval_on_selector_all(".map-marker", "gs => gs.map(g => { const t = g.querySelector('text')"
                                      ".getBoundingClientRect(), c = g.querySelector('circle').getBoundingClientRect();"
                                      " return {h: t.height, x: c.x, y: c.y, w: c.width}; })")
    assert len(boxes) >= 10
    small = [b for b in boxes if b["h"] < 24]
    assert small == [], f"numbers under 24px at {width}px: {small[:3]}"
    overlapping = [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:]
                   if ((a["x"] - b["x"]) ** 2 + (a["y"] - b["y"]) ** 2) ** 0.5 < a["w"] - 1]  # circles meet
    assert overlapping == [], overlapping[:3]
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1]  # the map slides inside its box; the page does not


def test_without_a_browser_voice_the_toolbar_reads_with_the_server_speech(page, live_server, zone):
    from tests.elderzone.test_speech import need_espeak

    need_espeak()
    page.add_init_script(STUB_NO_VOICES)
    page.goto(live_server.url + zone["article"].get_absolute_url())
    page.click(".a11y-toggle")
    page.click('[data-action="speech"]')
    page.click('[data-action="pointer"]')
    with page.expect_response(lambda r: "/elder/speech/?text=" in r.url, timeout=15000) as spoken:
        page.locator("main h1").first.hover()  # 指读: what is under the pointer, after 350 ms
    assert spoken.value.status == 200 and spoken.value.headers["content-type"].startswith("audio/")
    assert page.locator(".a11y-reading-now").count() == 1
    assert "语音暂不可用" not in page.inner_text(".a11y-status")
