"""Text the portal keeps holds no character that a page may not show.

HTML forbids control characters and noncharacters in a page
(``core.forms_renderer.FORBIDDEN_IN_HTML``): a page showing one is not valid HTML,
and some browsers and screen readers stumble on it. They come in unseen: a word
processor's line break is a vertical tab, text copied from a PDF or another program
brings others. Whichever way text reaches a row of the portal's own apps (a form, the
admin, an import, a service), it loses them before it is saved; a vertical tab
becomes the line break it stood for. Rows loaded as they are (``loaddata``, a
restore) are left alone.
"""

from functools import cache
from pathlib import Path

from django.db import models

from core.forms_renderer import FORBIDDEN_IN_HTML

LINE_BREAKS = str.maketrans({"\x0b": "\n"})


def shown_text(text: str) -> str:
    """``text`` as a page may show it: line breaks for vertical tabs, the rest left out."""
    if not FORBIDDEN_IN_HTML.search(text):
        return text
    return FORBIDDEN_IN_HTML.sub("", text.translate(LINE_BREAKS))


@cache
def _text_fields(model: type[models.Model]) -> tuple[str, ...]:
    """The attribute names of ``model``'s text columns, for the portal's own models only."""
    # No app for the migrations' own model; no path for a migration's historical models.
    path = getattr(model._meta.app_config, "path", None)
    if path is None or "site-packages" in Path(path).parts:
        return ()
    return tuple(
        field.attname
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
    )


def clean_before_save(sender, instance, raw=False, **kwargs) -> None:
    """``pre_save``: the text fields of a row of the portal's apps, as pages may show them."""
    if raw:
        return
    for name in _text_fields(sender):
        value = getattr(instance, name)
        if isinstance(value, str) and FORBIDDEN_IN_HTML.search(value):
            setattr(instance, name, shown_text(value))
