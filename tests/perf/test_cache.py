"""Cached pages and fragments (core/cache.py): shared only when nothing is personal,
and replaced as soon as content changes."""

import datetime as dt
import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.cache import SessionStore
from django.db import connection
from django.http import HttpResponse
from django.template import engines
from django.template.response import TemplateResponse
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from django.utils.csp import LazyNonce
from django.views import View

from cities.models import Cluster, MembershipRole, Organisation
from core.cache import (
    SharedPageCacheMixin,
    cached_fragment,
    cached_rows,
    changed_by,
    children_token,
    content_changed,
    content_version,
    counts_token,
    every_app,
    query_string,
    row_token,
    with_row_html,
)
from core.cache_versions import CONTENT, replace, versions
from exchanges.models import ActivityStatus, StudyVisit
from exchanges.views import visit_lines
from network.views import ClusterDetailView, PartnerDetailView
from tests.factories import (
    ClusterFactory,
    OrganisationFactory,
    ParticipationFactory,
    PracticeFactory,
    ProjectFactory,
    ResourceFactory,
    StudyVisitFactory,
    TargetGroupFactory,
    TransferFactory,
)
from toolkit.models import Practice, PracticeStatus, prepare_cards
from toolkit.services import practice_publish, practice_unpublish
from toolkit.views import PAGE_SIZE, PracticeDetailView, practice_cards

pytestmark = pytest.mark.shared_cache

CARD = "includes/_practice_card.html"

LIST = reverse("toolkit:list")


def rendered(response) -> list[str]:
    """The templates rendered for ``response``."""
    return [template.name for template in response.templates]


def html(response) -> str:
    return response.content.decode()


def assert_put_together(page: str, audience: str) -> None:
    """A page put together from its stored parts: whole, with no mark left, and with the
    account corner of a signed-in member."""
    assert "values:fragment" not in page
    assert page.count("<html") == 1
    assert page.rstrip().endswith("</html>")
    if audience == "member":
        assert "Sign out" in page


def rendered_objects(monkeypatch, view_class) -> list[int]:
    """The objects whose page ``view_class`` renders from now on, one entry per page
    rendered (not taken from the cache)."""
    renders = []
    render = view_class.get_context_data

    def counted(view, **kwargs):
        renders.append(view.object.pk)
        return render(view, **kwargs)

    monkeypatch.setattr(view_class, "get_context_data", counted)
    return renders


# The content version ---------------------------------------------------------------------


def test_saving_deleting_and_linking_rows_changes_their_tokens(db):
    practice = PracticeFactory()
    cluster = ClusterFactory()
    row = row_token(practice)
    listed = children_token(Cluster, cluster.pk, Practice)
    watched = ["toolkit", "toolkit.practice", row, row_token(cluster), listed]
    seen = [versions(watched)]

    practice.clusters.add(cluster)
    seen.append(versions(watched))
    practice.title = "Renamed"
    practice.save()
    seen.append(versions(watched))
    practice.delete()
    seen.append(versions(watched))

    for name in (row, "toolkit", "toolkit.practice"):
        assert len({tokens[name] for tokens in seen}) == len(seen), name
    # The link changes the cluster's row and its practices; the practice's save changes the
    # cluster's practices (its page lists it apart), not the cluster's row.
    assert seen[0][row_token(cluster)] != seen[1][row_token(cluster)] == seen[2][row_token(cluster)]
    assert seen[0][listed] != seen[1][listed] != seen[2][listed]


