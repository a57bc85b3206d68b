"""Segmentation: clean text -> evidence units (``Sentence``) with exact offsets.

A unit never crosses a line break: extraction puts one at every block
boundary of the page (paragraph, heading, list item, table cell, ``<br>``),
so the page's structure cuts first. Inside a line, punctuation cuts, in the
scripts that have it: ``. ! ?`` before a new sentence (not after "Mr." or
"U.S."), CJK ``。！？；``, Devanagari danda ``। ॥``, Arabic ``؟ ۔``, Greek
``;`` (U+037E), Armenian, Ethiopic, Myanmar, Khmer and Tibetan full stops.
What is still longer than ``MAX_UNIT`` characters and is not one real
sentence (a Thai paragraph has no punctuation, a list run together has no
full stop) is cut at the last clause mark or space before the cap. A real
sentence (it ends in a full stop) is kept whole up to ``MAX_SENTENCE``.

Every unit satisfies ``text[unit.start:unit.end] == unit.text`` and carries
no leading or trailing whitespace.
"""

from __future__ import annotations

import re

from .models import Sentence

__all__ = ["split_sentences", "ABBREVIATIONS", "MAX_UNIT", "MAX_SENTENCE"]

#: Longest unit cut from text without sentence punctuation.
MAX_UNIT = 400
#: Longest sentence kept whole (beyond it, it is cut like text without punctuation).
MAX_SENTENCE = 1000

ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "vs", "etc", "inc", "ltd", "co", "corp", "no",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k",
    "e.g", "i.e", "gen", "gov", "sen", "rep", "fig", "vol", "approx", "est", "dept", "univ", "mt", "ft",
}
#: Month names after an ordinal day ("3. Juli", "5. května"): the period is no sentence end.
MONTHS = {
    "januar", "jänner", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober",
    "november", "dezember", "stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia",
    "września", "października", "listopada", "grudnia", "ledna", "února", "března", "dubna", "května", "června",
    "července", "srpna", "září", "října", "listopadu", "prosince",
}
_GREEK = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]")
_ORDINAL = re.compile(r"(?:^|\s)\d{1,2}\.$")
# Marks that end a sentence whatever follows them (no space needed: CJK and friends).
_HARD_END = "。！？；!?｡．।॥؟۔\u037e։።။។།"
_CLOSERS = "”’\"'）)]」』》〉»"
_OPENERS = "\"“‘'([«„¿¡"
_END, _CLOSE = re.escape(_HARD_END), re.escape(_CLOSERS)
_BOUNDARY = re.compile(
    rf"""(?<=[{_END}])[{_CLOSE}]*"""  # hard end marks, then closers
    rf"""|(?<=[.;])[{_CLOSE}]*(?=\s+\S)"""  # a period (Greek: ";"), if a sentence follows (checked below)
    r"""|\n+""",
)
_SENTENCE_END = re.compile(rf"""[.{_END}…][{_CLOSE}]*$""")
_ABBREVIATED = re.compile(r"([^\W\d_][\w.]*)\.$")
_CLAUSE_MARK = re.compile(r"[,;:–—]\s+|[、，：；]")
_SPACE = re.compile(r"\s+")
_SPACES_FROM = re.compile(r"\s*")
_OPENING = re.compile(rf"""\s*[{re.escape(_OPENERS)}]*""")


def split_sentences(text: str, offset: int = 0) -> tuple[Sentence, ...]:
    """Split ``text`` into units with offsets (into ``text``, plus ``offset``)."""
    units: list[Sentence] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        cut = match.group(0)
        end = match.end() if cut.strip() or not cut else match.start()
        if end <= start:
            continue
        mark = text[match.start() - 1:match.start()]
        if mark == "．" and text[match.start() - 2:match.start() - 1].isdigit() and text[end:end + 1].isdigit():
            continue  # ５．２％: a full-width decimal point
        if "\n" not in cut and mark in ".;" and not _sentence_follows(text, start, match.start(), end):
            continue  # "Mr. Musk", "U.S. Senate", "J. Smith", "am 3. Juli", "etc. and", "a; b"
        _add(units, text, start, end, offset)
        start = match.end()
    _add(units, text, start, len(text), offset)
    return tuple(units)


