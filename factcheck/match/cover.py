"""Stage 2 of the default matcher: which of the claim's parts do the evidence sentences state?

``cover(info, index, retrieval) -> Coverage``. The claim's parts (quotes,
numbers and dates, names, content words; ``text.claim_parts``) are looked for
in a pool of sentences (the embedded candidates and the BM25 top ``POOL``, plus
every sentence that states one of the claim's numbers): words by stem, Chinese
words as substrings, and across languages by word vectors (马斯克 ~ Musk); an
English claim's words on a Chinese page also through the dictionary's glosses
of the page's words (drone: 无人机, ``DocIndex.glossed``).
A number or date counts only in a sentence that also states enough of the
claim's other parts (``ANCHOR_MIN``; a full date, specific enough, a quarter:
``ANCHOR_MIN_DAY``). Evidence is chosen greedily, up to
``MAX_EVIDENCE`` sentences, each added only when it covers parts the others
miss. The same parts are also looked for in the whole page (``doc``).
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from .embed import word_vectors
from .fold import unaccented
from .gloss import (TRANSLITERATED_RUN, TRANSLITERATING, gloss, pinyin_spellings, pinyin_word, sounds_like, spells,
                    stated_share)
from .quantities import ORDINAL_WORDS, Quantity, quantities, same_value
from .retrieve import PAGE_DATE_LINES, POOL, ClaimInfo, DocIndex, Retrieval
from .text import Part, cjk_words, reports_hearsay, sentence_words, terms

__all__ = ["Coverage", "cover", "part_cover", "initials_match", "foreign_names", "FOUND"]

MAX_EVIDENCE = 3
CROSS_POOL = 20  # sentences matched word by word (by meaning) for a cross-language pair
MIN_GAIN = 0.08  # weighted claim coverage a further evidence sentence must add
FOUND = 0.99  # a part counts as found when covered this fully
ANCHOR_MIN_DAY = 0.25  # a full date (day and month) is specific: a quarter of the other parts will do
ANCHOR_MIN = 0.5  # share of a claim's other parts a sentence must state for its numbers/dates to count
NAME_ANCHOR_WEIGHT = 0.3  # weight of a name in the anchor, relative to its weight in coverage
NEAR_SENTENCES = 20  # sentences either side of the evidence where a claim's name, number or date must be stated
# word-vector cosine -> credit: 0.42 (马斯克 ~ Altman level) gives none, 0.54 full (马斯克 ~ Musk 0.56)
SOFT_LOW, SOFT_HIGH = 0.42, 0.54


@dataclass(frozen=True)
class Coverage:
    parts: list[Part]  # the claim's checkable parts (rows below)
    weights: np.ndarray  # per part
    pool: list[int]  # sentence ids (columns of ``matrix``), document order
    matrix: np.ndarray  # parts x pool, each cell in [0, 1]
    anchors: dict[int, np.ndarray]  # quantity row -> share of its clause's other parts, per pool sentence
    evidence: list[int]  # chosen sentence ids, document order
    by_evidence: np.ndarray  # per part, how well the evidence covers it
    top1: float  # weighted coverage by the best sentence alone
    doc: np.ndarray  # per part, how well the whole page covers it
    near: np.ndarray  # per part, how well the page around the evidence covers it (``_near_cover``)
    near_terms: AbstractSet[str]  # the terms the page around the evidence states (a short page: all its terms)
    #: pool sentence -> share of the claim it reports, where it quotes a rumour that ``matrix`` does not read
    reported: dict[int, float] = field(default_factory=dict)

    def share(self, covered: np.ndarray, rows: list[int] | None = None) -> float:
        """Weighted share of ``rows`` (default all) that ``covered`` covers."""
        rows = list(range(len(self.parts))) if rows is None else rows
        w = self.weights[rows]
        return float(w @ covered[rows]) / float(w.sum()) if rows and w.sum() > 0 else 0.0

    def report_share(self, i: int) -> float:
        """The share of the claim pool sentence ``i`` states or reports (a rumour it quotes read too)."""
        return self.reported.get(i, self.share(self.matrix[:, self.column(i)]))

    def column(self, i: int) -> int:
        return self.pool.index(i)


#: Where a quotation leaves words out or puts its own in: "mature, tasteful, and [...] sexy", "[he] said".
_ELISION = re.compile(r"\[[^\]]*\]|\.\.\.|…")


def _quoted(quote: str, norm_text: str) -> bool:
    """Does ``norm_text`` (lower case, runs of non-word characters made one space) state the lower-cased
    ``quote`` word for word, its fragments in order where it leaves words out?"""
    pos = 0
    fragments = [f for f in (re.sub(r"\W+", " ", piece).strip() for piece in _ELISION.split(quote)) if f]
    for fragment in fragments:
        at = norm_text.find(fragment, pos)
        if at < 0:
            return False
        pos = at + len(fragment)
    return bool(fragments)


#: A species' name, its genus capitalised ("Antechinus swainsonii mimetes"), which a page writes with the
#: genus abbreviated once it has named it ("A. swainsonii mimetes").
_BINOMIAL = re.compile(r"([A-Z])[a-z]+((?: [a-z]{4,}){1,2})")


def _abbreviated_genus(quote: str, norm_text: str) -> bool:
    """Does ``norm_text`` (as ``_quoted`` reads it) state the species ``quote`` with its genus abbreviated?"""
    m = _BINOMIAL.fullmatch(quote.strip())
    return m is not None and re.search(rf"(?<!\w){m.group(1).lower()}{m.group(2)}(?!\w)", norm_text) is not None


def part_cover(part: Part, term_set: set[str] | dict, text_lower: str, qtys: list[Quantity],
               text: str = "") -> float:
    """How well one sentence (its terms, lower-cased text and quantities; ``text``, as written, for names
    written as their initials) states ``part``, in [0, 1]."""
    if part.kind == "quantity" and part.quantity is not None:
        if any(same_value(part.quantity, q) for q in qtys):
            return 1.0
        # a name's Roman numeral and the ordinal spelt out: "World War II" and "the Second World War"
        ordinal = _ORDINAL_OF.get(int(part.quantity.lo)) if part.quantity.kind == "numeral" else None
        return 1.0 if ordinal and ordinal in term_set else 0.0
    if part.kind == "quote":
        norm = re.sub(r"\W+", " ", text_lower)
        if _quoted(part.text.lower(), norm) or _abbreviated_genus(part.text, norm):
            return 1.0
        if not norm.isascii() and _quoted(unaccented(part.text.lower()), unaccented(norm)):
            return 1.0  # a title without its marks, as English text writes it: "Die Funf Tore" for "Die Fünf Tore"
        if not part.terms:
            return 0.0
        return 0.5 * sum(t in term_set for t in part.terms) / len(part.terms)
    if part.kind == "zh":
        return 1.0 if part.text.lower() in text_lower else 0.0
    if not part.terms:
        return 0.0
    found = sum(t in term_set for t in part.terms)
    if found < len(part.terms) and part.kind == "name":
        if text and initials_match(part.text, text):
            return 1.0
        return max(found / len(part.terms), _loose_name_cover(part, term_set))
    if found < len(part.terms) and part.kind == "word":  # "non-profit" as "nonprofit" or "non profit"
        found += sum(t not in term_set and "-" in t and any(all(x in term_set for x in way) for way in _unhyphened(t))
                     for t in part.terms)
    return found / len(part.terms)


@lru_cache(maxsize=4096)
def _unhyphened(term: str) -> tuple[tuple[str, ...], ...]:
    """The other ways to write a hyphened term, as terms: joined ("nonprofit") and spaced ("non profit"), each
    piece a term (not "profit" alone). Not joined after "re": "re-signed" is not "resigned"."""
    pieces = term.split("-")
    spaced = tuple(terms(" ".join(pieces)))
    ways = [spaced] if len(spaced) == len(pieces) else []
    if pieces[0] != "re":
        ways.append(tuple(terms("".join(pieces))))
    return tuple(way for way in ways if way)


#: A run of capitalised words, joined by the small words a name holds ("Bureau of Investigation")
_CAPITALISED_RUN = re.compile(r"[A-Z][\w'’.-]*(?:\s+(?:(?:of|and|for|the|on|in|de|des|du|la|le|der|die|das|für|und|y|e)"
                              r"\s+)*[A-Z][\w'’.-]*)+")
_ACRONYM = re.compile(r"[A-Z]{2,6}")
#: The two-letter initials news writes bare for a name of two words (a person's initials are not a name)
_TWO_LETTERS = frozenset({"UN", "EU", "US", "UK", "HK", "NY", "LA", "DC"})


def _initials(run: str) -> str:
    words = [w for w in run.split() if w[0].isupper()]
    if words and words[0] in ("The", "A", "An"):  # "The Federal Bureau of Investigation"
        words = words[1:]
    return "".join(w[0] for w in words)


def initials_match(name: str, text: str) -> bool:
    """A name and the sentence ``text`` writing it as its initials, either way round: "Federal Bureau of
    Investigation" against "FBI", "UN" against "the United Nations", "World Health Organization" against "WHO"."""
    if _ACRONYM.fullmatch(name):
        # the run's initials, or (three letters or more) inside them: "FBI Director" is one run
        return any(short == name or (len(name) >= 3 and name in short)
                   for short in (_initials(m.group(0)) for m in _CAPITALISED_RUN.finditer(text)))
    run = _CAPITALISED_RUN.fullmatch(name)
    if run is None:
        return False
    short = _initials(name)
    if len(short) < 3 and short not in _TWO_LETTERS:  # "Sam Altman" is not "SA"
        return False
    return re.search(rf"(?<![\w-]){short}(?![\w-])", text) is not None


