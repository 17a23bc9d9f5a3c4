from django.urls import reverse

from tests.factories import ProjectFactory
from tests.html_checks import assert_valid_page

OPEN_DATA = reverse("network:open_data")


def test_open_data_page_explains_the_api_and_links_every_output(client, db):
    ProjectFactory(acronym="VALUES", slug="values")

    response = client.get(OPEN_DATA)

    html = response.text
    assert "<h1>Open data</h1>" in html
    for endpoint in ("", "practices/", "study-visits/", "staff-exchanges/", "action-plans/"):
        assert f'href="/api/{endpoint}"' in html
    assert 'href="/api/figures/"' in html
    for name in ("toolkit:feed", "toolkit:csv", "network:partner_csv", "exchanges:visit_csv"):
        assert f'href="{reverse(name)}"' in html
    assert f'href="{reverse("exchanges:visit_list")}#subscribe"' in html
    assert f'href="{reverse("reporting:summary", kwargs={"slug": "values"})}"' in html
    for name in ("api_docs", "api:schema", "api:catalogue"):
        assert f'href="{reverse(name)}"' in html
    assert_valid_page(response)


def test_every_page_footer_links_open_data_and_the_feeds(client, db):
    html = client.get(reverse("home")).text
    footer = html[html.index('<footer class="site-footer">') :]

    assert f'href="{OPEN_DATA}"' in footer
    assert f'href="{reverse("toolkit:feed")}"' in footer
    assert f'href="{reverse("exchanges:visit_list")}#subscribe"' in footer


def test_open_data_page_is_in_italian_too(client, db):
    html = client.get("/it/open-data/").text

    assert "<h1>Dati aperti</h1>" in html
