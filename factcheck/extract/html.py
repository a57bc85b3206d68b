"""HTML -> main text with one line per block, and metadata.

trafilatura finds the main text (and title, date, language). Its XML tree is
rendered here rather than taking its plain-text output: every block (paragraph,
heading, list item, table cell, quote, ``<lb/>``) becomes its own line, with no
list or table markers (``- ``, ``| ``) that the page does not show, and inline
elements joined exactly as the page joins them (no space added or lost). So the
text keeps the page's block boundaries as line breaks, which segmentation cuts
on, and a quote is text a browser can find on the page.

When trafilatura finds nothing, or far less than the page holds, the
BeautifulSoup fallback (if enabled) takes the page's blocks minus scripts,
styles, navigation, header, footer, forms and asides.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from typing import Any

import lxml.html
from lxml import etree

__all__ = ["HtmlText", "main_text", "render_blocks"]

#: Elements of trafilatura's XML that stand on their own line (and HTML ones, which its
#: fallback extractors sometimes leave in the tree unconverted).
BLOCKS = frozenset({
    "p", "head", "list", "item", "table", "row", "cell", "quote", "code", "div", "fw", "note", "figure", "label",
    "ab", "lg", "l", "body", "doc", "main", "comments",
    "address", "article", "aside", "blockquote", "caption", "dd", "details", "dl", "dt", "figcaption", "footer",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "nav", "ol", "pre", "section", "summary", "tbody",
    "td", "tfoot", "th", "thead", "tr", "ul",
})
BREAKS = frozenset({"lb", "br"})
#: HTML elements a browser lays out as blocks (or table cells): never glued to their neighbours.
HTML_BLOCKS = ("address", "article", "aside", "blockquote", "caption", "dd", "details", "div", "dl", "dt",
               "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
               "nav", "ol", "p", "pre", "section", "summary", "table", "td", "th", "tr", "ul")
SKIP = frozenset({"graphic"})
FALLBACK_DROP = ["script", "style", "noscript", "template", "nav", "header", "footer", "form", "aside", "iframe",
                 "svg", "button"]
FALLBACK_BLOCKS = ["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "td", "th", "pre", "dt", "dd",
                   "figcaption", "caption"]
#: The fallback wins when trafilatura kept less than this share of the fallback's text.
FALLBACK_SHARE = 0.2
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\ufeff]")
_SPACES = re.compile(r"[^\S\n]+")


@dataclass(frozen=True)
class HtmlText:
    text: str
    extractor: str  # trafilatura | beautifulsoup
    title: str | None = None
    date: str | None = None
    language: str | None = None


def main_text(html: str, url: str, *, favor_recall: bool, favor_precision: bool, fallback: bool,
              structured: bool) -> HtmlText | None:
    """The page's main text (see the module docstring), or None when it has none."""
    found = _trafilatura(html, url, favor_recall=favor_recall, favor_precision=favor_precision)
    main = (render_blocks(found.body) if structured else found.text or "") if found is not None else ""
    title = found.title if found is not None else None
    date = found.date if found is not None else None
    language = found.language if found is not None else None
    if fallback:
        fallback_title, fallback_text = soup_text(html)
        title = title or fallback_title
        if fallback_text and len(main) < FALLBACK_SHARE * len(fallback_text):
            return HtmlText(fallback_text, "beautifulsoup", title, date, language)
    if not main.strip():
        return None
    return HtmlText(main, "trafilatura", title, date, language)


def _trafilatura(html: str, url: str, *, favor_recall: bool, favor_precision: bool) -> Any:
    import trafilatura  # lazy: a heavy import (about half a second), not needed by `links`

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return trafilatura.bare_extraction(
                separate_blocks(html), url=url, with_metadata=True, favor_recall=favor_recall,
                favor_precision=favor_precision, include_comments=False, include_tables=True, deduplicate=False,
            )
    except Exception:  # noqa: BLE001 - trafilatura failing means: no main text, try the fallback
        return None


def separate_blocks(html: str) -> str:
    """The page with a line break on each side of every block element.

    A browser lays blocks out apart; trafilatura, flattening a block inside a list item or
    a cell, joins its text to its neighbour's ("Second item<div>with a div</div>" became
    "Second itemwith a div"). Returned as a string: trafilatura reads a string better than a
    tree (it parses it its own way). The HTML itself when it cannot be parsed."""
    try:
        root = lxml.html.document_fromstring(html)
    except (ValueError, etree.LxmlError):  # e.g. an XML declaration with an encoding: trafilatura copes
        return html
    _separate(root)
    return lxml.html.tostring(root, encoding="unicode")


def _separate(root: Any) -> None:
    for node in root.iter(*HTML_BLOCKS):
        previous = node.getprevious()
        if previous is not None:
            inline = isinstance(previous.tag, str) and previous.tag not in HTML_BLOCKS
            before = previous.tail or (previous.text_content() if inline else "")
            if before and not before[-1].isspace():
                previous.tail = (previous.tail or "") + "\n"
        elif (parent := node.getparent()) is not None and parent.text and not parent.text[-1].isspace():
            parent.text += "\n"
        if node.tail and not node.tail[0].isspace():
            node.tail = "\n" + node.tail


def render_blocks(body: Any) -> str:
    """trafilatura's XML body as text: one line per block, inline text joined as is."""
    if body is None:
        return ""
    parts: list[str] = []
    _walk(body, parts)
    return clean_lines("".join(parts))


def _walk(node: Any, parts: list[str]) -> None:
    tag = node.tag if isinstance(node.tag, str) else ""
    if tag in BREAKS:
        parts.append("\n")
    elif tag not in SKIP:
        block = tag in BLOCKS
        if block:
            parts.append("\n")
        if node.text:
            parts.append(node.text)
        for child in node:
            _walk(child, parts)
        if block:
            parts.append("\n")
    if node.tail:
        parts.append(node.tail)


def clean_lines(text: str) -> str:
    """Whitespace collapsed inside lines, lines trimmed, empty lines dropped."""
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def soup_text(html: str) -> tuple[str | None, str]:
    """The fallback: (title, one line per text block of the page, boilerplate removed)."""
    from bs4 import BeautifulSoup  # lazy: only the fallback needs it

    try:
        soup = BeautifulSoup(html, "lxml")
    except Exception:  # noqa: BLE001 - lxml missing or choking: use the stdlib parser
        soup = BeautifulSoup(html, "html.parser")
    title = " ".join(soup.title.get_text().split()) if soup.title else None
    for tag in soup(FALLBACK_DROP):
        tag.decompose()
    for br in soup.find_all("br"):
        br.replace_with("\n")
    blocks = []
    for node in soup.find_all(FALLBACK_BLOCKS):
        if node.find(FALLBACK_BLOCKS):
            continue  # its inner blocks come on their own
        text = clean_lines(node.get_text())
        if text:
            blocks.append(text)
    if not blocks and soup.body is not None:
        blocks = [clean_lines(soup.body.get_text("\n"))]
    return title or None, "\n".join(b for b in blocks if b)
