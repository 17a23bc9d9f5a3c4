"""The Jinja2 environment of the templates a page renders many times (``templates/jinja2/``).

A toolkit page renders twenty practice cards; after a deploy or an edit each is rendered
again. Django's template engine spends ~0.3 ms on a card (a lookup per variable, a node
per tag); Jinja2 compiles a template to Python and renders the same card in a tenth of
that. The page layouts, the admin and allauth stay on Django templates.

The globals are the portal's own template functions (``core.content_language``,
``core.templatetags.portal``), so a card reads as its Django counterpart would:
``shown_in_language(practice, "title")``, ``shown(organisation, "name")``. ``_()`` is
Django's ``gettext`` in the reader's language, and ``makemessages`` finds
``{{ _("…") }}`` in these templates as in Django's; a sentence with placeholders is
``{{ _("hosted by %(host)s")|interpolate(host=…) }}``, which fills them escaped, as
``{% blocktranslate with … %}`` does (the sentence must stay the first thing in the tag
for ``makemessages`` to find it).
"""

from django.template.defaultfilters import truncatewords
from django.utils.translation import gettext, ngettext, npgettext, pgettext
from jinja2 import Environment
from markupsafe import Markup

from core.content_language import shown_content, shown_html
from core.templatetags.portal import date_range, example_mark, status


def environment(**options) -> Environment:
    # Always escaped, whatever the settings say: these templates write people's texts.
    options.pop("autoescape", None)
    env = Environment(autoescape=True, extensions=["jinja2.ext.i18n"], **options)
    env.install_gettext_callables(  # added by the i18n extension
        gettext, ngettext, newstyle=False, pgettext=pgettext, npgettext=npgettext
    )
    env.globals.update(
        shown_in_language=shown_content,
        shown=shown_html,
        example_mark=example_mark,
        date_range=date_range,
        status=status,
    )
    env.filters.update(truncatewords=truncatewords, interpolate=interpolate)
    return env


def interpolate(sentence: str, **values: object) -> Markup:
    """A translated sentence with ``%(name)s`` placeholders, filled with ``values`` escaped
    (those already safe, such as ``shown()``'s, as they are). The sentence's own markup is
    the translators', as in ``{% blocktranslate %}``."""
    return Markup(sentence) % values  # noqa: S704 - a catalogue's sentence; values escaped
