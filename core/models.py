from django.db import models
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
