/* 打印 buttons: a real button, so keyboard users can print the receipt too. */
document.addEventListener("click", function (e) {
  if (e.target.closest && e.target.closest("[data-print]")) window.print();
});
