"""Numbers, amounts and dates in English and Chinese, normalised for comparison.

``quantities(text)`` finds every number-like mention and returns ``Quantity``
records whose value is an interval ``[lo, hi]`` (exact numbers have lo == hi,
vague ones such as "tens of millions" / 数千万 span a range) and whose ``kind``
says what is counted: ``year``, ``date``, ``percent``, ``money`` or ``number``.
Dates carry ``(year, month, day)`` with unknown parts as 0. A change given by
its two ends ("rose from 70 to 160", 由50%提高到60%) also states the change
itself, as a quantity spanning both (90; 10 percentage points, upward).

So that "974亿美元" and "$97.4 billion" compare equal, Chinese numerals and the
myriad units 万/亿 are folded into plain floats, and English scale words
(thousand, million, billion, trillion) likewise.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

__all__ = ["Quantity", "quantities", "same_value", "compatible", "conflicts", "contradicts", "resolve_date",
           "relative_dates", "weekday_dates", "zh_number", "DURATION_WORDS"]

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}
# Month names of the other languages whose pages state dates with a day first ("18. November 2021",
# "18 de noviembre de 2021", "3 mars 2020"); read only after a day (so the planet Mars is no month)
EU_MONTHS = {
    # German
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "april": 4, "mai": 5, "juni": 6, "juli": 7,
    "august": 8, "september": 9, "oktober": 10, "november": 11, "dezember": 12,
    # Spanish
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8,
    "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
    # Portuguese
    "janeiro": 1, "fevereiro": 2, "março": 3, "maio": 5, "junho": 6, "julho": 7, "setembro": 9,
    "outubro": 10, "novembro": 11, "dezembro": 12,
    # French
    "janvier": 1, "février": 2, "mars": 3, "avril": 4, "juin": 6, "juillet": 7, "août": 8,
    "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12,
    # Italian
    "gennaio": 1, "febbraio": 2, "aprile": 4, "maggio": 5, "giugno": 6, "luglio": 7, "settembre": 9,
    "ottobre": 10, "dicembre": 12,
    # Dutch
    "januari": 1, "februari": 2, "maart": 3, "mei": 5, "augustus": 8,
}

_EU_MONTH_NAMES = "(?:" + "|".join(sorted(EU_MONTHS, key=len, reverse=True)) + ")"
SCALES = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9,
    "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12, "k": 1e3,
    # German, French, Spanish, Italian, Dutch, Portuguese (not German "Billion", 10^12, which
    # English spells the same as its 10^9: it stays English)
    "tausend": 1e3, "millionen": 1e6, "mio": 1e6, "mio.": 1e6, "milliarde": 1e9, "milliarden": 1e9,
    "mrd": 1e9, "mrd.": 1e9, "millions": 1e6, "milliard": 1e9, "milliards": 1e9, "millones": 1e6,
    "millón": 1e6, "milione": 1e6, "milioni": 1e6, "miliardo": 1e9, "miliardi": 1e9, "miljoen": 1e6,
    "miljard": 1e9, "milhão": 1e6, "milhões": 1e6,
    # India, Pakistan, Bangladesh, Nepal: a lakh is 10^5, a crore 10^7 ("Rs 5 crore", "2.5 lakh crore")
    "lakh": 1e5, "lakhs": 1e5, "lac": 1e5, "lacs": 1e5, "crore": 1e7, "crores": 1e7, "cr": 1e7,
    "lakh crore": 1e12, "lakh crores": 1e12,
    # Spanish and Portuguese "mil", Italian "mila", French "mille": a thousand ("87 mil operarios")
    "mil": 1e3, "mila": 1e3, "mille": 1e3, "mil millones": 1e9, "mil milhões": 1e9,
}
_OTHER_SCALES = (r"tausend|millionen|mio\.?|milliarden?|mrd\.?|millions|milliards?|millones|millón|milion[ei]"
                 r"|miliard[oi]|miljoen|miljard|milhão|milhões|lakhs?\s+crores?|lakhs?|lacs?|crores?"
                 r"|mil\s+(?:millones|milhões)|mil|mila|mille")
WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "dozen": 12, "a hundred": 100, "a thousand": 1000, "a million": 1e6, "a billion": 1e9,
}
CURRENCY_WORDS = (r"(?:dollars?|usd|us\$|(?:d['’]\s?)?euros?|eur|€|pounds?|gbp|yuan|rmb|cny|yen|jpy|rupees?"
                  r"|francs?)")
ZH_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
             "八": 8, "九": 9}
ZH_SMALL = {"十": 10, "百": 100, "千": 1000}
_VAGUE_CURRENCY = r"(?:dollars|euros|pounds|yuan|yen|rupees|francs)"  # "millions of dollars", as a vague sum writes it
ZH_CURRENCY = "(?:美元|美金|欧元|英镑|日元|人民币|元|港元|港币|円)"  # 円: Japanese yen (2億円 is folded to 2亿円)


@dataclass(frozen=True)
class Quantity:
    kind: str  # year | date | percent | money | number
    lo: float
    hi: float
    start: int
    end: int
    raw: str
    date: tuple[int, int, int] = (0, 0, 0)  # for kind "date" (and "year": (y, 0, 0))
    direction: int = 0  # a change stated with its direction: +1 "rose 3%" / 增长3%, -1 "fell 3%" / 下降3%, 0 none
    at_least: bool = False  # stated as a lower bound: "more than 12,000", 超过1.2万, 1.2万余, 1.2万人以上
    at_most: bool = False  # stated as an upper bound it stays below: "fewer than 20", "under 5%", 不到20人
    guessed: bool = False  # a date read from a day of the week and the page's date: it backs a claim, never conflicts
    nearly: bool = False  # stated as approaching the value from below: "nearly 1,000", "almost 20%", 近1000人, 将近

    @property
    def exact(self) -> bool:
        return self.lo == self.hi


def _num(s: str) -> float | None:
    try:
        return float(_canonical(s.replace("，", "")))
    except ValueError:
        return None


#: Scale words of languages that group thousands with a dot: before one of them "3.000" is 3000.
_DOT_GROUPS = re.compile(r"(?i:tausend|millionen|mio\.?|milliarden?|mrd\.?|millones|millón|milion[ei]|miliard[oi]"
                         r"|miljoen|miljard|milhão|milhões|mil|mila|mille|mil\s+(?:millones|milhões))")


def _num_before(digits: str, scale: str, money: bool = False) -> float | None:
    """``digits`` as a number, read as the language of the scale word after it writes numbers: "3.000
    millones" and "1.500 Mio." group thousands with the dot (English "3.000 million" is no way to write it);
    so does an amount of money with no scale word, which never has three decimals ("3.000 Euro", "€ 1.500")."""
    if re.fullmatch(r"\d{1,3}\.\d{3}", digits) and (_DOT_GROUPS.fullmatch(scale.strip()) if scale else money):
        return float(digits.replace(".", ""))
    return _num(digits)


def _scale_word(word: str) -> str:
    """A scale word as ``SCALES`` spells it ("Lakh  Crore" -> "lakh crore")."""
    return " ".join(word.lower().split())


_DIGIT_SPACES = re.compile(r"(?<=\d)[ \u00a0\u2009\u202f](?=\d)")


def _canonical(s: str) -> str:
    """A number as written (1,234.5; 5,1; 1.234,5; 1.234.567; 12 000) as Python reads it (1234.5, 5.1, ...)."""
    s = _DIGIT_SPACES.sub("", s)
    if "," in s and "." in s:
        if s.rfind(",") > s.rfind("."):  # 1.234,5: dots group thousands, the comma is the decimal point
            return s.replace(".", "").replace(",", ".")
        return s.replace(",", "")
    if "," in s:
        grouped = re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d{1,2}(?:,\d{2})+,\d{3}", s)  # 1,234 or India's 1,00,000
        return s.replace(",", "") if grouped else s.replace(",", ".")
    if s.count(".") > 1:  # 1.234.567
        return s.replace(".", "")
    return s


def zh_number(s: str) -> float | None:
    """Chinese numeral (一千二百三十四, 两万, 3.5万, 974亿; digit by digit: 一九四九, 二〇二〇, 一一〇) to a float."""
    if not s:
        return None
    if len(s) > 1 and all(ch in ZH_DIGITS for ch in s) and (len(s) > 2 or s[0] in "〇零" or s[1] in "〇零"):
        return float("".join(str(ZH_DIGITS[ch]) for ch in s))  # digit by digit (not 三四, "three or four")
    if re.fullmatch(r"[\d.,]+", s):
        return _num(s)
    total = 0.0
    section = 0.0
    digit: float | None = None
    i = 0
    while i < len(s):
        ch = s[i]
        m = re.match(r"[\d.,]+", s[i:])
        if m:
            digit = _num(m.group(0))
            i += len(m.group(0))
            continue
        if ch in ZH_DIGITS:
            digit = ZH_DIGITS[ch]
        elif ch in ZH_SMALL:
            section += (digit if digit is not None else 1) * ZH_SMALL[ch]
            digit = None
        elif ch in ("万", "亿"):
            section += digit or 0
            digit = None
            if section == 0:  # right after another unit (4.3万亿: 4.3 x 10^12) or alone (万: 10^4)
                total = (total or 1) * (1e8 if ch == "亿" else 1e4)
            elif ch == "亿":
                total = (total + section) * 1e8
            else:
                total += section * 1e4
            section = 0
        else:
            return None
        i += 1
    return total + section + (digit or 0)


_ZH_NUM_CHARS = "零〇一二两三四五六七八九十百千万亿"
# 1,234.5 and 97.4 as English writes them; 5,1 / 12,5 / 1.234,5 / 1.234.567 as most of Europe does
# (a comma before exactly three digits stays a thousands separator: 1,234 is 1234).
_EN_NUMBER = (r"\d{1,3}(?:\.\d{3})+,\d+|\d{1,3}(?:\.\d{3}){2,}(?![\d,]|\.\d)"
              r"|(?<!\d,)\d+,(?:\d{1,2}|\d{4,})(?!\d|,\d)|\d{1,3}(?:,\d{3})+(?:\.\d+)?"
              # 1,00,000 and 12,34,567 as South Asia groups digits: not from inside a run of digits and commas, and
              # the pairs taken whole, once (giving one back never lets ",ddd" follow; retrying from every pair of
              # a list like 12,34,56,... made it quadratic)
              r"|(?<!\d)(?<!\d,)\d{1,2}(?>(?:,\d{2}(?!\d))+),\d{3}(?:\.\d+)?(?![\d,])"
              # 12 000 and 1 234 567,5 as French, Russian, the Nordic languages and SI style group digits (a space,
              # no-break space or thin space before each three): not from inside a run of digits
              r"|(?<![\d.,])\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3}(?!\d))+(?:,\d+(?!\d)|\.\d+(?!\d))?"
              r"|\d+(?:\.\d+)?")
# written as a trie: an alternation of twelve month names made the date patterns ~5x slower
_MONTH_NAMES = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
                r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")

#: Ordinals in words, first to twentieth: ORDINAL_WORDS[n - 1] is the nth (centuries, "twenty-first", the
#: ordinal a name's Roman numeral stands for in ``cover``)
ORDINAL_WORDS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
                 "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
                 "eighteenth", "nineteenth", "twentieth")
_UNITS = (r"(?:[KMGTP]i?B|[kMGT]W|kWh|MWh|GWh|km/h|km²|km2|kms?|mi|mph|m²|m2|cm|mm|kg|mg|lbs?|ft|ha|°C|°F|℃|℉"
          r"|Hz|kHz|MHz|GHz|mAh|V|kV|GB/s|Mbps|Gbps|fps)")
#: Words near "3-1" that make it a result, not a range.
_RESULT_WORDS = re.compile(r"\b(?:won|wins?|winning|beat|beats|beaten|lost|lose|loses|losing|defeat\w*|victory|victories"
                           r"|draw|drew|drawn|tied?|lead|leads|led|leading|score\w*|scoreline|final|match|game|frames?"
                           r"|goals?|vote[sd]?|votes?|sets?)\b", re.I)
_UNIT_NAMES = {"℃": "°c", "℉": "°f", "kms": "km", "lbs": "lb"}  # one sign per unit: 12.3℃ is 12.3 °C, 5 kms 5 km
#: Units of time, as spelt and signed, and their seconds: "in two weeks" is not "in two months", "a 10-year contract"
#: is ten years, "12 months" is a year
_DURATION_UNITS = (("second", "s", 1.0), ("minute", "min", 60.0), ("hour", "h", 3600.0), ("day", "d", 86400.0),
                   ("week", "wk", 604800.0), ("month", "mo", 2629800.0), ("year", "yr", 31557600.0))
#: How a duration's unit is written out, by its sign ("two weeks", not "two", in an explanation)
DURATION_WORDS = {sign: word for word, sign, _ in _DURATION_UNITS}
#: Durations, which a bare number of the same value backs ("aged 30" and "30 years old"; 85岁 and "85")
_DURATIONS = frozenset("measure:" + sign for sign in DURATION_WORDS)
#: Units spelt out after a number, and the sign each is written with: "5 kilometres", "five-mile", "300 feet"
#: compare with "5 km", "5 mi", "300 ft" (kind ``measure:km``), not with a bare 5 (``_as_measured``). "300 m"
#: stays a bare number, since "m" is also "million" ($1.2m); "300 metres" is a measure in m that compares with it
#: as a bare number does (``same_value``). Longest first.
_SPELT_UNITS = (("square kilomet", "km²"), ("square met", "m²"), ("square mile", "mi²"), ("square feet", "ft²"),
                ("square foot", "ft²"), ("kilometres per hour", "km/h"), ("kilometers per hour", "km/h"),
                ("miles per hour", "mph"), ("kilowatt-hour", "kwh"), ("kilowatt hour", "kwh"),
                ("megawatt-hour", "mwh"), ("megawatt hour", "mwh"), ("gigawatt-hour", "gwh"), ("gigawatt hour", "gwh"),
                ("kilomet", "km"), ("centimet", "cm"), ("millimet", "mm"), ("kilogram", "kg"), ("milligram", "mg"),
                ("met", "m"), ("mile", "mi"), ("feet", "ft"), ("foot", "ft"), ("hectare", "ha"), ("kilowatt", "kw"),
                ("megawatt", "mw"), ("gigawatt", "gw"), ("degrees celsius", "°c"), ("degrees fahrenheit", "°f"),
                ("kilobyte", "kb"), ("megabyte", "mb"), ("gigabyte", "gb"), ("terabyte", "tb"), ("petabyte", "pb"),
                *((word, sign) for word, sign, _ in _DURATION_UNITS))
_SPELT_UNIT = re.compile(r"[\s\u00a0-]?(" + "|".join(
    re.escape(w) + (r"(?:re|er)s?" if w.endswith("met") else r"(?:e?s)?") for w, _ in _SPELT_UNITS) + r")\b", re.I)
#: A unit's sign after a number the ``measure`` pattern leaves: hyphened ("a 5-km race", "a 40-MW plant") or after
#: a number in words ("five km")
_SIGNED_UNIT = re.compile(rf"[-\s\u00a0]({_UNITS})(?![^\W\d_])")
#: A word character other than a Chinese, Japanese or Korean one: those are a number's boundary (有8座, 约9.8公里,
#: 30명, 降至12.3℃), as spaces are in English.
_LATIN_WORD = r"[^\W\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3]"
# Ordered: the first pattern to claim a span wins.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # 20世纪60年代, 1960年代, the 1960s, the 1800s: a decade (or a century's years), as a range of years
    # 1980年代, 20世纪80年代, 二十世纪八十年代, 上世纪40年代, 本世纪20年代; a bare 80年代 / 八十年代 (the 1980s)
    ("zh_decade", re.compile(r"(?:(\d{2}|十九|二十一?)\s*世纪\s*|([上本])\s*(?:个\s*)?世纪\s*|(?<![\d一二三四五六七八九十]))"
                             r"(?:(\d{3})0|(\d)0|([一二三四五六七八九])十)\s*年代")),
    # 19世纪, 十九世纪末, 二十一世纪: a century's years, as "the 19th century" (not 公元前3世纪, before Christ)
    ("zh_century", re.compile(r"(?<!公元前)(?<![\d一二三四五六七八九十])(\d{1,2}|[一二三四五六七八九十]{1,3})\s*世纪")),
    ("en_decade", re.compile(r"(?=\d)(?<![\w.])(1\d|20)(\d)0['’]?s\b")),
    # '98, ’05, the '90s: a year or decade with its century left out (not '20s, either century's)
    ("short_year", re.compile(r"(?<![\w'’])['’](\d)(\d)(s?)\b(?!\s*(?:%|percent|per cent)|['’])")),
    # the 15th century, the nineteenth-century: its years, as a decade's (not before Christ: then an ordinal)
    ("en_century", re.compile(rf"\b(?:(\d{{1,2}})(?:st|nd|rd|th)|(twenty[- ]first|{'|'.join(ORDINAL_WORDS)}))[\s-]+century\b"
                              r"(?!\s*(?:BC|BCE|B\.C))", re.I)),
    # 2025年2月3日, 2025年2月, 2025年
    ("zh_date", re.compile(r"(\d{4})\s*年(?:\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*[日号])?)?")),
    # 二〇二〇年八月十二日, 一九四九年: a year digit by digit, its month and day as numerals (official documents)
    ("zh_date_numerals", re.compile(r"([〇零一二三四五六七八九]{4})\s*年(?:\s*([一二三四五六七八九十]{1,2})\s*月"
                                    r"(?:\s*([一二三四五六七八九十]{1,3})\s*[日号])?)?")),
    ("zh_md", re.compile(r"(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")),
    # Korean: 2020년 11월 30일, 11월 30일; 6800만 원, 3억 5000만, 1조 2000억 원, 5천만 (만 10^4, 억 10^8, 조 10^12)
    ("ko_date", re.compile(r"(?<![\d.,])(\d{4})\s?년(?:\s?(\d{1,2})\s?월(?:\s?(\d{1,2})\s?일)?)?")),
    ("ko_md", re.compile(r"(?<![\d.,])(\d{1,2})\s?월\s?(\d{1,2})\s?일")),
    ("ko_month", re.compile(r"(?<![\d.,])(\d{1,2})\s?월(?!\s?\d)")),
    ("ko_number", re.compile(r"(?<![\d.,])((?:\d[\d,]*(?:\.\d+)?\s?(?:천\s?)?[조억만](?:\s(?=\d))?)+|\d[\d,]*(?:\.\d+)?\s?천)"
                             r"(?:\s?(원|달러|엔|위안|유로))?")),
    # 11月份, 11月 (a month the page's date gives the year of; not 3个月, a duration)
    # 11月, and 当年11月 / 同年 / 次年 / 去年: a month of a year named in words (not 2020年 11月's year digits)
    ("zh_month", re.compile(r"(?=\d)(?<![\d.])(?:(?<!年)|(?<=[当同次去今明前该上本]年))(\d{1,2})\s*月(?:份)?(?!\s*\d)")),
    # 1.2个百分点: a difference of percentages, as "1.2 percentage points"
    ("zh_points", re.compile(r"(?=\d)(?<![\d.])(\d+(?:\.\d+)?)\s*个百分点")),
    # 30日 (a day of the month the dateline or page date gives)
    # (not a duration: 拘留10日, 为期3日, 连续5日)
    ("zh_day", re.compile(r"(?=\d)(?<![\d月])(?<!拘留)(?<!为期)(?<!连续)(?<!长达)(?<!历时)(?<!持续)(?<![约共每近达逾])"
                          r"(\d{1,2})\s*日(?![内间])")),
    # 08:15, 10:30: a time of day (a dateline's, a schedule's), not the numbers 8 and 15
    # (3:40 pm is 15:40, as 15时40分 is)
    ("clock", re.compile(r"(?<![\d.:,])([01]?\d|2[0-3]):([0-5]\d)(?![\d:])(?:\s?([ap])\.?\s?m\b\.?)?", re.I)),
    # 3 p.m., 11am: an hour with no minutes (3 p.m. is 15:00)
    ("clock_hour", re.compile(r"(?<![\d.:,])(1[0-2]|0?[1-9])\s?([ap])\.?\s?m(?:\b|\.)", re.I)),
    # 15时40分, 15时, 8点30分 (a 点 only with its minutes: 3点建议 are three points): the same time of day
    ("zh_clock", re.compile(r"(?<![\d.])(?<!小)([01]?\d|2[0-4])\s*(?:时|点(?=\s*[0-5]?\d\s*分))(?:\s*([0-5]?\d)\s*分)?(?!钟)")),
    # 2025-02-03
    ("iso_date", re.compile(r"(?=\d)\b(\d{4})-(\d{1,2})-(\d{1,2})(?:\b|(?=T\d))")),
    # 18.11.2021 (day, month, year: the order of every language that writes dates with dots)
    ("dotted_date", re.compile(r"(?=\d)(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\d.]\d)")),
    # 2011/02/22 and 2011.02.22 (year, month, day: East Asian pages and file names write dates so)
    ("ymd_date", re.compile(r"(?=\d)(?<![\d./])(\d{4})([/.])(\d{1,2})\2(\d{1,2})(?![\d/]|\.\d)")),
    # 05/17/1954, 23/05/2019, 9/21/15: month and day in the order their values allow (``_slashed_date``)
    ("slashed_date", re.compile(r"(?=\d)(?<![\d./])(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?![\d/]|\.\d)")),
    # 18. November 2021, 18 de noviembre de 2021, 1er mars 2020, 3 mars 2020; a day needs its dot,
    # "de" or a year after the month, so "3 Mars rovers" is no date
    ("eu_dmy", re.compile(rf"(?=\d)(?<![\d.,])(\d{{1,2}})(?:(\.|º|°|er)\s*|\s+)(?:(de)\s+)?({_EU_MONTH_NAMES})"
                          rf"(?:,?\s+(?:de\s+|del\s+)?(\d{{4}}))?(?![^\W\d_])", re.I)),
    # 17-19 October 2016, June 3–5, 2024, June 3-5: a run of days, each of its days (at most a week)
    ("en_days_dm", re.compile(rf"(?=\d)\b(\d{{1,2}})\s?[-–—]\s?(\d{{1,2}})\s+({_MONTH_NAMES})\b\.?(?:,?\s+(\d{{4}})\b)?",
                              re.I)),
    ("en_days_md", re.compile(rf"\b({_MONTH_NAMES})\.?\s+(\d{{1,2}})\s?[-–—]\s?(\d{{1,2}})\b(?![:.]\d)(?:,?\s+(\d{{4}})\b)?",
                              re.I)),
    # 3 February 2025, February 3, 2025, February 2025, Feb. 3
    ("en_dmy", re.compile(rf"(?=\d)\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_NAMES})\.?,?\s+(\d{{4}})\b", re.I)),
    ("en_mdy", re.compile(rf"\b({_MONTH_NAMES})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I)),
    ("en_my", re.compile(rf"\b({_MONTH_NAMES})\.?,?\s+(?:of\s+)?(\d{{4}})\b", re.I)),
    # (not a time: "18 October 15:30" is no 15 October)
    ("en_md", re.compile(rf"\b({_MONTH_NAMES})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*,?\s*\d|[:.]\d)", re.I)),
    # 18 October, 12th November (no year)
    ("en_dm", re.compile(rf"(?=\d)\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_NAMES})\b(?!\.?,?\s*\d{{4}}\b)", re.I)),
    # a month alone ("in April of that year"); not May, which is mostly a verb
    ("en_month", re.compile(r"\b(January|February|March|April|June|July|August|September|October|November"
                            r"|December)\b")),
    # tens of millions, hundreds of thousands, several million, 数千万, 数百
    # (with the currency they count: "tens of millions of dollars", 数千万美元, money; not "dozens of dollar stores")
    ("vague_en", re.compile(r"\b(tens|hundreds|thousands|millions|billions|dozens)\s+of\s+"
                            rf"(thousands|millions|billions)?(?:\s*(?:of\s+)?({_VAGUE_CURRENCY})(?!\w))?", re.I)),
    ("several_en", re.compile(r"\b(several|a few|few|many)\s+(hundred|thousand|million|billion)s?\b"
                              rf"(?:\s+(?:of\s+)?({_VAGUE_CURRENCY})(?!\w))?", re.I)),
    ("vague_zh", re.compile(rf"[数几上]([十百千万亿]+)({ZH_CURRENCY})?")),
    # 十余人, 20多名, 4300余人: more than the number, less than the next step of its last digit
    # (written as: digits, dots and commas up to the last comma, then dots, then a digit or numeral and what
    # follows it; the same texts as "[\d.,]*[\d十...][\d.十...]*?" but read in one pass, where trying every way to
    # cut a row like 1.11.11.11 in two was quadratic. Nor tried just after a comma that follows no digit, dot or
    # numeral: that comma was tried first, and what follows it fails the same way)
    ("zh_approx", re.compile(rf"(?<![\d.{_ZH_NUM_CHARS}])(?<!(?<![\d.{_ZH_NUM_CHARS}]),)"
                             rf"((?>[\d.,]*,)?\.*+[\d{_ZH_NUM_CHARS}][\d.{_ZH_NUM_CHARS}]*+)"
                             rf"(?:余|多)(?![\d{_ZH_NUM_CHARS}])")),
    # Ⅱ级, Ⅲ类: Roman numerals as Unicode writes them (emergency levels, categories)
    ("roman", re.compile(r"[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ]")),
    # World War II, Henry VIII, Apollo XIII: a Roman numeral of two letters or more after a capitalised word; WWII,
    # WW1
    # (I, V and X only: "Washington DC", "CD", "MIX" are no numbers; a lone "I" is the pronoun, but in World War I)
    ("roman_en", re.compile(r"(?<=\w\s)\b(?=[IVX]{2,}\b)X{0,3}(?:IX|IV|V?I{0,3})\b|(?<=\bWar\s)I\b"
                           r"|(?<=\bWW)(?:I{1,2}|[12])\b")),
    # 百分之三十, 30%, 30 percent
    ("zh_percent", re.compile(r"百分之([\d.零〇一二两三四五六七八九十百]+)")),
    # 五分之一 (a fifth), 两成 (two tenths): shares as Chinese writes them, compared as percentages
    # 3比1, 2比1: a result (a score, a vote), one quantity, in its order
    ("zh_score", re.compile(r"(?<![\d.])(\d{1,3})\s*比\s*(\d{1,3})(?![\d.])")),
    # "a 10–7 lead", "won 3-1": the same in English, where a word of winning or scoring stands near
    # 3-1 ends a sentence or a clause ("won 3-1.", "a 6-4, 6-3 win"), but 1-2.5 and 1-2,3 are no score
    # "voted 52 to 48", "won 3 to 1": a result written with "to" (only beside a result's word; not "from 3 to 1")
    ("en_score_to", re.compile(r"(?<![\w.,/–-])(?<!from )(\d{1,3})\s+to\s+(\d{1,3})(?![\w/–-]|[.,]\d|\s?(?:%|percent))")),
    ("en_score", re.compile(r"(?<![\w.,/–-])(\d{1,3})\s?[-–]\s?(\d{1,3})(?![\w/–-]|[.,]\d|\s?(?:%|percent))")),
    # (from the start of a run of numerals only: a match inside one would start at its start, and trying
    # every character of a long run made it quadratic)
    ("zh_fraction", re.compile(r"(?<![\d一二两三四五六七八九十])([\d一二两三四五六七八九十]+)分之([\d一二两三四五六七八九十]+)")),
    ("zh_tenths", re.compile(r"(?<![\d零〇一二两三四五六七八九十百千万])([一二两三四五六七八九])成"
                             r"(?![为功立长员本果就绩熟交年人分都品语型效份批千万群片对套倍不])")),
    # a share starts where its number does, not inside a run of digits (trying every digit of a long run,
    # as on a page of pi's digits, made these two quadratic)
    ("points", re.compile(rf"(?=\d)(?<!\d)({_EN_NUMBER})\s*(?:percentage|percent|per cent)\s+points?\b", re.I)),
    ("percent", re.compile(rf"(?=\d)(?<!\d)({_EN_NUMBER})\s*(?:%|％|percent\b|per cent\b)", re.I)),
    # $97.4 billion, US$5m, €3 million, 97.4 billion dollars
    ("money_pre", re.compile(rf"(?:US\$|\$|€|£|¥|₹|USD\s?|EUR\s?|GBP\s?|RMB\s?|INR\s?|(?<![^\W\d_])Rs\.?\s?)\s*"
                             rf"({_EN_NUMBER})(?:\s*(hundred|thousand|million|billion|trillion|mn|bn|tn|m|b|k"
                             r"|lakhs?\s+crores?|lakhs?|lacs?|crores?|cr)\b)?", re.I)),
    ("money_post", re.compile(rf"(?=\d)\b({_EN_NUMBER})\s*(hundred|thousand|million|billion|trillion|mn|bn"
                              rf"|{_OTHER_SCALES})?\s*(?:de\s+|di\s+)?{CURRENCY_WORDS}(?!\w)", re.I)),
    # 974亿美元, 3.5万元, 两千万
    # (not from just after a comma, nor after a dot unless a comma follows: there the try from the character
    # before has already failed the same way, as a number never ends in a comma and runs on past a dot; trying
    # every character of a long row of dots or commas made it quadratic)
    ("zh_number", re.compile(rf"(?<!,)(?!(?<=\.)[\d.{_ZH_NUM_CHARS}])([\d.,]*[\d{_ZH_NUM_CHARS}][\d.{_ZH_NUM_CHARS}]*)"
                             rf"\s*({ZH_CURRENCY})?")),
    # 97.4 billion, 5 million
    ("scaled", re.compile(rf"(?=\d)\b({_EN_NUMBER})\s*(hundred|thousand|million|billion|trillion|{_OTHER_SCALES})"
                          r"(?!\w)", re.I)),
    # 80TB, 5 km, 300 MW: a measure compares only with the same unit
    # (a Chinese or Japanese character before the number is a boundary: 降至12.3℃)
    ("measure", re.compile(rf"(?=\d)(?<!{_LATIN_WORD})(?<!\.)({_EN_NUMBER})\s?({_UNITS})"
                           r"(?![^\W\d_])")),
    # a third, two-thirds, three quarters: a share, read as a percentage (not "two" and an ordinal)
    # (one of a third, a quarter, a fifth only before "of" or hyphened: "a fifth season" is fifth in an order)
    # (quarters only before "of": "the first three quarters", "two quarters in a row" are spans of time)
    ("fraction", re.compile(r"\b(?<!first\s)(?<!last\s)(?<!past\s)(?<!next\s)"
                            r"(?:(?:a|one)[- ](?:third|quarter|fourth|fifth)(?=\s+of\s+(?!an?\s+hour))"
                            r"|one-(?:third|fourth|fifth)\b"
                            r"|(?:two|three|four)[- ](?:thirds|fourths|fifths)\b"
                            r"|(?:one-quarter|(?:two|three)[- ]quarters)(?=\s+of\s))", re.I)),
    # half a million, half a dozen: half of it (not "a million")
    ("half_scaled", re.compile(r"\bhalf\s+an?\s+(hundred|thousand|million|billion|trillion|dozen)\b", re.I)),
    ("word_scaled", re.compile(r"\b((?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
                               r"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
                               r"|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
                               r"|one|two|three|four|five|six|seven|eight|nine|ten|a)\s+"
                               r"(hundred|thousand|million|billion|trillion)\b", re.I)),
    # 2.5x, 10x: so many times (as "2.5 times"; not a size, 3x4)
    ("times_x", re.compile(rf"(?=\d)(?<!{_LATIN_WORD})(?<![.\d])(\d+(?:\.\d+)?)\s?[x×](?![^\W\d_]|\s?\d)")),
    # a Chinese, Japanese or Korean character next to a number is a boundary (有8座, 达15级, 约9.8公里, 30명)
    ("number", re.compile(rf"(?=\d)(?:(?<!{_LATIN_WORD})(?<!\.)(?:{_EN_NUMBER})"
                          rf"(?!{_LATIN_WORD}))")),
    # once, twice, thrice: how many times (not "was once", "once again", "at once", "once a week")
    ("times_word", re.compile(r"(?=once|twice|thrice)(?<!\bwas )(?<!\bwere )(?<!\bis )(?<!\bare )(?<!\bhad )(?<!\bhas )(?<!\bhave )"
                              r"(?<!\bbeen )(?<!\bat )(?<!\bfor )(?<!\ball )(?<!\bnot )"
                              r"\b(once|twice|thrice)\b(?!\s+(?:a|an|the|again|more|upon|and|known|called|considered|it|they|he|she|we|you|this"
                              r"|that|these|those|there|its|their|his|her"
                              r"|described|per|every|each|or)\b)", re.I)),
    # twenty-first, thirty-third: a place in an order, not twenty
    ("word_ordinal", re.compile(r"\b(?=[a-z])(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ]"
                                rf"({'|'.join(ORDINAL_WORDS[:9])})\b", re.I)),
    # forty-five, twenty one: one number, not 40 and 5
    ("word_compound", re.compile(r"\b(?=[a-z])(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-|\s)"
                                 r"(one|two|three|four|five|six|seven|eight|nine)\b", re.I)),
    # the 400th anniversary, 21st, 3rd: a place in an order (kind "ordinal", as 第10 in Chinese)
    ("ordinal", re.compile(r"(?=\d)(?<![\w.,])(\d{1,4})(?:st|nd|rd|th)\b", re.I)),
    ("word", re.compile(r"\b(?=[a-z])(t(?:wo|hree|en|welve|hirt(?:een|y)|wenty)|f(?:our(?:teen)?|ive|ifteen|ifty|orty)"
                        r"|s(?:ix(?:teen|ty)?|even(?:teen|ty)?)|e(?:ight(?:een|y)?|leven)|nine(?:teen|ty)?"
                        r"|one|dozen)\b", re.I)),
]
_VAGUE = {"tens": (10, 100), "dozens": (24, 100), "hundreds": (100, 1000), "thousands": (1000, 1e4),
          "millions": (1e6, 1e9), "billions": (1e9, 1e12)}
_OUTER = {"thousands": 1e3, "millions": 1e6, "billions": 1e9}


_MONTH_STEMS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_SCALE_STEMS = ("hundred", "thousand", "illion", "tausend", "mio", "mrd", "mil", "lakh", " lac", "crore")
#: Words a pattern cannot match without (lower-cased): a pattern whose words are all absent from a text is
#: not run on it (a third of the time on English pages; the same values).
_NEEDS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("en_dmy", "en_mdy", "en_my", "en_md", "en_dm", "en_month", "en_days_dm", "en_days_md"),
                    _MONTH_STEMS),
    "vague_en": ("tens", "hundreds", "thousands", "millions", "billions", "dozens"),
    "several_en": ("hundred", "thousand", "million", "billion"),
    "word_scaled": ("hundred", "thousand", "illion"),
    "fraction": ("third", "quarter", "fourth", "fifth"),
    "scaled": _SCALE_STEMS,
    "points": ("point",),
    "percent": ("%", "％", "percent", "per cent"),
    # "rs" is in most English texts ("years"): Rs is looked for with its capital (``_NEEDS_CASED``)
    "money_pre": ("$", "€", "£", "¥", "₹", "usd", "eur", "gbp", "rmb", "inr"),
    "money_post": ("dollar", "usd", "us$", "eur", "€", "pound", "gbp", "yuan", "rmb", "cny", "yen", "jpy", "rupee", "franc"),
    "times_word": ("once", "twice", "thrice"),
    "ko_md": ("월",), "ko_month": ("월",), "ko_number": ("만", "억", "조", "천"),
    "word_compound": ("ty",),
    "word_ordinal": ("ty",),
    "half_scaled": ("half",),
    "short_year": ("'", "’"),
    "zh_century": ("世纪",),
    "en_century": ("century",),
    "en_score_to": (" to ",),
    "clock_hour": ("am", "pm", "a.m", "p.m", "a. m", "p. m"),
    "times_x": ("x", "×"),
    "roman_en": ("i", "v", "x", "ww"),
    "en_score": ("-", "–"),
    "clock": (":",),
    "slashed_date": ("/",),
    "ymd_date": ("/", "."),
    "zh_clock": ("时", "点"),
}

#: A pattern also runs on a text holding one of these as written ("Rs 5 crore"; "rs" is in "years").
_NEEDS_CASED = {"money_pre": ("Rs",)}
_NUMBER_TOKEN = re.compile(_EN_NUMBER)
_KO_PART = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s?(천)?\s?([조억만]?)")
_KO_UNITS = {"만": 1e4, "억": 1e8, "조": 1e12}
_KO_ONLY = {"ko_date", "ko_md", "ko_month", "ko_number"}
_HAS_KO = re.compile(r"[\uac00-\ud7a3]")
_ZH_ONLY = {"zh_century", "zh_score", "zh_decade", "zh_date", "zh_date_numerals", "zh_md", "zh_month", "zh_fraction", "zh_tenths", "zh_points", "zh_day", "vague_zh", "zh_approx", "roman", "zh_percent", "zh_number"}
_HAS_ZH = re.compile(r"[\u3400-\u9fff]")
#: Each pattern with what it needs to run: its script ("zh", "ko" or ""), its words, its words as written.
_RUN = [(name, pattern, "zh" if name in _ZH_ONLY else "ko" if name in _KO_ONLY else "", _NEEDS.get(name),
         _NEEDS_CASED.get(name)) for name, pattern in _PATTERNS]


def quantities(text: str, *, changes: bool = True) -> list[Quantity]:
    """Every number, amount and date of ``text``, in order; then (``changes``) the changes given by two ends."""
    taken = bytearray(len(text))
    out: list[Quantity] = []
    scripts = {"": True, "zh": bool(_HAS_ZH.search(text)), "ko": bool(_HAS_KO.search(text))}
    low = text.lower()
    for name, pattern, script, needs, cased in _RUN:
        if not scripts[script]:
            continue
        if needs is not None and not any(w in low for w in needs):
            if cased is None or not any(w in text for w in cased):
                continue
        for m in pattern.finditer(text):
            s, e = m.span()
            if e <= s or any(taken[s:e]):
                continue
            q = _make(name, m, text)
            if q is None:
                continue
            out.extend(q) if isinstance(q, list) else out.append(q)
            taken[s:e] = b"\x01" * (e - s)
    out.sort(key=lambda q: q.start)
    out = _day_runs(text, out)
    read = _bounds(text, _directions(text, [_as_counted(_as_measured(_as_times(_as_ordinal(q, text), text), text), text)
                                        for q in out]))
    return read + _changes(text, read) if changes else read


# A change's direction, read from the words right before its number: "rose 3%", "fell by $2 billion",
# "a drop of 5%", 同比增长12.4%, 下降了15.3%, 回落0.7个百分点, 降幅为3%. Not "rose to 3%" / 降至3%
# (a level, not a change), not "up to 3%" (at most); after the number only for shares (``_DIRECTION_AFTER``).
# Market reports write the bare character: 上证指数涨0.82%, 创业板指跌2.01%.
_EN_UP = (r"rose|rise|rises|rising|risen|increased|increase|increases|increasing|grew|grow|grows|growing|grown"
          r"|growth|gained|gain|gains|climbed|climb|climbs|jumped|jump|jumps|surged|surge|soared|up"
          r"|accelerated|accelerating|quickened|rebounded|widened|expanded")
_EN_DOWN = (r"fell|fall|falls|falling|fallen|decreased|decrease|decreases|decreasing|declined|decline|declines"
            r"|declining|dropped|drop|drops|slipped|slid|plunged|plunge|shrank|shrunk|shrink|down|lost|loss"
            r"|slowed|slowing|eased|easing|narrowed|narrowing|contracted|reduced|cut")
_ZH_UP = r"增长|上涨|上升|增加|提高|提升|加快|扩大|攀升|回升|走高|上调|增幅|涨幅|多增|涨"
_ZH_DOWN = r"下降|下跌|下滑|减少|降低|回落|放缓|收窄|缩小|缩减|下调|走低|降幅|跌幅|少增|萎缩|跌"
_EN_FILLERS = ("of", "by", "about", "around", "nearly", "almost", "roughly", "some", "a", "an", "over", "more than",
               "just", "only")
_ZH_FILLERS = ("了", "约", "近", "逾", "超过", "超", "达到", "达", "为", "接近", "大约")


def _reversed(words: str | tuple[str, ...]) -> str:
    """An alternation of ``words`` spelt backwards (longest first), spaces as ``\\s+``."""
    items = words.split("|") if isinstance(words, str) else list(words)
    return "|".join(re.escape(w[::-1]).replace("\\ ", r"\s+") for w in sorted(items, key=len, reverse=True))


# Read backwards from the number, so that one anchored match per number does it: the number, an optional
# currency sign, then fillers, then the direction word (which must start a word, in English).
_DIRECTION_BACK = re.compile(
    rf"(?:\$(?:SU)?|€|£|¥)?\s+(?:(?:{_reversed(_EN_FILLERS)})\s+)*(?:(?P<en_up>{_reversed(_EN_UP)})"
    rf"|(?P<en_down>{_reversed(_EN_DOWN)}))(?![^\W\d_])"
    rf"|(?:{_reversed(_ZH_FILLERS)}|\s)*(?:(?P<zh_up>{_reversed(_ZH_UP)})|(?P<zh_down>{_reversed(_ZH_DOWN)}))", re.I)
_DIRECTED_KINDS = ("percent", "money", "number", "measure", "count")
_LOOK_BACK = 40


_AT_LEAST_BACK = re.compile(r"(?:(?<!no )(?<!not )(?:more|greater|higher) than|over|above|exceed(?:s|ed|ing)?"
                            r"|surpass(?:es|ed|ing)?|in excess of|upwards of|at least"
                            r"|no (?:fewer|less) than|(?<!不)超过|逾|多于|不少于|不低于|至少|(?<!不)高于)"
                            r"\s*(?:about |around |nearly |some )?$", re.I)
#: A bound the value stays below ("fewer than 20", "less than 5%", "under 300", 不到20人, 少于, 不足, 低于); not "no
#: more than" / "up to" / 不超过, which the value may reach ("holds up to 20,000" is a capacity of 20,000).
#: (a capitalised "Under" is a title's: "30 Under 30")
_AT_MOST_BACK = re.compile(r"(?:(?<!no )(?<!not )(?i:fewer|less|lower|smaller) than|under|below|不到|少于|不足|(?<!不)低于)"
                           r"\s*(?:about |around |some )?$")
_AT_LEAST_AFTER = re.compile(r"\s*(?:余|多|以上|\+)")
#: A value approached from below: "nearly 1,000", "almost 20%", "close to", 近1000人, 将近, 接近
_NEARLY_BACK = re.compile(r"(?:\b(?i:nearly|almost|close to|just shy of)|将近|接近|近)\s*$")


def _bounds(text: str, out: list[Quantity]) -> list[Quantity]:
    """``out`` with the numbers stated as lower bounds marked: "more than 12,000", 超过1.2万, 1.2万余,
    1.2万人以上 (a measure word may stand between: 1.2万份以上); and those stated as bounds they stay below:
    "fewer than 20", 不到20人. Dates are no bounds."""
    result = []
    for q in out:
        if q.kind in ("date", "year", "decade"):
            result.append(q)
            continue
        before = text[max(0, q.start - 24):q.start]
        bound = (q.raw.endswith(("余", "多")) or bool(_AT_LEAST_BACK.search(before))
                 or bool(_AT_LEAST_AFTER.match(text, q.end + (1 if text[q.end:q.end + 1] in _ZH_MEASURE_WORDS else 0))))
        below = not bound and bool(_AT_MOST_BACK.search(before))
        nearly = not bound and not below and bool(_NEARLY_BACK.search(before))
        result.append(replace(q, at_least=bound, at_most=below, nearly=nearly) if bound or below or nearly else q)
    return result


_ZH_MEASURE_WORDS = "人份个名只条家件辆台次元吨"


def _directions(text: str, out: list[Quantity]) -> list[Quantity]:
    """``out`` with the direction of the change each states, where the words right before it say one
    ("rose by about 3%", 同比增长了3%)."""
    result = []
    for q in out:
        m = _DIRECTION_BACK.match(text[max(0, q.start - _LOOK_BACK):q.start][::-1]) \
            if q.kind.startswith(_DIRECTED_KINDS) and q.start else None
        en = m and (m.group("en_up") or m.group("en_down"))
        if m is None and q.kind.startswith(_DIRECTED_KINDS):
            after = (_DIRECTION_AFTER if q.kind in _AFTER_KINDS else _DIFFERENCE_AFTER).match(text, q.end)
            if after is not None:
                result.append(replace(q, direction=1 if after.group("up") else -1))
                continue
        if m is None or (en and en.lower() in ("pu", "nwod") and q.kind not in ("percent", "money")):
            result.append(q)  # "Warm Up 11:00", "down 3 floors": only "up 5%" and "down $2 billion" are changes
            continue
        result.append(replace(q, direction=1 if (m.group("en_up") or m.group("zh_up")) else -1))
    return result


# A change given by its two ends: "from 50% to 60%", 由800元提高至1200元, 从1023.8万人增加到1032.4万人.
#: A change, not a range ("from 30 to 70 people"): a verb of change before "from", or between the two ends in
#: Chinese (从30到70人 is a range too).
_FROM_BEFORE = re.compile(rf"(?:\b(?:{_EN_UP}|{_EN_DOWN}|raised|lowered|changed)\s+from|[由从])\s*$", re.I)
_TO_BETWEEN = re.compile(rf"^[{_ZH_MEASURE_WORDS}]?\s*(?:to|(?:{_ZH_UP}|{_ZH_DOWN})\s*(?:到|至))\s*$", re.I)
_CHANGE_KINDS = ("percent", "money", "number", "count:", "measure:")


def _changes(text: str, read: list[Quantity]) -> list[Quantity]:
    """The change each pair of ends states, as a quantity of its own spanning both: 由50%提高到60% states a
    rise of 10 percentage points, "from $800 to $1,200" one of $400 (a claim may give the change alone)."""
    out = []
    for a, b in zip(read, read[1:]):
        if (a.kind != b.kind or not a.kind.startswith(_CHANGE_KINDS) or not (a.exact and b.exact) or a.lo == b.lo
                or not _FROM_BEFORE.search(text[max(0, a.start - 24):a.start])
                or not _TO_BETWEEN.match(text[a.end:b.start])):
            continue
        diff = round(abs(b.lo - a.lo), 6)
        kind = "measure:points" if a.kind == "percent" else a.kind
        out.append(Quantity(kind, diff, diff, a.start, b.end, text[a.start:b.end], direction=1 if b.lo > a.lo else -1))
    return out


# A share's change stated after it, as English news does: "1.2 percentage points faster than in August",
# "3% higher", "a 5% drop", "2.1% year on year lower". Only for percentages and percentage points: after
# another number these words rarely say its direction ("3 more people", "10 days later"), but for a difference.
_AFTER_KINDS = ("percent", "measure:points")
_DIRECTION_AFTER = re.compile(
    r"\s+(?:(?:year|month|quarter)[- ](?:on|over)[- ](?:year|month|quarter)\s+)?"
    r"(?:(?P<up>higher|more|faster|up|increase|increases|rise|rises|gain|gains|growth|jump|jumps|climb)"
    r"|(?P<down>lower|less|fewer|slower|down|decrease|decreases|decline|declines|drop|drops|fall|falls|cut|cuts"
    r"|reduction|loss|slide|slump))\b", re.I)
# After another number only a difference: "about 300,000 fewer than last year", "12 more than in 2019".
_DIFFERENCE_AFTER = re.compile(r"\s+(?:(?P<up>more)|(?P<down>fewer|less))\s+than\b", re.I)


#: Counts of hours, minutes and seconds (a time of day is kind ``time``: 15时40分): no ordinal names one.
_CLOCK_COUNTS = {"count:时", "count:分", "count:秒"}


_RUN_TO = re.compile(r"\s*(?:至|到|-|–|—|~|～)\s*\Z")


def _day_runs(text: str, out: list[Quantity]) -> list[Quantity]:
    """A date and the day that ends its run, as Chinese writes it (2016年10月17日至19日, 6月3日至6月5日): the end
    takes the start's year and month, and each day between is stated too (a run of at most a week)."""
    runs = [k for k in range(len(out) - 1)
            if out[k].kind == "date" and out[k + 1].kind == "date" and out[k].date[2] and out[k + 1].date[2]
            and not out[k + 1].date[0] and _RUN_TO.match(text[out[k].end:out[k + 1].start])]
    if not runs:
        return out
    out = list(out)
    added: list[Quantity] = []
    for k in runs:
        (y, mo, d0), (_, mo1, d1) = out[k].date, out[k + 1].date
        if mo1 not in (0, mo) or not 0 < d1 - d0 <= 6:
            continue
        end = out[k + 1]
        out[k + 1] = replace(end, lo=y, hi=y, date=(y, mo, d1))
        added += [replace(end, lo=y, hi=y, date=(y, mo, d)) for d in range(d0 + 1, d1)]
    return sorted(out + added, key=lambda q: q.start)


