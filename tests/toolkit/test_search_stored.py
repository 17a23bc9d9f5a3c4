"""The stored search vectors: kept current by the database, read instead of recomputed.

And the facet counts, which come from one pass over the same matching practices.
"""

import datetime as dt
import json

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Case, CharField, F, Value, When
from django.db.models.functions import Coalesce
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from cities.models import Cluster
from tests.factories import (
    ClusterFactory,
    OrganisationFactory,
    PracticeFactory,
    TargetGroupFactory,
    UserFactory,
)
from toolkit.filters import PracticeFilter
from toolkit.models import Practice, PracticeSearchVectors, PracticeStatus, TargetGroup
from toolkit.search import practice_search_vector, search_practices
from toolkit.services import practice_publish

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text search needs PostgreSQL"
)


def found(text: str, reader: str = "en") -> list[str]:
    with translation.override(reader):
        practices = search_practices(Practice.objects.all(), text)
        return sorted(practices.values_list("slug", flat=True))


@postgresql_only
@pytest.mark.django_db
def test_stored_vectors_follow_the_search_configuration():
    """The trigger of migration 0011 and ``practice_search_vector`` build the same vectors."""
    PracticeFactory(
        title="Mentors for newcomers",
        title_it="Mentori per i nuovi arrivati",
        description_de="Ehrenamtliche begleiten Familien.",
        summary_cs="Dobrovolníci v Brně.",
        transferability_lv="Jaunieši palīdz kaimiņiem.",
        origin_city="Bologna",
    )

    for language in settings.MODELTRANSLATION_LANGUAGES:
        stored, computed = (
            Practice.objects.annotate(computed=practice_search_vector(language))
            .values_list(f"search_vectors__search_{language}", "computed")
            .get()
        )
        assert stored == computed, language


@postgresql_only
@pytest.mark.django_db
def test_stored_vectors_follow_every_way_of_writing_a_practice():
    # Created by save(): found by its Italian words, stemmed as Italian.
    practice = PracticeFactory(slug="corsi", language="it", title_it="Corsi di lingua")
    assert found("lingue", reader="it") == ["corsi"]

    # save() after an edit.
    practice.title_it = "Orti urbani"
    practice.save()
    assert found("lingue", reader="it") == []
    assert found("urbano", reader="it") == ["corsi"]  # urbani, urbano: "urban"

    # QuerySet.update(), which sends no signal and calls no save(): German, stemmed.
    Practice.objects.filter(pk=practice.pk).update(summary_de="Sprachen im Alltag")
    assert found("Sprache", reader="de") == ["corsi"]

    # bulk_create(), as the scale data generator writes practices.
    Practice.objects.bulk_create(
        [
            Practice(
                slug=f"bulk-{n}",
                title=f"Befreundete Familien {n}",
                summary_de="Familien helfen Familien.",
                origin_city="Berlin",
                origin_country="DE",
                volunteering_model=practice.volunteering_model,
                status=PracticeStatus.PUBLISHED,
                published_at=practice.published_at,
            )
            for n in range(3)
        ]
    )
    assert found("Familie", reader="de") == ["bulk-0", "bulk-1", "bulk-2"]

    # Deleting a practice deletes its vectors.
    Practice.objects.filter(slug="bulk-0").delete()
    assert PracticeSearchVectors.objects.count() == 3


def stored_vectors() -> tuple[dict, dict]:
    """Each practice's stored vector in each language, and the one ``practice_search_vector``
    builds from its texts."""
    stored, computed = {}, {}
    for language in settings.MODELTRANSLATION_LANGUAGES:
        rows = Practice.objects.annotate(computed=practice_search_vector(language)).values_list(
            "pk", f"search_vectors__search_{language}", "computed"
        )
        for pk, vector, expected in rows:
            stored[pk, language] = vector
            computed[pk, language] = expected
    return stored, computed


