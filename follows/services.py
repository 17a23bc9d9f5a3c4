"""Following, and what a person's digest says.

What a person follows is their Follow rows plus, for members, their own
organisations and the clusters of those organisations' working groups (a row
with ``following`` off stops one of those). A digest covers one period (a day,
or a week from Monday) and lists the events of that period about anything
followed, grouped by cluster and kind, in the person's interface language.
"""

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from cities.models import Cluster, Membership, Organisation, WorkingGroup, is_member
from core.models import Event, EventKind, Visibility
from exchanges.models import ActionPlan, PublicationStatus, StaffExchange, StudyVisit, Transfer
from follows.models import TARGET_FIELDS, Digest, DigestSettings, Follow, Frequency
from toolkit.models import Practice, PracticeStatus

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "follows.unsubscribe"
TARGET_MODELS = {
    "cluster": Cluster,
    "organisation": Organisation,
    "practice": Practice,
    "visit": StudyVisit,
}


# --- Following ------------------------------------------------------------------


@dataclass
class Followed:
    """The ids of everything a person follows, defaults included."""

    cluster: set[int] = field(default_factory=set)
    organisation: set[int] = field(default_factory=set)
    practice: set[int] = field(default_factory=set)
    visit: set[int] = field(default_factory=set)
    # Followed by default as a member (and not stopped): shown as such on the account.
    defaults: set[tuple[str, int]] = field(default_factory=set)

    def __contains__(self, item: tuple[str, int]) -> bool:
        kind, pk = item
        return pk in getattr(self, kind)


def target_kind(target: models.Model) -> str:
    return next(kind for kind, model in TARGET_MODELS.items() if isinstance(target, model))


def default_follows(user) -> set[tuple[str, int]]:
    """A member's own organisations and their working groups' clusters."""
    organisations = set(
        Membership.objects.confirmed().filter(user=user).values_list("organisation_id", flat=True)
    )
    clusters = set(
        WorkingGroup.objects.filter(members__in=organisations).values_list("cluster_id", flat=True)
    )
    return {("organisation", pk) for pk in organisations} | {("cluster", pk) for pk in clusters}


def followed_by(user) -> Followed:
    followed = Followed()
    if not (user.is_authenticated and user.is_active):
        return followed
    followed.defaults = default_follows(user)
    for kind, pk in followed.defaults:
        getattr(followed, kind).add(pk)
    for row in Follow.objects.filter(user=user).values("following", *TARGET_FIELDS.values()):
        for kind, name in TARGET_FIELDS.items():
            if row[name] is None:
                continue
            if row["following"]:
                getattr(followed, kind).add(row[name])
            else:
                getattr(followed, kind).discard(row[name])
                followed.defaults.discard((kind, row[name]))
    return followed


def follow_set(*, user, target: models.Model, following: bool) -> None:
    """Follow ``target`` or stop following it; a member's default is stopped with a row.

    Asking for what is already so writes nothing.
    """
    kind = target_kind(target)
    lookup = {"user": user, TARGET_FIELDS[kind]: target}
    with transaction.atomic():
        row = Follow.objects.select_for_update().filter(**lookup).first()
        if row is not None and row.following == following:
            return
        is_default = (kind, target.pk) in default_follows(user)
        if row is None and not following and not is_default:
            return
        if row is not None and not following and not is_default:
            row.delete()
        elif row is None:
            Follow.objects.create(**lookup, following=following)
        else:
            row.following = following
            row.save(update_fields=["following", "updated_at"])
    logger.info("User %s %s %s %s", user.pk, "follows" if following else "stopped", kind, target.pk)


def follow_list(user) -> list[tuple[str, models.Model, bool]]:
    """(kind, object, followed by default) for everything ``user`` follows, by kind and name."""
    followed = followed_by(user)
    items = []
    for kind, model in TARGET_MODELS.items():
        for obj in model.objects.filter(pk__in=getattr(followed, kind)).order_by(
            *model._meta.ordering
        ):
            items.append((kind, obj, (kind, obj.pk) in followed.defaults))
    return items


