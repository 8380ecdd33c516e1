"""Read a rendered page as a browser sees it: its elements, their attributes, text and markup.

parse(response) gives the page's root element; find() and find_all() pick elements by tag, class
and attributes. Stories and moderation tests build their small readers on it.
"""

from __future__ import annotations

from html.parser import HTMLParser

# Elements that never have content or an end tag.
VOID_ELEMENTS = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


class Element:
    def __init__(self, tag: str, attrs: list[tuple[str, str | None]], source: str):
        self.tag = tag
        self.attrs = {name: value or "" for name, value in attrs}
        self.children: list[Element | str] = []
        # The start tag exactly as the server sent it.
        self.start_tag = ""
        self._source = source
        self._inner = (0, 0)

    def __repr__(self) -> str:
        return f"<{self.tag} {self.attrs}>"

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    @property
    def text(self) -> str:
        """The text a reader sees, entities decoded and each run of whitespace one space."""
        return " ".join(self._all_text().split())

    def _all_text(self) -> str:
        return "".join(c if isinstance(c, str) else c._all_text() for c in self.children)

    @property
    def inner_html(self) -> str:
        """The markup between the start and end tags, exactly as the server sent it."""
        return self._source[slice(*self._inner)]

    def iter(self):
        """Every element inside this one, in document order."""
        for child in self.children:
            if isinstance(child, Element):
                yield child
                yield from child.iter()

    def find_all(self, tag: str | None = None, *, cls: str | None = None, **attrs) -> list[Element]:
        """Elements inside this one with that tag, class and attribute values (all optional)."""
        return [
            element
            for element in self.iter()
            if (tag is None or element.tag == tag)
            and (cls is None or cls in element.classes)
            and all(element.attrs.get(name) == value for name, value in attrs.items())
        ]

    def find(self, tag: str | None = None, *, cls: str | None = None, **attrs) -> Element | None:
        found = self.find_all(tag, cls=cls, **attrs)
        return found[0] if found else None


class _TreeBuilder(HTMLParser):
    def __init__(self, source: str):
        super().__init__(convert_charrefs=True)
        self.source = source
        self.line_starts = [0]
        for line in source.splitlines(keepends=True):
            self.line_starts.append(self.line_starts[-1] + len(line))
        self.root = Element("#document", [], source)
        self.open = [self.root]

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        element = Element(tag, attrs, self.source)
        element.start_tag = self.get_starttag_text()
        self.open[-1].children.append(element)
        if tag not in VOID_ELEMENTS:
            start = self._offset() + len(self.get_starttag_text())
            element._inner = (start, start)
            self.open.append(element)

    def handle_startendtag(self, tag, attrs):
        element = Element(tag, attrs, self.source)
        element.start_tag = self.get_starttag_text()
        self.open[-1].children.append(element)

    def handle_endtag(self, tag):
        # Closes the nearest open element of that name (and any left open inside it); a stray
        # end tag is ignored, as a browser would.
        for depth in range(len(self.open) - 1, 0, -1):
            if self.open[depth].tag == tag:
                element = self.open[depth]
                element._inner = (element._inner[0], self._offset())
                del self.open[depth:]
                return

    def handle_data(self, data):
        self.open[-1].children.append(data)


def parse(page) -> Element:
    """The root of a page: a test client's response or a piece of HTML."""
    source = page if isinstance(page, str) else page.content.decode()
    builder = _TreeBuilder(source)
    builder.feed(source)
    builder.close()
    return builder.root


def hidden_fields(page) -> dict[str, str]:
    """The hidden values of the page's forms, as the browser would send them back."""
    return {
        field.attrs["name"]: field.attrs.get("value", "")
        for field in parse(page).find_all("input", type="hidden")
        if field.attrs.get("name")
    }


def field_errors(page, name: str) -> list[str]:
    """The error messages shown next to one form field (empty when it has none)."""
    errors = parse(page).find("ul", cls="errorlist", id=f"id_{name}_error")
    return [item.text for item in errors.find_all("li")] if errors else []


def definitions(page) -> dict[str, str]:
    """The terms and values of the page's description lists (<dt> and the <dd> after it)."""
    values = {}
    term = None
    for element in parse(page).find_all():
        if element.tag == "dt":
            term = element.text
        elif element.tag == "dd" and term is not None:
            values[term] = element.text
    return values
