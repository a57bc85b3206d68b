"""Reading an article: Markdown, HTML or plain text -> ``Article`` (blocks, links, references).

Modules: ``markdown`` (Markdown and plain text, block level), ``inline`` (links,
markers and markup inside a block), ``html`` (HTML pages).

An ``Article`` keeps the text that claim spans point into (``Article.text``):
the file itself for Markdown and plain text, the page's visible text for HTML.
Each ``Block`` (heading, paragraph, list item, label, reference...) carries its
plain text as a reader sees it (Markdown markup removed, line breaks inside a
paragraph read as spaces), a map from every plain character back to its offset
in ``Article.text``, the inline links inside it and the numbered citation
markers (``[3]``, ``^3``, ``[^3]``, ``<sup>3</sup>``) taken out of it.

References are the article's own source list: a section headed "References",
"Sources", "参考资料"..., footnote definitions (``[^3]: ...``) and link
definitions (``[3]: https://...``). Titles of references become source titles.

A URL is fetched through the checks layer and archived like any source, so the
article itself is kept even if it later disappears.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..archive import Archive
from ..checks import check_urls
from ..config import Settings
from ..errors import InputError
from ..extract import decode, guess_language
from ..urls import URL_RE

__all__ = ["Article", "Block", "Link", "Marker", "Reference", "read_article", "parse_article",
           "detect_language", "ARTICLE_SUFFIXES"]

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

def read_article(where: str | Path, settings: Settings | None = None, *, kind: str | None = None) -> Article:
    """Read an article from a file or an http(s) URL (fetched and archived). Raises ``InputError``.

    ``settings`` say where the archive is and how to fetch (defaults when None)."""
    where_s = str(where)
    if re.match(r"^https?://", where_s, re.I):
        body, ctype = _fetch_article(where_s, settings or Settings())
        text = decode(body, ctype)
        guessed = "html" if "html" in (ctype or "") or "<html" in text[:2000].lower() else (
            "markdown" if "markdown" in (ctype or "") else "text")
        return parse_article(text, where_s, kind or guessed)
    path = Path(where_s)
    if not path.exists():
        raise InputError(f"{path}: no such article\n  fix: check the path (Markdown, HTML or text file, or an http(s) URL)")
    if path.is_dir():
        raise InputError(f"{path}: is a directory\n  fix: name the article file inside it")
    raw = path.read_bytes()
    kind = kind or ARTICLE_SUFFIXES.get(path.suffix.lower())
    if kind is None:
        head = raw[:2000].lower()
        kind = "html" if b"<html" in head or b"<!doctype html" in head else "text"
    if kind == "html":
        text = decode(raw)
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = decode(raw)
    return parse_article(text, str(path), kind)


def parse_article(text: str, source: str = "<article>", kind: str = "markdown") -> Article:
    if kind == "html":
        from .html import parse_html

        return parse_html(text, source)
    if kind not in ("markdown", "text"):
        raise InputError(f"{source}: unknown article kind {kind!r}\n  fix: use markdown, html or text")
    from .markdown import MarkdownReader

    return MarkdownReader(text, source, plain=kind == "text").parse()


def _fetch_article(url: str, settings: Settings) -> tuple[bytes, str | None]:
    """The article's bytes: fetched and recorded like any source, else its last archived copy."""
    with Archive(settings.cache_dir) as archive:
        fetch = None if settings.offline else check_urls(archive, [url], settings, purpose="article")[0].fetch
        if fetch is not None and fetch.alive and fetch.body:
            return fetch.body, fetch.content_type
        found = archive.last_good(url)
        if found is not None and found.fetch.body:
            return found.fetch.body, found.fetch.content_type
    why = f"{fetch.status} ({fetch.reason})" if fetch is not None else "offline and not in the archive"
    raise InputError(f"{url}: the article could not be fetched: {why}\n"
                     "  fix: check the URL, or save the page and pass the file")


def detect_language(text: str, declared: str | None = None) -> str | None:
    """Declared language (front matter ``lang:``, ``<html lang>``) or a guess from the script."""
    if declared:
        return str(declared).strip().replace("_", "-") or None
    guess = guess_language(text)
    if guess:
        return guess
    sample = text[:5000]
    scripts = (("ja", "\u3040", "\u30ff"), ("ko", "\uac00", "\ud7af"), ("ru", "\u0400", "\u04ff"),
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
