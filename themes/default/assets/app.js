// handover: small conveniences on top of pages that work without JavaScript.
(function () {
  "use strict";
  // Review badges: the site may not be rebuilt for months, so whether a
  // review is overdue is decided here, in the reader's browser, from the
  // dates in the page. The build-time state is the fallback without JS.
  function today() {
    var d = new Date();
    var m = String(d.getMonth() + 1).padStart(2, "0");
    var day = String(d.getDate()).padStart(2, "0");
    return d.getFullYear() + "-" + m + "-" + day;
  }
  function markOverdue() {
    var now = today();
    document.querySelectorAll("[data-review]").forEach(function (el) {
      var badge = el.parentNode.querySelector("[data-overdue]");
      if (!badge) return;
      badge.hidden = !(el.getAttribute("data-review") < now);
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", markOverdue);
  } else {
    markOverdue();
  }
  // The dev server updates an open page in place after a save.
  document.addEventListener("handover:morph", markOverdue);
})();
