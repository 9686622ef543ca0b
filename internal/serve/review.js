// gongkai serve --pending: the review panel. Asks the preview for the panel
// of this page's article and shows it above the text; the form posts to the
// preview, which signs as gongkai sign does, and the page reloads.
(function () {
  "use strict";
  var url = "/_gongkai/review/panel?page=" + encodeURIComponent(location.pathname);
  fetch(url, { credentials: "same-origin" })
    .then(function (r) {
      return r.ok ? r.text() : "";
    })
    .then(function (html) {
      if (!html) {
        return;
      }
      var box = document.createElement("div");
      box.innerHTML = html;
      var panel = box.firstElementChild;
      var main = document.querySelector("main") || document.body;
      main.insertBefore(panel, main.firstChild);
      var page = document.getElementById("gongkai-review-page");
      if (page) {
        page.value = location.pathname;
      }
      window.__gongkaiReview = true;
    });
})();
