from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Languages a plan or document may be written in: the partners' languages.
CONTENT_LANGUAGES = [
    ("en", _("English")),
    ("it", _("Italian")),
    ("nl", _("Dutch")),
    ("cs", _("Czech")),
    ("de", _("German")),
    ("es", _("Spanish")),
    ("lv", _("Latvian")),
    ("el", _("Greek")),
    ("fr", _("French")),
    ("fi", _("Finnish")),
]


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    MEMBERS = "members", _("Members only")


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class ExampleFlagModel(models.Model):
    """Content invented for the demo data, shown with an "Example" badge."""

    is_example = models.BooleanField(
        _("example content"),
        default=False,
        help_text=_("Invented for demonstration; shown with an “Example” badge."),
    )

    class Meta:
        abstract = True


class EventKind(models.TextChoices):
    PRACTICE_PUBLISHED = "practice_published", _("Practice published")
    PLAN_PUBLISHED = "plan_published", _("Action plan published")
    PLAN_VERSION = "plan_version", _("New version of an action plan")
    VISIT_ANNOUNCED = "visit_announced", _("Study visit announced")
    VISIT_OPEN = "visit_open", _("Study visit open for registration")
    VISIT_LESSONS = "visit_lessons", _("Lessons of a study visit published")
    TRANSFER_STAGE = "transfer_stage", _("Transfer reached a new stage")
    STAFF_EXCHANGE = "staff_exchange", _("Staff exchange recorded")


class Event(models.Model):
    """Something new about a practice, plan, visit, transfer or exchange: the digests' news.

    Recorded once per change by the service that makes it (``core.events``); the
    ``key`` tells one change from the next (a plan's version, a transfer's stage),
    and a unique constraint keeps a second save of the same change from recording
    it again. The title is kept as it was, in the language of the content.
    """

    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, verbose_name=_("about (type)")
    )
    object_id = models.PositiveBigIntegerField(_("about (id)"))
    about = GenericForeignKey("content_type", "object_id")
    key = models.CharField(_("change"), max_length=40, blank=True)
    title = models.CharField(_("title"), max_length=300)
    language = models.CharField(
        _("language"), max_length=5, choices=CONTENT_LANGUAGES, default="en"
    )
    happened_at = models.DateTimeField(_("happened at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-happened_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "content_type", "object_id", "key"], name="event_once_per_change"
            ),
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"
