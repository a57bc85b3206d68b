"""Stop words per language, for telling a claim's content words from its function words.

English uses the matcher's own short list (``text.STOP``): the long English
list of the ``stop-words`` package counts "million", "first" and "year" as
stop words, which claims are about. Every other language uses the lists of the
``stop-words`` package (BSD-3-Clause, Alireza Savand; bundled files, nothing
downloaded), chosen because it covers the scripts pages come in (Latin,
Cyrillic, Greek, Arabic, Hebrew, Devanagari, Korean) in one small pure-Python
package.

``stop_words_for(text)`` guesses the text's language from its script, and for
Latin and Cyrillic scripts from which list's words it uses most, and returns
that language's list (with English's, which pages quote everywhere).
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["stop_words_for", "language_stop_words"]

# language -> the script it is written in, for the languages the package lists
_LATIN = ("german", "french", "spanish", "italian", "portuguese", "dutch", "swedish", "danish", "norwegian",
          "finnish", "polish", "czech", "slovak", "romanian", "hungarian", "turkish", "catalan", "indonesian",
          "vietnamese")
_CYRILLIC = ("russian", "ukrainian", "bulgarian")
_SCRIPTS = (
    (re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]"), ("greek",)),
    (re.compile(r"[\u0600-\u06ff]"), ("arabic", "persian")),
    (re.compile(r"[\u0590-\u05ff]"), ("hebrew",)),
    (re.compile(r"[\u0900-\u097f]"), ("hindi",)),
    (re.compile(r"[\uac00-\ud7af]"), ("korean",)),
    (re.compile(r"[\u0400-\u04ff]"), _CYRILLIC),
)
_TOKEN = re.compile(r"[^\W\d_]+")
_HAN_KANA = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")


@lru_cache(maxsize=64)
def language_stop_words(language: str) -> frozenset[str]:
    """The package's list for ``language`` (a full name such as "german"); empty when it has none."""
    try:
        from stop_words import get_stop_words  # lazy: the lists load only when a claim needs them
    except ImportError:  # the dependency is missing: every word counts as content, as before
        return frozenset()
    try:
        return frozenset(w.lower() for w in get_stop_words(language))
    except Exception:  # StopWordError (unknown language, unreadable file)
        return frozenset()


def _best(tokens: list[str], languages: tuple[str, ...], english: frozenset[str]) -> str | None:
    hits = {lang: sum(t in language_stop_words(lang) for t in tokens) for lang in languages}
    best = max(hits, key=lambda lang: hits[lang], default=None)
    if best is None or hits[best] == 0 or hits[best] <= sum(t in english for t in tokens):
        return None
    return best


@lru_cache(maxsize=4096)
def stop_words_for(text: str, english: frozenset[str]) -> frozenset[str]:
    """``english`` plus the stop words of the language ``text`` seems to be in."""
    for pattern, languages in _SCRIPTS:
        if len(pattern.findall(text)) >= 2:
            tokens = [t.lower() for t in _TOKEN.findall(text)]
            lang = languages[0] if len(languages) == 1 else _best(tokens, languages, frozenset())
            return english | language_stop_words(lang or languages[0])
    if len(_HAN_KANA.findall(text)) >= 2:
        # Chinese or Japanese: Latin words in it are names and terms (Sam Altman, Allen & Co.), not another
        # language's function words ("sam" is Norwegian's, "allen" German's)
        return english
    tokens = [t.lower() for t in _TOKEN.findall(text)]
    lang = _best(tokens, _LATIN, english)
    return english | language_stop_words(lang) if lang else english