def _loose_name_cover(part: Part, term_set: set[str] | dict) -> float:
    """How well a sentence states a name it does not state as written, read loosely: with hyphens as spaces
    on either side ("African-Americans" against "African Americans", "Jean Paul Sartre" against
    "Jean-Paul Sartre", "UK-based" against "based in the UK"), without marks on either side ("Zurich"
    against "Zürich", "São Paulo" against "Sao Paulo"), and a person's name without the title and
    affiliation before it ("President Biden" against "Joe Biden", "OpenAI CEO Sam Altman" against
    "Sam Altman")."""
    for other in _OTHER_NAMES.get(_plain_name(part.text), ()):
        if all(t in term_set for t in other):
            return 1.0  # the country's other name: "the UK" and "Britain", "Burma" and "Myanmar"
    loose = _loose_terms(part.text)
    if not loose:
        return 0.0
    missing = [t for t in loose if t not in term_set]
    if missing:  # the sentence's hyphened and marked words read as their plain parts, only when needed
        marked = [t for t in term_set if "-" in t or not t.isascii()]
        page = {piece for t in marked for piece in terms(unaccented(t.replace("-", " ")))}
        # and each piece as it stands, a stem already: stemmed again, "füchs" (Füchse) would be "fuch"
        page.update(unaccented(piece) for t in marked for piece in t.split("-"))
        page.update(piece for t in term_set if t in _SPELT_OUT for piece in _SPELT_OUT[t])
        missing = [t for t in missing if t not in page
                   and not any(a in term_set or a in page for a in _ALIASES.get(t, ()))
                   and not all(a in term_set for a in _TITLE_WORDS.get(t, ("",)))]
    if missing and any(len(t) >= 6 for t in missing):  # a letter doubled or not: "Paterson" and "Patterson"
        single = {_undoubled(t) for t in term_set if len(t) >= 5 and t.isalpha()}
        missing = [t for t in missing if len(t) < 6 or _undoubled(t) not in single]
    return 1 - len(missing) / len(loose)


