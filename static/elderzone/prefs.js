/* Loaded synchronously (not deferred) at the top of <body>: applies the saved 适老化 choices before
   the first paint, so a saved zoom or colour scheme never flashes the default. Keep it tiny. */
(function (h) {
  var p = {};
  try { p = JSON.parse(localStorage.getItem("elder-a11y") || "{}") || {}; } catch (e) { p = {}; }
  h.classList.add("js");
  var z = parseFloat(p.zoom);
  if (z > 1 && z <= 2) h.style.setProperty("--zoom", String(z));
  if (["dark", "light", "eye"].indexOf(p.scheme) >= 0) h.classList.add("a11y-scheme-" + p.scheme);
  ["cursor", "guides", "reading", "captions", "open"].forEach(function (k) { if (p[k] === true) h.classList.add("a11y-" + k); });
})(document.documentElement);
