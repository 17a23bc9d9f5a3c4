"""City staff: a forwarded members-only plan → an account → membership → the plan, in clicks.

A colleague forwards the link of Bristol's members-only action plan. The newcomer
opens it signed out, learns what it is and how to get it, creates an account,
confirms the address from the mail, asks to join Bristol, is confirmed by Bristol's
editor, and then downloads the plan. Once a member, the download is counted in
clicks from the home page. English and Italian, on a phone and a desktop; axe on
the explanation page, the sign-up and the sign-in page.
"""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.utils import translation
from playwright.sync_api import Locator, Page, expect

from cities.models import Membership, MembershipRole, Organisation
from cities.services import membership_decide
from exchanges.models import ActionPlan
from tests.browser.conftest import WIDTHS, axe_violations, describe
from tests.factories import ActionPlanVersionFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PLAN = "bristol-action-plan-young-migrants"
NEWCOMER = "newcomer@bristol.example.org"
NEW_PASSWORD = "a long passphrase 42"
MOST_CLICKS = 5


class Clicks:
    """Counts the clicks a person makes, so the journey's length is measured, not guessed."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, target: Locator) -> None:
        self.count += 1
        target.click()


def no_violations(page: Page) -> None:
    violations = axe_violations(page)
    assert not violations, f"{page.url}\n{describe(violations)}"


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("language", ["en", "it"])
def test_city_staff_get_a_forwarded_members_only_plan(portal, page, language, width):
    def _(text: str) -> str:
        with translation.override(language):
            return translation.gettext(text)

    page.set_viewport_size({"width": WIDTHS[width], "height": 800})
    plan = ActionPlan.objects.select_related("organisation").get(slug=PLAN)
    ActionPlanVersionFactory(plan=plan, version_label="1.0")  # action-plan.pdf
    bristol = Organisation.objects.get(slug="bristol")
    editor = UserFactory(email="editor@bristol.example.org")
    EmailAddress.objects.create(user=editor, email=editor.email, verified=True, primary=True)
    MembershipFactory(user=editor, organisation=bristol, role=MembershipRole.EDITOR)
    forwarded = portal("exchanges:plan_detail", language, slug=PLAN)

    # The forwarded link, signed out: what it is and how to get it, never a bare 404.
    response = page.goto(forwarded)
    assert response.status == 403
    main = page.get_by_role("main")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        _("For members of partner organisations")
    )
    expect(main).to_contain_text(plan.title)
    expect(main).to_contain_text(plan.organisation.city)
    expect(main.get_by_role("link", name=_("Sign in"), exact=True)).to_have_attribute(
        "href", re.compile(r"\?next=")
    )
    assert not main.locator(".file-link").count()
    no_violations(page)

    # The sign-in page it offers passes axe too; the newcomer has no account yet.
    main.get_by_role("link", name=_("Sign in"), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(_("Sign in"))
    no_violations(page)
    page.go_back()

    page.get_by_role("main").get_by_role("link", name=_("Create an account")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(_("Create an account"))
    no_violations(page)
    form = page.get_by_role("main").locator("form")
    form.get_by_label(_("Email address")).fill(NEWCOMER)
    form.get_by_label(_("Password"), exact=True).fill(NEW_PASSWORD)
    form.get_by_label(_("Password again")).fill(NEW_PASSWORD)
    form.get_by_role("button", name=_("Create an account")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(_("Confirm your email address"))

    # The mail names the portal and holds the link whole.
    message = mail.outbox[-1]
    assert "127.0.0.1" not in message.subject
    link = re.search(r"^https?://\S+/confirm-email/\S+/$", message.body, re.MULTILINE).group(0)
    page.goto(re.sub(r"^https?://[^/]+", portal.url, link))
    page.get_by_role("main").get_by_role("button", name=_("Confirm")).click()

    # Signed in but not a member: the same link now says how to join.
    page.goto(forwarded)
    page.get_by_role("main").get_by_role("link", name=_("Ask to join your organisation")).click()
    page.get_by_label(_("Your organisation")).select_option("bristol")
    page.get_by_role("main").get_by_role("button", name=_("Ask to join")).click()
    membership = Membership.objects.get(user__email=NEWCOMER, organisation=bristol)
    membership_decide(membership=membership, confirm=True, by=editor, account_url=portal.url)

    # A member now: from the home page to the downloaded plan.
    click = Clicks()
    page.goto(portal("home", language))
    if width == "phone":
        click(page.get_by_role("navigation", name=_("Main")).locator("summary"))
    click(
        page.get_by_role("navigation", name=_("Main")).get_by_role("link", name=_("Action plans"))
    )
    click(page.get_by_role("main").get_by_role("link", name=plan.title))
    with page.expect_download() as download_info:
        click(page.locator(".plan-download .file-link").first)
    with open(download_info.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    print(f"city staff, {language}, {width}: {click.count} clicks from home to the plan")
    assert click.count <= MOST_CLICKS
