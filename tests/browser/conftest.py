"""Browser tests: Debian's Chromium driven by Playwright against a live server.

The server is pytest-django's ``live_server`` over the test database, loaded
with the VALUES demo data for each test. There are few tests, each checking a
lot (one page type in both languages at both widths), to keep the suite quick.

Without Chromium at ``CHROMIUM`` every browser test is skipped, with the
command that installs it; ``make test`` installs it when it runs as root.
"""

import os
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

# Playwright's sync API runs an event loop in the test thread; Django would
# otherwise refuse database access from it as "async unsafe".
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/lib/chromium/chromium")
BROWSER_TESTS = Path(__file__).parent
WIDTHS = {"phone": 375, "desktop": 1280}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def _database_order(item: pytest.Item) -> int:
    """pytest-django's order: database tests, then transactional ones, then the rest."""
    marker = item.get_closest_marker("django_db")
    fixtures = set(getattr(item, "fixturenames", ()))
    transactional = bool(
        (marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")))
        or fixtures & {"transactional_db", "live_server"}
    )
    if transactional:
        return 1
    return 0 if marker or "db" in fixtures else 2


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Browser tests run last, and are skipped without Chromium.

    pytest-django runs the tests that flush the database (``transaction=True``)
    after the others. pytest then regroups the tests that share
    pytest-playwright's session-wide browser parameter, which scatters that
    order: a test after a flush finds the rows of the data migrations (the
    Coordinators group) gone. Sorting again, browser tests last, restores it.
    """
    items.sort(key=lambda item: (BROWSER_TESTS in item.path.parents, _database_order(item)))
    if CHROMIUM.exists():
        return
    browser_tests = [item for item in items if BROWSER_TESTS in item.path.parents]
    skip = pytest.mark.skip(
        reason=f"Chromium is not installed at {CHROMIUM}; install it with "
        "`apt-get install -y chromium` (`make test` does so when run as root)."
    )
    for item in browser_tests:
        item.add_marker(skip)


@pytest.fixture(autouse=True)
def _fresh_content_types():
    """Browser tests flush and restore the tables; on PostgreSQL the content types may come
    back under other ids, so ids cached by an earlier test must not be used."""
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
    yield
    ContentType.objects.clear_cache()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    return {**browser_context_args, "viewport": {"width": WIDTHS["desktop"], "height": 900}}


@dataclass
class Portal:
    """The live server with the VALUES demo data, and the addresses of its pages."""

    url: str

    def __call__(self, name: str, language: str = "en", query: str = "", **kwargs) -> str:
        with translation.override(language):
            path = reverse(name, kwargs=kwargs or None)
        return f"{self.url}{path}{'?' + query if query else ''}"


@pytest.fixture
def portal(live_server) -> Portal:
    """pytest-django's live server over the test database, with the demo data loaded.

    Browser tests are marked ``django_db(transaction=True, serialized_rollback=True)``:
    the server's thread must see committed rows, and the rows the migrations
    create come back after each test's flush. (Not always the Coordinators
    group once Playwright's event loop runs, so journeys that need a
    coordinator make a superuser.)
    """
    call_command("load_values_demo", stdout=StringIO())
    return Portal(url=live_server.url)


@pytest.fixture
def empty_portal(live_server) -> Portal:
    """The live server without the demo data, for pages that need none (quicker)."""
    return Portal(url=live_server.url)


_RUN_AXE = """
async ([context, options]) => {
    const results = await axe.run(context || document, options);
    return results.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((node) => ({target: node.target})),
    }));
}
"""


def axe_violations(page, exclude: tuple[str, ...] = ()) -> list[dict]:
    """The WCAG 2.1 A and AA violations axe-core finds on the page as it is now.

    axe-core comes from axe-playwright-python (no download). Only the violations
    travel back to Python: the library's own ``Axe().run`` returns every passing
    check too, which takes longer than the scan.
    """
    from axe_playwright_python.base import AXE_SCRIPT

    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SCRIPT)
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    context = {"exclude": [[selector] for selector in exclude]} if exclude else None
    return page.evaluate(_RUN_AXE, [context, options])


def describe(violations: list[dict]) -> str:
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(" ".join(node["target"]) for node in v["nodes"][:5])
        for v in violations
    )


def expect_focused(locator, timeout: float = 5000) -> None:
    """Wait until the element is the page's active element.

    Playwright's own ``to_be_focused`` also needs the window to hold the
    operating system's focus, which a page loses whenever another browser runs
    beside it (pytest-xdist); where the focus sits inside the page is what a
    keyboard or screen reader user meets when they come back to the window.
    """
    element = locator.element_handle(timeout=timeout)
    locator.page.wait_for_function(
        "element => element === document.activeElement", arg=element, timeout=timeout
    )
