import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from exchanges.models import ActivityStatus, StudyVisit, VisitDocument, VisitParticipation
from tests.factories import (
    PDF_BYTES,
    ActionPlanFactory,
    ClusterFactory,
    PracticeFactory,
    ProjectFactory,
    StudyVisitFactory,
)
from toolkit.models import PracticeStatus

pytestmark = pytest.mark.django_db


def start_page(client):
    return client.get(reverse("workspace:coordination"))


# The start page ---------------------------------------------------------------


def test_start_page_shows_what_waits_for_the_coordinator(client, coordinator, turin):
    project = ProjectFactory(acronym="VALUES", slug="values")
    practice = PracticeFactory(
        title="Welcome walks", organisation=turin, status=PracticeStatus.IN_REVIEW
    )
    StudyVisitFactory(
        title="Visit to Turin",
        host=turin,
        project=project,
        start_date=timezone.localdate() + dt.timedelta(days=10),
        end_date=timezone.localdate() + dt.timedelta(days=11),
        status=ActivityStatus.PLANNED,
    )
    ActionPlanFactory(
        title="Turin's draft plan", organisation=turin, project=project, status="draft"
    )
    client.force_login(coordinator)

    response = start_page(client)

    html = response.content.decode()
    assert "1 practice to review" in html
    assert reverse("workspace:review", kwargs={"pk": practice.pk}) in html
    assert "Welcome walks" in html
    assert "Visit to Turin" in html
    assert "Turin&#x27;s draft plan" in html
    assert reverse("reporting:pdf", kwargs={"slug": "values"}) in html
    assert reverse("workspace:visit_record") in html


def test_start_page_is_for_coordinators_only(client, turin_editor):
    client.force_login(turin_editor)

    assert start_page(client).status_code == 403


def test_start_page_asks_visitors_to_sign_in(client):
    response = start_page(client)

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_account_menu_links_the_start_page_for_coordinators_only(client, coordinator, turin_editor):
    url = reverse("workspace:coordination")
    client.force_login(coordinator)
    assert url in client.get(reverse("home")).content.decode()

    client.force_login(turin_editor)
    assert url not in client.get(reverse("home")).content.decode()


@pytest.mark.parametrize("count", [1, 20])
def test_start_page_query_count_does_not_grow(
    client, coordinator, turin, count, django_assert_num_queries
):
    project = ProjectFactory()
    for number in range(count):
        PracticeFactory(organisation=turin, status=PracticeStatus.IN_REVIEW)
        PracticeFactory(organisation=turin, status=PracticeStatus.DRAFT, published_at=None)
        StudyVisitFactory(
            host=turin,
            project=project,
            cluster=ClusterFactory(project=project),
            start_date=timezone.localdate() + dt.timedelta(days=number + 1),
            end_date=timezone.localdate() + dt.timedelta(days=number + 2),
            status=ActivityStatus.PLANNED,
        )
        ActionPlanFactory(organisation=turin, project=project, status="draft")
    client.force_login(coordinator)
    start_page(client)  # the session's first request reads more (two-factor, language)

    with django_assert_num_queries(16):
        response = start_page(client)

    assert response.status_code == 200


# Recording a study visit on one page --------------------------------------------------


def visit_data(project, host, **extra) -> dict:
    return {
        "visit-title": "Study visit to Turin",
        "visit-project": project.pk,
        "visit-host": host.pk,
        "visit-start_date": "2025-03-12",
        "visit-end_date": "2025-03-13",
        "visit-summary": "",
        "visit-documents_visibility": "public",
        "participants-TOTAL_FORMS": "4",
        "participants-INITIAL_FORMS": "0",
        **extra,
    }


def record(client, data):
    return client.post(reverse("workspace:visit_record"), data)


