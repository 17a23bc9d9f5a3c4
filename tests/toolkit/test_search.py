"""The toolkit's search: stemming per language, matches across languages, the reader's first."""

import pytest
from django.conf import settings
from django.db import connection
from django.utils import translation

from tests.factories import PracticeFactory
from toolkit.models import Practice
from toolkit.search import index_name, search_practices

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text search needs PostgreSQL"
)


def ranked(text: str, reader: str = "en") -> list[str]:
    """The slugs of the practices found for ``text``, best first, for a reader of ``reader``."""
    with translation.override(reader):
        practices = search_practices(Practice.objects.published(), text)
        return list(practices.order_by("-rank", "slug").values_list("slug", flat=True))


def practice_in(language: str, slug: str, title: str, **texts: str) -> Practice:
    """A practice written in ``language`` only: ``summary="…"`` fills ``summary_<language>``."""
    return PracticeFactory(
        slug=slug,
        language=language,
        title="",
        summary="",
        **{f"title_{language}": title},
        **{f"{field}_{language}": text for field, text in texts.items()},
    )


@pytest.mark.django_db
def test_title_match_ranks_above_description_match():
    PracticeFactory(
        slug="kitchen",
        title="A shared kitchen",
        summary="Cooks from everywhere.",
        description="Volunteers run a cooking club with newcomers.",
    )
    PracticeFactory(slug="cooking", title="Cooking together", summary="Food brings people.")

    assert ranked("cooking") == ["cooking", "kitchen"]


@pytest.mark.django_db
def test_every_word_must_match():
    PracticeFactory(slug="cooking", title="Cooking together", summary="Food for all.")
    PracticeFactory(slug="gardening", title="Gardening together", summary="Plants for all.")

    assert ranked("together cooking") == ["cooking"]


@postgresql_only
@pytest.mark.django_db
def test_search_understands_word_forms_and_phrases():
    PracticeFactory(slug="gardens", title="Community gardens", summary="Neighbours grow food.")
    PracticeFactory(
        slug="reading", title="Reading circle", summary="Weekly circles in the library."
    )

    assert ranked("gardening") == ["gardens"]  # both stem to "garden"
    assert ranked('"weekly circles"') == ["reading"]
    assert ranked("circle -library") == []


@pytest.mark.django_db
def test_practices_in_the_readers_language_come_first():
    # The English practice matches in its title, the Italian one only in its description.
    practice_in("en", "tandem", "Language tandem", summary="Pairs of speakers meet weekly.")
    practice_in("it", "scambio", "Scambio tra parlanti", description="Un tandem tra due persone.")

    assert ranked("tandem", reader="en") == ["tandem", "scambio"]
    assert ranked("tandem", reader="it") == ["scambio", "tandem"]


@postgresql_only
@pytest.mark.django_db
def test_each_language_is_stemmed_as_that_language():
    practice_in("it", "corsi", "Corsi di lingua per adulti", summary="Una lingua nuova.")
    practice_in("de", "alltag", "Sprache im Alltag", summary="Gespräche mit Nachbarn.")
    practice_in("fr", "accueil", "Accueil des familles", summary="Des bénévoles accueillent.")
    practice_in("es", "huertos", "Huertos urbanos", summary="Voluntarios cultivan verduras.")

    assert ranked("lingue", reader="it") == ["corsi"]  # lingue, lingua: "lingu"
    assert ranked("Sprachen", reader="de") == ["alltag"]  # Sprachen, Sprache: "sprach"
    assert ranked("accueillir famille", reader="fr") == ["accueil"]
    assert ranked("huerto voluntario", reader="es") == ["huertos"]


@postgresql_only
@pytest.mark.django_db
def test_czech_and_latvian_words_match_with_or_without_accents():
    practice_in("lv", "riga", "Brīvprātīgie Rīgā", summary="Jaunieši palīdz kaimiņiem.")
    practice_in("cs", "brno", "Dobrovolníci v Brně", summary="Sousedská pomoc.")

    assert ranked("Rīgā", reader="lv") == ["riga"]
    assert ranked("riga brivpratigie", reader="lv") == ["riga"]
    assert ranked("dobrovolnici", reader="cs") == ["brno"]
    assert ranked("Dobrovolníci", reader="en") == ["brno"]


@postgresql_only
@pytest.mark.django_db
def test_words_match_practices_in_another_language_stemmed_as_that_language():
    practice_in("en", "mentors", "Mentors for young newcomers", summary="Volunteers mentor.")
    practice_in("it", "corsi", "Corsi di lingua per adulti", summary="Una lingua nuova.")
    practice_in("de", "alltag", "Sprache im Alltag", summary="Gespräche mit Nachbarn.")

    # An Italian reader typing English finds the English practice ("mentoring": "mentor")…
    assert ranked("mentoring", reader="it") == ["mentors"]
    # …a German reader an Italian word in Italian text, a Latvian reader a German one.
    assert ranked("lingue", reader="de") == ["corsi"]
    assert ranked("Sprachen", reader="lv") == ["alltag"]
    # A word that is the same in several languages finds each practice.
    practice_in("de", "tandem-de", "Sprachtandem", summary="Ein Tandem für zwei.")
    practice_in("it", "tandem-it", "Tandem linguistico", summary="Due persone, un tandem.")
    assert ranked("tandem", reader="de") == ["tandem-de", "tandem-it"]
    assert ranked("tandem", reader="it") == ["tandem-it", "tandem-de"]


@postgresql_only
@pytest.mark.django_db
def test_search_uses_the_index_of_every_language():
    PracticeFactory.create_batch(3)
    with translation.override("it"):
        queryset = search_practices(Practice.objects.all(), "mentoring newcomers")
    # As with thousands of practices: no scan of the whole table, no walk of its primary key.
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        cursor.execute("SET enable_indexscan = off")
        try:
            plan = queryset.explain()
        finally:
            cursor.execute("RESET enable_seqscan")
            cursor.execute("RESET enable_indexscan")

    # One bitmap index scan per language: each stored vector has its index.
    for language in settings.MODELTRANSLATION_LANGUAGES:
        assert f"Bitmap Index Scan on {index_name(language)} " in plan, language
