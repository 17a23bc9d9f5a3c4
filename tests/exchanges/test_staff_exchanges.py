import datetime as dt

import pytest
from django.urls import reverse

from exchanges.models import StaffExchangeKind
from tests.factories import ActionPlanFactory, ClusterFactory, StaffExchangeFactory

LIST = reverse("exchanges:exchange_list")


def titles(response) -> list[str]:
    return [exchange.title for exchange in response.context["page_obj"].object_list]


@pytest.fixture
def exchanges(turin, bristol):
    cluster = ClusterFactory(short_name="Employment", slug="employment")
    return {
        "to_bristol": StaffExchangeFactory(
            title="Turin staff in Bristol",
            slug="turin-bristol",
            sending=turin,
            hosting=bristol,
            cluster=cluster,
            start_date=dt.date(2019, 5, 6),
            end_date=dt.date(2019, 5, 10),
            objectives="Learn how Bristol recruits volunteers.",
            outcomes="A recruitment campaign in Turin.",
            is_example=True,
        ),
        "to_turin": StaffExchangeFactory(
            title="Bristol volunteers' network in Turin",
            slug="bristol-turin",
            sending=bristol,
            hosting=turin,
            kind=StaffExchangeKind.ORG_ORG,
            start_date=dt.date(2020, 9, 1),
            end_date=dt.date(2020, 9, 4),
        ),
    }


def test_exchange_list_shows_every_exchange(client, exchanges):
    response = client.get(LIST)

    html = response.content.decode()
    assert "<h1>Staff exchanges</h1>" in html
    assert "2 staff exchanges" in html
    assert titles(response) == ["Bristol volunteers' network in Turin", "Turin staff in Bristol"]
    assert "from City of Turin to City of Bristol" in html
    assert "City to city" in html
    assert html.count("example-mark") == 1


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kind": "org_org"}, ["Bristol volunteers' network in Turin"]),
        ({"cluster": "employment"}, ["Turin staff in Bristol"]),
        ({"year": "2019"}, ["Turin staff in Bristol"]),
        ({"year": "2019", "kind": "org_org"}, []),
    ],
)
def test_exchange_list_filters(client, exchanges, params, expected):
    assert titles(client.get(LIST, params)) == expected


@pytest.mark.parametrize("params", [{"kind": "swap"}, {"cluster": "x"}, {"year": "1800"}])
def test_exchange_list_bad_filter_values_show_a_message(client, exchanges, params):
    response = client.get(LIST, params)

    assert response.status_code == 200
    assert "Some filters could not be used" in response.content.decode()
    assert titles(response) == []


@pytest.mark.parametrize("page", ["abc", "99999"])
def test_exchange_list_bad_page_is_404(client, exchanges, page):
    assert client.get(LIST, {"page": page}).status_code == 404


@pytest.mark.parametrize("count", [1, 25])
def test_exchange_list_queries_do_not_grow(db, client, django_assert_num_queries, count):
    StaffExchangeFactory.create_batch(count, cluster=ClusterFactory())

    # count, page, and the options of cluster and year
    with django_assert_num_queries(4):
        response = client.get(LIST)

    assert len(titles(response)) == min(count, 20)


def test_exchange_page(client, exchanges):
    exchange = exchanges["to_bristol"]
    exchange.action_plans.add(ActionPlanFactory(title="Turin's plan"))
    exchange.action_plans.add(ActionPlanFactory(title="Draft", status="draft", published_at=None))

    response = client.get(exchange.get_absolute_url())

    html = response.content.decode()
    assert "<h1>Turin staff in Bristol" in html
    assert "Learn how Bristol recruits volunteers." in html
    assert "A recruitment campaign in Turin." in html
    assert '<a href="/en/partners/bristol/">City of Bristol</a>, Bristol (United Kingdom)' in html
    assert "Turin&#x27;s plan" in html
    assert "Draft" not in html
    assert response.context["breadcrumbs"][1] == ("Staff exchanges", LIST)


def test_unknown_exchange_is_404(client, db):
    assert client.get(reverse("exchanges:exchange_detail", args=["nope"])).status_code == 404