def vector_versions() -> dict[int, str]:
    """Where each practice's vectors row is: an upsert that writes it moves it."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT practice_id, ctid::text FROM toolkit_practicesearchvectors")
        return dict(cursor.fetchall())


@postgresql_only
@pytest.mark.django_db
def test_stored_vectors_follow_writes_of_many_rows_at_once():
    """Practices written many to a statement (the triggers of migration 0015 run once per
    statement) get the vectors they would get one by one; a practice whose texts and
    copied columns (0019) are left alone is not written."""
    texts = [
        {"title": "Mentors for newcomers", "summary": "Volunteers meet families."},
        {"title_it": "Corsi di lingua", "description_it": "Volontari insegnano l'italiano."},
        {"summary_de": "Familien helfen Familien.", "results_de": "Freundschaften."},
        {"title_cs": "Dobrovolníci v Brně", "transferability_lv": "Jaunieši palīdz."},
        {"how_it_works_fr": "Des bénévoles accueillent.", "title_el": "Εθελοντές"},
        {"resources_needed_fi": "Vapaaehtoisia.", "summary_nl": "Buren helpen buren."},
    ]
    practices = Practice.objects.bulk_create(
        Practice(
            slug=f"bulk-{n}",
            origin_city=["Bologna", "Brno", "Riga"][n % 3],
            origin_country=["IT", "CZ", "LV"][n % 3],
            volunteering_model="mentoring",
            status=PracticeStatus.PUBLISHED,
            published_at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
            **text,
        )
        for n, text in enumerate(texts)
    )
    stored, computed = stored_vectors()
    assert stored == computed
    assert len(vector_versions()) == len(texts)

    # One statement: new texts for two practices, the same text for a third, a new status
    # for two others.
    retitled = [practices[0].pk, practices[3].pk]
    unchanged = practices[1].pk
    unpublished = [practices[2].pk, practices[4].pk]
    before = vector_versions()
    Practice.objects.update(
        title_it=Case(
            When(pk__in=retitled, then=Value("Orti urbani")),
            When(pk=unchanged, then=Value("Corsi di lingua")),
            default=F("title_it"),
            output_field=CharField(),
        ),
        status=Case(
            When(pk__in=unpublished, then=Value(PracticeStatus.DRAFT)), default=F("status")
        ),
    )
    stored, computed = stored_vectors()
    assert stored == computed
    assert found("urbano", reader="it") == ["bulk-0", "bulk-3"]
    after = vector_versions()
    assert sorted(pk for pk in before if after[pk] != before[pk]) == sorted(retitled + unpublished)
    assert search_rows_copy_their_practices()


# The search rows' fields that copy a practice's column, by its name (migration 0019).
COPIED_COLUMNS = [
    field.attname
    for field in PracticeSearchVectors._meta.concrete_fields
    if field.attname
    in {practice_field.attname for practice_field in Practice._meta.concrete_fields}
]


def search_rows_copy_their_practices() -> bool:
    """Whether every practice's search row holds its columns' values (migration 0019)."""
    practices = {
        pk: rest for pk, *rest in Practice.objects.values_list("pk", *COPIED_COLUMNS).order_by()
    }
    rows = {
        pk: rest
        for pk, *rest in PracticeSearchVectors.objects.values_list(
            "practice_id", *COPIED_COLUMNS
        ).order_by()
    }
    assert practices, "no practice to compare"
    assert len(COPIED_COLUMNS) == 17
    return rows == practices


@postgresql_only
@pytest.mark.django_db
def test_search_rows_copy_their_practice_through_every_write():
    """What a search's facets count, sort and rank by is copied into the practices' search
    rows by PostgreSQL, whatever writes the practice: a save, the publishing service, an
    update of many, a bulk insert, a new partner."""
    coordinator = UserFactory(is_staff=True)
    practice = PracticeFactory(title="Buddies", status=PracticeStatus.DRAFT)
    other = PracticeFactory(title_it="Compagni", origin_city="Turin")
    assert search_rows_copy_their_practices()

    practice.origin_city = "Ghent"
    practice.title_fr = "Binômes"
    practice.save()
    assert search_rows_copy_their_practices()

    practice_publish(practice=practice, by=coordinator)
    assert search_rows_copy_their_practices()

    Practice.objects.filter(pk=other.pk).update(
        volunteering_model="online", origin_country="BE", language="it"
    )
    assert search_rows_copy_their_practices()

    other.organisation = OrganisationFactory()
    other.save(update_fields=["organisation"])
    assert search_rows_copy_their_practices()

    Practice.objects.bulk_create(
        [
            Practice(
                slug=f"copied-{n}",
                title_de=f"Nachbarn {n}",
                origin_city="Berlin",
                origin_country="DE",
                volunteering_model="neighbourhood",
                status=PracticeStatus.PUBLISHED,
                published_at=dt.datetime(2024, 5, n + 1, tzinfo=dt.UTC),
            )
            for n in range(3)
        ]
    )
    assert search_rows_copy_their_practices()


@postgresql_only
def test_a_searchs_facets_read_the_search_rows_alone(client, catalogue):
    """The toolkit counts and ranks a search's matches from their search rows (0019), not
    their practices' rows: at 100,000 practices a lookup of each match's row was a third
    of the search. The page's cards read their practices, twenty at most."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(
            reverse("toolkit:list"),
            {"q": "buddies", "cluster": "cluster-1", "country": "IT", "sort": "title"},
        )

    assert response.status_code == 200
    counting = [query["sql"] for query in queries if query["sql"].startswith("WITH matching")]
    assert len(counting) == 1
    assert '"toolkit_practicesearchvectors"' in counting[0]
    assert 'FROM "toolkit_practice"' not in counting[0]
    assert 'JOIN "toolkit_practice"' not in counting[0]
    expected = PracticeFilter(
        QueryDict("q=buddies&cluster=cluster-1&country=IT&sort=title"),
        queryset=Practice.objects.published(),
    ).qs
    shown = [practice.pk for practice in response.context["page_obj"].object_list]
    assert shown
    assert shown == list(expected.values_list("pk", flat=True))
    assert response.context["paginator"].count == expected.count()


