"""The DCAT-AP catalogue, and the whole datasets it offers as files."""

import csv
import io
import json
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from rdflib import Graph, Namespace
from rdflib.namespace import DCTERMS, RDF

from tests.factories import (
    ActionPlanFactory,
    PracticeFactory,
    ProjectFactory,
    StaffExchangeFactory,
    StudyVisitFactory,
    TransferFactory,
)
from toolkit.models import PracticeStatus

pytestmark = [pytest.mark.shared_cache, pytest.mark.django_db]

DATASETS = {
    "practices",
    "study-visits",
    "staff-exchanges",
    "action-plans",
    "transfers",
    "key-figures",
}
# Declared here: rdflib's own DCAT object warns when pytest looks into the module.
DCAT = Namespace("http://www.w3.org/ns/dcat#")
EU = Namespace("http://publications.europa.eu/resource/authority/")


@pytest.fixture
def content(turin, bristol):
    project = ProjectFactory(slug="values")
    practice = PracticeFactory(title="=HYPERLINK(1)", slug="open-practice")
    PracticeFactory(title="Hidden draft", status=PracticeStatus.DRAFT, published_at=None)
    visit = StudyVisitFactory(project=project, host=turin)
    StaffExchangeFactory(project=project)
    ActionPlanFactory(project=project, organisation=turin)
    TransferFactory(practice=practice, organisation=bristol, study_visit=visit)


def graph(client, name: str, fmt: str) -> Graph:
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    return Graph().parse(data=response.content.decode(), format=fmt)


@pytest.mark.parametrize(
    ("name", "fmt"), [("api:catalogue", "json-ld"), ("api:catalogue_ttl", "turtle")]
)
def test_catalogue_names_every_dataset_with_working_distributions(client, content, name, fmt):
    g = graph(client, name, fmt)

    (catalogue,) = g.subjects(RDF.type, DCAT.Catalog)
    assert (
        g.value(catalogue, DCTERMS.license).toPython()
        == "https://creativecommons.org/licenses/by/4.0/"
    )
    assert g.value(g.value(catalogue, DCTERMS.publisher), RDF.type) is not None
    datasets = {str(g.value(d, DCTERMS.identifier)): d for d in g.objects(catalogue, DCAT.dataset)}
    assert set(datasets) == DATASETS
    for key, dataset in datasets.items():
        assert g.value(dataset, DCTERMS.title), key
        assert g.value(dataset, DCTERMS.modified) is not None, key
        assert EU["language/ITA"] in set(g.objects(dataset, DCTERMS.language))
        distributions = list(g.objects(dataset, DCAT.distribution))
        assert len(distributions) == 3, key
        for distribution in distributions:
            assert g.value(distribution, DCTERMS.license) is not None
            url = urlsplit(str(g.value(distribution, DCAT.accessURL)))
            response = client.get(url.path)
            assert response.status_code == 200, url.path


def test_the_licence_is_a_setting(client, db, settings):
    settings.DATA_LICENCE_URL = "https://example.org/licence"

    g = graph(client, "api:catalogue", "json-ld")

    assert {str(o) for o in g.objects(None, DCTERMS.license)} == {"https://example.org/licence"}


def test_bulk_files_hold_the_whole_public_dataset(client, content):
    for number in range(25):
        PracticeFactory(slug=f"more-{number}")

    data = json.loads(
        client.get(reverse("api:bulk", kwargs={"key": "practices", "fmt": "json"})).content
    )
    response = client.get(reverse("api:bulk", kwargs={"key": "practices", "fmt": "csv"}))

    assert data["count"] == 26  # more than a page of the API: the whole dataset
    assert "Hidden draft" not in json.dumps(data)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.content.decode().lstrip("\ufeff"))))
    assert len(rows) == 26
    (row,) = [row for row in rows if row["slug"] == "open-practice"]
    assert row["title"] == "'=HYPERLINK(1)"  # a spreadsheet does not run it


def test_bulk_files_are_made_again_when_content_changes(client, content):
    url = reverse("api:bulk", kwargs={"key": "study-visits", "fmt": "json"})
    assert json.loads(client.get(url).content)["count"] == 1

    StudyVisitFactory(title="A new visit")

    assert json.loads(client.get(url).content)["count"] == 2


def test_an_unknown_dataset_is_a_json_404(client, db):
    response = client.get("/api/bulk/secrets.json")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
