"""The records of an article, shared by its readers: blocks, links, markers, references.

Also what every reader needs about them: the headings that open a reference
list (``REF_HEADING``), the language of an article, and a reference read
from one list item or footnote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..extract import guess_language
from ..urls import URL_RE

__all__ = ["Article", "Block", "Link", "Marker", "Reference", "ARTICLE_SUFFIXES", "REF_HEADING", "URL_RE",
           "detect_language", "reference_from_text"]

ARTICLE_SUFFIXES = {".md": "markdown", ".markdown": "markdown", ".mdown": "markdown", ".html": "html",
                    ".htm": "html", ".xhtml": "html", ".txt": "text", ".text": "text"}
REF_HEADING = re.compile(
    r"^\s*(references?|sources?|bibliography|citations?|notes?( and references)?|footnotes|works cited|"
    r"further reading|参考资料|参考文献|参考|资料来源|来源|引用|注释|脚注|引用来源|参考来源|参考链接|相关链接)\s*[:：]?\s*$",
    re.I)


@dataclass(frozen=True)
class Link:
    start: int  # offsets into Block.text
    end: int
    url: str


@dataclass(frozen=True)
class Marker:
    at: int  # offset into Block.text where the marker stood
    key: str  # "3" for [3] / ^3, "fn:name" for [^name], "id:anchor" for <a href="#anchor">


@dataclass(frozen=True)
class Block:
    kind: str  # heading | paragraph | item | quote | label | code | table | references
    text: str  # plain text, as a reader sees it
    pos: tuple[int, ...]  # pos[i] = offset in Article.text of text[i]
    links: tuple[Link, ...] = ()
    markers: tuple[Marker, ...] = ()
    level: int = 0  # heading level, list depth
    context: str | None = None  # e.g. the label of the list item above

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Offsets in Article.text of the plain slice text[start:end]."""
        return self.pos[start], self.pos[end - 1] + 1

    @property
    def extent(self) -> tuple[int, int]:
        return (self.pos[0], self.pos[-1] + 1) if self.pos else (0, 0)


@dataclass(frozen=True)
class Reference:
    url: str
    title: str | None
    number: int | None  # as the article numbers it ([3], 3.), else its position in the list
    keys: tuple[str, ...] = ()  # marker keys that point at it: "3", "fn:3", "id:cite-3"
    start: int = 0  # offsets in Article.text
    end: int = 0


@dataclass(frozen=True)
class Article:
    source: str  # path or URL as given
    kind: str  # markdown | html | text
    text: str  # what spans point into
    blocks: tuple[Block, ...]
    references: tuple[Reference, ...]
    title: str | None = None
    language: str | None = None
    front_matter: dict = field(default_factory=dict)


# --------------------------------------------------------------------------- entry points

def detect_language(text: str, declared: str | None = None) -> str | None:
    """Declared language (front matter ``lang:``, ``<html lang>``) or a guess from the script."""
    if declared:
        return str(declared).strip().replace("_", "-") or None
    guess = guess_language(text)
    if guess:
        return guess
    sample = text[:5000]
    # Japanese (kana) and Chinese are told by guess_language
    scripts = (("ko", "\uac00", "\ud7af"), ("ru", "\u0400", "\u04ff"),
               ("ar", "\u0600", "\u06ff"), ("el", "\u0370", "\u03ff"), ("he", "\u0590", "\u05ff"),
               ("th", "\u0e00", "\u0e7f"), ("hi", "\u0900", "\u097f"))
    letters = sum(1 for ch in sample if ch.isalpha()) or 1
    for code, lo, hi in scripts:
        if sum(1 for ch in sample if lo <= ch <= hi) / letters > 0.3:
            return code
    return None


def reference_from_text(text: str, links: tuple[Link, ...], number: int | None, keys: tuple[str, ...],
                        start: int, end: int) -> Reference | None:
    """A reference from the plain text of one list item / footnote: its first URL and a title."""
    url = None
    title = None
    for link in links:
        if link.url.lower().startswith(("http://", "https://")):
            url = link.url
            label = text[link.start:link.end].strip()
            if label and not URL_RE.fullmatch(label):
                title = label
            break
    if url is None:
        found = URL_RE.search(text)
        if not found:
            return None
        url = found.group(0)
    if title is None:
        rest = URL_RE.sub(" ", text)
        rest = re.sub(r"^\s*(\[\d+\]|\^?\d+[.)]?|[-*•])\s*", "", rest)
        rest = re.sub(r"\b(retrieved|accessed|available at|archived)\b.*$", "", rest, flags=re.I)
        rest = rest.strip(" \t\n.,;:-–—|()[]<>\"'")
        title = rest or None
    return Reference(url=url, title=title, number=number, keys=keys, start=start, end=end)