def _undoubled(term: str) -> str:
    """A term with each doubled letter written once: "patterson" -> "paterson", "phillip" -> "philip"."""
    return _DOUBLED.sub(r"\1", term)


_DOUBLED = re.compile(r"([^\W\d_])\1")


@lru_cache(maxsize=4096)
def _loose_terms(name: str) -> frozenset[str]:
    """A name's terms read loosely (``_loose_name_cover``), worked out once per name, not once per sentence."""
    words = _HYPHEN.sub(" ", name).split()
    titled = [k for k, w in enumerate(words) if w.lower().strip(".,") in _TITLES]
    if titled and words[titled[-1] + 1:] and all(w[:1].isupper() for w in words[titled[-1] + 1:]):
        words = words[titled[-1] + 1:]  # "OpenAI CEO Sam Altman", "President Biden": the person's name after it
    read = terms(unaccented(" ".join(words).lower()))
    return frozenset(piece for t in read for piece in _SPELT_OUT.get(t, (t,)))


#: The words a name writes short, as index terms, each with what it stands for ("St." is Saint or Street,
#: "Mt." Mount, "Ltd" Limited, "II" the second; "World War II" is the Second World War and WWII).
_SHORT_FORMS = {"st": ("saint", "street"), "mt": ("mount",), "mts": ("mountains",), "ft": ("fort",), "pt": ("point",),
                "ltd": ("limited",), "co": ("company",), "corp": ("corporation",), "inc": ("incorporated",),
                "bros": ("brothers",), "ave": ("avenue",), "jr": ("junior",), "sr": ("senior",),
                "ii": ("two", "2"), "iii": ("three", "3")}
