"""The open data as a DCAT-AP catalogue, and each dataset whole as one CSV or JSON file.

The EU's data portal harvests DCAT-AP catalogues from public bodies: this one
describes each dataset the API serves (practices, study visits, staff
exchanges, action plans, transfers, key figures) with its publisher, licence
(``DATA_LICENCE_URL``), languages, last change (from the data) and its
distributions: the API endpoint, and the whole dataset as one JSON and one CSV
file. Those files are made on request and kept in the cache under the content
version (core/cache.py), so they are made again after any change and no file is
stored anywhere.
"""

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Max, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from core.cache import cached_fragment
from core.spreadsheets import spreadsheet_safe

# The EU's authority tables, as DCAT-AP asks: languages, file types, the data theme.
EU_LANGUAGES = {
    "en": "ENG",
    "it": "ITA",
    "nl": "NLD",
    "cs": "CES",
    "de": "DEU",
    "es": "SPA",
    "lv": "LAV",
    "el": "ELL",
    "fr": "FRA",
    "fi": "FIN",
}
AUTHORITY = "http://publications.europa.eu/resource/authority"
IANA = "https://www.iana.org/assignments/media-types"
FORMATS = {
    "json": ("JSON", "application/json"),
    "csv": ("CSV", "text/csv"),
}
CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


@dataclass(frozen=True)
class Dataset:
    key: str
    title: Promise
    description: Promise
    api_url_name: str
    landing_url_name: str
    # The dataset's records (what the API lists) and how one is written.
    records: Callable[[], QuerySet | None]
    rows: Callable[[HttpRequest], list[dict]]


def modified(dataset: Dataset):
    records = dataset.records()
    if records is None:
        return None
    return records.order_by().aggregate(last=Max("updated_at"))["last"]


def text(value) -> dict:
    return {"@value": str(value), "@language": settings.LANGUAGE_CODE}


def date_time(value) -> dict:
    return {"@value": value.isoformat(), "@type": "xsd:dateTime"}


def distribution(url: str, fmt: str, title, *, download: bool) -> dict:
    file_type, media_type = FORMATS[fmt]
    node = {
        "@type": "dcat:Distribution",
        "dct:title": text(title),
        "dcat:accessURL": {"@id": url},
        "dct:format": {"@id": f"{AUTHORITY}/file-type/{file_type}"},
        "dcat:mediaType": {"@id": f"{IANA}/{media_type}"},
        "dct:license": {"@id": settings.DATA_LICENCE_URL},
    }
    if download:
        node["dcat:downloadURL"] = {"@id": url}
    return node


