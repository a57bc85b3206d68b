"""A page's title and date: the part of trafilatura's metadata that factcheck keeps.

``trafilatura.metadata.extract_metadata`` also finds the author, site name,
categories, tags and licence, none of which a ``Document`` holds; the author
search alone (it copies the whole tree) cost more than half of it, about 4 ms
of CPU per page. ``title_and_date`` runs the same steps in the same order for
the title and the date only (Open Graph and ``<meta>``, then JSON-LD, then the
page's headings and ``<title>``; the canonical URL, then htmldate with
trafilatura's parameters), so both come out as ``extract_metadata`` gives them.
Should trafilatura no longer offer these steps, the whole ``extract_metadata``
is used instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import unescape
from typing import Any

__all__ = ["title_and_date", "PageMeta"]

#: trafilatura trims every metadata field to this length (``Document.clean_and_trim``).
MAX_FIELD = 10000


@dataclass(frozen=True)
class PageMeta:
    """Title and date of a page (either may be None)."""

    title: str | None
    date: str | None


def title_and_date(tree: Any, url: str) -> PageMeta:
    """Title and date of the parsed page ``tree`` found at ``url``, as trafilatura finds them."""
    try:
        from trafilatura.metadata import (  # lazy: trafilatura is a heavy import
            examine_meta,
            extract_meta_json,
            extract_title,
            extract_url,
            find_date,
        )
        from trafilatura.settings import DEFAULT_CONFIG, set_date_params  # lazy, as above
        from trafilatura.utils import line_processing  # lazy, as above
    except ImportError:  # another trafilatura: its whole metadata extraction
        return _full(tree, url)
    found = examine_meta(tree)
    if found.author and " " not in found.author:
        found.author = None  # as extract_metadata does, before JSON-LD may set it
    try:
        found = extract_meta_json(tree, found)
    except Exception:  # noqa: BLE001 - trafilatura's JSON-LD reader has bugs; it ignores them too
        pass
    title = found.title or extract_title(tree)
    date_params = set_date_params(DEFAULT_CONFIG.getboolean("DEFAULT", "EXTENSIVE_DATE_SEARCH"))
    date_params["url"] = found.url or extract_url(tree, url)
    date = find_date(tree, **date_params)
    return PageMeta(_trimmed(title, line_processing), _trimmed(date, line_processing))


def _trimmed(value: str | None, line_processing: Any) -> str | None:
    if not isinstance(value, str):
        return value
    if len(value) > MAX_FIELD:
        value = value[:MAX_FIELD - 1] + "…"
    return line_processing(unescape(value))


def _full(tree: Any, url: str) -> PageMeta:
    from trafilatura.metadata import extract_metadata  # lazy: trafilatura is a heavy import

    found = extract_metadata(tree, url)
    return PageMeta(found.title, found.date)
