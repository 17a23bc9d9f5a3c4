"""What people do on the portal, done in a real browser."""

import datetime as dt
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.browser.conftest import WIDTHS, axe_violations, describe
from tests.factories import TOTPAuthenticatorFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PRACTICE = "Welcome walks with neighbourhood hosts"


def _is_focused(locator) -> bool:
    return locator.evaluate("element => element === document.activeElement")


def tab_to(page: Page, locator, *, limit: int = 80) -> None:
    """Press Tab until ``locator`` has the focus, checking each stop shows where it is."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focus_ring = page.evaluate(
            """() => {
                const style = getComputedStyle(document.activeElement);
                return style.outlineStyle !== "none" || style.boxShadow !== "none";
            }"""
        )
        assert focus_ring, (
            f"no visible focus on {page.evaluate('document.activeElement.outerHTML')}"
        )
        if _is_focused(locator):
            return
    raise AssertionError(f"Tab never reached {locator}")


def _facet_is_open(page: Page, name: str) -> bool:
    return page.locator(f"details#id_{name}").evaluate("details => details.open")


def test_volunteer_searches_narrows_opens_a_practice_and_downloads_a_resource(portal, page):
    page.goto(portal("toolkit:list"))
    page.get_by_label("Search the toolkit").fill("neighbourhood")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.locator(".results__count")).to_contain_text("matching “neighbourhood”")

    page.get_by_role("checkbox", name=re.compile(r"^Welcoming culture")).check()
    if not _facet_is_open(page, "target_group"):  # long facets start folded
        page.locator("#id_target_group > summary").click()
    page.get_by_role("checkbox", name=re.compile(r"^Newcomers")).check()
    page.get_by_role("button", name="Apply filters").click()

    assert "cluster=welcoming-culture" in page.url
    assert "target_group=newcomers" in page.url
    expect(page.locator(".results__count")).to_have_text(re.compile(r"^1 practice matching"))
    page.get_by_role("link", name=PRACTICE).click()

    expect(page.get_by_role("heading", level=1)).to_contain_text(PRACTICE)
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("Checklist for neighbourhood hosts")).click()
    download = download_info.value
    assert download.suggested_filename == "checklist-for-neighbourhood-hosts.pdf"
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"


def test_the_whole_toolkit_search_with_the_keyboard_alone(portal, page):
    page.goto(portal("home"))

    # The skip link comes first and moves the focus to the main content.
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    assert _is_focused(skip)
    expect(skip).to_be_in_viewport()

    tab_to(page, page.locator(".site-nav__bar").get_by_role("link", name="Toolkit"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/en/toolkit/$"))

    tab_to(page, page.get_by_label("Search the toolkit"))
    page.keyboard.type("neighbourhood")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"q=neighbourhood"))

    tab_to(page, page.get_by_role("checkbox", name=re.compile(r"^Welcoming culture")))
    page.keyboard.press("Space")
    if not _facet_is_open(page, "target_group"):
        tab_to(page, page.locator("#id_target_group > summary"))
        page.keyboard.press("Enter")
    tab_to(page, page.get_by_role("checkbox", name=re.compile(r"^Newcomers")))
    page.keyboard.press("Space")
    tab_to(page, page.get_by_role("button", name="Apply filters"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"target_group=newcomers"))
    expect(page.locator(".results__count")).to_have_text(re.compile(r"^1 practice matching"))

    tab_to(page, page.get_by_role("link", name=PRACTICE))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text(PRACTICE)
    tab_to(page, page.get_by_role("link", name=re.compile("Checklist for neighbourhood hosts")))
    with page.expect_download() as download_info:
        page.keyboard.press("Enter")
    assert download_info.value.suggested_filename == "checklist-for-neighbourhood-hosts.pdf"


def test_the_map_is_usable_without_a_mouse(portal, page):
    page.goto(portal("home"))
    marker = page.get_by_role("link", name="City of Turin, Turin")
    tab_to(page, marker, limit=120)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/en/partners/turin/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("City of Turin")


def test_the_language_switcher_keeps_the_page_and_the_search(portal, page):
    page.goto(portal("toolkit:list", query="q=neighbourhood&cluster=welcoming-culture"))
    expect(page.locator(".results__count")).to_have_text(re.compile(r"^1 practice"))

    switcher = page.get_by_role("navigation", name="Language")
    switcher.locator("summary").click()  # folded into a <details>
    switcher.get_by_role("link", name="Italiano").click()

    assert page.url == portal(
        "toolkit:list", "it", query="q=neighbourhood&cluster=welcoming-culture"
    )
    assert page.locator("html").get_attribute("lang") == "it"
    expect(page.locator(".results__count")).to_have_text(re.compile(r"^1 pratica"))
    expect(
        page.get_by_role("checkbox", name=re.compile("^Cultura dell\u2019accoglienza"))
    ).to_be_checked()
    # The practice has no Italian text: it is shown in English, and says so.
    page.get_by_role("link", name=PRACTICE).click()
    expect(page.locator("h1 [lang=en]")).to_have_text(PRACTICE)
    expect(page.locator(".content-language").first).to_have_text("Originale in inglese")
    hreflangs = page.locator("link[rel=alternate][hreflang]")
    assert sorted(hreflangs.evaluate_all("links => links.map(l => l.hreflang)")) == sorted(
        [code for code, _name in settings.LANGUAGES] + ["x-default"]
    )


def test_root_redirects_to_the_visitors_language(empty_portal, browser):
    portal = empty_portal
    for accept, expected in [
        ("it-IT,it;q=0.9,en;q=0.5", "/it/"),
        ("de-DE,en;q=0.5", "/de/"),
        ("pt-PT,en;q=0.5", "/en/"),  # not an interface language: the next choice
    ]:
        context = browser.new_context(
            locale=accept.split(",")[0], extra_http_headers={"Accept-Language": accept}
        )
        page = context.new_page()
        page.goto(portal.url + "/")
        assert page.url == portal.url + expected
        context.close()


def test_motion_is_off_when_the_visitor_prefers_less(empty_portal, page):
    portal = empty_portal
    page.emulate_media(reduced_motion="reduce")
    page.goto(portal("home"))
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.getAnimations().length") == 0


def _coordinator():
    # A superuser: what coordinators may do is tested in tests/admin. (After another
    # browser test, the Coordinators group of the data migration is not always back:
    # serialized rollback with Playwright's event loop running.)
    user = UserFactory(email="coordinator@example.org", is_staff=True, is_superuser=True)
    TOTPAuthenticatorFactory(user=user)
    return user


def _sign_in(page: Page, portal, user) -> None:
    """Put a signed-in session in the browser (the sign-in form has journeys of its own)."""
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": portal.url}]
    )


def _choose_in_autocomplete(page: Page, field: str, text: str) -> None:
    """Pick ``text`` in one of the admin's autocomplete (Select2) fields, as a person does.

    Opening the field lists every choice and typing asks the server again. The choice is
    clicked once the answer to what was typed is there, so that no request of the field
    is still under way when the form is saved.
    """

    def answers_the_search(response) -> bool:
        query = parse_qs(urlsplit(response.url).query)
        return query.get("field_name") == [field] and query.get("term") == [text]

    page.locator(f"#id_{field} + .select2").click()
    with page.expect_response(answers_the_search):
        page.locator(".select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()
    expect(page.locator(f"#id_{field} + .select2 .select2-selection__rendered")).to_contain_text(
        text
    )


def test_coordinator_records_a_study_visit_that_appears_on_the_visits_page_and_calendar(
    portal, page
):
    _sign_in(page, portal, _coordinator())
    start = timezone.localdate() + dt.timedelta(days=40)

    page.goto(f"{portal.url}/{settings.ADMIN_URL}exchanges/studyvisit/add/")
    page.get_by_label("title [en]").fill("Riga welcomes its new neighbours")
    page.locator("#id_slug").fill("riga-welcomes-its-new-neighbours")
    _choose_in_autocomplete(page, "project", "VALUES")
    _choose_in_autocomplete(page, "host", "City of Riga")
    page.locator("#id_start_date").fill(start.isoformat())
    page.locator("#id_end_date").fill((start + dt.timedelta(days=1)).isoformat())
    page.get_by_label("summary [en]").fill("Two days with Riga's neighbourhood volunteering desks.")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    page.goto(portal("exchanges:visit_list"))
    expect(page.get_by_role("link", name="Riga welcomes its new neighbours")).to_be_visible()
    calendar = page.request.get(portal("exchanges:visit_ics"))
    assert calendar.ok
    body = calendar.text()
    assert "SUMMARY;LANGUAGE=en:Riga welcomes its new neighbours" in body
    assert f"DTSTART;VALUE=DATE:{start:%Y%m%d}" in body


def test_admin_pages_of_translated_content_have_no_axe_violations(portal, page):
    _sign_in(page, portal, _coordinator())
    page.set_viewport_size({"width": WIDTHS["desktop"], "height": 900})
    page.goto(f"{portal.url}/{settings.ADMIN_URL}toolkit/practice/add/")

    # One folded fieldset per other language, English in place.
    expect(page.get_by_label("title [en]")).to_be_visible()
    expect(page.get_by_label("title [it]")).to_be_hidden()
    page.locator("summary", has_text="Italian").click()
    expect(page.get_by_label("title [it]")).to_be_visible()
    # Django's own autocomplete widget (select2) lacks labels; that is Django's to fix.
    violations = axe_violations(page, exclude=(".select2-container",))
    assert not violations, describe(violations)
