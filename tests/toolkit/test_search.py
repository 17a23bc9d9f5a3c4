import pytest
from django.db import connection

from tests.factories import PracticeFactory
from toolkit.models import Practice
from toolkit.search import search_practices

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text search needs PostgreSQL"
)


def ranked(text: str) -> list[str]:
    practices = search_practices(Practice.objects.published(), text)
    return list(practices.order_by("-rank", "title").values_list("title", flat=True))


@pytest.mark.django_db
def test_title_match_ranks_above_description_match():
    PracticeFactory(
        title="A shared kitchen",
        summary="Cooks from everywhere.",
        description="Volunteers run a cooking club with newcomers.",
    )
    PracticeFactory(title="Cooking together", summary="Food brings people together.")

    assert ranked("cooking") == ["Cooking together", "A shared kitchen"]


@pytest.mark.django_db
def test_every_word_must_match():
    PracticeFactory(title="Cooking together", summary="Food for all.")
    PracticeFactory(title="Gardening together", summary="Plants for all.")

    assert ranked("together cooking") == ["Cooking together"]


@postgresql_only
@pytest.mark.django_db
def test_search_understands_word_forms_and_phrases():
    PracticeFactory(title="Community gardens", summary="Neighbours grow vegetables.")
    PracticeFactory(title="Reading circle", summary="Weekly circles in the library.")

    assert ranked("gardening") == ["Community gardens"]  # both stem to "garden"
    assert ranked('"weekly circles"') == ["Reading circle"]
    assert ranked("circle -library") == []


@postgresql_only
@pytest.mark.django_db
def test_search_uses_gin_index():
    PracticeFactory.create_batch(3)
    queryset = search_practices(Practice.objects.all(), "mentoring newcomers")
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        try:
            plan = queryset.explain()
        finally:
            cursor.execute("RESET enable_seqscan")

    assert "practice_search_gin" in plan