def _as_ordinal(q: Quantity, text: str) -> Quantity:
    """A number after 第 names a place in an order, as "10th" does (kind ``ordinal``): 第10次飞行 is the 10th
    flight, not "10 times" (``_as_times``) nor a count of 次."""
    if q.kind == "number" and q.exact and q.start > 0 and text[q.start - 1] == "第":
        return replace(q, kind="ordinal")
    return q


_TIMES = {"once": 1, "twice": 2, "thrice": 3}
_TIMES_AFTER = re.compile(r"\s*(?:times\b|次)", re.I)


def _as_times(q: Quantity, text: str) -> Quantity:
    """A count followed by "times" or 次 says how many times: "3 times", "three times", 三次 and "thrice"
    compare with each other, not with another bare 3 in the sentence ("3 goals")."""
    if q.kind == "number" and q.exact and _TIMES_AFTER.match(text, q.end):
        return replace(q, kind="measure:times")
    return q


#: Chinese measure words and units after a number say what it counts: 15级 (a level) is not the 15 of
#: 15岁 (an age), and 6座 against 8座 is the same thing counted otherwise. Longest first.
ZH_MEASURES = ("平方公里", "平方米", "平方英尺", "摄氏度", "华氏度", "英尺", "英里", "公里", "千米", "毫米", "厘米", "公顷", "公斤", "千克",
               "千瓦时", "千瓦", "兆瓦", "吉瓦", "小时", "分钟", "百帕", "人次",
               "架次", "个月", "个", "名", "位", "人", "座", "辆", "架", "艘", "台", "只", "条", "项", "种", "家", "所", "级",
               "层", "户", "件", "批", "例", "支", "枚", "颗", "部", "轮", "届", "场", "款", "吨", "米", "克", "岁", "天", "周",
               "倍", "时", "分", "秒", "度", "株", "头", "篇", "张", "本", "套", "份", "剂", "针", "床", "期",
               "年(?![级代度])")  # 服刑10年 (ten years), not 3年级 (third grade), 90年代 (the nineties)
