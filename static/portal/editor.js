/* The 正文 editor (portal/editor.py): every textarea[data-rich-text] becomes a Quill editor whose HTML is
   written back to the textarea when the form is sent. Pictures — chosen with the toolbar or pasted from
   Word as data: URLs — are uploaded through the checked upload path and referred to by their URL. */
(function () {
  "use strict";
  if (!window.Quill) return;
  var TOOLBAR = [[{ header: [2, 3, 4, false] }], ["bold", "italic", "underline"], [{ list: "ordered" }, { list: "bullet" }],
                 ["blockquote", "link", "image"], ["table"], ["clean"]];
  var LABELS = { bold: "加粗", italic: "斜体", underline: "下划线", blockquote: "引用", link: "链接", image: "插入图片",
                 table: "插入表格", clean: "清除格式", list: "列表", header: "标题级别" };

  function csrfToken(form) {
    var input = form && form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function upload(area, blob, name) {
    var data = new FormData();
    data.append("image", blob, name || "image.png");
    return fetch(area.getAttribute("data-upload-url"), {
      method: "POST", body: data, credentials: "same-origin", headers: { "X-CSRFToken": csrfToken(area.form) }
    }).then(function (r) { return r.json().then(function (body) { if (!r.ok) throw new Error(body.error || "上传失败"); return body.url; }); });
  }

  function dataUrlBlob(url) {
    var parts = url.split(","), type = (parts[0].match(/data:([^;]+)/) || [])[1] || "image/png";
    var bytes = atob(parts[1] || ""), buffer = new Uint8Array(bytes.length);
    for (var i = 0; i < bytes.length; i++) buffer[i] = bytes.charCodeAt(i);
    return new Blob([buffer], { type: type });
  }

  function setUp(area) {
    // One box for the toolbar and the editor, so the admin's flex row cannot set them side by side.
    var box = document.createElement("div"), holder = document.createElement("div"), status = document.createElement("p");
    box.className = "rich-text-editor";
    status.className = "rich-text-status"; status.setAttribute("role", "status");
    box.appendChild(holder);
    box.appendChild(status);
    area.parentNode.insertBefore(box, area);
    area.hidden = true;
    var quill = new Quill(holder, { theme: "snow", modules: { toolbar: TOOLBAR, table: true } });
    quill.root.setAttribute("aria-label", (area.labels && area.labels[0] ? area.labels[0].innerText : "正文") + "（编辑器）");
    Object.keys(LABELS).forEach(function (name) {
      Array.prototype.forEach.call(holder.previousSibling.querySelectorAll(".ql-" + name), function (b) {
        b.setAttribute("title", LABELS[name]); b.setAttribute("aria-label", LABELS[name]);
      });
    });
    quill.clipboard.dangerouslyPasteHTML(area.value || "");

    function fail(error) { status.textContent = "图片未能上传：" + error.message; }
    function insertPicture(file) {
      var at = (quill.getSelection(true) || { index: quill.getLength() }).index;
      upload(area, file, file.name).then(function (url) { quill.insertEmbed(at, "image", url, "user"); }, fail);
    }
    quill.getModule("toolbar").addHandler("image", function () {
      var input = document.createElement("input");
      input.type = "file"; input.accept = "image/png,image/jpeg,image/gif,image/webp";
      input.onchange = function () { if (input.files[0]) insertPicture(input.files[0]); };
      input.click();
    });
    quill.getModule("toolbar").addHandler("table", function () { quill.getModule("table").insertTable(3, 3); });
    // Word and WPS paste their pictures inline as data: URLs: each is uploaded and replaced by its URL.
    quill.on("text-change", function (delta, old, source) {
      if (source !== "user") return;
      Array.prototype.forEach.call(quill.root.querySelectorAll('img[src^="data:"]'), function (img) {
        var blot = Quill.find(img), at = blot ? quill.getIndex(blot) : -1;
        if (at < 0) return;
        quill.deleteText(at, 1, "silent");
        upload(area, dataUrlBlob(img.getAttribute("src"))).then(function (url) {
          quill.insertEmbed(at, "image", url, "user");
        }, fail);
      });
    });
    area.form.addEventListener("submit", function () {
      // getSemanticHTML writes every space as &nbsp;, which would stop lines from wrapping between words.
      area.value = quill.getLength() > 1 ? quill.getSemanticHTML().replace(/&nbsp;/g, " ") : "";
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("textarea[data-rich-text]"), setUp);
  });
})();
