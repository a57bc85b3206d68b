"""Extraction settings chosen by numbers, on 150 real pages with known main text.

Serves every page of bench/data/pages/ from a local HTTP server on 127.0.0.1
in four ways (charset in the Content-Type header or not, gzip-encoded or not),
fetches them through factcheck's real fetch path (``fetch_all``), checks that
the four copies decode to the same text, then extracts each page under several
settings and scores, as trafilatura's own evaluation does (whitespace
normalised, NFC):

- recall:       share of the ``with`` phrases found in the extracted text;
- cleanliness:  share of the ``without`` phrases absent from it;

and, for the evidence units the text is cut into (``Document.sentences``):

- unit length (median, p90, max; how many are over 400 characters);
- glued words: a word of the text that the page only has as two words on
  either side of a block boundary ("ChampionshipIn");
- offset check: units whose offsets do not slice their text out of the document;
- fragment misses: units whose ``#:~:text=`` link (``report.text_fragment_url``)
  would not find its quote in the page, matched as browsers match text
  fragments (within one block for a single quote, start then end across blocks
  for ``textStart,textEnd``; case-insensitive; on word boundaries);
- quotes: for each ``with`` phrase taken as a claim copied from the page, the
  length of the units that hold it (what the report would quote), and how
  many phrases are cut across two or more units;
- CPU: milliseconds of process CPU time per page spent in ``extract`` (median,
  p90, max), after one untimed pass over every page (so imports and the
  caches a long run fills once, such as dateparser's locales, are not counted
  per page; that first pass is reported on its own line).

    python bench/extraction.py            # every setting
    python bench/extraction.py --quick    # the default setting only
    python bench/extraction.py --cpu      # CPU per page of the default setting only (no scoring)

Runs against whichever factcheck is importable, so the same script measured the
code before the change (then only the one setting it knew).
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import json
import re
import statistics
import sys
import time
import unicodedata
from pathlib import Path
from urllib.parse import unquote

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT / "bench" / "data" / "pages"
sys.path.insert(0, str(ROOT / "tests"))
from siteserver import Page, SiteServer  # noqa: E402

import factcheck.extract as fx  # noqa: E402
from factcheck.config import Settings  # noqa: E402
from factcheck.fetch import fetch_all  # noqa: E402
from factcheck.report import text_fragment_url  # noqa: E402

VARIANTS = {  # path suffix -> (Content-Type, gzip)
    "hdr-gz": ("text/html; charset=utf-8", True),
    "hdr": ("text/html; charset=utf-8", False),
    "bare-gz": ("text/html", True),
    "bare": ("text/html", False),
}
BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "details", "dialog", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hr", "html", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody",
    "td", "tfoot", "th", "thead", "tr", "ul", "option", "select", "textarea", "legend", "menu", "center",
}
HIDDEN_TAGS = {"script", "style", "noscript", "template", "head", "title", "meta", "link", "iframe", "svg"}
WORD = re.compile(r"\w+")


def norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def load_pages() -> list[dict]:
    return [json.loads(line) for line in (PAGES / "pages.jsonl").read_text(encoding="utf-8").splitlines()]


def serve_and_fetch(pages: list[dict]) -> dict[tuple[str, str], object]:
    """Every page in every variant, through factcheck's fetch path."""
    server = SiteServer().start()
    urls = {}
    try:
        for page in pages:
            packed = (PAGES / "html" / f"{page['id']}.html.gz").read_bytes()
            for name, (ctype, gz) in VARIANTS.items():
                body = packed if gz else gzip.decompress(packed)
                headers = {"Content-Encoding": "gzip"} if gz else {}
                urls[server.add(f"/{page['id']}/{name}", Page(body, 200, ctype, headers))] = (page["id"], name)
        settings = Settings(host_interval=0.0, per_host=16, concurrency=16, retries=0, robots=False)
        if any(f.name == "allow_private" for f in dataclasses.fields(Settings)):
            settings = dataclasses.replace(settings, allow_private=True)  # type: ignore[call-arg]
        fetches = fetch_all(list(urls), settings)
    finally:
        server.stop()
    return {urls[f.url]: f for f in fetches}


def page_blocks(html: str) -> list[str]:
    """The page's visible text as a browser lays it out: one string per block,
    whitespace collapsed, inline elements joined without adding anything."""
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except Exception:  # noqa: BLE001 - an unparsable page has no blocks
        return []
    blocks: list[str] = []
    current: list[str] = []

    def flush() -> None:
        text = " ".join("".join(current).split())
        if text:
            blocks.append(text)
        current.clear()

    def walk(node) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag.lower() in HIDDEN_TAGS or not tag:
            if node.tail:
                current.append(node.tail)
            return
        block = tag.lower() in BLOCK_TAGS
        if block:
            flush()
        if node.text:
            current.append(node.text)
        for child in node:
            walk(child)
        if block:
            flush()
        if node.tail:
            current.append(node.tail)

    walk(root)
    flush()
    return blocks


