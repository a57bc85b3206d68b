"""Words, names, quotes and claim parts, for English and Chinese text.

Everything here is deterministic and cheap (regular expressions and a light
suffix stemmer), so it runs on every sentence of a source.

- ``terms(text)``: index terms for BM25: stemmed English content words,
  numbers, and for Chinese, character bigrams.
- ``claim_parts(text)``: the checkable parts of a claim: names, quoted
  phrases, numbers and dates, and the remaining content words, each with the
  terms that must be found for it to count as covered.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from .languages import stop_words_for
from .quantities import ZH_DIGITS, ZH_SMALL, Quantity, quantities

__all__ = ["negates_claim", "negations_near", "terms", "stem", "claim_parts", "Part", "is_cjk", "has_cjk", "NEGATIONS",
           "ANTONYMS", "negation_cues", "pronoun_start", "names", "opening_name", "refutation_cues", "zh_denial",
           "asserts_plainly", "cjk_words", "hearsay_quoted", "without_hearsay", "reports_hearsay", "reports_saying",
           "answer_calls_false", "statement", "attributions", "without_spans", "first_since",
           "contrasts_against", "spelt"]

STOP = frozenset("""
a an the and or but if of to in on at by for with from as is are was were be been being it its this
that these those he she they them his her hers their theirs we us our you your i me my not no nor
than then so such into onto over under about above below after before also has have had having do
does did doing which who whom whose what when where while will would shall should can could may might
must said says say saying there here both each either neither all any some other another more most
very just only own same too again further once during until up down out off through between among
per via upon within without against toward towards including include includes included
one ones s t can't won't don't didn't isn't wasn't aren't weren't hasn't haven't hadn't
new well however although though because since like around across along many much several
become became becomes year years time first later currently now still even
""".split())
NEGATIONS = frozenset("""not no never none nobody nothing neither nor without cannot can't won't don't
doesn't didn't isn't wasn't aren't weren't hasn't haven't hadn't denied denies deny refused refuses
refuse failed fails fail lack lacks lacked unable""".split()) | frozenset(
    # other languages' plain negations (not Italian "mai": German "Mai" is May; not French "ne", which
    # comes with "pas" / "jamais"; Spanish and Portuguese "no" is English's)
    """nicht kein keine keinen keinem keiner keines nie niemals pas jamais aucun aucune nunca jamás ningún
    ninguna ninguno tampoco não nenhum nenhuma non nessuno nessuna niet geen nooit nie nigdy żaden
    не нет никогда ні ніколи""".split())
ZH_NEGATIONS = ("不", "没", "未", "无", "非", "否认")
#: Words that hold a negation character but negate nothing ("nonprofit", "dissatisfied", "future"...):
#: removed before negation characters are counted.
ZH_NOT_NEGATIONS = ("非营利", "非盈利", "非常", "非洲", "非法", "无疑", "无论", "无限", "无人机", "不安", "不满",
                    "不仅", "不断", "不久", "不少", "不同", "未来", "未成年", "没收", "除非", "毫无疑问")
#: Pairs of words that reverse a statement: (word, antonym); stems, both ways.
ANTONYMS = {
    "increas": "decreas", "rise": "fall", "rose": "fell", "gain": "lose", "won": "lost", "win": "lose",
    "higher": "lower", "more": "less", "larger": "smaller", "bigger": "smaller", "before": "after",
    "alive": "dead", "approv": "reject", "accept": "reject", "allow": "ban", "open": "clos",
    "start": "end", "begin": "end", "birth": "death", "born": "died", "hire": "fire", "buy": "sell",
    "bought": "sold", "import": "export", "north": "south", "east": "west", "male": "female",
    "maximum": "minimum", "majority": "minority", "success": "failur", "profit": "loss",
    "expand": "shrink", "join": "left", "support": "oppos", "first": "last", "earliest": "latest",
    "oldest": "youngest", "victory": "defeat",
    # Chinese (whole words; matched as character bigrams)
    "增加": "减少", "增长": "下降", "上涨": "下跌", "上升": "回落", "提高": "降低", "扩大": "缩小",
    "加快": "放缓", "放量": "缩量", "盈利": "亏损", "批准": "拒绝", "胜利": "失败", "获胜": "落败",
    "出口": "进口", "开通": "停运", "升温": "降温", "同比增": "同比降", "涨幅": "跌幅",
}

# Letters of every script, except the ideographs and kana (matched as character
# bigrams instead), with the combining marks that Indic, Arabic and Hebrew words
# carry; an apostrophe splits a word (sull’Appennino, l’Assemblée, Musk's).
_CJK_CHARS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_MARKS = "\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0900-\u0963\u0970-\u0dff\u0e00-\u0e7f"
_LETTERS = rf"(?:[^\W\d_{_CJK_CHARS}]|[{_MARKS}])+"
#: "year on year", "month on month": one term, as "year-on-year" is (the words alone are a stop word and a month)
_PERIOD_ON = r"(?i:\b(?:year|month|quarter|week)\s+on\s+(?:year|month|quarter|week)\b)"
_WORD = re.compile(rf"{_PERIOD_ON}|{_LETTERS}(?:-{_LETTERS})*|\d+(?:[.,]\d+)*")
_CJK = re.compile(f"[{_CJK_CHARS}]+")
#: Capital letters of the Latin, Greek, Cyrillic and Armenian scripts (Ö, É, Ж, Σ ...).
_UPPER = "".join(re.escape(chr(c)) for c in [*range(0x41, 0x5B), *range(0xC0, 0x530), *range(0x1E00, 0x2000)]
                 if chr(c).isupper())
#: A name's word: its letters stop at Chinese, Japanese or Korean text, and a name may begin right after
#: such text (马斯克的xAI起诉OpenAI: xAI, OpenAI). Saint, Mount, Fort and Point abbreviated keep their full
#: stop inside a name ("St. Louis", "Mt. Everest"), which would otherwise cut it in two.
_NOT_CJK = rf"[^\W_{_CJK_CHARS}\uac00-\ud7a3]"
_NAME_WORD = (rf"(?:(?:[{_UPPER}]\.){{2,}}|[{_UPPER}](?:{_NOT_CJK}|[{_MARKS}]|['’\-](?={_NOT_CJK}))*"
              rf"|[{_UPPER}]\.)")
_NAME = re.compile(
    rf"(?<!{_NOT_CJK})(?:(?:The\s+)?(?:St|Mt|Mts|Ft|Pt)\.\s+(?=[{_UPPER}]))?{_NAME_WORD}"
    rf"(?:\s+(?:(?:of|the|de|la|van|von|for|del|della|di|du|des|le)\s+)?(?:{_NAME_WORD}|\d+))*"
)
#: Quoted text: in double quotes, in Chinese and Japanese corner brackets, or in single quotes ('Square Two',
#: ‘Peach State’), where an opening quote begins a word and a closing one ends it, so that the apostrophes of
#: "Blackpink's", "players'" and "rock 'n' roll" open or close nothing, and neither does a decade's ('80s).
_QUOTE = re.compile(r"[\"“”„«]([^\"“”„»]{3,200})[\"“”»]|「([^」]{2,100})」|『([^』]{2,100})』"
                    r"|(?<![\w'‘’])['‘](?!\d0s\b)(\S[^'‘’\n]{0,198}\S)['’](?![\w'‘’])")
_NAME_LEAD = frozenset("""the a an in on at of for and but or as by from to with after before during
when while since then this that these those he she it they his her its their we our you i there here
if although though however according""".split())
_ZH_STOP = set("的了和与及在是为对把被将从向于等也都而或这那其之个们中上下年月日")


def is_cjk(ch: str) -> bool:
    return "\u3040" <= ch <= "\u30ff" or "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


_LETTER = re.compile(r"[^\W\d_]")


def cjk_ratio(text: str) -> float:
    """Share of letters that are Chinese characters."""
    letters = len(_LETTER.findall(text))
    if not letters:
        return 0.0
    return sum(len(m) for m in _CJK.findall(text)) / letters


DERIVATIONAL = True
_DERIVATIONAL = ("ation", "ition", "ment", "ness", "ship", "ence", "ance", "ism", "ist", "ity", "ive", "ion",
                 "er", "or", "al")


#: British spellings and the American ones they are folded to, so that "optimisation" states
#: "optimization" and "colour" "color": word stems (any word they begin), and parts of words.
_BRITISH_STEMS = {
    **{root: root[:-3] + "or" for root in (
        "colour", "favour", "honour", "labour", "neighbour", "behaviour", "harbour", "humour", "rumour", "vapour",
        "flavour", "savour", "endeavour", "armour", "odour", "valour", "vigour", "clamour", "parlour", "splendour",
        "tumour", "saviour", "fervour", "rancour", "candour", "ardour", "demeanour")},
    **{root: root[:-1] for root in (
        "travell", "cancell", "labell", "modell", "fuell", "counsell", "signall", "marvell", "jewell", "channell",
        "tunnell", "quarrell", "levell", "funnell", "dialled", "dialling", "totalled", "totalling", "pedall",
        "shovell", "grovell", "swivell", "unravell", "initiall", "rivall")},
    "defence": "defense", "offence": "offense", "licence": "license", "pretence": "pretense",
    "programme": "program", "catalogue": "catalog", "analogue": "analog", "dialogue": "dialog",
    "aluminium": "aluminum", "mould": "mold", "plough": "plow", "sceptic": "skeptic", "pyjama": "pajama",
    "manoeuvr": "maneuver", "oestrogen": "estrogen", "foet": "fet", "paediatric": "pediatric", "haem": "hem",
    "anaem": "anem", "anaesth": "anesth", "leukaem": "leukem", "orthopaed": "orthoped", "encyclopaed": "encycloped",
    "oesophag": "esophag", "diarrhoea": "diarrhea", "grey": "gray", "jewellery": "jewelry", "woollen": "woolen",
    "enrolment": "enrollment", "fulfilment": "fulfillment", "instalment": "installment", "ageing": "aging",
    "judgement": "judgment", "acknowledgement": "acknowledgment", "cheque": "check", "storey": "story",
}
_BRITISH_PART = {"centred": "centered", "centring": "centering", "centre": "center", "metre": "meter",
                 "litre": "liter", "theatre": "theater", "fibre": "fiber", "calibre": "caliber", "spectre": "specter",
                 "sombre": "somber", "lustre": "luster", "meagre": "meager", "sabre": "saber"}
_BRITISH_START = re.compile("|".join(sorted(_BRITISH_STEMS, key=len, reverse=True)))
_BRITISH_INSIDE = re.compile("|".join(_BRITISH_PART))
#: -ise / -isation and -yse written for -ize / -ization and -yze (organise, optimisation, analysed): words of
#: seven letters or more, so that no two words become one ("rise", "wise"); an -ise word that American
#: English writes so too (advertise, exercise) is folded the same way on both sides.
_BRITISH_ISE = re.compile(r"(?<=[a-z]{3})(is|ys)(e|ed|es|ing|er|ers|ation|ations|able)$")


#: Whole words only: as a stem, "fulfil" would make the American "fulfills" "fulfillls"
_BRITISH_WORDS = {"fulfil": "fulfill", "fulfils": "fulfills", "enrol": "enroll", "enrols": "enrolls"}


def american(word: str) -> str:
    """``word`` (lower case) with a British spelling folded to the American one (``_BRITISH_STEMS``)."""
    if len(word) < 4 or not word.isascii():
        return word
    if word in _BRITISH_WORDS:
        return _BRITISH_WORDS[word]
    m = _BRITISH_START.match(word)
    if m:
        word = _BRITISH_STEMS[m.group(0)] + word[m.end():]
    if "re" in word:
        word = _BRITISH_INSIDE.sub(lambda x: _BRITISH_PART[x.group(0)], word)
    if len(word) >= 7 and ("is" in word or "ys" in word):
        word = _BRITISH_ISE.sub(lambda x: x.group(1)[0] + "z" + x.group(2), word)
    return word


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light English stemmer: British spellings folded, plural, -ed, -ing, -ly, final e; enough for overlap."""
    w = american(word.lower().replace("’", "'"))
    if w.endswith("'s"):
        w = w[:-2]
    w = w.strip("'-")
    if len(w) <= 3 or w[0].isdigit():
        return w
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("sses"):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    agreed = False
    if w.endswith("ying") and len(w) == 5:  # dying, lying, tying: die, lie, tie
        w = w[:-4] + "ie"
    elif w.endswith("ing") and len(w) > 5:
        w = w[:-3]
    elif w.endswith("ied") and len(w) in (4, 5):  # died, tied: die; tried, cried: try
        w = w[:-1] if len(w) == 4 else w[:-3] + "y"
    elif w.endswith("ed") and len(w) > 4:
        agreed = w.endswith("eed")  # agreed, freed: as agree, free (their final e kept below)
        w = w[:-2]
    elif w.endswith("ly") and len(w) > 5:
        w = w[:-2]
    if DERIVATIONAL and len(w) > 6:
        # one derivational suffix: publisher/published -> publish, election/elected -> elect
        for suffix in _DERIVATIONAL:
            if w.endswith(suffix) and len(w) - len(suffix) >= 4:
                w = w[: -len(suffix)]
                break
    if len(w) > 4 and w[-1] == w[-2] and w[-1] not in "aeiouls":
        w = w[:-1]
    if w.endswith("e") and len(w) > 3 and not agreed:
        w = w[:-1]
    if w.endswith("y") and len(w) > 3:
        w = w[:-1] + "i"
    return w


