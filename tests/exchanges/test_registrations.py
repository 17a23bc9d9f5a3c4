import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from cities.models import MembershipRole, MembershipStatus
from exchanges.models import (
    ActivityStatus,
    RegistrationScope,
    RegistrationStatus,
    VisitParticipation,
    VisitRegistration,
)
from exchanges.services import (
    RegistrationRefused,
    registration_mark_attended,
    visit_needs_erase,
    visit_register,
    visit_registration_cancel,
    visit_reminders_send,
)
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    StudyVisitFactory,
    UserFactory,
    VisitParticipationFactory,
    VisitRegistrationFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def open_visit(**kwargs):
    defaults = {
        "start_date": TODAY + dt.timedelta(days=20),
        "end_date": TODAY + dt.timedelta(days=21),
        "status": ActivityStatus.PLANNED,
        "registration_open": True,
        "registration_scope": RegistrationScope.PARTNERS,
    }
    return StudyVisitFactory(**{**defaults, **kwargs})


def staff_of(organisation, email=None):
    kwargs = {"user__email": email} if email else {}
    return MembershipFactory(organisation=organisation, **kwargs).user


def register(visit, user, organisation, role="city_staff"):
    return visit_register(
        visit=visit, user=user, organisation=organisation, role=role, name=user.name, consent=True
    )


def test_places_then_waiting_list_when_the_visit_is_full(turin):
    visit = open_visit(capacity=2)
    first, second, third = (staff_of(turin) for _ in range(3))

    assert register(visit, first, turin).status == RegistrationStatus.CONFIRMED
    assert register(visit, second, turin).status == RegistrationStatus.CONFIRMED
    assert register(visit, third, turin).status == RegistrationStatus.WAITING
    assert [m.subject for m in mail.outbox][-1].startswith("You are on the waiting list")


def test_places_per_organisation_send_the_third_of_turin_to_the_queue(turin, bristol):
    visit = open_visit(capacity=10, capacity_per_organisation=2)
    for _ in range(2):
        register(visit, staff_of(turin), turin)

    assert register(visit, staff_of(turin), turin).status == RegistrationStatus.WAITING
    assert register(visit, staff_of(bristol), bristol).status == RegistrationStatus.CONFIRMED


def test_cancelling_moves_the_first_who_fits_up_and_tells_them(turin, bristol):
    visit = open_visit(capacity=2, capacity_per_organisation=1)
    turin_first = register(visit, staff_of(turin), turin)
    register(visit, staff_of(bristol), bristol)
    turin_waiting = register(visit, staff_of(turin, "second@turin.example.org"), turin)
    bristol_waiting = register(visit, staff_of(bristol), bristol)
    mail.outbox.clear()

    visit_registration_cancel(registration=turin_first, by=turin_first.user)

    turin_waiting.refresh_from_db()
    bristol_waiting.refresh_from_db()
    assert turin_waiting.status == RegistrationStatus.CONFIRMED
    assert bristol_waiting.status == RegistrationStatus.WAITING
    assert [m.to for m in mail.outbox] == [["second@turin.example.org"]]


def test_after_the_closing_date_nobody_registers_or_cancels(turin):
    visit = open_visit(registration_closes_on=TODAY - dt.timedelta(days=1))
    user = staff_of(turin)

    with pytest.raises(RegistrationRefused):
        register(visit, user, turin)
    registration = VisitRegistrationFactory(visit=visit, user=user, organisation=turin)
    with pytest.raises(RegistrationRefused):
        visit_registration_cancel(registration=registration, by=user)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED


def test_registration_closes_the_day_before_without_a_date(turin):
    visit = open_visit(start_date=TODAY, end_date=TODAY)

    assert not visit.accepts_registrations()
    assert open_visit(start_date=TODAY + dt.timedelta(days=1)).accepts_registrations()


def test_working_group_visits_invite_only_the_groups_organisations(turin, bristol):
    group = WorkingGroupFactory(members=[turin])
    visit = open_visit(working_group=group, registration_scope=RegistrationScope.WORKING_GROUP)

    register(visit, staff_of(turin), turin)
    with pytest.raises(RegistrationRefused):
        register(visit, staff_of(bristol), bristol)


def test_a_requested_membership_does_not_invite(turin):
    visit = open_visit()
    user = MembershipFactory(organisation=turin, status=MembershipStatus.REQUESTED).user

    with pytest.raises(RegistrationRefused):
        register(visit, user, turin)


