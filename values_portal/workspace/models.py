from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from toolkit.models import Practice


class ReviewDecision(models.TextChoices):
    SENT_BACK = "sent_back", _("Sent back for changes")
    PUBLISHED = "published", _("Published")


class ReviewNoteQuerySet(models.QuerySet):
    def sent_back(self) -> "ReviewNoteQuerySet":
        return self.filter(decision=ReviewDecision.SENT_BACK)


class ReviewNote(models.Model):
    """A coordinator's decision on a practice submitted for review, with a comment."""

    practice = models.ForeignKey(
        Practice,
        on_delete=models.CASCADE,
        related_name="review_notes",
        verbose_name=_("practice"),
    )
    # Kept when the coordinator's account is deleted: the decision belongs to the practice.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="review_notes",
        verbose_name=_("author"),
    )
    decision = models.CharField(_("decision"), max_length=10, choices=ReviewDecision.choices)
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ReviewNoteQuerySet.as_manager()

    class Meta:
        verbose_name = _("review note")
        verbose_name_plural = _("review notes")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(decision="sent_back") | ~models.Q(comment=""),
                name="reviewnote_sent_back_has_comment",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.practice} — {self.get_decision_display()}"
