"""The pages of every interface language have no English interface text left in them.

Each page type the browser tests visit is rendered in English and in each other
language. A text node (or a label-like attribute) that reads the same in both
is English left behind, unless it is content (a partner's name, a practice's
text: the data, which has its own languages and ``lang`` attributes) or a word
both languages share.
"""

import re
from html.parser import HTMLParser
from io import StringIO

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import models

from tests.browser.pages import PAGE_TYPES, page_path
from tests.i18n.test_catalogue import CATALOGUE_LANGUAGES

# Attributes people read or hear.
READ_ATTRIBUTES = {"alt", "title", "aria-label", "placeholder"}
SKIPPED_ELEMENTS = {"script", "style"}
VOID_ELEMENTS = {
    "area",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "wbr",
}
# Names and formats that no language translates.
UNTRANSLATED_NAMES = {
    "values",
    "amif",
    "csv",
    "ics",
    "icalendar",
    "atom",
    "json",
    "pdf",
    "xml",
    "natural",  # Natural Earth, the map's source
    "earth",
    "axe-core",
    "wcag",
    "https",
}
# Words a language writes as English does (loanwords, country names, units), each
# checked on the pages: "Status" in German, "Menu" in French, "Latvia" in Finnish.
SHARED_WORDS = {
    "it": {"partner", "cluster", "email", "password", "account", "bytes"},
    "nl": {
        "account",
        "benchmarking",
        "bytes",
        "clusters",
        "contact",
        "cookies",
        "data",  # "Open data", as Dutch writes it
        "deadline",
        "filters",
        "finland",
        "home",
        "menu",
        "model",
        "open",
        "partners",
        "peer",  # "peer review", as Dutch writes it
        "portugal",
        "project",
        "review",
        "sitemap",
        "status",
        "website",
    },
    "cs": {"model", "partner", "relevance", "role"},
    "de": {
        "benchmarking",
        "cookies",
        "organisation",
        "partner",
        "portugal",
        "sitemap",
        "status",
        "version",
        "website",
    },
    "es": {"bytes", "cookies", "portugal", "total"},
    "lv": set(),
    "el": {"bytes", "cookies"},
    "fr": {
        "actions",
        "contact",
        "cookies",
        "dates",
        "documents",
        "france",
        "menu",
        "organisation",
        "organisations",
        "participants",
        "portugal",
        "total",
        "version",
    },
    "fi": {"latvia"},
}
WORD = re.compile(r"[^\W\d_]{3,}(?:[-'\u2019][^\W\d_]+)*")


class _TextCollector(HTMLParser):
    """Text nodes and read attributes, leaving out elements in another language."""

    def __init__(self, page_language: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page_language = page_language
        self.stack: list[tuple[str, bool]] = []  # (tag, shows interface text)
        self.texts: list[str] = []

    @property
    def interface(self) -> bool:
        return all(shown for _tag, shown in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        language = attributes.get("lang")
        shown = tag not in SKIPPED_ELEMENTS and (
            language is None or tag == "html" or language == self.page_language
        )
        if tag == "meta" and attributes.get("name") == "description" and self.interface:
            self.texts.append(attributes.get("content") or "")
        if self.interface and shown:
            self.texts.extend(value for name, value in attrs if name in READ_ATTRIBUTES and value)
        if tag not in VOID_ELEMENTS:
            self.stack.append((tag, shown))

    def handle_startendtag(self, tag, attrs) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID_ELEMENTS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        if self.interface:
            self.texts.append(data)


def interface_texts(html: str, language: str) -> set[str]:
    collector = _TextCollector(language)
    collector.feed(html)
    return {" ".join(text.split()) for text in collector.texts if text.strip()}


def content_strings() -> list[str]:
    """Every text stored in the database, in every language: longest first."""
    values: set[str] = set()
    for model in apps.get_models():
        if model._meta.app_label not in {"cities", "exchanges", "toolkit"}:
            continue
        fields = [
            field.attname
            for field in model._meta.concrete_fields
            if isinstance(field, (models.CharField, models.TextField))
        ]
        for row in model.objects.values_list(*fields):
            values.update(" ".join(str(value).split()) for value in row if value)
    return sorted(values, key=len, reverse=True)


def leftover_english(text: str, content: list[str], language: str = "it") -> list[str]:
    """The words of ``text`` that are neither content nor shared by both languages."""
    if any(text in value for value in content):  # a paragraph of a longer text
        return []
    for value in content:
        if len(value) > 2 and value in text:  # not "it", "IT": codes inside words
            text = re.sub(rf"(?<!\w){re.escape(value)}(?!\w)", " ", text)
    shared = UNTRANSLATED_NAMES | SHARED_WORDS[language]
    return [word for word in WORD.findall(text) if word.lower() not in shared]


@pytest.fixture
def demo(db):
    call_command("load_values_demo", stdout=StringIO())


@pytest.mark.parametrize("language", CATALOGUE_LANGUAGES)
def test_pages_have_no_english_interface_text(demo, client, language):
    # The portal's name is the operator's (PORTAL_NAME): a proper name, shown as set.
    content = sorted([*content_strings(), settings.PORTAL_NAME], key=len, reverse=True)
    leftovers = {}
    for page_type in PAGE_TYPES:
        pages = {}
        for code in ("en", language):
            response = client.get(page_path(page_type, code))
            assert response.status_code in {200, 404}, page_type.id
            pages[code] = interface_texts(response.content.decode(), code)
        for text in sorted(pages[language] & pages["en"]):
            if words := leftover_english(text, content, language):
                leftovers.setdefault(page_type.id, []).append(f"{text!r} ({', '.join(words)})")
    assert not leftovers, f"English left on the {language} pages:\n" + "\n".join(
        f"{page}: {'; '.join(texts)}" for page, texts in leftovers.items()
    )


def test_the_check_finds_english_left_on_a_page():
    english = interface_texts("<html lang='en'><p>Apply filters</p></html>", "en")
    italian = interface_texts(
        "<html lang='it'><p>Apply filters</p><p lang='en'>Welcome walks</p></html>", "it"
    )
    assert italian & english == {"Apply filters"}
    assert leftover_english("Apply filters", []) == ["Apply", "filters"]
    assert leftover_english("City of Turin, Turin", ["City of Turin", "Turin"]) == []
