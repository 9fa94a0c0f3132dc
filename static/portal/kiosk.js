/* 政务公开专区 kiosk: back to the start page after the idle time, an on-screen keyboard for search,
   "back" that returns to the previous screen, full screen on the first touch. No dependencies. */
(function () {
  "use strict";
  var body = document.body;
  var home = body.getAttribute("data-home-url") || "/kiosk/";
  var idleSeconds = parseInt(body.getAttribute("data-idle-seconds"), 10) || 120;
  var warnSeconds = Math.min(20, Math.floor(idleSeconds / 4));
  var dialog = document.querySelector(".kiosk-idle");
  var countdown = dialog && dialog.querySelector("[data-countdown]");
  var lastActivity = Date.now();
  var atHome = location.pathname === home && !location.search;

  function activity() {
    lastActivity = Date.now();
    if (dialog && !dialog.hidden) {
      dialog.hidden = true;
    }
  }
  ["pointerdown", "keydown", "touchstart", "wheel", "scroll"].forEach(function (name) {
    window.addEventListener(name, activity, { passive: true, capture: true });
  });

  // The idle limit is announced and can be extended (WCAG 2.2.1): a dialog counts down first.
  setInterval(function () {
    var idle = (Date.now() - lastActivity) / 1000;
    if (atHome) {
      if (idle >= idleSeconds && window.scrollY > 0) { window.scrollTo(0, 0); }
      return;
    }
    if (idle >= idleSeconds) {
      location.href = home;
    } else if (dialog && idle >= idleSeconds - warnSeconds) {
      if (dialog.hidden) {
        dialog.hidden = false;
        var stay = dialog.querySelector("[data-stay]");
        if (stay) { stay.focus(); }
      }
      if (countdown) { countdown.textContent = String(Math.ceil(idleSeconds - idle)); }
    }
  }, 1000);

  if (dialog) {
    dialog.querySelector("[data-stay]").addEventListener("click", activity);
  }

  // "返回" goes to the previous kiosk screen when there is one, else to the link's target.
  var back = document.querySelector(".kiosk-back");
  if (back && document.referrer.indexOf(location.origin + home) === 0 && history.length > 1) {
    back.addEventListener("click", function (event) {
      event.preventDefault();
      history.back();
    });
  }

  // Full screen once someone touches the screen (browsers only allow it after a gesture).
  window.addEventListener("pointerdown", function () {
    var root = document.documentElement;
    if (!document.fullscreenElement && root.requestFullscreen) {
      root.requestFullscreen().catch(function () {});
    }
  }, { once: true });

  // On-screen keyboard: inserts at the caret; the physical keyboard (if any) still works.
  var keyboard = document.querySelector("[data-keyboard]");
  if (keyboard) {
    var input = document.getElementById(keyboard.getAttribute("data-target"));
    keyboard.hidden = false;
    keyboard.addEventListener("click", function (event) {
      var key = event.target.closest("button");
      if (!key || !input) { return; }
      var value = input.value;
      var start = input.selectionStart === null ? value.length : input.selectionStart;
      var end = input.selectionEnd === null ? value.length : input.selectionEnd;
      var insert = key.getAttribute("data-insert");
      var action = key.getAttribute("data-action");
      if (insert !== null) {
        value = value.slice(0, start) + insert + value.slice(end);
        start += insert.length;
      } else if (action === "backspace") {
        if (start === end && start > 0) { start -= 1; }
        value = value.slice(0, start) + value.slice(end);
      } else if (action === "clear") {
        value = "";
        start = 0;
      }
      input.value = value.slice(0, parseInt(input.getAttribute("maxlength"), 10) || 50);
      input.focus();
      input.setSelectionRange(start, start);
    });
  }
})();
