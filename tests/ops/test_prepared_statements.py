"""On PostgreSQL a query a page makes at every request is planned once per connection."""

import pytest
from django.db import connection

from cities.models import Organisation
from tests.factories import OrganisationFactory

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