def triggers_writing(table: str) -> list[tuple[str, int]]:
    """(the table it is on, its ``tgtype``) of each trigger whose function names ``table``."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT tgrelid::regclass::text, tgtype FROM pg_trigger
            JOIN pg_proc ON pg_proc.oid = pg_trigger.tgfoid
            WHERE NOT tgisinternal AND prosrc LIKE %s
            """,
            [f"%{table}%"],
        )
        return cursor.fetchall()


@postgresql_only
@pytest.mark.django_db
def test_stored_vectors_are_written_once_per_statement():
    """The triggers that write the vectors' rows run once per statement, not once per row:
    a trigger function per row made a batch of a thousand practices a thousand upserts.
    The practices' write the vectors and the copies of their columns (0019), their links'
    the ids of their options (0017)."""
    triggers = triggers_writing("toolkit_practicesearchvectors")

    row, insert, delete, update = 1, 4, 8, 16
    assert not any(kind & row for _table, kind in triggers)
    events = {}
    for table, kind in triggers:
        events.setdefault(table, []).append(kind & (insert | delete | update))
    assert {table: sorted(kinds) for table, kinds in events.items()} == {
        "toolkit_practice": [insert, insert, update, update],
        "toolkit_practice_clusters": [insert, delete, update],
        "toolkit_practice_target_groups": [insert, delete, update],
    }


def kept_ids() -> dict[int, tuple[list, list]]:
    """Each practice's cluster and target-group ids as PostgreSQL keeps them (0017)."""
    return {
        practice_id: (clusters or [], groups or [])
        for practice_id, clusters, groups in PracticeSearchVectors.objects.values_list(
            "practice_id", "cluster_ids", "target_group_ids"
        )
    }


def linked_ids() -> dict[int, tuple[list, list]]:
    return {
        practice.pk: (
            sorted(practice.clusters.values_list("pk", flat=True)),
            sorted(practice.target_groups.values_list("pk", flat=True)),
        )
        for practice in Practice.objects.all()
    }


@postgresql_only
@pytest.mark.django_db
def test_kept_option_ids_follow_every_write_of_links():
    clusters = [ClusterFactory(slug=f"cluster-{n}") for n in range(3)]
    groups = [TargetGroupFactory(slug=f"group-{n}") for n in range(3)]
    practices = [
        PracticeFactory(clusters=clusters[: n % 3 + 1], target_groups=[groups[n % 3]])
        for n in range(6)
    ]
    assert kept_ids() == linked_ids()
    assert kept_ids()[practices[2].pk] == (sorted(c.pk for c in clusters), [groups[2].pk])

    writes = [
        lambda: practices[0].clusters.add(clusters[2]),
        lambda: practices[1].clusters.remove(clusters[0]),
        lambda: practices[2].target_groups.clear(),
        lambda: practices[3].target_groups.set([groups[0], groups[2]]),
        lambda: Practice.clusters.through.objects.bulk_create(
            Practice.clusters.through(practice=practice, cluster=clusters[1])
            for practice in practices[3:]
            if not practice.clusters.filter(pk=clusters[1].pk).exists()
        ),
        lambda: Practice.objects.bulk_create(PracticeFactory.build_batch(2)),
        lambda: clusters[0].delete(),
        lambda: groups[1].delete(),
        lambda: practices[4].delete(),
    ]
    for step, write in enumerate(writes):
        write()
        assert kept_ids() == linked_ids(), step


