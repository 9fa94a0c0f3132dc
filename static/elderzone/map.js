/* 关爱地图: "按离我的位置远近排序" asks for the location only when the button is pressed. */
(function () {
  "use strict";
  var button = document.getElementById("geo-button");
  var hint = document.getElementById("geo-hint");
  var status = document.getElementById("geo-status");
  var form = document.getElementById("map-filters");
  if (!button || !form || !navigator.geolocation) return;
  button.hidden = false; hint.hidden = false;
  button.addEventListener("click", function () {
    status.textContent = "正在获取您的位置…";
    navigator.geolocation.getCurrentPosition(function (pos) {
      var params = new URLSearchParams();
      ["district", "kind"].forEach(function (name) { var v = form.elements[name].value; if (v) params.set(name, v); });
      // Rounded to about 100 m: enough to sort by, less precise than where the person is.
      params.set("lat", pos.coords.latitude.toFixed(3));
      params.set("lng", pos.coords.longitude.toFixed(3));
      window.location.search = params.toString();
    }, function () {
      status.textContent = "没有获取到位置。可以在上面“按离哪里近排序”里选一个区县。";
    }, { timeout: 15000, maximumAge: 600000 });
  });
})();
