"""The transfer trail: where a practice travelled, and what a partner took and gave.

Only transfers of published practices are shown in public: a draft has no page
to link to. Every read here is one query, whatever the number of transfers.
"""

from dataclasses import dataclass

from django.conf import settings

from cities.models import Organisation
from core.cache import pk_token, tokens_changed
from core.europe_map import VIEWBOX_HEIGHT, VIEWBOX_WIDTH, Marker, partner_markers
from exchanges.models import Transfer
from toolkit.models import Practice

# What a transfer row shows: the partner pages, the visit or exchange it went through.
TRAIL_RELATED = ("study_visit", "staff_exchange")


def _in_every_language(*names: str) -> list[str]:
    """Each translated field and its column in every language: a transfer's QuerySet is
    Django's, whose ``only()`` does not add them as modeltranslation's does."""
    languages = settings.MODELTRANSLATION_LANGUAGES
    return [*names, *(f"{name}_{language}" for name in names for language in languages)]


# The columns a transfer's row (exchanges/_transfer_item.html) shows of the rows around it:
# titles and names, not their long texts in ten languages.
TRAIL_FIELDS = (
    "practice",
    "organisation",
    "stage",
    "started_on",
    "stage_reached_on",
    "evidence_url",
    "evidence_file",
    "notes",
    "is_example",
    *_in_every_language("study_visit__title"),
    "study_visit__slug",
    "staff_exchange__title",
    "staff_exchange__slug",
    *_in_every_language("practice__title"),
    "practice__slug",
    "practice__language",
    "practice__origin_city",
    "practice__origin_country",
    "practice__organisation",
)
ORGANISATION_FIELDS = (*_in_every_language("name"), "name_language", "slug", "city", "country")


@dataclass(frozen=True)
class TrailMap:
    """What ``includes/_map.html`` needs to show the organisations of a trail."""

    partners: list[Organisation]
    markers: list[Marker]
    width: int = VIEWBOX_WIDTH
    height: int = VIEWBOX_HEIGHT


def trail_map(transfers: list[Transfer]) -> TrailMap:
    """The organisations that took a practice up, once each, by country name then city."""
    unique = {transfer.organisation.pk: transfer.organisation for transfer in transfers}
    partners = sorted(
        unique.values(), key=lambda partner: (partner.country.name, partner.city, partner.name)
    )
    markers = partner_markers(partners)
    on_map = {marker.partner.pk for marker in markers}
    for partner in partners:
        partner.on_map = partner.pk in on_map
    return TrailMap(partners=partners, markers=markers)


@dataclass(frozen=True)
class PracticeTrail:
    transfers: list[Transfer]  # the organisations that took the practice up, oldest first
    map: TrailMap | None

    def __bool__(self) -> bool:
        return bool(self.transfers)


def practice_trail(practice: Practice) -> PracticeTrail:
    taken = list(
        Transfer.objects.public()
        .filter(practice=practice)
        .select_related("organisation", *TRAIL_RELATED)
        .order_by("started_on", "organisation__name")
    )
    return PracticeTrail(transfers=taken, map=trail_map(taken) if taken else None)


@dataclass(frozen=True)
class PartnerTrail:
    taken: list[Transfer]  # practices the partner took up, and from whom
    given: list[Transfer]  # the partner's own practices that others took up

    def __bool__(self) -> bool:
        return bool(self.taken or self.given)


def partner_trail(partner: Organisation) -> PartnerTrail:
    published = Transfer.objects.public()
    taken = (
        published.filter(organisation=partner)
        .select_related("practice", "practice__organisation", *TRAIL_RELATED)
        .only(*TRAIL_FIELDS, *(f"practice__organisation__{name}" for name in ORGANISATION_FIELDS))
        .order_by("-started_on", "practice__title")
    )
    given = (
        published.filter(practice__organisation=partner)
        .select_related("practice", "organisation", *TRAIL_RELATED)
        .only(*TRAIL_FIELDS, *(f"organisation__{name}" for name in ORGANISATION_FIELDS))
        .order_by("-started_on", "organisation__name")
    )
    return PartnerTrail(taken=list(taken), given=list(given))


def evidence_size(transfer: Transfer) -> int | None:
    """The evidence file's size in bytes; None when the file is missing from storage."""
    if not transfer.evidence_file:
        return None
    try:
        return transfer.evidence_file.size
    except (FileNotFoundError, OSError, ValueError):
        return None


def practice_saved(sender, instance, using=None, **kwargs) -> None:
    """``post_save`` of a practice (``exchanges/apps.py``): its title and whether it is
    published show in the trails on the pages of the partners that took it up and of
    its own partner (what others took up); a change of it is a change of theirs
    (``core.cache`` follows neither the transfers pointing at a practice nor, for a
    practice, its partner's row: ``Practice.listed_apart_by``)."""
    takers = set(
        Transfer.objects.using(using)
        .filter(practice=instance.pk)
        .values_list("organisation_id", flat=True)
    )
    if takers:
        takers.add(instance.organisation_id)
    tokens_changed([pk_token(Organisation, pk) for pk in takers], using)
