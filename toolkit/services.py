import datetime as dt
import logging

from django.db import transaction
from django.utils import timezone

from cities.models import Project
from toolkit.models import (
    Assessment,
    AssessmentKind,
    BenchmarkCriterion,
    Practice,
    PracticeStatus,
    Score,
)
from values_portal.cache import content_changed
from values_portal.users.models import User

logger = logging.getLogger(__name__)


def practice_publish(*, practice: Practice, by: User) -> Practice:
    """Publish a practice; a practice published before keeps its first date."""
    practice.status = PracticeStatus.PUBLISHED
    practice.published_at = practice.published_at or timezone.now()
    practice.save(update_fields=["status", "published_at", "updated_at"])
    logger.info("Practice %s published by user %s", practice.pk, by.pk)
    return practice


def practice_unpublish(*, practice: Practice, by: User) -> Practice:
    """Take a practice back to draft; ``published_at`` is kept for a later republication."""
    practice.status = PracticeStatus.DRAFT
    practice.save(update_fields=["status", "updated_at"])
    logger.info("Practice %s unpublished by user %s", practice.pk, by.pk)
    return practice


def assessment_record(
    *,
    practice: Practice,
    project: Project,
    kind: AssessmentKind,
    by: User,
    assessed_on: dt.date,
    comment: str,
    scores: list[tuple[BenchmarkCriterion, int, str]],
) -> Assessment:
    """Store an assessment with a score and a justification for each criterion, or nothing."""
    with transaction.atomic():
        assessment = Assessment.objects.create(
            practice=practice,
            project=project,
            kind=kind,
            assessor=by,
            assessed_on=assessed_on,
            comment=comment,
        )
        Score.objects.bulk_create(
            Score(assessment=assessment, criterion=criterion, value=value, justification=text)
            for criterion, value, text in scores
        )
        # bulk_create sends no signal: cached pages must still show the new scores.
        content_changed()
    logger.info(
        "Assessment %s (%s) of practice %s recorded by user %s",
        assessment.pk,
        kind,
        practice.pk,
        by.pk,
    )
    return assessment
