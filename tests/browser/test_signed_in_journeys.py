"""Journeys of people with an account, signing in through the portal's own form."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.test import Client
from playwright.sync_api import Page, expect

from cities.models import MembershipRole, Organisation
from exchanges.models import ActionPlan
from tests.factories import (
    ActionPlanVersionFactory,
    MembershipFactory,
    TOTPAuthenticatorFactory,
    UserFactory,
)
from toolkit.models import Practice, PracticeStatus

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "correct horse battery staple"  # tests.factories.UserFactory's


def _person(email: str, organisation: str, role: str):
    user = UserFactory(email=email)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    MembershipFactory(
        user=user, organisation=Organisation.objects.get(slug=organisation), role=role
    )
    return user


def _sign_in_with_the_form(page: Page, email: str) -> None:
    page.get_by_role("navigation", name="Account").get_by_role("link", name="Sign in").click()
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Sign in").click()


def test_city_staff_member_signs_in_and_downloads_a_members_only_action_plan(portal, page):
    _person("staff@bristol.example.org", "bristol", MembershipRole.MEMBER)
    plan = ActionPlan.objects.get(slug="bristol-action-plan-young-migrants")
    ActionPlanVersionFactory(plan=plan, version_label="1.0")  # action-plan.pdf

    page.goto(portal("exchanges:plan_list"))
    expect(page.get_by_role("link", name=plan.title)).to_have_count(0)  # members only

    _sign_in_with_the_form(page, "staff@bristol.example.org")
    page.goto(portal("exchanges:plan_list"))
    page.get_by_role("link", name=plan.title).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(plan.title)
    with page.expect_download() as download_info:
        page.locator(".versions").get_by_role("link").first.click()
    download = download_info.value
    assert download.suggested_filename == "action-plan.pdf"
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"


def _coordinator_session(portal) -> dict:
    # The admin asks coordinators for their authenticator app's code at sign-in;
    # the session of a signed-in coordinator stands for it here.
    coordinator = UserFactory(email="coordinator@example.org", is_staff=True, is_superuser=True)
    TOTPAuthenticatorFactory(user=coordinator)
    client = Client()
    client.force_login(coordinator)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    return {"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": portal.url}


def test_editor_submits_a_practice_a_coordinator_publishes_it_and_it_is_in_the_toolkit(
    portal, page, browser
):
    _person("editor@bristol.example.org", "bristol", MembershipRole.EDITOR)
    title = "Youth clubs led by young refugees"

    page.goto(portal("home"))
    _sign_in_with_the_form(page, "editor@bristol.example.org")
    page.goto(portal("workspace:organisation", slug="bristol"))
    page.get_by_role("link", name="Write a new practice").click()
    form = page.get_by_role("group", name="The practice")
    form.get_by_label("Title").fill(title)
    form.get_by_label("In short").fill("Young refugees run volunteering activities in youth clubs.")
    form.get_by_label("City of origin").fill("Bristol")
    form.get_by_label("Country of origin").select_option("GB")
    form.get_by_label("Volunteering model").select_option("migrants_volunteer")
    page.get_by_role("button", name="Save the draft").click()
    page.get_by_role("button", name="Send for review").click()
    practice = Practice.objects.get(title_en=title)
    assert practice.status == PracticeStatus.IN_REVIEW

    coordinator = browser.new_context()
    coordinator.add_cookies([_coordinator_session(portal)])
    admin = coordinator.new_page()
    admin.goto(f"{portal.url}/{settings.ADMIN_URL}toolkit/practice/?status__exact=in_review")
    admin.get_by_role("checkbox", name=re.compile(f"Select this object.* - {title}$")).check()
    admin.locator("select[name=action]").select_option("publish")
    admin.get_by_role("button", name="Run").click()
    expect(admin.locator(".messagelist")).to_contain_text("1 practice was published")
    coordinator.close()

    visitor = browser.new_context()
    toolkit = visitor.new_page()
    toolkit.goto(portal("toolkit:list", query="q=refugees"))
    toolkit.get_by_role("link", name=title).click()
    expect(toolkit.get_by_role("heading", level=1)).to_contain_text(title)
    visitor.close()


def test_member_follows_a_cluster_and_reads_what_the_next_digest_would_say(portal, page):
    from tests.browser.conftest import axe_violations, describe

    _person("staff@bristol.example.org", "bristol", MembershipRole.MEMBER)
    page.goto(portal("network:cluster_detail", slug="welcoming-culture"))
    _sign_in_with_the_form(page, "staff@bristol.example.org")

    page.get_by_role("link", name="Follow this cluster").click()
    assert not axe_violations(page), describe(axe_violations(page))
    page.get_by_role("main").get_by_role("button", name="Follow").click()
    expect(page.locator(".messages")).to_contain_text("You follow Welcoming culture.")

    page.goto(portal("accounts:following"))
    # Bristol's working group's cluster by default, and the one just followed.
    expect(page.get_by_role("main").get_by_role("link", name="Welcoming culture")).to_be_visible()
    expect(page.get_by_role("main").get_by_text("(as a member)").first).to_be_visible()
    assert not axe_violations(page), describe(axe_violations(page))

    page.get_by_role("link", name="What your next digest would say").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your next digest")
    assert not axe_violations(page), describe(axe_violations(page))
