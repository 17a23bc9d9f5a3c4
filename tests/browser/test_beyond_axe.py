"""What a manual audit found and axe cannot: checked in the browser, each on the page it concerns.

Language of parts (WCAG 3.1.2), focus and title after a form with errors (3.3.1,
2.4.3), the purpose of personal fields (1.3.5), the size of the map's targets
(2.5.8), the menu's name (4.1.2), text spacing and reflow (1.4.12, 1.4.10),
live regions (4.1.3) and the authenticator secret as text; and axe on the pages
and states that the page-type scan does not reach.
"""

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.test import Client
from playwright.sync_api import Page, expect

from cities.models import Organisation
from exchanges.models import ActionPlan
from tests.browser.conftest import axe_violations, describe, expect_focused
from tests.factories import ParticipationFactory, TOTPAuthenticatorFactory, UserFactory

pytest.importorskip("axe_playwright_python")

live_database = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "correct horse battery staple"  # tests.factories.UserFactory's
PHONE = {"width": 375, "height": 800}
NARROWEST = {"width": 320, "height": 700}
ERROR = {"en": "Error: ", "it": "Errore: "}
MENU = {"en": "Menu", "it": "Menù"}


def language_of(page: Page, text: str) -> str:
    """The language a screen reader reads ``text`` in: the ``lang`` nearest its element."""
    return page.get_by_text(text, exact=True).first.evaluate(
        "element => element.closest('[lang]').getAttribute('lang')"
    )


def session_cookie(portal, user) -> dict:
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    return {"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": portal.url}


def person(email: str):
    user = UserFactory(email=email)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


# Language of parts -------------------------------------------------------------------


@live_database
def test_an_italian_plan_page_reads_the_english_plan_in_english(portal, page):
    plan = ActionPlan.objects.get(slug="turin-action-plan-young-migrants")
    assert plan.language == "en"
    actions = list(plan.actions.all())
    dropped = next(action for action in actions if action.dropped_reason)

    page.goto(portal("exchanges:plan_detail", "it", slug=plan.slug))

    assert page.locator("html").get_attribute("lang") == "it"
    assert language_of(page, plan.title) == "en"
    assert page.locator("#summary + div").get_attribute("lang") == "en"
    for action in actions:
        assert language_of(page, action.title) == "en", action.title
        if action.description:
            description = page.locator(f"#action-{action.pk} div[lang]")
            assert description.get_attribute("lang") == "en"
            expect(description).to_contain_text(action.description.split("\n")[0][:40])
    assert language_of(page, dropped.dropped_reason) == "en"
    # Interface text around it stays Italian.
    assert language_of(page, "Azioni") == "it"
    # The plan's organisation has an Italian name ("Città di Torino"): nothing to mark.
    assert language_of(page, plan.organisation.name_it) == "it"
    # The breadcrumb's plan title is in English.
    breadcrumb = page.get_by_role("navigation", name="Percorso").get_by_text(plan.title)
    assert breadcrumb.evaluate("e => e.closest('[lang]').getAttribute('lang')") == "en"

    page.goto(portal("exchanges:plan_list", "it"))
    assert language_of(page, plan.title) == "en"


@live_database
def test_a_name_in_another_language_is_marked_on_an_english_page(portal, page):
    cev = Organisation.objects.get(slug="cev")
    assert cev.name_language == "fr"

    page.goto(portal("network:partner_list"))
    assert language_of(page, cev.name) == "fr"
    assert language_of(page, "City of Turin") == "en"

    page.goto(portal("network:partner_detail", slug="cev"))
    assert page.get_by_role("heading", level=1).locator("[lang]").first.get_attribute("lang") == (
        "fr"
    )


# Forms with errors -------------------------------------------------------------------


def assert_error_state(page: Page, language: str, summary: str = ".error-summary") -> None:
    expect_focused(page.locator(summary))
    assert page.title().startswith(ERROR[language]), page.title()