@postgresql_only
@pytest.mark.django_db
def test_search_ranks_only_the_matches_from_their_stored_vectors():
    PracticeFactory.create_batch(3, title="Buddies for refugees")
    PracticeFactory.create_batch(7, title="Football on Fridays", summary="Sport for all.")

    with translation.override("en"):
        queryset = search_practices(Practice.objects.all(), "refugee buddy").order_by("-rank")
    plan = json.loads(queryset.explain(format="json", analyze=True, verbose=True))[0]["Plan"]

    # No text is parsed again: every vector comes from the table.
    assert "to_tsvector" not in json.dumps(plan)
    # The rank is the sort key, and the sort sees the three matches only.
    assert plan["Node Type"] == "Sort"
    assert "ts_rank" in " ".join(plan["Sort Key"])
    assert plan["Actual Rows"] == 3
    assert plan["Plans"][0]["Actual Rows"] == 3


@pytest.fixture
def catalogue(db):
    """Practices spread over clusters, target groups, models, countries, cities and languages."""
    clusters = [ClusterFactory(slug=f"cluster-{n}") for n in range(3)]
    groups = [TargetGroupFactory(slug=f"group-{n}") for n in range(3)]
    models = ["mentoring", "neighbourhood", "online"]
    places = [("IT", "Turin"), ("IT", "Bologna"), ("DE", "Berlin"), ("BE", "Ghent")]
    for n in range(16):
        country, city = places[n % len(places)]
        PracticeFactory(
            title=f"Buddies for newcomers {n}" if n % 3 else f"Football on Fridays {n}",
            clusters=clusters[n % 3 : n % 3 + 1 + n % 2],
            target_groups=[groups[n % 3]],
            volunteering_model=models[n % 3],
            origin_country=country,
            origin_city=city,
            language=["en", "it"][n % 2],
        )


@pytest.mark.parametrize(
    "data",
    [
        "",
        "q=buddies",
        "q=buddies&cluster=cluster-1",
        "q=buddies&cluster=cluster-1&cluster=cluster-2&country=IT&model=neighbourhood",
        "target_group=group-1&city=Bologna&city=Ghent&language=it",
        "cluster=cluster-1",
        "city=Bologna&city=Ghent",
        "cluster=cluster-0&cluster=cluster-2&sort=title",
    ],
)
@pytest.mark.parametrize("stored", [False, True])
def test_facet_counts_are_the_counts_of_the_matching_practices(catalogue, data, stored):
    """Each option's count is how many practices the results would have with it chosen,
    whether counted or read from the stored counts (PostgreSQL, nothing else narrowing)."""
    selection = QueryDict(data)
    with translation.override("en"):
        facets = PracticeFilter(
            selection, queryset=Practice.objects.published(), all_published=stored
        ).facets()
        for facet in facets:
            assert facet.options, facet.name
            for option in facet.options:
                # That option alone in its facet, every other filter as it is.
                chosen = selection.copy()
                chosen.setlist(facet.name, [option.value])
                results = PracticeFilter(chosen, queryset=Practice.objects.published()).qs
                assert option.count == results.count(), (facet.name, option.value)


def option_values(name: str) -> list[str]:
    """Every value facet ``name`` could offer in the catalogue."""
    if name in PracticeFilter.RELATED_FACETS:
        model = {"cluster": Cluster, "target_group": TargetGroup}[name]
        return list(model.objects.values_list("slug", flat=True))
    field = PracticeFilter.FIELD_OF[name]
    return list(Practice.objects.values_list(field, flat=True).distinct())


@pytest.mark.parametrize(
    "data",
    [
        "cluster=cluster-1&target_group=group-2",
        "q=buddies&cluster=cluster-1&country=IT",
        "q=buddies&cluster=cluster-1&cluster=cluster-2&country=IT&model=neighbourhood",
        "target_group=group-1&city=Bologna&city=Ghent&language=it",
    ],
)
def test_facets_offer_every_option_that_would_list_practices(catalogue, data):
    """With several facets chosen, an option shows whenever choosing it instead would
    list practices, with that many: a practice failing only that facet counts for it
    (one failing two facets counts for none, and is left out of the counting)."""
    selection = QueryDict(data)
    with translation.override("en"):
        facets = PracticeFilter(selection, queryset=Practice.objects.published()).facets()
        for facet in facets:
            expected = {}
            for value in option_values(facet.name):
                chosen = selection.copy()
                chosen.setlist(facet.name, [value])
                found = PracticeFilter(chosen, queryset=Practice.objects.published()).qs.count()
                if found:
                    expected[value] = found
            shown = {option.value: option.count for option in facet.options if option.count}
            assert shown == expected, facet.name