def test_record_visit_stores_visit_head_counts_and_files(client, coordinator, turin, bristol):
    project = ProjectFactory()
    cluster = ClusterFactory(project=project)
    client.force_login(coordinator)

    response = record(
        client,
        visit_data(
            project,
            turin,
            **{
                "visit-cluster": cluster.pk,
                "visit-agenda_file": SimpleUploadedFile("agenda.pdf", PDF_BYTES),
                "participants-0-organisation": bristol.pk,
                "participants-0-city_staff": "3",
                "participants-0-volunteers": "2",
                "participants-1-organisation": turin.pk,
                "participants-1-migrants": "4",
            },
        ),
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("workspace:coordination")
    visit = StudyVisit.objects.get()
    assert (visit.title, visit.slug, visit.host, visit.cluster, visit.status) == (
        "Study visit to Turin",
        "study-visit-to-turin",
        turin,
        cluster,
        ActivityStatus.COMPLETED,
    )
    counts = {
        p.organisation.slug: (p.city_staff, p.volunteering_staff, p.volunteers, p.migrants)
        for p in VisitParticipation.objects.filter(visit=visit)
    }
    assert counts == {"bristol": (3, 0, 2, 0), "turin": (0, 0, 0, 4)}
    document = VisitDocument.objects.get(visit=visit)
    assert (str(document.title), document.original_filename, document.language) == (
        "Agenda",
        "agenda.pdf",
        "en",
    )


def test_record_visit_in_italian_fills_the_italian_columns(client, coordinator, turin):
    project = ProjectFactory()
    client.force_login(coordinator)

    response = client.post(
        reverse("workspace:visit_record").replace("/en/", "/it/"),
        visit_data(project, turin, **{"visit-title": "Visita a Torino"}),
    )

    assert response.status_code == 302
    visit = StudyVisit.objects.get()
    assert (visit.title_it, visit.title_en) == ("Visita a Torino", None)


def test_record_visit_form_errors_re_render_with_the_data(client, coordinator, turin):
    project = ProjectFactory()
    client.force_login(coordinator)

    response = record(
        client,
        visit_data(
            project,
            turin,
            **{
                "visit-end_date": "2025-03-01",
                "visit-report_file": SimpleUploadedFile("report.pdf", b"<html>not a pdf</html>"),
                "participants-0-organisation": turin.pk,
            },
        ),
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert "The visit cannot end before it starts." in html
    assert "Give at least one person for this organisation." in html
    assert 'value="Study visit to Turin"' in html
    # The report is refused by its content (core/files.py), not by its name.
    assert response.context["form"].errors["report_file"]
    assert not StudyVisit.objects.exists()


def test_record_visit_refuses_a_file_that_is_not_what_its_name_says(client, coordinator, turin):
    client.force_login(coordinator)

    response = record(
        client,
        visit_data(
            ProjectFactory(),
            turin,
            **{"visit-agenda_file": SimpleUploadedFile("agenda.pdf", b"<html>x</html>")},
        ),
    )

    assert "accepted kinds" in response.content.decode()
    assert not StudyVisit.objects.exists()
    assert not VisitDocument.objects.exists()


def test_record_visit_refuses_a_cluster_of_another_project(client, coordinator, turin):
    project = ProjectFactory()
    other = ClusterFactory(project=ProjectFactory())
    client.force_login(coordinator)

    response = record(client, visit_data(project, turin, **{"visit-cluster": other.pk}))

    assert "Choose a cluster of the visit&#x27;s project." in response.content.decode()
    assert not StudyVisit.objects.exists()


def test_record_visit_is_for_coordinators_only(client, turin_editor, turin):
    client.force_login(turin_editor)

    assert client.get(reverse("workspace:visit_record")).status_code == 403
    assert record(client, visit_data(ProjectFactory(), turin)).status_code == 403
    assert not StudyVisit.objects.exists()


def test_record_visit_gives_a_new_slug_when_the_title_is_taken(client, coordinator, turin):
    project = ProjectFactory()
    StudyVisitFactory(slug="study-visit-to-turin")
    client.force_login(coordinator)

    record(client, visit_data(project, turin))

    assert StudyVisit.objects.filter(slug="study-visit-to-turin-2").exists()
