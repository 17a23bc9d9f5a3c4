from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cities.models import Cluster, Organisation
from core.models import TimeStampedModel
from exchanges.models import StudyVisit
from toolkit.models import Practice

# What can be followed: the name in addresses, and the Follow field that holds it.
TARGET_FIELDS = {
    "cluster": "cluster",
    "organisation": "organisation",
    "practice": "practice",
    "visit": "study_visit",
}


class Follow(TimeStampedModel):
    """A person follows a cluster, a partner, a practice or a study visit.

    Members follow their own organisation and its working groups' clusters
    without a row (follows.services.default_follows); a row with ``following``
    off is a default they stopped.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="follows",
        verbose_name=_("person"),
    )
    cluster = models.ForeignKey(
        Cluster, on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("cluster")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        verbose_name=_("organisation"),
    )
    practice = models.ForeignKey(
        Practice, on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("practice")
    )
    study_visit = models.ForeignKey(
        StudyVisit, on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("study visit")
    )
    following = models.BooleanField(
        _("following"),
        default=True,
        help_text=_("Off: a member stopped following what they follow by default."),
    )

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        ordering = ["user", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(cluster__isnull=False, organisation=None, practice=None, study_visit=None)
                    | Q(cluster=None, organisation__isnull=False, practice=None, study_visit=None)
                    | Q(cluster=None, organisation=None, practice__isnull=False, study_visit=None)
                    | Q(cluster=None, organisation=None, practice=None, study_visit__isnull=False)
                ),
                name="follow_exactly_one_target",
            ),
            *(
                models.UniqueConstraint(
                    fields=["user", field],
                    condition=Q(**{f"{field}__isnull": False}),
                    name=f"follow_once_per_{field}",
                )
                for field in TARGET_FIELDS.values()
            ),
        ]

    def __str__(self) -> str:
        return str(self.target)

    @property
    def target(self) -> models.Model:
        return self.cluster or self.organisation or self.practice or self.study_visit


class Frequency(models.TextChoices):
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")
    NEVER = "never", _("Never")


class DigestSettings(TimeStampedModel):
    """How often a person wants the digest, and in which language."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="digest_settings",
        verbose_name=_("person"),
    )
    frequency = models.CharField(
        _("how often"), max_length=10, choices=Frequency.choices, default=Frequency.WEEKLY
    )
    language = models.CharField(
        _("language"),
        max_length=5,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The interface language the person last chose; the digest is written in it."),
    )

    class Meta:
        verbose_name = _("digest settings")
        verbose_name_plural = _("digest settings")
        ordering = ["user"]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_frequency_display()}"


class DigestStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENT = "sent", _("Sent")
    EMPTY = "empty", _("Nothing new by the time it was written")
    FAILED = "failed", _("Failed")


class Digest(TimeStampedModel):
    """One digest for one person and one period: the row is the promise of at most one mail."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="digests",
        verbose_name=_("person"),
    )
    frequency = models.CharField(_("frequency"), max_length=10, choices=Frequency.choices)
    period_start = models.DateTimeField(_("period start"))
    period_end = models.DateTimeField(_("period end"))
    status = models.CharField(
        _("status"), max_length=10, choices=DigestStatus.choices, default=DigestStatus.QUEUED
    )
    event_count = models.PositiveIntegerField(_("items"), default=0)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("digest")
        verbose_name_plural = _("digests")
        ordering = ["-period_start", "user"]
        constraints = [
            # Never two mails for one period, whoever runs send_digests how often.
            models.UniqueConstraint(
                fields=["user", "frequency", "period_start"], name="digest_one_per_period"
            ),
            models.CheckConstraint(
                condition=Q(period_end__gt=models.F("period_start")),
                name="digest_period_end_after_start",
            ),
        ]
        indexes = [models.Index(fields=["period_start", "status"])]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_frequency_display()}, {self.period_start:%Y-%m-%d})"
