"""Every public page type, in English and Italian, on a phone and a desktop: no axe violation.

The page types are checked in a few groups, one test each, so that the demo
data is loaded a few times rather than once per page; a failure names the
page, the language and the width.
"""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import WIDTHS, axe_violations, describe
from tests.browser.pages import LANGUAGES, PAGE_TYPES, page_path

pytest.importorskip("axe_playwright_python")

# The live server's thread must see committed rows; the rows the migrations made
# come back after each test's flush.
live_database = pytest.mark.django_db(transaction=True, serialized_rollback=True)

GROUPS = {
    "home-and-pages": [
        "home",
        "privacy",
        "accessibility",
        "accessibility-report",
        "not-found",
        "sign-in",
    ],
    "toolkit": ["toolkit", "toolkit-search", "practice", "practice-in-italian"],
    "partners-and-clusters": ["partners", "partner", "project", "clusters", "cluster"],
    "visits-exchanges-plans": ["visits", "visit", "exchanges", "exchange", "plans", "plan"],
}
NARROWEST = 320  # WCAG 1.4.10 Reflow: no sideways scrolling at 320 CSS pixels


_HEADING_LEVELS = """
() => [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")]
    .filter((heading) => heading.checkVisibility())
    .map((heading) => [Number(heading.tagName[1]), heading.textContent.trim().slice(0, 40)])
"""


def structure_problems(page) -> list[str]:
    """Landmarks, and headings that never skip a level on the way down (h2 → h4)."""
    problems = [
        f"{count} {role} landmarks"
        for role, count in [
            ("banner", page.get_by_role("banner").count()),
            ("main", page.get_by_role("main").count()),
            ("contentinfo", page.get_by_role("contentinfo").count()),
        ]
        if count != 1
    ]
    if page.get_by_role("navigation").count() < 1:
        problems.append("no navigation landmark")
    previous = 0
    for level, text in page.evaluate(_HEADING_LEVELS):
        if level > previous + 1:
            problems.append(f"h{level} “{text}” follows h{previous}")
        previous = level
    return problems


def test_the_groups_cover_every_page_type():
    grouped = [page_id for ids in GROUPS.values() for page_id in ids]
    assert sorted(grouped) == sorted(page.id for page in PAGE_TYPES)


@live_database
@pytest.mark.parametrize("group", GROUPS)
def test_pages_have_no_axe_violations_and_reflow(portal, page, group):
    problems = []
    for page_type in (p for p in PAGE_TYPES if p.id in GROUPS[group]):
        for language in LANGUAGES:
            where = f"{page_type.id} ({language})"
            page.set_viewport_size({"width": WIDTHS["desktop"], "height": 900})
            response = page.goto(portal.url + page_path(page_type, language))

            assert response.status == (404 if page_type.url_name is None else 200), where
            assert page.locator("html").get_attribute("lang") == language, where
            assert page.locator("h1").count() == 1, where
            problems.extend(f"{where}: {problem}" for problem in structure_problems(page))
            for width in WIDTHS.values():
                page.set_viewport_size({"width": width, "height": 900})
                if violations := axe_violations(page):
                    problems.append(f"{where}, {width}px:\n{describe(violations)}")
            page.set_viewport_size({"width": NARROWEST, "height": 700})
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            if overflow > 0:
                problems.append(f"{where}: scrolls sideways by {overflow}px at {NARROWEST}px")
    assert not problems, "\n".join(problems)


def test_the_scan_finds_violations_where_there_are_some(page):
    page.set_content('<html><body><img src="x.png"><input type="text"></body></html>')

    found = {violation["id"] for violation in axe_violations(page)}

    assert {"html-has-lang", "image-alt", "label"} <= found


@live_database
@pytest.mark.parametrize("language", LANGUAGES)
def test_error_messages_are_tied_to_their_fields_and_pass_axe(empty_portal, page, language):
    portal = empty_portal
    page.goto(portal("toolkit:list", language, query="cluster=no-such-cluster"))

    expect(page.get_by_role("alert")).to_be_visible()  # the summary at the top
    facet = page.locator("#id_cluster fieldset")
    described_by = facet.get_attribute("aria-describedby")
    expect(page.locator(f"#{described_by}")).to_contain_text("no-such-cluster")
    assert not axe_violations(page), describe(axe_violations(page))

    page.goto(portal("account_login", language))
    page.locator("#id_login").fill("nobody@example.org")
    page.locator("#id_password").fill("not the password")
    page.locator("form.form button[type=submit]").click()
    expect(page.locator(".errorlist, [role=alert]").first).to_be_visible()
    violations = axe_violations(page)
    assert not violations, describe(violations)


def test_the_structure_check_finds_missing_landmarks_and_skipped_headings(page):
    page.set_content("<html lang='en'><body><main><h1>A</h1><h3>C</h3></main></body></html>")

    problems = structure_problems(page)

    assert "0 banner landmarks" in problems
    assert "no navigation landmark" in problems
    assert "h3 “C” follows h1" in problems
