"""HTML to readable text with the standard library's html.parser: web pages and email bodies.

html.parser never fetches anything and has no entity tricks: it is safe on hostile markup.
Scripts, styles and other invisible content are dropped; block elements start new lines,
table cells are separated by tabs, and runs of spaces collapse as a browser would show them.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Elements whose content is never shown as text.
_INVISIBLE = frozenset({"script", "style", "head", "template", "noscript", "svg"})
_BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "fieldset",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tr", "ul", "title",
})
_CELLS = frozenset({"td", "th"})
# A no-break space lays a page out; in the text it is a space like any other.
_SPACES = re.compile(r"[ \t\r\n\f\v\xa0]+")
_SPACE_AROUND_TABS = re.compile(r" *\t *")


def html_to_text(html: str) -> str:
    """The text a reader of the page would see, one line per block."""
    reader = _TextReader()
    reader.feed(html)
    reader.close()
    return reader.text()


class _TextReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._lines: list[list[str]] = [[]]
        self._title: list[str] = []
        self._in_title = False
        self._hidden_depth = 0
        self._pre_depth = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "title":
            self._in_title = True
        elif tag == "body":
            self._hidden_depth = 0  # pages often leave <head> unclosed
        elif tag in _INVISIBLE:
            self._hidden_depth += 1
        elif tag == "br":
            self._new_line()
        elif tag in _BLOCKS:
            self._new_line()
            if tag == "li":
                self._lines[-1].append("- ")
        elif tag in _CELLS and self._lines[-1]:
            self._lines[-1].append("\t")
        if tag == "pre":
            self._pre_depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in _INVISIBLE:
            self._hidden_depth = max(self._hidden_depth - 1, 0)
        elif tag in _BLOCKS:
            self._new_line()
        if tag == "pre":
            self._pre_depth = max(self._pre_depth - 1, 0)

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title.append(data)
        elif self._hidden_depth:
            return
        elif self._pre_depth:
            lines = data.split("\n")
            self._lines[-1].append(lines[0])
            self._lines.extend([line] for line in lines[1:])
        else:
            self._lines[-1].append(_SPACES.sub(" ", data))

    def _new_line(self) -> None:
        if self._lines[-1]:
            self._lines.append([])

    def text(self) -> str:
        """The title, then the lines read, with runs of blank lines cut to one."""
        title = " ".join("".join(self._title).split())
        lines = [title] if title else []
        for parts in self._lines:
            line = _SPACE_AROUND_TABS.sub("\t", "".join(parts)).strip(" ")
            if line.strip() or (lines and lines[-1]):
                lines.append(line if line.strip() else "")
        return "\n".join(lines).strip()
