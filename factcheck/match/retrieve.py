"""Stage 1 of the default matcher: find the sentences of a source that are about a claim.

- ``build_index(document) -> DocIndex``: per sentence, its BM25 terms and the
  numbers and dates it states; built once per source.
- ``prepare_claim(claim, cross) -> ClaimInfo``: the claim's query (a leading
  pronoun resolved from its context), parts (``text.claim_parts``) and clauses.
- ``retrieve(info, index, vectors, key) -> Retrieval``: every sentence ranked by
  BM25; the best ``K_BM25`` (and the neighbours of the best) embedded and ranked
  again by cosine plus BM25. When claim and source are in different languages
  (a Chinese claim, an English page) up to ``MAX_CROSS`` sentences are embedded,
  since words do not overlap, and a Chinese claim's word-by-word English
  rendering (``gloss.word_by_word``) is embedded beside it (``rendered_cos``).
  The reverse, an English claim on a Chinese page, ranks the page's sentences by
  BM25 over their Chinese words glossed into English (``DocIndex.glossed``,
  built once per page, only when such a claim meets it) and embeds the best
  ``K_REVERSE`` plus neighbours and the first ``LEAD``, not ``MAX_CROSS``.

Other tiers (the LLM judge, the NLI tier) get their candidate sentences through
the ``Retriever`` protocol (``candidates(claim, document) -> Candidates``), which
the default matcher implements, never through its internals.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import cached_property
from itertools import chain
from typing import Protocol
from urllib.parse import urlsplit

import numpy as np

from ..models import Claim, Document, Verdict
from .embed import SentenceVectors, common_word, word_rarity
from .quantities import Quantity, quantities, relative_dates, resolve_date, same_value, weekday_dates
from .gloss import PREFIX, gloss, lower_case_words, word_by_word, written_names
from .fold import fold, matchable
from .text import (AGE_WORDS, Part, attributions, cjk_ratio, claim_parts, hearsay_quoted, names, pronoun_start,
                   terms, without_hearsay, without_spans, zh_words)

__all__ = ["DocIndex", "ClaimInfo", "Retrieval", "Candidates", "Retriever", "build_index", "prepare_claim",
           "retrieve", "bm25", "resolve_pronoun", "split_clauses", "reverse_order", "glossed_order", "is_publisher",
           "without_own_attribution"]

K_BM25 = 6  # sentences embedded per pair (plus neighbours of the best)
N_NEIGHBOURS = 1  # the best this many sentences bring their neighbours along
MAX_CROSS = 400  # sentences embedded for a cross-language pair that no gloss bridges
#: A Chinese claim on an English page: sentences embedded, best by BM25 over the claim's glossed terms
#: (plus the neighbours of the best ``N_GLOSSED_NEIGHBOURS`` and the first ``GLOSSED_LEAD``); chosen by
#: leave-one-set-out on wice_zh (README, "Matching"). The page's first sentences are not added: an
#: English web page opens with its menus, not a dateline (wice_zh LOSO 0.738 -> 0.747 without them, and
#: 4% fewer pieces to encode).
K_GLOSSED = 12
N_GLOSSED_NEIGHBOURS = 3
GLOSSED_LEAD = 0
LEAD = 3
#: An English claim on a Chinese page: sentences embedded, best by BM25 of the claim's terms over the page's
#: glossed words (plus numbers and dates), with the neighbours of the best ``N_REVERSE_NEIGHBOURS`` and the first
#: ``LEAD``; chosen on zh_native_en (bench/MATCHER.md, round 6): 6 and 1 as good as 12 and 3, and cheaper.
K_REVERSE = 6
N_REVERSE_NEIGHBOURS = 1
QUANTITY_BOOST = 1.0  # added to a sentence's normalised glossed BM25 per claim number or date it states
POOL = 30  # sentences (best by BM25) that evidence may be drawn from, besides the embedded ones
BM25_K1, BM25_B = 1.2, 0.75
PAGE_DATE_LINES = 5  # sentences at the top of a page searched for its dateline or publication date
DATE_LINE_CHARS = 60  # a line further down that long or shorter, with a full date, dates the text below it
BM25_IN_RANK = 0.5  # weight of normalised BM25 next to cosine in the combined ranking

_HAN = re.compile(r"[\u3400-\u9fff]")
_TIME_OF_DAY = re.compile(r"(?<!\d)[0-2]?\d[:：][0-5]\d(?!\d)")
_NUMERIC_DATE = re.compile(r"(?<!\d)(?:1[6-9]|20)\d\d([-/.])[01]?\d\1[0-3]?\d(?!\d)")
_SEP = "\n|\n"  # joins sentences for one pass of the patterns; no pattern crosses "|"
# A cheap test for sentences worth the full number/date patterns.
_MAY_HOLD_NUMBER = re.compile(
    r"[\d一二两三四五六七八九十百千万亿ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ]|\b[IVX]{2,}\b|War I\b|WWI|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"(?:thir|four|fif|six|seven|eigh|nine)teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
    r"hundred|thousand|million|billion|trillion|dozen|tens|several|few|many|century"
    r"|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", re.I)


@dataclass(frozen=True)
class DocIndex:
    """A source's sentences, ready for BM25 and coverage."""

    texts: list[str]
    spans: list[tuple[int, int]]
    counts: list[Counter]
    lengths: np.ndarray
    df: Counter
    all_terms: set[str]
    cjk: bool
    qty: list[list[Quantity]]  # per sentence
    page: str = ""  # the whole text, as matched (full-width forms and traditional Chinese folded: ``fold``)
    #: term -> (sentence ids, term counts), filled for the terms claims ask about (``posting``): a page
    #: meets a few claims, so indexing every term of every sentence up front cost more than all its look-ups
    _postings: dict[str, tuple[np.ndarray, np.ndarray] | None] = field(default_factory=dict, compare=False,
                                                                        repr=False)
    #: sentence id -> its ``gloss.written_names``, filled for the sentences a Chinese claim's cover reads
    _names: dict[int, frozenset[str]] = field(default_factory=dict, compare=False, repr=False)
    #: sentence id -> (its text, terms and glossed terms) without what it quotes from a rumour, where it quotes one
    _stated: dict[int, tuple[str, Counter, Counter | None]] = field(default_factory=dict, compare=False, repr=False)

    @property
    def n(self) -> int:
        return len(self.texts)

    @cached_property
    def ordered_terms(self) -> list[str]:
        """The page's terms, sorted (for prefix look-ups); worked out once, on first use."""
        return sorted(self.df)

    def posting(self, term: str) -> tuple[np.ndarray, np.ndarray] | None:
        """The sentences holding ``term`` and how often each does; None when none does."""
        try:
            return self._postings[term]
        except KeyError:
            pass
        entry = None
        if term in self.df:
            ids = [i for i, c in enumerate(self.counts) if term in c]
            entry = (np.array(ids), np.array([self.counts[i][term] for i in ids], dtype=np.float64))
        self._postings[term] = entry
        return entry

    def idf(self, term: str) -> float:
        df = self.df.get(term, 0)
        return math.log(1 + (self.n - df + 0.5) / (df + 0.5))

    @cached_property
    def written_names(self) -> frozenset[str]:
        """The page's capitalised names of up to three words, joined (``gloss.written_names``), for a Chinese
        claim's words spelt in pinyin; worked out once per page."""
        return written_names(self.page)

    @cached_property
    def lower_case_words(self) -> frozenset[str]:
        """The words the page writes in lower case: a sentence's capitalised first word among them is no name."""
        return lower_case_words(self.page)

    def sentence_names(self, i: int) -> frozenset[str]:
        """Sentence ``i``'s ``gloss.written_names``, worked out once per page, not once per claim."""
        names = self._names.get(i)
        if names is None:
            names = self._names[i] = written_names(self.texts[i], self.lower_case_words)
        return names

    def stated(self, i: int, glossed: bool = False) -> tuple[str, Counter]:
        """Sentence ``i`` as the page states it, and its terms (English terms of its glosses, ``glossed``): what
        it quotes from a rumour it reports is blanked out (``text.without_hearsay``). A page that quotes
        “用不锈钢保温杯泡茶会致癌”的说法 to answer it does not state it. (A claim that reports the rumour
        itself reads the sentence whole: ``cover``.)"""
        text = self.texts[i]
        if "“" not in text:
            return text, (self.glossed.counts[i] if glossed else self.counts[i])
        entry = self._stated.get(i)
        if entry is None:
            own = without_hearsay(text)
            entry = self._stated[i] = (own, self.counts[i] if own is text else Counter(terms(own)), None)
        own, counts, glossed_counts = entry
        if not glossed:
            return own, counts
        if glossed_counts is None:
            glossed_counts = self.glossed.counts[i] if own is text else _glossed_counts(own, counts)
            self._stated[i] = (own, counts, glossed_counts)
        return own, glossed_counts

    @cached_property
    def stated_page(self) -> tuple[str, set[str]]:
        """The page's sentences and their terms as the page states them (``stated``)."""
        read = [self.stated(i) for i in range(self.n)]
        if all(text is self.texts[i] for i, (text, _) in enumerate(read)):
            return self.page, self.all_terms
        return "\n".join(text for text, _ in read), set().union(*(counts.keys() for _, counts in read))

    @cached_property
    def glossed(self) -> DocIndex:
        """The same sentences indexed in English: each Chinese word's glosses (``gloss.gloss``) and the
        sentence's Latin terms; worked out once, when an English claim first meets a Chinese page."""
        return _index_of(self.texts, self.spans, [_glossed_counts(t, c) for t, c in zip(self.texts, self.counts)],
                         False, self.qty, self.page)


