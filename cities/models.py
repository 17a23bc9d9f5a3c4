from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Exists, F, Q
from django.db.models.functions import Coalesce, Lower
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField

from core.content_language import reading_language
from core.files import GeneratedName, ReencodedImageField
from core.language_urls import reverse_kept
from core.models import CONTENT_LANGUAGES, ExampleFlagModel, TimeStampedModel
from values_portal.users.roles import is_coordinator


class OrganisationKind(models.TextChoices):
    CITY = "city", _("City administration")
    PUBLIC_AGENCY = "agency", _("Public agency")
    VOLUNTEERING = "volunteering", _("Volunteering network or organisation")
    NGO = "ngo", _("Non-governmental organisation")
    NETWORK = "network", _("Network of cities")


class OrganisationQuerySet(models.QuerySet):
    def cities(self) -> "OrganisationQuerySet":
        return self.filter(kind=OrganisationKind.CITY)

    def in_project(self, project: "Project") -> "OrganisationQuerySet":
        return self.filter(participations__project=project)

    def by_name(self) -> "OrganisationQuerySet":
        """Alphabetical by the name the reader sees: in their language, else in English.

        ``order_by("name")`` would sort by the reader's column alone
        (modeltranslation), which is empty for most partners in most languages.
        """
        reader = reading_language()
        return self.order_by(Lower(Coalesce(f"name_{reader}", "name_en", "name")), "pk")

    def for_choices(self) -> "OrganisationQuerySet":
        """What a select of organisations reads: the slug (its value), the name in every
        language (its label, with modeltranslation's fallbacks) and the name's language
        (its ``lang``); not the descriptions, a few kilobytes a row in ten languages."""
        return self.only("slug", "name", "name_language")

    def with_coordinates(self) -> "OrganisationQuerySet":
        return self.filter(latitude__isnull=False, longitude__isnull=False)

    def editable_by(self, user) -> "OrganisationQuerySet":
        """Organisations ``user`` edits: those where they hold a confirmed editor membership."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(
            memberships__user=user,
            memberships__role=MembershipRole.EDITOR,
            memberships__status=MembershipStatus.CONFIRMED,
        )


class Organisation(TimeStampedModel, ExampleFlagModel):
    """A partner organisation: a city administration, an agency or a volunteering body."""

    name = models.CharField(_("name"), max_length=200)
    name_language = models.CharField(
        _("language of the name"),
        max_length=5,
        choices=CONTENT_LANGUAGES,
        default="en",
        help_text=_(
            "The language the name is written in (“Città di Torino”: Italian), so that "
            "screen readers pronounce it in that language on every page."
        ),
    )
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    city = models.CharField(_("city"), max_length=100)
    country = CountryField(_("country"))
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    # Validated by content and re-encoded by Pillow on every path, admin included.
    logo = ReencodedImageField(_("logo"), upload_to=GeneratedName("logos"), blank=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        # The English column: one order for every reader (a plain "name" would become
        # the reader's column, empty in most languages). Lists people read use by_name().
        ordering = ["name_en", "pk"]
        indexes = [models.Index(fields=["country", "kind"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="organisation_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="organisation_longitude_range",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="organisation_coordinates_both_or_neither",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse_kept("network:partner_detail", slug=self.slug)

    def content_language(self, field: str) -> str:
        """The name is in its own language; the description's original is the default's.

        The name as the organisation writes it is the default language's column
        (``name_en``), whatever its language; ``name_it``, ``name_de``… hold the name
        in those languages where it has one ("Città di Norimberga").
        """
        if field == "name":
            return self.name_language
        return settings.MODELTRANSLATION_DEFAULT_LANGUAGE


class Project(TimeStampedModel):
    """A funded project the network runs, with the targets it declared."""

    name = models.CharField(_("name"), max_length=300)
    acronym = models.CharField(_("acronym"), max_length=30)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    fund = models.CharField(_("fund"), max_length=200)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    duration_months = models.PositiveSmallIntegerField(
        _("duration in months"), null=True, blank=True
    )
    description = models.TextField(_("description"), blank=True)
    target_study_visits = models.PositiveSmallIntegerField(
        _("target: study visits"), null=True, blank=True
    )
    target_staff_exchanges = models.PositiveSmallIntegerField(
        _("target: staff exchanges"), null=True, blank=True
    )
    target_clusters = models.PositiveSmallIntegerField(
        _("target: thematic clusters"), null=True, blank=True
    )
    target_cities = models.PositiveSmallIntegerField(
        _("target: cities involved"), null=True, blank=True
    )
    benchmark_scale_max = models.PositiveSmallIntegerField(
        _("benchmarking scale: highest score"),
        default=5,
        help_text=_("Practices are scored on each criterion from 0 to this number."),
    )
    benchmark_threshold = models.DecimalField(
        _("benchmarking threshold"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("3.50"),
        help_text=_(
            "A practice is “benchmarked” when the average of its latest peer-review "
            "scores reaches this value."
        ),
    )
    organisations = models.ManyToManyField(
        Organisation,
        through="Participation",
        related_name="projects",
        verbose_name=_("organisations"),
    )

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["-start_date", "acronym"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="project_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(benchmark_scale_max__gte=1, benchmark_scale_max__lte=10),
                name="project_benchmark_scale_range",
            ),
            models.CheckConstraint(
                condition=Q(benchmark_threshold__gte=0)
                & Q(benchmark_threshold__lte=F("benchmark_scale_max")),
                name="project_benchmark_threshold_on_scale",
            ),
        ]

    def __str__(self) -> str:
        return self.acronym

    def get_absolute_url(self) -> str:
        return reverse_kept("reporting:project_detail", slug=self.slug)


class ParticipationRole(models.TextChoices):
    LEAD = "lead", _("Lead partner")
    PARTNER = "partner", _("Partner")


class Participation(TimeStampedModel):
    """An organisation's part in a project, with its EU contribution."""

    project = models.ForeignKey(
        Project,
        on_delete=models.CASCADE,
        related_name="participations",
        verbose_name=_("project"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="participations",
        verbose_name=_("organisation"),
    )
    role = models.CharField(
        _("role"),
        max_length=10,
        choices=ParticipationRole.choices,
        default=ParticipationRole.PARTNER,
    )
    eu_contribution = models.DecimalField(
        _("EU contribution (EUR)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Leave empty when the amount is not known."),
    )

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ["project", "role", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "organisation"], name="participation_unique"
            ),
            models.UniqueConstraint(
                fields=["project"],
                condition=Q(role="lead"),
                name="participation_one_lead_per_project",
            ),
            models.CheckConstraint(
                condition=Q(eu_contribution__isnull=True) | Q(eu_contribution__gte=0),
                name="participation_contribution_non_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.project} ({self.get_role_display()})"


class ClusterQuerySet(models.QuerySet):
    def with_counts(self) -> "ClusterQuerySet":
        """Working groups and study visits per cluster, for lists of clusters."""
        return self.annotate(
            working_group_count=models.Count("working_groups", distinct=True),
            study_visit_count=models.Count("study_visits", distinct=True),
        )

    def for_choices(self) -> "ClusterQuerySet":
        """What a select of clusters reads: the slug (its value) and the short and full
        names in every language (its label, ``__str__``); not the descriptions."""
        return self.only("slug", "short_name", "name")


class Cluster(TimeStampedModel):
    """A thematic cluster of a project on which partners exchange knowledge."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="clusters", verbose_name=_("project")
    )
    name = models.CharField(_("name"), max_length=300)
    short_name = models.CharField(_("short name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    description = models.TextField(_("description"), blank=True)

    objects = ClusterQuerySet.as_manager()

    class Meta:
        verbose_name = _("thematic cluster")
        verbose_name_plural = _("thematic clusters")
        ordering = ["project", "position", "name"]

    def __str__(self) -> str:
        return self.short_name or self.name

    def get_absolute_url(self) -> str:
        return reverse_kept("network:cluster_detail", slug=self.slug)


class WorkingGroup(TimeStampedModel):
    """A few organisations working together on one cluster."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    cluster = models.ForeignKey(
        Cluster,
        on_delete=models.PROTECT,
        related_name="working_groups",
        verbose_name=_("cluster"),
    )
    members = models.ManyToManyField(
        Organisation, related_name="working_groups", verbose_name=_("members")
    )
    lead = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="led_working_groups",
        null=True,
        blank=True,
        verbose_name=_("lead organisation"),
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")
        ordering = ["cluster", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return f"{self.cluster.get_absolute_url()}#group-{self.slug}"


class MembershipRole(models.TextChoices):
    EDITOR = "editor", _("Editor")
    MEMBER = "member", _("Member")


class MembershipStatus(models.TextChoices):
    # Asked to join from the partner page; the organisation's editors or a coordinator decide.
    REQUESTED = "requested", pgettext_lazy("membership status", "Asked to join")
    CONFIRMED = "confirmed", pgettext_lazy("membership status", "Confirmed")


class MembershipQuerySet(models.QuerySet):
    def confirmed(self) -> "MembershipQuerySet":
        return self.filter(status=MembershipStatus.CONFIRMED)

    def requested(self) -> "MembershipQuerySet":
        return self.filter(status=MembershipStatus.REQUESTED)


class Membership(TimeStampedModel):
    """A person's membership of an organisation; editors keep its content up to date."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(
        _("role"), max_length=10, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    # Made by a coordinator in the admin: confirmed. Asked for by the person: requested.
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=MembershipStatus.choices,
        default=MembershipStatus.CONFIRMED,
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation__name", "user__email"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="membership_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.organisation} ({self.get_role_display()})"


class Invitation(TimeStampedModel):
    """A coordinator's invitation of someone, by email, to an organisation and a role.

    The link in the mail carries the invitation signed and dated
    (``cities.services.invitation_token``); it expires after ``INVITATION_DAYS``.
    Accepting it, signed in with that verified address, confirms the membership.
    """

    email = models.EmailField(_("email address"))
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("organisation"),
    )
    role = models.CharField(
        _("role"), max_length=10, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitations_sent",
        verbose_name=_("invited by"),
    )
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation} ({self.get_role_display()})"


def confirmed_membership_of(user) -> Exists:
    """Whether ``user`` is a confirmed member of some partner, as an expression for a query
    that asks several things at once (``remember_is_member`` then keeps the answer)."""
    return Exists(Membership.objects.confirmed().filter(user=user.pk))


def remember_is_member(user, member: bool) -> None:
    """What ``is_member`` answers for the rest of the request, asked by a query of the caller's."""
    user._is_member = is_coordinator(user) or member


def is_member(user) -> bool:
    """Who sees members-only content: a confirmed member of a partner, or a coordinator.

    Signing up alone makes nobody a member. Remembered on the user object, so a page
    asks the database once however many members-only items it shows.
    """
    if not (user.is_authenticated and user.is_active):
        return False
    known = getattr(user, "_is_member", None)
    if known is None:
        known = is_coordinator(user) or Membership.objects.confirmed().filter(user=user).exists()
        user._is_member = known
    return known
