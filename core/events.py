"""Recording what is new, for the digests (the follows app reads the events).

The services that publish, announce or record something call ``event_record``
once the change is made; a second call for the same change records nothing,
whatever path makes it (a service, an admin action, an admin save).
"""

import logging

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction

from core.models import Event, EventKind

logger = logging.getLogger(__name__)


def event_record(
    *, kind: EventKind, about: models.Model, title: str, language: str, key: str = ""
) -> Event | None:
    """Record ``kind`` about ``about``; None when this change was recorded before."""
    content_type = ContentType.objects.get_for_model(about)
    change = {"kind": kind, "content_type": content_type, "object_id": about.pk, "key": str(key)}
    try:
        with transaction.atomic():
            event = Event.objects.create(
                **change, title=str(title)[:300], language=language or "en"
            )
    except IntegrityError:
        if Event.objects.filter(**change).exists():
            return None
        raise
    logger.info("Event %s recorded: %s about %s %s", event.pk, kind, content_type, about.pk)
    return event


def original_title(obj: models.Model, language: str | None = None) -> tuple[str, str]:
    """The title as written (its language's column, not the reader's) and that language."""
    language = language or settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    return (getattr(obj, f"title_{language}", "") or obj.title), language
