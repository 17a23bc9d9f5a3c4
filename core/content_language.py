"""Which language a piece of translatable content is shown in, and how to say so.

django-modeltranslation keeps one column per language (``summary_en``,
``summary_it``…). A page shows the reader's language when that column has
text; otherwise the original (a practice's ``language``, else English), and
failing that the first language that has any text. Text shown in another
language than the page's carries a ``lang`` attribute and a visible label.

Fields with a single column (an action plan's title, an action's text, a
visit's agenda, an organisation's name) are in the language their row was
written in (``original_language``): on a page in another language they carry
``lang`` too, so that a screen reader pronounces them in their own language
(WCAG 3.1.2). Templates use ``{{ obj|shown:"title" }}`` for text inside other
text and ``<div{{ obj|lang_of:"notes" }}>`` for a whole element.
"""

from dataclasses import dataclass, field

from django import forms
from django.conf import settings
from django.db import models
from django.forms.models import ModelChoiceIterator, ModelChoiceIteratorValue
from django.utils import translation
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

# Whole sentences, so that each language can be declined properly
# ("Originale in inglese", not "Originale in Inglese").
ORIGINAL_IN = {
    "en": _("Original in English"),
    "it": _("Original in Italian"),
    "nl": _("Original in Dutch"),
    "cs": _("Original in Czech"),
    "de": _("Original in German"),
    "es": _("Original in Spanish"),
    "lv": _("Original in Latvian"),
    "el": _("Original in Greek"),
    "fr": _("Original in French"),
    "fi": _("Original in Finnish"),
}
# For text shown in a language that is neither the reader's nor the original.
SHOWN_IN = {
    "en": _("Shown in English"),
    "it": _("Shown in Italian"),
    "nl": _("Shown in Dutch"),
    "cs": _("Shown in Czech"),
    "de": _("Shown in German"),
    "es": _("Shown in Spanish"),
    "lv": _("Shown in Latvian"),
    "el": _("Shown in Greek"),
    "fr": _("Shown in French"),
    "fi": _("Shown in Finnish"),
}


def content_languages() -> tuple[str, ...]:
    return tuple(settings.MODELTRANSLATION_LANGUAGES)


def columns_in_every_language(field: str, prefix: str = "") -> list[str]:
    """``["sending__name_en", "sending__name_it", …]``: a translated field's column in each
    content language, for ``only()`` across a relation and for indexes, which
    modeltranslation does not expand."""
    return [f"{prefix}{field}_{language}" for language in content_languages()]


def columns_for_reader(field: str, prefix: str = "") -> list[str]:
    """``["clusters__name_it", "clusters__name_en"]``: the reader's column, then the default's.

    For ``values()`` across a relation, which modeltranslation does not translate.
    """
    languages = dict.fromkeys([reading_language(), settings.MODELTRANSLATION_DEFAULT_LANGUAGE])
    return [f"{prefix}{field}_{language}" for language in languages]


def first_text(*values: str | None) -> str:
    return next((value for value in values if value), "")


def original_language(obj: models.Model, name: str = "") -> str:
    """The language ``obj`` (its field ``name``) was written in.

    A model says so with a ``language`` field (a practice, an action plan) or,
    where the language depends on the field or lives on another row, with a
    ``content_language(name)`` method (an action is in its plan's language, an
    organisation's name in its own). Anything else is in the default language,
    English, the network's working language.
    """
    method = getattr(obj, "content_language", None)
    language = method(name) if callable(method) else getattr(obj, "language", None)
    if language in content_languages():
        return language
    return settings.MODELTRANSLATION_DEFAULT_LANGUAGE


def is_translated(obj: models.Model, name: str) -> bool:
    """Whether modeltranslation keeps ``obj.<name>`` in one column per language."""
    default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    return hasattr(type(obj), build_localized_fieldname(name, default))


