import csv
import io

import feedparser
import pytest
from django.urls import reverse

from core.models import Visibility
from tests.factories import PDF_BYTES, PracticeFactory, ResourceFactory
from toolkit.models import PracticeStatus


def detail(practice) -> str:
    return reverse("toolkit:detail", kwargs={"slug": practice.slug})


def download(resource) -> str:
    return reverse(
        "toolkit:resource_download", kwargs={"slug": resource.practice.slug, "pk": resource.pk}
    )


def test_practice_page_reads_for_volunteers_then_city_staff(client, buddies):
    buddies.how_it_works = "Buddies meet once a week for six months."
    buddies.resources_needed = "A coordinator two days a week."
    buddies.results = "Nine in ten pairs kept meeting."
    buddies.transferability = "Start with a small group of volunteers."
    buddies.save()

    response = client.get(detail(buddies))

    html = response.content.decode()
    assert "<title>Buddies for newcomers · " in html
    assert "Each newcomer gets a local buddy." in html
    assert html.count("<h1>") == 1
    assert 'class="example-mark"' in html
    sections = [
        "In short",
        "What you can do",
        "How to get involved",
        "Contact the people behind this practice",
        "How it works",
        "Resources needed",
        "Results and evidence",
        "Tips",
    ]
    positions = [html.index(section) for section in sections]
    assert positions == sorted(positions)
    assert "Nine in ten pairs kept meeting." in html
    assert "A practice from Turin, Italy" in html
    assert response.context["breadcrumbs"][-1] == ("Buddies for newcomers", None)


@pytest.mark.parametrize("status", [PracticeStatus.DRAFT, PracticeStatus.IN_REVIEW])
def test_unpublished_practice_is_404(client, coordinator, status):
    practice = PracticeFactory(status=status, published_at=None)

    assert client.get(detail(practice)).status_code == 404
    client.force_login(coordinator)
    assert client.get(detail(practice)).status_code == 404


def test_unknown_practice_is_404(client, db):
    assert (
        client.get(reverse("toolkit:detail", kwargs={"slug": "no-such-thing"})).status_code == 404
    )


def test_practice_page_lists_resources_by_visibility(client, member, buddies):
    public = ResourceFactory(practice=buddies, title="Guide for buddies")
    members = ResourceFactory(
        practice=buddies, title="Training slides", visibility=Visibility.MEMBERS
    )
    link = ResourceFactory(practice=buddies, title="Video", file="", url="https://example.org/v")

    html = client.get(detail(buddies)).content.decode()

    assert f'href="{download(public)}"' in html
    assert "(PDF, 193\xa0bytes)" in html
    assert "Training slides" in html
    assert f'href="{download(members)}"' not in html
    assert "Members only" in html
    assert 'href="https://example.org/v" rel="external noopener">Video</a>' in html
    assert link.is_link

    client.force_login(member)
    html = client.get(detail(buddies)).content.decode()
    assert f'href="{download(members)}"' in html


def test_practice_page_shows_related_practices_sharing_a_cluster(client, buddies, mentoring, sport):
    close = PracticeFactory(title="Walking buddies", clusters=[mentoring, sport])
    PracticeFactory(title="Unrelated choir", clusters=[sport])
    PracticeFactory(title="Draft buddies", clusters=[mentoring], status="draft", published_at=None)

    response = client.get(detail(buddies))

    assert [p.title for p in response.context["related"]] == [close.title]


def test_resource_download_serves_public_file(client, buddies):
    resource = ResourceFactory(practice=buddies)

    response = client.get(download(resource))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Disposition"] == 'attachment; filename="guide.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_members_only_resource_needs_signing_in(client, member, buddies):
    resource = ResourceFactory(practice=buddies, visibility=Visibility.MEMBERS)

    response = client.get(download(resource))
    assert response.status_code == 403
    assert "next=" in response.text

    client.force_login(member)
    response = client.get(download(resource))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_resource_of_draft_practice_or_link_is_404(client, buddies):
    draft = ResourceFactory(practice=PracticeFactory(status="draft", published_at=None))
    link = ResourceFactory(practice=buddies, file="", url="https://example.org/")

    assert client.get(download(draft)).status_code == 404
    assert client.get(download(link)).status_code == 404
    wrong_practice = reverse(
        "toolkit:resource_download", kwargs={"slug": "football", "pk": draft.pk}
    )
    assert client.get(wrong_practice).status_code == 404


# CSV -------------------------------------------------------------------------------


def csv_rows(response) -> list[list[str]]:
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_csv_has_exactly_the_filtered_rows_in_the_same_order(client, buddies, football):
    PracticeFactory(title="Draft", status="draft", published_at=None)
    PracticeFactory(title="Tandem Turin", origin_city="Turin", language="it")

    params = {"city": "Turin", "sort": "title"}
    shown = client.get(reverse("toolkit:list"), params).context["page_obj"].object_list
    response = client.get(reverse("toolkit:csv"), params)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    rows = csv_rows(response)
    assert rows[0][:3] == ["Title", "Summary", "City"]
    assert [row[0] for row in rows[1:]] == [p.title for p in shown]
    assert [row[0] for row in rows[1:]] == ["Buddies for newcomers", "Tandem Turin"]
    assert rows[1][5] == "Mentoring"
    assert rows[1][-1] == "http://testserver/en/toolkit/buddies/"


def test_csv_of_all_practices_and_of_a_bad_filter(client, buddies, football):
    assert len(csv_rows(client.get(reverse("toolkit:csv")))) == 3
    assert len(csv_rows(client.get(reverse("toolkit:csv"), {"cluster": "nope"}))) == 1


def test_csv_cells_cannot_become_formulas(client, db):
    PracticeFactory(title='=HYPERLINK("http://evil")')

    rows = csv_rows(client.get(reverse("toolkit:csv")))

    assert rows[1][0] == '\'=HYPERLINK("http://evil")'


@pytest.mark.parametrize("title", [" =1+1", "\u00a0\u00a0@SUM(A1)", "\t-2+3", "\r=cmd"])
def test_csv_cells_with_spaces_before_a_formula_sign_are_neutralised(client, db, title):
    PracticeFactory(title=title)

    rows = csv_rows(client.get(reverse("toolkit:csv")))

    assert rows[1][0].startswith("'")


def test_csv_header_cells_are_made_safe_too(client, db):
    from core.spreadsheets import csv_response

    response = csv_response("x.csv", ["=title"], [])

    assert response.content.decode("utf-8-sig").splitlines()[0] == "'=title"


# Atom feeds ------------------------------------------------------------------------


def test_atom_feed_lists_newly_published_practices(client, buddies, football):
    PracticeFactory(title="Draft", status="draft", published_at=None)

    response = client.get(reverse("toolkit:feed"))

    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo
    assert feed.version == "atom10"
    assert [entry.title for entry in feed.entries] == [
        "Football on Fridays",
        "Buddies for newcomers",
    ]
    assert feed.entries[0].link == "http://testserver/en/toolkit/football/"
    assert feed.entries[1].summary == "Each newcomer gets a local buddy."


def test_cluster_atom_feed_holds_only_that_cluster(client, buddies, football):
    response = client.get(reverse("toolkit:cluster_feed", kwargs={"slug": "mentoring"}))

    feed = feedparser.parse(response.content)
    assert not feed.bozo
    assert "Mentoring" in feed.feed.title
    assert [entry.title for entry in feed.entries] == ["Buddies for newcomers"]
    unknown = reverse("toolkit:cluster_feed", kwargs={"slug": "nope"})
    assert client.get(unknown).status_code == 404
