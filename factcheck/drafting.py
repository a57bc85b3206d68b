"""Drafting claims from an ``Article``: sentences -> atomic claims, skips, citations.

For each block of the article, top to bottom:

1. Headings, the reference list, code and tables are skipped, with a reason.
   A bold lead-in of a list item ("**2024 lawsuit**:") is a label: kept as the
   ``context`` of the claims below it, and a claim itself only when it states
   an event ("2023: Musk founds xAI", with text on both sides of the colon).
2. A paragraph opening with a summary marker ("In short", "简而言之") is
   skipped whole: it restates the article.
3. The block is split into sentences (``extract.split_sentences``, Chinese
   punctuation aware). A sentence that only holds a link or a marker ("(Reuters)")
   gives its citations to the sentence before it. Questions, opinions and
   hedges ("I think", "我认为", "或许", outside quotation marks) are skipped.
4. Each sentence is split into atomic claims at clause boundaries: "；" ";"
   "，", ", and", ", but", ", while", a colon after a full clause, and a comma
   before a date in a list of dated events. Nothing inside quotation marks or
   brackets is split; clauses too short to stand alone stay with a neighbour.
5. Citations: links and markers inside a clause belong to it; those at the end
   of the sentence belong to every clause; a clause without any takes the
   sentence's. Markers resolve through the reference list. An article that
   never cites per sentence (only a reference list at the end) links every
   claim to every reference, marked ``article-level``. In an article that does
   cite per sentence, a sentence without a citation is marked ``uncited``.

Every claim's ``text`` is a slice of the block's plain text and ``start``/``end``
are offsets into ``Article.text``: for Markdown without markup inside the
sentence, ``text == article.text[start:end]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from .article import Article, Block, Link, Marker
from .claims import claim_id
from .extract import ABBREVIATIONS, split_sentences

__all__ = ["Draft", "DraftClaim", "DraftSource", "Skip", "draft", "split_clauses", "skip_reason"]

HEDGES = re.compile(
    r"\b(I|we) (think|believe|feel|guess|suspect|suppose)\b|\bin my (opinion|view)\b|\b(to me|for me), it\b|"
    r"\barguably\b|\bperhaps\b|\bmaybe\b|\bpresumably\b|\bit seems\b|\bseemingly\b|\bundoubtedly\b|"
    r"\bno doubt\b|\bneedless to say\b|\b(we|you|one) should\b|\bI'm (sure|convinced)\b|"
    r"我认为|我觉得|我相信|我猜|在我看来|笔者认为|笔者以为|个人认为|或许|也许|大概|似乎|无疑|显然|恐怕|毫无疑问|不得不说",
    re.I)
SUMMARY = re.compile(
    r"^\s*(in short|in summary|in sum|in conclusion|to sum up|to summari[sz]e|in a nutshell|all in all|overall|"
    r"bottom line|简而言之|总之|总而言之|综上所述|总的来说|简单来说|一句话)[\s,，:：]", re.I)
QUOTES = re.compile(r"“[^”]*”|「[^」]*」|『[^』]*』|\"[^\"]*\"|‘[^’]*’")
OPEN = "“‘「『《（([【"
CLOSE = "”’」』》）)]】"
DATE_AHEAD = re.compile(
    r"\s*(?:(?:in|on|by|since|until|from|and in|and on)\s+)?(?:\d{4}\b|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|"
    r"oct|nov|dec)[a-z]*\.?\s+\d)", re.I)
LEAD_ADVERBIAL = re.compile(r"至今|如今|目前|当时|此后|随后|之后|最近|近日|后来|同时|此外|然而|因此|另外|其中|据悉|据报道")
TRIM = " \t\n，,；;：:、。!！…-—–"


@dataclass(frozen=True)
class DraftSource:
    url: str
    title: str | None = None
    number: int | None = None  # number in the article's reference list


@dataclass(frozen=True)
class DraftClaim:
    id: str
    text: str
    start: int  # offsets into Article.text
    end: int
    line: int
    sources: tuple[str, ...]  # URLs
    citation: str  # inline | marker | inline+marker | article-level | uncited
    context: str | None = None


@dataclass(frozen=True)
class Skip:
    text: str
    reason: str
    start: int
    end: int
    line: int


@dataclass(frozen=True)
class Draft:
    article: Article
    claims: tuple[DraftClaim, ...]
    skipped: tuple[Skip, ...]
    sources: tuple[DraftSource, ...]
    citation_mode: str  # per-sentence | article-level | none


def draft(article: Article) -> Draft:
    """All claims, skips and sources of an article, in article order."""
    return _Drafter(article).run()


def skip_reason(sentence: str) -> str | None:
    """Why a sentence is not a checkable claim, or None."""
    bare = sentence.strip()
    outside = QUOTES.sub(" ", bare)
    if re.search(r"[?？]\s*[”’」』\"')）]*\s*$", bare):
        return "question"
    hedge = HEDGES.search(outside)
    if hedge:
        return f"opinion or hedge ('{hedge.group(0)}')"
    if _weight(bare) < 3:
        return "no checkable content"
    return None


def _weight(text: str) -> int:
    """Rough size of a clause: CJK characters plus two per Latin word (brackets excluded)."""
    text = re.sub(r"（[^）]*）|\([^)]*\)", "", text)
    cjk = sum(1 for ch in text if "\u3400" <= ch <= "\u9fff" or "\u3040" <= ch <= "\u30ff" or "\uac00" <= ch <= "\ud7af")
    words = len(re.findall(r"[A-Za-z0-9\u00c0-\u024f\u0400-\u04ff]+", text))
    return cjk + 2 * words


def split_clauses(text: str) -> list[tuple[int, int]]:
    """Atomic clauses of one sentence, as (start, end) offsets into ``text``, trimmed."""
    cuts: list[tuple[int, int]] = []  # (cut at, resume at)
    depth = 0
    in_ascii_quote = False
    for i, ch in enumerate(text):
        if ch == '"':
            in_ascii_quote = not in_ascii_quote
            continue
        if ch in OPEN:
            depth += 1
            continue
        if ch in CLOSE:
            depth = max(0, depth - 1)
            continue
        if depth or in_ascii_quote:
            continue
        rest = text[i + 1:]
        if ch in "；;":
            cuts.append((i, i + 1))
        elif ch == "，":
            cuts.append((i, i + 1))
        elif ch in "：:" and (ch == "：" or rest.startswith(" ")):
            left = text[:i]
            if _weight(left[left.rfind("，") + 1:]) >= 8 and _weight(rest) >= 6:
                cuts.append((i, i + 1))
        elif ch == "," and re.match(r"\s+(and|but|while|whereas|although|though|yet|so)\s", rest):
            cuts.append((i, i + 1))
        elif ch == "," and DATE_AHEAD.match(rest) and _weight(text[:i]) >= 8:
            cuts.append((i, i + 1))
    pieces = []
    start = 0
    for at, resume in cuts:
        pieces.append((start, at))
        start = resume
    pieces.append((start, len(text)))
    pieces = [_trim(text, s, e) for s, e in pieces]
    pieces = [(s, e) for s, e in pieces if e > s]
    if not pieces:
        return []
    # clauses too short to stand alone stay with a neighbour; so does a leading adverbial
    merged: list[tuple[int, int]] = []
    join_next = False
    for n, (s, e) in enumerate(pieces):
        weight = _weight(text[s:e])
        if merged and (join_next or weight < 6):
            merged[-1] = (merged[-1][0], e)
            join_next = False
            continue
        merged.append((s, e))
        join_next = n == 0 and len(pieces) > 1 and (
            weight < 6 or (weight <= 10 and LEAD_ADVERBIAL.search(text[s:e]) is not None))
    return merged


def _join(cites: list[tuple[list[str], str]]) -> tuple[list[str], str]:
    urls: list[str] = []
    kinds: set[str] = set()
    for found, kind in cites:
        urls.extend(u for u in found if u not in urls)
        kinds.update(k for k in kind.split("+") if k)
    return urls, ("inline+marker" if len(kinds) == 2 else (kinds.pop() if kinds else ""))


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in TRIM:
        s += 1
    while e > s and text[e - 1] in TRIM:
        e -= 1
    if e > s and text[e - 1] == ".":
        word = re.search(r"([A-Za-z.]+)\.$", text[s:e])
        keep = word and (word.group(1).lower() in ABBREVIATIONS or re.fullmatch(r"([A-Za-z]\.)+[A-Za-z]", word.group(1)))
        if not keep:
            e -= 1
    return s, e


class _Drafter:
    def __init__(self, article: Article) -> None:
        self.article = article
        self.by_key = {key: ref for ref in article.references for key in ref.keys}
        self.claims: list[DraftClaim] = []
        self.skipped: list[Skip] = []
        self.ids: dict[str, int] = {}
        body = [b for b in article.blocks if b.kind not in ("references", "heading", "code", "table")]
        cites = any(self._resolve(m) for b in body for m in b.markers) or any(
            self._url(link.url) for b in body for link in b.links)
        if cites:
            self.mode = "per-sentence"
        elif article.references:
            self.mode = "article-level"
        else:
            self.mode = "none"
        everything = [ref.url for ref in article.references]
        for b in body:
            for link in b.links:
                url = self._url(link.url)
                if url and url not in everything:
                    everything.append(url)
        self.all_refs = tuple(everything)  # what an uncited claim is linked to

    def run(self) -> Draft:
        ref_blocks: list[Block] = []
        for block in self.article.blocks:
            if block.kind == "references":
                ref_blocks.append(block)
                continue
            if ref_blocks:
                self._skip_refs(ref_blocks)
                ref_blocks = []
            self.block(block)
        if ref_blocks:
            self._skip_refs(ref_blocks)
        sources: dict[str, DraftSource] = {}
        for ref in self.article.references:
            sources.setdefault(ref.url, DraftSource(ref.url, ref.title, ref.number))
        for claim in self.claims:
            for url in claim.sources:
                sources.setdefault(url, DraftSource(url))
        return Draft(article=self.article, claims=tuple(self.claims), skipped=tuple(self.skipped),
                     sources=tuple(sources.values()), citation_mode=self.mode)

    def _line(self, offset: int) -> int:
        return self.article.text.count("\n", 0, offset) + 1

    def skip(self, block: Block, start: int, end: int, reason: str) -> None:
        s, e = block.span(start, end)
        self.skipped.append(Skip(block.text[start:end], reason, s, e, self._line(s)))

    def _skip_refs(self, blocks: list[Block]) -> None:
        start, end = blocks[0].extent[0], blocks[-1].extent[1]
        n = len(blocks)
        self.skipped.append(Skip(f"{n} reference{'s' if n != 1 else ''}", "reference list", start, end,
                                 self._line(start)))

    def block(self, block: Block) -> None:
        text = block.text
        if block.kind in ("heading", "code", "table"):
            self.skip(block, 0, len(text), {"code": "code block"}.get(block.kind, block.kind))
            return
        if block.kind == "label":
            m = re.search(r"[:：]", text)
            if not (m and _weight(text[:m.start()]) >= 2 and _weight(text[m.end():]) >= 6):
                self.skip(block, 0, len(text), "label (kept as context of the items below it)")
                return
        summary = SUMMARY.match(text)
        if summary:
            self.skip(block, 0, len(text), f"summary paragraph ('{summary.group(1)}')")
            return
        sentences = list(split_sentences(text))
        groups: list[tuple[int, int, list[Link], list[Marker]]] = []
        for sent in sentences:
            links = [l for l in block.links if l.start < sent.end and l.end > sent.start]
            markers = [m for m in block.markers if sent.start <= m.at <= sent.end
                       and not any(m is x for g in groups for x in g[3])]
            if groups and self._citation_only(text, sent.start, sent.end, links):
                groups[-1][2].extend(links)
                groups[-1][3].extend(markers)
                continue
            groups.append((sent.start, sent.end, links, markers))
        trailing = [m for m in block.markers if sentences and m.at > sentences[-1].end]
        if groups and trailing:
            groups[-1][3].extend(trailing)
        for start, end, links, markers in groups:
            self.sentence(block, start, end, links, markers)

    def _citation_only(self, text: str, start: int, end: int, links: list[Link]) -> bool:
        chars = list(text[start:end])
        for link in links:
            for k in range(max(link.start, start), min(link.end, end)):
                chars[k - start] = " "
        rest = re.sub(r"\b(source|sources|via|see|cited|from|retrieved|link)\b|来源|出处|参见|见", " ",
                      "".join(chars), flags=re.I)
        return not re.search(r"\w", rest)

    def sentence(self, block: Block, start: int, end: int, links: list[Link], markers: list[Marker]) -> None:
        text = block.text[start:end]
        reason = skip_reason(text)
        if reason:
            s, e = _trim(block.text, start, end)
            self.skip(block, s, max(e, s + 1) if e > s else end, reason)
            return
        clauses = [self._unparen(block, start + s, start + e) for s, e in split_clauses(text)]
        clauses = [(s, e) for s, e in clauses if e > s]
        if not clauses:
            return
        last_end = clauses[-1][1]
        trailing = self._cite([l for l in links if l.start >= last_end], [m for m in markers if m.at >= last_end])
        owns = []
        for n, (s, e) in enumerate(clauses):
            upto = clauses[n + 1][0] if n + 1 < len(clauses) else last_end
            own_links = [l for l in links if l.start < upto and l.end > s]
            own_markers = [m for m in markers if s <= m.at < upto or (m.at == upto and n + 1 < len(clauses))]
            owns.append(self._cite(own_links, own_markers))
        union = _join([o for o in owns if o[0]])
        for n, (s, e) in enumerate(clauses):
            own = owns[n]
            if n == len(clauses) - 1:
                urls, kind = _join([own, trailing])
            else:
                urls, kind = own if own[0] else trailing
            if not urls:
                urls, kind = union
            if not urls:
                urls, kind = list(self.all_refs), ("article-level" if self.mode == "article-level" else "uncited")
            self.emit(block, s, e, tuple(urls), kind)

    def _unparen(self, block: Block, s: int, e: int) -> tuple[int, int]:
        """Drop a trailing "(Reuters)" that is only a link: it is a citation, not part of the claim."""
        text = block.text
        if e > s and text[e - 1] in ")）":
            open_at = max(text.rfind("(", s, e), text.rfind("（", s, e))
            inner = [k for k in range(open_at + 1, e - 1) if not text[k].isspace()]
            if open_at > s and inner and all(any(l.start <= k < l.end for l in block.links) for k in inner):
                return _trim(text, s, open_at)
        return s, e

    def _cite(self, links: list[Link], markers: list[Marker]) -> tuple[list[str], str]:
        urls, kinds = [], set()
        for link in links:
            url = self._url(link.url)
            if url and url not in urls:
                urls.append(url)
                kinds.add("inline")
        for marker in markers:
            ref = self._resolve(marker)
            if ref is not None and ref.url not in urls:
                urls.append(ref.url)
                kinds.add("marker")
        kind = "inline+marker" if len(kinds) == 2 else (kinds.pop() if kinds else "")
        return urls, kind

    def _resolve(self, marker: Marker):
        return self.by_key.get(marker.key) or self.by_key.get(marker.key.lower())

    def _url(self, url: str) -> str | None:
        base = self.article.source
        if base.lower().startswith(("http://", "https://")):
            url = urljoin(base, url)
        parts = urlsplit(url)
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            return None
        return url

    def emit(self, block: Block, s: int, e: int, sources: tuple[str, ...], citation: str) -> None:
        text = block.text[s:e]
        start, end = block.span(s, e)
        cid = claim_id(text)
        seen = self.ids.get(cid, 0)
        self.ids[cid] = seen + 1
        if seen:
            cid = f"{cid}-{seen + 1}"
        self.claims.append(DraftClaim(id=cid, text=text, start=start, end=end, line=self._line(start),
                                      sources=sources, citation=citation, context=block.context))