def reading_language() -> str:
    """The reader's language, as modeltranslation names its columns."""
    language = (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return language if language in content_languages() else settings.LANGUAGE_CODE


@dataclass(frozen=True)
class ShownText:
    """One field's text as shown to the reader, with the language it is in."""

    text: str
    language: str
    reader_language: str
    original: str

    @property
    def is_other_language(self) -> bool:
        return bool(self.text) and self.language != self.reader_language

    @property
    def lang_attribute(self) -> SafeString:
        """`` lang="en"`` when the text is not in the page's language, else nothing."""
        if not self.is_other_language:
            return SafeString("")
        return format_html(' lang="{}"', self.language)

    @property
    def label(self) -> str:
        if not self.is_other_language:
            return ""
        labels = ORIGINAL_IN if self.language == self.original else SHOWN_IN
        return str(labels[self.language])

    def __str__(self) -> str:
        return self.text


def shown_html(obj: models.Model | None, name: str) -> SafeString:
    """``obj.<name>`` escaped, in ``<span lang="…">`` when not in the page's language.

    For content inside other text: a title in a link or a breadcrumb, a name in
    a sentence. Empty for a missing object (an optional organisation).
    """
    text = shown_text(obj, name)
    if text.is_other_language:
        return format_html('<span lang="{}">{}</span>', text.language, text.text)
    return conditional_escape(text.text)


def shown_text(obj: models.Model, name: str) -> ShownText:
    reader = reading_language()
    original = original_language(obj, name)
    if not is_translated(obj, name):
        value = getattr(obj, name, None)
        return ShownText("" if value is None else str(value), original, reader, original)
    for language in shown_languages(reader, original):
        value = getattr(obj, build_localized_fieldname(name, language), None)
        if value:
            return ShownText(value, written_in(obj, name, language), reader, original)
    return ShownText("", reader, reader, original)


def shown_languages(reader: str, original: str) -> list[str]:
    """The columns a translated field is shown from, the first with text winning: the
    reader's, the original's, then the fallback languages in their order."""
    return list(dict.fromkeys([reader, original, *settings.MODELTRANSLATION_FALLBACK_LANGUAGES]))


def written_in(obj: models.Model, name: str, column_language: str) -> str:
    """The language of the text in ``column_language``'s column of ``obj.<name>``.

    Each column holds its own language, with one exception: a row that says which
    language a field is written in (``content_language``) keeps that text in the
    default language's column. An organisation's name as it writes it ("Centre
    Européen du Volontariat", French) is its English column; the other columns hold
    its name in their language ("Città di Norimberga").
    """
    default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    if column_language == default and callable(getattr(obj, "content_language", None)):
        return original_language(obj, name)
    return column_language


@dataclass
class ShownContent:
    """Several fields of one object, and the labels for those not in the reader's language.

    A page shows the labels once, beside the group (the heading of a practice,
    the top of a section), and puts ``lang`` on each field's element.
    """

    fields: dict[str, ShownText] = field(default_factory=dict)

    def __getitem__(self, name: str) -> ShownText:
        return self.fields[name]

    def __getattr__(self, name: str) -> ShownText:
        try:
            return self.__dict__["fields"][name]
        except KeyError:
            raise AttributeError(name) from None

    @property
    def labels(self) -> list[dict[str, str]]:
        """``[{"language": "en", "text": "Original in English"}]``, one per language shown."""
        seen: dict[str, str] = {}
        for text in self.fields.values():
            if text.is_other_language:
                seen.setdefault(text.language, text.label)
        return [{"language": code, "text": label} for code, label in seen.items()]


def shown_content(obj: models.Model, *names: str) -> ShownContent:
    return ShownContent({name: shown_text(obj, name) for name in names})


class ContentLanguageSelect(forms.Select):
    """A choice of rows (partners, clusters) whose options carry their label's ``lang``.

    ``label_field`` is the field the option's label shows, as the page shows it elsewhere
    (``shown_text``); the model's ``__str__`` where that field is empty (a cluster
    without a short name).
    """

    def __init__(self, *args, label_field: str = "name", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.label_field = label_field

    def optgroups(self, name, value, attrs=None):
        """The options of a model choice, each label worked out once.

        Django asks the field for each row's label (``str(row)``, through
        modeltranslation's fallbacks) and the label's language was then worked out again:
        the two were a third of a study visit list's rendering with its two hundred
        hosts, when the page is not cached. The rest is Django's: the empty choice first,
        the first option whose value was sent selected.
        """
        choices = self.choices
        if not isinstance(choices, ModelChoiceIterator) or self.allow_multiple_selected:
            return super().optgroups(name, value, attrs)
        field = choices.field
        if getattr(field, "null_label", None) is not None:  # django-filter's "none" choice
            return super().optgroups(name, value, attrs)
        labelled: list[tuple[object, object]] = []
        if field.empty_label is not None:
            labelled.append(("", field.empty_label))
        for row in choices.queryset:
            text = shown_text(row, self.label_field)
            label = text if text.text else field.label_from_instance(row)
            labelled.append((ModelChoiceIteratorValue(field.prepare_value(row), row), label))
        groups = []
        has_selected = False
        for index, (option_value, label) in enumerate(labelled):
            selected = not has_selected and str(option_value) in value
            has_selected |= selected
            option = self.create_option(name, option_value, label, selected, index, attrs=attrs)
            groups.append((None, [option], index))
        return groups

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if isinstance(label, ShownText):
            option["label"] = label.text
            if label.is_other_language:
                option["attrs"]["lang"] = label.language
            return option
        instance = getattr(value, "instance", None)  # ModelChoiceIteratorValue
        if instance is not None:
            text = shown_text(instance, self.label_field)
            if text.is_other_language:
                option["attrs"]["lang"] = text.language
        return option


class OriginalLanguageFormMixin:
    """For a ModelForm of translatable content: its fields are the content's own language.

    modeltranslation maps ``title`` to the column of the active language, which
    in a form is the interface's: an editor reading the portal in Italian who
    writes a practice in German would fill ``title_it``. With this mixin the
    form reads and writes the columns of the language chosen in its
    ``language`` field (``title_de``).
    """

    language_field = "language"

    def __init__(self, *args, **kwargs) -> None:
        instance = kwargs.get("instance")
        language = getattr(instance, self.language_field, None) if instance else None
        with translation.override(_content_language_or_none(language)):
            super().__init__(*args, **kwargs)

    def _post_clean(self) -> None:
        language = self.cleaned_data.get(self.language_field)
        with translation.override(_content_language_or_none(language)):
            super()._post_clean()


def _content_language_or_none(language: str | None) -> str | None:
    """The language to activate, or None to keep the active one."""
    if language in content_languages():
        return language
    return translation.get_language()