@live_database
@pytest.mark.parametrize("language", ["en", "it"])
def test_after_a_form_with_errors_the_summary_has_the_focus_and_the_title_says_error(
    empty_portal, page, browser, language
):
    portal = empty_portal
    # A public form.
    page.goto(portal("network:accessibility_report", language))
    page.locator("form.form button[type=submit]").click()
    assert_error_state(page, language)
    assert page.locator(".error-summary").get_attribute("role") == "alert"
    assert not axe_violations(page), describe(axe_violations(page))

    # An account form (allauth).
    page.goto(portal("account_login", language))
    page.locator("#id_login").fill("nobody@example.org")
    page.locator("#id_password").fill("not the password")
    page.locator("form.form button[type=submit]").click()
    assert_error_state(page, language)

    # The coordinators' admin: its error note.
    coordinator = UserFactory(email="coordinator@example.org", is_staff=True, is_superuser=True)
    TOTPAuthenticatorFactory(user=coordinator)
    admin = browser.new_context(locale="it-IT" if language == "it" else "en-GB")
    admin.add_cookies([session_cookie(portal, coordinator)])
    admin_page = admin.new_page()
    # Two pages are open: the one a person looks at is the one with the window's focus.
    admin_page.bring_to_front()
    admin_page.goto(f"{portal.url}/{settings.ADMIN_URL}cities/organisation/add/")
    label = admin_page.locator("label[for=id_name_en]")  # a name field per language
    expect(label).to_contain_text("(obbligatorio)" if language == "it" else "(required)")
    # The admin's add form focuses its first field from an async script, which may run
    # after the portal's script: make it always run after, as it sometimes does.
    admin_page.add_init_script(
        "document.addEventListener('DOMContentLoaded', () =>"
        " document.querySelector('#organisation_form input:not([type=hidden])').focus())"
    )
    # The answer is a new page: its script moves the focus once it has loaded.
    with admin_page.expect_navigation(wait_until="load"):
        admin_page.locator("input[name=_save]").click()
    admin_page.bring_to_front()  # again: other browsers run beside this one (pytest-xdist)
    assert_error_state(admin_page, language, summary=".errornote")
    admin.close()


@live_database
def test_a_page_without_errors_keeps_the_focus_where_it_was(empty_portal, page):
    page.goto(empty_portal("network:accessibility_report"))

    assert not page.title().startswith("Error")
    assert page.evaluate("document.activeElement === document.body")


# Input purpose -----------------------------------------------------------------------

# Fields that ask for the person's own details, as WCAG 1.3.5 lists their purposes.
_PERSONAL_FIELDS = """
() => [...document.querySelectorAll("main input, main select, main textarea")]
    .filter((field) => field.checkVisibility() && !field.closest("[hidden]"))
    .filter((field) => ["email", "password", "tel"].includes(field.type)
        || ["name", "email", "login", "organisation"].includes(field.name))
    .map((field) => [field.name || field.id, field.getAttribute("autocomplete")])
"""
_PURPOSES = {"name", "email", "username", "current-password", "new-password", "organization"}


def personal_fields_without_purpose(page: Page) -> list[str]:
    fields = page.evaluate(_PERSONAL_FIELDS)
    assert fields, page.url
    return [f"{page.url} {name}: {purpose}" for name, purpose in fields if purpose not in _PURPOSES]


@live_database
def test_every_field_asking_for_personal_details_says_its_purpose(empty_portal, page, browser):
    portal = empty_portal
    problems = []
    for url_name in [
        "account_login",
        "account_signup",
        "account_reset_password",
        "network:accessibility_report",
    ]:
        page.goto(portal(url_name))
        problems += personal_fields_without_purpose(page)

    member = person("newcomer@example.org")
    ParticipationFactory()  # a partner to ask to join, on the account page
    signed_in = browser.new_context()
    signed_in.add_cookies([session_cookie(portal, member)])
    own = signed_in.new_page()
    for url_name in [
        "accounts:account",
        "account_email",
        "account_change_password",
        "accounts:delete",
    ]:
        own.goto(portal(url_name))
        problems += personal_fields_without_purpose(own)
    own.goto(portal("accounts:account"))
    assert own.locator("select[name=organisation]").get_attribute("autocomplete") == (
        "organization"
    )
    signed_in.close()

    assert not problems, "\n".join(problems)


# The map -----------------------------------------------------------------------------

_TARGET = """
(marker) => {
    const box = marker.getBoundingClientRect();
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return {
        width: box.width,
        height: box.height,
        reachable: Boolean(hit) && hit.closest("a") === marker,
        ariaLabel: marker.hasAttribute("aria-label"),
        titles: marker.querySelectorAll("title").length,
        title: marker.querySelector("title").textContent,
    };
}
"""


@live_database
def test_map_markers_are_big_enough_to_hit_on_a_phone_and_named_once(portal, page):
    page.set_viewport_size(PHONE)
    page.goto(portal("home"))

    markers = page.locator("a.map__marker")
    assert markers.count() == 18
    problems = []
    centres = set()
    for index in range(markers.count()):
        marker = markers.nth(index)
        marker.scroll_into_view_if_needed()
        target = marker.evaluate(_TARGET)
        name = target["title"]
        if target["width"] < 24 or target["height"] < 24:
            problems.append(f"{name}: {target['width']:.1f} by {target['height']:.1f} px")
        if not target["reachable"]:
            problems.append(f"{name}: its centre is covered by another marker")
        if target["ariaLabel"] or target["titles"] != 1:
            problems.append(f"{name}: named more than once")
        expect(marker).to_have_accessible_name(name)
        box = marker.bounding_box()
        centres.add((round(box["x"]), round(box["y"])))
    assert not problems, "\n".join(problems)
    # The two partners in Brussels have markers of their own.
    assert len(centres) == markers.count()
    for name in ["EUROCITIES, Brussels", "Centre Européen du Volontariat, Brussels"]:
        expect(page.get_by_role("link", name=name, exact=True)).to_have_count(1)


