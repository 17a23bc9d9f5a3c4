"""A few HTML5 rules that a page of the portal must keep, checked with the standard library.

Not a full validator: it catches what templates most often get wrong — duplicate
ids, references to ids that do not exist, lists holding something else than list
items, more or less than one h1 or main, inline styles and scripts, images
without alt — and unbalanced tags.
"""

from html.parser import HTMLParser

VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
    "source", "track", "wbr",
}  # fmt: skip
# Elements whose end tag HTML allows to be left out; the templates close them anyway.
LIST_CHILDREN = {"ul": {"li"}, "ol": {"li"}, "dl": {"dt", "dd", "div"}}
SVG_SELF_CLOSING = {"path", "circle", "rect", "use", "line", "polyline", "polygon"}


class PageChecker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.ids: list[str] = []
        self.references: list[tuple[str, str]] = []
        self.problems: list[str] = []
        self.counts: dict[str, int] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.counts[tag] = self.counts.get(tag, 0) + 1
        parent = self.stack[-1] if self.stack else None
        if parent in LIST_CHILDREN and tag not in LIST_CHILDREN[parent]:
            self.problems.append(f"<{tag}> directly inside <{parent}>")
        if tag == "li" and parent not in {"ul", "ol", "menu"}:
            self.problems.append(f"<li> inside <{parent}>")
        if "style" in attributes:
            self.problems.append(f"inline style on <{tag}>")
        # A data block (JSON, schema.org JSON-LD) is never run: not an inline script.
        data_block = attributes.get("type") in {"application/json", "application/ld+json"}
        if tag == "script" and not attributes.get("src") and not data_block:
            self.problems.append("inline <script>")
        if tag == "img" and "alt" not in attributes:
            self.problems.append(f"<img src={attributes.get('src')!r}> without alt")
        if attributes.get("id"):
            self.ids.append(attributes["id"])
        for name in ("aria-labelledby", "aria-describedby", "aria-controls"):
            for target in (attributes.get(name) or "").split():
                self.references.append((name, target))
        if tag == "label" and attributes.get("for"):
            self.references.append(("label for", attributes["for"]))
        href = attributes.get("href") or ""
        if tag == "a" and href.startswith("#") and len(href) > 1:
            self.references.append(("href", href[1:]))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack and self.stack[-1] == tag:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}>")
            if tag in self.stack:
                while self.stack.pop() != tag:
                    pass
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        parent = self.stack[-1] if self.stack else None
        if parent in {"ul", "ol"} and data.strip():
            self.problems.append(f"text {data.strip()[:30]!r} directly inside <{parent}>")

    def report(self) -> list[str]:
        problems = list(self.problems)
        seen: set[str] = set()
        for element_id in self.ids:
            if element_id in seen:
                problems.append(f"duplicate id {element_id!r}")
            seen.add(element_id)
        problems.extend(
            f"{name} points to missing id {target!r}"
            for name, target in self.references
            if target not in seen
        )
        for tag in ("h1", "main"):
            if self.counts.get(tag, 0) != 1:
                problems.append(f"{self.counts.get(tag, 0)} <{tag}> elements")
        if self.stack:
            problems.append(f"unclosed elements: {self.stack}")
        return problems


def html_problems(html: str) -> list[str]:
    checker = PageChecker()
    checker.feed(html)
    checker.close()
    return checker.report()


def assert_valid_page(response) -> None:
    html = response.content.decode()
    assert html.startswith("<!DOCTYPE html>")
    problems = html_problems(html)
    assert not problems, problems


class _RowTitles(HTMLParser):
    """The text of each heading of class ``css_class``: the titles of a list's rows."""

    def __init__(self, css_class: str) -> None:
        super().__init__(convert_charrefs=True)
        self.css_class = css_class
        self.titles: list[str] = []
        self._depth = 0  # inside such a heading: how deep
        self._text: list[str] = []
        self._in_link = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._depth:
            self._depth += 1
            self._in_link = self._in_link or tag == "a"
        elif self.css_class in (dict(attrs).get("class") or "").split():
            self._depth, self._text = 1, []

    def handle_endtag(self, tag: str) -> None:
        if not self._depth:
            return
        if tag == "a":
            self._in_link = False
        self._depth -= 1
        if not self._depth:
            self.titles.append("".join(self._text).strip())

    def handle_data(self, data: str) -> None:
        if self._in_link:
            self._text.append(data)


def row_titles(html: str, css_class: str) -> list[str]:
    """The linked titles of the rows of a list, in the page's order (``practice-card__title``)."""
    parser = _RowTitles(css_class)
    parser.feed(html)
    return parser.titles
