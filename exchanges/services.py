import datetime as dt
import logging
import secrets

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from cities.models import Organisation
from core.events import event_record, original_title
from core.mail import mail_send
from core.models import EventKind
from exchanges.models import (
    HEAD_COUNT_ROLES,
    NEEDS_KEPT_DAYS,
    REMINDER_DAYS_BEFORE,
    ActionPlan,
    ActionPlanVersion,
    ActionStatus,
    ActivityStatus,
    PlanAction,
    PublicationStatus,
    RegistrationStatus,
    StaffExchange,
    StudyVisit,
    Transfer,
    VisitDocument,
    VisitParticipation,
    VisitRegistration,
    VisitTakeHome,
)
from toolkit.models import Practice
from values_portal.users.models import User

logger = logging.getLogger(__name__)


class VersionLabelTaken(Exception):
    """Another upload gave the plan a version with this label first."""


def action_plan_publish(*, plan: ActionPlan, by: User) -> ActionPlan:
    """Publish an action plan; a plan published before keeps its first date."""
    plan.status = PublicationStatus.PUBLISHED
    plan.published_at = plan.published_at or timezone.now()
    plan.save(update_fields=["status", "published_at", "updated_at"])
    event_record(
        kind=EventKind.PLAN_PUBLISHED, about=plan, title=plan.title, language=plan.language
    )
    logger.info("Action plan %s published by user %s", plan.pk, by.pk)
    return plan


def action_plan_unpublish(*, plan: ActionPlan, by: User) -> ActionPlan:
    """Take an action plan back to draft; ``published_at`` is kept for a later republication."""
    plan.status = PublicationStatus.DRAFT
    plan.save(update_fields=["status", "updated_at"])
    logger.info("Action plan %s unpublished by user %s", plan.pk, by.pk)
    return plan


def action_plan_version_upload(
    *, plan: ActionPlan, file: UploadedFile, version_label: str, by: User
) -> ActionPlanVersion:
    """Store a new version of a plan; its size and checksum are computed on save."""
    version = ActionPlanVersion(plan=plan, file=file, version_label=version_label, uploaded_by=by)
    try:
        with transaction.atomic():
            version.save()
    except IntegrityError:
        # The file is stored before the row is inserted: a refused row leaves no file.
        if version.file.name:
            version.file.storage.delete(version.file.name)
        # Two uploads with one label passed the form's check at the same moment.
        if ActionPlanVersion.objects.filter(plan=plan, version_label=version_label).exists():
            raise VersionLabelTaken(version_label) from None
        raise
    plan_version_recorded(version=version)
    logger.info("Action plan %s: version %s uploaded by user %s", plan.pk, version.pk, by.pk)
    return version


def plan_version_recorded(*, version: ActionPlanVersion) -> None:
    """A new version of a published plan is news; versions of a draft are not."""
    plan = version.plan
    if plan.status == PublicationStatus.PUBLISHED:
        event_record(
            kind=EventKind.PLAN_VERSION,
            about=plan,
            key=version.pk,
            title=plan.title,
            language=plan.language,
        )


def study_visit_recorded(*, visit: StudyVisit, created: bool, lessons_before: str = "") -> None:
    """After a visit is saved: announced when new, lessons published when they first appear."""
    title, language = original_title(visit)
    if created:
        event_record(kind=EventKind.VISIT_ANNOUNCED, about=visit, title=title, language=language)
    if visit.lessons_learned.strip() and not lessons_before.strip():
        event_record(kind=EventKind.VISIT_LESSONS, about=visit, title=title, language=language)


def study_visit_open_registration(*, visit: StudyVisit, by: User) -> None:
    """A coordinator announces that people may now register for the visit (once per visit)."""
    title, language = original_title(visit)
    event_record(kind=EventKind.VISIT_OPEN, about=visit, title=title, language=language)
    logger.info("Study visit %s opened for registration by user %s", visit.pk, by.pk)


def staff_exchange_recorded(*, exchange: StaffExchange) -> None:
    title, language = original_title(exchange)
    event_record(kind=EventKind.STAFF_EXCHANGE, about=exchange, title=title, language=language)


def transfer_recorded(*, transfer: Transfer) -> None:
    """Each stage a transfer reaches is news once (a stage reached again is not)."""
    title, language = original_title(transfer.practice, transfer.practice.language)
    event_record(
        kind=EventKind.TRANSFER_STAGE,
        about=transfer,
        key=transfer.stage,
        title=title,
        language=language,
    )