def test_a_transaction_replaces_its_tokens_again_once_at_commit(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        first = PracticeFactory(clusters=[ClusterFactory()])
        second = PracticeFactory()
    before = versions([row_token(first), row_token(second), "toolkit"])

    assert len(callbacks) == 1
    callbacks[0]()
    after = versions(before)
    assert all(after[name] != before[name] for name in before)


def test_a_row_changes_the_rows_it_points_at_not_others(db):
    practice, other = PracticeFactory(), PracticeFactory()
    before = versions([row_token(practice), row_token(other), "toolkit.practice", CONTENT])

    ResourceFactory(practice=practice)

    after = versions(before)
    assert after[row_token(practice)] != before[row_token(practice)]
    assert after[row_token(other)] == before[row_token(other)]
    # Every row of the model did not change, and nothing made everything out of date.
    assert after["toolkit.practice"] == before["toolkit.practice"]
    assert after[CONTENT] == before[CONTENT]


def test_a_practice_changes_its_partner_s_and_clusters_practices_not_their_rows(db):
    partner, other = OrganisationFactory(), OrganisationFactory()
    cluster, other_cluster = ClusterFactory(), ClusterFactory()
    practice = PracticeFactory(organisation=partner, clusters=[cluster])
    theirs = [
        children_token(Organisation, partner.pk, Practice),
        children_token(Cluster, cluster.pk, Practice),
    ]
    others = [
        children_token(Organisation, other.pk, Practice),
        children_token(Cluster, other_cluster.pk, Practice),
        row_token(partner),
        row_token(cluster),
        # Practices are not the cities app's rows, and nothing made everything out of date.
        "cities",
        CONTENT,
    ]
    before = versions([*theirs, *others])

    practice.summary = "Shorter"
    practice.save()

    after = versions(before)
    assert all(after[name] != before[name] for name in theirs)
    assert all(after[name] == before[name] for name in others)


def test_a_practice_moved_to_another_partner_changes_both_partners_practices(db):
    turin, bristol = OrganisationFactory(), OrganisationFactory()
    practice = Practice.objects.get(pk=PracticeFactory(organisation=turin).pk)
    tokens = [children_token(Organisation, org.pk, Practice) for org in (turin, bristol)]
    before = versions(tokens)

    practice.organisation = bristol
    practice.save()

    after = versions(tokens)
    assert all(after[name] != before[name] for name in tokens)


def test_rows_of_other_apps_leave_the_content_version_alone(db, member):
    before = versions([CONTENT, *every_app()])

    member.name = "Someone else"
    member.save()

    assert versions(before) == before


def test_a_lost_version_never_comes_back(db, settings):
    from pathlib import Path

    from django.core.cache import cache

    first = content_version()
    cache.delete("values:content-version")
    Path(settings.CONTENT_VERSION_FILE).unlink(missing_ok=True)

    assert content_version() != first


def test_without_a_shared_cache_a_token_replaces_the_old_one_in_its_file(db, settings, tmp_path):
    """The tokens' directory is made when missing, and a replaced token is read whole."""
    from pathlib import Path

    if "LocMemCache" not in settings.CACHES["default"]["BACKEND"]:
        pytest.skip("With Redis the tokens live in the shared cache.")
    settings.CONTENT_VERSION_FILE = str(tmp_path / "new" / "content-version")
    name = "toolkit.practice:1"

    first = versions([name])[name]
    replace([name])
    second = versions([name])[name]

    assert first != second
    files = list(Path(settings.CONTENT_VERSION_FILE + ".d").iterdir())
    assert [path.read_text() for path in files] == [second]


def test_without_a_shared_cache_a_family_of_slots_shares_one_file(db, settings, tmp_path):
    """Tokens that change by the dozen (a practice's words) are slots of one file: a slot
    replaced changes alone, and one never written gets a token that stays."""
    from pathlib import Path

    if "LocMemCache" not in settings.CACHES["default"]["BACKEND"]:
        pytest.skip("With Redis the tokens live in the shared cache.")
    settings.CONTENT_VERSION_FILE = str(tmp_path / "new" / "content-version")
    names = ["toolkit.search-word@0000", "toolkit.search-word@3f2a", "toolkit.search-word@ffff"]

    first = versions(names)
    assert versions(names) == first  # unwritten slots got tokens, read again the same
    replace(names[1:2])
    second = versions(names)

    assert second[names[0]] == first[names[0]]
    assert second[names[2]] == first[names[2]]
    assert second[names[1]] != first[names[1]]
    [family] = Path(settings.CONTENT_VERSION_FILE + ".d").iterdir()
    assert family.name == "toolkit.search-word"
    assert family.read_bytes()[0x3F2A * 32 : 0x3F2B * 32].decode() == second[names[1]]

    family.unlink()  # the file lost: every slot gets a new token, never an old one again
    assert all(versions(names)[name] != second[name] for name in names)


def test_without_a_shared_cache_every_process_reads_the_version_from_one_file(db, settings):
    """Another server process reads the same file: a change is seen by all at once."""
    from pathlib import Path

    if "LocMemCache" not in settings.CACHES["default"]["BACKEND"]:
        pytest.skip("With Redis the version lives in the shared cache.")
    before = content_version()

    content_changed()

    assert Path(settings.CONTENT_VERSION_FILE).read_text() == content_version() != before
    practice = PracticeFactory()
    row = versions([row_token(practice)])
    practice.save()
    assert versions(row) != row


def test_cached_fragment_is_built_once_per_version(db):
    built = []

    def build() -> str:
        built.append(1)
        return "fragment"

    assert cached_fragment("test", build, "a") == "fragment"
    assert cached_fragment("test", build, "a") == "fragment"
    assert cached_fragment("test", build, "b") == "fragment"
    content_changed()
    assert cached_fragment("test", build, "a") == "fragment"
    assert len(built) == 3


def test_cached_rows_renders_a_row_again_only_after_it_changed(db):
    first, second = PracticeFactory(title="First"), PracticeFactory(title="Second")
    rendered = []

    def render(rows):
        rendered.extend(row.title for row in rows)
        return [f"<p>{row.title}</p>" for row in rows]

    assert cached_rows("card", [first, second], render) == ["<p>First</p>", "<p>Second</p>"]
    first.title = "First, renamed"
    first.save()
    cards = cached_rows("card", [first, second], render)

    assert cards == ["<p>First, renamed</p>", "<p>Second</p>"]
    assert rendered == ["First", "Second", "First, renamed"]


def test_a_list_reads_whole_only_the_rows_whose_html_the_cache_lacks(db, django_assert_num_queries):
    first, second, third = (PracticeFactory(title=title) for title in ("One", "Two", "Three"))
    listed = (
        Practice.objects.for_cards()
        .filter(pk__in=[first.pk, second.pk, third.pk])
        .order_by("title")
    )

    def cards():
        rows = with_row_html(
            listed,
            name="card",
            template=CARD,
            as_name="practice",
            depends_on=(),
            prepare=prepare_cards,
        )
        return [(row.pk, str(row.card)) for row in rows]

    with django_assert_num_queries(4):  # the ids, the three rows, the clusters and groups
        before = cards()
    second.title = "Two, renamed"
    second.save()
    # The ids, then the edited row alone; the clusters' and groups' names from the cache.
    with django_assert_num_queries(2) as queries:
        after = cards()

    assert [pk for pk, _html in before] == [first.pk, third.pk, second.pk]
    assert [pk for pk, _html in after] == [first.pk, third.pk, second.pk]
    assert "Two, renamed" in after[2][1]
    assert after[:2] == before[:2]
    assert f'"toolkit_practice"."id" IN ({second.pk})' in queries.captured_queries[1]["sql"]
    with django_assert_num_queries(1):  # the ids only
        assert cards() == after


def test_cards_name_a_renamed_cluster_or_target_group_at_once(db):
    cluster = ClusterFactory(short_name="Young migrants")
    group = TargetGroupFactory(name="Refugees")
    practice = PracticeFactory(clusters=[cluster], target_groups=[group])

    def card() -> str:
        [shown] = practice_cards([practice.pk], read=Practice.objects.for_cards)
        return str(shown.card)

    assert "Young migrants" in card()
    assert "Refugees" in card()
    cluster.short_name = "Youth"
    cluster.save()
    assert "Youth" in card()
    group.name = "Asylum seekers"
    group.save()
    assert "Asylum seekers" in card()


def test_a_row_deleted_between_its_id_and_its_read_is_left_out(db):
    kept, deleted = PracticeFactory(title="Kept"), PracticeFactory(title="Deleted")
    ids = [kept.pk, deleted.pk]
    deleted.delete()

    rows = with_row_html(
        ids, name="card", template=CARD, as_name="practice", depends_on=(), read=Practice.objects
    )

    assert [row.pk for row in rows] == [kept.pk]
    assert "Kept" in rows[0].card


def test_query_string_ignores_the_order_of_parameters():
    factory = RequestFactory()
    first = factory.get("/", {"city": ["Turin", "Bristol"], "q": "a&b=c"})
    second = factory.get("/?q=a%26b%3Dc&city=Turin&city=Bristol")

    assert query_string(first) == query_string(second)
    assert query_string(first) != query_string(factory.get("/?q=a&b=c&city=Turin&city=Bristol"))


# Content changes show at once ---------------------------------------------------------------


def test_newly_published_practice_appears_at_once(client, member):
    PracticeFactory(title="Buddies for newcomers")
    draft = PracticeFactory(
        title="Tandem language cafe", status=PracticeStatus.DRAFT, published_at=None
    )
    for _ in range(2):  # the second answer comes from the cache
        assert "Tandem language cafe" not in html(client.get(LIST))

    practice_publish(practice=draft, by=member)

    page = html(client.get(LIST))
    assert "Tandem language cafe" in page
    assert "2 practices" in page
    assert "Tandem language cafe" in html(client.get(draft.get_absolute_url()))


def test_unpublished_practice_disappears_at_once(client, member):
    practice = PracticeFactory(title="Tandem language cafe")
    url = practice.get_absolute_url()
    assert "Tandem language cafe" in html(client.get(LIST))
    assert client.get(url).status_code == 200

    practice_unpublish(practice=practice, by=member)

    assert "Tandem language cafe" not in html(client.get(LIST))
    assert client.get(url).status_code == 404


def test_facet_counts_follow_a_new_cluster_link(client, db):
    cluster = ClusterFactory(name="Young migrants", short_name="Youth")
    practice = PracticeFactory()
    PracticeFactory(clusters=[cluster])
    assert 'Youth <span class="facet__count">(1<' in html(client.get(LIST))

    practice.clusters.add(cluster)

    assert 'Youth <span class="facet__count">(2<' in html(client.get(LIST))


def test_renamed_partner_shows_at_once_on_home_and_partner_page(client, db):
    partner = OrganisationFactory(name="City of Turin", slug="turin")
    ParticipationFactory(organisation=partner, project=ProjectFactory())
    home = reverse("home")
    assert "City of Turin" in html(client.get(home))
    assert "City of Turin" in html(client.get(partner.get_absolute_url()))

    partner.name = "Città di Torino"
    partner.save()

    assert "Città di Torino" in html(client.get(home))
    assert "Città di Torino" in html(client.get(partner.get_absolute_url()))


def test_a_renamed_host_shows_at_once_in_the_lines_of_its_visits(client, db):
    visit = StudyVisitFactory(host=OrganisationFactory(name="City of Turin"))
    visits = reverse("exchanges:visit_list")
    assert "City of Turin" in html(client.get(visits))  # the visit's line is now cached

    visit.host.name = "Città di Torino"
    visit.host.save()

    assert "Città di Torino" in html(client.get(visits))
    assert "Città di Torino" in html(client.get(visit.host.get_absolute_url()))


def test_a_practice_edit_renders_no_visit_line_again(client, db):
    host = OrganisationFactory(name="City of Turin", slug="turin")
    ParticipationFactory(organisation=host, project=ProjectFactory())
    StudyVisitFactory(host=host)
    practice = PracticeFactory(title="Buddies for newcomers", organisation=host)
    assert "includes/_visit_item.html" in rendered(client.get(host.get_absolute_url()))

    practice.title = "Buddies for every newcomer"
    practice.save()
    page = client.get(host.get_absolute_url())

    assert "Buddies for every newcomer" in html(page)  # the page was rendered again…
    assert "includes/_visit_item.html" not in rendered(page)  # …with the visit's cached line
    assert "includes/_practice_card.html" in rendered(page)  # and the edited practice's card


def test_two_lists_of_visits_read_their_missing_lines_together(db, django_assert_num_queries):
    today = timezone.localdate()
    soon = [
        StudyVisitFactory(
            start_date=today + dt.timedelta(days=days),
            end_date=today + dt.timedelta(days=days + 1),
            status=ActivityStatus.PLANNED,
        )
        for days in (1, 2)
    ]
    past = [
        StudyVisitFactory(
            start_date=today - dt.timedelta(days=days + 1), end_date=today - dt.timedelta(days=days)
        )
        for days in (1, 2)
    ]
    upcoming = StudyVisit.objects.upcoming().order_by("start_date")
    recent = StudyVisit.objects.past().order_by("-start_date")

    with django_assert_num_queries(3):  # the ids of each list, then the four visits at once
        lines = visit_lines(upcoming, recent)
    soon[0].title = "Renamed visit"
    soon[0].save()
    with django_assert_num_queries(3):  # the ids, then the renamed visit alone
        again = visit_lines(upcoming, recent)

    assert [[visit.pk for visit in part] for part in lines] == [
        [visit.pk for visit in soon],
        [visit.pk for visit in past],
    ]
    assert [[visit.pk for visit in part] for part in again] == [
        [visit.pk for visit in part] for part in lines
    ]
    assert "Renamed visit" in again[0][0].item
    assert again[1][0].item == lines[1][0].item


def test_a_practice_edit_renders_the_home_page_without_its_map_and_visits(client, db):
    host = OrganisationFactory(name="City of Turin", slug="turin")
    ParticipationFactory(organisation=host, project=ProjectFactory())
    StudyVisitFactory(host=host)
    practice = PracticeFactory(title="Buddies for newcomers", organisation=host)
    assert "includes/_map.html" in rendered(client.get(reverse("home")))

    practice.title = "Buddies for every newcomer"
    practice.save()
    page = client.get(reverse("home"))

    assert "Buddies for every newcomer" in html(page)
    assert "includes/_map.html" not in rendered(page)
    assert "includes/_visit_item.html" not in rendered(page)
    assert "City of Turin" in html(page)  # the map's list, from the cache


def test_an_edit_renews_its_page_and_lists_and_leaves_other_pages_cached(
    client, db, django_assert_num_queries
):
    """Practice A is edited; B shares no cluster and no partner with it."""
    partner = OrganisationFactory(name="City of Turin", slug="turin")
    ParticipationFactory(organisation=partner, project=ProjectFactory())
    a = PracticeFactory(title="Buddies for newcomers", organisation=partner)
    a.clusters.add(ClusterFactory())
    b = PracticeFactory(title="Tandem language cafe", clusters=[ClusterFactory()])
    pages = [a.get_absolute_url(), b.get_absolute_url(), LIST, reverse("home")]
    pages.append(partner.get_absolute_url())
    for url in pages:
        client.get(url)  # every page now cached

    a.title = "Buddies for every newcomer"
    a.save()

    for url in (a.get_absolute_url(), LIST, reverse("home"), partner.get_absolute_url()):
        assert "Buddies for every newcomer" in html(client.get(url)), url
    with django_assert_num_queries(0):  # still the cached page
        assert "Tandem language cafe" in html(client.get(b.get_absolute_url()))


def test_an_edit_of_a_practice_s_texts_renders_its_card_and_leaves_the_facets_cached(client, db):
    practice = PracticeFactory(title="Buddies for newcomers", origin_country="IT")
    PracticeFactory(title="Tandem language cafe", origin_country="BE")
    assert "includes/_facets.html" in rendered(client.get(LIST))

    edited = Practice.objects.get(pk=practice.pk)
    edited.title = "Buddies for every newcomer"
    edited.save()
    page = client.get(LIST)

    assert "Buddies for every newcomer" in html(page)
    assert rendered(page).count(CARD) == 1  # the edited practice's card alone…
    assert "includes/_facets.html" not in rendered(page)  # …and the facets from the cache
    assert 'value="IT"' in html(page)
    assert 'value="BE"' in html(page)


@pytest.mark.parametrize(
    ("field", "value", "facet"),
    [
        ("origin_country", "BE", "country"),
        ("origin_city", "Ghent", "city"),
        ("volunteering_model", "online", "model"),
        ("language", "nl", "language"),
    ],
)
def test_a_practice_counted_under_another_option_renews_the_facets(client, db, field, value, facet):
    practice = PracticeFactory(
        origin_country="IT", origin_city="Turin", volunteering_model="mentoring", language="it"
    )
    client.get(LIST)

    edited = Practice.objects.get(pk=practice.pk)
    setattr(edited, field, value)
    edited.save()
    page = client.get(LIST)

    facets = {shown.name: shown for shown in page.context["facets"]}
    assert [option.value for option in facets[facet].options] == [value]


def test_a_search_s_facets_follow_an_edit_of_the_texts(client, db):
    practice = PracticeFactory(title="Buddies for newcomers", origin_country="IT")
    assert "0 practices" in html(client.get(LIST, {"q": "tandem"}))

    edited = Practice.objects.get(pk=practice.pk)
    edited.title = "Tandem buddies for newcomers"
    edited.save()
    page = client.get(LIST, {"q": "tandem"})

    assert "1 practice" in html(page)
    facets = {shown.name: shown for shown in page.context["facets"]}
    assert [(option.value, option.count) for option in facets["country"].options] == [("IT", 1)]


postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the toolkit's counts are stored on PostgreSQL"
)


