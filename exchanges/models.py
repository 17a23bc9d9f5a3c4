import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cities.models import (
    Cluster,
    MembershipStatus,
    Organisation,
    Project,
    WorkingGroup,
    is_member,
)
from core.content_language import columns_in_every_language
from core.files import FileMetadataMixin, GeneratedName, validate_document
from core.language_urls import reverse_kept
from core.models import CONTENT_LANGUAGES, ExampleFlagModel, TimeStampedModel, Visibility
from toolkit.models import Practice
from values_portal.users.roles import is_coordinator


class ActivityStatus(models.TextChoices):
    # The labels agree with a study visit, in languages with gender ("Completata" in
    # Italian); a staff exchange has its own (EXCHANGE_STATUS_LABELS).
    PLANNED = "planned", pgettext_lazy("study visit status", "Planned")
    COMPLETED = "completed", pgettext_lazy("study visit status", "Completed")
    CANCELLED = "cancelled", pgettext_lazy("study visit status", "Cancelled")


EXCHANGE_STATUS_LABELS = {
    ActivityStatus.PLANNED: pgettext_lazy("staff exchange status", "Planned"),
    ActivityStatus.COMPLETED: pgettext_lazy("staff exchange status", "Completed"),
    ActivityStatus.CANCELLED: pgettext_lazy("staff exchange status", "Cancelled"),
}


# The columns of an activity (a study visit, a staff exchange) that its line shows.
ACTIVITY_LINE_FIELDS = ("title", "slug", "start_date", "end_date", "status", "is_example")

# The columns a visit's line shows (includes/_visit_item.html), of the visit, its host and
# its cluster; its translated title and names come with every language's column.
LINE_FIELDS = (
    *ACTIVITY_LINE_FIELDS,
    "host__name",
    "host__name_language",
    "host__city",
    "host__country",
    "cluster__short_name",
)

# What a partner's or a cluster's page shows of a staff exchange (``for_lines``). An
# exchange is not translated, so its query names each language's column of the partners'
# names itself (modeltranslation does that for translated models only).
EXCHANGE_LINE_FIELDS = (
    *ACTIVITY_LINE_FIELDS,
    *(
        column
        for partner in ("sending", "hosting")
        for column in (
            f"{partner}__name",
            f"{partner}__name_language",
            *columns_in_every_language("name", prefix=f"{partner}__"),
        )
    ),
)


class StudyVisitQuerySet(models.QuerySet):
    def upcoming(self) -> "StudyVisitQuerySet":
        return self.filter(end_date__gte=timezone.localdate()).exclude(
            status=ActivityStatus.CANCELLED
        )

    def past(self) -> "StudyVisitQuerySet":
        return self.filter(end_date__lt=timezone.localdate())

    def completed(self) -> "StudyVisitQuerySet":
        return self.filter(status=ActivityStatus.COMPLETED)

    def for_lists(self) -> "StudyVisitQuerySet":
        """Visits with their host and cluster, read at once."""
        return self.select_related("host", "cluster")

    def for_lines(self) -> "StudyVisitQuerySet":
        """What ``includes/_visit_item.html`` shows, and nothing else: a visit's and its
        host's long texts have a column per language each, which a line never shows."""
        return self.for_lists().only(*LINE_FIELDS)

    def managed_by(self, user) -> "StudyVisitQuerySet":
        """Visits whose registrations ``user`` sees: the host's editors' and every one for
        coordinators; none for anyone else."""
        if not (user.is_authenticated and user.is_active):
            return self.none()
        if is_coordinator(user):
            return self
        return self.filter(host__in=Organisation.objects.editable_by(user))


class RegistrationScope(models.TextChoices):
    WORKING_GROUP = "group", _("Members of the working group's organisations")
    PARTNERS = "partners", _("Members of any partner organisation")