def glued_words(text: str, blocks: list[str]) -> int:
    """Words of ``text`` that the page only has as the last word of one block
    followed by the first word of the next."""
    page_words = {w.lower() for b in blocks for w in WORD.findall(b)}
    glue = set()
    for first, second in zip(blocks, blocks[1:]):
        a, b = WORD.findall(first), WORD.findall(second)
        if a and b and first[-1].isalnum() and second[0].isalnum():
            glue.add((a[-1] + b[0]).lower())
    return sum(1 for w in WORD.findall(text) if (lw := w.lower()) in glue and lw not in page_words)


def _find_word(haystack: str, needle: str, start: int = 0) -> int:
    """Case-insensitive find of ``needle`` on word boundaries (as browsers match)."""
    hay, need = haystack.lower(), needle.lower()
    pos = hay.find(need, start)
    while pos >= 0:
        before = hay[pos - 1] if pos else " "
        after = hay[pos + len(need)] if pos + len(need) < len(hay) else " "
        cjk = not need[:1].isascii() or not need[-1:].isascii()
        if cjk or ((not before.isalnum() or not need[0].isalnum()) and (not after.isalnum() or not need[-1].isalnum())):
            return pos
        pos = hay.find(need, pos + 1)
    return -1


def fragment_hits(url: str, blocks: list[str]) -> bool:
    directive = url.split("#:~:text=", 1)[1]
    parts = [unquote(p) for p in directive.split(",")]
    parts = [p for p in parts if not p.endswith("-") and not p.startswith("-")] or parts  # prefix-/-suffix
    if len(parts) == 1:
        return any(_find_word(b, parts[0]) >= 0 for b in blocks)
    start, end = parts[0], parts[-1]
    for i, block in enumerate(blocks):
        pos = _find_word(block, start)
        if pos < 0:
            continue
        if _find_word(block, end, pos + len(start)) >= 0:
            return True
        if any(_find_word(b, end) >= 0 for b in blocks[i + 1:]):
            return True
    return False


def quote_span(doc, phrase: str) -> tuple[int, int] | None:
    """For a claim copied from the page (a ``with`` phrase): the length of the quote the report
    would show (the units that hold the phrase) and how many units the phrase is cut into."""
    words = phrase.split()
    pattern = r"\s+".join(re.escape(w) for w in words)
    found = re.search(pattern, doc.text) if words else None
    if found is None:
        return None
    covering = [u for u in doc.sentences if u.start < found.end() and u.end > found.start()]
    if not covering:
        return None
    return covering[-1].end - covering[0].start, len(covering)


def percentile(values: list, share: float):
    if not values:
        return 0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


@dataclasses.dataclass
class Score:
    found: int = 0
    wanted: int = 0
    absent: int = 0
    unwanted: int = 0
    empty: int = 0
    lengths: list[int] = dataclasses.field(default_factory=list)
    glued: int = 0
    bad_offsets: int = 0
    fragments: int = 0
    fragment_misses: int = 0
    quotes: list[int] = dataclasses.field(default_factory=list)
    split_phrases: int = 0
    seconds: float = 0.0
    cpu_ms: list[float] = dataclasses.field(default_factory=list)

    def f1(self) -> float:
        """trafilatura's evaluation: a found ``with`` phrase is a true positive, a found
        ``without`` phrase a false positive, a missing ``with`` phrase a false negative."""
        tp, fp, fn = self.found, self.unwanted - self.absent, self.wanted - self.found
        precision, recall = tp / max(1, tp + fp), tp / max(1, tp + fn)
        return 2 * precision * recall / max(1e-9, precision + recall)

    def line(self, name: str) -> str:
        n, q = self.lengths, self.quotes
        return (f"| {name} | {self.found / max(1, self.wanted):.3f} | {self.absent / max(1, self.unwanted):.3f} | "
                f"{self.f1():.3f} | "
                f"{self.empty} | {len(n)} | {statistics.median(n) if n else 0:.0f} | {percentile(n, 0.9)} | "
                f"{max(n, default=0)} | {sum(1 for x in n if x > 400)} | {self.glued} | {self.bad_offsets} | "
                f"{self.fragment_misses}/{self.fragments} | {statistics.median(q) if q else 0:.0f} / "
                f"{percentile(q, 0.9)} / {max(q, default=0)} | {self.split_phrases} | {cpu_line(self.cpu_ms)} | "
                f"{self.seconds:.0f} |")


HEADER = ("| setting | recall | cleanliness | F1 | no text | units | median | p90 | max | >400 | glued words | "
          "bad offsets | fragment misses | quotes median / p90 / max | phrases cut | CPU ms/page median / p90 / max | "
          "seconds |\n"
          "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")


