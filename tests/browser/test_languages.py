"""Every public page type on a phone in German, Greek and Latvian: no axe violation.

Three languages unlike English in length (German's long compounds), script
(Greek) and diacritics (Latvian), at 375 pixels wide, where the header carries
the switcher with all ten languages. One test per language loads the demo data
once and visits every page type; a failure names the page.
"""

import pytest

from tests.browser.conftest import axe_violations, describe
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
