from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group

from cities.models import MembershipRole
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory


def pytest_configure(config: pytest.Config) -> None:
    """With REDIS_URL, each pytest-xdist worker (gw0, gw1…) uses a Redis database of its own.

    Every test starts by emptying the cache (``_cache_starts_empty``), which empties the
    whole Redis database: workers sharing one would wipe each other's sessions and rate
    limits mid-test. gw0 takes the database of REDIS_URL, gw1 the next one, and so on
    (CI: 3, 4…). pytest-django gives each worker its own test database the same way.
    """
    from django.conf import settings

    worker = getattr(config, "workerinput", {}).get("workerid", "")
    if not (settings.REDIS_URL and worker.startswith("gw")):
        return
    cache = settings.CACHES["default"]
    address = urlsplit(cache["LOCATION"])
    database = int(address.path.strip("/") or 0) + int(worker.removeprefix("gw"))
    cache["LOCATION"] = address._replace(path=f"/{database}").geturl()


@pytest.fixture(autouse=True, scope="session")
def _jinja2_templates_are_recorded():
    """``response.templates`` lists the Jinja2 templates a response rendered (the practice
    card), as Django's test set-up makes it list the Django ones."""
    from django.template.backends.jinja2 import Template
    from django.test.signals import template_rendered

    render = Template.render

    def recorded(self, context=None, request=None):
        template_rendered.send(sender=self, template=self.template, context=context or {})
        return render(self, context, request)

    Template.render = recorded
    yield
    Template.render = render


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    # Uploaded files of a test never touch the developer's media folder.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """On SQLite, the test database is a file (in the run's, or the worker's, temporary folder).

    Django's default, an in-memory database, is one connection that the live server shares
    between its request threads: two requests at once (the admin's autocomplete beside a
    Save) then run their queries on it together, and one of them reads nothing (the
    signed-in user not found: the sign-in page). With a file, every thread has its own
    connection, as with ``make run`` and PostgreSQL.
    """
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        test = database.setdefault("TEST", {})
        test["NAME"] = str(tmp_path_factory.getbasetemp() / "test.sqlite3")
        # A test database need not survive a power cut: commits do not wait for the disk.
        options = database.setdefault("OPTIONS", {})
        options["init_command"] = "PRAGMA synchronous=OFF"


@pytest.fixture
def turin(db):
    return OrganisationFactory(name="City of Turin", slug="turin", city="Turin", country="IT")


@pytest.fixture
def bristol(db):
    return OrganisationFactory(name="City of Bristol", slug="bristol", city="Bristol", country="GB")


@pytest.fixture
def coordinator(db):
    user = UserFactory(email="coordinator@example.org", is_staff=True)
    user.groups.add(Group.objects.get(name="Coordinators"))
    return user


@pytest.fixture
def turin_editor(turin):
    return MembershipFactory(
        user__email="editor@turin.example.org", organisation=turin, role=MembershipRole.EDITOR
    ).user


@pytest.fixture
def bristol_editor(bristol):
    return MembershipFactory(
        user__email="editor@bristol.example.org", organisation=bristol, role=MembershipRole.EDITOR
    ).user


@pytest.fixture
def member(db):
    """Staff of a partner organisation: a confirmed member, not an editor."""
    return MembershipFactory(user__email="member@example.org", role=MembershipRole.MEMBER).user


@pytest.fixture
def signed_up(db):
    """Someone who signed up and confirmed their address, and belongs to no organisation."""
    return UserFactory(email="newcomer@example.org")


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    # Tests run with DEBUG off: without collectstatic the manifest storage would fail.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _coordinator_has_two_factor(request):
    # Coordinators must set up an authenticator app before they reach the admin
    # (values_portal.users.middleware); the persona has one. Tests of the set-up
    # itself use ``coordinator_without_two_factor``. pytest-django's ``admin_user``
    # (behind ``admin_client``) is staff too.
    from tests.factories import TOTPAuthenticatorFactory

    for persona in ("coordinator", "admin_user"):
        if persona in request.fixturenames:
            TOTPAuthenticatorFactory(user=request.getfixturevalue(persona))


@pytest.fixture
def coordinator_without_two_factor(db):
    user = UserFactory(email="new.coordinator@example.org", is_staff=True)
    user.groups.add(Group.objects.get(name="Coordinators"))
    return user


@pytest.fixture(autouse=True)
def _no_language_left_active():
    # A request to /it/… leaves Italian active in the test's thread. Content has a
    # column per language (modeltranslation): a factory in the next test would
    # then write the Italian column. Every test starts in the default language.
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _cache_starts_empty():
    # With REDIS_URL set (CI runs the suite once so), the cache outlives a test run, and
    # rows' ids come back after a rollback: rate-limit counters, cached sessions and
    # "already counted" download marks of another test must not leak into this one.
    # Use a Redis database of your own: clearing empties all of it.
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _fresh_content_version(settings, tmp_path_factory):
    # Pages and fragments are cached by content version (core/cache.py), and
    # a test's rows are rolled back without a signal: each test gets a version of its
    # own, so no test is served a page rendered from an earlier test's rows. Without
    # Redis the versions live in files: the run's own, not those of a `make run` or a
    # `make bench` of the same checkout.
    settings.CONTENT_VERSION_FILE = str(tmp_path_factory.getbasetemp() / "content-version")
    from core.cache import content_changed

    content_changed()


@pytest.fixture
def dummy_tasks(settings):
    """Tasks are kept, not run: what a request enqueues, and nothing it sends."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    from django.tasks import default_task_backend

    default_task_backend.clear()
    return default_task_backend