def cpu_line(values: list[float]) -> str:
    if not values:
        return "-"
    ordered = sorted(values)
    return f"{statistics.median(ordered):.1f} / {percentile(ordered, 0.9):.1f} / {ordered[-1]:.0f}"


def timed_extract(fetch, options) -> tuple[object, float]:
    """``extract`` and the process CPU milliseconds it took."""
    began = time.process_time()
    doc = fx.extract(fetch, options) if options is not None else fx.extract(fetch)
    return doc, (time.process_time() - began) * 1000


def score(pages: list[dict], fetches: dict, options, variant: str, html: dict[str, str],
          blocks: dict[str, list[str]]) -> Score:
    result = Score()
    began = time.perf_counter()
    for page in pages:
        fetch = fetches[(page["id"], variant)]
        doc, cpu = timed_extract(fetch, options)
        result.cpu_ms.append(cpu)
        text = norm(doc.text) if doc else ""
        result.empty += doc is None
        result.wanted += len(page["with"])
        result.found += sum(1 for p in page["with"] if norm(p) in text)
        result.unwanted += len(page["without"])
        result.absent += sum(1 for p in page["without"] if norm(p) not in text)
        if doc is None:
            continue
        result.glued += glued_words(doc.text, blocks[page["id"]])
        for phrase in page["with"]:
            span = quote_span(doc, phrase)
            if span is not None:
                result.quotes.append(span[0])
                result.split_phrases += span[1] > 1
        for unit in doc.sentences:
            result.lengths.append(len(unit.text))
            result.bad_offsets += doc.text[unit.start:unit.end] != unit.text
            if len(WORD.findall(unit.text)) >= 2:
                result.fragments += 1
                result.fragment_misses += not fragment_hits(text_fragment_url("http://x/", unit.text),
                                                            blocks[page["id"]])
    result.seconds = time.perf_counter() - began
    return result


def settings_to_compare(quick: bool) -> list[tuple[str, object]]:
    options = getattr(fx, "ExtractOptions", None)
    if options is None:  # the code before ExtractOptions existed: its one setting
        return [("project call (favor_recall, BeautifulSoup fallback)", None)]
    chosen = [("chosen default", options())]
    if quick:
        return chosen
    if "headline" in {f.name for f in dataclasses.fields(options)}:
        chosen.append(("chosen default, no headline line", options(headline=False)))
    return chosen + [
        ("old call: favor_recall + fallback, trafilatura text", options(favor_recall=True, fallback=True,
                                                                        structured=False)),
        ("favor_recall + fallback", options(favor_recall=True, fallback=True)),
        ("favor_recall, no fallback", options(favor_recall=True, fallback=False)),
        ("trafilatura defaults + fallback", options(fallback=True)),
        ("trafilatura defaults, no fallback", options(fallback=False)),
        ("favor_precision + fallback", options(favor_precision=True, fallback=True)),
        ("favor_precision, no fallback", options(favor_precision=True, fallback=False)),
        ("defaults, no fallback, trafilatura text", options(fallback=False, structured=False)),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="score the default setting only")
    parser.add_argument("--cpu", action="store_true", help="CPU per page of the default setting only")
    parser.add_argument("--limit", type=int, default=0, help="first N pages only")
    args = parser.parse_args()
    pages = load_pages()[: args.limit or None]
    began = time.perf_counter()
    fetches = serve_and_fetch(pages)
    print(f"factcheck from {Path(fx.__file__).parents[1]}; fetched {len(fetches)} copies of {len(pages)} pages in {time.perf_counter() - began:.1f}s; "
          f"statuses: {sorted({f.status for f in fetches.values()})}")
    default = settings_to_compare(True)[0][1]
    first = [timed_extract(fetches[(page["id"], "bare-gz")], default)[1] for page in pages]
    print(f"first pass (imports, caches filling), CPU ms/page median / p90 / max: {cpu_line(first)}; "
          f"total {sum(first) / 1000:.1f} s")
    if args.cpu:
        timed = [timed_extract(fetches[(page["id"], "bare-gz")], default)[1] for page in pages]
        print(f"CPU ms/page of extract over {len(pages)} pages, median / p90 / max: {cpu_line(timed)}")
        return
    html, blocks, differ = {}, {}, 0
    for page in pages:
        texts = {name: fx.decode(fetches[(page["id"], name)].body or b"", fetches[(page["id"], name)].content_type)
                 for name in VARIANTS}
        differ += len(set(texts.values())) > 1
        html[page["id"]] = texts["hdr"]
        blocks[page["id"]] = page_blocks(texts["hdr"])
    print(f"pages whose four served copies decode differently: {differ}")
    print()
    print(HEADER)
    for name, options in settings_to_compare(args.quick):
        print(score(pages, fetches, options, "bare-gz", html, blocks).line(name), flush=True)


if __name__ == "__main__":
    main()