class StudyVisit(TimeStampedModel, ExampleFlagModel):
    """A visit hosted by one city and attended by staff of the others in its group."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    project = models.ForeignKey(
        Project,
        on_delete=models.PROTECT,
        related_name="study_visits",
        verbose_name=_("project"),
    )
    host = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="hosted_visits",
        verbose_name=_("host organisation"),
    )
    cluster = models.ForeignKey(
        Cluster,
        on_delete=models.PROTECT,
        related_name="study_visits",
        null=True,
        blank=True,
        verbose_name=_("cluster"),
    )
    working_group = models.ForeignKey(
        WorkingGroup,
        on_delete=models.SET_NULL,
        related_name="study_visits",
        null=True,
        blank=True,
        verbose_name=_("working group"),
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ActivityStatus.choices,
        default=ActivityStatus.PLANNED,
    )
    summary = models.TextField(_("summary"), blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    lessons_learned = models.TextField(_("lessons learned"), blank=True)
    hours = models.DecimalField(
        _("hours"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_("Hours of programme, printed on certificates of attendance."),
    )
    registration_open = models.BooleanField(
        _("open for registration"),
        default=False,
        help_text=_("People register on the visit's page until the closing date."),
    )
    registration_scope = models.CharField(
        _("who may register"),
        max_length=10,
        choices=RegistrationScope.choices,
        default=RegistrationScope.WORKING_GROUP,
    )
    registration_closes_on = models.DateField(
        _("registration closes on"),
        null=True,
        blank=True,
        help_text=_("The last day to register or cancel; empty: the day before the visit."),
    )
    capacity = models.PositiveSmallIntegerField(
        _("places"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    capacity_per_organisation = models.PositiveSmallIntegerField(
        _("places per organisation"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    counts_from_attendance = models.BooleanField(
        _("head counts from attendance"),
        default=False,
        help_text=_(
            "Set when someone is marked as attended: the head counts are then counted from "
            "attendance, not typed."
        ),
    )
    participants = models.ManyToManyField(
        Organisation,
        through="VisitParticipation",
        related_name="visits_joined",
        verbose_name=_("participating organisations"),
    )

    objects = StudyVisitQuerySet.as_manager()

    class Meta:
        verbose_name = _("study visit")
        verbose_name_plural = _("study visits")
        ordering = ["-start_date", "title"]
        indexes = [
            models.Index(fields=["status", "start_date"]),
            # The lists' order: a page of the latest visits reads the index, not a sort.
            models.Index(fields=["-start_date"], name="studyvisit_list_order"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="studyvisit_end_after_start"
            ),
            models.CheckConstraint(
                condition=Q(registration_closes_on__isnull=True)
                | Q(registration_closes_on__lte=F("end_date")),
                name="studyvisit_registration_closes_by_end",
            ),
            models.CheckConstraint(
                condition=Q(hours__isnull=True) | Q(hours__gt=0), name="studyvisit_hours_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse_kept("exchanges:visit_detail", slug=self.slug)

    @property
    def registration_last_day(self) -> dt.date:
        return self.registration_closes_on or self.start_date - dt.timedelta(days=1)

    def accepts_registrations(self, today: dt.date | None = None) -> bool:
        """Open, planned and not past its closing day: registering and cancelling allowed."""
        today = today or timezone.localdate()
        return (
            self.registration_open
            and self.status == ActivityStatus.PLANNED
            and today <= self.registration_last_day
        )

    def organisations_for(self, user) -> "models.QuerySet[Organisation]":
        """The organisations ``user`` may register for: theirs (confirmed membership) that
        the visit invites."""
        if not (user.is_authenticated and user.is_active):
            return Organisation.objects.none()
        organisations = Organisation.objects.filter(
            memberships__user=user, memberships__status=MembershipStatus.CONFIRMED
        )
        if self.registration_scope == RegistrationScope.WORKING_GROUP and self.working_group_id:
            organisations = organisations.filter(
                Q(working_groups=self.working_group_id) | Q(pk=self.host_id)
            )
        return organisations.distinct().order_by("name")


# The roles a study visit's head counts are kept by: VisitParticipation's fields.
HEAD_COUNT_ROLES = ("city_staff", "volunteering_staff", "volunteers", "migrants")


class VisitParticipation(TimeStampedModel):
    """Who came to a study visit from one organisation, counted by role."""

    visit = models.ForeignKey(
        StudyVisit,
        on_delete=models.CASCADE,
        related_name="participations",
        verbose_name=_("study visit"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="visit_participations",
        verbose_name=_("organisation"),
    )
    city_staff = models.PositiveSmallIntegerField(_("city staff"), default=0)
    volunteering_staff = models.PositiveSmallIntegerField(
        _("volunteering organisation staff"), default=0
    )
    volunteers = models.PositiveSmallIntegerField(_("volunteers"), default=0)
    migrants = models.PositiveSmallIntegerField(_("migrants"), default=0)

    class Meta:
        verbose_name = _("visit participation")
        verbose_name_plural = _("visit participations")
        ordering = ["visit", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["visit", "organisation"], name="visitparticipation_unique"
            ),
            models.CheckConstraint(
                condition=Q(city_staff__gte=0)
                & Q(volunteering_staff__gte=0)
                & Q(volunteers__gte=0)
                & Q(migrants__gte=0),
                name="visitparticipation_counts_non_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} @ {self.visit}"

    @property
    def total(self) -> int:
        return self.city_staff + self.volunteering_staff + self.volunteers + self.migrants


class ParticipantRole(models.TextChoices):
    """A registrant's role; the values are ``HEAD_COUNT_ROLES``, the head counts' fields."""

    CITY_STAFF = "city_staff", _("City staff")
    VOLUNTEERING_STAFF = "volunteering_staff", _("Volunteering organisation staff")
    VOLUNTEER = "volunteers", _("Volunteer")
    MIGRANT = "migrants", _("Migrant or refugee participant")


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Place confirmed")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


# Accessibility and dietary needs are kept this many days after a visit ends, then erased.
NEEDS_KEPT_DAYS = 30
# The reminder goes this many days before a visit starts (or on the first daily run after).
REMINDER_DAYS_BEFORE = 3


class VisitRegistrationQuerySet(models.QuerySet):
    def active(self) -> "VisitRegistrationQuerySet":
        return self.exclude(status=RegistrationStatus.CANCELLED)

    def confirmed(self) -> "VisitRegistrationQuerySet":
        return self.filter(status=RegistrationStatus.CONFIRMED)

    def waiting(self) -> "VisitRegistrationQuerySet":
        return self.filter(status=RegistrationStatus.WAITING).order_by("queued_at", "pk")

    def attended(self) -> "VisitRegistrationQuerySet":
        return self.filter(attended=True)

    def managed_by(self, user) -> "VisitRegistrationQuerySet":
        """Registrations the host's editors and the coordinators see; none for others."""
        return self.filter(visit__in=StudyVisit.objects.managed_by(user))