def _norm_number(token: str) -> str:
    t = token.replace(",", "")
    if "." in t:
        t = t.rstrip("0").rstrip(".")
    return t


_TERM_CACHE: dict[str, str] = {}
_intern = sys.intern


def _lowered(tok: str) -> str:
    """A token lower-cased, a spaced "year on year" hyphened as "year-on-year" (one term, as ``_WORD`` reads it)."""
    return "-".join(tok.lower().split())


def _term(tok: str) -> str:
    """The index term of one token, or "" for a stop word."""
    if tok[0].isdigit():
        return _norm_number(tok)
    low = _lowered(tok)
    if low in STOP or len(low) < 2:
        return ""
    return stem(low)


def spelt(term: str, text: str) -> list[re.Match[str]]:
    """The words of ``text`` whose index term is ``term``, as written and where: "majority" for "major",
    "open-source", "rejected" for "reject" (read as ``terms`` reads them)."""
    return [m for m in _WORD.finditer(text) if _term(m.group(0)) == term]


def terms(text: str) -> list[str]:
    """Index terms: stemmed content words, numbers, CJK bigrams (and single chars)."""
    out: list[str] = []
    cache = _TERM_CACHE
    for tok in _WORD.findall(text):
        term = cache.get(tok)
        if term is None:
            term = _term(tok)
            if len(cache) < 200_000:
                cache[tok] = term
        if term:
            out.append(term)
    for m in _CJK.finditer(text):
        run = m.group(0)
        if len(run) == 1:
            if run not in _ZH_STOP:
                out.append(run)
            continue
        # interned: a page repeats its bigrams from sentence to sentence, and each sentence's ``Counter`` keeps its
        # own; one string per distinct bigram nearly halves a Chinese page's index (bench/big_pages.py: 104 -> 59 MB)
        out.extend(map(_intern, [run[i:i + 2] for i in range(len(run) - 1)]))
    return out


@dataclass(frozen=True)
class Part:
    """A checkable piece of a claim."""

    kind: str  # name | quote | quantity | word | zh
    text: str
    terms: tuple[str, ...] = ()
    quantity: Quantity | None = None
    weight: float = 1.0
    checkable: bool = True  # False: cannot be matched lexically (e.g. Chinese vs English page)
    soft: bool = False  # also matched by meaning (word vectors): claim and page in different languages


