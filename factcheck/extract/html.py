"""HTML -> main text with one line per block, and metadata.

trafilatura finds the main text (and title, date, language). Its XML tree is
rendered here rather than taking its plain-text output: every block (paragraph,
heading, list item, table cell, quote, ``<lb/>``) becomes its own line, with no
list or table markers (``- ``, ``| ``) that the page does not show, and inline
elements joined exactly as the page joins them (no space added or lost). So the
text keeps the page's block boundaries as line breaks, which segmentation cuts
on, and a quote is text a browser can find on the page.

When trafilatura finds nothing, or far less than the page holds, the
fallback (if enabled) takes the page's blocks minus scripts, styles,
navigation, header, footer, forms and asides (read with lxml; with
BeautifulSoup from a page lxml cannot read to the end).

The page is parsed once (``parse``, as trafilatura parses it); trafilatura and
the fallback each work on a copy of that tree.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from typing import Any

import lxml.html
from lxml import etree

from .meta import PageMeta, title_and_date

__all__ = ["HtmlText", "Parsed", "main_text", "headline_of", "parse", "separate", "unseparate", "render_blocks", "tree_text",
           "soup_text", "clean_lines", "INVALID_XML_CHARS", "CONTROL_CHARS"]

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
#: How pages are parsed: as trafilatura parses them (no comments, no processing instructions).
#: Every element is a plain ``HtmlElement``: lxml.html's own lookup (a form element class for
#: ``<form>``, ...) runs Python code each time lxml hands out an element, a tenth of trafilatura's time.
ELEMENTS = etree.ElementDefaultClassLookup(
    element=lxml.html.HtmlElement, comment=lxml.html.HtmlComment, pi=lxml.html.HtmlProcessingInstruction,
    entity=lxml.html.HtmlEntity,
)
#: Characters XML forbids (trafilatura drops them before parsing; lxml cannot hold them).
_INVALID_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\ufeff]")
#: The characters each of the two classes above matches, one by one: most pages hold none, and
#: asking ``char in text`` for each (a memchr each) is three times faster than the scan of the
#: regular expression (0.23 against 0.66 ms on a 160 KB page), which then runs only when needed.
_LOW_CONTROLS = (*range(0x00, 0x09), 0x0b, 0x0c, *range(0x0e, 0x20))
INVALID_XML_CHARS = tuple(map(chr, (*_LOW_CONTROLS, 0xfffe, 0xffff)))
CONTROL_CHARS = tuple(map(chr, (*_LOW_CONTROLS, 0x7f, 0x200b, 0xfeff)))
_SPACES = re.compile(r"[^\S\n]+")


@dataclass(frozen=True)
class HtmlText:
    text: str
    extractor: str  # trafilatura | fallback
    title: str | None = None
    date: str | None = None
    language: str | None = None


def main_text(html: str, url: str, *, favor_recall: bool, favor_precision: bool, fallback: bool,
              structured: bool, headline: bool = False) -> HtmlText | None:
    """The page's main text (see the module docstring), or None when it has none.

    The page is parsed once. trafilatura reads the tree with its blocks separated
    (and works on its own copy); the fallback reads it as parsed, the separating
    line breaks taken out again. No step parses or serialises the page again.
    ``headline``: the page's headline (``headline_of``) as the first line, when the
    text does not hold it (trafilatura's main text often leaves the ``<h1>`` out)."""
    parsed = parse(html)
    tree = parsed.tree
    added = separate(tree) if tree is not None else []
    meta = _metadata(tree, url) if tree is not None else PageMeta(None, None)
    found = _trafilatura(tree if tree is not None else html, url, favor_recall=favor_recall,
                         favor_precision=favor_precision, structured=structured, metadata=tree is None)
    main = (render_blocks(found.body) if structured else found.text or "") if found is not None else ""
    title = meta.title or (found.title if found is not None else None)
    date = meta.date or (found.date if found is not None else None)
    language = found.language if found is not None else None
    line = headline_of(tree) if headline and tree is not None else None
    if fallback:
        unseparate(added)
        fallback_title, fallback_text = tree_text(tree, main=len(main)) if parsed.complete else soup_text(html)
        title = title or fallback_title
        if fallback_text and len(main) < FALLBACK_SHARE * len(fallback_text):
            return HtmlText(_headed(fallback_text, line), "fallback", title, date, language)
    if not main.strip():
        return None
    return HtmlText(_headed(main, line), "trafilatura", title, date, language)


#: What may stand between a headline and the site's name in a page's title ("Headline | Site").
TITLE_SEPARATORS = frozenset("|-–—:·•/»")


def headline_of(root: Any) -> str | None:
    """The text of the page's first ``<h1>`` that is its ``<title>``, or the start of its title
    before a separator ("Headline | Site name", at least a third of the title: not "Section -
    Headline"), as one clean line; None when no ``<h1>`` is. Not ``Document.title``: trafilatura
    takes that from the ``<h1>`` itself on some pages (a site's name as often as a headline), and
    from ``og:title`` on others, which may be no text of the page: a quote of it would link to
    nothing a reader can find. (Case and spacing do not count.)"""
    element = next(root.iter("title"), None)
    wanted = _folded(element.text_content()) if element is not None else ""
    if not wanted:
        return None
    for node in root.iter("h1"):
        line = " ".join(clean_lines(node.text_content()).split("\n"))
        found = _folded(line)
        rest = wanted[len(found):] if found and wanted.startswith(found) else None
        if rest is not None and (not rest or (rest[0] == " " and rest[1:2] in TITLE_SEPARATORS
                                              and 3 * len(found) >= len(wanted))):
            return line
    return None


def _headed(text: str, line: str | None) -> str:
    """``text`` with ``line`` first, unless ``text`` holds it already."""
    if not line or _folded(line) in _folded(text):
        return text
    return f"{line}\n{text}"


def _folded(text: str) -> str:
    return " ".join(text.casefold().split())


def _trafilatura(page: Any, url: str, *, favor_recall: bool, favor_precision: bool, structured: bool,
                 metadata: bool) -> Any:
    import trafilatura  # lazy: a heavy import (about half a second), not needed by `links`

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return trafilatura.bare_extraction(
                page, url=url, with_metadata=metadata, favor_recall=favor_recall, favor_precision=favor_precision,
                include_comments=False, include_tables=True, deduplicate=False,
                # "xml" returns the same tree without also rendering trafilatura's text, unused when structured
                output_format="xml" if structured else "python",
            )
    except Exception:  # noqa: BLE001 - trafilatura failing means: no main text, try the fallback
        return None


def _metadata(page: Any, url: str) -> PageMeta:
    try:
        return title_and_date(page, url)
    except Exception:  # noqa: BLE001 - metadata trafilatura cannot read: none, the text still counts
        return PageMeta(None, None)


@dataclass(frozen=True)
class Parsed:
    tree: Any  # None when nothing could be parsed
    complete: bool  # False when libxml2 stopped early (nested deeper than it allows): the rest is missing


def parse(html: str) -> Parsed:
    """The page as an lxml tree, parsed as trafilatura parses it (no comments, no
    processing instructions, no characters XML forbids), always a whole document
    (a bare fragment gets ``<html><body>``)."""
    html = _dropped(html, _INVALID_XML, INVALID_XML_CHARS)
    parser = _parser()  # one per page (a microsecond): its error log is this page's alone
    try:
        try:
            tree = lxml.html.document_fromstring(html, parser=parser)
        except ValueError:  # a str with an XML encoding declaration: parse its UTF-8 bytes instead
            tree = lxml.html.document_fromstring(html.encode("utf-8", "surrogatepass"), parser=parser)
    except (ValueError, etree.LxmlError):
        return Parsed(None, False)
    last = parser.error_log.last_error
    return Parsed(tree, last is None or last.type_name != "ERR_RESOURCE_LIMIT")


def _parser() -> Any:
    parser = lxml.html.HTMLParser(collect_ids=False, default_doctype=False, remove_comments=True, remove_pis=True)
    parser.set_element_class_lookup(ELEMENTS)
    return parser


#: What ``separate`` changed: (element, "text" or "tail", the value before).
Changes = list[tuple[Any, str, str | None]]


def separate(root: Any) -> Changes:
    """A line break on each side of every block element of the tree, in place.

    A browser lays blocks out apart; trafilatura, flattening a block inside a list
    item or a cell, joins its text to its neighbour's ("Second item<div>with a
    div</div>" became "Second itemwith a div"). Returns what it changed, for
    ``unseparate``."""
    changes: Changes = []
    for node in root.iter(*HTML_BLOCKS):
        previous = node.getprevious()
        if previous is not None:
            inline = isinstance(previous.tag, str) and previous.tag not in HTML_BLOCKS
            before = previous.tail or (previous.text_content() if inline else "")
            if before and not before[-1].isspace():
                changes.append((previous, "tail", previous.tail))
                previous.tail = (previous.tail or "") + "\n"
        elif (parent := node.getparent()) is not None and parent.text and not parent.text[-1].isspace():
            changes.append((parent, "text", parent.text))
            parent.text += "\n"
        if node.tail and not node.tail[0].isspace():
            changes.append((node, "tail", node.tail))
            node.tail = "\n" + node.tail
    return changes


def unseparate(changes: Changes) -> None:
    """Undo ``separate``: the tree as parsed (cheaper than separating a copy)."""
    for node, attribute, value in reversed(changes):
        setattr(node, attribute, value)


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
    text = _dropped(text.replace("\r\n", "\n").replace("\r", "\n"), _CONTROL, CONTROL_CHARS)
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _dropped(text: str, pattern: re.Pattern[str], chars: tuple[str, ...]) -> str:
    """``text`` without the characters ``pattern`` matches (``chars``, the same set, spelt out)."""
    return pattern.sub("", text) if any(char in text for char in chars) else text


def soup_text(html: str) -> tuple[str | None, str]:
    """The fallback for a page lxml cannot read whole (nested deeper than libxml2 allows, or
    not parsed at all): BeautifulSoup, which reads such pages to the end. Same output as
    ``tree_text`` on pages both read."""
    from bs4 import BeautifulSoup  # lazy: only pages lxml cannot read whole need it

    try:
        soup = BeautifulSoup(html, "lxml")
    except Exception:  # noqa: BLE001 - lxml choking: use the stdlib parser
        soup = BeautifulSoup(html, "html.parser")
    title = " ".join(soup.title.get_text().split()) if soup.title else None
    for tag in soup(FALLBACK_DROP):
        tag.decompose()
    for br in soup.find_all("br"):
        br.replace_with("\n")
    text = clean_lines("\n".join(node.get_text() for node in soup.find_all(FALLBACK_BLOCKS)
                                 if not node.find(FALLBACK_BLOCKS)))
    if not text and soup.body is not None:
        text = clean_lines(soup.body.get_text("\n"))
    return title or None, text


def tree_text(root: Any, *, main: int | None = None) -> tuple[str | None, str]:
    """The fallback: (title, one line per text block of the page, boilerplate removed).

    With ``main`` (the length of trafilatura's text), the text is left empty when it
    cannot win (``main >= FALLBACK_SHARE * its length``): it is at most twice as long as
    the text left after the drops (each line holds at least one character of that text,
    plus one line break), which lxml counts in C, so most articles skip the block walk.
    Takes the tree apart (hand it a tree nothing else needs)."""
    first_title = next(root.iter("title"), None)
    title = " ".join(first_title.text_content().split()) if first_title is not None else None
    etree.strip_elements(root, *FALLBACK_DROP, with_tail=False)
    if main is not None and main >= FALLBACK_SHARE * (2 * len(root.text_content())):
        return title or None, ""
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    # innermost blocks only (outer ones would repeat them), cleaned in one pass: one line
    # per line of each block, empty ones dropped
    text = clean_lines("\n".join(node.text_content() for node in root.iter(*FALLBACK_BLOCKS)
                                 if next(node.iterdescendants(*FALLBACK_BLOCKS), None) is None))
    body = next(root.iter("body"), None)
    if not text and body is not None:
        text = clean_lines("\n".join(body.itertext()))
    return title or None, text