_ZH_MEASURE = re.compile("|".join(ZH_MEASURES))


#: Chinese measure words that are units English writes as a symbol: 6公里 is "6 km" (kind ``measure:km``).
_ZH_UNITS = {"平方公里": "km²", "平方米": "m²", "公里": "km", "千米": "km", "厘米": "cm", "毫米": "mm", "公顷": "ha", "米": "m",
             "公斤": "kg", "千克": "kg", "英尺": "ft", "英里": "mi", "千瓦时": "kwh", "千瓦": "kw", "兆瓦": "mw",
             "吉瓦": "gw", "摄氏度": "°c", "华氏度": "°f", "平方英尺": "ft²",
             # durations (not 日, a date's day, nor 时 / 分 / 秒, a clock's), and an age in years
             "天": "d", "周": "wk", "个月": "mo", "小时": "h", "分钟": "min", "年": "yr", "岁": "yr"}


def _counts_alike(a: Quantity, b: Quantity) -> bool:
    """``a`` and ``b`` measure in one unit, or count, one with its Chinese measure word (超过1000人) and one bare
    ("nearly 1,000 people")."""
    return _unit(a.kind) == _unit(b.kind) or {_unit(a.kind).split(":")[0], _unit(b.kind).split(":")[0]} == {
        "number", "count"}