_OPENERS = frozenset("""instead however meanwhile later despite after during although following according
today currently originally additionally previously initially eventually finally together since while
because born founded located based built released published formed married moreover furthermore
subsequently thereafter nevertheless thus hence therefore also alongside besides unlike like both using""".split())


def _opener(word: str, stop: frozenset[str] = STOP) -> bool:
    """Is a capitalised word opening a sentence an ordinary word rather than a name?"""
    low = word.lower()
    return low in _OPENERS or low in stop or low.endswith(("ly", "ing", "ed"))


def names(text: str, stop: frozenset[str] = frozenset(), *, opening: bool = False) -> list[str]:
    """Capitalised name sequences ("Media Play News", "Elon Musk", "ÖSV"). ``opening``: ``text`` opens a
    sentence, so a leading opener is no part of a name ("Today the Michigan Department of Transportation",
    "Using ECharts Java"); elsewhere it is part of a title ("starred in Born Free")."""
    out = []
    for m in _NAME.finditer(text):
        span = m.group(0).strip()
        words = span.split()
        # drop a sentence-initial function word ("The", "In", "He", "Die"), or opener
        while words and (words[0].lower() in _NAME_LEAD or words[0].lower() in stop
                         or (opening and m.start() == 0 and words[0].lower() in _OPENERS)):
            words = words[1:]
        if not words:
            continue
        span = " ".join(words)
        if len(span) < 2 or span.isdigit() or span.lower() in _HONORIFICS:
            continue  # "Mr" of "Mr. Altman", cut off by its full stop, is no name
        out.append(span)
    return out


#: A date that opens a sentence before its subject: "In 2023 Musk founded xAI", "On 5 May 2019, ..."
_DATED_OPENING = re.compile(r"(?:In|On|By|Since|During|Until|Through|From)\s+(?:(?:early|late|mid-?)\s*)?"
                            r"(?:\d{1,2}\s+)?(?:[A-Z][a-z]+\s+)?(?:\d{1,2},?\s+)?\d{4}s?,?\s+(?=[A-Z])")


def opening_name(sentence: str) -> str:
    """The name ``sentence`` opens with ("Musk left the board", "The Wayback Machine was launched"), "" when it
    opens with none ("He won ...") or with a dateline's place ("Calgary, AB (January 23, 2019) –")."""
    text = _DATED_OPENING.sub("", sentence.lstrip("#*> "), count=1)
    lead = names(text, opening=True)
    if lead and re.match(r"(?:The\s+)?" + re.escape(lead[0]) + r"(?!\s*[,(:–—-])", text):
        return lead[0]
    return ""


#: Words around a number that say it is someone's age ("aged 78", "at the age of 78", "78-year-old",
#: "78 years old", "78 years of age")
AGE_WORDS = re.compile(r"\b(?:aged|age(?:\s+of)?)(?=\s+\d)|(?<=\d)(?:-year-old|\s+years?\s+(?:old|of\s+age))\b",
                       re.I)


#: Abbreviated honorifics, which a full stop cuts off from the name they stand before
_HONORIFICS = frozenset("mr mrs ms mx dr prof messrs mme mlle".split())


#: A lone numeral and the measure word after it (三周 three weeks, 两名, 五年), which ``quantities`` leaves
#: to the words: in a Chinese claim on a page in another language it is a key part, as "three weeks" is in
#: English (LOSO: WiCE claims in Chinese 0.747 -> 0.754). Not after 第 or another numeral; not on a Chinese
#: page, where reading it on both sides lost on the Chinese news pairs (0.780 -> 0.770).
_ZH_LONE_COUNT = re.compile(r"(?<![第零〇一二两三四五六七八九十百千万亿\d])([二两三四五六七八九十])"
                            r"(周|年|天|个月|小时|名|人|次|位|座|部|本|场|届|家|所|个)(?![级分])")  # not 三年级, 两部分


def _lone_counts(text: str) -> list[Quantity]:
    """The counts ``_ZH_LONE_COUNT`` finds in ``text``, valued as ``quantities`` values numerals."""
    out = []
    for m in _ZH_LONE_COUNT.finditer(text):
        v = float(ZH_DIGITS.get(m.group(1)) or ZH_SMALL[m.group(1)])
        out.append(Quantity("count:" + m.group(2), v, v, m.start(), m.end(), m.group(0)))
    return out


def _designation(text: str, start: int) -> bool:
    """Is the number at ``start`` a name's, joined to a word by a hyphen (Tianxing-2, COVID-19, F-16)?"""
    return start >= 2 and text[start - 1] == "-" and text[start - 2].isalpha()


_CONTRACTED_NOT = re.compile(r"['’]t(?![^\W\d_])", re.IGNORECASE)


def _free_runs(text: str, used: bytearray, start: int, end: int) -> list[tuple[int, int]]:
    """The runs of ``text[start:end]`` that no part has taken yet, each without the spaces around it."""
    runs, k = [], start
    while k < end:
        while k < end and used[k]:
            k += 1
        a = k
        while k < end and not used[k]:
            k += 1
        b = k
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            runs.append((a, b))
    return runs


#: A list item's bullet or number before a claim copied from a list: "- ", "* ", "• ", "1. ", "2) ", "(3) ",
#: "a) ", "iv) ", 一、, （二）, 3、.
_ENUMERATOR = re.compile(r"\s*(?:[-*+•·▪‣►–—]\s+|(?:\d{1,2}[.)]|\(\d{1,2}\)|[a-z][)]|\(?[ivx]{1,4}\))\s+"
                         r"|[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[、．])")
#: A Markdown link: its text is read, its address is not; then bare addresses, with a "(see ...)" left empty.
_LINK = r"!?\[([^\]\n]{0,200})\]\([^)\s]{1,2000}(?:\s+\"[^\"]*\")?\)"
_MD_LINK = re.compile(_LINK)
#: An aside of links only cites: "([Reuters](https://...))", "([1](...), [2](...))".
_LINK_ASIDE = re.compile(rf"[^\S\n]{{0,3}}[(（]\s*(?:{_LINK.replace('(', '(?:', 1)}\s*[,;]?\s*){{1,10}}[)）]")
_URL = re.compile(r"<?\bhttps?://[^\s<>\"'）)\]]{1,2000}>?|\bwww\.[a-z0-9-]{1,100}\.[^\s<>\"'）)\]]{1,2000}", re.I)
_EMPTY_ASIDE = re.compile(r"\s*[(（]\s*(?:(?:see|source|sources|via|from|cf\.?)\s*:?)?\s*[,;]?\s*[)）]|\s*[:：]\s*$",
                          re.I)
#: An aside that cites rather than states: "(source: Reuters)", "(via The Verge)", "(see Table 2)", "(Smith et al.,
#: 2023)", （来源：新华社）, （资料来源：国家统计局）. Not "(NASA)", "(from 2019 to 2020)" nor "(sources say 5%)":
#: a bare name in parentheses may be what it names, "from" starts content as often as a source, and "source"
#: cites only before a colon.
_CITING_ASIDE = re.compile(
    r"[^\S\n]{0,3}[(（]\s*(?:(?:sources?|refs?\.?|references?|citations?|credits?)\s*[:：]|(?:via|see|cf\.|retrieved from"
    r"|adapted from|quoted in|cited in)(?![^\W\d_])|来源|资料来源|出处|参见|参考|引自|图源|图片来源|数据来源)"
    r"[^()（）\n]{0,200}[)）]"
    r"|[^\S\n]{0,3}[(（]\s*[A-Z][^()（）\n]{0,80}?\bet al\.?[^()（）\n]{0,120}[)）]", re.I)
