"""A new release of the portal never serves what an earlier one cached (core/release.py)."""

import shutil
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.release import release_digest
from tests.factories import PracticeFactory

TREE = {
    "toolkit/views.py": "VIEW = 1\n",
    "templates/base.html": "<main>{% block content %}{% endblock %}</main>\n",
    "locale/it/LC_MESSAGES/django.mo": "catalogue",
    "static/css/portal.css": "main { margin: 0 }\n",
    "pyproject.toml": '[project]\nname = "values-portal"\n',
}


@pytest.fixture
def tree(tmp_path) -> Path:
    root = tmp_path / "portal"
    for name, text in TREE.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


@pytest.mark.parametrize("name", list(TREE))
def test_a_change_of_what_makes_a_page_is_a_new_release(tree, name):
    before = release_digest(tree)

    (tree / name).write_text("changed")

    assert release_digest(tree) != before


@pytest.mark.parametrize(
    "name",
    [
        "tests/test_views.py",
        "docs/screenshots/home.svg",
        ".git/HEAD",
        ".venv/lib/site.py",
        "toolkit/__pycache__/views.cpython-313.pyc",
        "values_portal.egg-info/SOURCES.txt",
        "venv/pyvenv.cfg venv/lib/python3.13/site-packages/django/__init__.py",
        "media/plans/plan.pdf",
        "README.md",
    ],
)
def test_tests_documents_and_written_files_are_not_part_of_a_release(tree, name):
    before = release_digest(tree, skipped={(tree / "media").resolve()})

    for written in name.split():  # a virtual environment: its pyvenv.cfg, then a module
        path = tree / written
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("written")

    assert release_digest(tree, skipped={(tree / "media").resolve()}) == before


def test_the_same_files_anywhere_are_the_same_release(tree, tmp_path):
    copy = shutil.copytree(tree, tmp_path / "elsewhere" / "portal")

    assert release_digest(copy) == release_digest(tree)


def test_a_page_cached_by_an_earlier_release_is_rendered_again(
    client, db, monkeypatch, django_assert_num_queries
):
    practice = PracticeFactory(title="Buddies for newcomers")
    url = practice.get_absolute_url()
    client.get(url)
    with django_assert_num_queries(0):
        client.get(url)  # from the cache

    monkeypatch.setattr("core.cache.code_release", lambda: "the next release")

    with CaptureQueriesContext(connection) as rendering:
        response = client.get(url)
    assert len(rendering) > 0  # rendered again, not the earlier release's copy
    assert response.status_code == 200
    assert "Buddies for newcomers" in response.content.decode()
    with django_assert_num_queries(0):
        client.get(url)  # the next release's copy, from the cache
