import shutil
from io import StringIO

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.utils import translation

from bench.scale import GENERATED_SLUG
from cities.models import Organisation
from core.content_language import shown_text
from demo import data
from demo.services import demo_data_load
from exchanges.models import ActionPlan, ActionPlanVersion, StudyVisit, VisitParticipation
from tests.factories import (
    ClusterFactory,
    OrganisationFactory,
    ParticipationFactory,
    ProjectFactory,
    TargetGroupFactory,
)
from toolkit.models import Practice, PracticeStatus, Resource

SIZES = {"practices": 40, "visits": 8, "plans": 6, "organisations": 12}

generated = {"slug__regex": GENERATED_SLUG}


@pytest.fixture(autouse=True)
def bench_installed(settings):
    """``seed_scale`` is a command of the bench app, installed by bench/settings.py only."""
    settings.INSTALLED_APPS = [*settings.INSTALLED_APPS, "bench"]


@pytest.fixture
def demo(db):
    """What seed_scale builds on, in brief: the VALUES project, partners, clusters, groups.

    Quicker than the whole demo load; one test below runs on the real one.
    """
    project = ProjectFactory(slug=data.PROJECT["slug"], acronym="VALUES")
    for slug, country in [
        ("turin", "IT"),
        ("nuremberg", "DE"),
        ("toulouse", "FR"),
        ("terrassa", "ES"),
        ("amsterdam", "NL"),
        ("bristol", "GB"),
        ("brno", "CZ"),
        ("cev", "BE"),
    ]:
        ParticipationFactory(
            project=project,
            organisation=OrganisationFactory(slug=slug, city=slug.title(), country=country),
        )
    for position in range(4):
        ClusterFactory(project=project, position=position)
    for _ in range(7):
        TargetGroupFactory()


def seed(**options) -> str:
    out = StringIO()
    call_command("seed_scale", **{**SIZES, "seed": 7, **options}, stdout=out)
    return out.getvalue()


def snapshot() -> dict:
    """The generated rows by their natural keys: what must not change between two runs."""
    return {
        "organisations": list(
            Organisation.objects.filter(**generated)
            .order_by("slug")
            .values_list("slug", "name", "kind", "city", "country", "latitude", "longitude")
        ),
        "practices": list(
            Practice.objects.filter(**generated)
            .order_by("slug")
            .values_list(
                "slug",
                "title_en",
                "title_it",
                "summary_de",
                "language",
                "status",
                "published_at",
                "organisation__slug",
                "origin_city",
                "volunteering_model",
            )
        ),
        "practice_clusters": sorted(
            Practice.clusters.through.objects.filter(
                practice__slug__regex=GENERATED_SLUG
            ).values_list("practice__slug", "cluster__slug")
        ),
        "practice_target_groups": sorted(
            Practice.target_groups.through.objects.filter(
                practice__slug__regex=GENERATED_SLUG
            ).values_list("practice__slug", "targetgroup__slug")
        ),
        "visits": list(
            StudyVisit.objects.filter(**generated)
            .order_by("slug")
            .values_list("slug", "title_en", "host__slug", "cluster__slug", "start_date", "status")
        ),
        "participations": sorted(
            VisitParticipation.objects.filter(visit__slug__regex=GENERATED_SLUG).values_list(
                "visit__slug", "organisation__slug", "city_staff", "volunteers", "migrants"
            )
        ),
        "plans": list(
            ActionPlan.objects.filter(**generated)
            .order_by("slug")
            .values_list("slug", "title", "organisation__slug", "status", "published_at")
        ),
        "versions": sorted(
            ActionPlanVersion.objects.filter(plan__slug__regex=GENERATED_SLUG).values_list(
                "plan__slug", "version_label", "file", "size", "checksum"
            )
        ),
    }


class _Rollback(Exception):
    pass


def seeded_then_rolled_back(settings, seed_value: int) -> dict:
    try:
        with transaction.atomic():
            seed(seed=seed_value)
            rows = snapshot()
            raise _Rollback
    except _Rollback:
        pass
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)
    return rows