class VisitRegistration(TimeStampedModel):
    """One person's place (or place in the queue) at a study visit.

    When the account is deleted the row stays, without the person: the head
    counts computed from attendance do not change.
    """

    visit = models.ForeignKey(
        StudyVisit,
        on_delete=models.CASCADE,
        related_name="registrations",
        verbose_name=_("study visit"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="visit_registrations",
        verbose_name=_("person"),
    )
    name = models.CharField(
        _("name"), max_length=200, blank=True, help_text=_("As printed on the certificate.")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="visit_registrations",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=20, choices=ParticipantRole.choices)
    needs = models.TextField(
        _("accessibility or dietary needs"),
        blank=True,
        help_text=_("Seen only by the host's editors and the coordinators."),
    )
    consent = models.BooleanField(_("consent given"), default=False)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.CONFIRMED,
    )
    # Order of the waiting list: when the person (last) registered.
    queued_at = models.DateTimeField(_("registered at"), default=timezone.now)
    attended = models.BooleanField(_("attended"), default=False)
    certificate_code = models.CharField(
        _("certificate code"), max_length=20, unique=True, null=True, blank=True
    )
    # Set in the same UPDATE that claims the mail (``WHERE … IS NULL``): sent once only.
    reminder_sent_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)
    take_home_asked_at = models.DateTimeField(
        _("take-home question sent at"), null=True, blank=True
    )

    objects = VisitRegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("visit registration")
        verbose_name_plural = _("visit registrations")
        ordering = ["visit", "organisation__name", "role", "name"]
        constraints = [
            models.UniqueConstraint(fields=["visit", "user"], name="visitregistration_once"),
            models.CheckConstraint(
                condition=Q(attended=False) | Q(status="confirmed"),
                name="visitregistration_attended_had_a_place",
            ),
            models.CheckConstraint(
                condition=Q(certificate_code__isnull=True) | Q(attended=True),
                name="visitregistration_certificate_for_attendees",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name or _('(deleted account)')} — {self.organisation} @ {self.visit}"


class VisitDocumentQuerySet(models.QuerySet):
    def visible_to(self, user) -> "VisitDocumentQuerySet":
        """Public documents, and members-only ones for members of partners (``is_member``)."""
        if is_member(user):
            return self
        return self.filter(visibility=Visibility.PUBLIC)


class VisitDocument(FileMetadataMixin, TimeStampedModel):
    """An agenda, a presentation or a report from a study visit."""

    visit = models.ForeignKey(
        StudyVisit,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("study visit"),
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(
        _("file"), upload_to=GeneratedName("visit-documents"), validators=[validate_document]
    )
    original_filename = models.CharField(_("original filename"), max_length=255, blank=True)
    language = models.CharField(
        _("language"), max_length=5, choices=CONTENT_LANGUAGES, default="en"
    )
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)

    objects = VisitDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("visit document")
        verbose_name_plural = _("visit documents")
        ordering = ["visit", "title"]

    def __str__(self) -> str:
        return self.title


class StaffExchangeKind(models.TextChoices):
    CITY_CITY = "city_city", _("City to city")
    ORG_ORG = "org_org", _("Volunteering organisation to volunteering organisation")
    MIXED = "mixed", _("Mixed")


class StaffExchangeQuerySet(models.QuerySet):
    def completed(self) -> "StaffExchangeQuerySet":
        return self.filter(status=ActivityStatus.COMPLETED)

    def for_lists(self) -> "StaffExchangeQuerySet":
        return self.select_related("sending", "hosting", "cluster")

    def for_lines(self) -> "StaffExchangeQuerySet":
        """What a partner's and a cluster's pages show of an exchange, and nothing else: an
        exchange's and its two partners' long texts have a column per language each."""
        return self.select_related("sending", "hosting").only(*EXCHANGE_LINE_FIELDS)


class StaffExchange(TimeStampedModel, ExampleFlagModel):
    """Staff of one organisation spending time with a peer organisation."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    project = models.ForeignKey(
        Project,
        on_delete=models.PROTECT,
        related_name="staff_exchanges",
        verbose_name=_("project"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=StaffExchangeKind.choices)
    sending = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="exchanges_sent",
        verbose_name=_("sending organisation"),
    )
    hosting = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="exchanges_hosted",
        verbose_name=_("hosting organisation"),
    )
    cluster = models.ForeignKey(
        Cluster,
        on_delete=models.PROTECT,
        related_name="staff_exchanges",
        null=True,
        blank=True,
        verbose_name=_("cluster"),
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    staff_count = models.PositiveSmallIntegerField(_("number of staff"), default=1)
    objectives = models.TextField(_("objectives"), blank=True)
    outcomes = models.TextField(_("outcomes"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ActivityStatus.choices,
        default=ActivityStatus.PLANNED,
    )

    objects = StaffExchangeQuerySet.as_manager()

    class Meta:
        verbose_name = _("staff exchange")
        verbose_name_plural = _("staff exchanges")
        ordering = ["-start_date", "title"]
        indexes = [models.Index(fields=["status", "start_date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="staffexchange_end_after_start"
            ),
            models.CheckConstraint(
                condition=~Q(sending=F("hosting")), name="staffexchange_distinct_organisations"
            ),
            models.CheckConstraint(
                condition=Q(staff_count__gte=1), name="staffexchange_at_least_one_person"
            ),
        ]

    def get_status_display(self) -> str:
        return EXCHANGE_STATUS_LABELS.get(self.status, self.status)

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse_kept("exchanges:exchange_detail", slug=self.slug)


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", pgettext_lazy("action plan status", "Published")


class ActionPlanQuerySet(models.QuerySet):
    def published(self) -> "ActionPlanQuerySet":
        return self.filter(status=PublicationStatus.PUBLISHED)

    def public(self) -> "ActionPlanQuerySet":
        return self.published().filter(visibility=Visibility.PUBLIC)

    def visible_to(self, user) -> "ActionPlanQuerySet":
        """Published plans; the members-only ones for members of partners (``is_member``)."""
        if is_member(user):
            return self.published()
        return self.public()

    def editable_by(self, user) -> "ActionPlanQuerySet":
        """Plans of the organisations ``user`` edits; none for anyone else."""
        return self.filter(organisation__in=Organisation.objects.editable_by(user))


class ActionPlan(TimeStampedModel, ExampleFlagModel):
    """The local plan a city writes from what it saw on visits and exchanges."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="action_plans",
        verbose_name=_("organisation"),
    )
    project = models.ForeignKey(
        Project,
        on_delete=models.PROTECT,
        related_name="action_plans",
        verbose_name=_("project"),
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    summary = models.TextField(_("summary"), blank=True)
    language = models.CharField(
        _("language"), max_length=5, choices=CONTENT_LANGUAGES, default="en"
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
    )
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    study_visits = models.ManyToManyField(
        StudyVisit,
        related_name="action_plans",
        blank=True,
        verbose_name=_("study visits that informed it"),
    )
    staff_exchanges = models.ManyToManyField(
        StaffExchange,
        related_name="action_plans",
        blank=True,
        verbose_name=_("staff exchanges that informed it"),
    )

    objects = ActionPlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        ordering = ["organisation__name", "title"]
        indexes = [models.Index(fields=["status", "visibility"])]
        permissions = [("publish_actionplan", _("Can publish and unpublish action plans"))]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="actionplan_published_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse_kept("exchanges:plan_detail", slug=self.slug)


class ActionPlanVersionQuerySet(models.QuerySet):
    def record_download(self) -> int:
        """Count one download of each version in the queryset, in the database.

        ``F() + 1`` makes concurrent downloads add up instead of overwriting each other.
        """
        return self.update(download_count=F("download_count") + 1)


class ActionPlanVersion(FileMetadataMixin, TimeStampedModel):
    """One uploaded file of an action plan; the newest is the current one."""

    plan = models.ForeignKey(
        ActionPlan,
        on_delete=models.CASCADE,
        related_name="versions",
        verbose_name=_("action plan"),
    )
    file = models.FileField(
        _("file"), upload_to=GeneratedName("action-plans"), validators=[validate_document]
    )
    original_filename = models.CharField(_("original filename"), max_length=255, blank=True)
    version_label = models.CharField(_("version"), max_length=30)
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    checksum = models.CharField(_("SHA-256 checksum"), max_length=64, blank=True)
    download_count = models.PositiveIntegerField(
        _("downloads"),
        default=0,
        help_text=_("People who downloaded it: each counted once an hour, however often."),
    )

    objects = ActionPlanVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("action plan version")
        verbose_name_plural = _("action plan versions")
        ordering = ["plan", "-uploaded_at"]
        get_latest_by = "uploaded_at"
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "version_label"], name="actionplanversion_unique_label"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan} — {self.version_label}"


