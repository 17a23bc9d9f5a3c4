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
  summary.focus();
})();
