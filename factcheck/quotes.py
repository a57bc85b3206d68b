"""Quotes as a reader meets them: text-fragment links and excerpts of long evidence units.

``text_fragment_url`` builds a ``#:~:text=`` link that a browser can resolve on
the live page: the quote as the page shows it (whitespace collapsed, no list or
table markers), exact when short, ``textStart,textEnd`` when long, cut by words
(or by characters in scripts written without spaces), with ``-``, ``&`` and
``,`` percent-encoded. ``excerpt`` shows a long unit around the words it shares
with the claim. Both are pure functions of text, used by the report writers.
"""

from __future__ import annotations

import re
from urllib.parse import quote

__all__ = ["text_fragment_url", "fragment_directive", "excerpt", "SHOWN_CHARS"]

#: Marks that extraction (old versions, PDFs, plain text) may put before a line but a page does not show.
_LINE_MARKERS = re.compile(r"^(?:[-*•|>#]+\s+)+|(?:\s+\|)+$")
_SPACELESS = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]+")
#: Words of a quote that go into an exact ``text=`` directive; longer quotes use ``textStart,textEnd``.
FRAGMENT_WORDS = 8
FRAGMENT_EDGE_WORDS = 4
#: Same for scripts written without spaces (Chinese, Japanese, Thai): characters.
FRAGMENT_CHARS = 40
FRAGMENT_EDGE_CHARS = 12


def fragment_directive(quote_text: str) -> str:
    """The ``text=`` directive (percent-encoded) that finds ``quote_text`` on its page."""
    text = " ".join(_LINE_MARKERS.sub("", " ".join(quote_text.split())).split())
    words = text.split()
    if not words:
        return ""

    def enc(part: str) -> str:  # "-", "&" and "," are directive syntax: always encoded
        return quote(part, safe="").replace("-", "%2D")

    if _SPACELESS.search(text) and sum(map(len, _SPACELESS.findall(text))) > len(text) // 3:
        # Chinese, Japanese, Thai...: no spaces between words, so cut by characters
        if len(text) <= FRAGMENT_CHARS:
            return enc(text)
        return enc(text[:FRAGMENT_EDGE_CHARS].rstrip()) + "," + enc(text[-FRAGMENT_EDGE_CHARS:].lstrip())
    if len(words) <= FRAGMENT_WORDS:
        return enc(" ".join(words))
    return enc(" ".join(words[:FRAGMENT_EDGE_WORDS])) + "," + enc(" ".join(words[-FRAGMENT_EDGE_WORDS:]))


def text_fragment_url(url: str, quote_text: str) -> str:
    """A link that scrolls to and highlights ``quote_text`` (``#:~:text=``) on the page at ``url``.

    The quote is taken as the page shows it (whitespace collapsed, no list or table
    markers); a long quote becomes ``textStart,textEnd`` (first and last words)."""
    directive = fragment_directive(quote_text)
    if not directive:
        return url
    return url.split("#", 1)[0] + "#:~:text=" + directive


_WORD = re.compile(r"\w+")
#: Longest evidence text shown in the Markdown report; a longer unit is shown around the words that matched.
SHOWN_CHARS = 300


def excerpt(text: str, query: str, limit: int = SHOWN_CHARS) -> str:
    """``text`` cut to about ``limit`` characters around the words it shares with
    ``query`` (the claim), with "…" where it was cut; ``text`` itself when short."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    wanted = {w.lower() for w in _WORD.findall(query) if len(w) > 2 or not w.isascii()}
    hits = [m.start() for m in _WORD.finditer(text) if m.group(0).lower() in wanted]
    best, best_count = 0, -1
    for start in [0] + [max(0, h - limit // 4) for h in hits]:
        count = sum(1 for h in hits if start <= h < start + limit)
        if count > best_count:
            best, best_count = start, count
    start = min(best, len(text) - limit)
    end = start + limit
    if start > 0:
        space = text.find(" ", start, start + 30)
        start = space + 1 if space >= 0 else start
    if end < len(text):
        space = text.rfind(" ", end - 30, end)
        end = space if space > start else end
    return ("… " if start > 0 else "") + text[start:end] + (" …" if end < len(text) else "")