@pytest.fixture
def ranked(db):
    """Practices whose relevance, date and title tie in every way, over several pages."""
    cluster = ClusterFactory(slug="chosen")
    day = dt.datetime(2024, 3, 1, tzinfo=dt.UTC)
    texts = [
        ("Volunteers welcome migrants", "Volunteers meet newcomers."),
        ("Migrants volunteer in parks", "Parks and volunteers."),
        ("Football on Fridays", "Volunteers and migrants play football."),
        ("Reading circles", "Migrant women read with volunteers."),
    ]
    for n in range(46):
        title, summary = texts[n % len(texts)]
        PracticeFactory(
            title=title,
            title_it="Volontari e migranti" if n % 5 == 0 else "",
            summary=summary,
            clusters=[cluster] if n % 3 else [],
            published_at=day + dt.timedelta(days=n % 4),
        )


@pytest.mark.parametrize(
    "data",
    [
        "",
        "sort=title",
        "q=volunteers migrants",
        "q=volunteers migrants&sort=newest",
        "q=volunteers migrants&sort=title&cluster=chosen",
        "q=migrants&cluster=chosen",
    ],
)
@pytest.mark.parametrize("reader", ["en", "it"])
def test_list_pages_show_the_whole_order_page_by_page(client, ranked, data, reader):
    """Each page shows its slice of every match in the filters' order (the CSV's order),
    and counts them all, though it reads only its own practices."""
    selection = QueryDict(data)
    with translation.override(reader):
        url = reverse("toolkit:list")
        expected = list(
            PracticeFilter(selection, queryset=Practice.objects.published()).qs.values_list(
                "pk", flat=True
            )
        )
    shown = []
    for page in (1, 2, 3):
        response = client.get(url, {**selection.dict(), "page": page})
        if response.status_code == 404:
            break
        assert response.context["paginator"].count == len(expected)
        shown += [practice.pk for practice in response.context["page_obj"].object_list]
    assert expected
    assert shown == expected


@pytest.mark.parametrize("count", [1, 20])
def test_search_page_queries_do_not_grow(db, client, django_assert_num_queries, count):
    cluster = ClusterFactory(slug="chosen")
    group = TargetGroupFactory(slug="chosen-group")
    PracticeFactory.create_batch(
        count,
        title="Volunteers welcome migrants",
        clusters=[cluster],
        target_groups=[group],
    )
    params = {"q": "volunteer migrants", "cluster": "chosen", "target_group": "chosen-group"}

    # All the facets, the count and the page's ids in one query (the search runs once), its
    # practices, their clusters and target groups, + validating the chosen cluster and
    # target group, + on PostgreSQL the search's words, asked once per text (search_words).
    with django_assert_num_queries(7 if connection.vendor == "postgresql" else 6):
        response = client.get(reverse("toolkit:list"), params)

    assert len(response.context["page_obj"].object_list) == count


