"""The open data API's documentation page: Swagger UI runs under the strict CSP, from the
portal's own files, and shows every operation of the OpenAPI document."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import axe_violations, describe

live_database = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@live_database
def test_docs_page_shows_every_operation_without_csp_errors_or_other_hosts(
    empty_portal, page: Page
):
    problems, requests = [], []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("request", lambda request: requests.append(request.url))

    page.goto(empty_portal("api_docs"))

    operations = page.locator(".opblock-summary-path")
    expect(operations).to_have_count(7, timeout=15_000)
    expect(page.get_by_text("/api/practices/", exact=True)).to_be_visible()
    assert problems == []
    assert all(url.startswith((empty_portal.url, "data:")) for url in requests), requests


@live_database
def test_docs_page_has_no_axe_violations(empty_portal, page: Page):
    # Swagger UI's colours and deep links failed (contrast, nested controls):
    # static/api/docs.css and docs.js change them.
    page.goto(empty_portal("api_docs"))
    expect(page.locator(".opblock-summary-path")).to_have_count(7, timeout=15_000)

    violations = axe_violations(page)

    assert violations == [], describe(violations)