def page_of_practices(count: int) -> list[Practice]:
    """``count`` published practices, newest first, a day apart."""
    now = timezone.now()
    practices = [
        PracticeFactory(title=f"Practice {n:02}", published_at=now - dt.timedelta(days=n))
        for n in range(count)
    ]
    return practices


@postgresql_only
def test_an_edit_of_a_practice_on_another_page_leaves_the_toolkit_s_page_cached(
    client, db, django_assert_num_queries
):
    practices = page_of_practices(PAGE_SIZE + 2)
    client.get(LIST)
    client.get(LIST, {"page": 2})

    edited = Practice.objects.get(pk=practices[-1].pk)  # the oldest: on the second page
    edited.title = "Buddies for every newcomer"
    edited.save()

    with django_assert_num_queries(0):  # the first page: still the cached page
        assert "Practice 00" in html(client.get(LIST))
    assert "Buddies for every newcomer" in html(client.get(LIST, {"page": 2}))


@postgresql_only
def test_a_practice_published_or_unpublished_renews_every_page_of_the_toolkit(
    client, db, coordinator
):
    practices = page_of_practices(PAGE_SIZE + 2)
    client.get(LIST, {"page": 2})

    practice_unpublish(practice=practices[0], by=coordinator)  # on the first page

    second = html(client.get(LIST, {"page": 2}))
    assert "Practice 20" not in second  # moved up to the first page…
    assert "Practice 21" in second  # …and the second starts after it
    assert f"{PAGE_SIZE + 1} practices" in second


