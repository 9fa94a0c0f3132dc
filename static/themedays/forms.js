/* After a rejected submission, move focus to the error summary so that keyboard and screen-reader
   users land on what to fix (its links lead to each field). */
(function () {
  "use strict";
  var summary = document.getElementById("form-errors");
  if (summary) { summary.focus(); }
}());
