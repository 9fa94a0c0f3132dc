/* 适老化工具条: zoom, colour schemes, big cursor, guide lines, reading mode, 大字幕, 朗读/指读/连读, speed, reset.
   Choices live in localStorage ("elder-a11y"); the inline script in _toolbar.html applies them before
   the first paint, this file keeps the buttons and the page in step afterwards. */
(function () {
  "use strict";
  var S = window.ElderSpeech;
  var bar = document.getElementById("a11y-bar");
  if (!S || !bar || bar.__ready) return;
  bar.__ready = true;
  var html = document.documentElement;
  var ZOOMS = [1, 1.1, 1.25, 1.5, 1.75, 2];
  var SCHEMES = ["default", "dark", "light", "eye"];
  var SCHEME_NAMES = { "default": "默认", dark: "黑底黄字", light: "白底黑字", eye: "护眼" };
  var FLAGS = ["cursor", "guides", "reading", "captions", "open"];
  var status = bar.querySelector(".a11y-status");
  var zoomValue = bar.querySelector(".a11y-zoom-value");

  function zoomOf(p) { var z = parseFloat(p.zoom); return z >= 1 && z <= 2 ? z : 1; }

  function apply(p) {
    var z = zoomOf(p);
    if (z === 1) html.style.removeProperty("--zoom"); else html.style.setProperty("--zoom", String(z));
    SCHEMES.forEach(function (s) { html.classList.toggle("a11y-scheme-" + s, s !== "default" && p.scheme === s); });
    FLAGS.forEach(function (k) { html.classList.toggle("a11y-" + k, p[k] === true); });
    zoomValue.textContent = Math.round(z * 100) + "%";
    bar.querySelector(".a11y-toggle").setAttribute("aria-expanded", p.open === true ? "true" : "false");
    Array.prototype.forEach.call(bar.querySelectorAll("[data-action]"), function (b) {
      var a = b.getAttribute("data-action"), on = null;
      if (a === "scheme") on = (p.scheme || "default") === b.getAttribute("data-scheme");
      else if (a === "rate") on = S.rateName() === b.getAttribute("data-rate");
      else if (["cursor", "guides", "reading", "captions", "speech", "pointer"].indexOf(a) >= 0) on = p[a] === true;
      if (on !== null) b.setAttribute("aria-pressed", on ? "true" : "false");
    });
    // aria-disabled, not disabled: a disabled button drops the keyboard focus to <body> the moment the
    // limit is reached; this one keeps it, says it is unavailable, and a press only announces the limit.
    bar.querySelector('[data-action="zoom-in"]').setAttribute("aria-disabled", z >= 2 ? "true" : "false");
    bar.querySelector('[data-action="zoom-out"]').setAttribute("aria-disabled", z <= 1 ? "true" : "false");
  }

  function say(text) { status.textContent = text; if (S.prefs().speech) speakText(text); }

  function set(patch, message) {
    var p = S.savePrefs(patch);
    apply(p);
    if (message) say(message);
    return p;
  }

  function stepZoom(dir) {
    var z = zoomOf(S.prefs()), i = ZOOMS.indexOf(z);
    if ((dir > 0 && z >= 2) || (dir < 0 && z <= 1)) { say(dir > 0 ? "已是最大字号 200%" : "已是原始字号 100%"); return; }
    if (i < 0) i = ZOOMS.reduce(function (best, v, k) { return Math.abs(v - z) < Math.abs(ZOOMS[best] - z) ? k : best; }, 0);
    var next = ZOOMS[Math.max(0, Math.min(ZOOMS.length - 1, i + dir))];
    set({ zoom: next }, "页面缩放 " + Math.round(next * 100) + "%");
  }

  /* --- speech: 指读 and 连读 use the browser voice ---------------------------------------------- */
  var voicePromise = null, warned = false, pointerTimer = null, readingNow = null;
  function voice() { return voicePromise || (voicePromise = S.chineseVoice()); }
  var speechUrl = bar.getAttribute("data-speech-url");
  /* Speak items with the browser's Chinese voice, else with the site's speech (the same server audio the
     article pages' 朗读 plays); only when neither exists does the bar say so. */
  function speak(items, onItem, onDone) {
    return voice().then(function (v) {
      if (v) return S.speakItems(v, items, onItem, onDone);
      if (speechUrl) return S.serverItems(speechUrl, items, onItem, function (ok) {
        if (ok === false && !warned) { warned = true; status.textContent = "语音暂不可用，请稍后再试。"; }
        if (onDone) onDone();
      });
      if (!warned) { warned = true; status.textContent = "语音暂不可用：本机没有中文语音。"; }
      return null;
    });
  }
  function speakText(text, el) {
    if (readingNow) readingNow.classList.remove("a11y-reading-now");
    readingNow = el || null;
    if (el) el.classList.add("a11y-reading-now");
    speak([{ text: text, el: el }], null, function () { if (el) el.classList.remove("a11y-reading-now"); });
  }
  function textOf(el) {
    if (!el || el === document.body || el.closest(".a11y-guide")) return "";
    var label = el.getAttribute("aria-label") || el.getAttribute("alt") || el.getAttribute("title");
    var text = label || (el.innerText || el.textContent || "");
    if (el.tagName === "INPUT" || el.tagName === "SELECT" || el.tagName === "TEXTAREA") {
      var lab = el.labels && el.labels[0] ? el.labels[0].innerText : "";
      text = lab + "。" + (el.value || "");
    }
    return text.replace(/\s+/g, " ").trim().slice(0, 300);
  }
  var READABLE = "a,button,summary,label,input,select,textarea,img,h1,h2,h3,h4,h5,h6,p,li,td,th,dt,dd,figcaption,caption,output,legend";
  function pointRead(el) {
    var p = S.prefs();
    if (!p.speech || !p.pointer || !el || !el.closest) return;
    var target = el.closest(READABLE);
    var text = textOf(target);
    if (text) speakText(text, target);
  }
  document.addEventListener("mouseover", function (e) {
    clearTimeout(pointerTimer);
    pointerTimer = setTimeout(function () { pointRead(e.target); }, 350);
  });
  document.addEventListener("focusin", function (e) { pointRead(e.target); });

  function readWholePage() {
    var main = document.getElementById("main");
    if (!main) return;
    var items = window.ElderReadAloud ? window.ElderReadAloud.items(main) : [{ el: main, text: main.innerText }];
    S.stopAll();
    var current = null;
    speak(items, function (el) {
      if (current) current.classList.remove("ra-current");
      current = el; if (el) { el.classList.add("ra-current"); el.scrollIntoView({ block: "center" }); }
    }, function () { if (current) current.classList.remove("ra-current"); }).then(function (reading) {
      if (reading) status.textContent = "正在连读全文，按 Esc 停止。";
    });
  }

  /* --- 大字幕: the text under the pointer or the keyboard focus, large, in a bar at the bottom ----------
     A visual aid only (aria-hidden): screen-reader users already hear the focused element. */
  var caption = document.createElement("div");
  caption.className = "a11y-caption";
  caption.setAttribute("aria-hidden", "true");
  document.body.appendChild(caption);
  function showCaption(el) {
    if (!html.classList.contains("a11y-captions") || !el || !el.closest || el.closest(".a11y-caption")) return;
    var text = textOf(el.closest(READABLE));
    if (text) caption.textContent = text;
  }
  document.addEventListener("mouseover", function (e) { showCaption(e.target); });
  document.addEventListener("focusin", function (e) { showCaption(e.target); });

  /* --- 十字线 ------------------------------------------------------------------------------------ */
  var guideH = document.createElement("div"), guideV = document.createElement("div");
  guideH.className = "a11y-guide a11y-guide-h"; guideV.className = "a11y-guide a11y-guide-v";
  guideH.setAttribute("aria-hidden", "true"); guideV.setAttribute("aria-hidden", "true");
  document.body.appendChild(guideH); document.body.appendChild(guideV);
  function moveGuides(x, y) { guideH.style.top = (y - 1) + "px"; guideV.style.left = (x - 1) + "px"; }
  document.addEventListener("mousemove", function (e) { if (html.classList.contains("a11y-guides")) moveGuides(e.clientX, e.clientY); });
  document.addEventListener("focusin", function (e) {
    if (!html.classList.contains("a11y-guides") || !e.target.getBoundingClientRect) return;
    var r = e.target.getBoundingClientRect();
    moveGuides(r.left + Math.min(r.width / 2, 40), r.bottom + 2);
  });

  /* --- actions ----------------------------------------------------------------------------------- */
  var ACTIONS = {
    toggle: function () { var open = !S.prefs().open; set({ open: open }); if (open) bar.querySelector('[data-action="zoom-in"]').focus(); },
    "zoom-in": function () { stepZoom(1); },
    "zoom-out": function () { stepZoom(-1); },
    scheme: function (b) { var s = b ? b.getAttribute("data-scheme") : SCHEMES[(SCHEMES.indexOf(S.prefs().scheme || "default") + 1) % SCHEMES.length]; set({ scheme: s }, "配色：" + SCHEME_NAMES[s]); },
    cursor: function () { var on = !S.prefs().cursor; set({ cursor: on }, on ? "已开启大鼠标" : "已关闭大鼠标"); },
    guides: function () { var on = !S.prefs().guides; set({ guides: on }, on ? "已开启十字线" : "已关闭十字线"); },
    reading: function () { var on = !S.prefs().reading; set({ reading: on }, on ? "已进入阅读模式" : "已退出阅读模式"); },
    captions: function () {
      var on = !S.prefs().captions;
      caption.textContent = on ? "大字幕已开启：鼠标指向或键盘选中哪里，这里就放大显示哪里的文字。" : "";
      set({ captions: on }, on ? "已开启大字幕" : "已关闭大字幕");
    },
    speech: function () {
      var on = !S.prefs().speech;
      if (!on) S.stopAll();
      set(on ? { speech: true } : { speech: false, pointer: false }, on ? "已开启朗读" : "已关闭朗读");
    },
    pointer: function () {
      var on = !S.prefs().pointer;
      set(on ? { pointer: true, speech: true } : { pointer: false }, on ? "已开启指读：鼠标指向或键盘选中哪里，就读哪里" : "已关闭指读");
    },
    continuous: function () { readWholePage(); },
    rate: function (b) {
      var names = ["slow", "normal", "fast"], r = b ? b.getAttribute("data-rate") : names[(names.indexOf(S.rateName()) + 1) % 3];
      set({ rate: r }, "语速：" + { slow: "慢", normal: "中", fast: "快" }[r]);
    },
    reset: function () {
      S.stopAll();
      var open = S.prefs().open === true;
      try { localStorage.removeItem("elder-a11y"); } catch (e) { /* nothing saved */ }
      set({ open: open }, "已恢复默认设置");
    }
  };
  bar.addEventListener("click", function (e) {
    var b = e.target.closest("[data-action]");
    if (b && ACTIONS[b.getAttribute("data-action")]) ACTIONS[b.getAttribute("data-action")](b);
  });

  var KEYS = { KeyZ: "toggle", Digit1: "zoom-in", Digit2: "zoom-out", Digit3: "scheme", Digit4: "cursor", Digit5: "guides",
    Digit6: "reading", KeyC: "captions", Digit7: "speech", Digit8: "pointer", Digit9: "continuous", Digit0: "reset",
    Numpad1: "zoom-in", Numpad2: "zoom-out" };
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { S.stopAll(); return; }
    if (!e.altKey || !e.shiftKey || e.ctrlKey || e.metaKey) return;
    var action = KEYS[e.code];
    if (!action) return;
    e.preventDefault();
    ACTIONS[action](null);
  });
  /* Another tab changed the settings: follow them here too. */
  window.addEventListener("storage", function (e) { if (e.key === "elder-a11y" || e.key === null) apply(S.prefs()); });

  apply(S.prefs());
})();
