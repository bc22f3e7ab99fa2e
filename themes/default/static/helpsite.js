// helpsite default theme script: small progressive enhancements only.
// Every page works without it.
(function () {
  "use strict";
  // A copy button on code blocks, where the Clipboard API exists.
  function addCopyButtons() {
    if (!navigator.clipboard) return;
    document.querySelectorAll("pre.code").forEach(function (pre) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "copy";
      button.textContent = "Copy";
      button.setAttribute("aria-label", "Copy code to clipboard");
      button.addEventListener("click", function () {
        var code = pre.querySelector("code");
        navigator.clipboard.writeText(code ? code.innerText : "").then(function () {
          button.textContent = "Copied";
          setTimeout(function () { button.textContent = "Copy"; }, 1500);
        }, function () { button.textContent = "Copy failed"; });
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
  function init() { addCopyButtons(); collapseSidebarOnPhones(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
