"""The admin of content written in several languages (django-modeltranslation).

modeltranslation's admin puts every language of a field side by side (ten
"title" boxes). Coordinators mostly write English and add a translation now and
then, so the English fields stay where the form declares them and each other
language gets its own folded fieldset ("Italian", "German"…), a ``<details>``
that opens with one click or key press and needs no JavaScript. The tabbed
variant would load jQuery UI from another host, which the CSP forbids.
"""

from typing import Any

from django.conf import settings
from django.contrib.admin.options import BaseModelAdmin
from django.core.exceptions import FieldDoesNotExist
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline

from values_portal.db import CONTENT_LANGUAGES

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