def build_index(doc: Document) -> DocIndex:
    """The page's sentences indexed, folded (``fold``: full-width forms, traditional Chinese) and made
    ``matchable`` (NFC, no soft hyphens); the spans are the sentences' offsets into the page as written."""
    sents = list(doc.sentences)
    page = fold(doc.text)  # the same length: each sentence is cut from it at its own offsets
    texts = [s.text for s in sents] if page is doc.text else [page[s.start:s.end] for s in sents]
    if matchable(page) is not page:  # as the claim is (default.folded_claim)
        page, texts = matchable(page), [matchable(t) for t in texts]
    return _index_of(texts, [(s.start, s.end) for s in sents], [Counter(terms(t)) for t in texts],
                     cjk_ratio(doc.text[:5000]) > 0.3, _resolve_dates(texts, _sentence_quantities(texts), doc.date), page)


def _glossed_counts(text: str, counts: Counter) -> Counter:
    """A Chinese sentence's English index terms: its Latin terms, and each Chinese word's glosses."""
    out = Counter({t: n for t, n in counts.items() if t.isascii()})
    if cjk_ratio(text) == 0:
        return out
    out.update(chain.from_iterable(gloss(w) for w in zh_words(text) if _HAN.search(w)))  # one update: ~2x faster
    return out


