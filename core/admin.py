"""What every app's ``admin.py`` shares: content in several languages, and CSV export.

Content in several languages (django-modeltranslation): modeltranslation's admin
puts every language of a field side by side (ten "title" boxes). Coordinators
mostly write English and add a translation now and then, so the English fields
stay where the form declares them and each other language gets its own folded
fieldset ("Italian", "German"…), a ``<details>``
that opens with one click or key press and needs no JavaScript. The tabbed
variant would load jQuery UI from another host, which the CSP forbids.

CSV export: every changelist downloads as CSV through ``CSVExportMixin``, whose
cells can never be read as a spreadsheet formula.
"""

from typing import Any

from django.conf import settings
from django.contrib.admin.options import BaseModelAdmin
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from import_export import fields
from import_export.admin import ExportMixin
from import_export.formats.base_formats import CSV
from import_export.widgets import ManyToManyWidget
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline

from core.models import CONTENT_LANGUAGES
from core.spreadsheets import spreadsheet_safe

LANGUAGE_NAMES = dict(CONTENT_LANGUAGES)


def _language_of(admin: BaseModelAdmin, name: str) -> str | None:
    """The language of a translation field (``summary_it`` → ``"it"``), else None."""
    try:
        field = admin.model._meta.get_field(name)
    except FieldDoesNotExist:  # a read-only callable, not a model field
        return None
    return getattr(field, "language", None) if hasattr(field, "translated_field") else None


class TranslationFieldsetsMixin:
    """Default-language fields in place; one folded fieldset per other language."""

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> list:
        fieldsets = super().get_fieldsets(request, obj)
        default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
        by_language: dict[str, list[str]] = {
            code: [] for code in settings.MODELTRANSLATION_LANGUAGES if code != default
        }

        def keep(name: str) -> bool:
            language = _language_of(self, name)
            if language is None or language == default:
                return True
            by_language[language].append(name)
            return False

        result = []
        for title, options in fieldsets:
            fields = []
            for entry in options.get("fields", ()):
                if isinstance(entry, (list, tuple)):
                    line = tuple(name for name in entry if keep(name))
                    if line:
                        fields.append(line if len(line) > 1 else line[0])
                elif keep(entry):
                    fields.append(entry)
            if fields:
                result.append((title, {**options, "fields": fields}))
        for code, names in by_language.items():
            if names:
                result.append(
                    (
                        LANGUAGE_NAMES.get(code, code),
                        {
                            "fields": names,
                            "classes": ["collapse"],
                            "description": _(
                                "Optional translation. Pages show it to readers of this "
                                "language; empty fields fall back to the original."
                            ),
                        },
                    )
                )
        return result


class TranslatedModelAdmin(TranslationFieldsetsMixin, TranslationAdmin):
    pass


class TranslatedStackedInline(TranslationFieldsetsMixin, TranslationStackedInline):
    pass


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
            dataset[index] = [
                spreadsheet_safe(cell) if isinstance(cell, str) else cell for cell in row
            ]
        return super().export_data(dataset, **kwargs)


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
