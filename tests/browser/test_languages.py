"""Every public page type on a phone in German, Greek and Latvian: no axe violation.

Three languages unlike English in length (German's long compounds), script
(Greek) and diacritics (Latvian), at 375 pixels wide, where the header carries
the switcher with all ten languages, folded into one line. One test per language
loads the demo data once and visits every page type; a failure names the page.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, describe, expect_focused
from tests.browser.pages import PAGE_TYPES, page_path
from tests.browser.test_accessibility import structure_problems

pytest.importorskip("axe_playwright_python")

live_database = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = 375
LANGUAGES = ["de", "el", "lv"]


@live_database
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_type_passes_axe_on_a_phone(portal, page, language):
    page.set_viewport_size({"width": PHONE, "height": 800})
    problems = []
    for page_type in PAGE_TYPES:
        where = f"{page_type.id} ({language})"
        response = page.goto(portal.url + page_path(page_type, language))

        assert response.status == (404 if page_type.url_name is None else 200), where
        assert page.locator("html").get_attribute("lang") == language, where
        offered = page.locator("nav.language-switcher a[hreflang]").count()
        if offered != 9:
            problems.append(f"{where}: the switcher offers {offered} other languages, not 9")
        problems.extend(f"{where}: {problem}" for problem in structure_problems(page))
        if violations := axe_violations(page):
            problems.append(f"{where}, {PHONE}px:\n{describe(violations)}")
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if overflow > 0:
            problems.append(f"{where}: scrolls sideways by {overflow}px at {PHONE}px")
    assert not problems, "\n".join(problems)


@live_database
def test_the_switcher_is_folded_on_a_phone_and_switches_by_keyboard(portal, page):
    page.set_viewport_size({"width": PHONE, "height": 812})
    page.goto(portal("toolkit:list", "en"))
    switcher = page.locator("nav.language-switcher")
    summary = switcher.locator("summary")

    # Folded: one line naming the current language, the other nine out of sight.
    expect(summary).to_have_text("Language: English")
    expect(switcher.locator("a[hreflang]").first).to_be_hidden()
    assert switcher.bounding_box()["height"] <= 48
    header = page.locator("header.site-header").bounding_box()
    assert header["height"] < 160, header
    print(f"header on a phone (en): {header['height']:.0f}px")
    assert not axe_violations(page)

    # Tab to it, Enter opens it, Tab to Italiano, Enter follows the link.
    for _ in range(5):
        page.keyboard.press("Tab")
        if summary.evaluate("element => element === document.activeElement"):
            break
    expect_focused(summary)
    page.keyboard.press("Enter")
    italian = switcher.locator('a[hreflang="it"]')
    expect(italian).to_be_visible()
    assert not axe_violations(page), describe(axe_violations(page))
    page.keyboard.press("Tab")
    expect_focused(italian)
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(r"/it/toolkit/$"))
    assert page.locator("html").get_attribute("lang") == "it"
    expect(page.locator("nav.language-switcher summary")).to_have_text("Lingua: Italiano")

    # Escape folds it again (portal.js); the main menu's own <details> still opens.
    page.locator("nav.language-switcher summary").click()
    page.keyboard.press("Escape")
    expect(page.locator("nav.language-switcher a[hreflang]").first).to_be_hidden()
    page.locator(".site-nav__menu summary").click()
    expect(page.locator('.site-nav__menu a[href="/it/toolkit/"]')).to_be_visible()
