import pytest
from django.contrib.auth.models import Group

from cities.models import MembershipRole
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    # Uploaded files of a test never touch the developer's media folder.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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
    return UserFactory(email="member@example.org")


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    # Tests run with DEBUG off: without collectstatic the manifest storage would fail.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