#: Emphasis and code marks ("**330 metres**", "`npm`") and footnotes written with a caret or in superscript
#: after a sentence's or clause's stop ("tall.^1", "tall.¹", "हुए।^3"; not "x^2", "m²", "(a+b)^2").
_MD_MARKS = re.compile(r"\*\*|__|`|(?<=[^\w\s^()[\]])(?:\^\d{1,3}(?!\d)|[¹²³⁰⁴-⁹]+)")


#: A connective opening a claim that was cut from a longer text (an assistant's answer, a report): it joins the
#: claim to what came before, or points at the sources, and states nothing ("Additionally,", "In fact,", "It is
#: worth noting that", "According to the provided sources,", 此外，, 值得注意的是，). A named source ("According to
#: police,") is kept: it is part of what the claim says.
_CONNECTIVE = re.compile(
    r"(?:(?:additionally|furthermore|moreover|overall|notably|importantly|interestingly|specifically|ultimately"
    r"|therefore|thus|hence|consequently|essentially|indeed|meanwhile|finally|first(?:ly)?|second(?:ly)?"
    r"|third(?:ly)?|lastly|similarly|likewise|nevertheless|nonetheless|accordingly|besides|however|also|still"
    r"|in addition|in summary|in short|in conclusion|in general|in particular|in fact|in other words|as a result"
    r"|for example|for instance|on the other hand|of course|to summari[sz]e|to sum up|all in all|that said"
    r"|as such|(?:according to|based on) (?:the |these |this )?(?:provided |given |retrieved |available |cited )?"
    r"(?:sources?|documents?|search results|results|context|passages?|texts?|articles?|references?|information"
    r"|evidence))\s*,\s*"
    r"|(?:it is|it's) (?:also )?(?:worth noting|important to note|worth mentioning|notable|noteworthy) that\s+"
    r"|(?:此外|另外|总之|总的来说|综上所述|值得注意的是|值得一提的是|首先|其次|最后|因此|所以|然而|但是|不过|另一方面|例如|比如"
    r"|事实上|实际上|与此同时)\s*[，,]\s*)+", re.I)


_NAME_WORD = r"[\"“]?[A-Z][\w&'’.-]*[\"”]?"
_OUTLET = r"(?:\s+(?:magazine|newspaper|news agency|website))?"
#: A Chinese outlet's name outside 《》: a few characters and what names an outlet (路透社, 纽约时报, 新华网, 央视新闻).
_ZH_OUTLET = r"[\u4e00-\u9fff]{1,4}?(?:社|报|网|台|杂志|周刊|新闻)"
#: A claim that names who reported it: "According to Reuters,", "as reported by the BBC,", "The Guardian reported
#: that", "..., Reuters reported."; 据路透社报道，, 据《卫报》消息，, 《卫报》报道称，. The name is group "name".
_ATTRIBUTION = re.compile(
    rf"\b(?:[Aa]ccording to|[Aa]s reported by|[Aa]s reported in)\s+(?P<name>(?:the\s+)?{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,4}})"
    rf"{_OUTLET}\s*,?\s*"
    rf"|(?P<name2>(?:[Tt]he\s+)?{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,4}}){_OUTLET}\s+(?:has\s+)?(?:reported|reports|wrote"
    rf"|writes)(?:\s+(?:that|on))?(?![^\W\d_])\s*,?\s*"
    rf"|据(?:《(?P<name3>[^》\n]{{1,20}})》|(?P<name4>{_ZH_OUTLET}))的?(?:报道|报导|消息|援引)[，,]?"
    rf"|(?:^|(?<=[，,。；;：:]))(?:《(?P<name5>[^》\n]{{1,20}})》|(?P<name6>{_ZH_OUTLET}))(?:报道称|报道说|报导称)[，,]?")


def attributions(text: str) -> list[tuple[int, int, str]]:
    """Where ``text`` says who reported it, and the name it gives: (start, end, name), the span being the whole
    phrase ("According to Reuters, ")."""
    out = []
    for m in _ATTRIBUTION.finditer(text):
        name = next(g for g in m.group("name", "name2", "name3", "name4", "name5", "name6") if g)
        out.append((m.start(), m.end(), name.strip(" \"“”")))
    return out


def without_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` without ``spans`` (sorted, not overlapping), and without a comma or space they leave dangling."""
    out, at = [], 0
    for start, end in spans:
        out.append(text[at:start])
        at = end
    out.append(text[at:])
    joined = re.sub(r"\s*[,，]\s*(?=[.!?。！？]|$)|^\s*[,，]\s*", "", " ".join("".join(out).split()))
    return joined[:1].upper() + joined[1:] if joined[:1].islower() and text[:1].isupper() else joined


def statement(text: str) -> str:
    """A claim as it states something: without the bullet or number of the list it was copied from, an opening
    connective (``_CONNECTIVE``), an aside that cites (``_CITING_ASIDE``), Markdown's emphasis and links (a
    link's text is kept), web addresses, and footnote marks ("1. The tower is 330 m
    tall [2]" asked the page for a 1 and a 2, "(source: https://...)" for "https" and "org"; citation markers
    in brackets are gone with ``fold.matchable``). ``text`` itself when none is there, or when nothing else is. A number that starts a
    date ("2. Januar 2020") is the claim's, not a list's."""
    out = text
    if "](" in out:
        out = _MD_LINK.sub(r"\1", _LINK_ASIDE.sub("", out))
    if "http" in out or "www." in out:
        out = _EMPTY_ASIDE.sub("", _URL.sub("", out))
    if "(" in out or "（" in out:
        out = _CITING_ASIDE.sub("", out)
    if "*" in out or "_" in out or "`" in out or "^" in out or any("¹" <= c <= "⁹" or c in "²³" for c in out):
        out = _MD_MARKS.sub("", out)
    m = _ENUMERATOR.match(out)
    if m and m.end() < len(out) and not any(q.start < m.end() and q.kind != "number"
                                            for q in quantities(out[:m.end() + 40], changes=False)):
        out = out[m.end():]
    m = _CONNECTIVE.match(out)
    if m and m.end() < len(out):
        out = out[m.end():]
    out = " ".join(out.split())
    return out if out != text and _LETTER.search(out) else text  # a claim that is only an address is its address


