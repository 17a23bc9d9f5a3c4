"""Bad rows are refused by the database itself, whatever path writes them."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.db.models import F

from cities.models import Cluster, Organisation, Participation, ParticipationRole, Project
from exchanges.models import ActionPlan, StaffExchange, StudyVisit, VisitParticipation
from tests import factories
from toolkit.models import Practice, PracticeStatus, Resource

pytestmark = pytest.mark.django_db


def refused(update) -> bool:
    """True when the database rejects the write; the row is left as it was."""
    try:
        with transaction.atomic():
            update()
    except IntegrityError:
        return True
    return False


def test_organisation_slug_is_unique():
    factories.OrganisationFactory(slug="turin")
    assert refused(
        lambda: Organisation.objects.create(
            name="Another Turin", slug="turin", kind="city", city="Turin", country="IT"
        )
    )


@pytest.mark.parametrize(
    ("latitude", "longitude"),
    [(Decimal("91"), Decimal("7")), (Decimal("45"), Decimal("181")), (Decimal("45"), None)],
)
def test_organisation_coordinates_out_of_range_are_refused(latitude, longitude):
    organisation = factories.OrganisationFactory()
    assert refused(
        lambda: Organisation.objects.filter(pk=organisation.pk).update(
            latitude=latitude, longitude=longitude
        )
    )
    organisation.refresh_from_db()
    assert organisation.latitude == Decimal("45.07030")


def test_project_end_before_start_is_refused():
    project = factories.ProjectFactory(start_date=dt.date(2018, 1, 1))
    assert refused(
        lambda: Project.objects.filter(pk=project.pk).update(end_date=dt.date(2017, 12, 31))
    )
    assert not refused(
        lambda: Project.objects.filter(pk=project.pk).update(end_date=dt.date(2020, 3, 31))
    )


def test_participation_contribution_cannot_be_negative():
    participation = factories.ParticipationFactory()
    assert refused(
        lambda: Participation.objects.filter(pk=participation.pk).update(
            eu_contribution=Decimal("-0.01")
        )
    )


def test_participation_is_unique_per_project_and_organisation():
    participation = factories.ParticipationFactory()
    assert refused(
        lambda: Participation.objects.create(
            project=participation.project, organisation=participation.organisation
        )
    )


def test_project_has_at_most_one_lead():
    lead = factories.ParticipationFactory(role=ParticipationRole.LEAD)
    assert refused(
        lambda: factories.ParticipationFactory(project=lead.project, role=ParticipationRole.LEAD)
    )


def test_cluster_slug_is_unique():
    cluster = factories.ClusterFactory(slug="young-migrants")
    assert refused(
        lambda: Cluster.objects.create(
            project=cluster.project, name="Other", short_name="Other", slug="young-migrants"
        )
    )


def test_study_visit_end_before_start_is_refused():
    visit = factories.StudyVisitFactory()
    assert refused(
        lambda: StudyVisit.objects.filter(pk=visit.pk).update(
            end_date=F("start_date") - dt.timedelta(days=1)
        )
    )


def test_study_visit_slug_is_unique():
    factories.StudyVisitFactory(slug="visit-to-turin")
    assert refused(lambda: factories.StudyVisitFactory(slug="visit-to-turin"))


@pytest.mark.parametrize("field", ["city_staff", "volunteering_staff", "volunteers", "migrants"])
def test_visit_head_counts_cannot_be_negative(field):
    participation = factories.VisitParticipationFactory()
    assert refused(
        lambda: VisitParticipation.objects.filter(pk=participation.pk).update(**{field: -1})
    )


def test_staff_exchange_end_before_start_is_refused():
    exchange = factories.StaffExchangeFactory()
    assert refused(
        lambda: StaffExchange.objects.filter(pk=exchange.pk).update(end_date=dt.date(2019, 5, 1))
    )


def test_staff_exchange_needs_two_different_organisations():
    exchange = factories.StaffExchangeFactory()
    assert refused(
        lambda: StaffExchange.objects.filter(pk=exchange.pk).update(hosting=exchange.sending)
    )


def test_staff_exchange_needs_at_least_one_person():
    exchange = factories.StaffExchangeFactory()
    assert refused(lambda: StaffExchange.objects.filter(pk=exchange.pk).update(staff_count=0))


def test_published_action_plan_needs_a_publication_date():
    plan = factories.ActionPlanFactory(status="draft", published_at=None)
    assert refused(lambda: ActionPlan.objects.filter(pk=plan.pk).update(status="published"))
    plan.refresh_from_db()
    assert plan.status == "draft"


def test_action_plan_version_labels_are_unique_per_plan():
    version = factories.ActionPlanVersionFactory(version_label="v1")
    assert refused(
        lambda: factories.ActionPlanVersionFactory(plan=version.plan, version_label="v1")
    )


def test_published_practice_needs_a_publication_date():
    practice = factories.PracticeFactory(status=PracticeStatus.DRAFT, published_at=None)
    assert refused(
        lambda: Practice.objects.filter(pk=practice.pk).update(status=PracticeStatus.PUBLISHED)
    )


def test_practice_slug_is_unique():
    factories.PracticeFactory(slug="buddy-scheme")
    assert refused(lambda: factories.PracticeFactory(slug="buddy-scheme"))


def test_resource_is_a_file_or_a_link_never_both_nor_neither():
    resource = factories.ResourceFactory()
    assert refused(
        lambda: Resource.objects.filter(pk=resource.pk).update(url="https://example.org/guide")
    )
    assert refused(lambda: Resource.objects.filter(pk=resource.pk).update(file=""))
    link = factories.ResourceFactory(file="", url="https://example.org/guide")
    assert link.is_link


def test_uploaded_file_gets_size_checksum_and_generated_name():
    version = factories.ActionPlanVersionFactory()
    assert version.size == len(factories.PDF_BYTES)
    assert len(version.checksum) == 64
    assert version.original_filename == "action-plan.pdf"
    assert "action-plan" not in version.file.name.removeprefix("action-plans/")