def _unit(kind: str) -> str:
    """``kind`` with a Chinese unit's count read as the English unit's measure (count:公里 -> measure:km)."""
    unit = _ZH_UNITS.get(kind[6:]) if kind.startswith("count:") else None
    return "measure:" + unit if unit else kind


def _as_measured(q: Quantity, text: str) -> Quantity:
    """A number a unit follows, spelt out or hyphened ("5 kilometres", "five miles", "a 5-km race", "five km"),
    is a measure in that unit (kind ``measure:km``), as "5 km" is."""
    if q.kind != "number":
        return q
    m = _SPELT_UNIT.match(text, q.end)
    if m:
        low = m.group(1).lower()
        sign = next(s for w, s in _SPELT_UNITS if low.startswith(w))
        if "measure:" + sign in _DURATIONS and _RATE.match(text, m.end()):
            return q  # a rate, no duration: "six days per week", "three times a day" is no time either
        return replace(q, kind="measure:" + sign)
    m = _SIGNED_UNIT.match(text, q.end)
    return replace(q, kind="measure:" + _UNIT_NAMES.get(m[1], m[1].lower())) if m else q


#: What makes a duration a rate: "six days per week", "eight hours a day", "two days each month"
_RATE = re.compile(r"\s+(?:per|a|an|each|every)\s+(?:second|minute|hour|day|week|month|year|season)\b", re.I)


