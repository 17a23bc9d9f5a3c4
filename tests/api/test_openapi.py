"""The API's OpenAPI document, its documentation page, and how it answers errors."""

import json

import pytest
import yaml
from django.test import Client
from django.urls import reverse
from openapi_spec_validator import validate
from openapi_spec_validator.validation import OpenAPIV31SpecValidator

pytestmark = [pytest.mark.django_db]


def test_schema_is_a_valid_openapi_31_document(client):
    response = client.get(reverse("api:schema"))

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    schema = json.loads(response.content)
    assert schema["openapi"] == "3.1.0"
    validate(schema, cls=OpenAPIV31SpecValidator)
    assert set(schema["paths"]) == {
        "/api/",
        "/api/practices/",
        "/api/study-visits/",
        "/api/staff-exchanges/",
        "/api/action-plans/",
        "/api/transfers/",
        "/api/figures/",
    }
    practices = schema["paths"]["/api/practices/"]["get"]
    assert {p["name"] for p in practices["parameters"]} >= {
        "q",
        "cluster",
        "country",
        "language",
        "page",
        "page_size",
    }
    assert set(practices["responses"]) == {"200", "400", "404"}


def test_schema_is_also_yaml(client):
    response = client.get(reverse("api:schema_yaml"))

    assert response.status_code == 200
    assert yaml.safe_load(response.content)["openapi"] == "3.1.0"


def test_docs_page_loads_swagger_ui_from_the_portal_without_inline_script(client):
    response = client.get(reverse("api_docs"))

    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-schema-url="/api/schema/"' in html
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "/static/api/docs.js" in html
    assert "<script>" not in html
    assert 'src="http' not in html
    assert 'href="http' not in html.split("<body")[0].replace('href="http://testserver/', "")
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


def test_docs_page_is_in_every_language(client):
    assert reverse("api_docs") == "/en/api/docs/"
    assert client.get("/it/api/docs/").status_code == 200
    assert client.get("/api/docs/")["Location"] == "/en/api/docs/"


@pytest.mark.parametrize("path", ["/api/nope/", "/api/practices/1/"])
def test_unknown_addresses_are_a_json_404_open_to_other_sites(client, path):
    response = client.get(path)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert json.loads(response.content)["detail"]


def test_an_address_without_its_slash_is_still_redirected(client):
    response = client.get("/api/practices")

    assert response.status_code == 301
    assert response["Location"] == "/api/practices/"


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_writing_is_a_json_405_not_a_csrf_403(method):
    # A client that enforces CSRF as a browser's request would meet it.
    response = getattr(Client(enforce_csrf_checks=True), method)(reverse("api:practices"))

    assert response.status_code == 405
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "GET" in response["Allow"]
    assert json.loads(response.content)["detail"]


def test_cors_preflight_is_answered(client):
    response = client.options(
        reverse("api:practices"),
        headers={
            "Origin": "https://other.example",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "accept-language",
        },
    )

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert response["Access-Control-Allow-Headers"] == "accept-language"


def test_json_whatever_the_client_accepts(client):
    response = client.get(reverse("api:practices"), headers={"Accept": "text/html"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"


def test_head_answers_like_get_without_a_body(client):
    response = client.head(reverse("api:practices"))

    assert response.status_code == 200
    assert response.content == b""