#: Roman numerals after a name and their ordinals, as index terms: "Henry VIII" is "Henry the Eighth"
_NUMERALS = "II III IV V VI VII VIII IX X XI XII XIII".split()
_ORDINAL_OF = {n: terms(ORDINAL_WORDS[n - 1])[0] for n in range(2, len(_NUMERALS) + 2)}
_ROMAN_ORDINALS = {numeral: _ORDINAL_OF[n] for n, numeral in enumerate(_NUMERALS, start=2)}


def _aliases() -> dict[str, set[str]]:
    """Each term of ``_SHORT_FORMS`` and ``_ROMAN_ORDINALS`` with the terms it stands for, both ways round."""
    pairs = [(terms(short)[0], t) for short, longs in _SHORT_FORMS.items() for t in terms(" ".join(longs))]
    pairs += [(numeral.lower(), ordinal) for numeral, ordinal in _ROMAN_ORDINALS.items()]
    out: dict[str, set[str]] = {}
    for a, b in pairs:
        out.setdefault(a, set()).add(b)
        out.setdefault(b, set()).add(a)
    return out


_ALIASES = _aliases()
#: Officers' titles written short, with the words that state them: "CEO of OpenAI" against "chief executive of
#: OpenAI" (British news seldom writes CEO; "officer" is often left out)
_TITLE_WORDS = {short: tuple(terms(words)) for short, words in (
    ("ceo", "chief executive"), ("cfo", "chief financial"), ("coo", "chief operating"), ("cto", "chief technology"),
    ("vp", "vice president"))}
#: Countries' other names, as English news writes them (each group one country); a name's terms, found in a
#: sentence, state the others
_COUNTRY_NAMES = (("united states", "united states of america", "usa", "america"),
                  ("united kingdom", "uk", "britain", "great britain"), ("soviet union", "ussr"),
                  ("netherlands", "holland"), ("czech republic", "czechia"), ("myanmar", "burma"),
                  ("ivory coast", "cote d'ivoire"), ("eswatini", "swaziland"), ("turkey", "turkiye"),
                  ("north macedonia", "macedonia"), ("east timor", "timor-leste"), ("cape verde", "cabo verde"))


def _plain_name(name: str) -> str:
    """A name lower-cased, without its marks, full stops and a leading "the": "the U.K." -> "uk"."""
    plain = unaccented(name.lower()).replace(".", "").replace("’", "'").strip()
    return plain[4:] if plain.startswith("the ") else plain


_OTHER_NAMES: dict[str, list[tuple[str, ...]]] = {
    name: [tuple(terms(other)) for other in group if other != name and terms(other)]
    for group in _COUNTRY_NAMES for name in group}
#: Names written as one short word, read as their terms: WWII is World War II
_SPELT_OUT = {"wwii": tuple(terms("world war ii")), "wwi": tuple(terms("world war i")), "ww": tuple(terms("world war"))}


_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")
#: Titles that stand before a person's name in English news ("General", "Justice", "Secretary", "Director"
#: and "Commissioner" left out: General Motors, Justice Department, offices named "... of ..." and "... for ...")
_TITLES = frozenset("""mr mrs ms mx dr prof professor sir dame lord lady president vice prime minister senator sen
rep representative governor gov mayor chancellor king queen prince princess pope ceo cfo coo cto chairman
chairwoman chair chief premier ambassador congressman congresswoman judge coach founder cofounder co-founder
spokesman spokeswoman spokesperson""".split())


#: Words a Chinese count stands before, skipped to read what it counts: 2人死亡 counts 死亡.
_ZH_COUNTERS = "人名位例只头辆艘架起次"
_HAN2 = re.compile(r"[\u4e00-\u9fff]{2}")


def _zh_counted(text: str, end: int) -> str:
    """The two Chinese characters after a count (its measure word skipped): what it counts (死亡 in 2人死亡)."""
    rest = text[end:end + 3]
    rest = rest[1:] if rest[:1] in _ZH_COUNTERS else rest
    return rest[:2] if _HAN2.fullmatch(rest[:2]) else ""


