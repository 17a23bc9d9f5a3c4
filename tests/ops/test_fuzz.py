"""Random query strings, paths and form posts at every public URL: no 500, no data change.

The URLs come from the resolver itself, filled in with the demo data's real
slugs and ids, so a page added tomorrow is fuzzed without touching this file.
"""

import re
import string

import pytest
from django.conf import settings as django_settings
from django.db import models
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ops.archive import exported_models

pytestmark = [pytest.mark.shared_cache, pytest.mark.django_db]

FUZZ = settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Counters that a GET is meant to move (plan downloads), not data a visitor changes.
IGNORED_FIELDS = {"download_count"}
# Names that the portal's filters, search and forms read, so random values reach code.
KNOWN_PARAMS = [
    "q",
    "page",
    "sort",
    "cluster",
    "target_group",
    "target_groups",
    "country",
    "city",
    "language",
    "volunteering_model",
    "model",
    "year",
    "status",
    "host",
    "kind",
    "when",
    "project",
    "start",
    "end",
    "period",
    "practices",
    "next",
    "format",
    "per_page",
    "login",
    "email",
    "password",
    "password1",
    "password2",
]


def walk(patterns, prefix: str = "", namespace: str = ""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}{pattern.namespace}:"
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern


def public_patterns() -> list[tuple[str, URLPattern]]:
    from django.conf import settings as django_settings

    admin = django_settings.ADMIN_URL
    return [(route, p) for route, p in walk(get_resolver().url_patterns) if admin not in route]


def candidate_values() -> dict[str, list[str]]:
    """Real slugs and ids from the database, for every kind of URL argument."""
    slugs: list[str] = []
    ids: list[str] = []
    for model in exported_models():
        names = {field.name for field in model._meta.concrete_fields}
        if "history_id" in names:
            continue
        if "slug" in names and isinstance(model._meta.get_field("slug"), models.SlugField):
            slugs += list(model._base_manager.values_list("slug", flat=True)[:20])
        if model.__module__.split(".")[0] in {"cities", "exchanges", "toolkit"}:
            ids += [str(pk) for pk in model._base_manager.values_list("pk", flat=True)[:5]]
    return {"slug": slugs or ["none"], "pk": sorted(set(ids), key=int) or ["1"]}


ARGUMENT = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>|\(\?P<(?P<group>\w+)>[^)]*\)")


def fill(route: str, values: dict[str, list[str]], choice: int) -> str:
    """``route`` with its arguments replaced by real values (the ``choice``-th ones)."""

    def replace(match: re.Match) -> str:
        name = match.group("name") or match.group("group")
        pool = values["pk"] if name in {"pk", "id"} else values["slug"]
        if name not in {"pk", "id", "slug"}:
            pool = ["abc-123", "1-a1b2c3"]
        return pool[choice % len(pool)]

    path = ARGUMENT.sub(replace, route)
    path = path.replace("^", "").replace("$", "")
    return "/" + path


HREF = re.compile(r'href="(/[^"#?]*)')


def concrete_urls(client) -> list[str]:
    """One real URL per public route: found by following links from the pages
    without arguments, else filled in with real slugs and ids."""
    routes = [route for route, _pattern in public_patterns()]
    found = {route: "/" + route for route in routes if not ARGUMENT.search(route)}
    queue = list(found.values())
    visited = 0
    while queue and visited < 400:
        url = queue.pop(0)
        visited += 1
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        for href in HREF.findall(response.content.decode()):
            try:
                route = resolve(href).route
            except Resolver404:
                continue
            if route not in found:
                found[route] = href
                queue.append(href)
    values = candidate_values()
    return [found.get(route) or fill(route, values, 0) for route in routes]


def fingerprint() -> dict[str, list[tuple]]:
    """Every row of every model, but counters that reading moves and sessions."""
    rows = {}
    for model in exported_models():
        fields = [
            field.attname
            for field in model._meta.concrete_fields
            if field.name not in IGNORED_FIELDS
        ]
        rows[model._meta.label_lower] = list(
            model._base_manager.order_by("pk").values_list(*fields)
        )
    return rows


def counts() -> dict[str, int]:
    return {model._meta.label_lower: model._base_manager.count() for model in exported_models()}


@pytest.fixture
def site(demo, client):
    urls = concrete_urls(client)
    return {"urls": urls, "before": fingerprint(), "counts": counts()}


text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40)
param_names = st.sampled_from(KNOWN_PARAMS) | st.text(string.ascii_letters + "_[]", max_size=12)
param_values = (
    text
    | st.integers(min_value=-(2**70), max_value=2**70).map(str)
    | st.sampled_from(["", "0", "-1", "999999999999", "'", '"', "%00", "\x00", "../..", "1e9"])
)


def hostile_request(urls: list[str]):
    """A GET with a random query string, a GET of a random path, or a random form post."""
    url = st.sampled_from(urls)
    query = st.lists(st.tuples(param_names, param_values), max_size=5)
    segments = st.lists(text.filter(lambda part: "/" not in part and "?" not in part), max_size=3)
    form = st.dictionaries(param_names, param_values, max_size=6)
    return st.one_of(
        st.tuples(st.just("get"), url, query),
        st.tuples(
            st.just("get"),
            st.tuples(st.sampled_from(["/", "/en/", "/it/", *urls]), segments).map(
                lambda parts: parts[0].rstrip("/") + "/" + "/".join(parts[1])
            ),
            st.just([]),
        ),
        st.tuples(st.just("post"), url, form),
    )


@FUZZ
@given(data=st.data())
def test_random_requests_never_break_a_page_nor_change_data(client, site, data):
    method, url, payload = data.draw(hostile_request(site["urls"]))

    response = getattr(client, method)(url, payload)

    assert response.status_code < 500, f"{method.upper()} {url!r} {payload!r}"
    assert counts() == site["counts"], f"{method.upper()} {url!r} {payload!r} changed data"


def test_every_route_gets_hostile_input_and_not_one_row_changes(client, site):
    assert len(site["urls"]) == len(public_patterns())
    # Detail pages were reached through real links, with slugs that exist.
    assert any(re.fullmatch(r"/en/toolkit/[\w-]+/", url) for url in site["urls"])
    assert any(re.fullmatch(r"/en/visits/[\w-]+/", url) for url in site["urls"])
    # One more pass of hostile input at every URL, then a field-by-field comparison.
    for url in site["urls"]:
        client.get(url, {"q": "' OR 1=1 --", "page": "-1", "sort": "__class__"})
        client.post(url, {"title": "<script>", "email": "x@example.org", "slug": "../"})

    assert fingerprint() == site["before"]


@pytest.mark.skipif(
    django_settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="only PostgreSQL refuses NUL in text; SQLite stores it (CI runs both)",
)
def test_a_nul_character_in_any_parameter_is_never_a_server_error(client, site):
    """PostgreSQL refuses NUL in text: every list, CSV and API answers 400 or a normal page.

    About 3,000 requests (every URL, every parameter): on SQLite, where NUL is text like
    any other, they would look for a failure that cannot happen there. The random
    requests above send NUL on every database.
    """
    client.raise_request_exception = False
    broken = [
        f"GET {url} {name}=NUL"
        for url in site["urls"]
        for name in KNOWN_PARAMS
        if client.get(url, {name: "volunteer\x00s"}).status_code >= 500
    ]

    assert not broken