@postgresql_only
@pytest.mark.parametrize("edited_index", [PAGE_SIZE - 1, PAGE_SIZE])
def test_practices_published_at_once_at_a_page_boundary_follow_an_edit_of_their_titles(
    client, db, edited_index
):
    """Published at the same moment, two practices are ordered by title: retitling either,
    on this page or the next, can move one across the boundary."""
    practices = page_of_practices(PAGE_SIZE + 1)
    boundary = practices[PAGE_SIZE - 1].published_at
    Practice.objects.filter(pk=practices[PAGE_SIZE].pk).update(published_at=boundary)
    content_changed()
    assert "Practice 19" in html(client.get(LIST))
    assert "Practice 20" not in html(client.get(LIST))

    edited = Practice.objects.get(pk=practices[edited_index].pk)
    edited.title = "Practice 21" if edited_index == PAGE_SIZE - 1 else "Practice 00b"
    edited.save()

    first = html(client.get(LIST))
    assert ("Practice 20" in first) is (edited_index == PAGE_SIZE - 1)
    assert ("Practice 00b" in first) is (edited_index == PAGE_SIZE)


def test_a_practice_sharing_a_cluster_renews_the_related_practices(client, db):
    cluster = ClusterFactory()
    a = PracticeFactory(title="Buddies for newcomers", clusters=[cluster])
    b = PracticeFactory(title="Tandem language cafe", clusters=[cluster])
    assert "Buddies for newcomers" in html(client.get(b.get_absolute_url()))

    a.title = "Buddies for every newcomer"
    a.save()

    assert "Buddies for every newcomer" in html(client.get(b.get_absolute_url()))


