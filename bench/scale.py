"""Scale data: thousands of practices, study visits and action plans on top of the VALUES demo.

``manage.py seed_scale`` builds on what ``load_values_demo`` loaded (the real
partners, clusters and target groups) so that ``make bench`` can measure the
portal at the size it is meant for. Everything comes from one seeded random
generator and a fixed reference day, never from the clock: the same seed gives
the same rows (only ``created_at``/``updated_at`` and the primary keys differ).

Rows are written with ``bulk_create`` in batches. Texts are short sentences in
the partners' languages (``scale_words.py``); a practice written in Italian has
its Italian text in the ``*_it`` columns and, for some, an English translation
in ``*_en``, as partners would enter them. Every generated row carries the
"Example" flag and a slug ending in ``-g<number>``, which is how a second run
notices the first.

One function per model, each taking the context and the sizes and returning the
rows it wrote; ``STEPS`` runs them in order. Adding a model (transfers, actions
of action plans) is one more function, one more size and one more line in
``STEPS``.
"""

import datetime as dt
import functools
import hashlib
import random
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection, models, transaction
from django.utils import translation
from django.utils.text import slugify
from modeltranslation.manager import get_translatable_fields_for_model
from modeltranslation.utils import build_localized_fieldname

from bench.scale_words import AGENDA, CITIES, COUNTRY_LANGUAGE, WORDS
from cities.models import Cluster, Organisation, OrganisationKind, Project
from core.cache import content_changed
from core.models import Visibility
from demo import data
from demo.services import demo_pdf
from exchanges.models import (
    ActionPlan,
    ActionPlanVersion,
    ActivityStatus,
    PublicationStatus,
    StudyVisit,
    VisitParticipation,
)
from toolkit.models import Practice, PracticeStatus, Resource, TargetGroup, VolunteeringModel

# "Today" for the generated statuses (completed, planned…): fixed, so that a
# seed gives the same rows whatever day it runs.
REFERENCE_DAY = dt.date(2026, 6, 30)
FIRST_PUBLISHED = dt.datetime(2015, 1, 1, 9, 0, tzinfo=dt.UTC)
LAST_PUBLISHED = dt.datetime(2026, 6, 30, 18, 0, tzinfo=dt.UTC)
FIRST_VISIT_DAY = dt.date(2019, 1, 7)
LAST_VISIT_DAY = dt.date(2027, 12, 13)

BATCH_SIZE = 1000
# Generated slugs end in "-g<number>"; real and demo slugs never do.
GENERATED_SLUG = r"-g[0-9]+$"


class ScaleDataError(Exception):
    """The database is not ready for scale data, or already holds it."""


@dataclass(frozen=True)
class ScaleSizes:
    practices: int = 10_000
    visits: int = 2_000
    plans: int = 1_000
    organisations: int = 200


@dataclass
class ScaleContext:
    rng: random.Random
    project: Project
    partners: list[Organisation]
    clusters: list[Cluster]
    target_groups: list[TargetGroup]
    generated_organisations: list[Organisation] = field(default_factory=list)
    practices: list[Practice] = field(default_factory=list)
    visits: list[StudyVisit] = field(default_factory=list)
    plans: list[ActionPlan] = field(default_factory=list)
    # The language each organisation writes in, by slug.
    languages: dict[str, str] = field(default_factory=dict)
    # Names written to the storage, removed again if seeding fails.
    files: list[str] = field(default_factory=list)

    @property
    def organisations(self) -> list[Organisation]:
        return self.partners + self.generated_organisations

    def language_of(self, organisation: Organisation) -> str:
        return self.languages[organisation.slug]


@dataclass
class ScaleResult:
    counts: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def total_seconds(self) -> float:
        return sum(self.seconds.values())

    def summary(self) -> str:
        rows = ", ".join(
            f"{number} {name.replace('_', ' ')}" for name, number in self.counts.items()
        )
        return f"{rows}; {sum(self.counts.values())} rows in {self.total_seconds:.1f} s."