#: A speed's word before its number: 时速100公里, 时速达120公里
_PER_HOUR = re.compile(r"时速(?:约|达|为|超过|高达|最高)?\s*\Z")


def _as_counted(q: Quantity, text: str) -> Quantity:
    """A number a Chinese measure word follows counts that thing (kind ``count:级``): it compares with the
    same count, and with a bare number (an English page's "13"), not with another count (15级 / 15岁). A
    rough number counts too: 十余人 is people, and 17辆 (vehicles) does not back it."""
    if q.kind != "number":
        return q
    m = _ZH_MEASURE.match(text, q.end)
    if m and m.group(0) == "公里" and _PER_HOUR.search(text, max(0, q.start - 6), q.start):
        return replace(q, kind="measure:km/h")  # 时速100公里 is 100 km/h
    return replace(q, kind="count:" + m.group(0)) if m else q


#: A year and a dash or slash just before a two-digit number: the span's last year written short (2018–19).
_SPAN_END = re.compile(r"(?<![\d.,])(1\d{3}|20\d\d)\s?[-–—/]\s?\Z")


def _year_ok(y: int) -> bool:
    return 1000 <= y <= 2100


#: Builds the ``Quantity`` of a match's span: ``q(kind, lo, hi=lo, date=(0, 0, 0))``.
_Make = Callable[..., Quantity]
#: Reads one pattern's match (``m``, in ``text``) into a quantity built with ``q``, or None: not one after all.
_Reader = Callable[[re.Match[str], str, _Make], "Quantity | list[Quantity] | None"]

_ZH_CENTURIES = {"十九": 19, "二十": 20, "二十一": 21, "上": 20, "本": 21}


def _zh_decade(m: re.Match[str], text: str, q: _Make) -> Quantity | None:
    """Its century as written, else (80年代, 八十年代) the 1900s, as Chinese writes the decades of the last
    century; a bare 00 to 20年代 is either century's, so it is not read."""
    century, last, full, digit, zh_digit = m.groups()
    if full:
        first = int(full) * 10
    else:
        d = int(digit) if digit else ZH_DIGITS[zh_digit]
        c = int(century) if century and century.isdigit() else _ZH_CENTURIES.get(century or last or "", 0)
        if c:
            first = (c - 1) * 100 + d * 10
        elif d >= 3:
            first = 1900 + d * 10
        else:
            return None
    return q("decade", first, first + 9) if 1000 <= first <= 2090 else None


def _en_decade(m: re.Match[str], text: str, q: _Make) -> Quantity | None:
    first = int(m[1]) * 100 + int(m[2]) * 10
    return q("decade", first, first + (99 if m[2] == "0" else 9))  # the 1800s: the century's years


def _short_year(m: re.Match[str], text: str, q: _Make) -> Quantity | None:
    yy = int(m[1] + m[2])
    if 26 <= yy <= 29 or (m[3] and (m[2] != "0" or m[1] == "2")):
        return None  # '27 may be 1927 or 2027; a decade ends in 0, and the '20s may be either century's
    year = (1900 if yy >= 30 else 2000) + yy
    if m[3]:
        return q("decade", year, year + 9)
    return q("year", year, year, (year, 0, 0))


def _en_century(m: re.Match[str], text: str, q: _Make) -> Quantity | None:
    if m[1]:
        n = int(m[1])
    else:
        word = m[2].lower().replace("-", " ")
        n = 21 if word.startswith("twenty") else ORDINAL_WORDS.index(word) + 1
    return _century(n, q)


def _zh_century(m: re.Match[str], text: str, q: _Make) -> Quantity | None:
    n = int(m[1]) if m[1].isdigit() else zh_number(m[1])
    return _century(n, q) if n is not None and n == int(n) else None


def _century(n: float, q: _Make) -> Quantity | None:
    """The years of the ``n``th century, as a decade's (the 19th century: 1800 to 1900), or None past the 21st."""
    return q("decade", (n - 1) * 100, n * 100) if 1 <= n <= 21 else None


def _zh_date(m: re.Match[str], text: str, q: _Make) -> Quantity | None:
    y = int(m[1])
    mo = int(m[2]) if m[2] else 0
    d = int(m[3]) if m[3] else 0
    if mo:
        return q("date", y, y, (y, mo, d))
    return q("year", y, y, (y, 0, 0))


def _zh_date_numerals(m: re.Match[str], text: str, q: _Make) -> Quantity | None:
    y, mo, d = (int(zh_number(g) or 0) if g else 0 for g in (m[1], m[2], m[3]))
    if not 1 <= mo <= 12 and m[2] or not 1 <= d <= 31 and m[3]:
        return None
    if mo:
        return q("date", y, y, (y, mo, d))
    return q("year", y, y, (y, 0, 0))


def _zh_md(m: re.Match[str], text: str, q: _Make) -> Quantity | None:
    return q("date", 0, 0, (0, int(m[1]), int(m[2])))


def _ko_number(m: re.Match[str], text: str, q: _Make) -> Quantity | None:
    total = 0.0
    for digits, thousand, unit in _KO_PART.findall(m[1]):
        v = _num(digits)
        if v is None:
            return None
        total += v * (1e3 if thousand else 1) * _KO_UNITS.get(unit, 1)
    return q("money" if m[2] else "number", total)


def _zh_month(m: re.Match[str], text: str, q: _Make) -> Quantity | None:
    month = int(m[1])
    return q("date", 0, 0, (0, month, 0)) if 1 <= month <= 12 else None


def _points(m: re.Match[str], text: str, q: _Make) -> Quantity | None:
    v = _num(m[1])
    return None if v is None else q("measure:points", v)


def _zh_day(m: re.Match[str], text: str, q: _Make) -> Quantity | None:
    day = int(m[1])
    return q("date", 0, 0, (0, 0, day)) if 1 <= day <= 31 else None


def _iso_date(m: re.Match[str], text: str, q: _Make) -> Quantity | None:
    return q("date", int(m[1]), int(m[1]), (int(m[1]), int(m[2]), int(m[3])))


def _dotted_date(m: re.Match[str], text: str, q: _Make) -> Quantity | None:
    d, mo, y = int(m[1]), int(m[2]), int(m[3])
    if not (1 <= d <= 31 and 1 <= mo <= 12 and _year_ok(y)):
        return None
    return q("date", y, y, (y, mo, d))


def _ymd_date(m: re.Match[str], text: str, q: _Make) -> Quantity | None:
    y, mo, d = int(m[1]), int(m[3]), int(m[4])
    if not (1 <= d <= 31 and 1 <= mo <= 12 and _year_ok(y)):
        return None
    return q("date", y, y, (y, mo, d))


def _slashed_date(m: re.Match[str], text: str, q: _Make) -> Quantity | None:
    """A date written with slashes. The United States write month/day/year, most of the world day/month/year:
    a part above 12 is the day, and when both could be the month only the year is read (a wrong day would
    conflict with the claim's). A two-digit year is 1969-2068, as ``time.strptime`` reads it."""
    a, b, year = int(m[1]), int(m[2]), m[3]
    y = int(year) if len(year) == 4 else (2000 if int(year) < 69 else 1900) + int(year)
    if not (1 <= a <= 31 and 1 <= b <= 31 and _year_ok(y)) or (a > 12 and b > 12):
        return None
    if a == b or a > 12 or b > 12:
        month, day = (b, a) if a > 12 else (a, b)
        return q("date", y, y, (y, month, day))
    return q("year", y, y, (y, 0, 0))


def _eu_dmy(m: re.Match[str], text: str, q: _Make) -> Quantity | None:
    d, marked, month, year = int(m[1]), m[2] or m[3], EU_MONTHS[m[4].lower()], m[5]
    if not 1 <= d <= 31 or not (marked or year) or (year and not _year_ok(int(year))):
        return None
    if year:
        return q("date", int(year), int(year), (int(year), month, d))
    return q("date", 0, 0, (0, month, d))


def _en_dmy(m: re.Match[str], text: str, q: _Make) -> Quantity | None:
    y = int(m[3])
    return q("date", y, y, (y, MONTHS[m[2].lower()], int(m[1])))


def _en_mdy(m: re.Match[str], text: str, q: _Make) -> Quantity | None:
    y = int(m[3])
    return q("date", y, y, (y, MONTHS[m[1].lower()], int(m[2])))