#: A name written in mixed case from a small letter ("xAI sued OpenAI", "iPhone sales rose", "eBay"): it opens a
#: sentence as a capital would
_MIXED_CASE = re.compile(r"[a-z]{1,2}[A-Z]")


def _sentence_follows(text: str, start: int, mark: int, end: int) -> bool:
    """After a period ending at ``mark`` (and closers up to ``end``): does a new sentence start
    (a capital, a digit, a letter of a script without case), and is the period not an abbreviation's?

    Reads only the word before the period and the word after it, never the rest of the
    text, so a long page costs time in proportion to its length."""
    after = _OPENING.match(text, end).end()  # type: ignore[union-attr]  # always matches
    first = text[after:after + 1]
    if not first or not (first.isupper() or first.isdigit() or (first.isalpha() and not first.islower())
                         or _MIXED_CASE.match(text, after)):
        return False
    before = _last_word(text, start, mark)
    if before.endswith(";"):  # the Greek question mark (U+037E is ";" once NFC-normalised)
        return _GREEK.match(first) is not None and _GREEK.search(before[-2:-1] or "x") is not None
    if _ORDINAL.search(before) and _word_at(text, after).lower().strip(".,") in MONTHS:
        return False  # "am 3. Juli"
    word = _ABBREVIATED.search(before)
    return not (word and (word.group(1).lower() in ABBREVIATIONS or len(word.group(1)) == 1))


def _last_word(text: str, start: int, mark: int) -> str:
    """``text[start:mark]`` without trailing whitespace, cut to its last word and the
    whitespace before that word: all that the rules above read of it (they match at its
    end, after a space or at its start). The words before two periods never overlap, so
    the scans add up to the length of the text."""
    stop = mark
    while stop > start and text[stop - 1].isspace():
        stop -= 1
    begin = stop
    while begin > start and not text[begin - 1].isspace():
        begin -= 1
    return text[max(start, begin - 1):stop]


def _word_at(text: str, at: int) -> str:
    """The text from ``at`` to the next space (or the end)."""
    space = text.find(" ", at)
    return text[at:] if space < 0 else text[at:space]


def _add(out: list[Sentence], text: str, start: int, end: int, offset: int) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if not stripped:
        return
    s = start + len(piece) - len(piece.lstrip())
    for a, b in _cap(text, s, s + len(stripped)):
        out.append(Sentence(text=text[a:b], start=a + offset, end=b + offset))


def _cap(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``(start, end)`` cut into spans no longer than the caps allow, at clause marks or spaces.

    The cap depends on how the whole span ends (a real sentence may be longer), which
    cutting pieces off its front does not change: read once."""
    limit = MAX_SENTENCE if _SENTENCE_END.search(text, start, end) else MAX_UNIT
    spans: list[tuple[int, int]] = []
    while end - start > limit:
        cut = _cut_point(text, start, start + MAX_UNIT)
        spans.append((start, start + len(text[start:cut].rstrip())))
        start = _SPACES_FROM.match(text, cut, end).end()  # type: ignore[union-attr]  # always matches
    if end > start:
        spans.append((start, end))
    return spans


def _cut_point(text: str, start: int, limit: int) -> int:
    """Where to cut ``text[start:limit]``: after its last clause mark in the second half,
    else after its last space, else at ``limit`` (a script without spaces)."""
    window = text[start:limit]
    half = len(window) // 2
    marks = [m.end() for m in _CLAUSE_MARK.finditer(window) if m.end() > half]
    if marks:
        return start + marks[-1]
    spaces = [m.end() for m in _SPACE.finditer(window) if m.start() > 0]
    return start + (spaces[-1] if spaces else len(window))