def test_registering_twice_is_refused_and_the_database_says_so_too(turin):
    visit = open_visit()
    user = staff_of(turin)
    register(visit, user, turin)

    with pytest.raises(RegistrationRefused):
        register(visit, user, turin)
    with pytest.raises(IntegrityError):
        VisitRegistration.objects.create(visit=visit, user=user, organisation=turin, role="x")


@pytest.mark.parametrize(
    ("persona", "sees_form"),
    [("anonymous", False), ("signed_up", False), ("member", True), ("turin_editor", True)],
)
def test_who_sees_the_register_form(client, request, persona, sees_form):
    visit = open_visit()
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))

    response = client.get(visit.get_absolute_url())

    assert (reverse("exchanges:register", kwargs={"slug": visit.slug}) in response.text) is (
        sees_form
    )
    if persona == "anonymous":
        assert "Sign in to register" in response.text


def test_registering_on_the_page_confirms_the_place_and_mails(client, turin):
    visit = open_visit()
    user = staff_of(turin, "ana@turin.example.org")
    client.force_login(user)

    response = client.post(
        reverse("exchanges:register", kwargs={"slug": visit.slug}),
        {
            "name": "Ana Rossi",
            "organisation": turin.pk,
            "role": "volunteers",
            "needs": "Vegetarian",
            "consent": "on",
        },
        follow=True,
    )

    registration = VisitRegistration.objects.get(visit=visit, user=user)
    assert (registration.name, registration.role, registration.needs) == (
        "Ana Rossi",
        "volunteers",
        "Vegetarian",
    )
    assert "your place is confirmed" in response.text
    assert mail.outbox[-1].to == ["ana@turin.example.org"]


def test_without_consent_the_form_says_what_is_missing(client, turin):
    visit = open_visit()
    client.force_login(staff_of(turin))

    response = client.post(
        reverse("exchanges:register", kwargs={"slug": visit.slug}),
        {"name": "Ana", "organisation": turin.pk, "role": "volunteers"},
    )

    assert response.status_code == 200
    assert "This field is required." in response.text
    assert not VisitRegistration.objects.exists()


def test_cancelling_on_the_page(client, turin):
    visit = open_visit()
    user = staff_of(turin)
    registration = register(visit, user, turin)
    client.force_login(user)

    client.post(reverse("exchanges:cancel", kwargs={"slug": visit.slug}))

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("signed_up", 404),
        ("member", 404),
        ("bristol_editor", 404),
        ("turin_editor", 200),
        ("coordinator", 200),
    ],
)
def test_who_sees_the_registrations(client, request, turin, persona, status):
    visit = open_visit(host=turin)
    VisitRegistrationFactory(visit=visit, name="Ana Rossi", needs="Wheelchair access")
    client.force_login(request.getfixturevalue(persona))

    page = client.get(reverse("workspace:visit_registrations", kwargs={"slug": visit.slug}))
    csv = client.get(reverse("workspace:visit_registrations_csv", kwargs={"slug": visit.slug}))

    assert (page.status_code, csv.status_code) == (status, status)
    if status == 200:
        assert "Wheelchair access" in page.text
        assert "Ana Rossi" in csv.content.decode()


def test_anonymous_is_sent_to_sign_in_for_registrations(client, turin):
    visit = open_visit(host=turin)

    response = client.get(reverse("workspace:visit_registrations", kwargs={"slug": visit.slug}))

    assert response.status_code == 302


def test_needs_are_not_on_the_public_page(client, member):
    visit = open_visit()
    VisitRegistrationFactory(visit=visit, needs="Wheelchair access")
    client.force_login(member)

    assert "Wheelchair access" not in client.get(visit.get_absolute_url()).text


