"""CSV downloads that spreadsheet programs open safely.

Every list page of the portal offers its results as CSV; the funder's report
does too. They all write through `csv_response()`.
"""

import csv
from collections.abc import Iterable

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from django.views import View

# Spreadsheet programs run cells that start with these as formulas.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> str:
    text = "" if value is None else str(value)
    # Spreadsheets skip leading spaces before a formula sign (" =1+1" is a formula too).
    risky = text.startswith(FORMULA_PREFIXES) or text.lstrip().startswith(FORMULA_PREFIXES)
    return f"'{text}" if risky else text


def yes_no(value: bool) -> str:
    return str(_("yes") if value else _("no"))


def csv_response(filename: str, header: Iterable, rows: Iterable[Iterable]) -> HttpResponse:
    """A CSV attachment; every cell made safe, the header included."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # lets spreadsheet programs recognise UTF-8
    writer = csv.writer(response)
    writer.writerow(spreadsheet_safe(value) for value in header)
    for row in rows:
        writer.writerow(spreadsheet_safe(value) for value in row)
    return response


class FilteredCSVView(View):
    """Every row a list page shows for the same filters, in the same order, on all its pages.

    A filter the form refuses gives a file with the header only, as the page shows
    no results.
    """

    filterset_class: type
    filename: str

    def get_queryset(self) -> QuerySet:
        raise NotImplementedError

    def header(self) -> list:
        raise NotImplementedError

    def row(self, obj) -> list:
        raise NotImplementedError

    def get(self, request: HttpRequest) -> HttpResponse:
        filterset = self.filterset_class(
            request.GET or None, queryset=self.get_queryset(), request=request
        )
        objects = filterset.qs if filterset.is_valid() or not filterset.is_bound else []
        return csv_response(self.filename, self.header(), (self.row(obj) for obj in objects))

    def address(self, obj) -> str:
        return self.request.build_absolute_uri(obj.get_absolute_url())