def claim_parts(text: str, *, cross_lingual: bool = False, common: Callable[[str], bool] | None = None) -> list[Part]:
    """Split a claim into parts: quotes, quantities, names, then content words.

    Function words are those of the claim's language (``languages.stop_words_for``). ``common`` says
    whether a capitalised word opening the claim is an ordinary word ("Firms advertise ...") rather
    than a name ("Musk left ..."); without it only the fixed openers (``_OPENERS``) are."""
    def opener(word: str) -> bool:
        return _opener(word, stop) or (common is not None and common(word))

    stop = stop_words_for(text, STOP)
    parts: list[Part] = []
    used = bytearray(len(text))

    def mark(s: int, e: int) -> None:
        used[s:e] = b"\x01" * (e - s)

    for m in _QUOTE.finditer(text):
        inner = next(g for g in m.groups() if g)
        t = tuple(terms(inner))
        if t:
            parts.append(Part("quote", inner, t, weight=2.0))
            mark(m.start(), m.end())
    glossing = cross_lingual and has_cjk(text)
    if glossing:  # a Chinese claim on a page in another language: its names as the page writes them
        for s, e in _glossed_spans(text):
            mark(s, e)
    # a claim's parts are its own numbers: a change it gives by its ends is checked by the ends
    found = quantities(text, changes=False) + (_lone_counts(text) if glossing else [])
    for q in found:
        if any(used[q.start:q.end]):
            continue
        if glossing and _in_title(text, q.start):
            continue  # 《饥饿游戏3：嘲笑鸟（下）》 is "Mockingjay – Part 2": a Chinese title numbers its own way
        if cross_lingual and q.kind == "number" and _designation(text, q.start) and not has_cjk(text):
            mark(q.start, q.end)  # Tianxing-2, COVID-19: a name's number, written 天行二号 and 新冠 in Chinese
            continue
        parts.append(Part("quantity", q.raw, tuple(terms(q.raw)), quantity=q, weight=1.5))
        mark(q.start, q.end)
    # the words that say a number is an age are no parts of their own: "died aged 78" and "at the age of 78"
    # are stated by "dies at 78" and "Smith, 78,"
    for m in AGE_WORDS.finditer(text):
        mark(m.start(), m.end())
    # a name around a number or quote already taken is read in the pieces left: "The 1932 Australian Grand
    # Prix", "In 2019 Upton", "FIBA AmeriCup 2017"
    for start, end in [run for m in _NAME.finditer(text) for run in _free_runs(text, used, m.start(), m.end())]:
        span = text[start:end]
        head = text[:start].strip(" \"'“‘([")
        for name in names(span, stop, opening=not head):
            t = tuple(x for x in terms(name) if not x.isdigit())
            if " " not in name and not head and span.startswith(name) and opener(name):
                continue  # "Instead", "Staring" opening the claim: a word (below), not a name ("The Tianxing" is one)
            if t:
                parts.append(Part("name", name, t, weight=1.5, soft=cross_lingual))
        if " " in span or head or not opener(span):
            mark(start, end)
    for m in _WORD.finditer(text):
        if any(used[m.start():m.end()]):
            continue
        tok = m.group(0)
        low = _lowered(tok)
        if tok[0].isdigit() or low in stop or len(low) < (3 if low.isascii() else 2) or low in NEGATIONS:
            continue
        if _CONTRACTED_NOT.match(text, m.end()):
            continue  # the "doesn" of doesn't, the "won" of won't: half of a negation, no word of the claim
        if low in ("longer", "more") and _NO_LONGER.search(text[:m.start()]):
            continue  # "no longer sold", "not any more": the negation's own word, as "not" is none
        parts.append(Part("word", tok, (stem(low),), soft=cross_lingual))
    # Chinese: the text without the spans already taken (numbers, dates, quotes),
    # so "4万名员工" gives the quantity 4万 and the word 员工, not "万名"
    masked = "".join(" " if used[k] else ch for k, ch in enumerate(text))
    for m in _CJK.finditer(masked):
        run = m.group(0)
        # whole words (jieba): against a Chinese page found as substrings, against
        # an English page matched by meaning (word vectors)
        for word in cjk_words(run):
            if len(word) >= 2 and word not in _ZH_STOP_WORDS and not _ZH_NUMERIC.fullmatch(word):
                bigrams = tuple(word[i:i + 2] for i in range(len(word) - 1))
                parts.append(Part("zh", word, bigrams, soft=cross_lingual))
    # the same word twice counts once
    seen: set[tuple[str, ...]] = set()
    unique = []
    for p in parts:
        key = (p.kind,) + p.terms if p.kind != "quantity" else (p.kind, p.text)
        if key in seen:
            continue
        seen.add(key)
        unique.append(p)
    return unique


#: A Chinese name with the name as written in its own language after it: 萨姆·奥尔特曼（Sam Altman）,
#: 艾伦公司（Allen & Co.）; or an acronym (北美冰球联盟（NAHL）), which ``_glossed_spans`` leaves alone.
_GLOSS = re.compile(r"([\u3400-\u9fff·・]+)[（(]\s*([A-Za-z][^（）()\u3400-\u9fff]{0,80}?)\s*[）)]")


def _glossed_spans(text: str) -> list[tuple[int, int]]:
    """The spans of a Chinese claim's names that it also gives in Latin letters right after them, in
    brackets: on a page in another language the Latin name is what to look for, and the Chinese
    rendering (a transliteration the page never writes) is no part of its own. A name of dotted parts
    (奥丽·奥科洛) is taken whole; another, word by word back from the bracket, as many words as the Latin
    gives, up to a function word (开在举世闻名的|医生洞海滩). Not an acronym's (AGI, NAHL)."""
    out = []
    for m in _GLOSS.finditer(text):
        run, latin = m.group(1), m.group(2)
        dotted = re.search(r"[\u3400-\u9fff]+(?:[·・][\u3400-\u9fff]+)+$", run)
        if dotted:  # the first part's last word: 他的孙子克莱夫·乌尔 is 克莱夫·乌尔
            first = re.split("[·・]", dotted.group(0))[0]
            lead = cjk_words(first)[-1]
            out.append((m.start(1) + dotted.start() + len(first) - len(lead), m.end(1)))
            continue
        words = re.findall(r"[A-Za-z][\w'’.&-]*", latin)
        if len(words) == 1 and words[0].isupper():
            continue  # 通用人工智能（AGI）: an English page may spell it out, in lower case ("artificial general
            # intelligence"), which the glosses of the Chinese words find and the acronym does not
        n = len(words)
        start = m.end(1)
        for word in reversed(cjk_words(run)[-n:]):
            if word in _ZH_STOP or word in _ZH_STOP_WORDS:
                break
            start -= len(word)
        if start < m.end(1):
            out.append((start, m.end(1)))
    return out


def _in_title(text: str, at: int) -> bool:
    """Does position ``at`` of ``text`` stand inside a work's title in Chinese title marks (《…》)?"""
    opened = text.rfind("《", 0, at)
    return opened >= 0 and text.find("》", opened) > at and text.rfind("》", 0, at) < opened


_ZH_STOP_WORDS = frozenset("""我们 他们 她们 它们 这个 那个 这些 那些 以及 并且 而且 但是 因为 所以 如果 已经 曾经
一个 一些 没有 不是 就是 还是 或者 之后 之前 其中 通过 由于 对于 关于 成为 进行 表示 认为 目前 当时""".split())
_ZH_NUMERIC = re.compile(r"[\d零〇一二两三四五六七八九十百千万亿数几年月日号]+")
_segmenter = None


#: Kana: a run of Chinese characters that holds any is Japanese (not the katakana middle dot, which
#: Chinese text also writes between the parts of a foreign name: 埃隆・马斯克).
_KANA = re.compile(r"[\u3040-\u309f\u30a0-\u30fa\u30fc-\u30ff]")
#: Japanese words by script: a run of katakana (loanwords and foreign names: ソニーグループ, カメラ), or a run of
#: kanji (発表, 抗議活動); the hiragana between them (particles, verb endings) and the middle dot that
#: separates the parts of a foreign name (ドナルド・トランプ) end a word.
_JA_WORD = re.compile(r"(?P<katakana>[\u30a0-\u30fa\u30fc-\u30ff]+)"
                      r"|(?P<kanji>[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)")
JA_KANJI_WHOLE = 3  # a run of kanji this long or shorter is one word; a longer one is split by jieba


def cjk_words(run: str) -> list[str]:
    """Words of a run of Chinese or Japanese text: Chinese by jieba (``zh_words``); Japanese, which jieba
    does not know (it cut ソニーグループ into seven characters and 発表 into two), by script (``_JA_WORD``)."""
    if not _KANA.search(run):
        return zh_words(run)
    out: list[str] = []
    for m in _JA_WORD.finditer(run):
        kanji = m.group("kanji")
        out.extend(zh_words(kanji) if kanji and len(kanji) > JA_KANJI_WHOLE else [m.group(0)])
    return out


#: How jieba cuts what is not a Chinese word: its own few dictionary words (C++, AT&T) whole; runs of
#: letters, digits and +#&._%- cut into letters-and-digits (a decimal and a % kept on) and what stands
#: between ("2020-11-30" is 2020, -, 11, -, 30; "e-mail" is e, -, mail); any other character alone.
_JIEBA_RUN = re.compile(r"[a-zA-Z0-9+#&._%\-]+|\S")
_JIEBA_SKIP = re.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")
_JIEBA_HAN = re.compile(r"[\u4e00-\u9fd5]")  # what jieba reads as Chinese