# The menu ----------------------------------------------------------------------------


@live_database
@pytest.mark.parametrize("language", ["en", "it"])
def test_the_phone_menu_is_named_menu_without_its_symbol(empty_portal, page, language):
    page.set_viewport_size(PHONE)
    page.goto(empty_portal("home", language))

    menu = page.get_by_role("navigation", name="Main" if language == "en" else "Principale")
    button = menu.locator("summary")
    expect(button).to_have_accessible_name(MENU[language])
    button.click()
    expect(button).to_have_accessible_name(MENU[language])
    expect(menu.get_by_role("list").first).to_be_visible()


# Reflow, text spacing, tables and charts at 320 pixels --------------------------------

# WCAG 1.4.12: the text spacing a reader may set, which must lose nothing.
TEXT_SPACING = """
* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
    word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }
"""
_OVERFLOWING = """
() => [document.documentElement, ...document.querySelectorAll(".facts, .facts div, .facts dd")]
    .filter((element) => element.scrollWidth > element.clientWidth + 1)
    .map((element) => element.className || element.tagName)
"""


@live_database
def test_facts_tables_and_charts_hold_at_320_pixels_with_text_spacing(portal, browser):
    # The spacing is a style sheet of the reader's own; the portal's CSP would refuse it.
    context = browser.new_context(viewport=NARROWEST, bypass_csp=True)
    page = context.new_page()
    problems = []
    for url in [
        portal("network:partner_detail", slug="turin"),
        portal("exchanges:plan_detail", slug="turin-action-plan-young-migrants"),
        portal("exchanges:visit_detail", slug="turin-young-migrants-visit"),
        portal("toolkit:detail", slug="welcome-walks-with-neighbourhood-hosts"),
        portal("reporting:project_detail", slug="values"),
    ]:
        page.goto(url)
        page.add_style_tag(content=TEXT_SPACING)
        problems += [f"{url}: {element} overflows" for element in page.evaluate(_OVERFLOWING)]
    assert not problems, "\n".join(problems)

    # Captions sit outside the part that scrolls, so they stay in view when it does.
    page.goto(portal("exchanges:visit_detail", slug="turin-young-migrants-visit"))
    assert page.locator(".table-wrap caption").count() == 0
    wrapper = page.locator(".table-wrap").first
    wrapper.evaluate("element => { element.scrollLeft = element.scrollWidth; }")
    caption = page.locator(".table-caption").first
    box = caption.bounding_box()
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= NARROWEST["width"]
    expect(page.get_by_role("table", name=caption.inner_text())).to_have_count(1)

    # The chart's labels stay readable: 13-unit text drawn at 12 CSS pixels or more.
    page.goto(portal("toolkit:detail", slug="welcome-walks-with-neighbourhood-hosts"))
    chart = page.locator("svg.bench-chart").first
    scale = chart.evaluate("svg => svg.getBoundingClientRect().width / svg.viewBox.baseVal.width")
    assert 13 * scale >= 12
    assert page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    context.close()


# Live regions ------------------------------------------------------------------------


@live_database
def test_the_results_count_and_messages_are_live_regions(empty_portal, page, browser):
    portal = empty_portal
    page.goto(portal("toolkit:list", "it"))
    expect(page.get_by_role("status")).to_contain_text("pratiche")

    member = person("member@example.org")
    context = browser.new_context()
    context.add_cookies([session_cookie(portal, member)])
    own = context.new_page()
    own.goto(portal("accounts:account"))
    own.locator("#id_name").fill("Ada")
    own.get_by_role("button", name="Save your name").click()
    expect(own.get_by_role("status")).to_contain_text("Your name has been saved.")
    context.close()


# The authenticator secret ------------------------------------------------------------


@live_database
def test_the_authenticator_secret_is_text_that_can_be_copied(empty_portal, browser):
    portal = empty_portal
    member = person("member@example.org")
    context = browser.new_context()
    context.add_cookies([session_cookie(portal, member)])
    page = context.new_page()

    page.goto(portal("mfa_activate_totp"))
    page.get_by_label("Password").fill(PASSWORD)  # allauth asks for it once more
    page.locator("form.form button[type=submit]").click()

    secret = page.locator("#authenticator_secret")
    expect(secret).to_be_visible()
    assert secret.evaluate("element => element.tagName") == "CODE"
    assert len(secret.inner_text().strip()) >= 16
    page.evaluate("""() => {
        const range = document.createRange();
        range.selectNodeContents(document.getElementById("authenticator_secret"));
        const selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
    }""")
    assert page.evaluate("window.getSelection().toString()") == secret.inner_text()
    assert page.locator("input[disabled]").count() == 0
    violations = axe_violations(page)
    assert not violations, describe(violations)
    context.close()