def test_a_practice_published_in_a_shared_cluster_joins_the_related_practices(
    client, db, coordinator
):
    cluster = ClusterFactory()
    a = PracticeFactory(title="Buddies for newcomers", clusters=[cluster])
    newcomer = PracticeFactory(
        title="Tandem language cafe", status=PracticeStatus.DRAFT, clusters=[cluster]
    )
    assert "Tandem language cafe" not in html(client.get(a.get_absolute_url()))

    practice_publish(practice=newcomer, by=coordinator)

    assert "Tandem language cafe" in html(client.get(a.get_absolute_url()))


def test_a_stored_practice_page_looks_as_rendered(client, db, member, coordinator):
    """Whether stored in parts or not shared at all, a page carries no fragment marks."""
    cluster = ClusterFactory()
    a = PracticeFactory(title="Buddies for newcomers", clusters=[cluster])
    PracticeFactory(title="Tandem language cafe", clusters=[cluster])
    rendered_first = html(client.get(a.get_absolute_url()))
    assert html(client.get(a.get_absolute_url())) == rendered_first
    for person in (member, coordinator):
        client.force_login(person)
        page = html(client.get(a.get_absolute_url()))
        assert "Tandem language cafe" in page
        assert "values:fragment" not in page


def test_what_counts_practices_changes_with_what_they_are_counted_by_only(db):
    counts = counts_token("toolkit")
    assert counts in changed_by(PracticeFactory.build())  # a new practice
    assert counts in changed_by(ResourceFactory.build())  # any change of another model
    practice = Practice.objects.get(pk=PracticeFactory().pk)
    practice.title = "Buddies for every newcomer"
    assert counts not in changed_by(practice)

    practice.status = PracticeStatus.DRAFT
    assert counts in changed_by(practice)
    practice.save()
    practice.title = "Buddies for newcomers"  # saved as a draft already: only a text edit
    assert counts not in changed_by(practice)
    practice.organisation = OrganisationFactory()
    assert counts in changed_by(practice)
    practice.save()
    practice.origin_country = "BE"  # the toolkit's facets count practices by country
    assert counts in changed_by(practice)
    # Loaded without its status, or refreshed, a practice cannot tell: counted as changed.
    assert counts in changed_by(Practice.objects.only("pk", "title").get(pk=practice.pk))
    practice.refresh_from_db()
    assert counts in changed_by(practice)


def published_figure(client, project) -> str:
    page = html(client.get(reverse("reporting:summary", kwargs={"slug": project.slug})))
    row = re.search(r'id="figure-practices".*?class="report-value">(\d+)<', page, re.S)
    return row.group(1)


def test_the_funder_s_figures_stay_cached_through_an_edit_of_a_practice_s_texts(
    client, db, django_assert_num_queries, coordinator
):
    partner = OrganisationFactory()
    project = ProjectFactory()
    ParticipationFactory(organisation=partner, project=project)
    cluster = ClusterFactory(project=project)
    practice = PracticeFactory(organisation=partner)
    PracticeFactory(organisation=partner)
    assert published_figure(client, project) == "2"

    edited = Practice.objects.get(pk=practice.pk)
    edited.title = "Buddies for every newcomer"
    edited.save()
    with django_assert_num_queries(0):
        assert published_figure(client, project) == "2"

    practice_unpublish(practice=edited, by=coordinator)
    assert published_figure(client, project) == "1"
    other = PracticeFactory(organisation=OrganisationFactory())
    assert published_figure(client, project) == "1"
    other.clusters.add(cluster)  # filed under one of the project's clusters
    assert published_figure(client, project) == "2"


def test_a_new_resource_shows_at_once_on_its_practice_page(client, db):
    practice = PracticeFactory()
    assert "Guide for volunteers" not in html(client.get(practice.get_absolute_url()))

    ResourceFactory(practice=practice, title="Guide for volunteers")

    assert "Guide for volunteers" in html(client.get(practice.get_absolute_url()))