def _counted_otherwise(M: np.ndarray, parts: list[Part], claim_text: str, texts: list[str]) -> None:
    """Zero M[row, k] where sentence k backs a Chinese claim's count only with a count of something else,
    while it gives the claim's counted thing a count of its own: 十余人死亡 is not backed by the 11 of
    事故共造成2人死亡、11人受伤."""
    for row, p in enumerate(parts):
        q = p.quantity
        if p.kind != "quantity" or q is None or claim_text[q.start:q.end] != q.raw:
            continue
        what = _zh_counted(claim_text, q.end)
        if not what:
            continue
        for k, text in enumerate(texts):
            if M[row, k] == 0 or what not in text:
                continue
            found = quantities(text)
            backing = {_zh_counted(text, s.end) for s in found if same_value(q, s)}
            given = any(_zh_counted(text, s.end) == what for s in found if not same_value(q, s))
            if given and backing and what not in backing:
                M[row, k] = 0.0


#: A person's name as a claim writes it: two or three capitalised words, the last a surname
_PERSON = re.compile(r"[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){1,2}")
#: The last words of names that are places, teams and bodies, not people: "Lake" alone is not "Real Salt Lake",
#: "United" not "Manchester United", "Court" not "Supreme Court"
_NOT_SURNAMES = frozenset(
    "lake river sea ocean bay island islands mountain mountains hill hills valley park street road avenue square "
    "bridge city town county state states province district republic kingdom empire union nations airport station "
    "stadium arena hall house palace tower centre center museum gallery library school college university academy "
    "institute hospital church cathedral temple court council parliament senate assembly congress committee "
    "commission party government ministry department agency office bank fund group company corporation inc ltd "
    "club team united city fc rovers wanderers athletic football league cup festival award awards prize times post "
    "news press journal herald tribune review magazine records studios pictures games foundation society association "
    "network channel radio airlines airways motors".split())


def _named_before(M: np.ndarray, parts: list[Part], texts: list[str], page: str) -> None:
    """Raise M[row, k] to 1 where sentence k calls the claim's person by the surname alone ("Musk sued
    OpenAI") and the page names that person in full ("Elon Musk"), as news does after the first mention.
    The surname must be written with its capital ("the court" is not "Supreme Court")."""
    for row, p in enumerate(parts):
        if p.kind != "name" or not _PERSON.fullmatch(p.text) or M[row].min() >= 1.0:
            continue
        words = p.text.split()
        words = [w for w in words if w.lower().strip(".,") not in _TITLES] or words
        if len(words) < 2 or " ".join(words) not in page or words[-1].lower().strip(".") in _NOT_SURNAMES:
            continue  # the page never names the person in full (a surname alone may be someone else), or a place
        surname = re.compile(rf"(?<![\w'’-]){re.escape(words[-1])}(?![\w-])")
        for k, text in enumerate(texts):
            if M[row, k] < 1.0 and surname.search(text):
                M[row, k] = 1.0


def _soft_cover(M: np.ndarray, rows: list[int], parts: list[Part], texts: list[str]) -> None:
    """Raise M[row, k] to how well part ``row`` is matched by meaning by a word of sentence k."""
    words = [sentence_words(t)[:60] for t in texts]
    vocab = list(dict.fromkeys(w for ws in words for w in ws))
    if not vocab:
        return
    pos = {w: k for k, w in enumerate(vocab)}
    # one call, so the words not yet known are encoded in one batch (a batch of a few words costs ~3x per word)
    vectors = word_vectors([parts[r].text for r in rows] + vocab)
    sims = vectors[:len(rows)] @ vectors[len(rows):].T
    credit = np.clip((sims - SOFT_LOW) / (SOFT_HIGH - SOFT_LOW), 0.0, 1.0)
    for k, ws in enumerate(words):
        if ws:
            best = credit[:, [pos[w] for w in ws]].max(axis=1)
            M[rows, k] = np.maximum(M[rows, k], best)


