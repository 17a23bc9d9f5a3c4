"""Template tags for the interface languages and for content in several languages."""

from django import template
from django.template.defaultfilters import floatformat
from django.utils.safestring import SafeString
from django.utils.translation import pgettext

from core.content_language import ShownContent, shown_content, shown_html, shown_text
from core.language_urls import LanguageVersion, language_versions, unprefixed_path

register = template.Library()


@register.simple_tag(takes_context=True)
def page_languages(context) -> list[LanguageVersion]:
    """``{% page_languages as versions %}``: this page in every interface language."""
    request = context.get("request")
    if request is None:  # the 500 page is rendered without a request
        return []
    return language_versions(request)


@register.simple_tag(takes_context=True)
def page_default_url(context) -> str:
    """The unprefixed address of this page, which redirects to the reader's language."""
    request = context.get("request")
    if request is None:
        return ""
    path = unprefixed_path(request)
    return request.build_absolute_uri(path) if path else ""


@register.simple_tag
def shown_in_language(obj, *names: str) -> ShownContent:
    """``{% shown_in_language practice "title" "summary" as text %}``.

    ``text.summary`` is the summary in the reader's language or the original;
    ``text.summary.lang_attribute`` marks it; ``text.labels`` says which languages.
    """
    return shown_content(obj, *names)


@register.filter
def euros(amount, decimals: int = 2) -> str:
    """``24229.08`` as the reader writes an amount: "€24,229.08", "24.229,08 €", "€ 24.229,08".

    The digits and separators are the locale's (``floatformat`` with grouping); where
    the euro sign goes, and the space beside it, is each catalogue's.
    """
    if amount in (None, ""):
        return ""
    return pgettext("an amount in euros; %(amount)s is the number", "€%(amount)s") % {
        "amount": floatformat(amount, f"{decimals}g")
    }


@register.filter
def lang_of(obj, name: str) -> SafeString:
    """`` lang="en"`` when ``obj.<name>`` is shown in another language than the page's.

    For an element that holds the field alone, such as a criterion without an
    Italian name on an Italian page, or an action's description:
    ``<th{{ criterion|lang_of:"name" }}>{{ criterion.name }}</th>``,
    ``<div{{ action|lang_of:"description" }}>{{ action.description|linebreaks }}</div>``.
    """
    return shown_text(obj, name).lang_attribute


@register.filter
def shown(obj, name: str) -> SafeString:
    """``obj.<name>`` as the reader sees it, in ``<span lang="…">`` when not in the page's language.

    For content inside other text or markup: a title in a link, a name in a
    sentence (``{% blocktranslate with host=visit.host|shown:"name" %}``).
    Nothing for a missing object (an optional organisation).
    """
    return shown_html(obj, name)
