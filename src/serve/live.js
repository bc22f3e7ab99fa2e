// Injected by `helpsite serve` only (never by `helpsite build`): reloads the page
// when the site is rebuilt, keeping the scroll position, and shows build errors
// over the page until they are fixed.
(function () {
  "use strict";
  var KEY = "helpsite-scroll:" + location.pathname;
  var saved = sessionStorage.getItem(KEY);
  if (saved !== null) {
    sessionStorage.removeItem(KEY);
    window.addEventListener("load", function () { window.scrollTo(0, Number(saved) || 0); });
  }
  function overlay(text) {
    var box = document.getElementById("helpsite-errors");
    if (!text) { if (box) box.remove(); return; }
    if (!box) {
      box = document.createElement("div");
      box.id = "helpsite-errors";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:auto 1rem 1rem 1rem;max-height:60vh;overflow:auto;z-index:99999;" +
        "background:#1b1f24;color:#ffd7d7;border:2px solid #ff6b6b;border-radius:10px;padding:1rem;" +
        "font:13px/1.5 ui-monospace,Menlo,Consolas,monospace;white-space:pre-wrap;box-shadow:0 8px 30px rgba(0,0,0,.4)";
      document.body.appendChild(box);
    }
    box.textContent = "helpsite: the site has errors; showing the last good version.\n\n" + text;
  }
  fetch("/__helpsite/status").then(function (r) { return r.json(); }).then(function (s) { overlay(s.errors); }).catch(function () {});
  var source = new EventSource("/__helpsite/events");
  source.addEventListener("reload", function () {
    sessionStorage.setItem(KEY, String(window.scrollY));
    location.reload();
  });
  source.addEventListener("errors", function (e) { overlay(e.data); });
})();
