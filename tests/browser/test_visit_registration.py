"""A study visit as an event, in the browser: register, be marked attended at the door on
a phone, download the certificate."""

import io
import re

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from cities.models import MembershipRole, Organisation
from tests.browser.conftest import WIDTHS
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "correct horse battery staple"  # tests.factories.UserFactory's
VISIT = "ostend-neighbourhood-cooperation-visit"  # the demo's visit open for registration


def _person(email: str, organisation: str, role: str) -> None:
    user = UserFactory(email=email)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    MembershipFactory(
        user=user, organisation=Organisation.objects.get(slug=organisation), role=role
    )


def _sign_in(page: Page, portal, email: str) -> None:
    page.goto(portal("account_login"))
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Sign in").click()


def test_register_be_marked_attended_on_a_phone_and_download_the_certificate(portal, browser):
    _person("staff@turin.example.org", "turin", MembershipRole.MEMBER)
    _person("editor@ostend.example.org", "ostend", MembershipRole.EDITOR)
    phone = {"viewport": {"width": WIDTHS["phone"], "height": 800}}

    # City staff of Turin register on the visit's page.
    staff = browser.new_context(**phone).new_page()
    _sign_in(staff, portal, "staff@turin.example.org")
    staff.goto(portal("exchanges:visit_detail", slug=VISIT))
    staff.get_by_label("Your name").fill("Giulia Rossi")
    staff.get_by_label("You come as").select_option(index=0)
    staff.get_by_role("checkbox").check()
    staff.get_by_role("button", name="Register").click()
    expect(staff.get_by_role("button", name="Cancel my registration")).to_be_visible()

    # At the door, the host's editor marks her attended, on a phone.
    host = browser.new_context(**phone).new_page()
    _sign_in(host, portal, "editor@ostend.example.org")
    host.goto(portal("workspace:visit_registrations", slug=VISIT))
    host.get_by_role("button", name=re.compile(r"Mark attended\W+Giulia Rossi")).click()
    expect(host.get_by_text("Attended").first).to_be_visible()
    assert host.evaluate("document.documentElement.scrollWidth") <= WIDTHS["phone"]

    # Her certificate names her, the visit and the host city.
    staff.goto(portal("exchanges:visit_detail", slug=VISIT))
    with staff.expect_download() as download_info:
        staff.get_by_role("link", name="Download your certificate of attendance").click()
    with open(download_info.value.path(), "rb") as pdf:
        text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.read())).pages)
    assert "Giulia Rossi" in text
    assert "Ostend" in text