def _en_my(m: re.Match[str], text: str, q: _Make) -> Quantity | None:
    if m[1].lower() == "may" and not _year_ok(int(m[2])):
        return None
    y = int(m[2])
    return q("date", y, y, (y, MONTHS[m[1].lower()], 0))


def _day_of(month: str, day: str, q: _Make) -> Quantity | None:
    """A day of a month, no year: "June 5", "5 June"; not "may" or "mar" in lower case ("5 may be", "2 mar the")."""
    if month.lower() in ("may", "mar") and month[0].islower():
        return None
    d = int(day)
    if not 1 <= d <= 31:
        return None
    return q("date", 0, 0, (0, MONTHS[month.lower()], d))


def _days(month: str, first: str, last: str, year: str | None, q: _Make) -> list[Quantity] | None:
    """Each day of a run ("17-19 October 2016": the 17th, 18th and 19th), with its year if given."""
    a, b = int(first), int(last)
    if month.lower() in ("may", "mar") and month[0].islower() or not 1 <= a < b <= 31 or b - a > 6:
        return None
    y = int(year) if year else 0
    return [q("date", y, y, (y, MONTHS[month.lower()], d)) for d in range(a, b + 1)]


def _en_days_dm(m: re.Match[str], text: str, q: _Make) -> list[Quantity] | None:
    return _days(m[3], m[1], m[2], m[4], q)


def _en_days_md(m: re.Match[str], text: str, q: _Make) -> list[Quantity] | None:
    return _days(m[1], m[2], m[3], m[4], q)


def _en_md(m: re.Match[str], text: str, q: _Make) -> Quantity | None:
    return _day_of(m[1], m[2], q)


def _en_dm(m: re.Match[str], text: str, q: _Make) -> Quantity | None:
    return _day_of(m[2], m[1], q)


def _en_month(m: re.Match[str], text: str, q: _Make) -> Quantity | None:
    return q("date", 0, 0, (0, MONTHS[m[1].lower()], 0))


def _vague_en(m: re.Match[str], text: str, q: _Make) -> Quantity | None:
    lo, hi = _VAGUE[m[1].lower()]
    outer = _OUTER.get((m[2] or "").lower(), 1)
    return q("money" if m[3] else "number", lo * outer, hi * outer)


def _several_en(m: re.Match[str], text: str, q: _Make) -> Quantity | None:
    scale = SCALES[m[2].lower()]
    return q("money" if m[3] else "number", 2 * scale, 10 * scale)


def _vague_zh(m: re.Match[str], text: str, q: _Make) -> Quantity | None:
    scale = 1.0
    for ch in m[1]:
        scale *= {"十": 10, "百": 100, "千": 1000, "万": 1e4, "亿": 1e8}[ch]
    return q("money" if m[2] else "number", scale, scale * 10)


def _clock(m: re.Match[str], text: str, q: _Make) -> Quantity | None:
    hour = int(m[1])
    if m[3] and hour <= 12:
        hour = hour % 12 + (12 if m[3].lower() == "p" else 0)
    return q("time", hour * 60 + int(m[2] or 0))


def _clock_hour(m: re.Match[str], text: str, q: _Make) -> Quantity | None:
    return q("time", (int(m[1]) % 12 + (12 if m[2].lower() == "p" else 0)) * 60)


def _zh_clock(m: re.Match[str], text: str, q: _Make) -> Quantity | None:
    return q("time", int(m[1]) * 60 + int(m[2] or 0))


def _score(m: re.Match[str], text: str, q: _Make) -> Quantity | None:
    """A result, its two numbers in their order (3比1, "won 3-1"): one quantity, not a 3 and a 1."""
    return q("score", int(m[1]) * 1000 + int(m[2]))


def _en_score(m: re.Match[str], text: str, q: _Make) -> Quantity | None:
    descending = int(m[1]) > int(m[2]) and len(m[1]) <= 2  # "Williams 10-7 Up": no range runs down (747-400 is a model)
    return _score(m, text, q) if descending or _beside_result(m, text) else None  # "pages 10-12": a range


def _en_score_to(m: re.Match[str], text: str, q: _Make) -> Quantity | None:
    return _score(m, text, q) if _beside_result(m, text) else None  # "ages 3 to 5", "rose from 2 to 4"


def _beside_result(m: re.Match[str], text: str) -> bool:
    """Does a word of winning, scoring or voting (``_RESULT_WORDS``) stand within 60 characters of ``m``?"""
    return _RESULT_WORDS.search(text, max(0, m.start() - 60), min(len(text), m.end() + 60)) is not None


def _zh_fraction(m: re.Match[str], text: str, q: _Make) -> Quantity | None:
    whole, part = zh_number(m[1]), zh_number(m[2])
    if not whole or part is None or part > whole:
        return None
    share = round(100 * part / whole, 6)
    if whole <= 5:  # 三分之一, 四分之三: a round share, as "a third" is in English (``_fraction``)
        return q("percent", share - FRACTION_SPREAD, share + FRACTION_SPREAD)
    return q("percent", share)


def _zh_tenths(m: re.Match[str], text: str, q: _Make) -> Quantity | None:
    return q("percent", 10 * ZH_DIGITS[m[1]])


def _zh_approx(m: re.Match[str], text: str, q: _Make) -> Quantity | None:
    v = zh_number(m[1].strip(".,"))
    if not v or v != int(v):
        return None
    return q("number", v, v + _last_place(v))


def _roman(m: re.Match[str], text: str, q: _Make) -> Quantity | None:
    return q("number", unicodedata.numeric(m[0]))


_ROMAN = {"I": 1, "V": 5, "X": 10}


def _roman_en(m: re.Match[str], text: str, q: _Make) -> Quantity | None:
    if m[0].isdigit():  # WW1, WW2
        return q("numeral", int(m[0]))
    word = text[:m.start()].split()[-1:]
    if not word or not word[0][:1].isupper():
        return None  # after a name's word only ("World War II", "WWII"), not after "in II"
    values = [_ROMAN[c] for c in m[0]]
    # kind "numeral": it states the number ("World War Two"), but conflicts only with another numeral (Henry VII
    # against Henry VIII), not with the sentence's other numbers ("U-30 ... in World War I")
    return q("numeral", sum(-v if v < w else v for v, w in zip(values, values[1:] + [0])))


def _zh_percent(m: re.Match[str], text: str, q: _Make) -> Quantity | None:
    v = zh_number(m[1])
    return None if v is None else q("percent", v)


def _percent(m: re.Match[str], text: str, q: _Make) -> Quantity | None:
    v = _num(m[1])
    return None if v is None else q("percent", v)


def _money(m: re.Match[str], text: str, q: _Make) -> Quantity | None:
    v = _num_before(m[1], m[2] or "", money=True)
    if v is None:
        return None
    if m[0].lower().rstrip("s").endswith("pound") and _WEIGHT.search(text, max(0, m.start() - 40), m.start()):
        return q("measure:lb", v * SCALES.get(_scale_word(m[2] or ""), 1))  # "weighs 176 pounds": a weight
    return q("money", v * SCALES.get(_scale_word(m[2] or ""), 1))


#: Words before "pounds" that make it a weight, not money
_WEIGHT = re.compile(r"\b(?:weigh\w*|heav\w*|lift\w*|lost|gained)\b", re.I)


#: Units whose 千 is the metric prefix, not a thousand: 千克 (kg), 千米 (km), 千瓦 (kW), 千赫 (kHz).
_KILO_UNITS = ("克", "米", "瓦", "赫")


#: Words that end in 一 before a number may follow (唯一一位, 统一一下, 之一一, 万一一个): that 一 is no digit.
_ZH_WORD_ONE = re.compile(r"(?<=[唯统同之单专划逐不归合均])一(?=一)|万一(?=一)")


#: What follows a lone numeral that makes it no count: 十分 (very), 三台 / 五台山 / 七台河 (places), 两头 (both ends);
#: nor is 两倍 (twice, which 翻一番 says without a number)
_ZH_NOT_COUNTED = re.compile(r"分|时|度|头|台|秒|期|届|轮|级|部|条|种|方|倍")
_ZH_NOT_COUNTED_AFTER = re.compile(r"(?:第|周|星期|礼拜|初|前|头|近|过去|最近|这|那|上|下)\Z")


def _zh_single_counted(m: re.Match[str], text: str) -> bool:
    """Is a lone numeral from two to ten (三, 两) followed by a measure word a count: 三名员工, 两家公司, 五年, 三天?
    Not 一 (a, one: 一起, 一年一度), nor a measure word that also makes a word or a place (``_ZH_NOT_COUNTED``),
    nor after 第 / 周 / 星期 (第三, 周三: an order, a weekday), nor a span of the calendar (前两个月, 近两年: "1—2月",
    "2023 and 2024")."""
    measure = _ZH_MEASURE.match(text, m.end(1))
    return (m[1] in "两二三四五六七八九十" and measure is not None and not _ZH_NOT_COUNTED.match(measure.group(0))
            and not _ZH_NOT_COUNTED_AFTER.search(text, max(0, m.start() - 2), m.start()))


def _zh_number_reader(m: re.Match[str], text: str, q: _Make) -> Quantity | None:
    if m[1].endswith("千") and not m[2] and len(m[1]) > 1 and text.startswith(_KILO_UNITS, m.end(1)):
        v = zh_number(m[1][:-1].strip(".,"))  # 20千克 is 20 kg, not 20,000 g
        end = m.end(1) - 1
        return None if v is None else Quantity("number", v, v, m.start(), end, text[m.start():end])
    core, money = m[1].strip(".,"), m[2]
    lead = _ZH_WORD_ONE.match(text, m.start(), m.end(1))
    if lead and core.startswith(lead.group(0)):  # 唯一一位, 万一一个: the 一 of a word, then the number
        rest = m.start() + len(lead.group(0))
        core = core[len(lead.group(0)):]
        if len(core) < 2 and not money:
            return None
        v = zh_number(core)
        return None if v is None else Quantity("money" if money else "number", v, v, rest, m.end(), text[rest:m.end()])
    if not core or not any(ch.isdigit() or ch in _ZH_NUM_CHARS for ch in core):
        return None
    if re.fullmatch(r"[\d.,]+", core) and not money:
        return None  # plain Arabic number: handled by the English patterns
    if core == "一一" and not money:
        return None  # "one by one"
    if len(core) == 1 and core in _ZH_NUM_CHARS and not money and not _zh_single_counted(m, text):
        return None  # a lone 一 (一起, 一些), 万, 十 (十分) ...: a count only as _zh_single_counted reads one (三名)
    v = zh_number(core)
    if v is None:
        return None
    return q("money" if money else "number", v)


def _scaled(m: re.Match[str], text: str, q: _Make) -> Quantity | None:
    v = _num_before(m[1], m[2])
    return None if v is None else q("number", v * SCALES[_scale_word(m[2])])


_DENOMINATORS = {"third": 3, "quarter": 4, "fourth": 4, "fifth": 5}
FRACTION_SPREAD = 2.0  # percentage points either side: "a third" is backed by 33% or 35%, not by 40%


def _fraction(m: re.Match[str], text: str, q: _Make) -> Quantity | None:
    """"a third" / "two-thirds" / "three quarters": the share as a percentage, a range around it (a fraction
    said in words is a round figure, so 33% backs "a third")."""
    count, part = re.split(r"[- ]", m[0].lower(), maxsplit=1)
    part = part.rstrip("s")
    share = 100.0 * (1 if count in ("a", "one") else WORD_NUMBERS[count]) / _DENOMINATORS[part]
    if share > 100:
        return None
    return q("percent", share - FRACTION_SPREAD, share + FRACTION_SPREAD)


def _word_scaled(m: re.Match[str], text: str, q: _Make) -> Quantity | None:
    words = m[1].lower()  # "a", "twelve", "twenty-five": twelve thousand is 12,000, not twelve and a thousand
    base = 1 if words == "a" else sum(WORD_NUMBERS[w] for w in re.split(r"[- ]", words))
    return q("number", base * SCALES[m[2].lower()])


def _times_x(m: re.Match[str], text: str, q: _Make) -> Quantity | None:
    return q("measure:times", float(m[1]))


def _half_scaled(m: re.Match[str], text: str, q: _Make) -> Quantity | None:
    word = m[1].lower()
    return q("number", (12 if word == "dozen" else SCALES[word]) / 2)


def _measure(m: re.Match[str], text: str, q: _Make) -> Quantity | None:
    v = _num(m[1])
    return None if v is None else q("measure:" + _UNIT_NAMES.get(m[2], m[2].lower()), v)


