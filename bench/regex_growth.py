"""How the number patterns' time grows on hostile text: linear, or worse.

    PYTHONPATH=. python bench/regex_growth.py [--short 1000] [--long 8000]

``quantities.quantities`` runs each of its patterns (``quantities._RUN``) over every
sentence of a page that may hold a number, joined into one text. A pattern that
retries a long stretch from every character of a run (a page of pi's digits, a list
12,34,56,... without spaces, a row of dots) costs the square of the run's length:
before the fixes of 2026-12-04, matching a claim against a 200,000-digit page took
12.4 s (0.8 s after). Sentences are cut at 1,000 characters (``segment.MAX_SENTENCE``),
which bounds the harm per sentence but not a page's cost.

For every pattern, this times a scan of runs of short motifs (every string of one to
three characters over digits, commas, dots, spaces, a newline, a letter, a Chinese
numeral, %, 余) at two lengths. Linear work grows as the length (8x from 1,000 to
8,000 characters); quadratic work as its square (64x). It prints the patterns that
grow more than ``LIMIT`` times with their worst motif, and exits 1 if one of them
is not in ``KNOWN``, the growth left alone with the reason. No network, no data files.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from factcheck.match import quantities  # noqa: E402

ALPHABET = ("1", ",", ".", " ", "\n", "a", "一", "%", "余")
LIMIT = 20.0  # growth above which a pattern is reported (linear 8x, quadratic 64x, at the default lengths)
FLOOR_S = 0.0003  # a scan of the short run faster than this is not timed further (noise)

#: Patterns whose growth is known and left alone, with why.
KNOWN = {
    "zh_approx": "rows where commas follow digits or dots (1,2,3,... or ..,..,) on a Chinese page are tried from each "
                 "such comma: a start there is needed when a Chinese numeral comes first (三,4余 states 4余); "
                 "about 4 ms for a 1,000-character sentence",
    "zh_number": "rows mixing dots and commas (.,.,.,) on a Chinese page are tried from each comma after a dot: a number "
                 "can end in a dot there (三.,5 reads 三. and ,5); about 11 ms for a 1,000-character sentence; rows "
                 "of dots alone or commas alone are linear",
}


def motifs() -> list[str]:
    return sorted({"".join(t) for k in (1, 2, 3) for t in itertools.product(ALPHABET, repeat=k)})


def scan_s(pattern, text: str) -> float:
    t0 = time.perf_counter()
    for _ in pattern.finditer(text):
        pass
    return time.perf_counter() - t0


def growth(pattern, short: int, long: int) -> tuple[float, str, float]:
    """The worst growth of ``pattern``'s scan time from ``short`` to ``long`` characters over all motifs:
    (growth, motif, seconds for the long run)."""
    worst = (0.0, "", 0.0)
    for motif in motifs():
        text = motif * (long // len(motif) + 1)
        t_short = min(scan_s(pattern, text[:short]) for _ in range(2))
        if t_short < FLOOR_S:
            continue
        t_long = scan_s(pattern, text[:long])
        ratio = t_long / t_short
        if ratio > worst[0]:
            worst = (ratio, motif, t_long)
    return worst


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--short", type=int, default=1000)
    ap.add_argument("--long", type=int, default=8000)
    args = ap.parse_args()
    linear = args.long / args.short
    print(f"{len(quantities._RUN)} patterns, {len(motifs())} motifs, runs of {args.short:,} and {args.long:,} "
          f"characters (linear growth {linear:.0f}x, quadratic {linear ** 2:.0f}x)")
    unknown = []
    for name, pattern, *_ in quantities._RUN:
        ratio, motif, t_long = growth(pattern, args.short, args.long)
        if ratio <= LIMIT:
            continue
        known = KNOWN.get(name)
        print(f"  {name:18s} x{ratio:5.1f} on {motif!r} runs ({1000 * t_long:.0f} ms for {args.long:,} characters)"
              + (f"; known: {known}" if known else "; NOT KNOWN"))
        if not known:
            unknown.append(name)
    if unknown:
        sys.exit(f"patterns that grow faster than linear: {', '.join(unknown)}")
    print("every other pattern grows linearly")


if __name__ == "__main__":
    main()
