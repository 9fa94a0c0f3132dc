/* CAPTCHA helpers of portal.antispam: 放大 (2× image), 换一题 (new challenge without losing what was
   typed) and playing the spoken question in place.
   Without JavaScript the image, the audio link and the text question still work. */
(function () {
  "use strict";
  document.querySelectorAll("[data-captcha]").forEach(function (box) {
    var image = box.querySelector("[data-captcha-image]");
    var zoom = box.querySelector("[data-captcha-zoom]");
    var refresh = box.querySelector("[data-captcha-refresh]");
    zoom.hidden = false;
    refresh.hidden = false;
    zoom.addEventListener("click", function () {
      var on = zoom.getAttribute("aria-pressed") !== "true";
      zoom.setAttribute("aria-pressed", on ? "true" : "false");
      zoom.textContent = on ? "还原大小" : "放大图片";
      image.classList.toggle("captcha-image-large", on);
    });
    // The spoken question plays on the page, so nothing typed is left behind; without JS the link
    // opens the WAV itself.
    var player = null;
    box.addEventListener("click", function (event) {
      var link = event.target.closest("[data-captcha-audio]");
      if (!link) { return; }
      event.preventDefault();
      if (player) { player.pause(); }
      player = new Audio(link.href);
      player.play().catch(function () { window.location.href = link.href; });
    });
    refresh.addEventListener("click", function () {
      fetch(box.getAttribute("data-new-url"), { credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (data) {
          box.querySelector("[data-captcha-token]").value = data.token;
          image.src = data.image;
          var audio = box.querySelector("[data-captcha-audio]");
          if (audio && data.audio) { audio.href = data.audio; }
          var text = box.querySelector("[data-captcha-text]");
          if (text && data.text) { text.textContent = "文字问题：" + data.text; }
          var input = box.querySelector("input[name$='as_answer']");
          input.value = "";
          input.focus();
        });
    });
  });
})();
