"""``{% layout_part "name" value… %}…{% endlayout_part %}``: a part of the layout rendered
once per language and per process.

The header, the navigation and the footer are the same on every page of a section in a
language: the same links, the same translated words. Every page rendered them again
(after an edit, or for a signed-in person's page, a few hundred template nodes and a
dozen ``{% url %}``). A part is rendered the first time it is asked for in a language,
with the values it names (the section, for the navigation's ``aria-current``), and kept
in the process's memory; the parts that differ per page or per person (the language
switcher, which links to this page in each language, and the account menu) stay
outside, rendered for each page.

What a part shows must depend on nothing but the language, the values it names, and
what is fixed while the process runs (the settings, the URLs, the translations): no
content, no request data but the named values. It holds no personal data and no token.
The parts are forgotten when a setting changes (tests) or a file does (the development
server reloads templates without restarting).
"""

from django import template
from django.core.signals import setting_changed
from django.urls import get_script_prefix
from django.utils import autoreload, translation
from django.utils.safestring import SafeString

register = template.Library()

# Ten languages, a few dozen sections, a few parts: a few hundred entries at most. The
# bound only guards against a part given a value that varies per page by mistake.
MOST_PARTS = 2000
_parts: dict[tuple, SafeString] = {}


def forget_parts(**kwargs) -> None:
    _parts.clear()


setting_changed.connect(forget_parts, dispatch_uid="core.layout.setting_changed")
autoreload.file_changed.connect(forget_parts, dispatch_uid="core.layout.file_changed")


class LayoutPartNode(template.Node):
    def __init__(self, name: str, vary: list[template.base.FilterExpression], nodelist) -> None:
        self.name = name
        self.vary = vary
        self.nodelist = nodelist

    def render(self, context) -> SafeString:
        key = (
            self.name,
            translation.get_language(),
            get_script_prefix(),
            *(value.resolve(context) for value in self.vary),
        )
        html = _parts.get(key)
        if html is None:
            html = SafeString(self.nodelist.render(context))
            if len(_parts) < MOST_PARTS:
                _parts[key] = html
        return html


@register.tag
def layout_part(parser, token) -> LayoutPartNode:
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'" or bits[1][-1] != bits[1][0]:
        raise template.TemplateSyntaxError(
            f"{bits[0]} takes a quoted name, then the values the part depends on."
        )
    nodelist = parser.parse(("endlayout_part",))
    parser.delete_first_token()
    return LayoutPartNode(bits[1][1:-1], [parser.compile_filter(bit) for bit in bits[2:]], nodelist)
