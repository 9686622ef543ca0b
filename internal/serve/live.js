// gongkai serve: reloads the page when a newer site is served, and shows
// the errors that kept the last change out of the preview. Put into pages
// by `gongkai serve` only, never by `gongkai build`.
(function () {
  "use strict";
  var tag = document.currentScript;
  var version = Number((tag && tag.dataset.version) || 0);
  var live = (window.__gongkaiLive = { version: version, connected: false, problems: [] });
  var text = { title: "", label: "", close: "" }; // the server's, in the reader's language
  var events = new EventSource("/_gongkai/events");

  events.onopen = function () {
    live.connected = true;
  };
  events.onerror = function () {
    live.connected = false;
  };
  events.onmessage = function (ev) {
    var s = JSON.parse(ev.data);
    live.connected = true;
    if (s.version !== version) {
      events.close();
      location.reload();
      return;
    }
    live.problems = s.problems || [];
    text = s.text || text;
    show(live.problems);
  };
  window.addEventListener("pagehide", function () {
    events.close();
  });

  function show(problems) {
    var box = document.getElementById("gongkai-overlay");
    if (box) {
      box.remove();
    }
    if (!problems.length) {
      return;
    }
    box = document.createElement("section");
    box.id = "gongkai-overlay";
    box.setAttribute("role", "alert");
    box.setAttribute("aria-label", text.label);
    box.style.cssText =
      "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;" +
      "margin:0;padding:1em 1.25em;background:#fff5f5;color:#3b0000;border-top:4px solid #b00020;" +
      "font:15px/1.6 system-ui,sans-serif;box-shadow:0 -4px 16px rgba(0,0,0,.25)";
    var title = document.createElement("h2");
    title.textContent = text.title;
    title.style.cssText = "margin:0 0 .5em;font-size:17px;color:#b00020";
    var list = document.createElement("pre");
    list.textContent = problems.join("\n");
    list.style.cssText = "margin:0;white-space:pre-wrap;word-break:break-all;font:14px/1.6 ui-monospace,monospace";
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = text.close;
    close.style.cssText = "float:right;font:inherit;padding:.2em .8em";
    close.onclick = function () {
      box.remove();
    };
    box.append(close, title, list);
    document.body.appendChild(box);
  }
})();