def plan_action_set_status(
    *, action: PlanAction, status: str, dropped_reason: str, by: User
) -> PlanAction:
    """Move an action to ``status``; only a dropped action keeps a reason."""
    action.status = status
    action.dropped_reason = dropped_reason.strip() if status == ActionStatus.DROPPED else ""
    action.save(update_fields=["status", "dropped_reason", "updated_at"])
    logger.info("Plan action %s set to %s by user %s", action.pk, status, by.pk)
    return action


def plan_action_accept(*, action: PlanAction, by: User) -> PlanAction:
    """Make an action proposed after a study visit part of its plan."""
    action.is_proposal = False
    action.save(update_fields=["is_proposal", "updated_at"])
    logger.info("Plan action %s accepted by user %s", action.pk, by.pk)
    return action


# Study visit registrations ------------------------------------------------------


class RegistrationRefused(Exception):
    """Registering or cancelling is not possible: closed, not invited, or no consent."""


def _has_room(visit: StudyVisit, organisation: Organisation) -> bool:
    confirmed = VisitRegistration.objects.filter(visit=visit).confirmed()
    if visit.capacity is not None and confirmed.count() >= visit.capacity:
        return False
    return not (
        visit.capacity_per_organisation is not None
        and confirmed.filter(organisation=organisation).count() >= visit.capacity_per_organisation
    )


def _registration_mail(registration: VisitRegistration, template: str) -> None:
    if registration.user is None:
        return
    visit = registration.visit
    mail_send(
        template=f"exchanges/email/{template}",
        context={
            "registration": registration,
            "visit": visit,
            "visit_url": settings.PORTAL_URL + visit.get_absolute_url(),
            "account_url": settings.PORTAL_URL + reverse("accounts:account"),
        },
        recipients=[registration.user.email],
    )


def _locked(visit: StudyVisit) -> StudyVisit:
    # One registration or cancellation of a visit at a time: places are counted, then taken.
    return StudyVisit.objects.select_for_update().get(pk=visit.pk)


def visit_register(
    *,
    visit: StudyVisit,
    user: User,
    organisation: Organisation,
    role: str,
    name: str,
    needs: str = "",
    consent: bool,
) -> VisitRegistration:
    """Give ``user`` a place at ``visit``, or a place on its waiting list when it is full."""
    if not consent:
        raise RegistrationRefused("Registration needs consent.")
    with transaction.atomic():
        visit = _locked(visit)
        if not visit.accepts_registrations():
            raise RegistrationRefused("Registration is closed.")
        if not visit.organisations_for(user).filter(pk=organisation.pk).exists():
            raise RegistrationRefused("The visit does not invite this organisation.")
        registration = VisitRegistration.objects.filter(visit=visit, user=user).first()
        if registration and registration.status != RegistrationStatus.CANCELLED:
            raise RegistrationRefused("Already registered.")
        registration = registration or VisitRegistration(visit=visit, user=user)
        registration.organisation = organisation
        registration.role = role
        registration.name = name.strip()
        registration.needs = needs.strip()
        registration.consent = True
        registration.queued_at = timezone.now()
        registration.status = (
            RegistrationStatus.CONFIRMED
            if _has_room(visit, organisation)
            else RegistrationStatus.WAITING
        )
        registration.save()
    _registration_mail(
        registration,
        "registration_confirmed"
        if registration.status == RegistrationStatus.CONFIRMED
        else "registration_waiting",
    )
    logger.info("Visit %s: user %s registered (%s)", visit.pk, user.pk, registration.status)
    return registration


def visit_registration_cancel(*, registration: VisitRegistration, by: User) -> VisitRegistration:
    """Cancel a place or a place in the queue; a freed place goes to the first who fits."""
    with transaction.atomic():
        visit = _locked(registration.visit)
        registration.refresh_from_db()
        if not visit.accepts_registrations():
            raise RegistrationRefused("Registration is closed.")
        if registration.status == RegistrationStatus.CANCELLED:
            return registration
        registration.status = RegistrationStatus.CANCELLED
        registration.save(update_fields=["status", "updated_at"])
        promoted = _promote_waiting(visit)
    for moved_up in promoted:
        _registration_mail(moved_up, "registration_moved_up")
    logger.info("Visit %s: registration %s cancelled by %s", visit.pk, registration.pk, by.pk)
    return registration


