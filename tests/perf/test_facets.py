"""Facet counts: one query for all the facets, answered from an index on PostgreSQL."""

import re

import pytest
from django.db import connection

from tests.factories import ClusterFactory, PracticeFactory
from toolkit.filters import PracticeFilter
from toolkit.models import Practice


@pytest.mark.skipif(connection.vendor != "postgresql", reason="INCLUDE indexes need PostgreSQL")
@pytest.mark.django_db
def test_facets_read_only_columns_of_the_covering_index():
    """Every column the facet counts read from practices is in one index: an index-only scan.

    Which plan PostgreSQL picks depends on the table's size and statistics (at
    10,000 practices, after VACUUM ANALYZE, it is the index-only scan); what
    the code controls, and this test checks, is that the query never needs the
    table's wide rows.
    """
    filterset = PracticeFilter({}, queryset=Practice.objects.published(), request=None)
    # The practices every facet counts from (PracticeFilter._count_rows).
    sql, _params = filterset.matching().query.sql_with_params()
    read = set(re.findall(r'"toolkit_practice"\."(\w+)"', sql))
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "toolkit_practice")

    assert set(PracticeFilter.FIELD_OF.values()) <= read
    assert read <= set(constraints["practice_facets_covering"]["columns"])


@pytest.mark.parametrize("options", [1, 30])
def test_all_facets_are_one_query_however_many_options(db, django_assert_num_queries, options):
    clusters = ClusterFactory.create_batch(options)
    for n in range(options):
        PracticeFactory(origin_city=f"City {n}", clusters=[clusters[n]])
    filterset = PracticeFilter({}, queryset=Practice.objects.published(), request=None)

    with django_assert_num_queries(1):
        facets = {facet.name: facet for facet in filterset.facets()}

    assert len(facets["city"].options) == options
    assert len(facets["cluster"].options) == options