#: What says a four-digit number counts things and is no year: "1500 people", "2000 cars", 1000人, 2000辆
_COUNTED_AFTER = re.compile(r"\s*(?:[人名辆个件家所座只头台架艘吨户套株棵颗位例]|(?:people|persons|men|women|children|"
                            r"students|workers|employees|staff|cars|vehicles|homes|houses|jobs|troops|soldiers|deaths|"
                            r"cases|copies|visitors|members|residents|fans|participants|units|tonnes|tons|acres|"
                            r"hectares|miles|kilometres|kilometers|metres|meters|feet|km|words|dollars|euros|"
                            r"pounds)\b)")


#: ... unless the words before it say it is a year: "In 2019 people left", "since 1990 students have"
_YEAR_BEFORE = re.compile(r"\b(?i:in|since|by|from|until|till|during|before|after|early|late|mid)\s+$")


def _number(m: re.Match[str], text: str, q: _Make) -> Quantity | None:
    s, e, raw = m.start(), m.end(), m[0]
    v = _num(raw)
    if v is None:
        return None
    if re.fullmatch(r"\d{4}", raw) and _year_ok(int(raw)) and not (_COUNTED_AFTER.match(text, e)
                                                                  and not _YEAR_BEFORE.search(text[max(0, s - 12):s])):
        return q("year", v, v, (int(raw), 0, 0))
    span = _SPAN_END.search(text[max(0, s - 8):s]) if len(raw) == 2 else None
    if span and 1 <= (int(raw) - int(span.group(1)) % 100) % 100 <= 9:  # 2018–19, 1998/99, 1999-00
        first = int(span.group(1))
        y = first + (int(raw) - first % 100) % 100
        return q("year", y, y, (y, 0, 0))
    if _list_number(text, s, e):
        return None
    # 19th-century-style leftovers or list numbering: still a number
    return q("number", v)


def _times_word(m: re.Match[str], text: str, q: _Make) -> Quantity | None:
    before = text[max(0, m.start() - 8):m.start()].rstrip(" \t\n\"'“‘(")
    if m[0].lower() == "once" and (not before or before[-1] in ".!?;:|"):
        return None  # "Once phase two is completed, ...": opening a sentence, "when", not a count
    return q("measure:times", _TIMES[m[0].lower()])


def _word_ordinal(m: re.Match[str], text: str, q: _Make) -> Quantity | None:
    return q("ordinal", WORD_NUMBERS[m[1].lower()] + ORDINAL_WORDS.index(m[2].lower()) + 1)


def _word_compound(m: re.Match[str], text: str, q: _Make) -> Quantity | None:
    return q("number", WORD_NUMBERS[m[1].lower()] + WORD_NUMBERS[m[2].lower()])


def _ordinal(m: re.Match[str], text: str, q: _Make) -> Quantity | None:
    return q("ordinal", int(m[1]))


def _word(m: re.Match[str], text: str, q: _Make) -> Quantity | None:
    w = m[0].lower()
    if w == "one":
        return None  # "one of the ..." is rarely a checkable count
    return q("number", WORD_NUMBERS[w])


#: How each pattern of ``_PATTERNS`` is read.
_READERS: dict[str, _Reader] = {
    "zh_decade": _zh_decade, "en_decade": _en_decade, "zh_date": _zh_date, "zh_date_numerals": _zh_date_numerals, "ko_date": _zh_date,
    "zh_md": _zh_md, "ko_md": _zh_md, "ko_number": _ko_number, "zh_month": _zh_month, "ko_month": _zh_month,
    "zh_points": _points, "points": _points, "zh_day": _zh_day, "iso_date": _iso_date,
    "dotted_date": _dotted_date, "ymd_date": _ymd_date, "slashed_date": _slashed_date, "eu_dmy": _eu_dmy, "en_dmy": _en_dmy, "en_mdy": _en_mdy, "en_my": _en_my,
    "en_md": _en_md, "en_dm": _en_dm, "en_month": _en_month, "vague_en": _vague_en,
    "several_en": _several_en, "vague_zh": _vague_zh, "clock": _clock, "zh_clock": _zh_clock,
    "zh_score": _score, "en_score": _en_score, "zh_fraction": _zh_fraction, "zh_tenths": _zh_tenths,
    "en_century": _en_century, "zh_century": _zh_century, "short_year": _short_year, "en_days_dm": _en_days_dm,
    "en_days_md": _en_days_md, "en_score_to": _en_score_to, "clock_hour": _clock_hour,
    "half_scaled": _half_scaled, "times_x": _times_x, "word_ordinal": _word_ordinal, "roman_en": _roman_en,
    "zh_approx": _zh_approx, "roman": _roman, "zh_percent": _zh_percent, "percent": _percent,
    "money_pre": _money, "money_post": _money, "zh_number": _zh_number_reader, "scaled": _scaled,
    "word_scaled": _word_scaled, "fraction": _fraction, "measure": _measure, "number": _number, "times_word": _times_word,
    "word_compound": _word_compound, "ordinal": _ordinal, "word": _word,
}


def _make(name: str, m: re.Match[str], text: str) -> Quantity | list[Quantity] | None:
    """The quantity that pattern ``name`` matched as ``m`` in ``text`` (a list for a run of days), or None
    (``_READERS``: every pattern has its reader)."""
    s, e, raw = m.start(), m.end(), m.group(0)

    def q(kind: str, lo: float, hi: float | None = None, date: tuple[int, int, int] = (0, 0, 0)) -> Quantity:
        return Quantity(kind, lo, lo if hi is None else hi, s, e, raw, date)

    return _READERS[name](m, text, q)


def resolve_date(q: Quantity, page: tuple[int, int, int]) -> Quantity | None:
    """A date the text gives without its year (or month) completed from the page's own date.

    "新华社上海11月30日电 …… 30日" on a page dated 2020-11-30 states 2020年11月30日;
    "in June" on a page of 2019 states June 2019. None when nothing is missing
    or the page date cannot fill it (a day without a month, on a page without one)."""
    if q.kind != "date" or q.date[0] or not page[0]:
        return None
    _, month, day = q.date
    if not month:
        if not day or not page[1]:
            return None
        month = page[1]
    return replace(q, lo=page[0], hi=page[0], date=(page[0], month, day))


#: Days and years a Chinese news page names relative to its own date: 昨日 is the day before the
#: dateline. Not English "yesterday" or "last year": an English web page's first full date is less
#: often its own (LOSO on WiCE claims in Chinese, on English pages, AUROC 0.815 -> 0.803 with them).
_RELATIVE_DAYS = {"前天": -2, "前日": -2, "昨天": -1, "昨日": -1, "今天": 0, "今日": 0, "明天": 1, "明日": 1}
_RELATIVE_YEARS = {"前年": -2, "去年": -1, "今年": 0, "明年": 1}
_RELATIVE = re.compile("|".join((*_RELATIVE_DAYS, *_RELATIVE_YEARS)))
_COMPARED = ("比", "较", "于", "与")  # 比去年, 较去年, 高于去年, 与去年相比


def relative_dates(text: str, page: tuple[int, int, int]) -> list[Quantity]:
    """The dates a Chinese text gives relative to its page's date, resolved: on a page dated 2023-12-16,
    昨日 states 2023-12-15 and 去年 2022. Days need the page's full date, years its year."""
    if not page[0]:
        return []
    out = []
    for m in _RELATIVE.finditer(text):
        word = m.group(0)
        if text[max(0, m.start() - 1):m.start()] in _COMPARED or text.startswith("同期", m.end()):
            continue  # 比去年增加18万人, 去年同期: the base of a comparison, not when the thing happened
        if word in _RELATIVE_YEARS:
            y = page[0] + _RELATIVE_YEARS[word]
            out.append(Quantity("year", y, y, m.start(), m.end(), m.group(0), (y, 0, 0)))
        elif page[1] and page[2]:
            try:
                day = datetime.date(*page) + datetime.timedelta(days=_RELATIVE_DAYS[word])
            except ValueError:  # a page date that is no calendar day
                continue
            out.append(Quantity("date", day.year, day.year, m.start(), m.end(), m.group(0),
                                (day.year, day.month, day.day)))
    return out


#: A day of the week, as news pages date what happened in the days before they were written ("died
#: Saturday", "on Monday's vote", 周六, 上星期三). ``(?<![每一二三四五六七八九十])``: 每周一 is every Monday, 一周一次 no day.
_WEEKDAYS_EN = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAYS_ZH = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_WEEKDAY = re.compile(r"(?i:\b(next|this coming|coming|last|this)?\s*\b(" + "|".join(_WEEKDAYS_EN) + r")\b)"
                      r"|(?<![每一二三四五六七八九十])(下个?|上个?|本|这个?)?(?:星期|礼拜|周)([一二三四五六日天])(?![年刊末])")
#: Words that put a weekday after the page's date ("will vote on Tuesday", 将于周二): the next one, not the last.
_FUTURE = re.compile(r"(?i)\b(?:will|would|is to|are to|is due|are due|scheduled|expected to|plans? to)\b|将|计划|拟")


def weekday_dates(text: str, page: tuple[int, int, int]) -> list[Quantity]:
    """The dates a text gives as a day of the week, on a page of a known full date: the last such day on
    or before the page's date ("died Saturday" on a page of Monday 12 November 2018 is 10 November), or
    the next one after it where the text says so ("next Tuesday", 下周二) or speaks of what will happen
    ("will vote on Tuesday", 将于周二). A weekday that does not fall within the week around the page's
    date is read as no date at all, so it can match only a claim date of that very week."""
    if not (page[0] and page[1] and page[2]):
        return []
    try:
        today = datetime.date(*page)
    except ValueError:  # a page date that is no calendar day
        return []
    out = []
    for m in _WEEKDAY.finditer(text):
        # what will happen is said before the day, in its own clause ("will vote on Tuesday", 将于周二), not
        # in a clause after it ("died Saturday, and a funeral will be held")
        before = re.split(r"[,;，；。]", text[max(0, m.start() - 60):m.start()])[-1]
        future = bool(_FUTURE.search(before))
        if m.group(2):
            word, day = (m.group(1) or "").lower(), _WEEKDAYS_EN.index(m.group(2).lower())
            ahead = word in ("next", "this coming", "coming") or (word != "last" and future)
            when = _nearest_weekday(today, day, ahead, before_today=word == "last")
        elif m.group(3):  # 上周二, 下周二, 本周二: the day of the week before, after or of the page's (Monday to Sunday)
            week = -7 if m.group(3).startswith("上") else 7 if m.group(3).startswith("下") else 0
            when = today + datetime.timedelta(days=_WEEKDAYS_ZH[m.group(4)] - today.weekday() + week)
        else:  # 周二 alone: the last one, or the next where the text speaks of what will happen
            when = _nearest_weekday(today, _WEEKDAYS_ZH[m.group(4)], future)
        raw = m.group(0).strip()
        start = m.start() + m.group(0).index(raw)
        out.append(Quantity("date", when.year, when.year, start, start + len(raw), raw,
                            (when.year, when.month, when.day), guessed=True))
    return out


def _nearest_weekday(today: datetime.date, day: int, ahead: bool, before_today: bool = False) -> datetime.date:
    """The day of the week ``day`` (0: Monday) nearest ``today``: the next one after it (``ahead``), else the last
    one on or before it, or strictly before it (``before_today``: "last Monday" on a Monday is a week ago)."""
    if ahead:
        return today + datetime.timedelta(days=(day - today.weekday()) % 7 or 7)
    return today - datetime.timedelta(days=(today.weekday() - day) % 7 or (7 if before_today else 0))


def _list_number(text: str, start: int, end: int) -> bool:
    """"80." or "3)" opening a line: the number of a list item, not a quantity."""
    line_start = text.rfind("\n", 0, start) + 1
    return not text[line_start:start].strip() and text[end:end + 1] in (".", ")") and not text[end + 1:end + 2].isdigit()


#: How far above a claim's lower bound a source's value may be and still back it: "more than 280 mm" is what
#: a writer says of 286.2 mm, not of 900 mm.
BOUND_REACH = 1.5


