/* A table wider than the screen scrolls inside its own box. Such a box gets a place in the
   tab order, so that people who use the keyboard can scroll it too (WCAG 2.1.1). */
(function () {
  "use strict";
  function reachable() {
    var boxes = document.querySelectorAll(".utrecht-table-container, .table-scroll, main table");
    Array.prototype.forEach.call(boxes, function (box) {
      if (box.scrollWidth > box.clientWidth + 1 && !box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");
      }
    });
  }
  document.addEventListener("DOMContentLoaded", reachable);
  window.addEventListener("resize", reachable);
  document.addEventListener("htmx:afterSettle", reachable);
})();
