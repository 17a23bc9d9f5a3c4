"""The coordinator's journey of issue 15, counted in clicks.

Sign in with an authenticator app (the first time: set it up), record a study visit,
publish a practice an editor submitted, download the funder's report as PDF. Once on a
desktop in English with an app already set up, once on a phone in Italian at the first
sign-in. Every click (a link, a button, choosing a file) is counted; typing is not.
"""

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import Page, expect

from cities.models import Organisation
from exchanges.models import StudyVisit, VisitDocument
from tests.authenticator import current_code
from tests.browser.conftest import WIDTHS, axe_violations, describe
from tests.factories import (
    PDF_BYTES,
    TOTP_SECRET,
    PracticeFactory,
    TOTPAuthenticatorFactory,
    UserFactory,
)
from toolkit.models import Practice, PracticeStatus

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "correct horse battery staple"  # tests.factories.UserFactory's
PRACTICE = "Neighbourhood welcome walks"
# Clicks measured when this test was written: a regression shows as a failure.
EXPECTED_CLICKS = {"existing app": 11, "first sign-in": 12}


class Clicks:
    """Clicks on the page, counted per step of the journey."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.steps: dict[str, int] = {}
        self.step = ""

    def on(self, step: str) -> None:
        self.step = step
        self.steps.setdefault(step, 0)

    def click(self, selector: str) -> None:
        self.page.locator(selector).first.click()
        self.steps[self.step] += 1

    def choose_file(self, selector: str, name: str, content: bytes) -> None:
        self.page.locator(selector).set_input_files(
            {"name": name, "mimeType": "application/pdf", "buffer": content}
        )
        self.steps[self.step] += 1

    @property
    def total(self) -> int:
        return sum(self.steps.values())


def no_axe_violations(page: Page) -> None:
    violations = axe_violations(page)
    assert not violations, describe(violations)


@pytest.mark.parametrize(
    ("language", "width", "authenticator"),
    [("en", "desktop", "existing app"), ("it", "phone", "first sign-in")],
)
def test_coordinator_signs_in_records_a_visit_publishes_and_downloads_the_report(
    portal, page, language, width, authenticator
):
    coordinator = UserFactory(email="coordinator@example.org", is_staff=True, is_superuser=True)
    EmailAddress.objects.create(
        user=coordinator, email=coordinator.email, verified=True, primary=True
    )
    if authenticator == "existing app":
        TOTPAuthenticatorFactory(user=coordinator)
    PracticeFactory(
        title=PRACTICE,
        slug="neighbourhood-welcome-walks",
        organisation=Organisation.objects.get(slug="bristol"),
        status=PracticeStatus.IN_REVIEW,
        published_at=None,
    )
    page.set_viewport_size({"width": WIDTHS[width], "height": 900})
    clicks = Clicks(page)

    # Sign in from the home page and go to the coordinators' start page.
    clicks.on("sign in")
    page.goto(portal("home", language))
    clicks.click("nav.account-nav a[href*='/accounts/login/']")
    page.locator("input[name=login]").fill(coordinator.email)
    page.locator("input[name=password]").fill(PASSWORD)
    clicks.click("main button[type=submit]")
    if authenticator == "existing app":
        page.locator("input[name=code]").fill(current_code(TOTP_SECRET, seconds_left=10))
        clicks.click("main button[type=submit]")
        clicks.click("nav.account-nav a[href$='/my-organisation/coordination/']")
    else:
        clicks.click("nav.account-nav a[href$='/my-organisation/coordination/']")
        # Straight to the set-up, no second password; the secret is shown as text.
        expect(page.locator("input[name=code]")).to_be_visible()
        secret = page.locator("#authenticator_secret").inner_text().strip()
        page.locator("input[name=code]").fill(current_code(secret, seconds_left=10))
        clicks.click("main button[type=submit]")
        # The recovery codes, then on to where the coordinator was going.
        clicks.click("main a.button[href$='/my-organisation/coordination/']")
    expect(page).to_have_url(portal("workspace:coordination", language))
    expect(page.locator("html")).to_have_attribute("lang", language)
    no_axe_violations(page)

    # Record a study visit on one page.
    clicks.on("record a visit")
    clicks.click("main a[href$='/coordination/visits/new/']")
    no_axe_violations(page)
    page.locator("#id_visit-title").fill("Study visit to Bristol on youth clubs")
    bristol, turin = (Organisation.objects.get(slug=slug) for slug in ("bristol", "turin"))
    page.locator("#id_visit-host").select_option(value=str(bristol.pk))
    page.locator("#id_visit-start_date").fill("2025-05-06")
    page.locator("#id_visit-end_date").fill("2025-05-07")
    page.locator("#id_participants-0-organisation").select_option(value=str(turin.pk))
    page.locator("#id_participants-0-city_staff").fill("3")
    page.locator("#id_participants-0-volunteers").fill("2")
    clicks.choose_file("#id_visit-agenda_file", "agenda.pdf", PDF_BYTES)
    clicks.click("main form button[type=submit]")
    expect(page).to_have_url(portal("workspace:coordination", language))
    visit = StudyVisit.objects.get(host__slug="bristol", start_date="2025-05-06")
    assert visit.participations.get().city_staff == 3
    assert VisitDocument.objects.filter(visit=visit).count() == 1

    # Publish the practice an editor submitted.
    clicks.on("publish a practice")
    clicks.click(f"main a:has-text('{PRACTICE}')")
    clicks.click("main button[name=decision][value=published]")
    assert Practice.objects.get(title_en=PRACTICE).status == PracticeStatus.PUBLISHED

    # The report to the funder, as PDF.
    clicks.on("report PDF")
    clicks.click("nav.account-nav a[href$='/my-organisation/coordination/']")
    with page.expect_download() as download:
        clicks.click("main a[href$='/report.pdf']")
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    print(f"\nCoordinator journey ({language}, {WIDTHS[width]} px, {authenticator}):", clicks.steps)
    assert clicks.total == EXPECTED_CLICKS[authenticator], clicks.steps