# --- texts ------------------------------------------------------------------------


def _sentence_keys(rng: random.Random) -> tuple[int, int, int, int]:
    """A sentence as indexes into the word lists, so it reads the same in every language."""
    words = WORDS["en"]
    return (
        rng.randrange(len(words["subjects"])),
        rng.randrange(len(words["verbs"])),
        rng.randrange(len(words["objects"])),
        rng.randrange(len(words["tails"])),
    )


def _sentence(language: str, keys: tuple[int, int, int, int]) -> str:
    words = WORDS[language]
    subject, verb, obj, tail = keys
    return (
        f"{words['subjects'][subject]} {words['verbs'][verb]} "
        f"{words['objects'][obj]} {words['tails'][tail]}."
    )


class _Text:
    """One text drawn once and written in any language: ``text.in_("it")``."""

    def __init__(self, rng: random.Random, sentences: int) -> None:
        self.keys = [_sentence_keys(rng) for _ in range(sentences)]

    def in_(self, language: str) -> str:
        return " ".join(_sentence(language, keys) for keys in self.keys)


def _title(language: str, activity: int, group: int) -> str:
    words = WORDS[language]
    return f"{words['activities'][activity]} {words['groups'][group]}"


@functools.cache
def _translation_defaults(model: type[models.Model]) -> dict[str, object]:
    """Every per-language column with its default, computed once.

    Passing them to the constructor spares modeltranslation working out each
    default again for every row (most of the time ``bulk_create`` would spend).
    """
    return {
        build_localized_fieldname(name, language): model._meta.get_field(
            build_localized_fieldname(name, language)
        ).get_default()
        for name in get_translatable_fields_for_model(model) or ()
        for language in settings.MODELTRANSLATION_LANGUAGES
    }


def _localised(
    model: type[models.Model], texts: dict[str, Callable[[str], str]], languages: Iterable[str]
) -> dict[str, str]:
    """Field values for ``texts`` written in each of ``languages``.

    A field translated with django-modeltranslation gets one column per language
    (``title_it``, ``title_en``); any other field gets the first language only.
    """
    translated = set(get_translatable_fields_for_model(model) or ())
    values = dict(_translation_defaults(model))
    for position, language in enumerate(languages):
        for name, text in texts.items():
            if name in translated:
                values[build_localized_fieldname(name, language)] = text(language)
            elif position == 0:
                values[name] = text(language)
    return values


def _bulk_create_by_language(
    model: type[models.Model], rows: list[tuple[str, models.Model]]
) -> None:
    """``bulk_create`` with each row's own language active.

    The plain column of a translated field (``title``) is filled from the active
    language's column, as when a partner saves the row in that language.
    """
    by_language: dict[str, list[models.Model]] = defaultdict(list)
    for language, obj in rows:
        by_language[language].append(obj)
    for language in sorted(by_language):
        with translation.override(language):
            model.objects.bulk_create(by_language[language], batch_size=BATCH_SIZE)


def _slug(text: str, number: int) -> str:
    return f"{slugify(text)[:150].strip('-')}-g{number}"


def _moment(rng: random.Random, start: dt.datetime, end: dt.datetime) -> dt.datetime:
    return start + dt.timedelta(seconds=rng.randrange(int((end - start).total_seconds())))


# --- one function per model ---------------------------------------------------------