def _pinyin_words(part: Part) -> list[str]:
    return [w for w in map(pinyin_word, re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)*", part.text)) if w]


def _spelled_name(part: Part) -> bool:
    """Is ``part`` a name in pinyin (Xihu, Yunchuan)? On a Chinese page it is found only as the page spells it
    (``_pinyin_cover``) or as the dictionary glosses it (``_glossed_cover``), not by word vectors: one place's
    vector is near another's (Xihu ~ 东湖 0.54, the cosine of full credit)."""
    return part.kind == "name" and bool(_pinyin_words(part))


def _pinyin_cover(M: np.ndarray, rows: list[int], parts: list[Part], texts: list[str]) -> None:
    """Raise M[row, k] to 1 where text k spells in characters every pinyin word of part ``row`` (an English
    claim's Chinese name: "Jiuquan Satellite Launch Center" in 酒泉卫星发射中心, the name's other words
    saying what it is, not which one). Word vectors alone are weak evidence for a name no dictionary holds:
    Tianxing is 天行, but its vector is near other names."""
    for row in rows:
        words = _pinyin_words(parts[row])
        if words:
            for k, text in enumerate(texts):
                if all(spells(w, text) for w in words):
                    M[row, k] = 1.0


def _glossed_cover(M: np.ndarray, rows: list[int], parts: list[Part], keys: list) -> None:
    """Raise M[row, k] to the share of part ``row``'s terms that the glosses of Chinese text k's words state
    (``stated``: "drones" in 无人机 "drone; unmanned aerial vehicle"); ``keys``: each text's glossed terms."""
    ordered = [sorted(k) for k in keys]
    for row in rows:
        terms = parts[row].terms
        if parts[row].kind not in ("word", "name") or not terms:
            continue
        for k, (key, order) in enumerate(zip(keys, ordered)):
            M[row, k] = max(M[row, k], stated_share(terms, key, order))


def _pinyin_zh_cover(M: np.ndarray, rows: list[int], parts: list[Part], names: list[frozenset[str]],
                     claim: str = "") -> None:
    """Raise M[row, k] to 1 where text k writes a Chinese word of the claim as a name in pinyin (梁文锋:
    Liang Wenfeng), the other way from ``_pinyin_cover``, or writes the foreign name the claim renders in
    Chinese (奥尔特曼: Altman, a name the dictionary lacks; ``gloss.sounds_like``); ``names``: each text's
    ``written_names``."""
    for row in rows:
        spellings = pinyin_spellings(parts[row].text) if parts[row].kind == "zh" else frozenset()
        if spellings:
            for k, written in enumerate(names):
                if not spellings.isdisjoint(written):
                    M[row, k] = 1.0
    for run in foreign_names(claim):
        inside = [row for row in rows if parts[row].kind == "zh" and parts[row].text in run]
        if inside:
            for k, written in enumerate(names):
                if sounds_like(run, written):
                    M[inside, k] = 1.0


@lru_cache(maxsize=256)
def foreign_names(claim: str) -> tuple[str, ...]:
    """The runs of a Chinese claim that render a foreign name the dictionary lacks (霍罗德茨基, 奥尔特曼): whole
    words (jieba's) of transliterating characters, joined (霍罗|德茨|基, not the 因 of 因此 after them). Once per
    claim: ``cover`` asks for them for the pool's sentences and again for the whole page."""
    out = []
    for m in TRANSLITERATED_RUN.finditer(claim):
        run = ""
        for word in cjk_words(claim[m.start():m.end() + 4]):  # a word may run on past the characters
            if not all(ch in TRANSLITERATING for ch in word) or len(run) + len(word) > m.end() - m.start():
                break
            run += word
        if len(run) >= 2 and not gloss(run):
            out.append(run)
    return tuple(out)


def _clause_index(text: str, clauses: tuple[str, ...], fragments: list[str]) -> list[int]:
    """For each fragment of ``text``, the index of the clause it stands in (-1: unknown)."""
    spans = []
    pos = 0
    for clause in clauses:
        start = text.find(clause[:20], pos) if clause else -1
        if start < 0:
            return [-1] * len(fragments)
        spans.append((start, start + len(clause)))
        pos = start + 1
    out = []
    for fragment in fragments:
        at = text.find(fragment)
        out.append(next((k for k, (a, b) in enumerate(spans) if a <= at < b), -1) if at >= 0 else -1)
    return out


def _pool(info: ClaimInfo, idx: DocIndex, r: Retrieval, parts: list[Part]) -> list[int]:
    if r.cross:  # words do not overlap: take the embedded sentences best by meaning
        pool = set(sorted(r.candidates, key=lambda i: -r.relevance[i])[:CROSS_POOL])
    else:
        pool = set(r.candidates) | {i for i in r.order[:POOL] if r.bm25[i] > 0}
    q_parts = [p.quantity for p in parts if p.kind == "quantity" and p.quantity is not None]
    if q_parts:
        pool.update(i for i, qs in enumerate(idx.qty) if any(same_value(c, q) for c in q_parts for q in qs))
    return sorted(pool)


def _anchor(M: np.ndarray, parts: list[Part], weights: np.ndarray, clause_of: list[int]) -> dict[int, np.ndarray]:
    """A number or date backs the claim only in a sentence about the same thing.

    One that also states enough of the claim's other parts ("left the board in
    2018" is not backed by "In 2019 OpenAI created a company"). Cells below
    ``ANCHOR_MIN`` are zeroed in ``M``; returns the anchor share per quantity row.
    """
    q_rows = [r for r, p in enumerate(parts) if p.kind == "quantity"]
    o_rows = [r for r in range(len(parts)) if r not in q_rows]
    # names weigh little here: an article names its subject in most sentences
    w_anchor = np.array([weights[r] * (NAME_ANCHOR_WEIGHT if parts[r].kind in ("name", "quote") else 1.0)
                         for r in range(len(parts))])
    anchors: dict[int, np.ndarray] = {}
    for r in q_rows:
        rows = [o for o in o_rows if clause_of[o] == clause_of[r]]
        if not any(parts[o].kind in ("word", "zh") for o in rows):
            rows = o_rows  # a clause of names alone ("August 2025: Elon Musk") says nothing to anchor on
        if rows:
            anchors[r] = (w_anchor[rows] @ M[rows]) / max(float(w_anchor[rows].sum()), 1e-9)
            q = parts[r].quantity
            low = ANCHOR_MIN_DAY if q is not None and q.kind == "date" and q.date[1] and q.date[2] else ANCHOR_MIN
            M[r, anchors[r] < low] = 0.0
        else:
            anchors[r] = np.ones(M.shape[1])
    return anchors


def _choose_evidence(M: np.ndarray, weights: np.ndarray, pool: list[int], r: Retrieval) -> list[int]:
    """The best sentence, then sentences that cover what it misses."""
    wsum = float(weights.sum()) or 1.0
    ev = [r.best]
    if not len(weights):
        return ev
    cov_ev = M[:, [pool.index(r.best)]].max(axis=1)
    while len(ev) < MAX_EVIDENCE:
        base = float(weights @ cov_ev) / wsum
        gains = (weights @ np.maximum(M, cov_ev[:, None])) / wsum - base
        pick, pick_score = None, 0.0
        for k, i in enumerate(pool):
            if i in ev or gains[k] < MIN_GAIN:
                continue
            score = gains[k] + 0.05 * r.relevance.get(i, 0.0)
            if score > pick_score:
                pick, pick_score = i, score
        if pick is None:
            break
        ev.append(pick)
        cov_ev = np.maximum(cov_ev, M[:, pool.index(pick)])
    return sorted(ev)


def _matrix(info: ClaimInfo, idx: DocIndex, pool: list[int], parts: list[Part], stated: bool) -> np.ndarray:
    """How well each ``pool`` sentence states each part (parts x pool), before anchoring; ``stated``: each
    sentence as the page states it, without what it quotes from a rumour (``DocIndex.stated``)."""
    read = [idx.stated(i) if stated else (idx.texts[i], idx.counts[i]) for i in pool]
    texts = [text for text, _ in read]
    M = np.zeros((len(parts), len(pool)))
    for k, i in enumerate(pool):
        tset, low = read[k][1], texts[k].lower()
        for row, p in enumerate(parts):
            M[row, k] = part_cover(p, tset, low, idx.qty[i])
    if info.cjk:
        _counted_otherwise(M, parts, info.text, texts)
    if not idx.cjk:
        _named_before(M, parts, texts, idx.page)
    soft_rows = [row for row, p in enumerate(parts) if p.soft]
    if soft_rows:
        _soft_cover(M, [row for row in soft_rows if not (idx.cjk and _spelled_name(parts[row]))], parts, texts)
        if idx.cjk and not info.cjk:  # an English claim's names on a Chinese page, read as pinyin
            _pinyin_cover(M, soft_rows, parts, texts)
            _glossed_cover(M, soft_rows, parts,
                           [idx.stated(i, glossed=True)[1] if stated else idx.glossed.counts[i] for i in pool])
        elif info.cjk and not idx.cjk:  # a Chinese claim's names written in pinyin on the page
            _pinyin_zh_cover(M, soft_rows, parts, [idx.sentence_names(i) for i in pool], info.text)
    return M


def cover(info: ClaimInfo, idx: DocIndex, r: Retrieval, doc_text: str) -> Coverage:
    parts = info.checkable
    pool = _pool(info, idx, r, parts)
    if r.best not in pool:
        pool = sorted([*pool, r.best])
    weights = np.array([p.weight for p in parts], dtype=np.float64)
    clause_of = _clause_index(info.text, info.clauses, [p.text for p in parts])
    # a claim that states something plainly is not backed by a rumour a sentence quotes in order to answer it
    # (DocIndex.stated); one that reports the rumour itself reads the sentence whole
    plain = idx.cjk and not reports_hearsay(info.text)
    M = _matrix(info, idx, pool, parts, stated=plain)
    reported: dict[int, float] = {}
    quoting = [i for i in pool if plain and idx.stated(i)[0] is not idx.texts[i]]
    if quoting:  # how much of the claim each such sentence reports, its quotes read (``contradict``)
        W = _matrix(info, idx, quoting, parts, stated=False)
        _anchor(W, parts, weights, clause_of)
        total = float(weights.sum())
        reported = {i: float(weights @ W[:, k]) / total if total > 0 else 0.0 for k, i in enumerate(quoting)}
    soft_rows = [row for row, p in enumerate(parts) if p.soft]
    anchors = _anchor(M, parts, weights, clause_of)
    evidence = _choose_evidence(M, weights, pool, r)
    cols = [pool.index(i) for i in evidence]
    by_evidence = M[:, cols].max(axis=1) if parts else np.zeros(0)
    top1 = M[:, pool.index(r.best)] if parts else np.zeros(0)
    all_q = [q for qs in idx.qty for q in qs]
    page_text, page_terms = idx.stated_page if plain else (doc_text, idx.all_terms)
    lower = page_text.lower()
    doc = np.array([part_cover(p, page_terms, lower, all_q, page_text) for p in parts])
    if soft_rows:  # by meaning: the pool stands for the page
        doc[soft_rows] = np.maximum(doc[soft_rows], M[soft_rows].max(axis=1))
        if idx.cjk != info.cjk:  # by pinyin: the whole page
            spelled = np.zeros((len(parts), 1))
            if idx.cjk:
                _pinyin_cover(spelled, soft_rows, parts, [page_text])
            else:
                _pinyin_zh_cover(spelled, soft_rows, parts, [idx.written_names], info.text)
            doc = np.maximum(doc, spelled[:, 0])
    top1_share = float(weights @ top1) / float(weights.sum()) if parts and weights.sum() > 0 else 0.0
    near, near_terms = _near_cover(idx, parts, [*evidence, r.best], plain, doc, page_terms)
    if soft_rows:  # by meaning, as on the whole page
        near[soft_rows] = doc[soft_rows]
    return Coverage(parts=parts, weights=weights, pool=pool, matrix=M, anchors=anchors, evidence=evidence,
                    by_evidence=by_evidence, top1=top1_share, doc=doc, reported=reported, near=near,
                    near_terms=near_terms)


def _near_cover(idx: DocIndex, parts: list[Part], around: list[int], plain: bool, doc: np.ndarray,
                page_terms: AbstractSet[str]) -> tuple[np.ndarray, AbstractSet[str]]:
    """Per part, how well the page around the evidence states it: the sentences within ``NEAR_SENTENCES``
    of ``around`` and the page's first lines (its title, dateline, publication date). A page that holds
    other reports too (a digest, a portal's teasers) states their years and names, not the claim's. With
    the terms those sentences state; a short page is all near, its cover ``doc`` and its terms ``page_terms``."""
    if idx.n <= 2 * NEAR_SENTENCES + PAGE_DATE_LINES or not parts:
        return doc.copy(), page_terms
    keep = set(range(PAGE_DATE_LINES))
    for e in around:
        keep.update(range(max(0, e - NEAR_SENTENCES), min(idx.n, e + NEAR_SENTENCES + 1)))
    rows = sorted(keep)
    read = [idx.stated(i) if plain else (idx.texts[i], idx.counts[i]) for i in rows]
    text = "\n".join(t for t, _ in read)
    lower = text.lower()
    terms = set().union(*(c.keys() for _, c in read))
    qs = [q for i in rows for q in idx.qty[i]]
    return np.array([part_cover(p, terms, lower, qs, text) for p in parts]), terms