def _promote_waiting(visit: StudyVisit) -> list[VisitRegistration]:
    """Confirm, in order of registration, everyone on the waiting list who now fits."""
    promoted = []
    confirmed = VisitRegistration.objects.filter(visit=visit).confirmed()
    for waiting in VisitRegistration.objects.filter(visit=visit).waiting().select_related("user"):
        if visit.capacity is not None and confirmed.count() >= visit.capacity:
            break
        # Someone from an organisation that has used its places waits; the next may fit.
        if _has_room(visit, waiting.organisation):
            waiting.status = RegistrationStatus.CONFIRMED
            waiting.save(update_fields=["status", "updated_at"])
            promoted.append(waiting)
    return promoted


def registration_mark_attended(
    *, registration: VisitRegistration, attended: bool, by: User
) -> VisitRegistration:
    """Record at the door whether someone came; the head counts follow attendance."""
    if registration.status != RegistrationStatus.CONFIRMED:
        raise RegistrationRefused("Only someone with a place can attend.")
    with transaction.atomic():
        registration.attended = attended
        if attended and not registration.certificate_code:
            registration.certificate_code = certificate_code_new()
        if not attended:
            registration.certificate_code = None
        registration.save(update_fields=["attended", "certificate_code", "updated_at"])
        visit_head_counts_from_attendance(visit=registration.visit)
    logger.info(
        "Visit registration %s marked %s by user %s",
        registration.pk,
        "attended" if attended else "absent",
        by.pk,
    )
    return registration


def certificate_code_new() -> str:
    # Twelve letters and digits without look-alikes (0/O, 1/I/L): not guessable.
    alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
    code = "".join(secrets.choice(alphabet) for _ in range(12))
    return f"{code[:4]}-{code[4:8]}-{code[8:]}"


def visit_head_counts_from_attendance(*, visit: StudyVisit) -> None:
    """Replace the visit's typed head counts by those counted from attendance."""
    counts: dict[int, dict[str, int]] = {}
    for organisation_id, role in (
        VisitRegistration.objects.filter(visit=visit).attended().values_list("organisation", "role")
    ):
        row = counts.setdefault(organisation_id, dict.fromkeys(HEAD_COUNT_ROLES, 0))
        row[role] += 1
    VisitParticipation.objects.filter(visit=visit).exclude(organisation__in=counts).delete()
    for organisation_id, row in counts.items():
        VisitParticipation.objects.update_or_create(
            visit=visit, organisation_id=organisation_id, defaults=row
        )
    StudyVisit.objects.filter(pk=visit.pk).update(counts_from_attendance=True)
    visit.counts_from_attendance = True


def _claim(registrations, field: str) -> list[VisitRegistration]:
    """Rows whose ``field`` this call set; a row another run claimed first is left out.

    The claim is one ``UPDATE … WHERE field IS NULL`` per row: however many runs
    overlap, the database lets exactly one of them set it, so each mail goes once.
    """
    now = timezone.now()
    claimed = []
    for registration in registrations:
        if VisitRegistration.objects.filter(
            pk=registration.pk, **{f"{field}__isnull": True}
        ).update(**{field: now}):
            claimed.append(registration)
    return claimed


def visit_reminders_send(*, today: dt.date) -> int:
    """Remind everyone with a place at a visit starting in the next few days, once."""
    due = (
        VisitRegistration.objects.confirmed()
        .filter(
            reminder_sent_at__isnull=True,
            user__isnull=False,
            visit__status=ActivityStatus.PLANNED,
            visit__start_date__gte=today,
            visit__start_date__lte=today + dt.timedelta(days=REMINDER_DAYS_BEFORE),
        )
        .select_related("visit__host", "user", "organisation")
    )
    claimed = _claim(due, "reminder_sent_at")
    for registration in claimed:
        _registration_mail(registration, "registration_reminder")
    return len(claimed)


def visit_take_home_ask(*, today: dt.date) -> int:
    """Ask each attendee of an ended visit, once, what they will take home."""
    due = (
        VisitRegistration.objects.attended()
        .filter(take_home_asked_at__isnull=True, user__isnull=False, visit__end_date__lt=today)
        .select_related("visit__host", "user", "organisation")
    )
    claimed = _claim(due, "take_home_asked_at")
    for registration in claimed:
        _registration_mail(registration, "take_home_question")
    return len(claimed)


