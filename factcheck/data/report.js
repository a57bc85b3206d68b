"use strict";
// factcheck HTML report: filters and keyboard navigation. Reads the page, never the network.
(function () {
  var claims = Array.prototype.slice.call(document.querySelectorAll("article.claim"));
  var tocItems = {};
  Array.prototype.forEach.call(document.querySelectorAll("nav.toc li[data-for]"), function (li) {
    tocItems[li.getAttribute("data-for")] = li;
  });
  var selects = {
    verdict: document.getElementById("f-verdict"),
    source: document.getElementById("f-source"),
    person: document.getElementById("f-person")
  };
  var shown = document.getElementById("shown");
  var empty = document.getElementById("empty");
  var current = -1;

  function matches(el) {
    var v = selects.verdict.value, s = selects.source.value, p = selects.person.value;
    if (v && el.getAttribute("data-verdict") !== v) { return false; }
    if (s && (" " + el.getAttribute("data-sources") + " ").indexOf(" " + s + " ") < 0) { return false; }
    if (p && (" " + el.getAttribute("data-person") + " ").indexOf(" " + p + " ") < 0) { return false; }
    return true;
  }

  function apply() {
    var count = 0;
    claims.forEach(function (el) {
      var ok = matches(el);
      el.hidden = !ok;
      var li = tocItems[el.id];
      if (li) { li.hidden = !ok; }
      if (ok) { count += 1; }
    });
    shown.textContent = String(count);
    empty.className = count ? "empty" : "empty on";
    if (current >= 0 && claims[current].hidden) { setCurrent(-1); }
  }

  function visible() {
    return claims.filter(function (el) { return !el.hidden; });
  }

  function setCurrent(index) {
    if (current >= 0) { claims[current].classList.remove("current"); }
    current = index;
    if (index >= 0) {
      var el = claims[index];
      el.classList.add("current");
      el.setAttribute("tabindex", "-1");
      el.focus({preventScroll: true});  // screen readers follow the claim j/k moved to
      el.scrollIntoView({block: "start"});
    }
  }

  function step(delta) {
    var list = visible();
    if (!list.length) { return; }
    var at = current >= 0 ? list.indexOf(claims[current]) : -1;
    var next = at < 0 ? (delta > 0 ? 0 : list.length - 1) : Math.min(list.length - 1, Math.max(0, at + delta));
    setCurrent(claims.indexOf(list[next]));
  }

  function cycle(select, delta) {
    var n = select.options.length;
    select.selectedIndex = (select.selectedIndex + delta + n) % n;
    apply();
  }

  function reset() {
    Object.keys(selects).forEach(function (k) { selects[k].selectedIndex = 0; });
    apply();
  }

  Object.keys(selects).forEach(function (k) { selects[k].addEventListener("change", apply); });
  document.getElementById("reset").addEventListener("click", reset);
  claims.forEach(function (el, i) {
    el.addEventListener("click", function () {
      if (current !== i) {
        if (current >= 0) { claims[current].classList.remove("current"); }
        current = i;
        el.classList.add("current");
      }
    });
  });

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    var tag = (event.target && event.target.tagName) || "";
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") {
      if (event.key === "Escape") { event.target.blur(); }
      return;
    }
    var back = event.shiftKey ? -1 : 1;
    switch (event.key) {
      case "j": step(1); break;
      case "k": step(-1); break;
      case "v": case "V": cycle(selects.verdict, back); break;
      case "s": case "S": cycle(selects.source, back); break;
      case "p": case "P": cycle(selects.person, back); break;
      case "0": case "Escape": reset(); break;
      case "?": document.getElementById("help").hidden = !document.getElementById("help").hidden; break;
      default: return;
    }
    event.preventDefault();
  });

  document.documentElement.setAttribute("data-ready", "1");
  apply();
}());
