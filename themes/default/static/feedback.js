// Feedback and search events (only with `feedback:` in helpsite.yaml): one
// JSON object per event, sent with sendBeacon as text/plain (no preflight)
// and/or to the site's analytics. No cookies, no identifiers; localStorage
// only remembers which articles this browser voted on.
(function (w, d) {
  "use strict";
  var s = d.getElementById("helpsite-feedback");
  if (!s) return;
  var url = s.getAttribute("data-endpoint"), an = s.getAttribute("data-analytics"), lang = d.documentElement.lang;
  function send(e) {
    var body = JSON.stringify(e), vote = e.type == "vote", p = {}, k;
    if (url) {
      var ok = false;
      try { ok = navigator.sendBeacon(url, new Blob([body], { type: "text/plain;charset=UTF-8" })); } catch (x) { /* fetch below */ }
      if (!ok) fetch(url, { method: "POST", body: body, keepalive: true }).catch(function () {});
    }
    for (k in e) if (e[k] !== null && k != "type") p[k] = e[k];
    if (an == "plausible" && w.plausible) w.plausible(vote ? "Article feedback" : "Search", { props: p });
    if (an == "gtag" && w.gtag) w.gtag("event", vote ? "article_feedback" : "search", p);
    if (an == "matomo" && w._paq) w._paq.push(vote ? ["trackEvent", "Article feedback", e.vote, e.path] : ["trackSiteSearch", e.query, false, e.results]);
  }
  // The page's interface text (i18n/LANG.yaml, `script.feedback.*`).
  function say(key, english) {
    var text = w.helpsiteText || {};
    // A theme may still inline it (`script_text` in `helpsite-text`).
    try { text = JSON.parse(d.getElementById("helpsite-text").textContent) || text; } catch (x) { /* the file's, or English */ }
    return text["feedback." + key] || english;
  }
  function widget(box) {
    var path = box.getAttribute("data-path"), key = "helpsite-feedback:" + path;
    var q = function (x) { return box.querySelector(x); }, votes = q(".feedback-votes"), why = q(".feedback-why");
    function done(text) { votes.hidden = why.hidden = true; q(".feedback-thanks").textContent = text; }
    function vote(v, reason, comment) {
      send({ type: "vote", path: path, language: lang, vote: v, reason: reason || null, comment: comment || null, updated: box.getAttribute("data-updated"), query: from });
      try { localStorage.setItem(key, v); } catch (x) { /* asked again */ }
      done(say("thanks", "Thank you for your feedback."));
    }
    box.hidden = false;
    try { if (localStorage.getItem(key)) return done(say("already", "Thank you: you already told us about this article.")); } catch (x) { /* ask */ }
    q("[data-vote=yes]").onclick = function () { vote("yes"); };
    q("[data-vote=no]").onclick = function () { votes.hidden = true; why.hidden = false; why.querySelector("input,textarea").focus(); };
    why.onsubmit = function (ev) {
      ev.preventDefault();
      var r = why.querySelector(":checked");
      vote("no", r && r.value, why.querySelector("textarea").value.trim().slice(0, 1000));
    };
  }
  // The search whose result brought the reader to this page, so that a vote
  // tells what was asked (`helpsite insights` proposes search tests from it).
  var from = null, FROM = "helpsite-from-search";
  try { from = sessionStorage.getItem(FROM); sessionStorage.removeItem(FROM); } catch (x) { /* not told */ }
  // A search counts once settled (clicked, replaced after 2 s, or left after 1 s).
  var pending = null;
  function settle(rank) {
    if (pending) {
      send({ type: "search", path: location.pathname, language: lang, query: pending.q, results: pending.n, close: pending.c, clicked: rank });
      if (rank !== null) { from = pending.q; try { sessionStorage.setItem(FROM, from); } catch (x) { /* not told */ } }
    }
    pending = null;
  }
  w.helpsiteFeedback = {
    shown: function (q, n, c) {
      q = String(q).trim().replace(/\s+/g, " ").slice(0, 200);
      if (pending && pending.q == q) { pending.n = n; pending.c = !!c; return; }
      if (pending && Date.now() - pending.t >= 2000) settle(null);
      pending = q ? { q: q, n: n, c: !!c, t: Date.now() } : null;
    },
    clicked: settle,
    handedOver: function () { pending = null; }
  };
  function leave() { if (pending && Date.now() - pending.t >= 1000) settle(null); pending = null; }
  w.addEventListener("pagehide", leave);
  d.addEventListener("visibilitychange", function () { if (d.visibilityState == "hidden") leave(); });
  d.querySelectorAll("[data-feedback]").forEach(widget);
})(window, document);
