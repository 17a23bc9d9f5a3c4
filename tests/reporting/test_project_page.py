from decimal import Decimal

from django.urls import reverse

from cities.models import ParticipationRole
from tests.factories import ClusterFactory, ParticipationFactory, ProjectFactory
from tests.html_checks import assert_valid_page


def test_project_page_shows_targets_partners_roles_and_contributions(client, turin, bristol):
    values = ProjectFactory(acronym="VALUES", slug="values", name="Volunteering Activities")
    ParticipationFactory(
        project=values,
        organisation=turin,
        role=ParticipationRole.LEAD,
        eu_contribution=Decimal("1000.50"),
    )
    ParticipationFactory(project=values, organisation=bristol, eu_contribution=None)
    ClusterFactory(project=values, name="Welcoming culture")

    response = client.get(values.get_absolute_url())

    html = response.content.decode()
    assert "<title>VALUES — Volunteering Activities · VALUES Portal</title>" in html
    assert "Target: 16" in html
    assert "Target: 8" in html
    assert "Lead partner" in html
    assert "1,000.50" in html
    assert "Not known" in html
    assert "Total of known contributions" in html
    assert "Welcoming culture" in html
    assert_valid_page(response)


def test_project_page_links_the_public_report_summary(client, db):
    values = ProjectFactory(acronym="VALUES", slug="values")

    html = client.get(values.get_absolute_url()).text

    assert f'href="{reverse("reporting:summary", kwargs={"slug": "values"})}"' in html
