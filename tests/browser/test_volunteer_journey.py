"""Issue 15's volunteer: from the home page to a message sent to the people behind a practice.

Walked in English and Italian on a phone and a desktop, counting the clicks (typing is not
a click), with axe on every page the journey and its outputs changed.
"""

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from cities.models import MembershipRole, Organisation
from tests.browser.conftest import WIDTHS, axe_violations, describe
from tests.factories import MembershipFactory

pytest.importorskip("axe_playwright_python")
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PRACTICE_SLUG = "welcome-walks-with-neighbourhood-hosts"
EDITOR = "editor@amsterdam.example.org"
VOLUNTEER = "ada@example.net"
MOST_CLICKS = 5
SENT = {
    "en": "Your message has been sent to the people behind this practice, at ",
    "it": "Il Suo messaggio è stato inviato alle persone che curano questa pratica, presso ",
}


class Clicks:
    """Clicks a person makes, counted as they are made."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.count = 0

    def __call__(self, locator) -> None:
        self.count += 1
        locator.click()


def assert_no_violations(page: Page, where: str) -> None:
    violations = axe_violations(page)
    assert not violations, f"{where}:\n{describe(violations)}"


@pytest.mark.parametrize("language", ["en", "it"])
@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_volunteer_goes_from_home_to_a_message_sent_in_at_most_five_clicks(
    portal, page, width, language
):
    MembershipFactory(
        user__email=EDITOR,
        organisation=Organisation.objects.get(slug="amsterdam"),
        role=MembershipRole.EDITOR,
    )
    mail.outbox.clear()
    page.set_viewport_size({"width": WIDTHS[width], "height": 800})
    click = Clicks(page)

    page.goto(portal("home", language))
    assert_no_violations(page, f"home ({language}, {width})")
    # The home figures: cities taking part beside their target, the EU amounts known.
    expect(page.locator(".figure__value--known")).to_be_visible()

    click(page.locator(".intro .actions .button").first)  # "Find a practice to copy"
    page.wait_for_url(re.compile(rf"/{language}/toolkit/$"))
    # The results come first, the filters after them (beside them on a desktop); on a
    # phone "Filters (n)" leads to them.
    first_card = page.locator(".results__list .practice-card").first.bounding_box()
    filters = page.locator("#filters").bounding_box()
    if width == "phone":
        assert first_card["y"] < filters["y"]
    else:
        assert first_card["x"] < filters["x"]
    print(f"first practice on the toolkit page ({language}, {width}): y = {first_card['y']:.0f}")
    expect(page.locator(".results__filters a")).to_have_attribute("href", "#filters")
    assert_no_violations(page, f"toolkit ({language}, {width})")

    search = page.locator("#id_q")
    search.fill("neighbourhood hosts")
    search.press("Enter")
    # After searching the reader lands on the results, not at the top of the page.
    page.wait_for_url(re.compile(r"q=neighbourhood\+hosts.*#results$"))
    expect(page.locator(".results__count")).to_be_in_viewport()

    click(page.locator(f'.results__list a[href$="/toolkit/{PRACTICE_SLUG}/"]'))
    page.wait_for_url(re.compile(rf"/toolkit/{PRACTICE_SLUG}/$"))
    # What a volunteer can do comes before the detail for city staff.
    headings = page.locator("h2").all_inner_texts()
    assert headings.index(page.locator("#what-you-can-do").inner_text()) < headings.index(
        page.locator("#for-staff").inner_text()
    )
    assert EDITOR not in page.content()
    assert_no_violations(page, f"practice ({language}, {width})")

    form = page.locator("#contact form")
    form.locator("#id_name").fill("Ada Volunteer")
    form.locator("#id_email").fill("not an address")
    form.locator("#id_message").fill("I could help on Saturdays.")
    click(form.locator("button[type=submit]"))
    # Errors come back on the same page, summarised at the top of the form.
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page).to_have_title(re.compile(r"^(Error|Errore)"))
    assert_no_violations(page, f"practice, form with errors ({language}, {width})")

    page.locator("#id_email").fill(VOLUNTEER)
    click(page.locator("#contact form button[type=submit]"))
    expect(page.locator(".messages")).to_contain_text(SENT[language])
    assert_no_violations(page, f"practice, message sent ({language}, {width})")

    # One click went on correcting the address: the journey itself is three.
    assert click.count - 1 <= MOST_CLICKS
    print(f"volunteer journey ({language}, {width}): {click.count - 1} clicks")
    # No copy to an address anyone could have typed (the volunteer is not signed in).
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == [EDITOR]
    to_editor = next(message for message in mail.outbox if message.to == [EDITOR])
    assert to_editor.reply_to == [VOLUNTEER]


@pytest.mark.parametrize("language", ["en", "it"])
@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_outputs_are_linked_from_every_page_and_read_well(portal, page, width, language):
    page.set_viewport_size({"width": WIDTHS[width], "height": 800})
    page.goto(portal("home", language))

    page.locator(f'footer a[href="/{language}/open-data/"]').click()
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator('a[href="/api/practices/"]')).to_be_visible()
    assert_no_violations(page, f"open data ({language}, {width})")

    page.locator(f'footer a[href="/{language}/visits/#subscribe"]').click()
    subscribe = page.locator("#subscribe")
    expect(subscribe.locator('a[href^="webcal://"]')).to_be_visible()
    expect(subscribe.locator("input[readonly]")).to_have_value(re.compile(r"^http.*calendar\.ics$"))
    assert_no_violations(page, f"study visits ({language}, {width})")

    page.goto(portal("reporting:project_detail", language, slug="values"))
    page.locator('a[href$="/report/values/summary/"]').click()
    expect(page).to_have_url(re.compile(r"/report/values/summary/$"))
    page.goto(portal("reporting:project_detail", language, slug="values"))
    assert_no_violations(page, f"project ({language}, {width})")

    # The benchmarking chart's labels are 12 CSS pixels or more.
    page.goto(portal("toolkit:detail", language, slug=PRACTICE_SLUG))
    chart = page.locator("svg.bench-chart").first
    scale = chart.evaluate("svg => svg.getBoundingClientRect().width / svg.viewBox.baseVal.width")
    assert 13 * scale >= 12, f"chart labels at {13 * scale:.1f} px"