def zh_words(text: str) -> list[str]:
    """Chinese words as jieba cuts them (its dictionary and HMM), by rjieba: jieba-rs, the same algorithm
    and dictionary in Rust, ~15x faster than jieba's Python, loaded in 0.13 s instead of 0.9 s, in ~40 MB
    less. rjieba keeps runs such as "2020-11-30" whole, which are cut here as jieba cuts them
    (tests/test_match_languages.py; checked against jieba on the 1,953 Chinese texts of bench/data/zh and
    25,000 random mixed strings: the same words)."""
    global _segmenter
    if _segmenter is None:
        import rjieba  # lazy: only for Chinese text

        _segmenter = rjieba
    out: list[str] = []
    cache = _ZH_TOKEN_CACHE
    for w in _segmenter.cut(text):
        pieces = cache.get(w)
        if pieces is None:
            if _JIEBA_HAN.search(w) or _segmenter.has_word(w):
                pieces = (w,)
            else:
                pieces = tuple(x for run in _JIEBA_RUN.findall(w) for x in _JIEBA_SKIP.split(run) if x)
            if len(cache) < 200_000:
                cache[w] = pieces
        out.extend(pieces)
    return out


_ZH_TOKEN_CACHE: dict[str, tuple[str, ...]] = {}  # rjieba's token -> jieba's words for it


_LETTER_WORD = re.compile(rf"{_LETTERS}(?:-{_LETTERS})*")


def sentence_words(text: str) -> list[str]:
    """Content words of a sentence, for soft (meaning) matching: English words, Chinese words."""
    words = []
    for w in _LETTER_WORD.findall(text):  # case kept: "Musk" ~ 马斯克 0.56, "musk" 0.44
        if len(w) < 3 or w.lower() in STOP:
            continue
        words.append(w)
        if "-" in w:  # co-founded: also "founded"
            words += [x for x in w.split("-") if len(x) >= 3]
    if has_cjk(text):
        cjk = _CJK.findall(text)
        found = [w for run in cjk for w in cjk_words(run)] if _KANA.search(text) else zh_words("".join(cjk))
        words += [w for w in found if len(w) >= 2 and w not in _ZH_STOP_WORDS]
    return list(dict.fromkeys(words))


REFUTATIONS = frozenset("""false untrue fake hoax hoaxes debunked debunk myth misleading rumor rumors rumour
rumours fabricated baseless unfounded incorrect wrong refuted refutes disproved""".split())
ZH_REFUTATIONS = ("谣言", "辟谣", "不实", "假消息", "虚假", "并非", "不属实", "系谣", "网传", "误读", "澄清", "子虚乌有",
                  "没有依据", "不是真的", "失实", "不准确", "捏造", "杜撰", "无中生有")


#: Chinese wording by which a source denies or corrects what a claim asserts (谣言, 不属实, 并非,
#: 尚未, 不宜 in "建议……也可以适量饮用，但不宜过浓").
ZH_DENIALS = ("谣言", "辟谣", "不实", "不属实", "假消息", "虚假", "并非", "系谣", "子虚乌有", "没有依据", "没有科学依据",
              "不是真的", "与事实不符", "夸大其词", "不存在", "未发现", "并不", "尚未", "不能", "不宜", "无需", "没有任何",
              "失实", "不准确", "捏造", "杜撰", "无中生有", "并无", "并未", "从未")
#: A claim with any of these reports a denial itself ("X否认……", "网传……不实"): no cue then.
#: Any negation character counts (不要, 不吃, 无需): narrower lists fired more often on claims that
#: were right (precision 0.71 against 0.82 on the Chinese news pairs).
ZH_CLAIM_DENIES = ZH_DENIALS + ("否认", "不符", "伪造", "无关", "澄清", "虚构", "造谣", "不", "没", "未", "无", "非")


#: Whom a Chinese sentence names as the source when it reports hearsay (网传, 自媒体 ...): the numbers a
#: rumour is quoted with after one of these are not the page's own (``retrieve``), and with these and a few
#: looser reporting words (网上, 消息称 ...) a sentence reports the claim rather than stating it (``contradict``).
HEARSAY_SOURCES = ("网传", "流传", "传闻", "传言", "据传", "网友", "网民", "自媒体", "说法", "爆料")
#: A rumour a Chinese sentence quotes, after the words that report it (网传“……”, 有自媒体发布文章称“……”) or before
#: them (“……”的说法在网上流传, 一段称“……”的视频在社交平台流传). Not a plain 称: "公司称“营收增长20%”" quotes the
#: company, which is evidence.
HEARSAY_QUOTE = re.compile(rf"(?:{'|'.join(HEARSAY_SOURCES)})[^“”。]{{0,16}}“([^”]{{1,200}})”"
                           r"|“([^”]{1,200})”的?(?:说法|消息|传言|传闻|言论|视频|文章|帖子)[^“”。]{0,12}"
                           r"(?:流传|传播|热传|疯传|刷屏)")


def hearsay_quoted(text: str) -> list[tuple[int, int]]:
    """The spans of what ``text`` quotes from a rumour it reports (``HEARSAY_QUOTE``)."""
    if "“" not in text:
        return []
    return [m.span(1) if m.group(1) is not None else m.span(2) for m in HEARSAY_QUOTE.finditer(text)]


def without_hearsay(text: str) -> str:
    """``text`` as its writer states it: what it quotes from a rumour blanked out (spaces, the same length)."""
    spans = hearsay_quoted(text)
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


#: The denial words that call a claim false outright.
ZH_FALSE = ("谣言", "辟谣", "不实", "不属实", "并非", "与事实不符", "子虚乌有", "没有科学依据", "系谣", "假消息", "虚假",
            "不是真的", "没有依据", "失实", "不准确", "捏造", "杜撰", "无中生有")


#: A claim with one of these reports a rumour or its denial itself (网传……, 否认……的传闻, "dismissed rumours that ..."):
#: it may be backed by the rumour a page quotes.
_ZH_REPORTS = (*HEARSAY_SOURCES, *ZH_FALSE, "否认", "澄清", "辟谣", "谣言", "传闻", "网上", "消息称", "文章称")
_EN_REPORTS = re.compile(r"\b(?:rumou?rs?|hoax|claims? that|claimed|reportedly|allege|denie|deny|denial|debunk|clarif"
                         r"|dismiss|circulat|viral|fake|false|untrue)", re.I)


def reports_hearsay(claim: str) -> bool:
    """Does the claim report a rumour or a denial of one, rather than state a thing itself?"""
    return any(w in claim for w in _ZH_REPORTS) if has_cjk(claim) else bool(_EN_REPORTS.search(claim))


#: English words by which a claim reports what someone says, beside the rumour words of ``_EN_REPORTS``.
_EN_SAYS = re.compile(r"\b(?:says?|said|claim(?:s|ed)?|alleg\w*|according|reports?|reported|wr[io]tes?|posts?|posted|"
                      r"tweet\w*|suggest\w*|believe[sd]?|rumou?r\w*|quot\w*)\b", re.IGNORECASE)


def reports_saying(claim: str) -> bool:
    """Does the claim report what someone says or spreads ("a post says ...", 网传……)? Then it is true of the
    saying, whatever a page thinks of what is said."""
    return bool(_EN_SAYS.search(claim)) or reports_hearsay(claim)


#: An English (or other spaced-script) claim with one of these reports a denial or correction itself
#: ("the bureau clarified that ...", "a report dismissed as unrelated"), as ZH_CLAIM_DENIES do in Chinese.
_CLAIM_DENIES = re.compile(r"\b(?:clarif|dismiss|reject|forg|unrelated|fabricat|rumo)", re.I)


def asserts_plainly(claim: str) -> bool:
    """Does the claim state something outright, with no negation or report of a denial of its own?"""
    if has_cjk(claim):
        return not any(w in claim for w in ZH_CLAIM_DENIES)
    return not (negation_cues(claim) or refutation_cues(claim) or _CLAIM_DENIES.search(claim))