def facet_counts(*, stored: bool) -> tuple[dict, int]:
    with translation.override("it"):
        counts = PracticeFilter(
            QueryDict(""), queryset=Practice.objects.published(), all_published=stored
        )
        facets = {
            (facet.name, option.value, option.label): option.count
            for facet in counts.facets()
            for option in facet.options
        }
        return facets, counts.count


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_stored_facet_counts_follow_every_write():
    """The counts PostgreSQL keeps (migration 0012) are the counts made at each visit,
    after every way of writing practices, their clusters and their target groups."""
    clusters = [ClusterFactory(slug=f"cluster-{n}", short_name_it=f"Gruppo {n}") for n in range(3)]
    groups = [TargetGroupFactory(slug=f"group-{n}") for n in range(3)]
    practices = [
        PracticeFactory(
            origin_city=["Turin", "Ghent"][n % 2],
            language=["en", "it", "de"][n % 3],
            clusters=clusters[: n % 3 + 1],
            target_groups=[groups[n % 3]],
            status=PracticeStatus.PUBLISHED if n % 4 else PracticeStatus.DRAFT,
            published_at=None if n % 4 == 0 else dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
        )
        for n in range(12)
    ]
    expected = facet_counts(stored=False)
    assert facet_counts(stored=True) == expected
    assert expected[1] == 9

    writes = [
        # Published and unpublished, one by one and all at once.
        lambda: Practice.objects.filter(pk=practices[0].pk).update(
            status=PracticeStatus.PUBLISHED, published_at=dt.datetime(2024, 2, 1, tzinfo=dt.UTC)
        ),
        lambda: Practice.objects.filter(origin_city="Ghent").update(status=PracticeStatus.DRAFT),
        lambda: Practice.objects.filter(origin_city="Ghent").update(
            status=PracticeStatus.PUBLISHED, published_at=dt.datetime(2024, 3, 1, tzinfo=dt.UTC)
        ),
        # Moved to another city and model, through save().
        lambda: (
            setattr(practices[1], "origin_city", "Bristol")
            or setattr(practices[1], "volunteering_model", "online")
            or practices[1].save()
        ),
        # Links added, removed, cleared, set.
        lambda: practices[2].clusters.add(clusters[2]),
        lambda: practices[3].clusters.remove(clusters[0]),
        lambda: practices[5].target_groups.clear(),
        lambda: practices[6].target_groups.set([groups[0], groups[2]]),
        # Links of a draft change no count.
        lambda: practices[4].clusters.set(clusters),
        # Many at once.
        lambda: Practice.objects.bulk_create(
            [
                Practice(
                    title=f"Bulk {n}",
                    slug=f"bulk-{n}",
                    summary="Bulk.",
                    origin_city="Riga",
                    origin_country="LV",
                    volunteering_model="event",
                    status=PracticeStatus.PUBLISHED,
                    published_at=dt.datetime(2024, 4, 1, tzinfo=dt.UTC),
                )
                for n in range(3)
            ]
        ),
        # Deleted, with their links; an option deleted with its links.
        lambda: practices[7].delete(),
        lambda: Practice.objects.filter(origin_city="Riga").delete(),
        lambda: clusters[1].delete(),
        lambda: groups[1].delete(),
    ]
    for step, write in enumerate(writes):
        write()
        assert facet_counts(stored=True) == facet_counts(stored=False), step


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_stored_facet_counts_follow_writes_of_many_rows_at_once():
    """Practices and links written many to a statement (the triggers of migration 0014 run
    once per statement) are counted as if written one by one."""
    clusters = [ClusterFactory(slug=f"cluster-{n}") for n in range(3)]
    groups = [TargetGroupFactory(slug=f"group-{n}") for n in range(2)]
    day = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    practices = Practice.objects.bulk_create(
        [
            Practice(
                title=f"Bulk {n}",
                slug=f"bulk-{n}",
                summary="Bulk.",
                origin_city=["Turin", "Ghent", "Riga"][n % 3],
                origin_country=["IT", "BE", "LV"][n % 3],
                volunteering_model=["mentoring", "event"][n % 2],
                language=["en", "it"][n % 2],
                status=PracticeStatus.DRAFT if n % 4 == 0 else PracticeStatus.PUBLISHED,
                published_at=None if n % 4 == 0 else day,
            )
            for n in range(12)
        ]
    )
    drafts = [practice.pk for practice in practices[::4]]
    assert facet_counts(stored=True) == facet_counts(stored=False)
    assert facet_counts(stored=True)[1] == 9

    Practice.clusters.through.objects.bulk_create(
        Practice.clusters.through(practice=practice, cluster=cluster)
        for n, practice in enumerate(practices)
        for cluster in clusters[: n % 3 + 1]
    )
    Practice.target_groups.through.objects.bulk_create(
        Practice.target_groups.through(practice=practice, targetgroup=groups[n % 2])
        for n, practice in enumerate(practices)
    )
    assert facet_counts(stored=True) == facet_counts(stored=False)

    # One statement: the drafts published with their links, two practices unpublished,
    # another moved to Germany, the rest unchanged.
    unpublished = [practices[1].pk, practices[2].pk]
    moved = practices[3].pk
    Practice.objects.update(
        status=Case(
            When(pk__in=drafts, then=Value(PracticeStatus.PUBLISHED)),
            When(pk__in=unpublished, then=Value(PracticeStatus.DRAFT)),
            default=F("status"),
        ),
        published_at=Coalesce(F("published_at"), Value(day)),
        origin_country=Case(
            When(pk=moved, then=Value("DE")), default=F("origin_country"), output_field=CharField()
        ),
        origin_city=Case(When(pk=moved, then=Value("Berlin")), default=F("origin_city")),
    )
    assert facet_counts(stored=True) == facet_counts(stored=False)
    assert facet_counts(stored=True)[1] == 10

    # Deleted with their links, which Django deletes first.
    Practice.objects.filter(pk__in=[practices[4].pk, practices[5].pk]).delete()
    assert facet_counts(stored=True) == facet_counts(stored=False)

    # Deleted before their links (the foreign keys are deferred): the same counts.
    gone = [practices[6].pk, practices[7].pk]
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM toolkit_practice WHERE id = ANY(%s)", [gone])
        assert facet_counts(stored=True) == facet_counts(stored=False)
        Practice.clusters.through.objects.filter(practice_id__in=gone).delete()
        Practice.target_groups.through.objects.filter(practice_id__in=gone).delete()
        PracticeSearchVectors.objects.filter(practice_id__in=gone).delete()
    assert facet_counts(stored=True) == facet_counts(stored=False)
    assert facet_counts(stored=True)[1] == 6


