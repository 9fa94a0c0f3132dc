// After a failed submit, move focus to the summary of what to correct: a screen reader reads it and a
// keyboard user starts from its links (each leads to its field) instead of the top of the page.
(function () {
  var summary = document.querySelector("[data-error-summary]");
  if (summary) { summary.focus(); }
})();
