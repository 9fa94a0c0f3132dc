/* Shared speech for the elder zone: the browser voice (speechSynthesis) when a Chinese voice exists.
   Used by the 朗读 control (read_aloud.js) and the toolbar's 指读 / 连读 (toolbar.js). */
(function () {
  "use strict";
  if (window.ElderSpeech) return;
  var KEY = "elder-a11y";
  var RATES = { slow: 0.75, normal: 1, fast: 1.3 };
  var synth = window.speechSynthesis || null;

  function prefs() {
    try { return JSON.parse(localStorage.getItem(KEY) || "{}") || {}; } catch (e) { return {}; }
  }
  function savePrefs(patch) {
    var p = prefs();
    Object.keys(patch).forEach(function (k) { p[k] = patch[k]; });
    try { localStorage.setItem(KEY, JSON.stringify(p)); } catch (e) { /* private mode: this page only */ }
    document.dispatchEvent(new CustomEvent("elder-prefs", { detail: p }));
    return p;
  }
  function rateName() { var r = prefs().rate; return RATES[r] ? r : "normal"; }
  function rate() { return RATES[rateName()]; }

  function isChinese(voice) { return /^(zh|cmn|yue)/i.test(voice.lang || "") || /chinese|中文|普通话/i.test(voice.name || ""); }

  /* Resolves to a Chinese voice or null; voices load asynchronously in some browsers. */
  function chineseVoice() {
    return new Promise(function (resolve) {
      if (!synth || typeof SpeechSynthesisUtterance === "undefined") { resolve(null); return; }
      function pick() {
        var voices = synth.getVoices() || [];
        var zh = voices.filter(isChinese);
        zh.sort(function (a, b) { return (/zh-CN|cmn/i.test(b.lang) ? 1 : 0) - (/zh-CN|cmn/i.test(a.lang) ? 1 : 0); });
        return zh[0] || null;
      }
      var found = pick();
      if (found || (synth.getVoices() || []).length) { resolve(found); return; }
      var done = false;
      function finish() { if (!done) { done = true; resolve(pick()); } }
      try { synth.addEventListener("voiceschanged", finish, { once: true }); } catch (e) { /* old API */ }
      setTimeout(finish, 1200);
    });
  }

  /* Chrome stops long utterances after ~15 s, so text is cut at sentence ends into short pieces. */
  function chunks(text) {
    var parts = (text || "").replace(/\s+/g, " ").trim().match(/[^。！？；!?;]+[。！？；!?;]?/g) || [];
    var out = [], buf = "";
    parts.forEach(function (p) {
      if ((buf + p).length > 120 && buf) { out.push(buf); buf = ""; }
      while (p.length > 120) { out.push(p.slice(0, 120)); p = p.slice(120); }
      buf += p;
    });
    if (buf.trim()) out.push(buf);
    return out;
  }

  var session = 0;
  /* Speak items [{text, el}] in order; onItem(el) when an item starts; onDone() at the end. */
  function speakItems(voice, items, onItem, onDone, startAt) {
    var my = ++session;
    synth.cancel();
    var index = startAt || 0;
    function next() {
      if (my !== session) return;
      if (index >= items.length) { if (onDone) onDone(); return; }
      var item = items[index], pieces = chunks(item.text), p = 0;
      if (onItem) onItem(item.el, index);
      function say() {
        if (my !== session) return;
        if (p >= pieces.length) { index += 1; next(); return; }
        var u = new SpeechSynthesisUtterance(pieces[p]);
        u.lang = voice.lang || "zh-CN"; u.rate = rate();
        try { u.voice = voice; } catch (e) { /* lang alone still picks a Chinese voice */ }
        u.onend = function () { p += 1; say(); };
        u.onerror = function (e) { if (e.error !== "interrupted" && e.error !== "canceled") { p += 1; say(); } };
        synth.speak(u);
      }
      say();
    }
    next();
    return {
      index: function () { return index; },
      stop: function () { if (my === session) { session++; synth.cancel(); } }
    };
  }

  /* Without a Chinese browser voice: the site's own speech (espeak-ng, made once per text and cached), the
     same voice article pages play. `url` is the toolbar's data-speech-url; items and callbacks as above. */
  var player = null;
  function serverItems(url, items, onItem, onDone) {
    var my = ++session, index = 0;
    if (synth) synth.cancel();
    function next() {
      if (my !== session) return;
      if (index >= items.length) { if (onDone) onDone(); return; }
      var item = items[index], pieces = chunks(item.text), p = 0;
      if (onItem) onItem(item.el, index);
      function play() {
        if (my !== session) return;
        if (p >= pieces.length) { index += 1; next(); return; }
        player = new Audio(url + "?text=" + encodeURIComponent(pieces[p]));
        player.playbackRate = rate();
        player.onended = function () { p += 1; play(); };
        player.onerror = function () { session++; if (onDone) onDone(false); };
        var started = player.play();
        if (started && started.catch) started.catch(function () { /* stopped, or autoplay refused */ });
      }
      play();
    }
    next();
    return { stop: function () { if (my === session) { session++; if (player) player.pause(); } } };
  }

  function stopAll() {
    session++;
    if (synth) synth.cancel();
    if (player) player.pause();
    document.dispatchEvent(new CustomEvent("elder-speech-stop"));
  }

  window.ElderSpeech = {
    RATES: RATES, prefs: prefs, savePrefs: savePrefs, rate: rate, rateName: rateName,
    chineseVoice: chineseVoice, speakItems: speakItems, serverItems: serverItems, chunks: chunks, stopAll: stopAll,
    pause: function () { if (synth) synth.pause(); },
    resume: function () { if (synth) synth.resume(); }
  };
})();
