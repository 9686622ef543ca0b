// 长者模式（适老化）：放大字号、提高对比度。选择保存在 localStorage，
// 页面 <head> 中的内联脚本在首次绘制前应用它。
(function () {
  "use strict";
  var key = "gongkai-elder";
  var root = document.documentElement;
  var button = document.getElementById("elder-toggle");
  if (!button) return;
  function show() {
    var on = root.classList.contains("elder");
    button.setAttribute("aria-pressed", on ? "true" : "false");
    button.textContent = on ? "退出长者模式" : "长者模式";
  }
  button.addEventListener("click", function () {
    var on = root.classList.toggle("elder");
    try { localStorage.setItem(key, on ? "1" : "0"); } catch (e) {}
    show();
  });
  button.hidden = false;
  show();
})();
