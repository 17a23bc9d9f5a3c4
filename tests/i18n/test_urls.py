"""The language is in the address, the switcher keeps the page, alternates are announced."""

import re
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse, set_script_prefix
from django.utils import translation

from core.language_urls import ENDONYMS, reverse_kept
from tests.browser.pages import PAGE_TYPES, page_path
from tests.factories import ClusterFactory, PracticeFactory

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def reverse_in(language: str, name: str, **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("it-IT,it;q=0.9,en;q=0.5", "/it/"),
        ("en-GB,en;q=0.9", "/en/"),
        ("de-DE,de", "/de/"),
        ("lv-LV,lv;q=0.9,ru;q=0.8", "/lv/"),
        ("el", "/el/"),
        ("fi-FI", "/fi/"),
        ("pt-PT,pt", "/en/"),  # not an interface language: English
    ],
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
def test_every_page_kind_answers_in_each_language_with_its_lang(client):
    call_command("load_values_demo", stdout=StringIO())
    wrong = []
    for language in LANGUAGES:
        for page_type in PAGE_TYPES:
            response = client.get(page_path(page_type, language))
            html = response.content.decode()
            expected_status = 404 if page_type.url_name is None else 200
            if (
                response.status_code != expected_status
                or f'<html lang="{language}">' not in html
                or response["Content-Language"] != language
            ):
                wrong.append(f"{page_type.id} ({language}): {response.status_code}")
    assert not wrong, wrong


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
@pytest.mark.parametrize("current", ["en", "de", "el"])
def test_switcher_lists_every_language_by_its_own_name(client, current):
    PracticeFactory(slug="buddies")

    html = client.get(f"/{current}/toolkit/buddies/").content.decode()
    switcher = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S)[0]

    for code in LANGUAGES:
        name = ENDONYMS[code]
        if code == current:
            assert f'<span lang="{code}" aria-current="true"><strong>{name}</strong></span>' in (
                switcher
            )
        else:
            link = f'<a href="/{code}/toolkit/buddies/" hreflang="{code}" lang="{code}">{name}</a>'
            assert link in switcher
    assert switcher.count("<li>") == len(LANGUAGES)


def test_each_language_is_named_in_itself():
    assert ENDONYMS == {
        "en": "English",
        "it": "Italiano",
        "nl": "Nederlands",
        "cs": "Čeština",
        "de": "Deutsch",
        "es": "Español",
        "lv": "Latviešu",
        "el": "Ελληνικά",
        "fr": "Français",
        "fi": "Suomi",
    }
    assert list(ENDONYMS) == LANGUAGES


@pytest.mark.django_db
@pytest.mark.parametrize("current", ["it", "lv"])
def test_hreflang_alternates_name_every_language_and_a_default(client, current):
    cluster = ClusterFactory(slug="young-migrants")

    html = client.get(reverse_in(current, "network:cluster_detail", slug=cluster.slug)).content
    html = html.decode()

    base = "http://testserver"
    for code in LANGUAGES:
        assert f'hreflang="{code}" href="{base}/{code}/clusters/young-migrants/"' in html
    assert f'hreflang="x-default" href="{base}/clusters/young-migrants/"' in html
    assert html.count('rel="alternate" hreflang=') == len(LANGUAGES) + 1


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
def test_sitemap_lists_each_page_in_every_language(client):
    PracticeFactory(slug="buddies")

    xml = client.get("/sitemap.xml").content.decode()

    for code in LANGUAGES:
        assert f"<loc>http://testserver/{code}/toolkit/buddies/</loc>" in xml
        assert f'hreflang="{code}" href="http://testserver/{code}/toolkit/buddies/"' in xml


@pytest.mark.django_db
def test_not_found_page_without_a_language_offers_every_language(client):
    response = client.get("/no-such-page/", headers={"accept-language": "el"})

    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="el">' in html
    for code in LANGUAGES:
        if code != "el":
            assert f'href="/{code}/no-such-page/" hreflang="{code}"' in html


def test_a_kept_address_follows_the_language_and_the_slug():
    with translation.override("it"):
        assert reverse_kept("network:partner_detail", slug="turin") == "/it/partners/turin/"
        assert reverse_kept("network:partner_detail", slug="bristol") == "/it/partners/bristol/"
    with translation.override("el"):
        assert reverse_kept("network:partner_detail", slug="turin") == "/el/partners/turin/"
        assert reverse_kept("toolkit:detail", slug="turin") == reverse(
            "toolkit:detail", kwargs={"slug": "turin"}
        )


def test_a_kept_address_follows_a_script_prefix():
    with translation.override("en"):
        assert reverse_kept("network:partner_detail", slug="turin") == "/en/partners/turin/"
        set_script_prefix("/portal/")
        try:
            assert reverse_kept("network:partner_detail", slug="turin") == (
                "/portal/en/partners/turin/"
            )
        finally:
            set_script_prefix("/")