def zh_denial(claim: str, evidence: list[str], words: tuple[str, ...] = ZH_DENIALS) -> str:
    """The Chinese denial word (of ``words``) in the evidence of a claim that asserts plainly ("": none).

    The claim may be in Chinese or, checked against a Chinese page, in another language: "the bureau
    will drop the PE test" against a notice that calls 取消体育考试 a rumour (谣言)."""
    if not asserts_plainly(claim):
        return ""
    return next((w for text in evidence for w in words if w in text), "")


#: An English sentence that answers the one before it by calling it false: "it is total nonsense", "this is
#: simply not true", "that claim is false", "in the end, it will be incorrect". Only a word that points back
#: (it, this, that claim) before a verb of being: "a false dichotomy" or "it is not false" say nothing. Not
#: "it is a myth that ..." or "it is incorrect to say ...": what they call false follows them; not "this is not
#: true in all cases", which qualifies (a sentence of Factcheck-Bench's pages). Not words that
#: also judge a thing or a deed rather than a statement ("it was wrong", "it is fake": the painting). Not a
#: fact-check's "Rating: False": it rates the page's claim, not the sentence before it (often the page's own
#: correction).
_CALLS_FALSE = re.compile(
    r"\b(?:it|this|that|(?:the|this|that) (?:claim|story|statement|rumou?r|report|answer|quote)s?)"
    r"(?:\s+(?:is|was|are|were|will be|would be|sounds?|seems?)\b|['’]s\b)"
    r"\s+(?:(?:simply|just|completely|entirely|absolutely|totally|clearly|all|utterly|plainly|also)\s+)?"
    r"(?:(?:total|complete|utter|pure|absolute|a total|a complete|an utter)\s+)?"
    r"(nonsense|untrue|false|not true|incorrect|inaccurate|a myth|a hoax|baseless|a lie)\b"
    r"(?!\s+(?:that|to)\b)(?!\s+(?:in|for|of)\s+(?:all|every|most|many)\b)", re.IGNORECASE)


def answer_calls_false(sentence: str) -> str:
    """The words by which an English ``sentence`` calls what the sentence before it says false ("": none)."""
    m = _CALLS_FALSE.search(sentence)
    return m.group(0) if m else ""


def refutation_cues(text: str) -> int:
    """Words that call something false (谣言, 辟谣, "debunked"): a source that refutes a claim often names it."""
    low = text.lower()
    n = sum(1 for w in re.findall(r"[^\W\d_]+", low) if w in REFUTATIONS)
    return n + sum(low.count(z) for z in ZH_REFUTATIONS)


#: Words of any alphabet (apostrophes inside: can't, n'est), numbers, and single Chinese characters.
_NEG_WORD = re.compile(r"[^\W\d_\u3400-\u9fff]+(?:['’][^\W\d_\u3400-\u9fff]+)*")
_NEG_TOKEN = re.compile(r"[^\W\d_\u3400-\u9fff]+(?:['’][^\W\d_\u3400-\u9fff]+)*|\d+|[\u4e00-\u9fff]")


#: English phrases that negate what follows without a negation word: "has yet to release" (has not yet released),
#: "declined to comment" (did not comment); "declined" alone is a fall ("sales declined 5%").
_PHRASAL_NEGATION = re.compile(r"\b(?:(?<=has )|(?<=have )|(?<=had )|(?<=is )|(?<=are )|(?<=was )|(?<=were )|(?<=am ))yet"
                               r"(?= to\b)|\bdeclin(?:ed|es|e|ing)(?= to\b)", re.IGNORECASE)


#: A contrast set off by commas after its "not": the words it denies (", not Clinton,"), and what closes it
_SET_OFF = r"(?:\s+[\w'’.-]+){1,4}"
_SET_OFF_END = r"\s*(?:[,;)]|\.(?:\s|$)|$)"
#: English negations that deny nothing: "not only a singer but also an actor" ("not just X but Y"; a bare "not
#: simply dummy text" denies), "not until 1998 was the law passed" and "did not open until 9 am" (it was,
#: then), "never seen until 1998".
_NOT_DENYING = re.compile(r"\b(?:not|never|\w+n['’]t)\b(?=\s+only\b|\s+(?:just|merely|simply|solely)\b[^.;:!?]*\bbut\b"
                          r"|(?:(?![.;:!?,]).){0,60}?\b(?:until|till)\b"
                          # an idiom ("not long after", "not far from", "not least", "not surprisingly"; not "not
                          # uncommon", which denies "uncommon"), and a negation of a negative verb ("never fails to
                          # attract": it always does), with that verb
                          r"|\s+(?:long\s+(?:after|before|ago)|far\s+from|least|surprisingly|fail|fails|failed|lack"
                          r"|lacks|lacked)\b)"
                          r"|(?:(?<=never )|(?<=not )|(?<=n't )|(?<=n’t ))(?:fail|fails|failed|lack|lacks|lacked)\b"
                          r"|\bnone(?=\s+other\s+than\b)"
                          # a contrast that denies only the words set off after it: "Trump, not Clinton, won"
                          # (read on its own by ``contrasts_against``)
                          rf"|(?<=, )not(?={_SET_OFF}{_SET_OFF_END})", re.IGNORECASE)
_CONTRAST = re.compile(rf"(?<=, )not(?P<what>{_SET_OFF}){_SET_OFF_END}")


def contrasts_against(sentence: str, claim: str, claim_terms: set[str]) -> int:
    """How many contrasts in ``sentence`` ("Musk, not Altman, left the board") deny words of the claim that the
    claim does not deny the same way: against "Altman left the board" the sentence is negated; against
    "Musk, not Altman, left the board" it is a copy."""
    def denied(text: str) -> list[set[str]]:
        return [{stem(w.lower()) for w in m.group("what").split()} for m in _CONTRAST.finditer(text)]
    own = set().union(*denied(claim))
    return sum(1 for what in denied(sentence) if what & claim_terms and not what <= own)


#: What makes "longer" / "more" part of a negation right after it: "no longer", "not any longer", "not any more".
_NO_LONGER = re.compile(r"\b(?:no|any)\s+$", re.I)


def _negation_offsets(text: str) -> tuple[set[int], set[int]]:
    """Where negation words of ``text`` deny nothing (``_NOT_DENYING``), and where a phrase negates without one
    (``_PHRASAL_NEGATION``): their start offsets."""
    return {m.start() for m in _NOT_DENYING.finditer(text)}, {m.start() for m in _PHRASAL_NEGATION.finditer(text)}


def _may_deny(text: str, word: re.Match[str], denying_nothing: set[int]) -> bool:
    """Can the negation ``word`` of ``text`` deny something: not one that denies nothing, nor a prefix ("non" of
    "non-profit", "not" of "not-for-profit")?"""
    return word.start() not in denying_nothing and text[word.end():word.end() + 1] != "-"


def negation_cues(text: str) -> int:
    low = text.lower()
    for word in ZH_NOT_NEGATIONS:
        low = low.replace(word, " ")
    denying_nothing, phrasal = _negation_offsets(low)
    n = sum(1 for m in _NEG_WORD.finditer(low) if m.group(0) in NEGATIONS and _may_deny(low, m, denying_nothing))
    n += len(phrasal)
    n += sum(low.count(z) for z in ZH_NEGATIONS)
    return n