@postgresql_only
@pytest.mark.django_db
def test_stored_facet_counts_are_kept_once_per_statement():
    """Every trigger that writes the counts runs once per statement, not once per row:
    each row added to the same counts in one transaction would make the next one slower."""
    triggers = triggers_writing("toolkit_publishedfacetcount")

    row, insert, delete, update = 1, 4, 8, 16
    events = {}
    for table, kind in triggers:
        assert not kind & row, table
        events.setdefault(table, set()).add(kind & (insert | delete | update))
    assert events == {
        table: {insert, delete, update}
        for table in [
            "toolkit_practice",
            "toolkit_practice_clusters",
            "toolkit_practice_target_groups",
        ]
    }


@pytest.mark.django_db
def test_toolkit_first_page_reads_the_stored_counts(client):
    cluster = ClusterFactory(slug="chosen")
    PracticeFactory.create_batch(3, clusters=[cluster], origin_city="Ghent")

    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("toolkit:list"))

    facets = {facet.name: facet for facet in response.context["facets"]}
    assert [(o.value, o.count) for o in facets["cluster"].options] == [("chosen", 3)]
    assert [(o.value, o.count) for o in facets["city"].options] == [("Ghent", 3)]
    assert response.context["paginator"].count == 3
    # On PostgreSQL the counts are read, not made: no query groups the practices to count
    # them (the cards' query groups each practice's links to clusters and target groups).
    counted = any(
        "GROUP BY" in query["sql"] and "COUNT(" in query["sql"]
        for query in queries.captured_queries
    )
    assert counted == (connection.vendor != "postgresql")


@postgresql_only
@pytest.mark.django_db
def test_a_search_checks_the_chosen_options_on_the_kept_ids_not_on_their_links():
    """With a search, a chosen cluster or target group is checked on the ids kept beside
    the matching rows: the same practices as through the links, without reading every
    link of the chosen options (45,000 links of one cluster at 100,000 practices)."""
    clusters = [ClusterFactory(slug=f"cluster-{n}") for n in range(3)]
    groups = [TargetGroupFactory(slug=f"group-{n}") for n in range(2)]
    for n in range(16):
        PracticeFactory(
            title=f"Homework club {n}" if n % 4 else f"Football {n}",
            clusters=clusters[: n % 4],
            target_groups=groups[n % 2 :] if n % 3 else [],
        )
    data = "q=homework&cluster=cluster-0&cluster=cluster-2&target_group=group-1"

    with CaptureQueriesContext(connection) as queries:
        chosen = PracticeFilter(QueryDict(data), queryset=Practice.objects.published())
        results = sorted(chosen.qs.values_list("pk", flat=True))
        count = chosen.count

    expected = sorted(
        practice.pk
        for practice in Practice.objects.prefetch_related("clusters", "target_groups")
        if practice.title.startswith("Homework")
        and {c.slug for c in practice.clusters.all()} & {"cluster-0", "cluster-2"}
        and "group-1" in {g.slug for g in practice.target_groups.all()}
    )
    assert expected
    assert results == expected
    assert count == len(expected)
    links = ("toolkit_practice_clusters", "toolkit_practice_target_groups")
    assert not [q["sql"] for q in queries if any(table in q["sql"] for table in links)]
