// helpsite default theme script: small progressive enhancements only.
// Every page works without it.
(function () {
  "use strict";
  // The page's interface text (i18n/LANG.yaml, `script.code.*`).
  var pageText = window.helpsiteText || {};
  // A theme may still inline it (`script_text` in `helpsite-text`).
  try { pageText = JSON.parse(document.getElementById("helpsite-text").textContent) || pageText; } catch (e) { /* the file's, or English */ }
  function say(key, english) { return pageText["code." + key] || english; }
  // A copy button on code blocks, where the Clipboard API exists.
  function addCopyButtons() {
    if (!navigator.clipboard) return;
    document.querySelectorAll("pre.code").forEach(function (pre) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "copy";
      button.textContent = say("copy", "Copy");
      button.setAttribute("aria-label", say("copy_label", "Copy code to clipboard"));
      button.addEventListener("click", function () {
        var code = pre.querySelector("code");
        navigator.clipboard.writeText(code ? code.innerText : "").then(function () {
          button.textContent = say("copied", "Copied");
          setTimeout(function () { button.textContent = say("copy", "Copy"); }, 1500);
        }, function () { button.textContent = say("copy_failed", "Copy failed"); });
      });
      pre.appendChild(button);
    });
  }
  // On small screens the section menu starts closed so the article comes first.
  function collapseSidebarOnPhones() {
    if (window.matchMedia("(max-width: 56rem)").matches) {
      document.querySelectorAll("details.section-nav").forEach(function (d) { d.open = false; });
    }
  }
  // The table of contents is a column beside the article on wide screens
  // (open) and a closed disclosure above it on narrow ones; the link of the
  // heading being read is marked as the reader scrolls.
  function tableOfContents() {
    var toc = document.querySelector("details[data-toc]");
    if (!toc) return;
    var wide = window.matchMedia("(min-width: 72rem)");
    var fit = function () { toc.open = wide.matches; };
    fit();
    if (wide.addEventListener) wide.addEventListener("change", fit);
    var links = Array.prototype.slice.call(toc.querySelectorAll("a[href^='#']"));
    var targets = links.map(function (a) { return document.getElementById(decodeURIComponent(a.hash.slice(1))); });
    var current = null, pending = false;
    function mark() {
      pending = false;
      var active = null;
      for (var i = 0; i < targets.length; i++) {
        if (targets[i] && targets[i].getBoundingClientRect().top <= 120) active = links[i];
      }
      if (active === current) return;
      if (current) current.removeAttribute("aria-current");
      if (active) active.setAttribute("aria-current", "true");
      current = active;
    }
    window.addEventListener("scroll", function () {
      if (!pending) { pending = true; window.requestAnimationFrame(mark); }
    }, { passive: true });
    mark();
  }
  // The header's menus (topics, languages) close with Escape or a click
  // elsewhere, like a menu.
  function headerMenu() {
    document.querySelectorAll("details[data-nav-menu], details[data-language-menu]").forEach(function (menu) {
      document.addEventListener("keydown", function (e) {
        if (e.key === "Escape" && menu.open) { menu.open = false; menu.querySelector("summary").focus(); }
      });
      document.addEventListener("click", function (e) {
        if (menu.open && !menu.contains(e.target)) menu.open = false;
      });
    });
  }
  // On phones, a table wider than the screen is shown a row at a time, each
  // cell labelled with its column; elsewhere it scrolls in its frame.
  function stackWideTables() {
    var phone = window.matchMedia("(max-width: 40rem)");
    var wraps = document.querySelectorAll(".table-wrap");
    if (!wraps.length) return;
    wraps.forEach(function (wrap) {
      var heads = wrap.querySelectorAll("thead th");
      wrap.querySelectorAll("tbody tr").forEach(function (tr) {
        Array.prototype.forEach.call(tr.children, function (td, i) {
          var label = heads[i] ? heads[i].textContent.trim() : "";
          if (label) td.setAttribute("data-label", label);
        });
      });
    });
    function fit() {
      wraps.forEach(function (wrap) {
        wrap.classList.remove("stacked");
        if (phone.matches && wrap.scrollWidth > wrap.clientWidth + 1) wrap.classList.add("stacked");
      });
    }
    fit();
    var timer = null;
    window.addEventListener("resize", function () { clearTimeout(timer); timer = setTimeout(fit, 150); });
  }
  // A long sidebar scrolls so that the page's own link is in view.
  function revealCurrentInSidebar() {
    var side = document.querySelector(".sidebar");
    var here = side && side.querySelector("[aria-current='page']");
    if (!here || side.scrollHeight <= side.clientHeight) return;
    var offset = here.getBoundingClientRect().top - side.getBoundingClientRect().top;
    if (offset > side.clientHeight * 0.6) side.scrollTop += offset - side.clientHeight / 3;
  }
  // A search result links to its passage (`#heading:~:text=start,end`).
  // Browsers with text fragments scroll to it and mark it; this marks the
  // block it is in, in every browser, and scrolls there where they do not:
  // from the link the result stored when clicked, or the address.
  function landOnPassage() {
    var link = null;
    try { link = sessionStorage.getItem("helpsite-land"); sessionStorage.removeItem("helpsite-land"); } catch (e) { /* the address */ }
    if (!link && location.hash.indexOf(":~:text=") >= 0) link = location.href;
    if (!link) return;
    var u = new URL(link, location.href), at = u.hash.indexOf(":~:text=");
    if (u.pathname !== location.pathname || at < 0) return;
    var norm = function (t) { return t.replace(/\s+/g, " ").trim().toLowerCase(); };
    var want = u.hash.slice(at + 8).split(",").map(function (p) { try { return norm(decodeURIComponent(p)); } catch (e) { return ""; } });
    var from = null;
    try { from = document.getElementById(decodeURIComponent(u.hash.slice(1, at))); } catch (e) { /* the whole page */ }
    var found = null;
    // The first block below the heading with the passage's first and last
    // words, or the innermost one of it that has them (a list item's paragraph).
    document.querySelectorAll("main p, main li, main tr, main dd, main pre, main blockquote").forEach(function (b) {
      if (from && !(from.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING)) return;
      if (found && !found.contains(b)) return;
      var t = norm(b.innerText || b.textContent);
      if (want.every(function (w) { return t.indexOf(w) >= 0; })) found = b;
    });
    if (!found) return;
    document.querySelectorAll(".passage-hit").forEach(function (b) { b.classList.remove("passage-hit"); });
    found.classList.add("passage-hit");
    found.scrollIntoView({ block: "center" });
  }
  function init() { landOnPassage(); addCopyButtons(); collapseSidebarOnPhones(); tableOfContents(); headerMenu(); stackWideTables(); revealCurrentInSidebar(); }
  window.addEventListener("hashchange", landOnPassage);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
