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
  // Other scripts may move the focus before the page has loaded (the admin's add form
  // focuses its first field from an async script, which can run before or after this
  // one): once the page has loaded, the summary takes the focus back, unless the
  // person has already moved on with the keyboard, a pointer or a touch.
  var autofocused = document.querySelectorAll("[autofocus]");
  for (var i = 0; i < autofocused.length; i += 1) {
    autofocused[i].removeAttribute("autofocus");
  }
  var movedOn = false;
  function personMoved() {
    movedOn = true;
  }
  ["keydown", "pointerdown", "touchstart"].forEach(function (type) {
    document.addEventListener(type, personMoved, { capture: true, once: true });
  });
  summary.focus();
  window.addEventListener("load", function () {
    if (!movedOn && document.activeElement !== summary) {
      summary.focus();
    }
  });
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

/*
 * The header's <details> menus (languages, and the main menu on phones) open and close
 * without this script. With it, Escape closes an open one and puts the focus back on its
 * summary, and a click elsewhere on the page closes the language list that lies over it.
 */
(function () {
  "use strict";
  var menus = document.querySelectorAll(".language-switcher__menu, .site-nav__menu");
  if (!menus.length) {
    return;
  }
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") {
      return;
    }
    for (var i = 0; i < menus.length; i += 1) {
      if (menus[i].open && menus[i].contains(document.activeElement)) {
        menus[i].open = false;
        menus[i].querySelector("summary").focus();
      }
    }
  });
  document.addEventListener("click", function (event) {
    for (var i = 0; i < menus.length; i += 1) {
      if (
        menus[i].open &&
        menus[i].classList.contains("language-switcher__menu") &&
        !menus[i].contains(event.target)
      ) {
        menus[i].open = false;
      }
    }
  });
})();
