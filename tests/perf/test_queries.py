"""Query counts stay the same whatever the amount of data, with the cache cold and warm.

Cold: the first request after a change renders everything. Warm, anonymous: the
whole page comes from the cache (no query at all). Warm, signed in: the shared
fragments come from the cache, the visitor's own parts (session, user, account
menu) are queried.
"""

import datetime as dt

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from core.cache import content_changed
from tests.factories import (
    ClusterFactory,
    OrganisationFactory,
    ParticipationFactory,
    PracticeFactory,
    ProjectFactory,
    StudyVisitFactory,
    TargetGroupFactory,
)

pytestmark = pytest.mark.shared_cache

SEARCH = {"q": "practice", "cluster": "chosen", "target_group": "chosen-group"}


@pytest.fixture
def grow(db):
    def add(count: int) -> dict:
        partner = OrganisationFactory(slug="turin")
        ParticipationFactory(organisation=partner, project=ProjectFactory())
        cluster = ClusterFactory(slug="chosen")
        group = TargetGroupFactory(slug="chosen-group")
        # The practice page shows one practice and ``count`` related ones.
        practices = PracticeFactory.create_batch(
            count + 1, organisation=partner, clusters=[cluster], target_groups=[group]
        )
        today = timezone.localdate()
        for n in range(count):
            StudyVisitFactory(
                host=partner,
                cluster=cluster,
                start_date=today + dt.timedelta(days=n),
                end_date=today + dt.timedelta(days=n + 1),
            )
        return {
            "toolkit": (reverse("toolkit:list"), {}),
            "search": (reverse("toolkit:list"), SEARCH),
            "home": (reverse("home"), {}),
            "partner": (partner.get_absolute_url(), {}),
            "cluster": (cluster.get_absolute_url(), {}),
            "practice": (practices[0].get_absolute_url(), {}),
            "calendar": (reverse("exchanges:visit_ics"), {}),
        }

    return add


# Cold: nothing cached. Search: + validating the chosen cluster and target group, and on
# PostgreSQL its words, asked once per text searched (toolkit.search.search_words).
# Practice page: related practices in one query (+ their clusters and target groups).
# Each list of cards or visit lines reads its ids, then whole only the rows whose HTML the
# cache lacks (all of them, cold; one after an edit): one query more per list than reading whole.
# Partner and cluster pages: a few of each list and the number of the others (network.views).
# Toolkit: the page's ids come with the counts when these are counted (a search, a chosen
# facet; on SQLite always), from the list's own query when all are stored (PostgreSQL).
COLD = {
    "toolkit": 5 if connection.vendor == "postgresql" else 4,
    "search": 7 if connection.vendor == "postgresql" else 6,
    "home": 16,
    "partner": 20,
    "cluster": 13,  # no working group: no members to fetch
    "practice": 10,
    "calendar": 1,
}
# Signed in, the page shared by people who see the same cached: the user (their account
# corner is kept per person until their memberships change). The partner page asks
# whether the visitor is a member (members-only plans), kept the same way; the practice page too
# (members-only resources) and whether they may assess practices (reviewer, editor):
# one query, its answer kept per person like the account corner.
SIGNED_IN_WARM = {
    "toolkit": 1,
    "search": 1,
    "home": 1,
    "calendar": 1,
    "partner": 1,
    "cluster": 1,
    "practice": 1,
}


@pytest.mark.parametrize("page", sorted(COLD))
@pytest.mark.parametrize("count", [1, 25])
def test_cold_queries_do_not_grow(client, django_assert_num_queries, grow, page, count):
    url, params = grow(count)[page]
    content_changed()

    with django_assert_num_queries(COLD[page]):
        response = client.get(url, params)

    assert response.status_code == 200


@pytest.mark.parametrize("page", sorted(COLD))
@pytest.mark.parametrize("count", [1, 25])
def test_anonymous_warm_pages_need_no_query(client, django_assert_num_queries, grow, page, count):
    url, params = grow(count)[page]
    first = client.get(url, params)

    with django_assert_num_queries(0):
        again = client.get(url, params)

    assert again.content == first.content


@pytest.mark.parametrize("page", sorted(SIGNED_IN_WARM))
@pytest.mark.parametrize("count", [1, 25])
def test_signed_in_warm_queries_do_not_grow(
    client, django_assert_num_queries, grow, member, page, count
):
    url, params = grow(count)[page]
    client.force_login(member)
    client.get(url, params)

    with django_assert_num_queries(SIGNED_IN_WARM[page]):
        response = client.get(url, params)

    assert response.status_code == 200