def test_marking_attended_at_the_door_replaces_typed_head_counts(client, turin_editor, turin):
    visit = open_visit(host=turin)
    bristol = OrganisationFactory(name="Bristol Council")
    VisitParticipationFactory(visit=visit, organisation=OrganisationFactory(), city_staff=9)
    came = [
        VisitRegistrationFactory(visit=visit, organisation=bristol, role="city_staff"),
        VisitRegistrationFactory(visit=visit, organisation=bristol, role="migrants"),
        VisitRegistrationFactory(visit=visit, organisation=turin, role="volunteers"),
    ]
    VisitRegistrationFactory(visit=visit, organisation=turin, role="volunteers")  # stayed home
    client.force_login(turin_editor)

    for registration in came:
        client.post(
            reverse("workspace:visit_attendance", kwargs={"pk": registration.pk}),
            {"attended": "on"},
        )

    counts = {
        p.organisation.name: (p.city_staff, p.volunteering_staff, p.volunteers, p.migrants)
        for p in VisitParticipation.objects.filter(visit=visit)
    }
    assert counts == {"Bristol Council": (1, 0, 0, 1), "City of Turin": (0, 0, 1, 0)}
    visit.refresh_from_db()
    assert visit.counts_from_attendance
    assert "Counted from attendance" in client.get(visit.get_absolute_url()).text


def test_typed_head_counts_say_so(client):
    visit = StudyVisitFactory()
    VisitParticipationFactory(visit=visit)

    assert "Typed in by the host" in client.get(visit.get_absolute_url()).text


def test_bristol_cannot_mark_attendance_at_turins_visit(client, bristol_editor, turin):
    registration = VisitRegistrationFactory(visit=open_visit(host=turin))
    client.force_login(bristol_editor)

    response = client.post(
        reverse("workspace:visit_attendance", kwargs={"pk": registration.pk}), {"attended": "on"}
    )

    assert response.status_code == 404
    registration.refresh_from_db()
    assert not registration.attended


def test_reminder_goes_once_and_only_once(turin):
    visit = open_visit(
        start_date=TODAY + dt.timedelta(days=2), end_date=TODAY + dt.timedelta(days=2)
    )
    later = open_visit(
        start_date=TODAY + dt.timedelta(days=30), end_date=TODAY + dt.timedelta(days=30)
    )
    VisitRegistrationFactory(visit=visit, user__email="soon@example.org")
    VisitRegistrationFactory(visit=visit, status=RegistrationStatus.WAITING)
    VisitRegistrationFactory(visit=later)

    assert visit_reminders_send(today=TODAY) == 1
    assert visit_reminders_send(today=TODAY) == 0
    call_command("study_visits_daily", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert [m.to for m in mail.outbox] == [["soon@example.org"]]
    assert VisitRegistration.objects.filter(reminder_sent_at__isnull=False).count() == 1


def test_needs_are_erased_some_days_after_the_visit():
    old = StudyVisitFactory(
        end_date=TODAY - dt.timedelta(days=31), start_date=TODAY - dt.timedelta(days=32)
    )
    recent = StudyVisitFactory(
        end_date=TODAY - dt.timedelta(days=2), start_date=TODAY - dt.timedelta(days=3)
    )
    VisitRegistrationFactory(visit=old, needs="Vegan")
    kept = VisitRegistrationFactory(visit=recent, needs="Vegan")

    assert visit_needs_erase(today=TODAY) == 1
    assert list(VisitRegistration.objects.exclude(needs="")) == [kept]


def test_only_someone_with_a_place_attends(turin, coordinator):
    registration = VisitRegistrationFactory(status=RegistrationStatus.WAITING)

    with pytest.raises(RegistrationRefused):
        registration_mark_attended(registration=registration, attended=True, by=coordinator)
    with pytest.raises(IntegrityError):
        VisitRegistration.objects.filter(pk=registration.pk).update(attended=True)


def test_editor_role_is_unrelated_to_registering(turin):
    editor = MembershipFactory(organisation=turin, role=MembershipRole.EDITOR).user
    visit = open_visit()

    assert register(visit, editor, turin).status == RegistrationStatus.CONFIRMED
    # A signed-up person with no organisation has none to register for.
    assert not visit.organisations_for(UserFactory()).exists()


# Session, user, the coordinator check, the visit (by the editor's organisations), registrations…
REGISTRATIONS_PAGE_QUERIES = 7


@pytest.mark.parametrize("people", [1, 20])
def test_registrations_page_queries_do_not_grow(
    client, turin, turin_editor, people, django_assert_num_queries
):
    visit = open_visit(host=turin)
    VisitRegistrationFactory.create_batch(people, visit=visit)
    client.force_login(turin_editor)
    url = reverse("workspace:visit_registrations", kwargs={"slug": visit.slug})
    client.get(url)

    with django_assert_num_queries(REGISTRATIONS_PAGE_QUERIES):
        response = client.get(url)

    assert response.status_code == 200