@pytest.mark.parametrize(
    ("depends_on", "renders"),
    [
        (None, 2),  # every app: the practice saved meanwhile makes the page out of date
        (("exchanges",), 1),  # a change of something else: the page is kept
    ],
)
def test_a_page_rendered_during_a_change_is_kept_unless_it_shows_what_changed(
    db, depends_on, renders
):
    class Racing(SharedPageCacheMixin, View):
        cache_depends_on = depends_on
        count = 0

        def get(self, request):
            Racing.count += 1
            if Racing.count == 1:  # someone saves a practice while this page renders
                PracticeFactory()
            return HttpResponse("hello")

    Racing.as_view()(_anonymous_get())
    Racing.as_view()(_anonymous_get())
    Racing.as_view()(_anonymous_get())

    assert Racing.count == renders


def test_a_practice_page_stays_cached_through_an_edit_of_another_practice_meanwhile(
    client, db, django_assert_num_queries, monkeypatch
):
    """B shares no cluster and no partner with A; A is edited while B's page renders."""
    a = PracticeFactory(title="Buddies for newcomers", clusters=[ClusterFactory()])
    b = PracticeFactory(title="Tandem language cafe", clusters=[ClusterFactory()])
    edits = []
    render = PracticeDetailView.get_context_data

    def render_while_editing(view, **kwargs):
        if edits:
            practice = Practice.objects.get(pk=edits.pop())
            practice.title = f"{practice.title}, renamed"
            practice.save()
        return render(view, **kwargs)

    monkeypatch.setattr(PracticeDetailView, "get_context_data", render_while_editing)
    edits.append(a.pk)
    client.get(b.get_absolute_url())

    with django_assert_num_queries(0):  # kept although A changed meanwhile
        assert "Tandem language cafe" in html(client.get(b.get_absolute_url()))

    # B itself changes while its page renders: the page is not served again.
    content_changed(b)
    edits.append(b.pk)
    assert "Tandem language cafe, renamed" not in html(client.get(b.get_absolute_url()))
    assert "Tandem language cafe, renamed" in html(client.get(b.get_absolute_url()))


# Who shares what --------------------------------------------------------------------------


def test_signed_in_visitors_never_get_the_anonymous_page(client, member):
    PracticeFactory(title="Buddies for newcomers")
    client.get(LIST)  # an anonymous visitor fills the cache
    client.force_login(member)

    page = html(client.get(LIST))

    assert "Sign out" in page
    assert "Buddies for newcomers" in page  # the shared fragment


def test_signed_in_people_share_a_page_each_with_their_own_account_corner(
    client, member, turin_editor
):
    PracticeFactory(title="Buddies for newcomers")
    my_organisation = reverse("workspace:dashboard")
    client.force_login(turin_editor)
    assert f'href="{my_organisation}"' in html(client.get(LIST))  # fills the shared page

    client.force_login(member)
    page = html(client.get(LIST))

    assert "Buddies for newcomers" in page
    assert "Sign out" in page
    assert f'href="{my_organisation}"' not in page
    assert 'name="csrfmiddlewaretoken"' in page  # the sign-out form's, made for this request
    client.force_login(turin_editor)
    assert f'href="{my_organisation}"' in html(client.get(LIST))


def test_a_member_made_editor_sees_my_organisation_on_the_next_request(client, member):
    my_organisation = reverse("workspace:dashboard")
    client.force_login(member)
    assert f'href="{my_organisation}"' not in html(client.get(LIST))  # stores their corner

    member.memberships.update(role=MembershipRole.EDITOR)
    content_changed(member.memberships.get())  # update() sends no signal

    assert f'href="{my_organisation}"' in html(client.get(LIST))


def test_the_stored_account_corner_gets_each_request_s_own_csrf_token(client, member):
    import re

    client.force_login(member)
    tokens = {
        re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html(client.get(LIST))).group(1)
        for _ in range(3)
    }

    assert len(tokens) == 3  # masked anew each time, never the placeholder
    assert not any("values-csrf" in token for token in tokens)


def test_shared_signed_in_page_goes_out_compressed_and_plain(client, member):
    import gzip
    import re

    PracticeFactory(title="Buddies for newcomers")
    client.force_login(member)
    client.get(LIST)  # fills the cache

    compressed = client.get(LIST, headers={"accept-encoding": "gzip"})
    plain = client.get(LIST)

    def without_token(page: str) -> str:  # the sign-out form's token is new each time
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)

    assert compressed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed["Vary"]
    unpacked = gzip.decompress(compressed.content).decode()
    assert without_token(unpacked) == without_token(html(plain))
    assert "Buddies for newcomers" in unpacked
    assert "Sign out" in unpacked


def test_members_and_other_signed_in_people_get_their_own_practice_page(client, member, signed_up):
    from django.urls import reverse as url_for

    from core.models import Visibility

    practice = PracticeFactory()
    slides = ResourceFactory(practice=practice, visibility=Visibility.MEMBERS)
    download = url_for("toolkit:resource_download", kwargs={"slug": practice.slug, "pk": slides.pk})
    for person, sees_download in ((member, True), (signed_up, False), (member, True)):
        client.force_login(person)
        for _ in range(2):  # the second answer comes from the cache
            assert (f'href="{download}"' in html(client.get(practice.get_absolute_url()))) is (
                sees_download
            )