def _index_of(texts: list[str], spans: list[tuple[int, int]], counts: list[Counter], cjk: bool,
              qty: list[list[Quantity]], page: str = "") -> DocIndex:
    df: Counter = Counter()
    for c in counts:
        df.update(c.keys())
    return DocIndex(texts=texts, spans=spans, counts=counts,
                    lengths=np.array([c.total() for c in counts], dtype=np.float64), df=df,
                    all_terms=set(df), cjk=cjk, qty=qty, page=page)


def page_date(qty: list[list[Quantity]], stated: str | None) -> tuple[int, int, int]:
    """The page's own date: its metadata date, else the first full date in its first lines (the
    dateline or publication line of a news page); (0, 0, 0) when neither gives a year."""
    if stated:
        m = re.match(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", stated.strip())
        if m:
            return int(m.group(1)), int(m.group(2) or 0), int(m.group(3) or 0)
    for qs in qty[:PAGE_DATE_LINES]:
        for q in qs:
            if q.kind == "date" and q.date[0] and q.date[1]:
                return q.date
    return (0, 0, 0)


def _resolve_dates(texts: list[str], qty: list[list[Quantity]], stated: str | None) -> list[list[Quantity]]:
    """Each sentence's dates, plus the page-dated reading of those that lack a year and of the days
    and years it names relative to the page's date (昨日, 去年: ``quantities.relative_dates``)."""
    page = page_date(qty, stated)
    out = []
    for i, (text, qs) in enumerate(zip(texts, qty)):
        if i >= PAGE_DATE_LINES:  # a line further down that dates what follows it
            page = _date_line(text, qs) or page
        if not page[0]:
            out.append(qs)
            continue
        resolved = ([r for r in (resolve_date(q, page) for q in qs) if r is not None] + relative_dates(text, page)
                    + weekday_dates(text, page))
        out.append(_without_dateline(text, qs + resolved) if resolved else qs)
    return out


def _date_line(text: str, qs: list[Quantity]) -> tuple[int, int, int] | None:
    """The full date of a short line that only dates what follows it, None for any other sentence: the
    publication line of the next report on the page ("2020-11-30 08:15 来源：新华网", "Published 11:07 p.m.
    ET Jan. 27, 2019"), below the page's menus or after another report."""
    if len(text) > DATE_LINE_CHARS:
        return None
    full = [q for q in qs if q.kind == "date" and q.date[0] and q.date[1]]
    if not full:
        return None
    # a publication line gives a time of day or a numeric date, or little besides its date; a short
    # sentence that names a date ("He was born on March 3, 1950.") says what happened on it
    rest = "".join(ch for i, ch in enumerate(text) if not any(q.start <= i < q.end for q in qs))
    words = len(re.findall(r"[^\W\d_\u3400-\u9fff]{2,}", rest)) + len(_HAN.findall(rest)) / 3
    if _TIME_OF_DAY.search(text) or _NUMERIC_DATE.search(text) or words <= 2:
        return full[0].date
    return None


def _without_dateline(text: str, qs: list[Quantity]) -> list[Quantity]:
    """``qs`` without the date of a Chinese dateline (新华社北京3月12日电) when the sentence dates what happened
    otherwise (国务院总理11日主持召开会议): that date is when the report was filed, not when the meeting met.
    (It stays the page's date, which dates the 11日.)"""
    line = {(q.start, q.end): q.date[2] for q in qs if q.kind == "date" and q.date[2] and q.raw + "电" in text}
    if not line:
        return qs
    if not any(q.kind == "date" and q.date[2] and (q.start, q.end) not in line and q.date[2] not in line.values()
               for q in qs):
        return qs
    return [q for q in qs if (q.start, q.end) not in line]


def _own_quantities(text: str, qs: list[Quantity]) -> list[Quantity]:
    """``qs`` without the numbers a sentence only quotes from a rumour it reports (网传“死亡十余人”)."""
    spans = hearsay_quoted(text)
    if not spans:
        return qs
    rest = without_hearsay(text)
    return [q for q in qs if not (any(q.raw in text[s:e] for s, e in spans) and q.raw not in rest)]


def _sentence_quantities(texts: list[str]) -> list[list[Quantity]]:
    """Numbers and dates per sentence: one pass over the sentences that can hold one, joined."""
    qty: list[list[Quantity]] = [[] for _ in texts]
    numeric = [i for i, t in enumerate(texts) if _MAY_HOLD_NUMBER.search(t)]
    if not numeric:
        return qty
    joined, offsets, pos = [], [], 0
    for i in numeric:
        offsets.append(pos)
        joined.append(texts[i])
        pos += len(texts[i]) + len(_SEP)
    for q in quantities(_SEP.join(joined)):
        k = bisect_right(offsets, q.start) - 1
        if q.end <= offsets[k] + len(texts[numeric[k]]):  # where in its own sentence
            qty[numeric[k]].append(replace(q, start=q.start - offsets[k], end=q.end - offsets[k]) if offsets[k] else q)
    return [_own_quantities(t, qs) if qs else qs for t, qs in zip(texts, qty)]


# ---------------------------------------------------------------- claim side
@dataclass(frozen=True)
class ClaimInfo:
    text: str  # the query with a leading pronoun resolved
    parts: tuple[Part, ...]
    qterms: dict[str, float]  # BM25 query term weights
    cjk: bool
    clauses: tuple[str, ...]

    @property
    def checkable(self) -> list[Part]:
        return [p for p in self.parts if p.checkable]


_PRONOUN_SUBST = {"he": "", "she": "", "it": "", "they": "", "his": "'s", "her": "'s", "its": "'s",
                  "their": "'s"}


def resolve_pronoun(text: str, context: str | None) -> tuple[str, str | None]:
    """Replace a leading pronoun by the subject named in ``context``."""
    if not context or not pronoun_start(text):
        return text, None
    found = names(context.strip().splitlines()[0] if context.strip() else "")
    if not found:
        found = names(context)
    if not found:
        return text, None
    subject = found[0]
    m = re.match(r"\s*([A-Za-z]+)\b", text)
    assert m is not None
    suffix = _PRONOUN_SUBST.get(m.group(1).lower(), "")
    return subject + suffix + text[m.end():], subject


#: What counts as a word when a clause's length is judged: a Latin (or other spaced) word, a number, or
#: two Chinese characters (a Chinese clause has no spaces: 其中非食品价格上涨0.9% is five words, not two).
_CLAUSE_WORD = re.compile(r"[\u3400-\u9fff]{1,2}|[^\W\u3400-\u9fff]+")


def split_clauses(text: str) -> tuple[str, ...]:
    pieces = re.split(r",\s+(?:and|but|while|which|who|where|as well as)?\s*|;\s*|\s+(?:and|but|while|whereas)\s+"
                      r"|，|；|、|并且|而且|以及", text)
    clauses = [p.strip() for p in pieces if p and len(_CLAUSE_WORD.findall(p)) >= 3]
    return tuple(clauses) if len(clauses) >= 2 else (text,)


def _rarity_weight(part: Part) -> Part:
    """Rare words weigh more: "took" ~0.75, "ceremony" ~1.3, "microbrew" 2."""
    if part.kind not in ("word", "zh"):
        return part
    return replace(part, weight=float(np.clip((word_rarity(part.text) - 7.0) / 4.0, 0.25, 2.0)))


#: Parts of a web address that name no publisher.
_NO_PUBLISHER = frozenset({"www", "m", "amp", "mobile", "edition", "en", "news", "com", "org", "net", "co", "uk", "cn",
                           "gov", "edu", "int", "info", "blog", "blogs"})


#: Glosses that say what kind of outlet a Chinese name is, not which (路透社: reuter and agenci; 华尔街日报: journ).
_OUTLET_WORDS = frozenset({"agenci", "magazin", "journ", "daili", "weekli", "onlin", "press", "network", "televis",
                           "station", "radio", "newspap", "report"})


def _publisher_names(name: str) -> list[str]:
    """How a web address may spell an outlet's name: "The New York Times" as newyorktimes and nyt, "the BBC" as
    bbc, 卫报 through its glosses (guardian), 路透社 (reuter)."""
    if _HAN.search(name):
        return [t for w in zh_words(name) for t in gloss(w) if len(t) >= 4 and t.isascii() and t not in _OUTLET_WORDS]
    words = [w for w in re.findall(r"[^\W_]+", name.lower()) if w not in ("the", "of", "and")]
    if not words:
        return []
    joined, initials = "".join(words), "".join(w[0] for w in words)
    return [joined] + ([initials] if len(words) >= 2 and len(initials) >= 3 else [])


def is_publisher(name: str, doc: Document) -> bool:
    """Is ``name`` (an outlet a claim says reported it) the page's own publisher, by its address or title?
    "According to Reuters" on reuters.com, "The Guardian reported" on theguardian.com, 据《卫报》报道 on a page
    titled "... | The Guardian"."""
    spellings = _publisher_names(name)
    if not spellings:
        return False
    host = (urlsplit(doc.url).hostname or "") if "://" in doc.url else ""
    labels = [part for part in host.lower().split(".") if len(part) >= 3 and part not in _NO_PUBLISHER]
    title = re.sub(r"[^\w]+", "", (doc.title or "").lower())
    for s in spellings:
        # a label that starts or ends with the name (nytimes: nyt; theguardian: guardian), or that the name
        # starts with (bbc: bbcnews)
        if len(s) >= 3 and any(label.startswith(s) or (len(s) >= 4 and label.endswith(s)) or s.startswith(label)
                               for label in labels):
            return True
        if len(s) >= 4 and s in title:
            return True
    return False


def without_own_attribution(claim: Claim, doc: Document) -> Claim:
    """``claim`` without its saying that the page's own publisher reported it: "According to Reuters, X" checked
    against a Reuters page is X (the page seldom names itself, and "Reuters" was a part it lacked). An outlet
    other than the page's, or any other source ("According to police"), stays part of the claim."""
    text = _without_own(claim.text, doc)
    translation = _without_own(claim.translation, doc) if claim.translation else claim.translation
    if (text, translation) == (claim.text, claim.translation):
        return claim
    return replace(claim, text=text, translation=translation)


def _without_own(value: str, doc: Document) -> str:
    spans = [(s, e) for s, e, name in attributions(value) if is_publisher(name, doc)]
    if not spans:
        return value
    rest = without_spans(value, spans)
    return rest if _LETTER_OR_HAN.search(rest) else value


_LETTER_OR_HAN = re.compile(r"[^\W\d_]")


def prepare_claim(claim: Claim, cross: bool) -> ClaimInfo:
    query = claim.query
    resolved, subject = resolve_pronoun(query, claim.context)
    parts = tuple(_rarity_weight(p) for p in claim_parts(query, cross_lingual=cross, common=common_word))
    qterms = dict.fromkeys(terms(AGE_WORDS.sub(" ", resolved)), 1.0)  # "aged 78" as "78", as its parts read it
    if subject:
        for t in terms(subject):
            qterms[t] = max(qterms.get(t, 0.0), 0.5)
    cjk = cjk_ratio(query) > 0.3
    # a Chinese claim on a page in another language is one clause: its clauses' parts are matched by meaning
    # there, too loosely for a clause's few parts to anchor its numbers (wice_zh LOSO 0.783 -> 0.773 split)
    return ClaimInfo(resolved, parts, qterms, cjk, (resolved,) if cjk and cross else split_clauses(resolved))


# ---------------------------------------------------------------- ranking
@dataclass(frozen=True)
class Retrieval:
    """Sentences ranked for one claim: BM25 for all, cosine for the embedded candidates."""

    cross: bool  # claim and source in different languages
    bm25: np.ndarray  # per sentence, normalised by the claim's own BM25 score
    candidates: list[int]  # embedded sentence ids, in document order
    cos: np.ndarray  # cosine of each candidate with the claim
    vectors: np.ndarray  # the candidates' unit vectors
    claim_vector: np.ndarray
    relevance: dict[int, float]  # sentence id -> cosine + 0.5 BM25 (BM25 alone where not embedded)
    best: int  # the most relevant sentence
    order: list[int]  # sentence ids by BM25, best first
    #: a Chinese claim on a page in another language: cosine of each candidate with the claim rendered
    #: word by word in English through the dictionary (``gloss.word_by_word``); None otherwise
    rendered_cos: np.ndarray | None = None

    def cos_of(self, i: int) -> float | None:
        return float(self.cos[self.candidates.index(i)]) if i in self.candidates else None

    def ranked(self, k: int = POOL) -> list[int]:
        return sorted(self.relevance, key=lambda i: -self.relevance[i])[:k]


def bm25(idx: DocIndex, qterms: dict[str, float]) -> tuple[np.ndarray, float]:
    """BM25 of every sentence, and the score the claim would get against itself (for normalising)."""
    scores = np.zeros(idx.n)
    if not idx.n:
        return scores, 1.0
    avgdl = max(float(idx.lengths.mean()), 1.0)
    norm = BM25_K1 * (1 - BM25_B + BM25_B * idx.lengths / avgdl)
    self_score = 0.0
    for term, w in qterms.items():
        idf = idx.idf(term) if term in idx.df else math.log(1 + (idx.n + 0.5) / 0.5)
        self_score += w * idf
        entry = idx.posting(term)
        if entry is None:
            continue
        ids, tf = entry
        scores[ids] += w * idf * tf * (BM25_K1 + 1) / (tf + norm[ids])
    return scores, max(self_score, 1e-9)


def retrieve(info: ClaimInfo, idx: DocIndex, vectors: SentenceVectors, key: str, cross: bool,
             claim_vector: np.ndarray | None = None) -> Retrieval:
    """Rank ``idx``'s sentences for the claim (``idx`` must have at least one sentence)."""
    bm, self_score = bm25(idx, info.qterms)
    bmn = bm / self_score
    order = [int(i) for i in np.argsort(-bm, kind="stable")]
    if cross and info.cjk:
        cand = _around(glossed_order(info, idx), idx.n, K_GLOSSED, N_GLOSSED_NEIGHBOURS, GLOSSED_LEAD)
    elif cross and idx.cjk:  # a page of at most K_REVERSE sentences is embedded whole, without glossing it
        cand = (list(range(idx.n)) if idx.n <= K_REVERSE
                else _around(reverse_order(info, idx), idx.n, K_REVERSE, N_REVERSE_NEIGHBOURS, LEAD))
    elif cross:
        cand = sorted(order[:MAX_CROSS])
    else:
        chosen = set(order[:K_BM25])
        for i in order[:N_NEIGHBOURS]:
            chosen.update(j for j in (i - 1, i + 1) if 0 <= j < idx.n)
        cand = sorted(chosen)
    extra = [info.text] if claim_vector is None else []
    rendered = cross and info.cjk
    if rendered:
        extra.append(word_by_word(info.text))
    vecs, cvecs = vectors.get(key, idx.texts, cand, extra=extra)
    cvec = cvecs[0] if claim_vector is None else claim_vector
    cos = vecs @ cvec
    relevance = {i: float(BM25_IN_RANK * bmn[i]) for i in range(idx.n)}
    for r, i in enumerate(cand):
        relevance[i] = float(cos[r] + BM25_IN_RANK * bmn[i])
    best = max(cand, key=lambda i: relevance[i])
    return Retrieval(cross=cross, bm25=bmn, candidates=cand, cos=cos, vectors=vecs, claim_vector=cvec,
                     relevance=relevance, best=best, order=order,
                     rendered_cos=vecs @ cvecs[-1] if rendered else None)


def _around(order: list[int], n: int, k: int, neighbours: int, lead: int) -> list[int]:
    """The best ``k`` of ``order``, the neighbours of its best ``neighbours``, and the first ``lead`` sentences."""
    chosen = set(order[:k]) | set(range(min(lead, n)))
    for i in order[:neighbours]:
        chosen.update(j for j in (i - 1, i + 1) if 0 <= j < n)
    return sorted(chosen)


def glossed_terms(info: ClaimInfo, idx: DocIndex) -> dict[str, float]:
    """BM25 query terms of a Chinese claim on a page in another language: its Latin terms, and each
    Chinese word's English glosses as the page spells them (a gloss term of ``PREFIX`` letters or more also
    matches a page term it begins, or that begins it: nomin ~ nominat), a word's weight shared by its terms."""
    out = {t: w for t, w in info.qterms.items() if t.isascii()}
    ordered = idx.ordered_terms
    for p in info.parts:
        if p.kind != "zh":
            continue
        found: set[str] = set()
        for t in gloss(p.text):
            if t in idx.df:
                found.add(t)
            if len(t) >= PREFIX:
                k = bisect_left(ordered, t)
                while k < len(ordered) and ordered[k].startswith(t):
                    found.add(ordered[k])
                    k += 1
                found.update(t[:n] for n in range(PREFIX, len(t)) if t[:n] in idx.df)
        for t in found:
            out[t] = max(out.get(t, 0.0), 1.0 / len(found) ** 0.5)
    return out


def reverse_terms(info: ClaimInfo, glossed: DocIndex) -> dict[str, float]:
    """BM25 query terms of an English claim on a Chinese page's glossed index: each claim term as the
    glosses spell it (exactly, or one of ``PREFIX`` letters or more beginning the other), its weight shared."""
    out: dict[str, float] = {}
    ordered = glossed.ordered_terms
    for t, w in info.qterms.items():
        found = {t} if t in glossed.df else set()
        if len(t) >= PREFIX:
            k = bisect_left(ordered, t)
            while k < len(ordered) and ordered[k].startswith(t):
                found.add(ordered[k])
                k += 1
            found.update(t[:n] for n in range(PREFIX, len(t)) if t[:n] in glossed.df)
        for g in found:
            out[g] = max(out.get(g, 0.0), w / len(found) ** 0.5)
    return out


def reverse_order(info: ClaimInfo, idx: DocIndex) -> list[int]:
    """Sentence ids, best first, for an English claim on a Chinese page: BM25 of its terms over the page's
    glossed words (``DocIndex.glossed``) plus ``QUANTITY_BOOST`` per claim number or date a sentence states."""
    glossed = idx.glossed
    return _boosted_order(info, idx, *bm25(glossed, reverse_terms(info, glossed)))


def glossed_order(info: ClaimInfo, idx: DocIndex) -> list[int]:
    """Sentence ids, best first, for a Chinese claim on a page in another language: BM25 over its glossed
    terms (``glossed_terms``) plus ``QUANTITY_BOOST`` per claim number or date a sentence states."""
    return _boosted_order(info, idx, *bm25(idx, glossed_terms(info, idx)))


def _boosted_order(info: ClaimInfo, idx: DocIndex, bm: np.ndarray, self_score: float) -> list[int]:
    score = bm / self_score
    claim_q = [p.quantity for p in info.parts if p.kind == "quantity" and p.quantity is not None]
    if claim_q:
        for i, qs in enumerate(idx.qty):
            if qs:
                score[i] += QUANTITY_BOOST * sum(any(same_value(c, q) for q in qs) for c in claim_q)
    return [int(i) for i in np.argsort(-score, kind="stable")]


# ---------------------------------------------------------------- the interface for other tiers
@dataclass(frozen=True)
class Candidates:
    """What a retriever offers another tier: ranked sentences, chosen evidence, its own verdict."""

    ranked: tuple[int, ...]  # sentence ids of ``document.sentences``, most relevant first
    evidence: tuple[int, ...]  # the sentences the retriever would quote, in document order
    relevant: frozenset[int]  # sentences the retriever judges to be about the claim
    verdict: Verdict  # the retriever's own verdict on the pair


class Retriever(Protocol):
    def candidates(self, claim: Claim, document: Document) -> Candidates: ...
