"""CSV export of admin changelists, shared by every app's ``admin.py``."""

from django.db import models
from import_export import fields
from import_export.admin import ExportMixin
from import_export.formats.base_formats import CSV
from import_export.widgets import ManyToManyWidget

from values_portal.spreadsheets import FORMULA_PREFIXES


def many_names(attribute: str, model: type[models.Model], name_field: str) -> fields.Field:
    """A column of related rows' names, ``"Turin; Bristol"``, for a many-to-many field."""
    return fields.Field(
        attribute=attribute,
        column_name=attribute,
        widget=ManyToManyWidget(model, field=name_field, separator="; "),
    )


class SafeCSV(CSV):
    """CSV whose text cells can never be read as a spreadsheet formula.

    Practices and plans are written by partners; a title such as
    ``=HYPERLINK(...)`` must reach the coordinator's spreadsheet as text.
    """

    def export_data(self, dataset, **kwargs):
        for index in range(len(dataset)):
            row = list(dataset[index])
            if any(_is_formula(cell) for cell in row):
                dataset[index] = [f"'{cell}" if _is_formula(cell) else cell for cell in row]
        return super().export_data(dataset, **kwargs)


def _is_formula(cell: object) -> bool:
    return isinstance(cell, str) and cell.startswith(FORMULA_PREFIXES)


class CSVExportMixin(ExportMixin):
    """Adds an "Export" button that downloads the filtered changelist as CSV.

    ``export_prefetch_related`` names the many-to-many relations the resource
    writes, so that an export of many rows still runs a handful of queries.
    """

    export_prefetch_related: tuple[str, ...] = ()

    def get_export_formats(self):
        return [SafeCSV]

    def get_export_queryset(self, request):
        queryset = super().get_export_queryset(request)
        if self.export_prefetch_related:
            queryset = queryset.prefetch_related(*self.export_prefetch_related)
        return queryset