def test_those_who_may_assess_get_a_page_of_their_own(client, member, turin_editor):
    organisation = turin_editor.memberships.get().organisation
    ParticipationFactory(organisation=organisation, project=ProjectFactory())
    practice = PracticeFactory(organisation=organisation)
    assess = reverse("toolkit:assess", kwargs={"slug": practice.slug})
    client.force_login(member)
    assert assess not in html(client.get(practice.get_absolute_url()))

    client.force_login(turin_editor)

    assert assess in html(client.get(practice.get_absolute_url()))


def test_a_member_made_peer_reviewer_may_assess_on_the_next_request(client, member):
    from tests.factories import PeerReviewerFactory

    project = ProjectFactory()
    practice = PracticeFactory()
    assess = reverse("toolkit:assess", kwargs={"slug": practice.slug})
    client.force_login(member)
    assert assess not in html(client.get(practice.get_absolute_url()))  # answer kept

    PeerReviewerFactory(user=member, project=project)

    assert assess in html(client.get(practice.get_absolute_url()))


def test_a_member_who_leaves_loses_the_members_only_resources_at_once(client, member):
    from core.models import Visibility

    practice = PracticeFactory()
    slides = ResourceFactory(practice=practice, visibility=Visibility.MEMBERS)
    download = reverse("toolkit:resource_download", kwargs={"slug": practice.slug, "pk": slides.pk})
    client.force_login(member)
    assert f'href="{download}"' in html(client.get(practice.get_absolute_url()))

    member.memberships.get().delete()

    assert f'href="{download}"' not in html(client.get(practice.get_absolute_url()))


def test_a_member_who_leaves_no_longer_sees_a_partner_s_members_only_plan(client, member):
    from exchanges.models import Visibility
    from tests.factories import ActionPlanFactory

    partner = OrganisationFactory(slug="turin")
    ActionPlanFactory(organisation=partner, title="Plan for members", visibility=Visibility.MEMBERS)
    client.force_login(member)
    assert "Plan for members" in html(client.get(partner.get_absolute_url()))

    member.memberships.get().delete()

    assert "Plan for members" not in html(client.get(partner.get_absolute_url()))


def test_anonymous_visitors_never_get_a_signed_in_page(client, member):
    PracticeFactory(title="Buddies for newcomers")
    client.force_login(member)
    assert "Sign out" in html(client.get(LIST))
    client.logout()

    page = html(client.get(LIST))

    assert "Sign out" not in page
    assert "Sign in" in page


def test_each_language_gets_its_own_page(client, db):
    PracticeFactory(title="Buddies for newcomers")
    assert "Toolkit of practices" in html(client.get("/en/toolkit/"))

    page = html(client.get("/it/toolkit/"))

    assert 'lang="it"' in page
    assert "Toolkit of practices" not in page


def test_a_waiting_message_is_shown_not_replaced_by_the_shared_page(client, member):
    client.get(reverse("home"))  # the shared page, without a message
    client.force_login(member)
    client.post(reverse("account_logout"))

    page = html(client.get(reverse("home")))

    assert "You have signed out." in page
    assert "You have signed out." not in html(client.get(reverse("home")))


class _Counting(SharedPageCacheMixin, View):
    source = "plain"
    renders = 0

    def get(self, request):
        type(self).renders += 1
        template = engines["django"].from_string(self.source)
        return TemplateResponse(request, template, {})


def _anonymous_get(path: str = "/page/"):
    request = RequestFactory().get(path)
    request.user = AnonymousUser()
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    request._csp_nonce = LazyNonce()
    return request


@pytest.mark.parametrize(
    ("source", "shared"),
    [
        ("a page for everyone", True),
        ("<form method='post'>{% csrf_token %}</form>", False),
        ("<script nonce='{{ csp_nonce }}'></script>", False),
    ],
)
def test_pages_with_a_token_or_a_nonce_are_not_shared(db, source, shared):
    view_class = type("View", (_Counting,), {"source": source, "renders": 0})
    view = view_class.as_view()

    first = view(_anonymous_get())
    second = view(_anonymous_get())

    assert first.status_code == second.status_code == 200
    assert view_class.renders == (1 if shared else 2)


def test_pages_that_set_a_cookie_are_not_shared(db):
    class Cookie(SharedPageCacheMixin, View):
        renders = 0

        def get(self, request):
            Cookie.renders += 1
            response = HttpResponse("hello")
            response.set_cookie("seen", "1")
            return response

    Cookie.as_view()(_anonymous_get())
    Cookie.as_view()(_anonymous_get())

    assert Cookie.renders == 2


def test_shared_page_goes_out_compressed_and_plain(client, db):
    import gzip

    PracticeFactory(title="Buddies for newcomers")
    client.get(LIST)  # fills the cache

    compressed = client.get(LIST, headers={"accept-encoding": "gzip, br"})
    plain = client.get(LIST)

    assert compressed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed["Vary"]
    assert gzip.decompress(compressed.content) == plain.content
    assert "Buddies for newcomers" in html(plain)
    assert not plain.has_header("Content-Encoding")


@pytest.mark.parametrize("audience", ["anonymous", "member"])
def test_a_page_with_a_fragment_goes_out_compressed_and_plain_alike(client, db, member, audience):
    import gzip

    cluster = ClusterFactory()
    a = PracticeFactory(title="Buddies for newcomers", clusters=[cluster])
    b = PracticeFactory(title="Tandem language cafe", clusters=[cluster])
    if audience == "member":
        client.force_login(member)
    client.get(b.get_absolute_url())  # fills the cache
    for title in ("Buddies for newcomers", "Buddies for every newcomer"):
        a.title = title
        a.save()  # the second time, B's related practices are rendered again
        compressed = client.get(b.get_absolute_url(), headers={"accept-encoding": "gzip"})
        plain = client.get(b.get_absolute_url())

        assert compressed["Content-Encoding"] == "gzip"
        unpacked = gzip.decompress(compressed.content).decode()
        if audience == "member":  # each request's own CSRF token in the sign-out form
            unpacked, page = (
                re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)
                for text in (unpacked, html(plain))
            )
        else:
            page = html(plain)
        assert unpacked == page
        assert title in page