class ActionStatus(models.TextChoices):
    # In context: an action's state agrees with "action" in languages with gender,
    # where a study visit's "Planned" (ActivityStatus) may not.
    PLANNED = "planned", pgettext_lazy("action status", "Planned")
    STARTED = "started", pgettext_lazy("action status", "Started")
    DONE = "done", pgettext_lazy("action status", "Done")
    DROPPED = "dropped", pgettext_lazy("action status", "Dropped")


class PlanActionQuerySet(models.QuerySet):
    def editable_by(self, user) -> "PlanActionQuerySet":
        """Actions of the plans ``user`` edits; none for anyone else."""
        return self.filter(plan__in=ActionPlan.objects.editable_by(user))

    def started(self) -> "PlanActionQuerySet":
        return self.filter(status=ActionStatus.STARTED)

    def done(self) -> "PlanActionQuerySet":
        return self.filter(status=ActionStatus.DONE)

    def accepted(self) -> "PlanActionQuerySet":
        """Actions of the plan: not the proposals from visits its editors have not accepted."""
        return self.filter(is_proposal=False)


class PlanAction(TimeStampedModel):
    """One thing an action plan commits to do, and what inspired it."""

    plan = models.ForeignKey(
        ActionPlan,
        on_delete=models.CASCADE,
        related_name="actions",
        verbose_name=_("action plan"),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    owner = models.CharField(
        _("owner"), max_length=200, blank=True, help_text=_("The team or role responsible.")
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ActionStatus.choices, default=ActionStatus.PLANNED
    )
    dropped_reason = models.TextField(_("reason for dropping"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_proposal = models.BooleanField(
        _("proposal"),
        default=False,
        help_text=_(
            "Proposed by someone who went on a study visit; the plan shows it once an editor "
            "accepts it."
        ),
    )
    inspired_by_practices = models.ManyToManyField(
        "toolkit.Practice",
        related_name="inspired_actions",
        blank=True,
        verbose_name=_("inspired by practices"),
    )
    inspired_by_visits = models.ManyToManyField(
        StudyVisit,
        related_name="inspired_actions",
        blank=True,
        verbose_name=_("inspired by study visits"),
    )
    inspired_by_exchanges = models.ManyToManyField(
        StaffExchange,
        related_name="inspired_actions",
        blank=True,
        verbose_name=_("inspired by staff exchanges"),
    )

    objects = PlanActionQuerySet.as_manager()

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["plan", "position", "title"]
        indexes = [models.Index(fields=["status"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="dropped") | ~Q(dropped_reason=""),
                name="planaction_dropped_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def content_language(self, field: str) -> str:
        """An action is written in its plan's language."""
        return self.plan.language


class VisitTakeHome(TimeStampedModel):
    """What one attendee says they will take home from a visit."""

    registration = models.OneToOneField(
        VisitRegistration,
        on_delete=models.CASCADE,
        related_name="take_home",
        verbose_name=_("registration"),
    )
    practices = models.ManyToManyField(
        Practice,
        related_name="taken_home",
        blank=True,
        verbose_name=_("practices from the toolkit"),
    )
    other_practices = models.TextField(
        _("other practices seen"), blank=True, help_text=_("Those not in the toolkit, one a line.")
    )
    action = models.ForeignKey(
        PlanAction,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="take_homes",
        verbose_name=_("proposed action"),
    )

    class Meta:
        verbose_name = _("take-home answer")
        verbose_name_plural = _("take-home answers")
        ordering = ["registration"]

    def __str__(self) -> str:
        return str(self.registration)


# --- Transfer trail ------------------------------------------------------------


class TransferStage(models.TextChoices):
    CONSIDERING = "considering", _("Considering")
    ADAPTING = "adapting", _("Adapting")
    PILOTING = "piloting", _("Piloting")
    ADOPTED = "adopted", _("Adopted")
    MAINSTREAMED = "mainstreamed", _("Mainstreamed")


class TransferQuerySet(models.QuerySet):
    def public(self) -> "TransferQuerySet":
        """Transfers the public may see: those of published practices."""
        return self.filter(practice__in=Practice.objects.published())


class Transfer(TimeStampedModel, ExampleFlagModel):
    """A record that a practice was taken up by an organisation, and how it travelled."""

    practice = models.ForeignKey(
        Practice,
        on_delete=models.PROTECT,
        related_name="transfers",
        verbose_name=_("practice"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="transfers_taken",
        verbose_name=_("organisation taking it up"),
    )
    stage = models.CharField(_("stage"), max_length=15, choices=TransferStage.choices)
    started_on = models.DateField(_("started on"))
    stage_reached_on = models.DateField(_("stage reached on"), null=True, blank=True)
    study_visit = models.ForeignKey(
        StudyVisit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="transfers",
        verbose_name=_("through the study visit"),
    )
    staff_exchange = models.ForeignKey(
        StaffExchange,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="transfers",
        verbose_name=_("through the staff exchange"),
    )
    evidence_url = models.URLField(_("evidence (link)"), blank=True)
    evidence_file = models.FileField(
        _("evidence (file)"),
        upload_to=GeneratedName("transfer-evidence"),
        blank=True,
        validators=[validate_document],
    )
    notes = models.TextField(_("notes"), blank=True)

    objects = TransferQuerySet.as_manager()

    class Meta:
        # Kept from when transfers lived in the toolkit app: the rows never moved.
        db_table = "toolkit_transfer"
        verbose_name = _("transfer")
        verbose_name_plural = _("transfers")
        ordering = ["practice", "-started_on"]
        indexes = [models.Index(fields=["stage"])]
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "organisation"], name="transfer_one_per_organisation"
            ),
            models.CheckConstraint(
                condition=Q(stage_reached_on__isnull=True)
                | Q(stage_reached_on__gte=models.F("started_on")),
                name="transfer_stage_after_start",
            ),
            models.CheckConstraint(
                condition=Q(study_visit__isnull=True) | Q(staff_exchange__isnull=True),
                name="transfer_through_one_activity",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.practice} → {self.organisation} ({self.get_stage_display()})"
