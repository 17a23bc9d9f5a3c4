"""On PostgreSQL a query a page makes at every request is planned once per connection."""

import pytest
from django.db import connection

from cities.models import Organisation
from tests.factories import OrganisationFactory, PracticeFactory
from toolkit.models import Practice
from toolkit.search import search_practices

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's"
)


def prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [statement for (statement,) in cursor.fetchall()]


@pytest.mark.django_db
def test_a_query_repeated_with_other_values_is_prepared_and_answers_right():
    turin, bristol = OrganisationFactory(slug="turin"), OrganisationFactory(slug="bristol")
    assert not any("cities_organisation" in sql for sql in prepared_statements())

    for _ in range(5):
        assert Organisation.objects.get(slug="turin") == turin
    found = Organisation.objects.get(slug="bristol")

    assert found == bristol
    prepared = [sql for sql in prepared_statements() if "cities_organisation" in sql]
    # The values travel apart from the SQL ($1), so both slugs share one statement.
    assert len(prepared) == 1
    assert "$1" in prepared[0]
    assert "turin" not in prepared[0]


@pytest.mark.django_db
def test_a_search_is_planned_for_its_own_words_never_prepared():
    PracticeFactory(title="Homework club with volunteers")
    PracticeFactory(title="Welcome walks")

    for words in ["homework", "walks", "homework", "walks", "homework", "walks", "homework"]:
        found = search_practices(Practice.objects.all(), words)
        assert found.count() == 1

    prepared = prepared_statements()
    assert not any("@@" in sql for sql in prepared)
    # The connection still prepares what it repeats.
    for _ in range(6):
        Organisation.objects.filter(slug="turin").exists()
    assert any("cities_organisation" in sql for sql in prepared_statements())