def test_an_edit_of_a_practice_renews_the_pages_of_the_partners_that_took_it_up(client, db):
    """Turin took up Bristol's practice: Turin's page names it in what Turin took."""
    turin = OrganisationFactory(name="City of Turin", slug="turin")
    bristol = OrganisationFactory(name="City of Bristol", slug="bristol")
    practice = PracticeFactory(title="Buddies for newcomers", organisation=bristol)
    TransferFactory(practice=practice, organisation=turin)
    assert "Buddies for newcomers" in html(client.get(turin.get_absolute_url()))

    edited = Practice.objects.get(pk=practice.pk)
    edited.title = "Buddies for every newcomer"
    edited.save()

    assert "Buddies for every newcomer" in html(client.get(turin.get_absolute_url()))


def a_partner_with_a_practice_and_a_visit() -> tuple:
    turin = OrganisationFactory(name="City of Turin", slug="turin")
    practice = PracticeFactory(title="Buddies for newcomers", organisation=turin)
    StudyVisitFactory(title="Young migrants in Turin", host=turin)
    return turin, practice, "Young migrants in Turin"


def a_cluster_with_a_practice_and_a_visit() -> tuple:
    cluster = ClusterFactory()
    practice = PracticeFactory(title="Buddies for newcomers", clusters=[cluster])
    StudyVisitFactory(title="Young migrants in Turin", cluster=cluster)
    return cluster, practice, "Young migrants in Turin"


def a_practice_with_a_related_practice() -> tuple:
    cluster = ClusterFactory()
    related = PracticeFactory(title="Buddies for newcomers", clusters=[cluster])
    practice = PracticeFactory(title="Tandem language cafe", clusters=[cluster])
    return practice, related, "Tandem language cafe"


@pytest.mark.parametrize("audience", ["anonymous", "member"])
@pytest.mark.parametrize(
    ("make", "view_class"),
    [
        (a_partner_with_a_practice_and_a_visit, PartnerDetailView),
        (a_cluster_with_a_practice_and_a_visit, ClusterDetailView),
        (a_practice_with_a_related_practice, PracticeDetailView),
    ],
    ids=["partner", "cluster", "related"],
)
def test_an_edit_of_a_listed_practice_renders_only_the_page_s_practices_again(
    client, db, member, monkeypatch, audience, make, view_class
):
    """A partner's and a cluster's page keep their practices apart, and a practice's page
    its related practices."""
    owner, practice, rest = make()
    if audience == "member":
        client.force_login(member)
    renders = rendered_objects(monkeypatch, view_class)
    assert "Buddies for newcomers" in html(client.get(owner.get_absolute_url()))

    practice.title = "Buddies for every newcomer"
    practice.save()
    page = html(client.get(owner.get_absolute_url()))

    assert "Buddies for every newcomer" in page
    assert rest in page  # the rest of the page, from the cache
    assert renders == [owner.pk]  # the page was rendered once, its practices twice
    assert_put_together(page, audience)


def test_a_practice_moved_to_another_partner_moves_between_their_pages_at_once(client, db):
    turin = OrganisationFactory(name="City of Turin", slug="turin")
    bristol = OrganisationFactory(name="City of Bristol", slug="bristol")
    practice = PracticeFactory(title="Buddies for newcomers", organisation=turin)
    assert "Buddies for newcomers" in html(client.get(turin.get_absolute_url()))
    assert "Buddies for newcomers" not in html(client.get(bristol.get_absolute_url()))

    moved = Practice.objects.get(pk=practice.pk)
    moved.organisation = bristol
    moved.save()

    assert "Buddies for newcomers" not in html(client.get(turin.get_absolute_url()))
    assert "Buddies for newcomers" in html(client.get(bristol.get_absolute_url()))


def test_an_edit_of_a_practice_renews_its_own_partner_s_list_of_practices_taken_up(client, db):
    """Turin's practice taken up by Bristol: Turin's page names it in what others took."""
    turin = OrganisationFactory(name="City of Turin", slug="turin")
    bristol = OrganisationFactory(name="City of Bristol", slug="bristol")
    practice = PracticeFactory(title="Buddies for newcomers", organisation=turin)
    TransferFactory(practice=practice, organisation=bristol)
    page = html(client.get(turin.get_absolute_url()))
    assert page.count("Buddies for newcomers") == 2  # its card, and the trail

    edited = Practice.objects.get(pk=practice.pk)
    edited.title = "Buddies for every newcomer"
    edited.save()

    page = html(client.get(turin.get_absolute_url()))
    assert "Buddies for newcomers" not in page
    assert page.count("Buddies for every newcomer") == 2


@pytest.mark.parametrize("side", ["practice", "cluster"])
def test_a_practice_linked_to_another_cluster_moves_between_their_pages_at_once(client, db, side):
    first, second = ClusterFactory(), ClusterFactory()
    practice = PracticeFactory(title="Buddies for newcomers", clusters=[first])
    assert "Buddies for newcomers" in html(client.get(first.get_absolute_url()))
    assert "Buddies for newcomers" not in html(client.get(second.get_absolute_url()))

    if side == "practice":
        practice.clusters.remove(first)
        practice.clusters.add(second)
    else:
        first.practices.remove(practice)
        second.practices.add(practice)

    assert "Buddies for newcomers" not in html(client.get(first.get_absolute_url()))
    assert "Buddies for newcomers" in html(client.get(second.get_absolute_url()))
