"""The language is in the address, the switcher keeps the page, alternates are announced."""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from tests.factories import ClusterFactory, PracticeFactory


def reverse_in(language: str, name: str, **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [("it-IT,it;q=0.9,en;q=0.5", "/it/"), ("en-GB,en;q=0.9", "/en/"), ("de-DE,de", "/en/")],
)
def test_root_redirects_to_the_visitors_language(client, accept_language, expected):
    response = client.get("/", headers={"accept-language": accept_language})

    assert response.status_code == 302
    assert response["Location"] == expected


@pytest.mark.django_db
def test_an_address_without_language_keeps_its_path_and_query(client):
    response = client.get("/toolkit/?q=mentoring", headers={"accept-language": "it"})

    assert response.status_code == 302
    assert response["Location"] == "/it/toolkit/?q=mentoring"


@pytest.mark.django_db
def test_every_page_is_served_in_english_and_italian_with_the_right_lang(client):
    for language, heading in [("en", "Toolkit of practices"), ("it", "Raccolta di buone pratiche")]:
        response = client.get(f"/{language}/toolkit/")

        assert response.status_code == 200
        html = response.content.decode()
        assert f'<html lang="{language}">' in html
        assert f"<h1>{heading}</h1>" in html
        assert response["Content-Language"] == language


@pytest.mark.django_db
def test_switcher_links_to_the_same_page_and_query_in_the_other_language(client):
    practice = PracticeFactory(slug="buddies")

    response = client.get(f"/en/toolkit/{practice.slug}/")
    html = response.content.decode()
    switcher = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S)[0]
    assert '<a href="/it/toolkit/buddies/" hreflang="it" lang="it">Italiano</a>' in switcher
    assert '<span lang="en" aria-current="true"><strong>English</strong></span>' in switcher

    response = client.get("/it/toolkit/?q=buddy&sort=title")
    assert 'href="/en/toolkit/?q=buddy&amp;sort=title" hreflang="en"' in response.content.decode()


@pytest.mark.django_db
def test_hreflang_alternates_name_every_language_and_a_default(client):
    cluster = ClusterFactory(slug="young-migrants")

    html = client.get(reverse_in("it", "network:cluster_detail", slug=cluster.slug)).content
    html = html.decode()

    base = "http://testserver"
    assert f'hreflang="en" href="{base}/en/clusters/young-migrants/"' in html
    assert f'hreflang="it" href="{base}/it/clusters/young-migrants/"' in html
    assert f'hreflang="x-default" href="{base}/clusters/young-migrants/"' in html


@pytest.mark.django_db
def test_not_found_page_speaks_the_language_of_its_address(client):
    response = client.get("/it/nessuna-pagina/")

    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="it">' in html
    assert "Pagina non trovata" in html
    # The switcher leads to the same address in English; no alternates for a missing page.
    assert 'href="/en/nessuna-pagina/"' in html
    assert 'rel="alternate" hreflang' not in html


@pytest.mark.django_db
def test_admin_sitemap_and_robots_keep_a_single_address(client):
    assert client.get("/sitemap.xml").status_code == 200
    assert client.get("/robots.txt").status_code == 200
    assert reverse("admin:index") == f"/{settings.ADMIN_URL}"


@pytest.mark.django_db
def test_sitemap_lists_each_page_in_both_languages(client):
    PracticeFactory(slug="buddies")

    xml = client.get("/sitemap.xml").content.decode()

    assert "<loc>http://testserver/en/toolkit/buddies/</loc>" in xml
    assert "<loc>http://testserver/it/toolkit/buddies/</loc>" in xml
    assert 'hreflang="it" href="http://testserver/it/toolkit/buddies/"' in xml


@pytest.mark.django_db
def test_not_found_page_without_a_language_offers_both(client):
    response = client.get("/no-such-page/", headers={"accept-language": "it"})

    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="it">' in html
    assert 'href="/en/no-such-page/" hreflang="en"' in html
