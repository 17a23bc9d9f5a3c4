import pytest
from django.conf import settings
from django.template.loader import get_template
from django.test import RequestFactory
from django.urls import reverse
from django.views.defaults import server_error

from exchanges.models import PublicationStatus, Visibility
from tests.factories import (
    ActionPlanFactory,
    ClusterFactory,
    PracticeFactory,
    StaffExchangeFactory,
    StudyVisitFactory,
)
from tests.html_checks import assert_valid_page, html_problems
from toolkit.models import PracticeStatus

NAVIGATION = [
    "toolkit:list",
    "network:partner_list",
    "network:cluster_list",
    "exchanges:visit_list",
    "exchanges:exchange_list",
    "exchanges:plan_list",
]


def test_layout_has_skip_link_navigation_and_funding_statement(client, db):
    response = client.get(reverse("privacy"))

    html = response.content.decode()
    assert '<a class="skip-link" href="#main">Skip to main content</a>' in html
    assert '<main id="main"' in html
    for name in NAVIGATION:
        # Once in the phone menu, once in the desktop bar.
        assert html.count(f'href="{reverse(name)}"') == 2, name
    assert "<details" in html
    assert '<summary><span class="site-nav__icon" aria-hidden="true"></span>Menu</summary>' in html
    assert "Asylum, Migration and Integration Fund (AMIF)" in html
    assert f'href="{reverse("privacy")}"' in html
    assert f'href="{reverse("accessibility")}"' in html
    assert '<nav class="breadcrumbs" aria-label="Breadcrumb">' in html
    assert '<span aria-current="page">Privacy notice</span>' in html
    assert "<title>Privacy notice · VALUES Portal</title>" in html
    assert_valid_page(response)


def test_navigation_marks_the_current_section(client, db):
    html = client.get(reverse("network:partner_list")).content.decode()

    assert f'href="{reverse("network:partner_list")}" aria-current="page"' in html
    assert f'href="{reverse("network:cluster_list")}" aria-current' not in html


def test_privacy_notice_says_what_is_stored_and_why(client, db):
    response = client.get(reverse("privacy"))

    html = response.content.decode()
    assert "<h1>Privacy notice</h1>" in html
    for words in ["email address", "your name", "memberships", "Server logs", "CSRF", "language"]:
        assert words in html
    assert "No third parties" in html


def test_accessibility_statement_gives_target_testing_and_reporting(client, db):
    response = client.get(reverse("accessibility"))

    html = response.content.decode()
    assert "WCAG" in html
    assert "2.1" in html
    assert "level AA" in html
    assert "How we test" in html
    assert "Report a problem" in html
    assert_valid_page(response)


def test_404_page_uses_the_layout(client, db):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "<h1>Page not found</h1>" in html
    assert "Skip to main content" in html
    assert "AMIF" in html
    assert_valid_page(response)


def test_unknown_slugs_are_404(client, db):
    for url in ["/en/partners/nobody/", "/en/clusters/nothing/", "/en/projects/none/"]:
        response = client.get(url)
        assert response.status_code == 404
        assert "Page not found" in response.content.decode()


def test_500_page_renders_without_a_request_context(db):
    html = get_template("500.html").render()

    assert "Sorry, something went wrong" in html
    assert "Skip to main content" in html
    assert f"· {settings.PORTAL_NAME}</title>" in html  # no context processor without a request
    assert not html_problems(html)

    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Sorry, something went wrong" in response.content.decode()


def test_a_refused_form_gets_the_portal_s_page_not_django_s(db):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    response = browser.post(reverse("account_login"), {"login": "a@example.org", "password": "x"})

    assert response.status_code == 403
    html = response.content.decode()
    assert "Your form could not be sent" in html
    assert "Skip to main content" in html
    assert "<style" not in html  # Django's own page has one, which the CSP blocks
    assert_valid_page(response)


def test_a_page_for_others_gets_the_portal_s_403_page(client, turin_editor):
    client.force_login(turin_editor)

    response = client.get(reverse("workspace:coordination"))

    assert response.status_code == 403
    html = response.content.decode()
    assert "You cannot see this page" in html
    assert "Skip to main content" in html
    assert_valid_page(response)


def test_a_request_for_an_unknown_host_gets_the_portal_s_400_page(db):
    from django.test import Client

    response = Client(raise_request_exception=False).get(
        "/en/", headers={"host": "elsewhere.example"}
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "The request could not be understood" in html
    assert "<style" not in html
    assert not html_problems(html)


def test_sitemap_lists_public_content_and_leaves_out_drafts(client, turin):
    published = PracticeFactory(slug="homework-clubs")
    draft = PracticeFactory(slug="secret-draft", status=PracticeStatus.DRAFT, published_at=None)
    public_plan = ActionPlanFactory(slug="public-plan")
    members_plan = ActionPlanFactory(slug="members-plan", visibility=Visibility.MEMBERS)
    draft_plan = ActionPlanFactory(
        slug="draft-plan", status=PublicationStatus.DRAFT, published_at=None
    )
    visit = StudyVisitFactory(slug="visit-to-turin")
    exchange = StaffExchangeFactory(slug="turin-to-bristol")
    cluster = ClusterFactory(slug="young-migrants")

    response = client.get(reverse("sitemap"))

    assert response.status_code == 200
    xml = response.content.decode()
    for obj in [published, public_plan, visit, exchange, cluster, turin, cluster.project]:
        assert f"<loc>http://testserver{obj.get_absolute_url()}</loc>" in xml
    for obj in [draft, members_plan, draft_plan]:
        assert obj.get_absolute_url() not in xml
    for name in [*NAVIGATION, "home", "privacy", "accessibility"]:
        assert f"<loc>http://testserver{reverse(name)}</loc>" in xml


def test_robots_txt_points_to_the_sitemap(client, db):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "User-agent: *" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


@pytest.mark.parametrize(
    ("html", "problem"),
    [
        ('<main><h1>a</h1><p id="x"></p><p id="x"></p></main>', "duplicate id 'x'"),
        ("<main><h1>a</h1><ul><div></div></ul></main>", "<div> directly inside <ul>"),
        ('<main><h1>a</h1><a href="#nowhere">x</a></main>', "href points to missing id"),
        ("<main><h1>a</h1><h1>b</h1></main>", "2 <h1> elements"),
        ('<main><h1 style="color: red">a</h1></main>', "inline style on <h1>"),
    ],
)
def test_html_checker_catches_common_mistakes(html, problem):
    assert any(problem in found for found in html_problems(html))