def visit_needs_erase(*, today: dt.date) -> int:
    """Erase accessibility and dietary needs ``NEEDS_KEPT_DAYS`` after a visit ended."""
    return (
        VisitRegistration.objects.filter(
            visit__end_date__lt=today - dt.timedelta(days=NEEDS_KEPT_DAYS)
        )
        .exclude(needs="")
        .update(needs="")
    )


def registrations_anonymise(*, user: User) -> int:
    """Keep ``user``'s registrations as anonymous head counts; their personal data goes."""
    return VisitRegistration.objects.filter(user=user).update(
        user=None, name="", needs="", certificate_code=None
    )


def take_home_record(
    *,
    registration: VisitRegistration,
    practices: list[Practice],
    other_practices: str,
    action_title: str = "",
    action_description: str = "",
) -> VisitTakeHome:
    """Store what an attendee takes home; a proposed action goes to their organisation's
    plan as a proposal its editors accept."""
    with transaction.atomic():
        take_home, _created = VisitTakeHome.objects.update_or_create(
            registration=registration, defaults={"other_practices": other_practices.strip()}
        )
        take_home.practices.set(practices[:3])
        if action_title.strip() and take_home.action_id is None:
            visit = registration.visit
            plan = (
                ActionPlan.objects.filter(
                    organisation=registration.organisation, project=visit.project
                )
                .order_by("-status", "-updated_at")
                .first()
            ) or _draft_plan(registration.organisation, visit)
            action = PlanAction.objects.create(
                plan=plan,
                title=action_title.strip()[:200],
                description=action_description.strip(),
                is_proposal=True,
                position=plan.actions.count() + 1,
            )
            action.inspired_by_visits.add(visit)
            action.inspired_by_practices.set(practices[:3])
            take_home.action = action
            take_home.save(update_fields=["action", "updated_at"])
    return take_home


def _draft_plan(organisation: Organisation, visit: StudyVisit) -> ActionPlan:
    base = slugify(f"{organisation.slug}-{visit.project.slug}-plan")[:180]
    slug, n = base, 1
    while ActionPlan.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return ActionPlan.objects.create(
        organisation=organisation,
        project=visit.project,
        title=str(_("Action plan of %(organisation)s") % {"organisation": organisation.name}),
        slug=slug,
    )


# Recording a study visit on one page (the coordinators' start page) ----------------


def study_visit_unique_slug(title: str) -> str:
    base = slugify(title)[:180].strip("-") or "study-visit"
    slug, number = base, 1
    while StudyVisit.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def study_visit_record(
    *,
    visit: StudyVisit,
    participants: list[dict],
    documents: list[dict],
    by: User,
) -> StudyVisit:
    """Store a new visit with its head counts per organisation and its documents.

    ``visit`` is unsaved, its translatable fields set in the language being written
    (modeltranslation fills that language's columns). ``participants`` are
    ``{"organisation": …, "city_staff": 2, …}``, one per organisation (counts of one
    organisation given twice are added up); ``documents`` are ``{"title", "file",
    "visibility", "language"}``. A visit that has ended is recorded as completed.
    """
    today = timezone.localdate()
    if visit.status == ActivityStatus.PLANNED and visit.end_date < today:
        visit.status = ActivityStatus.COMPLETED
    counts: dict[int, VisitParticipation] = {}
    for row in participants:
        organisation = row["organisation"]
        participation = counts.setdefault(
            organisation.pk, VisitParticipation(organisation=organisation)
        )
        for role in HEAD_COUNT_ROLES:
            setattr(participation, role, getattr(participation, role) + (row.get(role) or 0))
    stored: list[str] = []
    try:
        with transaction.atomic():
            visit.slug = visit.slug or study_visit_unique_slug(visit.title)
            visit.save()
            for participation in counts.values():
                participation.visit = visit
            VisitParticipation.objects.bulk_create(counts.values())
            for document in documents:
                row = VisitDocument(visit=visit, **document)
                row.full_clean()  # the file's content too (core.files), whoever calls this
                row.save()
                stored.append(row.file.name)
    except Exception:
        # Files are stored before their rows: a refused visit leaves no file behind.
        for name in stored:
            VisitDocument.file.field.storage.delete(name)
        raise
    study_visit_recorded(visit=visit, created=True)
    logger.info("Study visit %s recorded by user %s", visit.pk, by.pk)
    return visit