@pytest.mark.django_db
def test_seed_scale_creates_the_asked_numbers_on_the_demo_data():
    demo_data_load()
    demo_practices = Practice.objects.count()

    output = seed()

    assert Organisation.objects.filter(**generated).count() == 12
    assert Practice.objects.filter(**generated).count() == 40
    assert Practice.objects.count() == demo_practices + 40
    assert StudyVisit.objects.filter(**generated).count() == 8
    assert ActionPlan.objects.filter(**generated).count() == 6
    assert "took" in output
    assert "40 practices" in output


def test_seed_scale_spreads_rows_over_the_demo_data(demo):
    seed()
    practices = Practice.objects.filter(**generated)

    assert practices.filter(status=PracticeStatus.PUBLISHED).exists()
    assert practices.exclude(status=PracticeStatus.PUBLISHED).exists()
    assert not practices.filter(status=PracticeStatus.PUBLISHED, published_at=None).exists()
    assert (
        practices.filter(organisation__slug="turin").exists()
        or practices.filter(organisation__participations__isnull=False).exists()
    )
    years = {
        moment.year
        for moment in practices.exclude(published_at=None).values_list("published_at", flat=True)
    }
    assert len(years) >= 3
    assert not practices.filter(clusters=None).exists()
    assert not practices.filter(target_groups=None).exists()
    assert practices.filter(is_example=False).count() == 0
    assert Resource.objects.filter(practice__in=practices).exists()

    for visit in StudyVisit.objects.filter(**generated):
        guests = visit.participations.values_list("organisation", flat=True)
        assert 2 <= len(guests) <= 6
        assert visit.host_id not in guests
    assert Organisation.objects.filter(**generated, latitude=None).count() == 0


def test_seed_scale_writes_texts_in_several_languages(demo):
    seed()
    practices = Practice.objects.filter(**generated)

    assert len(set(practices.values_list("language", flat=True))) >= 3
    italian = practices.filter(language="it").first()
    assert italian is not None
    # Written in Italian: the Italian column holds it, and so does the plain column
    # (the one full-text search reads); rewrite(False) compares that column itself.
    assert italian.title_it
    assert Practice.objects.rewrite(False).filter(pk=italian.pk, title=italian.title_it).exists()
    # Some practices written in another language carry an English translation.
    assert practices.exclude(language="en").exclude(title_en=None).exists()


def test_seed_scale_names_organisations_as_the_admin_keeps_them(demo):
    seed()

    for organisation in Organisation.objects.filter(**generated):
        # In the default language's column, in the organisation's own language: a card or a
        # select shows it in every language, as it shows a partner's.
        assert organisation.name_en
        assert organisation.name_language != ""
        with translation.override("it"):
            assert shown_text(organisation, "name").text == organisation.name_en


def test_seed_scale_stores_a_pdf_for_every_plan(demo):
    seed()

    for plan in ActionPlan.objects.filter(**generated):
        versions = list(plan.versions.all())
        assert 1 <= len(versions) <= 2
        for version in versions:
            assert default_storage.exists(version.file.name)
            with version.file.open("rb") as handle:
                content = handle.read()
            assert content.startswith(b"%PDF-")
            assert version.size == len(content)
    names = ActionPlanVersion.objects.filter(plan__slug__regex=GENERATED_SLUG).values_list(
        "file", flat=True
    )
    assert len(set(names)) == len(names)


def test_seed_scale_same_seed_same_rows(demo, settings):
    first = seeded_then_rolled_back(settings, 3)
    second = seeded_then_rolled_back(settings, 3)
    other = seeded_then_rolled_back(settings, 4)

    assert first["practices"]
    assert first == second
    assert first["practices"] != other["practices"]


def test_seed_scale_refuses_to_run_twice(demo):
    seed()
    before = Practice.objects.count()

    with pytest.raises(CommandError, match="already in this database"):
        seed()
    assert Practice.objects.count() == before


@pytest.mark.django_db
def test_seed_scale_needs_the_demo_data():
    with pytest.raises(CommandError, match="load_values_demo"):
        seed()
    assert not Practice.objects.exists()


def test_seed_scale_refuses_negative_sizes(demo):
    with pytest.raises(CommandError, match="negative"):
        call_command("seed_scale", "--practices", "-1", stdout=StringIO())