def same_value(a: Quantity, b: Quantity) -> bool:
    """Does ``b`` (from the source) state the value ``a`` (from the claim) gives?

    Rounding and ranges are allowed, and a value up to ``BOUND_REACH`` times a
    claim's lower bound backs it ("more than 280 mm": 286.2 mm). For dates every part the claim gives must
    be given and equal in the source: "May 19, 2016" is not backed by "2016",
    but "2016" is backed by "May 19, 2016".
    """
    if a.kind in ("date", "year") or b.kind in ("date", "year"):
        return _same_date(a, b)
    if a.kind in ("score", "time") or b.kind in ("score", "time"):
        return a.kind == b.kind and a.lo == b.lo  # one result (3比1 is not a 3 and a 1), one time of day
    if "ordinal" in (a.kind, b.kind) and {a.kind, b.kind} & _CLOCK_COUNTS:
        return False  # the 10th is not backed by 10分 or 10秒 (minutes, seconds); 400周年 backs the 400th anniversary
    if a.direction * b.direction < 0:
        return False  # "fell 3%" is not backed by "rose 3%" (a change without a direction backs either)
    if (a.kind == "percent") != (b.kind == "percent"):
        return False  # 12% is not backed by 12 people, nor 十余人 by 20%
    if a.at_most or b.at_most:
        if a.at_most and b.at_most:  # the same upper bound: "fewer than 20" and 不到20人
            lo_a, hi_a = _tolerant(replace(a, hi=a.lo))
            return lo_a <= b.lo <= hi_a
        if a.at_most and b.exact and not b.at_least and _unit(a.kind) == _unit(b.kind):
            return a.lo / BOUND_REACH <= b.lo < a.lo  # a value just below the claim's bound: "under 300" by 286
        return False  # "more than 20" is not backed by "fewer than 20", nor 20 or 15 by "fewer than 20"
    if (a.at_least and b.nearly or a.nearly and b.at_least) and _counts_alike(a, b):
        lo_a, hi_a = _tolerant(replace(a, hi=a.lo))
        if lo_a <= b.lo <= hi_a:
            return False  # "more than 1,000" is not backed by "nearly 1,000", nor the other way round (but "more
            # than 900" is)
    if a.at_least and b.at_least and not (a.kind.startswith("measure") or b.kind.startswith("measure")):
        # the same lower bound: "more than 12,000" and 1.2万余 (12,000 to 13,000) or 超过1.2万
        lo_a, hi_a = _tolerant(replace(a, hi=a.lo))
        return lo_a <= b.lo <= hi_a
    if (a.kind.startswith("measure") or b.kind.startswith("measure")) and _unit(a.kind) != _unit(b.kind):
        if {_unit(a.kind), _unit(b.kind)} == {"measure:points", "number"}:
            # "0.3 percentage points" and "0.3 points" (a bare "points" is also a game's: read as a number),
            # the same figure as written: a bare "1" (of 1—11月) is no rounding of 0.7 points
            return (a.lo, a.hi) == (b.lo, b.hi)
        base_a, base_b = _base(a.kind), _base(b.kind)
        if {_unit(a.kind), _unit(b.kind)} == {"measure:m", "number"} or (
                "number" in (a.kind, b.kind) and {_unit(a.kind), _unit(b.kind)} & _DURATIONS):
            pass  # "300 metres" and "300 m" (read as a bare number: "m" is also "million"), "aged 30" and "30 years"
        elif base_a and base_b and base_a[0] == base_b[0]:
            return _converted(a, b, base_a[1:], base_b[1:])  # 1.2 km and 1,200 metres, 8公里 and "5 miles"
        else:
            return False  # 80TB is not backed by a bare 80, nor by 80 GB (6公里 is 6 km)
    if a.kind.startswith("count:") and b.kind.startswith("count:") and a.kind != b.kind:
        return False  # 15级 is not backed by 15岁 (a bare 15 still backs it: "force 15", "15 stations")
    if a.at_least and not b.at_least and b.exact and a.lo < b.lo <= a.lo * BOUND_REACH:
        return True  # a value just above the claim's lower bound: 超过280毫米 backed by 286.2毫米
    if a.at_least and not b.at_least and b.exact and b.hi < a.lo:
        return False  # below the claim's lower bound: "more than $100 billion" is not backed by $97.4 billion
    lo_a, hi_a = _tolerant(a)
    lo_b, hi_b = _tolerant(b)
    if a.exact and b.exact and a.lo == b.lo:
        return True
    if a.exact and b.exact and _one_digit(b) and (hi_b - lo_b) > 2 * (hi_a - lo_a):
        return False  # a figure of one digit is not a rounding of a more precise one: "1" (of 1—11月, "1 in 5")
        # is no source for "0.7%", nor "2 million" for "2.5 million" (round thousands still back a figure:
        # "40,000" backs 39,800; and the claim may round the source: "1%" is backed by 0.7%)
    if a.exact and not b.exact and not _share_in_words(b):
        # a vague source ("billions of dollars") cannot back a precise claim ("$87.4 billion"); a share in words
        # is no vague figure but a round one: "two-thirds" and 三分之二 back 67% (and 65%, not 60%)
        return lo_a <= lo_b and hi_b <= hi_a
    return lo_a < hi_b and lo_b < hi_a


#: Units one converts to another, each as (its base, how many of the base one is)
_BASE_UNITS = {"km": ("m", 1e3), "m": ("m", 1.0), "cm": ("m", 1e-2), "mm": ("m", 1e-3), "mi": ("m", 1609.344),
               "ft": ("m", 0.3048), "kg": ("g", 1e3), "mg": ("g", 1e-3), "lb": ("g", 453.59237),
               "km²": ("m²", 1e6), "km2": ("m²", 1e6), "m²": ("m²", 1.0), "m2": ("m²", 1.0), "ha": ("m²", 1e4),
               "mi²": ("m²", 2589988.110336), "ft²": ("m²", 0.09290304), "km/h": ("m/s", 1 / 3.6),
               "mph": ("m/s", 0.44704), "kw": ("w", 1e3), "mw": ("w", 1e6), "gw": ("w", 1e9),
               "kwh": ("wh", 1e3), "mwh": ("wh", 1e6), "gwh": ("wh", 1e9), "°c": ("°c", 1.0), "°f": ("°c", 5 / 9),
               **{sign: ("s", seconds) for _, sign, seconds in _DURATION_UNITS}}
#: What a unit's zero is in its base, for the scales that do not start at zero (0 °F is -17.8 °C)
_BASE_OFFSETS = {"°f": -160 / 9}


def _base(kind: str) -> tuple[str, float, float] | None:
    """The base unit of a measure's kind, its factor and its offset to it (measure:km -> ("m", 1000, 0);
    measure:°f -> ("°c", 5/9, -160/9)), or None."""
    unit = _unit(kind)[8:] if _unit(kind).startswith("measure:") else ""
    base = _BASE_UNITS.get(unit)
    return None if base is None else (*base, _BASE_OFFSETS.get(unit, 0.0))


def _converted(a: Quantity, b: Quantity, to_a: tuple[float, float], to_b: tuple[float, float]) -> bool:
    """``same_value`` for measures in two units of one base: each side's value, converted, must round to what
    the other writes (within the interval its precision gives: "8 km" is 7.5-8.5 km and holds 5 miles, 8.05 km;
    "5 miles" is 4.5-5.5 miles and holds 8 km, 4.97 miles). Both ways, so that "1 ft" (0.5-1.5 ft) is not
    backed by "20 cm"; a claim's lower bound is met by a value from it up to ``BOUND_REACH`` times it. ``to_a``
    and ``to_b``: each unit's factor and offset to the base (``_base``)."""
    (fa, oa), (fb, ob) = to_a, to_b
    if a.at_least and not b.at_least:
        return a.lo * fa + oa < b.lo * fb + ob <= (a.lo * fa + oa) * BOUND_REACH
    lo_a, hi_a = _tolerant(a)
    lo_b, hi_b = _tolerant(b)
    mid_a, mid_b = (a.lo + a.hi) / 2 * fa + oa, (b.lo + b.hi) / 2 * fb + ob
    return lo_a * fa + oa <= mid_b <= hi_a * fa + oa and lo_b * fb + ob <= mid_a <= hi_b * fb + ob


def _share_in_words(q: Quantity) -> bool:
    """A share said in words ("a third", "two-thirds", 三分之一): a percentage range with no digit written."""
    return q.kind == "percent" and not q.exact and not any(c in "0123456789" for c in q.raw)


def _last_place(v: float) -> float:
    """The place of a whole number's last non-zero digit: 两千万 -> 10^6, 4300 -> 100, 15 -> 1."""
    unit = 1.0
    while v % (unit * 10) == 0 and unit < abs(v):
        unit *= 10
    return unit


def _one_digit(q: Quantity) -> bool:
    """``q`` is written with a single digit, with or without a scale word: "1", "2 million", "3亿"."""
    token = _NUMBER_TOKEN.search(q.raw)
    return token is not None and len(_canonical(token.group(0))) == 1


def _tolerant(q: Quantity) -> tuple[float, float]:
    """The interval a stated number stands for, given the precision it is written with.

    "97.4 billion" covers 97.35-97.45 billion (so it matches 97,412,000,000 and
    974亿, not 93 billion); "40,000" covers 39,500-40,500; 两千万 covers 19-21 million.
    """
    if not q.exact:
        return q.lo, q.hi
    v = q.lo
    if v == 0:
        return 0.0, 0.0
    token = _NUMBER_TOKEN.search(q.raw)
    if token:
        text = _canonical(token.group(0))
        num = float(text)
        scale = v / num if num else 1.0
        if "." in text:
            unit = 10.0 ** -len(text.split(".")[1])
        else:
            digits = text.lstrip("0") or "0"
            zeros = len(digits) - len(digits.rstrip("0"))
            unit = 10.0 ** max(0, min(zeros, len(digits) - 2))
        tol = unit * scale / 2
    else:  # written in words or Chinese numerals: 两千万 (+-1 million), five
        tol = _last_place(v) / 20
    tol = max(tol, abs(v) * 1e-9)  # float noise only: 4,345 is not 4,338
    return v - tol, v + tol


def _same_date(a: Quantity, b: Quantity) -> bool:
    da, db = a.date, b.date
    if a.kind not in ("date", "year") and b.kind not in ("date", "year"):
        return False
    if a.kind not in ("date", "year") or b.kind not in ("date", "year"):
        # a bare number against a year: equal values only
        other = a if a.kind not in ("date", "year") else b
        year = b if other is a else a
        if a.kind == "decade":  # the claim's decade backed by a year or date in it ("the 1990s": 1994)
            return a.lo <= b.date[0] <= a.hi
        return other.exact and other.lo == year.date[0] and year.date[1] == 0
    for x, y in zip(da, db):
        if x and x != y:
            return False
    return True


def compatible(a: Quantity, b: Quantity) -> bool:
    """Same kind of thing, so that a different value is a real mismatch (a Chinese count and a bare number
    are: 6座 and an English page's "8 stations")."""
    kinds = {_unit(a.kind), _unit(b.kind)}
    if kinds <= {"date", "year"}:
        return True
    if len(kinds) == 1:
        return True  # the same kind, or a Chinese unit and its English symbol (6公里, 8 km)
    if kinds <= _DURATIONS:
        return True  # durations in two units: "two weeks" and "two months" (not lengths: a page rounds 80 ft to 24 m)
    return a.kind.startswith("count:") and b.kind == "number" or b.kind.startswith("count:") and a.kind == "number"


def conflicts(claim: Quantity, source: Quantity) -> bool:
    """Does ``source`` state a *different* value for the same kind of thing?

    Stricter than ``not same_value``: a date the source gives less precisely
    ("April 9th" for "April 9, 2011", "1995" for "October 6, 1995") is not a
    conflict; only a part that both give and that differs is.
    """
    if not compatible(claim, source) or source.guessed or claim.guessed:
        return False
    if claim.kind in ("date", "year") or source.kind in ("date", "year"):
        if claim.date[0] and not source.date[0]:
            return False  # "in November" may be another year's November, or another event's
        return any(x and y and x != y for x, y in zip(claim.date, source.date))
    return not same_value(claim, source)


def contradicts(claim: Quantity, source: Quantity) -> bool:
    """A conflict strong enough to call the claim contradicted (``conflicts`` feeds only a feature).

    Only a precise claim value can be contradicted ("dozens" cannot), only for
    amounts of money, percentages and dates (bare counts such as "five" vs "12"
    too often count different things), and a date only by one given at least as
    precisely ("29 April 2014" is not contradicted by a bare "2015").
    """
    if not claim.exact or not claim.kind.startswith(("money", "percent", "date", "year", "measure")):
        return False
    if not conflicts(claim, source):
        return False
    if claim.kind in ("date", "year") or source.kind in ("date", "year"):
        given = sum(1 for x in claim.date if x)
        return sum(1 for x in source.date if x) >= given
    return True
