/*
 * Progressive enhancement for every page: the portal works without it.
 *
 * A form sent back with errors starts with a summary of them (role="alert",
 * templates/includes/_error_summary.html; the Django admin's error note).
 * Moving the focus there puts keyboard and screen-reader users on the list of
 * what to correct, each item a link to its field (WCAG 3.3.1, 2.4.3), instead
 * of at the top of an unchanged-looking page.
 */
(function () {
  "use strict";
  var summary = document.querySelector(".error-summary, .errornote");
  if (!summary) {
    return;
  }
  if (!summary.hasAttribute("tabindex")) {
    summary.setAttribute("tabindex", "-1");
  }
  // The admin marks its first field autofocus, which the browser applies after this
  // script: the summary takes the focus back then, unless the person has moved on.
  var autofocused = document.querySelectorAll("[autofocus]");
  for (var i = 0; i < autofocused.length; i += 1) {
    autofocused[i].removeAttribute("autofocus");
  }
  summary.focus();
  window.addEventListener("load", function () {
    var active = document.activeElement;
    if (!active || active === document.body || active.hasAttribute("data-autofocused")) {
      summary.focus();
    }
  });
  for (var j = 0; j < autofocused.length; j += 1) {
    autofocused[j].setAttribute("data-autofocused", "");
  }
})();

/*
 * A practice page folds the parts for city staff into <details>: printed, it shows
 * them all, then folds again what was folded.
 */
(function () {
  "use strict";
  var opened = [];
  window.addEventListener("beforeprint", function () {
    var folded = document.querySelectorAll(
      "details.practice__part:not([open]), details.bench-profile__table:not([open])"
    );
    for (var i = 0; i < folded.length; i += 1) {
      folded[i].open = true;
      opened.push(folded[i]);
    }
  });
  window.addEventListener("afterprint", function () {
    while (opened.length) {
      opened.pop().open = false;
    }
  });
})();
