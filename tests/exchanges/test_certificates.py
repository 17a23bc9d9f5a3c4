import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.services import user_delete, user_export_data
from exchanges.models import PlanAction, VisitParticipation, VisitRegistration, VisitTakeHome
from exchanges.services import registration_mark_attended, visit_take_home_ask
from tests.factories import (
    ActionPlanFactory,
    PracticeFactory,
    StudyVisitFactory,
    VisitRegistrationFactory,
)
from toolkit.models import PracticeStatus

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def attendee(turin, coordinator):
    visit = StudyVisitFactory(
        title="Welcoming newcomers in Bristol",
        host__name="Bristol City Council",
        host__city="Bristol",
        host__country="GB",
        project__acronym="VALUES",
        project__name="Volunteering Activities to Leverage Urban and European Social integration",
        start_date=dt.date(2026, 3, 10),
        end_date=dt.date(2026, 3, 12),
        hours=Decimal("14"),
    )
    registration = VisitRegistrationFactory(
        visit=visit, organisation=turin, name="Ana Rossi", user__email="ana@turin.example.org"
    )
    return registration_mark_attended(registration=registration, attended=True, by=coordinator)


def pdf_text(content: bytes) -> str:
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_certificate_holds_what_it_certifies(client, attendee):
    client.force_login(attendee.user)

    response = client.get(reverse("exchanges:certificate", kwargs={"slug": attendee.visit.slug}))

    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for shown in [
        "Certificate of attendance",
        "Ana Rossi",
        "City of Turin",
        "Welcoming newcomers in Bristol",
        "Bristol City Council, Bristol",
        "10",
        "12 March 2026",
        "14",
        "VALUES",
        "co-funded by the European Union",
        attendee.certificate_code,
    ]:
        assert shown in text


def test_certificate_is_in_the_interface_language(client, attendee):
    client.force_login(attendee.user)

    response = client.get(
        reverse("exchanges:certificate", kwargs={"slug": attendee.visit.slug}).replace(
            "/en/", "/it/"
        )
    )

    assert "Attestato di partecipazione" in pdf_text(response.content)


def test_no_certificate_without_attendance(client, turin):
    registration = VisitRegistrationFactory(organisation=turin)
    client.force_login(registration.user)

    response = client.get(
        reverse("exchanges:certificate", kwargs={"slug": registration.visit.slug})
    )

    assert response.status_code == 404


def test_verification_confirms_a_genuine_code_and_no_more(client, attendee):
    response = client.get(
        reverse("exchanges:certificate_verify"), {"code": attendee.certificate_code.lower()}
    )

    assert "This certificate is genuine" in response.text
    assert "Ana Rossi" in response.text
    assert "ana@turin.example.org" not in response.text


def test_verification_says_a_wrong_code_is_wrong(client, attendee):
    response = client.get(reverse("exchanges:certificate_verify"), {"code": "AAAA-BBBB-CCCC"})

    assert "No certificate has this code" in response.text
    assert "Ana Rossi" not in response.text


def test_take_home_question_is_mailed_once(attendee):
    assert visit_take_home_ask(today=TODAY) == 1
    assert visit_take_home_ask(today=TODAY) == 0
    assert [m.to for m in mail.outbox] == [["ana@turin.example.org"]]


def test_take_home_with_an_action_proposes_it_to_the_organisations_plan(client, attendee, turin):
    practice = PracticeFactory(
        organisation=attendee.visit.host, title="Welcome walks", status=PracticeStatus.PUBLISHED
    )
    plan = ActionPlanFactory(organisation=turin, project=attendee.visit.project)
    client.force_login(attendee.user)

    client.post(
        reverse("accounts:take_home", kwargs={"pk": attendee.pk}),
        {
            "practices": [practice.pk],
            "other_practices": "Language cafés",
            "action_title": "Start welcome walks in Turin",
        },
    )

    action = PlanAction.objects.get(title="Start welcome walks in Turin")
    assert action.plan == plan
    assert action.is_proposal
    assert list(action.inspired_by_visits.all()) == [attendee.visit]
    assert list(action.inspired_by_practices.all()) == [practice]
    assert VisitTakeHome.objects.get().other_practices == "Language cafés"


def test_a_proposal_is_not_public_until_an_editor_accepts_it(client, attendee, turin, turin_editor):
    from exchanges.services import take_home_record

    take_home = take_home_record(
        registration=attendee, practices=[], other_practices="", action_title="Open a desk"
    )
    plan = take_home.action.plan
    plan.status, plan.published_at = "published", timezone.now()
    plan.save()
    assert "Open a desk" not in client.get(attendee.visit.get_absolute_url()).text
    assert "1 attendee said what they will take home" in client.get(
        attendee.visit.get_absolute_url()
    ).text.replace("One attendee", "1 attendee")

    client.force_login(turin_editor)
    client.post(reverse("workspace:plan_action_accept", kwargs={"pk": take_home.action.pk}))
    client.logout()

    assert "Open a desk" in client.get(attendee.visit.get_absolute_url()).text


def test_more_than_three_practices_are_refused(client, attendee):
    client.force_login(attendee.user)

    response = client.post(
        reverse("accounts:take_home", kwargs={"pk": attendee.pk}),
        {"other_practices": "One\nTwo\nThree\nFour"},
    )

    assert "Name three practices at most." in response.text
    assert not VisitTakeHome.objects.exists()


def test_someone_elses_take_home_is_a_404(client, attendee, member):
    client.force_login(member)

    response = client.get(reverse("accounts:take_home", kwargs={"pk": attendee.pk}))

    assert response.status_code == 404


def test_registrations_are_in_the_data_export(attendee):
    data = user_export_data(user=attendee.user)

    [exported] = data["study_visit_registrations"]
    assert exported["study_visit"] == "Welcoming newcomers in Bristol"
    assert exported["attended"] is True
    assert exported["certificate_code"] == attendee.certificate_code


def test_deleting_the_account_keeps_the_head_counts_anonymously(attendee):
    attendee.needs = "Vegetarian"
    attendee.save()

    user_delete(user=attendee.user)

    registration = VisitRegistration.objects.get()
    assert (registration.user, registration.name, registration.needs) == (None, "", "")
    assert registration.certificate_code is None
    assert registration.attended
    assert VisitParticipation.objects.get(visit=attendee.visit).city_staff == 1


def test_the_account_page_lists_the_visit_with_its_certificate(client, attendee):
    client.force_login(attendee.user)

    response = client.get(reverse("accounts:account"))

    assert "Welcoming newcomers in Bristol" in response.text
    assert reverse("exchanges:certificate", kwargs={"slug": attendee.visit.slug}) in response.text
    assert reverse("accounts:take_home", kwargs={"pk": attendee.pk}) in response.text
