"""The layout's parts are rendered once per language and section (core/templatetags/layout.py),
and show each page what it would show rendered afresh."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from core.templatetags import layout

pytestmark = pytest.mark.django_db


def current_links(page: str) -> list[str]:
    """The main navigation's links marked current, as (text, value)."""
    bar = re.search(r'<ul class="site-nav__bar">(.*?)</ul>', page, re.S).group(1)
    return re.findall(r'aria-current="(\w+)"[^>]*>([^<]+)<', bar)


def get(client, name: str, language: str = "en", **kwargs) -> str:
    with translation.override(language):
        url = reverse(name, kwargs=kwargs or None)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_each_section_marks_its_own_link_current(client):
    get(client, "toolkit:list")  # the parts of the toolkit's page are kept

    assert current_links(get(client, "toolkit:list")) == [("page", "Toolkit")]
    assert current_links(get(client, "network:partner_list")) == [("page", "Partners")]
    assert current_links(get(client, "exchanges:visit_list")) == [("page", "Study visits")]
    assert current_links(get(client, "home")) == []


def test_each_language_gets_its_own_parts(client):
    english = get(client, "toolkit:list")
    italian = get(client, "toolkit:list", "it")

    assert 'href="/en/partners/"' in english
    assert 'href="/it/partners/"' in italian
    assert "Skip to main content" in english
    assert "Skip to main content" not in italian
    assert "/it/privacy/" in italian


def test_the_parts_kept_leave_each_page_its_own_languages_and_report_link(client):
    toolkit = get(client, "toolkit:list")
    partners = get(client, "network:partner_list")

    assert 'hreflang="it" lang="it"' in toolkit
    assert 'href="/it/toolkit/"' in toolkit
    assert 'href="/it/partners/"' in partners
    assert "?page=http%3A//testserver/en/partners/" in partners
    assert "?page=http%3A//testserver/en/toolkit/" not in partners


def test_the_parts_kept_hold_nobody_s_account(client, member):
    client.force_login(member)
    signed_in = get(client, "toolkit:list")
    client.logout()
    anonymous = get(client, "toolkit:list")

    assert "Sign out" in signed_in
    assert "Sign out" not in anonymous
    assert "Sign in" in anonymous


def test_a_part_is_rendered_once_per_language_and_section(client):
    layout.forget_parts()
    get(client, "toolkit:list")
    kept = dict(layout._parts)
    get(client, "toolkit:list")
    get(client, "toolkit:list")

    assert layout._parts == kept
    assert {key[0] for key in kept} >= {"head", "header-start", "header-end", "footer-start"}
    get(client, "toolkit:list", "it")
    assert len(layout._parts) == 2 * len(kept)


def test_a_changed_setting_shows_at_once(client, settings):
    get(client, "home")
    settings.PORTAL_NAME = "Welcoming Cities"
    cache.clear()  # the whole page kept for anonymous visitors: not the parts' concern

    assert '<span class="site-name__title">Welcoming Cities</span>' in get(client, "home")