def catalogue(request: HttpRequest, datasets: list[Dataset]) -> dict:
    """The catalogue as JSON-LD (DCAT-AP 3), with its context inline: read without
    fetching anything."""
    absolute = request.build_absolute_uri
    home = absolute("/")
    publisher = {
        "@id": f"{home}#network",
        "@type": "foaf:Agent",
        "foaf:name": text(_("The VALUES network")),
        "foaf:homepage": {"@id": home},
    }
    languages = [
        {"@id": f"{AUTHORITY}/language/{EU_LANGUAGES[code]}"} for code, _n in settings.LANGUAGES
    ]
    nodes = []
    changes = []
    for dataset in datasets:
        api_url = absolute(reverse(dataset.api_url_name))
        last = modified(dataset)
        node = {
            "@id": f"{absolute(reverse('api:catalogue'))}#{dataset.key}",
            "@type": "dcat:Dataset",
            "dct:identifier": dataset.key,
            "dct:title": text(dataset.title),
            "dct:description": text(dataset.description),
            "dct:publisher": {"@id": publisher["@id"]},
            "dct:language": languages,
            "dcat:theme": {"@id": f"{AUTHORITY}/data-theme/SOCI"},
            "dcat:landingPage": {"@id": absolute(reverse(dataset.landing_url_name))},
            "dcat:distribution": [
                distribution(api_url, "json", _("The API, paginated and filtered"), download=False),
                *(
                    distribution(
                        absolute(reverse("api:bulk", kwargs={"key": dataset.key, "fmt": fmt})),
                        fmt,
                        _("The whole dataset as one %(format)s file") % {"format": fmt.upper()},
                        download=True,
                    )
                    for fmt in FORMATS
                ),
            ],
        }
        if last is not None:
            node["dct:modified"] = date_time(last)
            changes.append(last)
        nodes.append(node)
    result = {
        "@context": CONTEXT,
        "@id": absolute(reverse("api:catalogue")),
        "@type": "dcat:Catalog",
        "dct:title": text(_("%(portal_name)s open data") % {"portal_name": settings.PORTAL_NAME}),
        "dct:description": text(
            _(
                "What the public pages of the %(portal_name)s show, as data: practices for "
                "including migrants and refugees through volunteering, study visits, staff "
                "exchanges, action plans, transfers of practices and key figures."
            )
            % {"portal_name": settings.PORTAL_NAME}
        ),
        "dct:publisher": publisher,
        "dct:license": {"@id": settings.DATA_LICENCE_URL},
        "dct:language": languages,
        "foaf:homepage": {"@id": home},
        "dcat:dataset": nodes,
        "dcat:service": {
            "@id": absolute(reverse("api:index")),
            "@type": "dcat:DataService",
            "dct:title": text(
                _("%(portal_name)s open data API") % {"portal_name": settings.PORTAL_NAME}
            ),
            "dcat:endpointURL": {"@id": absolute(reverse("api:index"))},
            "dcat:endpointDescription": {"@id": absolute(reverse("api:schema"))},
            "dct:license": {"@id": settings.DATA_LICENCE_URL},
            "dcat:servesDataset": [{"@id": node["@id"]} for node in nodes],
        },
    }
    if changes:
        # The key figures are counted from all the others: they change when any does.
        for node in nodes:
            node.setdefault("dct:modified", date_time(max(changes)))
        result["dct:modified"] = date_time(max(changes))
    return result


def turtle(document: dict) -> str:
    from rdflib import Graph

    return Graph().parse(data=json.dumps(document), format="json-ld").serialize(format="turtle")


# --- The whole dataset as one file ---------------------------------------------------


def flat(row: dict, prefix: str = "") -> dict:
    """One CSV row of an API item: a record it names becomes its slug, a list of them
    the slugs (or titles) joined with "; ", a nested object its own columns."""
    cells = {}
    for name, value in row.items():
        column = f"{prefix}{name}"
        if isinstance(value, dict):
            if "slug" in value:
                cells[column] = value["slug"]
            else:
                cells.update(flat(value, prefix=f"{column}_"))
        elif isinstance(value, list):
            cells[column] = "; ".join(
                str(item.get("slug") or item.get("title") or item.get("url") or item.get("key"))
                if isinstance(item, dict)
                else str(item)
                for item in value
            )
        else:
            cells[column] = value
    return cells


def as_csv(rows: list[dict]) -> str:
    flattened = [flat(row) for row in rows]
    header = list(flattened[0]) if flattened else []
    output = io.StringIO()
    output.write("\ufeff")  # lets spreadsheet programs recognise UTF-8
    writer = csv.writer(output)
    writer.writerow(header)
    for row in flattened:
        writer.writerow(
            spreadsheet_safe(DjangoJSONEncoder().default(v) if hasattr(v, "isoformat") else v)
            for v in (row.get(column) for column in header)
        )
    return output.getvalue()


def bulk_file(request: HttpRequest, dataset: Dataset, fmt: str) -> str:
    """The dataset whole, from the cache while the content has not changed."""

    def build() -> str:
        with translation.override(settings.LANGUAGE_CODE):
            rows = dataset.rows(request)
            if fmt == "csv":
                return as_csv(rows)
            return json.dumps(
                {"count": len(rows), "generated_at": timezone.now(), "results": rows},
                cls=DjangoJSONEncoder,
                ensure_ascii=False,
            )

    # The URLs in the file start with the address asked for.
    return cached_fragment(f"api-bulk-{dataset.key}-{fmt}", build, request.build_absolute_uri("/"))
