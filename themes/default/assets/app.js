// handover: navigation and colour scheme (issue 19). Everything here
// improves what works without it: the menu link opens the drawer by its
// target, the contents box is open, the colour follows the system.
(function () {
  "use strict";
  var root = document.documentElement;
  var KEY = "handover-theme";

  // The colour scheme the reader chose: "light", "dark" or "system". The
  // choice is kept in localStorage, which may be missing or blocked (some
  // browsers on file://, privacy settings): then it lasts for the page.
  function stored() {
    try { var t = window.localStorage.getItem(KEY); return t === "light" || t === "dark" ? t : "system"; } catch (e) { return "system"; }
  }
  function store(t) {
    try { if (t === "system") window.localStorage.removeItem(KEY); else window.localStorage.setItem(KEY, t); } catch (e) { /* kept for this page only */ }
  }
  function applyTheme(t) {
    if (t === "light" || t === "dark") root.setAttribute("data-theme", t);
    else root.removeAttribute("data-theme");
    document.querySelectorAll("[data-theme-toggle]").forEach(function (b) {
      var label = b.getAttribute("data-label-" + t) || "";
      b.setAttribute("data-choice", t);
      b.setAttribute("aria-label", label);
      b.setAttribute("title", label);
    });
  }
  var next = { system: "light", light: "dark", dark: "system" };

  function setupTheme() {
    var current = root.getAttribute("data-theme") || stored();
    applyTheme(current);
    document.querySelectorAll("[data-theme-toggle]").forEach(function (b) {
      b.hidden = false;
      if (b.__handoverTheme) return;
      b.__handoverTheme = true;
      b.addEventListener("click", function () {
        var t = next[b.getAttribute("data-choice")] || "light";
        store(t);
        applyTheme(t);
      });
    });
  }
  // Another tab changed the choice.
  window.addEventListener("storage", function (e) { if (e.key === KEY) applyTheme(stored()); });

  // The drawer menu on narrow screens: the header's menu link opens the
  // navigation over the page; Escape, the close link, a click beside it or
  // focus leaving it close it and, for the keyboard, focus returns to the
  // menu link. It is no modal dialog and traps no focus.
  function setupDrawer() {
    var button = document.querySelector(".menu-button");
    var nav = document.getElementById("site-nav");
    if (!button || !nav || button.__handoverDrawer) return;
    button.__handoverDrawer = true;
    var close = nav.querySelector(".drawer-close");
    function isOpen() { return root.classList.contains("nav-open"); }
    function open() {
      root.classList.add("nav-open");
      button.setAttribute("aria-expanded", "true");
      var target = nav.querySelector("[aria-current=page]") || close || nav;
      if (target.scrollIntoView) target.scrollIntoView({ block: "nearest" });
      (close || target).focus();
    }
    function shut(refocus) {
      if (!isOpen() && location.hash !== "#site-nav") return;
      root.classList.remove("nav-open");
      button.setAttribute("aria-expanded", "false");
      // Opened by its #site-nav target (before the script ran): only a new
      // fragment ends :target; this one takes the place of the old.
      if (location.hash === "#site-nav") location.replace("#main");
      if (refocus) button.focus();
    }
    // Opened by its target before this script ran (a link to #site-nav).
    if (location.hash === "#site-nav") root.classList.add("nav-open");
    button.setAttribute("aria-expanded", String(isOpen()));
    button.addEventListener("click", function (e) {
      e.preventDefault();
      if (isOpen()) shut(true); else open();
    });
    if (close) close.addEventListener("click", function (e) { e.preventDefault(); shut(true); });
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && (isOpen() || location.hash === "#site-nav")) { shut(true); }
    });
    document.addEventListener("click", function (e) {
      if (isOpen() && !nav.contains(e.target) && !button.contains(e.target)) shut(false);
    });
    nav.addEventListener("focusout", function (e) {
      if (isOpen() && e.relatedTarget && !nav.contains(e.relatedTarget) && e.relatedTarget !== button) shut(false);
    });
    // Wider than the breakpoint the navigation is a sidebar again.
    if (window.matchMedia) {
      var wide = window.matchMedia("(min-width: 50.01rem)");
      var onWide = function () { if (wide.matches) shut(false); };
      if (wide.addEventListener) wide.addEventListener("change", onWide);
    }
  }

  // The table of contents marks the heading being read: the last one
  // near the top of the window (a quarter of it, at most 140 px down), as
  // IntersectionObserver reports headings crossing that line. On narrow
  // screens the box starts closed.
  var observer = null, markTOC = null;
  // Scrolling marks too: at the end of a page no heading crosses the line,
  // and its last heading is the one being read.
  window.addEventListener("scroll", function () { if (markTOC) window.requestAnimationFrame(markTOC); }, { passive: true });
  function setupTOC() {
    if (observer) { observer.disconnect(); observer = null; markTOC = null; }
    var toc = document.querySelector(".toc");
    if (!toc) return;
    var box = toc.querySelector("details");
    if (box && !toc.__handoverTOC && window.matchMedia && !window.matchMedia("(min-width: 75rem)").matches) box.open = false;
    toc.__handoverTOC = true;
    var links = Array.prototype.slice.call(toc.querySelectorAll("a[href^='#']"));
    var heads = [];
    links.forEach(function (a) {
      var id = decodeURIComponent(a.getAttribute("href").slice(1));
      var h = document.getElementById(id);
      if (h) heads.push({ a: a, h: h });
    });
    if (!heads.length || !("IntersectionObserver" in window)) return;
    function mark() {
      var line = Math.min(window.innerHeight / 4, 140), cur = heads[0];
      for (var i = 0; i < heads.length; i++) {
        if (heads[i].h.getBoundingClientRect().top <= line) cur = heads[i];
      }
      if (window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 2) cur = heads[heads.length - 1];
      heads.forEach(function (x) {
        var on = x === cur;
        x.a.classList.toggle("active", on);
        if (on) x.a.setAttribute("aria-current", "location"); else x.a.removeAttribute("aria-current");
      });
    }
    observer = new IntersectionObserver(mark, { rootMargin: "0px 0px -75% 0px", threshold: [0, 1] });
    heads.forEach(function (x) { observer.observe(x.h); });
    markTOC = mark;
    mark();
  }

  // A table or code block wider than its box scrolls sideways: the
  // keyboard can scroll it once it takes the focus.
  function setupTables() {
    document.querySelectorAll("main .table-wrap, main pre").forEach(function (w) {
      if (w.scrollWidth > w.clientWidth + 1) {
        if (!w.hasAttribute("tabindex")) { w.setAttribute("tabindex", "0"); w.setAttribute("data-scroll-focus", ""); }
      } else if (w.hasAttribute("data-scroll-focus")) {
        w.removeAttribute("tabindex"); w.removeAttribute("data-scroll-focus");
      }
    });
  }

  function setup() { setupTheme(); setupDrawer(); setupTOC(); setupTables(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
  document.addEventListener("handover:morph", setup);
  window.addEventListener("resize", setupTables);
})();
