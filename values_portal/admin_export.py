"""CSV export of admin changelists, shared by every app's ``admin.py``."""

from import_export.admin import ExportMixin
from import_export.formats.base_formats import CSV

# A cell starting with one of these is run as a formula by spreadsheet programs.
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


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
    return isinstance(cell, str) and cell.startswith(_FORMULA_PREFIXES)


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
