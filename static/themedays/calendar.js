/* Month grid keyboard support (progressive enhancement; without it every link is still tabbable).
   One day cell is in the tab order; arrows move by day/week, Home/End to the week's ends,
   PageUp/PageDown to the previous/next month. Focus returns to the same day after a month change. */
(function () {
  "use strict";
  var grid = document.querySelector("[data-td-calendar]");
  if (!grid) { return; }
  var cells = Array.prototype.slice.call(grid.querySelectorAll("td[data-date]"));
  if (!cells.length) { return; }
  var wanted = (location.hash.match(/^#day-(\d{4}-\d{2}-\d{2})$/) || [])[1];
  var start = cells.filter(function (c) { return c.dataset.date === wanted; })[0] ||
              grid.querySelector("td.today") || cells.filter(function (c) { return c.dataset.inMonth === "1"; })[0];
  cells.forEach(function (c) { c.tabIndex = c === start ? 0 : -1; });
  if (wanted && start) { start.focus(); }

  function move(from, to) {
    if (!to) { return; }
    from.tabIndex = -1;
    to.tabIndex = 0;
    to.focus();
  }
  grid.addEventListener("keydown", function (event) {
    var cell = event.target;
    if (cell.tagName !== "TD" || !cell.dataset.date) { return; }
    var i = cells.indexOf(cell);
    var target = null;
    switch (event.key) {
      case "ArrowLeft": target = cells[i - 1]; break;
      case "ArrowRight": target = cells[i + 1]; break;
      case "ArrowUp": target = cells[i - 7]; break;
      case "ArrowDown": target = cells[i + 7]; break;
      case "Home": target = cells[i - (i % 7)]; break;
      case "End": target = cells[i - (i % 7) + 6]; break;
      case "PageUp": case "PageDown":
        var link = document.querySelector(event.key === "PageUp" ? "[data-td-prev]" : "[data-td-next]");
        if (link) {
          event.preventDefault();
          var parts = cell.dataset.date.split("-").map(Number);
          var shift = event.key === "PageUp" ? -1 : 1;
          var first = new Date(Date.UTC(parts[0], parts[1] - 1 + shift, 1));
          var last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
          first.setUTCDate(Math.min(parts[2], last));
          location.href = link.href.split("#")[0] + "#day-" + first.toISOString().slice(0, 10);
        }
        return;
      case "Enter":
        var firstLink = cell.querySelector("a");
        if (firstLink) { event.preventDefault(); firstLink.focus(); }
        return;
      default: return;
    }
    event.preventDefault();
    move(cell, target);
  });
  grid.addEventListener("click", function (event) {
    var cell = event.target.closest("td[data-date]");
    if (cell && cell !== document.activeElement && event.target === cell) { move(grid.querySelector("td[tabindex='0']"), cell); }
  });
}());
