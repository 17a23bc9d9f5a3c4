"""Screenshots for the README, written by ``make screenshots`` (skipped otherwise)."""

import os
from pathlib import Path

import pytest

from tests.browser.conftest import WIDTHS

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        not os.environ.get("SCREENSHOTS_DIR"), reason="run `make screenshots` to write them"
    ),
]

PAGES = {
    "home": ("home", {}),
    "toolkit": ("toolkit:list", {}),
    "practice": ("toolkit:detail", {"slug": "welcome-walks-with-neighbourhood-hosts"}),
}
HEIGHTS = {"phone": 812, "desktop": 900}


@pytest.mark.parametrize("name", PAGES)
def test_screenshot(portal, page, name):
    folder = Path(os.environ["SCREENSHOTS_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    url_name, kwargs = PAGES[name]
    page.goto(portal(url_name, **kwargs))
    for device, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": HEIGHTS[device]})
        path = folder / f"{name}-{width}.png"
        page.screenshot(path=path)
        assert path.stat().st_size > 10_000
