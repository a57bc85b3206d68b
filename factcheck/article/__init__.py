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
from pathlib import Path

from ..archive import Archive
from ..checks import check_urls
from ..config import Settings
from ..errors import InputError
from ..extract import decode
from .html import parse_html
from .markdown import MarkdownReader
from .records import ARTICLE_SUFFIXES, Article, Block, Link, Marker, Reference, detect_language

__all__ = ["Article", "Block", "Link", "Marker", "Reference", "read_article", "parse_article",
           "detect_language", "ARTICLE_SUFFIXES"]

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
        return parse_html(text, source)
    if kind not in ("markdown", "text"):
        raise InputError(f"{source}: unknown article kind {kind!r}\n  fix: use markdown, html or text")
    return MarkdownReader(text, source, plain=kind == "text").parse()


def _fetch_article(url: str, settings: Settings) -> tuple[bytes, str | None]:
    """The article's bytes: fetched and recorded like any source, else its last archived copy."""
    with Archive(settings.cache_dir) as archive:
        check = None if settings.offline else check_urls(archive, [url], settings, purpose="article")[0]
        fetch = check.fetch if check is not None else None
        stored = archive.fetch_by_id(check.record.id) if check is not None and check.record.has_body else None
        if fetch is not None and fetch.alive and stored is not None and stored.fetch.body:
            return stored.fetch.body, fetch.content_type  # the check carries no body: the archive has it
        found = archive.last_good(url)
        if found is not None and found.fetch.body:
            return found.fetch.body, found.fetch.content_type
    why = f"{fetch.status} ({fetch.reason})" if fetch is not None else "offline and not in the archive"
    raise InputError(f"{url}: the article could not be fetched: {why}\n"
                     "  fix: check the URL, or save the page and pass the file")


