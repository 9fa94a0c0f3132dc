/* The 朗读 control: browser voice with paragraph highlight when a Chinese voice exists, else the
   server's espeak-ng audio (/elder/audio/…), else a plain "语音暂不可用" — never a dead button. */
(function () {
  "use strict";
  var S = window.ElderSpeech;
  if (!S || window.ElderReadAloud) return;
  var BLOCKS = "h1,h2,h3,h4,h5,h6,p,li,blockquote,dt,dd,th,td,caption,figcaption,pre";
  var POLL_MS = 3000, POLL_TRIES = 40;

  function visible(el) { return !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length); }

  /* The readable blocks of the target, innermost only, skipping our own controls. */
  function items(target) {
    var found = Array.prototype.filter.call(target.querySelectorAll(BLOCKS), function (el) {
      return visible(el) && !el.closest(".read-aloud, .a11y-bar, [aria-hidden='true']") && !el.querySelector(BLOCKS) && el.textContent.trim();
    }).map(function (el) { return { el: el, text: el.textContent }; });
    if (!found.length && target.textContent.trim()) found = [{ el: target, text: target.innerText || target.textContent }];
    return found;
  }

  function Control(root) {
    this.root = root;
    this.play = root.querySelector(".ra-play");
    this.label = root.querySelector(".ra-play-label");
    this.pauseBtn = root.querySelector(".ra-pause");
    this.status = root.querySelector(".ra-status");
    this.audioUrl = root.getAttribute("data-audio-url") || "";
    this.state = "idle";
    this.mode = "";
    this.speaker = null; this.voice = null; this.list = []; this.audio = null; this.current = null;
    var self = this;
    this.play.addEventListener("click", function () { if (self.state === "idle") self.start(); else self.stop(""); });
    this.pauseBtn.addEventListener("click", function () { self.togglePause(); });
    Array.prototype.forEach.call(root.querySelectorAll("[data-rate]"), function (b) {
      b.addEventListener("click", function () { S.savePrefs({ rate: b.getAttribute("data-rate") }); });
    });
    document.addEventListener("elder-prefs", function () { self.syncRate(); });
    document.addEventListener("elder-speech-stop", function () { if (!self.starting) self.stop(""); });
    this.syncRate();
  }

  Control.prototype.say = function (text) { this.status.textContent = text; };
  Control.prototype.setState = function (state) {
    this.state = state;
    this.root.setAttribute("data-state", state);
    this.root.setAttribute("data-mode", this.mode);
    var active = state !== "idle";
    this.play.setAttribute("aria-pressed", active ? "true" : "false");
    this.label.textContent = active ? "停止朗读" : "朗读";
    this.pauseBtn.hidden = !(state === "playing" || state === "paused");
    this.pauseBtn.textContent = state === "paused" ? "继续" : "暂停";
  };
  Control.prototype.highlight = function (el) {
    if (this.current) this.current.classList.remove("ra-current");
    this.current = el;
    if (el) {
      el.classList.add("ra-current");
      var r = el.getBoundingClientRect();
      if (r.top < 0 || r.bottom > window.innerHeight) el.scrollIntoView({ block: "center", behavior: "smooth" });
    }
  };
  Control.prototype.syncRate = function () {
    var name = S.rateName();
    Array.prototype.forEach.call(this.root.querySelectorAll("[data-rate]"), function (b) {
      b.setAttribute("aria-pressed", b.getAttribute("data-rate") === name ? "true" : "false");
    });
    if (this.audio) this.audio.playbackRate = S.rate();
    if (this.mode === "browser" && this.state === "playing" && this.speaker) this.speakFrom(this.speaker.index());
  };

  Control.prototype.start = function () {
    var self = this;
    this.starting = true; S.stopAll(); this.starting = false;
    var target = document.querySelector(this.root.getAttribute("data-target") || "#main") || document.getElementById("main");
    this.list = target ? items(target) : [];
    if (!this.list.length) { this.say("本页没有可以朗读的文字"); return; }
    this.mode = ""; this.setState("preparing"); this.say("正在准备朗读…");
    S.chineseVoice().then(function (voice) {
      if (self.state !== "preparing") return;
      if (voice) { self.voice = voice; self.mode = "browser"; self.speakFrom(0); return; }
      if (self.audioUrl) { self.mode = "audio"; self.fetchAudio(0); return; }
      self.mode = ""; self.setState("idle"); self.say("语音暂不可用：本机没有中文语音。");
    });
  };

  Control.prototype.speakFrom = function (index) {
    var self = this;
    if (this.speaker) this.speaker.stop();
    this.setState("playing"); this.say("正在朗读");
    this.speaker = S.speakItems(this.voice, this.list, function (el) { self.highlight(el); },
      function () { self.stop("朗读完毕"); }, index);
  };

  /* Ask whether the audio is ready (it may be made on first request), then stream it from this site. */
  Control.prototype.fetchAudio = function (attempt) {
    var self = this;
    if (this.state !== "preparing") return;
    var sep = this.audioUrl.indexOf("?") >= 0 ? "&" : "?";
    fetch(this.audioUrl + sep + "check=1", { credentials: "same-origin" }).then(function (res) {
      if (self.state !== "preparing") return;
      if (res.status === 202 && attempt < POLL_TRIES) {
        self.say("正在准备语音，请稍候…");
        setTimeout(function () { self.fetchAudio(attempt + 1); }, POLL_MS);
        return;
      }
      if (!res.ok) throw new Error("unavailable");
      self.playUrl(self.audioUrl);
    }).catch(function () {
      if (self.state === "preparing") { self.setState("idle"); self.say("语音暂不可用，请稍后再试。"); }
    });
  };

  Control.prototype.playUrl = function (url) {
    var self = this;
    if (this.state !== "preparing") return;
    if (!this.audio) {
      this.audio = document.createElement("audio");
      this.audio.preload = "auto";
      this.audio.hidden = true;
      this.root.appendChild(this.audio);
      this.audio.addEventListener("ended", function () { self.stop("朗读完毕"); });
      this.audio.addEventListener("error", function () {
        if (self.state !== "idle") { self.setState("idle"); self.say("语音暂不可用，请稍后再试。"); }
      });
    }
    if (this.audio.getAttribute("src") !== url) this.audio.src = url; else this.audio.currentTime = 0;
    this.audio.playbackRate = S.rate();
    this.audio.defaultPlaybackRate = S.rate();
    this.setState("playing"); this.say("正在朗读（服务器语音）");
    var played = this.audio.play();
    if (played && played.catch) played.catch(function () {
      if (self.state === "playing") { self.setState("idle"); self.say("语音暂不可用，请再按一次“朗读”。"); }
    });
  };

  Control.prototype.togglePause = function () {
    if (this.state === "playing") {
      if (this.mode === "audio" && this.audio) this.audio.pause(); else S.pause();
      this.setState("paused"); this.say("已暂停");
    } else if (this.state === "paused") {
      if (this.mode === "audio" && this.audio) this.audio.play(); else S.resume();
      this.setState("playing"); this.say("继续朗读");
    }
  };

  Control.prototype.stop = function (message) {
    if (this.state === "idle") return;
    if (this.speaker) { this.speaker.stop(); this.speaker = null; }
    if (this.audio) { this.audio.pause(); }
    this.highlight(null);
    this.setState("idle");
    this.say(message);
  };

  var controls = [];
  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".read-aloud"), function (root) {
      if (!root.__readAloud) { root.__readAloud = new Control(root); controls.push(root.__readAloud); }
    });
  }
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") controls.forEach(function (c) { c.stop("已停止"); }); });
  window.ElderReadAloud = { init: init, items: items, controls: controls };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