#: Chinese words of a rise and of a fall: each of the one is an antonym of each of the other (有所回升 / 连续三年下降).
ZH_RISES = ("增长", "上涨", "上升", "增加", "回升", "提高", "攀升")
ZH_FALLS = ("下降", "减少", "下滑", "回落", "降低", "下跌")
#: More pairs whose first word already has an antonym above.
MORE_ANTONYMS = (("加快", "回落"), *((a, b) for a in ZH_RISES for b in ZH_FALLS), ("涨", "跌"),
                 # a change against no change: 涨幅有所扩大 / 涨幅与上月持平
                 ("扩大", "持平"), ("缩小", "持平"), ("加快", "持平"), ("放缓", "持平"), ("上升", "持平"), ("下降", "持平"),
                 # what a company is, and how a model or a trial came out
                 ("for-profit", "nonprofit"), ("for-profit", "non-profit"), ("for-profit", "not-for-profit"),
                 ("open-source", "closed-source"), ("开源", "闭源"), ("acquitted", "convicted"),
                 # how a court or an agency answered a request: granted or approved, denied or rejected
                 ("granted", "denied"), ("approved", "denied"), ("granted", "rejected"), ("upheld", "overturned"),
                 # how long it held: "permanently fired" against "briefly fired"
                 ("permanent", "temporary"), ("permanent", "brief"), ("永久", "短暂"), ("永久", "暂时"),
                 # a change measured against another base: on the same month a year before, or the month before
                 ("同比", "环比"), ("year-on-year", "month-on-month"), ("year-on-year", "quarter-on-quarter"),
                 ("month-on-month", "quarter-on-quarter"))
_ANT: dict[str, set[str]] = {}
for _a, _b in (*ANTONYMS.items(), *MORE_ANTONYMS):
    _ANT.setdefault(stem(_a), set()).add(stem(_b))
    _ANT.setdefault(stem(_b), set()).add(stem(_a))


_SPAN_UNIT = r"(?:years?|decades?|months?|weeks?|days?|seasons?|centur(?:y|ies))"
_SPAN_SIZE = r"(?:(?:the\s+)?(?:past|last)\s+)?(?:over\s+|more\s+than\s+|nearly\s+|almost\s+|about\s+)?\S+\s+"
#: "its first title since 1998", "won the seat for the first time in 40 years": it had not happened over that span
#: (and "it's been 13 years since I was on a stage")
_FIRST_SINCE = re.compile(r"\bfirst\b(?:(?![.;!?]).){0,60}?\b(?:since\b|in\s+" + _SPAN_SIZE + _SPAN_UNIT + r"\b)"
                          r"|\bit(?:['’]s|\s+has|\s+had|['’]d)\s+been\s+" + _SPAN_SIZE + _SPAN_UNIT + r"\s+since\b",
                          re.IGNORECASE)
#: A span over which a negated claim says something had not happened ("since 1998", "in 40 years", "for a decade")
_SINCE_SPAN = re.compile(r"\b(?:since\b|(?:in|for)\s+" + _SPAN_SIZE + _SPAN_UNIT + r"\b)", re.IGNORECASE)


def first_since(sentence: str, claim: str) -> bool:
    """Does English ``sentence`` say that something happened for the first time since a date or in a span ("its
    first league title since 1998") where ``claim`` says it had not happened over a span ("had not won the
    league since 1998")? Then the sentence states the claim's negation without a negation of its own."""
    return _FIRST_SINCE.search(sentence) is not None and _SINCE_SPAN.search(claim) is not None


def negations_near(sentence: str, claim_terms: set[str], window: int = 4) -> int:
    """How many negations in ``sentence`` are followed closely by a word of the claim, or, closing a clause,
    preceded by one (German puts "nicht" last: "... die Lage verbessert sich nicht.").

    "X was not approved" negates the claim "X was approved" once; "it never would have happened without
    him" does not negate "he amassed the collection"."""
    found = list(_NEG_TOKEN.finditer(sentence))
    words = [m.group(0) for m in found]
    denying_nothing, phrasal = _negation_offsets(sentence)
    n = 0
    for k, w in enumerate(words):
        low = w.lower()
        if not _may_deny(sentence, found[k], denying_nothing):
            continue
        if low in NEGATIONS or low in ZH_NEGATIONS or found[k].start() in phrasal:
            after = words[k + 1:k + 1 + window]
            if _CLAUSE_END.match(sentence, found[k].end()):
                after = words[max(0, k - window):k]
            if any(stem(x.lower()) in claim_terms for x in after if len(x) > 2):
                n += 1
            elif low in ZH_NEGATIONS and any(x in "".join(claim_terms) for x in after):
                n += 1
    return n


#: What follows a word that closes a clause: punctuation, or the end of the text.
_CLAUSE_END = re.compile(r"\s*(?:[.,;:!?)»\"”]|$)")


#: Negations that scope over what follows them: in Chinese the longer forms first (并不能 before 不).
#: Bare 不 / 未 / 没 are left out: in news they mostly negate something else (不敌, 不宜, 暂不调整, 此前未被记录).
ZH_SCOPED_NEGATIONS = ("并不能", "并不会", "并不是", "并不存在", "并没有", "并未", "并非", "不能", "不会", "没有", "从未",
                       "不存在", "不再")
EN_SCOPED_NEGATIONS = frozenset("not never cannot can't won't don't doesn't didn't isn't wasn't aren't weren't "
                                "hasn't haven't hadn't".split())
#: Words that may stand between an English negation and the verb it negates ("not yet been", "no longer").
_NEG_BRIDGE = frozenset("be been being have has had yet ever longer also".split())
_ZH_SCOPE = 4  # characters after a Chinese negation in which a claim bigram must start
_ZH_BARE_NOT = re.compile(r"(?<![并从])未(?:能|曾)?")


def zh_negated(sentence: str, width: int) -> Iterator[str]:
    """The ``width`` characters after each Chinese negation that scopes over what follows it
    (``ZH_SCOPED_NEGATIONS``, in that order), once the words that only look negated are blanked (非常, 无人机:
    ``ZH_NOT_NEGATIONS``); none after a negation that denies nothing (并不否认, 不排除); then the two
    characters after each bare 未."""
    for word in ZH_NOT_NEGATIONS:
        sentence = sentence.replace(word, " " * len(word))
    for neg in ZH_SCOPED_NEGATIONS:
        start = sentence.find(neg)
        while start >= 0:
            after = sentence[start + len(neg):start + len(neg) + width]
            if not after.startswith(("否认", "排除")):
                yield after
            start = sentence.find(neg, start + 1)
    # bare 未 negates the word right after it (未发生, 尚未签订): only that word, as it mostly negates something
    # other than the claim a few characters on (此前未被记录)
    for m in _ZH_BARE_NOT.finditer(sentence):
        yield sentence[m.end():m.end() + 2]


def negates_claim(sentence: str, claim_terms: set[str]) -> bool:
    """Does a negation in ``sentence`` stand immediately before a word of the claim?

    "姜汤并不能杀灭感冒病毒" negates "姜汤能够杀灭感冒病毒" (杀灭 follows 并不能);
    "X was not approved" negates "X was approved"; "will have nothing to do with"
    negates nothing the claim says. Only the negation itself and, in English,
    auxiliaries ("not yet been", "no longer") may stand between."""
    low = sentence.lower()
    for after in zh_negated(low, _ZH_SCOPE + 1):
        if any(after[i:i + 2] in claim_terms for i in range(len(after) - 1)):
            return True
    words = re.findall(r"[a-z']+", low)
    for k, w in enumerate(words):
        if w in EN_SCOPED_NEGATIONS or (w == "no" and k + 1 < len(words) and words[k + 1] == "longer"):
            rest = words[k + 1:k + 4]
            while rest and rest[0] in _NEG_BRIDGE:
                rest.pop(0)
            if rest and len(rest[0]) > 2 and stem(rest[0]) in claim_terms:
                return True
    return False


def antonym_clash(claim_terms: set[str], evidence_terms: set[str]) -> list[tuple[str, str]]:
    """(claim word, evidence word) pairs that are antonyms, where the claim lacks the one the evidence has."""
    out = []
    for t in claim_terms:
        for a in _ANT.get(t, ()):
            if a in evidence_terms and t not in evidence_terms and a not in claim_terms:
                out.append((t, a))
    return out


def pronoun_start(text: str) -> bool:
    low = text.lstrip().lower()
    first = re.match(r"[a-z]+", low)
    return bool(first and first.group(0) in {"he", "she", "it", "they", "his", "her", "its", "their"})
