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


class CountedFieldsModel(models.Model):
    """A model whose rows are counted and grouped by a few of their fields.

    ``counted_fields`` names them (a practice's status, partner, dates, country…): what
    counts the rows (the funder's figures, the toolkit's facets) depends on those, on
    which rows exist and on their many-to-many links, not on their texts. The values loaded from the
    database are kept, so a save can tell whether one of them changed
    (``core.cache.counts_token``).
    """

    counted_fields: tuple[str, ...] = ()

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, db, field_names, values, *, fetch_mode=None):
        instance = super().from_db(db, field_names, values, fetch_mode=fetch_mode)
        instance.remember_counted_values()
        return instance

    def refresh_from_db(self, *args, **kwargs) -> None:
        super().refresh_from_db(*args, **kwargs)
        # The row may have changed since it was loaded, and its fields here with it: the
        # next save cannot tell what changed, and counts as a change.
        self._counted_as = None

    def counted_values(self) -> tuple | None:
        """The counted fields' values, or None when one of them was not loaded."""
        loaded = self.__dict__
        names = [self._meta.get_field(name).attname for name in self.counted_fields]
        if any(name not in loaded for name in names):
            return None
        return tuple(loaded[name] for name in names)

    def remember_counted_values(self) -> None:
        self._counted_as = self.counted_values()

    def loaded_counted_value(self, name: str) -> object:
        """Counted field ``name``'s value (its column's) when loaded or last saved; None
        when not known."""
        before = getattr(self, "_counted_as", None)
        if before is None or name not in self.counted_fields:
            return None
        return before[self.counted_fields.index(name)]

    def counted_values_changed(self) -> bool:
        """Whether a counted field differs from what was loaded or last saved (a new row,
        or one whose counted fields were not all loaded, counts as changed)."""
        before = getattr(self, "_counted_as", None)
        return before is None or before != self.counted_values()


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