def digest_settings_for(user, *, language: str | None = None) -> DigestSettings:
    """The person's digest settings; ``language`` (the request's) is remembered for the mail."""
    digest_settings, _ = DigestSettings.objects.get_or_create(
        user=user, defaults={"language": language or settings.LANGUAGE_CODE}
    )
    if language and digest_settings.language != language:
        digest_settings.language = language
        digest_settings.save(update_fields=["language", "updated_at"])
    return digest_settings


# --- Unsubscribing without signing in --------------------------------------------


def unsubscribe_token(user) -> str:
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign(str(user.pk))


def unsubscribe_token_valid(token: str) -> bool:
    try:
        signing.Signer(salt=UNSUBSCRIBE_SALT).unsign(token)
    except signing.BadSignature:
        return False
    return True


def unsubscribe(token: str):
    """Stop the digests of the person the token was signed for; BadSignature if tampered."""
    pk = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign(token)
    user = get_user_model().objects.get(pk=int(pk))
    DigestSettings.objects.update_or_create(user=user, defaults={"frequency": Frequency.NEVER})
    logger.info("User %s unsubscribed from the digests", user.pk)
    return user


# --- Periods ---------------------------------------------------------------------


def period_containing(frequency: str, moment: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """The day, or the week from Monday, in the portal's time zone, that holds ``moment``."""
    local = timezone.localtime(moment)
    start = local.replace(hour=0, minute=0, second=0, microsecond=0)
    days = 1
    if frequency == Frequency.WEEKLY:
        start -= dt.timedelta(days=start.weekday())
        days = 7
    start = timezone.make_aware(start.replace(tzinfo=None))
    end = timezone.make_aware((start + dt.timedelta(days=days)).replace(tzinfo=None))
    return start, end


def last_complete_period(frequency: str, now: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    start, _ = period_containing(frequency, now)
    return period_containing(frequency, start - dt.timedelta(seconds=1))


# --- What a digest says ----------------------------------------------------------


@dataclass
class Scope:
    """Who an event concerns, and whether they may see it now."""

    url: str
    clusters: list[Cluster] = field(default_factory=list)
    organisation: set[int] = field(default_factory=set)
    practice: set[int] = field(default_factory=set)
    visit: set[int] = field(default_factory=set)
    public: bool = True
    members_only: bool = False
    detail: str = ""

    def concerns(self, followed: Followed) -> bool:
        return bool(
            {c.pk for c in self.clusters} & followed.cluster
            or self.organisation & followed.organisation
            or self.practice & followed.practice
            or self.visit & followed.visit
        )


def _scopes(events: list[Event]) -> dict[int, Scope]:
    """One query per kind of object, whatever the number of events."""
    by_type: dict[int, set[int]] = {}
    for event in events:
        by_type.setdefault(event.content_type_id, set()).add(event.object_id)
    scopes: dict[tuple[int, int], Scope] = {}
    for type_id, ids in by_type.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        for obj in _load(model, ids):
            scopes[type_id, obj.pk] = _scope_of(obj)
    return {
        event.pk: scopes[event.content_type_id, event.object_id]
        for event in events
        if (event.content_type_id, event.object_id) in scopes
    }


def _load(model, ids):
    queryset = model.objects.filter(pk__in=ids)
    if model is Practice:
        return queryset.prefetch_related("clusters")
    if model is StudyVisit:
        return queryset.select_related("cluster").prefetch_related("participants")
    if model is Transfer:
        return queryset.select_related("practice", "organisation").prefetch_related(
            "practice__clusters"
        )
    if model is StaffExchange:
        return queryset.select_related("cluster")
    if model is ActionPlan:
        return queryset
    return model.objects.none()


def _scope_of(obj) -> Scope:
    if isinstance(obj, Practice):
        return Scope(
            url=obj.get_absolute_url(),
            clusters=list(obj.clusters.all()),
            organisation={obj.organisation_id} - {None},
            practice={obj.pk},
            public=obj.status == PracticeStatus.PUBLISHED,
        )
    if isinstance(obj, ActionPlan):
        return Scope(
            url=obj.get_absolute_url(),
            organisation={obj.organisation_id},
            public=obj.status == PublicationStatus.PUBLISHED,
            members_only=obj.visibility == Visibility.MEMBERS,
        )
    if isinstance(obj, StudyVisit):
        return Scope(
            url=obj.get_absolute_url(),
            clusters=[obj.cluster] if obj.cluster else [],
            organisation={obj.host_id, *(o.pk for o in obj.participants.all())},
            visit={obj.pk},
        )
    if isinstance(obj, Transfer):
        return Scope(
            url=obj.practice.get_absolute_url(),
            clusters=list(obj.practice.clusters.all()),
            organisation={obj.organisation_id, obj.practice.organisation_id} - {None},
            practice={obj.practice_id},
            public=obj.practice.status == PracticeStatus.PUBLISHED,
            detail=obj.organisation.name,
        )
    return Scope(  # a staff exchange
        url=obj.get_absolute_url(),
        clusters=[obj.cluster] if obj.cluster else [],
        organisation={obj.sending_id, obj.hosting_id} - {None},
    )


@dataclass
class DigestItem:
    event: Event
    url: str
    detail: str = ""


@dataclass
class DigestSection:
    kind: EventKind
    items: list[DigestItem]


@dataclass
class DigestGroup:
    cluster: Cluster | None
    sections: list[DigestSection]


KIND_ORDER = {kind: position for position, kind in enumerate(EventKind)}


def digest_groups(*, user, start: dt.datetime, end: dt.datetime) -> list[DigestGroup]:
    """The events of [start, end) about what ``user`` follows, by cluster, then kind."""
    followed = followed_by(user)
    events = list(
        Event.objects.filter(happened_at__gte=start, happened_at__lt=end).order_by(
            "happened_at", "pk"
        )
    )
    scopes = _scopes(events)
    member = None
    grouped: dict[Cluster | None, dict[str, list[DigestItem]]] = {}
    for event in events:
        scope = scopes.get(event.pk)
        if scope is None or not scope.public or not scope.concerns(followed):
            continue
        if scope.members_only:
            member = is_member(user) if member is None else member
            if not member:
                continue
        followed_clusters = [c for c in scope.clusters if c.pk in followed.cluster]
        cluster = (followed_clusters or scope.clusters or [None])[0]
        grouped.setdefault(cluster, {}).setdefault(event.kind, []).append(
            DigestItem(event=event, url=scope.url, detail=scope.detail)
        )
    clusters = sorted(
        (c for c in grouped if c is not None),
        key=lambda c: (c.project_id, c.position, c.name),
    )
    return [
        DigestGroup(
            cluster=cluster,
            sections=[
                DigestSection(kind=EventKind(kind), items=items)
                for kind, items in sorted(grouped[cluster].items(), key=lambda i: KIND_ORDER[i[0]])
            ],
        )
        for cluster in [*clusters, *([None] if None in grouped else [])]
    ]


def digest_count(groups: list[DigestGroup]) -> int:
    return sum(len(section.items) for group in groups for section in group.sections)


# --- Sending ---------------------------------------------------------------------


def digest_recipients(frequency: str):
    """Active people with an address who may follow something and want this frequency."""
    people = (
        get_user_model()
        .objects.filter(is_active=True)
        .exclude(email="")
        .filter(models.Q(follows__following=True) | models.Q(memberships__status="confirmed"))
        .distinct()
        .order_by("pk")
    )
    if frequency == settings.DIGEST_DEFAULT_FREQUENCY:
        return people.exclude(
            pk__in=DigestSettings.objects.exclude(frequency=frequency).values("user")
        )
    return people.filter(digest_settings__frequency=frequency)


def digest_create(*, user, frequency: str, start: dt.datetime, end: dt.datetime) -> Digest | None:
    """The one Digest row of this person and period, or None when it exists already."""
    try:
        with transaction.atomic():
            return Digest.objects.create(
                user=user, frequency=frequency, period_start=start, period_end=end
            )
    except IntegrityError:
        if Digest.objects.filter(user=user, frequency=frequency, period_start=start).exists():
            return None
        raise