def seed_organisations(ctx: ScaleContext, sizes: ScaleSizes) -> int:
    """City administrations first, then volunteering centres and NGOs, across Europe."""
    kinds = [
        (OrganisationKind.CITY, "city_organisation"),
        (OrganisationKind.VOLUNTEERING, "volunteering_organisation"),
        (OrganisationKind.NGO, "ngo"),
    ]
    rows = []
    for number in range(1, sizes.organisations + 1):
        city = CITIES[(number - 1) % len(CITIES)]
        kind, pattern = kinds[((number - 1) // len(CITIES)) % len(kinds)]
        name = WORDS[city.language][pattern].format(city=city.name)
        description = _Text(ctx.rng, 2)
        # Organisations of one city are a few streets apart, not on one point of the map.
        latitude = city.latitude + ctx.rng.uniform(-0.02, 0.02)
        longitude = city.longitude + ctx.rng.uniform(-0.02, 0.02)
        slug = _slug(name, number)
        organisation = Organisation(
            name=name,
            slug=slug,
            kind=kind,
            city=city.name,
            country=city.country,
            latitude=Decimal(f"{latitude:.5f}"),
            longitude=Decimal(f"{longitude:.5f}"),
            website=f"https://{slugify(city.name) or 'city'}.example.org/",
            is_example=True,
            # The name as the organisation writes it, in its own language, is the default
            # language's column, as the admin keeps it (Organisation.content_language).
            name_language=city.language,
            **{
                **_localised(Organisation, {"description": description.in_}, [city.language]),
                build_localized_fieldname("name", settings.MODELTRANSLATION_DEFAULT_LANGUAGE): name,
            },
        )
        ctx.languages[slug] = city.language
        rows.append((city.language, organisation))
    _bulk_create_by_language(Organisation, rows)
    ctx.generated_organisations = [organisation for _language, organisation in rows]
    return len(rows)


def seed_practices(ctx: ScaleContext, sizes: ScaleSizes) -> int:
    """Practices of partners, of generated organisations and from outside the network."""
    words = WORDS["en"]
    models_ = VolunteeringModel.values
    published_share, draft_share = 0.85, 0.10
    rows = []
    for number in range(1, sizes.practices + 1):
        draw = ctx.rng.random()
        if draw < 0.2 or not ctx.generated_organisations:
            organisation = ctx.rng.choice(ctx.partners)
        elif draw < 0.85:
            organisation = ctx.rng.choice(ctx.generated_organisations)
        else:
            organisation = None
        if organisation is None:
            city = ctx.rng.choice(CITIES)
            origin_city, origin_country, language = city.name, city.country, city.language
        else:
            origin_city = organisation.city
            origin_country = organisation.country.code
            language = ctx.language_of(organisation)
        if ctx.rng.random() < 0.25:
            language = "en"  # the network's working language
        languages = [language]
        if language != "en" and ctx.rng.random() < 0.3:
            languages.append("en")

        activity = ctx.rng.randrange(len(words["activities"]))
        group = ctx.rng.randrange(len(words["groups"]))
        texts = {
            "title": lambda lang, a=activity, g=group: _title(lang, a, g),
            "summary": _Text(ctx.rng, 2).in_,
            "description": _Text(ctx.rng, 3).in_,
            "how_it_works": _Text(ctx.rng, 3).in_,
            "resources_needed": _Text(ctx.rng, 1).in_,
            "results": _Text(ctx.rng, 2).in_,
            "transferability": _Text(ctx.rng, 1).in_,
        }
        draw = ctx.rng.random()
        if draw < published_share:
            status = PracticeStatus.PUBLISHED
            published_at = _moment(ctx.rng, FIRST_PUBLISHED, LAST_PUBLISHED)
        else:
            status = (
                PracticeStatus.DRAFT
                if draw < published_share + draft_share
                else PracticeStatus.IN_REVIEW
            )
            published_at = None
        practice = Practice(
            slug=_slug(_title("en", activity, group), number),
            origin_city=origin_city,
            origin_country=origin_country,
            organisation=organisation,
            volunteering_model=ctx.rng.choice(models_),
            contact=f"Volunteering office, {organisation or origin_city} (example contact)",
            language=language,
            status=status,
            published_at=published_at,
            is_example=True,
            **_localised(Practice, texts, languages),
        )
        rows.append((language, practice))
    _bulk_create_by_language(Practice, rows)
    ctx.practices = [practice for _language, practice in rows]
    return len(rows)


def seed_practice_clusters(ctx: ScaleContext, sizes: ScaleSizes) -> int:
    through = Practice.clusters.through
    links = [
        through(practice_id=practice.pk, cluster_id=cluster.pk)
        for practice in ctx.practices
        for cluster in ctx.rng.sample(
            ctx.clusters, k=min(ctx.rng.choice((1, 1, 2, 2, 3)), len(ctx.clusters))
        )
    ]
    through.objects.bulk_create(links, batch_size=BATCH_SIZE * 5)
    return len(links)


def seed_practice_target_groups(ctx: ScaleContext, sizes: ScaleSizes) -> int:
    through = Practice.target_groups.through
    links = [
        through(practice_id=practice.pk, targetgroup_id=group.pk)
        for practice in ctx.practices
        for group in ctx.rng.sample(
            ctx.target_groups, k=min(ctx.rng.randint(1, 3), len(ctx.target_groups))
        )
    ]
    through.objects.bulk_create(links, batch_size=BATCH_SIZE * 5)
    return len(links)


def seed_resources(ctx: ScaleContext, sizes: ScaleSizes) -> int:
    """A link to a guide for about a quarter of the practices."""
    resources = [
        Resource(
            practice=practice,
            title=f"Step-by-step guide ({practice.get_language_display()})",
            url=f"https://example.org/toolkit/{practice.slug}/guide",
            language=practice.language,
            visibility=Visibility.PUBLIC if ctx.rng.random() < 0.8 else Visibility.MEMBERS,
        )
        for practice in ctx.practices
        if ctx.rng.random() < 0.25
    ]
    Resource.objects.bulk_create(resources, batch_size=BATCH_SIZE)
    return len(resources)


def seed_study_visits(ctx: ScaleContext, sizes: ScaleSizes) -> int:
    """Visits hosted by cities, in English, half of them also in the host's language."""
    words = WORDS["en"]
    hosts = [o for o in ctx.organisations if o.kind == OrganisationKind.CITY]
    span = (LAST_VISIT_DAY - FIRST_VISIT_DAY).days
    rows = []
    for number in range(1, sizes.visits + 1):
        host = ctx.rng.choice(hosts)
        host_language = ctx.language_of(host)
        languages = ["en"]
        if host_language != "en" and ctx.rng.random() < 0.5:
            languages.append(host_language)
        activity = ctx.rng.randrange(len(words["activities"]))
        start = FIRST_VISIT_DAY + dt.timedelta(days=ctx.rng.randrange(span))
        end = start + dt.timedelta(days=ctx.rng.randint(0, 2))
        if end < REFERENCE_DAY:
            status = (
                ActivityStatus.COMPLETED if ctx.rng.random() < 0.92 else ActivityStatus.CANCELLED
            )
        else:
            status = ActivityStatus.PLANNED if ctx.rng.random() < 0.95 else ActivityStatus.CANCELLED
        lessons = _Text(ctx.rng, 2) if status == ActivityStatus.COMPLETED else None
        texts = {
            "title": lambda lang, city=host.city, a=activity: WORDS[lang]["visit"].format(
                city=city, activity=WORDS[lang]["activities"][a]
            ),
            "summary": _Text(ctx.rng, 2).in_,
            "lessons_learned": lessons.in_ if lessons else lambda lang: "",
        }
        visit = StudyVisit(
            slug=_slug(texts["title"]("en"), number),
            project=ctx.project,
            host=host,
            cluster=ctx.rng.choice(ctx.clusters),
            start_date=start,
            end_date=end,
            status=status,
            agenda="\n".join(
                line.format(activity=words["activities"][activity]) for line in AGENDA
            ),
            is_example=True,
            **_localised(StudyVisit, texts, languages),
        )
        rows.append(("en", visit))
    _bulk_create_by_language(StudyVisit, rows)
    ctx.visits = [visit for _language, visit in rows]
    return len(rows)


def seed_visit_participations(ctx: ScaleContext, sizes: ScaleSizes) -> int:
    """Two to six organisations at each visit besides the host, counted by role."""
    organisations = ctx.organisations
    participations = []
    for visit in ctx.visits:
        guests = [
            o
            for o in ctx.rng.sample(organisations, k=min(7, len(organisations)))
            if o.pk != visit.host_id
        ]
        for organisation in guests[: ctx.rng.randint(2, 6)]:
            participations.append(
                VisitParticipation(
                    visit=visit,
                    organisation=organisation,
                    city_staff=ctx.rng.randint(0, 4),
                    volunteering_staff=ctx.rng.randint(0, 3),
                    volunteers=ctx.rng.randint(0, 5),
                    migrants=ctx.rng.randint(0, 4),
                )
            )
    VisitParticipation.objects.bulk_create(participations, batch_size=BATCH_SIZE)
    return len(participations)


def seed_action_plans(ctx: ScaleContext, sizes: ScaleSizes) -> int:
    """Plans in their organisation's language, most of them published and public."""
    words = WORDS["en"]
    plans = []
    for number in range(1, sizes.plans + 1):
        organisation = ctx.rng.choice(ctx.organisations)
        language = ctx.language_of(organisation)
        activity = ctx.rng.randrange(len(words["activities"]))
        title = WORDS[language]["plan"].format(
            city=organisation.city, activity=WORDS[language]["activities"][activity]
        )
        published = ctx.rng.random() < 0.85
        plans.append(
            ActionPlan(
                organisation=organisation,
                project=ctx.project,
                title=title[:200],
                slug=_slug(
                    words["plan"].format(
                        city=organisation.city, activity=words["activities"][activity]
                    ),
                    number,
                ),
                summary=_Text(ctx.rng, 2).in_(language),
                language=language,
                status=PublicationStatus.PUBLISHED if published else PublicationStatus.DRAFT,
                visibility=Visibility.PUBLIC if ctx.rng.random() < 0.8 else Visibility.MEMBERS,
                published_at=_moment(ctx.rng, FIRST_PUBLISHED, LAST_PUBLISHED)
                if published
                else None,
                is_example=True,
            )
        )
    ActionPlan.objects.bulk_create(plans, batch_size=BATCH_SIZE)
    ctx.plans = plans
    return len(plans)


def seed_action_plan_visits(ctx: ScaleContext, sizes: ScaleSizes) -> int:
    """The study visits that informed each plan: none to three."""
    if not ctx.visits:
        return 0
    through = ActionPlan.study_visits.through
    links = [
        through(actionplan_id=plan.pk, studyvisit_id=visit.pk)
        for plan in ctx.plans
        for visit in ctx.rng.sample(ctx.visits, k=min(ctx.rng.randint(0, 3), len(ctx.visits)))
    ]
    through.objects.bulk_create(links, batch_size=BATCH_SIZE * 5)
    return len(links)


def seed_action_plan_versions(ctx: ScaleContext, sizes: ScaleSizes) -> int:
    """A small PDF for every plan, a second version for one in five, each under its own name.

    The files share one content (written through the storage API, so they land
    wherever MEDIA_ROOT or the storage says) to keep seeding fast.
    """
    content = demo_pdf(["VALUES action plan", "Example content generated for load tests."])
    checksum = hashlib.sha256(content).hexdigest()
    field_file = ActionPlanVersion._meta.get_field("file")
    storage = field_file.storage
    folder = field_file.upload_to.folder
    versions = []
    for plan in ctx.plans:
        uploaded = plan.published_at or _moment(ctx.rng, FIRST_PUBLISHED, LAST_PUBLISHED)
        for number in range(1, 3 if ctx.rng.random() < 0.2 else 2):
            name = storage.save(
                f"{folder}/{ctx.rng.getrandbits(128):032x}.pdf", ContentFile(content)
            )
            ctx.files.append(name)
            versions.append(
                ActionPlanVersion(
                    plan=plan,
                    file=name,
                    original_filename=f"{plan.slug[:200]}-v{number}.pdf",
                    version_label=f"{number}.0",
                    uploaded_at=uploaded + dt.timedelta(days=30 * (number - 1)),
                    size=len(content),
                    checksum=checksum,
                )
            )
    ActionPlanVersion.objects.bulk_create(versions, batch_size=BATCH_SIZE)
    return len(versions)


# In order: each step may use what the ones before it created.
STEPS: tuple[Callable[[ScaleContext, ScaleSizes], int], ...] = (
    seed_organisations,
    seed_practices,
    seed_practice_clusters,
    seed_practice_target_groups,
    seed_resources,
    seed_study_visits,
    seed_visit_participations,
    seed_action_plans,
    seed_action_plan_visits,
    seed_action_plan_versions,
)


# --- the service ------------------------------------------------------------------


def scale_data_present() -> bool:
    return any(
        model.objects.filter(slug__regex=GENERATED_SLUG).exists()
        for model in (Organisation, Practice, StudyVisit, ActionPlan)
    )


def _context(seed: int) -> ScaleContext:
    project = Project.objects.filter(slug=data.PROJECT["slug"]).first()
    clusters = list(Cluster.objects.order_by("slug"))
    target_groups = list(TargetGroup.objects.order_by("slug"))
    partners = list(Organisation.objects.in_project(project).order_by("slug")) if project else []
    if not (project and clusters and target_groups and partners):
        raise ScaleDataError(
            "The VALUES demo data is missing: run `manage.py load_values_demo` first; "
            "scale data builds on its partners, clusters and target groups."
        )
    ctx = ScaleContext(
        rng=random.Random(seed),  # noqa: S311 - repeatable test data, not secrets
        project=project,
        partners=partners,
        clusters=clusters,
        target_groups=target_groups,
    )
    for partner in partners:
        ctx.languages[partner.slug] = COUNTRY_LANGUAGE.get(partner.country.code, "en")
    return ctx


def scale_data_seed(
    *,
    sizes: ScaleSizes,
    seed: int = 42,
    progress: Callable[[str, int, float], None] | None = None,
) -> ScaleResult:
    """Add generated organisations, practices, study visits and action plans to the demo data.

    Refuses to run twice (a second run would double the rows, not repeat them)
    and on a database without the VALUES demo data. All or nothing: on failure
    the rows are rolled back and the files written so far are removed.
    """
    if scale_data_present():
        raise ScaleDataError(
            "Scale data is already in this database (slugs ending in -g<number>); "
            "seed_scale adds rows and cannot run twice. Start from an empty database: "
            "migrate, load_values_demo, then seed_scale."
        )
    ctx = _context(seed)
    result = ScaleResult()
    try:
        with transaction.atomic():
            for step in STEPS:
                started = time.perf_counter()
                rows = step(ctx, sizes)
                name = step.__name__.removeprefix("seed_")
                result.counts[name] = rows
                result.seconds[name] = time.perf_counter() - started
                if progress:
                    progress(name, rows, result.seconds[name])
    except BaseException:
        for name in ctx.files:
            ActionPlanVersion._meta.get_field("file").storage.delete(name)
        raise
    if connection.vendor == "postgresql":
        # Fresh planner statistics: right after a bulk load PostgreSQL still
        # believes the tables hold a few rows and plans queries accordingly
        # (a full-text search then took 11 s instead of 1.5 s). VACUUM also
        # marks the pages all-visible, which index-only scans need; autovacuum
        # would do both, later.
        started = time.perf_counter()
        with connection.cursor() as cursor:
            # VACUUM cannot run inside a transaction (a test's, for one).
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
        result.seconds["analyze"] = time.perf_counter() - started
        if progress:
            progress("analyze", 0, result.seconds["analyze"])
    # Bulk inserts send no signals: tell the page and fragment caches directly.
    content_changed()
    return result
