"""URLs: which ones factcheck fetches, and finding them in text.

``check_url`` says why a URL cannot be fetched (only absolute http(s) URLs
with a host and a valid port are), for the claims file's messages and for
the fetcher's own guard alike. ``find_urls`` is the one URL finder for
plain text: it drops trailing punctuation and keeps a Wikipedia-style
closing bracket that belongs to the URL.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

__all__ = ["check_url", "find_urls", "URL_RE"]

#: An http(s) URL in running text: it never ends in Latin or CJK punctuation, and a closing
#: bracket ends it (Markdown's ``[label](url)``); ``find_urls`` adds a bracket the URL opened.
URL_RE = re.compile(r"https?://[^\s<>\"'）)\]]+[^\s<>\"'）)\].,;:!?，。；：！？、]")


def check_url(url: object) -> str | None:
    """Return a problem with ``url``, or None when it can be fetched."""
    if not isinstance(url, str) or not url.strip():
        return "empty URL"
    if url != url.strip() or any(ch.isspace() for ch in url):
        return f"URL {url!r} contains white space"
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        if not parts.scheme:
            return f"{url!r} is not a URL (no scheme)"
        return f"URL scheme {parts.scheme!r} is not fetched (only http and https)"
    if not parts.hostname:
        return f"URL {url!r} has no host"
    try:
        parts.port  # noqa: B018 - validates the port
    except ValueError:
        return f"URL {url!r} has an invalid port"
    return None


def find_urls(text: str) -> Iterator[tuple[int, str]]:
    """Each http(s) URL in ``text``, with the offset where it starts.

    A Wikipedia-style URL keeps the closing bracket it opened: ``.../Foo_(bar)``."""
    for match in URL_RE.finditer(text):
        url = match.group(0)
        if url.count("(") > url.count(")") and text.startswith(")", match.end()):
            url += ")"
        yield match.start(), url
