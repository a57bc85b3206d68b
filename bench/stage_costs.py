"""CPU per stage for one source, on real saved pages (bench/data/pages/html, 150 pages).

    python bench/stage_costs.py [--pages 150] [--cold]

No network: each saved page becomes the ``Fetch`` a 200 answer would give.
For each page, in one process, with CPU time (``time.process_time``):

  classify   fetch.classify_body: soft 404, bot challenge, JavaScript shell?
  archive    Archive.record_fetch: compress, fsync and index the body
  extract    extract.extract: trafilatura (main text) + sentence offsets
  document   Archive.put_document: the extracted text, kept for later runs
  match      the default matcher, one claim per page (a sentence of the page, reworded)

and prints the mean, median, 90th percentile and maximum milliseconds per page
of each stage, what the stages outside matching add up to, the one-time costs
of a process, and a digest
of every extracted document (text, units' offsets, title, date, language,
extractor): equal digests before and after a change mean extraction output did
not change (``EXTRACTOR_VERSION`` need not be bumped). These are the
per-source costs the README's "10^6 citations" estimate uses. The machine
may be shared: CPU time, not wall time, is what is measured.

One-time costs are paid before the pages and reported apart: the matcher's
load, and the date parser's locale tables (a page whose date only dateparser
can read makes htmldate try it in all its ~400 locales, compiling a regular
expression for each: about a second, once per process). ``--cold`` leaves the
date parser cold, so the page that first needs it pays it, as in a fresh
process.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from factcheck.archive import Archive  # noqa: E402
from factcheck.extract import EXTRACTOR_VERSION, extract  # noqa: E402
from factcheck.fetch import classify_body  # noqa: E402
from factcheck.match import load_matcher  # noqa: E402
from factcheck.models import Claim, Fetch, SourceRef  # noqa: E402

PAGES = ROOT / "bench" / "data" / "pages" / "html"
STAGES = ("classify", "archive", "extract", "document", "match")
#: A page whose only date candidate no locale of dateparser reads: htmldate sends it to
#: dateparser, which tries (and compiles) every locale, as the first such real page would.
DATE_WARM_UP = (b"<html><body><p>A page read once, to load the date parser.</p>"
                b"<p>15 avril, 2 et 6 Mai 19</p></body></html>")


def timed(costs: dict[str, list[float]], stage: str, fn, *args):
    start = time.process_time()
    result = fn(*args)
    costs[stage].append((time.process_time() - start) * 1000)
    return result


def claim_for(document) -> Claim:
    """A claim the page supports: its longest sentence of the middle third, slightly reworded."""
    sentences = document.sentences[len(document.sentences) // 3: 2 * len(document.sentences) // 3 + 1]
    text = max((s.text for s in sentences), key=len, default=document.text[:200])[:300]
    return Claim("c", "According to the article, " + text, (SourceRef(document.url),))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=150)
    parser.add_argument("--cold", action="store_true", help="leave the date parser cold (first pages pay it)")
    args = parser.parse_args()
    files = sorted(PAGES.glob("*.html.gz"))[: args.pages]
    costs: dict[str, list[float]] = {stage: [] for stage in STAGES}
    start = time.process_time()
    matcher = load_matcher("default")
    matcher.match(Claim("w", "warm up", (SourceRef("x"),)), extract(Fetch(
        url="https://bench.invalid/w", status="ok", reason="", tag="", fetched_at="2026-01-01T00:00:00Z",
        http_status=200, content_type="text/html", body=b"<html><body><p>Warm up the model.</p></body></html>"))
        or _fail())
    load = time.process_time() - start
    start = time.process_time()
    if not args.cold:
        extract(Fetch(url="https://bench.invalid/date", status="ok", reason="", tag="",
                      fetched_at="2026-01-01T00:00:00Z", http_status=200, content_type="text/html",
                      body=DATE_WARM_UP))
    dates = time.process_time() - start
    sizes = []
    digest = hashlib.sha256()
    with tempfile.TemporaryDirectory() as cache, Archive(cache) as archive:
        for path in files:
            body = gzip.decompress(path.read_bytes())
            sizes.append(len(body))
            url = f"https://bench.invalid/{path.name.removesuffix('.html.gz')}"
            fetch = Fetch(url=url, status="ok", reason="HTTP 200", tag="http-200",
                          fetched_at="2026-01-01T00:00:00Z", http_status=200,
                          content_type="text/html; charset=utf-8", body=body)
            timed(costs, "classify", classify_body, url, url, "text/html", body)
            record = timed(costs, "archive", archive.record_fetch, fetch)
            document = timed(costs, "extract", extract, fetch)
            digest.update(_fingerprint(path.name, document))
            if document is None or not document.sentences:
                for stage in ("document", "match"):
                    costs[stage].append(0.0)
                continue
            timed(costs, "document", archive.put_document, record.body_sha256, EXTRACTOR_VERSION, document)
            timed(costs, "match", matcher.match, claim_for(document), document)
    print(f"{len(files)} real pages, mean {statistics.mean(sizes) / 1024:.0f} KB; CPU ms per page")
    print(f"once per process: default matcher loaded in {load:.2f} CPU s, "
          + ("date parser left cold (--cold)" if args.cold else f"date parser's locale tables {dates:.2f} CPU s"))
    print(f"{'stage':<17} {'mean':>7} {'median':>7} {'p90':>7} {'max':>7}")
    outside = [sum(costs[s][i] for s in STAGES if s != "match") for i in range(len(files))]
    for stage, values in [*((s, costs[s]) for s in STAGES), ("outside matching", outside)]:
        ordered = sorted(values)
        print(f"{stage:<17} {statistics.mean(ordered):>7.1f} {statistics.median(ordered):>7.1f} "
              f"{ordered[int(len(ordered) * 0.9)]:>7.1f} {ordered[-1]:>7.1f}")
    if not args.cold:
        print(f"outside matching, the date parser's tables spread over these {len(files)} pages: "
              f"mean {statistics.mean(outside) + dates * 1000 / len(files):.1f}")
    print(f"extraction digest (extractor version {EXTRACTOR_VERSION}): {digest.hexdigest()[:16]}")


def _fingerprint(name: str, document) -> bytes:
    if document is None:
        return json.dumps([name, None]).encode()
    return json.dumps([name, document.text, [[s.start, s.end] for s in document.sentences], document.title,
                       document.date, document.language, document.extractor]).encode()


def _fail():
    raise SystemExit("the warm-up page gave no document")


if __name__ == "__main__":
    main()
