/* Policy admin: select a clause in the 正文预览 and use it as the 依据原文 of a Q&A.
   "用所选原文新建问答" adds a row to the Q&A inline with the quote filled in; each row also gets
   an "引用所选原文" button. The selection is remembered because clicking a button clears it. */
(function () {
  "use strict";
  let remembered = "";

  function preview() { return document.getElementById("policy-body-preview"); }

  function currentSelection() {
    const box = preview();
    const sel = window.getSelection();
    if (!box || !sel || sel.isCollapsed || !sel.rangeCount) return "";
    const range = sel.getRangeAt(0);
    if (!box.contains(range.commonAncestorContainer)) return "";
    return sel.toString().replace(/\s+\n/g, "\n").trim();
  }

  function say(text) {
    const status = document.getElementById("qa-quote-status");
    if (status) status.textContent = text;
  }

  function refreshButtons() {
    const newButton = document.getElementById("qa-quote-new");
    if (newButton) newButton.disabled = !remembered;
    document.querySelectorAll(".qa-quote-use").forEach(function (b) { b.disabled = !remembered; });
  }

  function group() { return document.getElementById("qas-group"); }

  function rows() {
    const g = group();
    if (!g) return [];
    return Array.from(g.querySelectorAll(".inline-related")).filter(function (r) {
      return !r.classList.contains("empty-form") && r.id.indexOf("__prefix__") === -1;
    });
  }

  function fill(row) {
    const area = row.querySelector("textarea[name$='-basis_quote']");
    if (!area || !remembered) return;
    area.value = remembered;
    const question = row.querySelector("input[name$='-question']");
    (question && !question.value ? question : area).focus();
    say("已填入依据原文（" + remembered.length + " 字），请填写问题和答复后保存。");
  }

  function addUseButton(row) {
    const area = row.querySelector("textarea[name$='-basis_quote']");
    if (!area || row.querySelector(".qa-quote-use")) return;
    const p = document.createElement("p");
    p.className = "qa-quote-row";
    const b = document.createElement("button");
    b.type = "button";
    b.className = "button qa-quote-use";
    b.textContent = "引用所选原文";
    b.disabled = !remembered;
    b.addEventListener("click", function () { fill(row); });
    p.appendChild(b);
    area.insertAdjacentElement("afterend", p);
  }

  document.addEventListener("selectionchange", function () {
    const text = currentSelection();
    if (text) {
      remembered = text;
      say("已选中 " + text.length + " 字，可用作依据原文。");
      refreshButtons();
    }
  });

  document.addEventListener("formset:added", function (event) {
    if (event.detail && event.detail.formsetName === "qas") addUseButton(event.target);
  });

  document.addEventListener("DOMContentLoaded", function () {
    rows().forEach(addUseButton);
    const newButton = document.getElementById("qa-quote-new");
    if (!newButton) return;
    newButton.addEventListener("click", function () {
      const g = group();
      const add = g && g.querySelector(".add-row a");
      if (!add || !remembered) return;
      add.click();
      const all = rows();
      if (all.length) fill(all[all.length - 1]);
    });
  });
})();
