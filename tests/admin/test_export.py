import csv
import io

import pytest
from django.contrib.auth.models import Group
from import_export.forms import SelectableFieldsExportForm

from cities.models import Organisation
from tests.admin.cases import admin_url
from tests.factories import (
    OrganisationFactory,
    PracticeFactory,
    TOTPAuthenticatorFactory,
    UserFactory,
)
from toolkit.admin import PracticeResource
from toolkit.models import Practice
from values_portal.users.admin import UserResource
from values_portal.users.models import User

pytestmark = pytest.mark.django_db


def export_csv(client, model, resource, query: str = "") -> list[dict[str, str]]:
    data = {"format": "0", "resource": "0"}
    for field in resource().get_export_order():
        data[SelectableFieldsExportForm.create_boolean_field_name(resource, field)] = "on"

    response = client.post(admin_url(model, "export") + query, data)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment;")
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_export_page_offers_csv(client, coordinator):
    client.force_login(coordinator)

    response = client.get(admin_url(Practice, "export"))

    assert response.status_code == 200
    assert [label for _, label in response.context["form"].fields["format"].choices] == ["csv"]


def test_practices_export_as_csv_rows(client, coordinator, turin):
    PracticeFactory(title="Buddy scheme", organisation=turin, is_example=True)
    PracticeFactory(title="Language café")
    client.force_login(coordinator)

    rows = export_csv(client, Practice, PracticeResource)

    by_title = {row["title"]: row for row in rows}
    assert set(by_title) == {"Buddy scheme", "Language café"}
    assert by_title["Buddy scheme"]["organisation"] == "City of Turin"
    assert by_title["Buddy scheme"]["is_example"] == "1"


def test_export_follows_the_changelist_filters(client, coordinator):
    PracticeFactory(title="Shown", is_example=True)
    PracticeFactory(title="Filtered out", is_example=False)
    client.force_login(coordinator)

    rows = export_csv(client, Practice, PracticeResource, query="?is_example__exact=1")

    assert [row["title"] for row in rows] == ["Shown"]


def test_export_neutralises_spreadsheet_formulas(client, coordinator):
    PracticeFactory(title='=HYPERLINK("http://evil.example")')
    client.force_login(coordinator)

    rows = export_csv(client, Practice, PracticeResource)

    assert rows[0]["title"] == '\'=HYPERLINK("http://evil.example")'


def test_user_export_has_no_password_hashes(client, coordinator):
    coordinator.set_password("a secret nobody should export")
    coordinator.save()
    client.force_login(coordinator)

    rows = export_csv(client, User, UserResource)

    assert set(rows[0]) == {"email", "name", "is_staff", "date_joined", "last_login", "groups"}
    row = next(row for row in rows if row["email"] == coordinator.email)
    assert row["groups"] == "Coordinators"
    hashed = User.objects.get(pk=coordinator.pk).password
    assert all(hashed not in value for r in rows for value in r.values())


def test_export_is_refused_without_the_view_permission(client):
    OrganisationFactory()
    staff = UserFactory(email="someone@example.org", is_staff=True)
    staff.groups.add(Group.objects.create(name="Nobody"))
    TOTPAuthenticatorFactory(user=staff)  # staff reach the admin only with two-factor set up
    client.force_login(staff)

    response = client.get(admin_url(Organisation, "export"))

    assert response.status_code == 403
