"""The Chinese dev sets in traditional characters: does a verdict depend on the script?

    python bench/traditional.py [--limit N]

Pages from Hong Kong, Taiwan and Macao, and many overseas Chinese media, are written in
traditional characters; the claims of an article may be in either script. This renders the
Chinese news pairs (``zh_native``) and the WiCE claims in Chinese (``wice_zh``) into
traditional characters, character by character (each simplified character to the traditional
form CC-CEDICT gives it most often; a rough rendering: 发 is always 發, never 髮), and scores
every pair with the shipped matcher in each arrangement:

- ``zh_native``: claim and page as written (simplified), simplified claim on a traditional page,
  traditional claim on a simplified page, both traditional;
- ``wice_zh``: the simplified claim and the traditional claim, on its English page.

It prints balanced accuracy (supported vs rest) and AUROC of ``score`` per arrangement, and how
many verdicts differ from the simplified ones. Nothing is fitted on these renderings.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from dataclasses import replace
from pathlib import Path

import numpy as np

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(BENCH.parent))

from eval_data import Pair, load_sets  # noqa: E402
from eval_metrics import auroc, balanced_accuracy  # noqa: E402


def to_traditional_table() -> dict[int, str]:
    """Simplified character -> the traditional form CC-CEDICT's entries give it most often."""
    from factcheck.match.fold import cedict_lines

    counts: defaultdict[str, Counter] = defaultdict(Counter)
    entry = re.compile(r"(\S+) (\S+) \[")
    for trad, simp in (m.groups() for m in map(entry.match, cedict_lines()) if m):
        if len(trad) == len(simp):
            for t, s in zip(trad, simp):
                counts[s][t] += 1
    return {ord(s): c.most_common(1)[0][0] for s, c in counts.items() if c.most_common(1)[0][0] != s}


def scored(pairs: list[Pair]) -> tuple[np.ndarray, list[str]]:
    from factcheck.match.batch import pair_to_inputs
    from factcheck.match.default import DefaultMatcher

    matcher = DefaultMatcher()
    scores, verdicts = [], []
    for pair in pairs:
        claim, doc = pair_to_inputs(pair.as_batch_record())
        v = matcher.match(claim, doc)
        scores.append(v.score)
        verdicts.append(v.verdict)
    return np.array(scores), verdicts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=0, help="N pairs per set (quick runs)")
    args = ap.parse_args()
    table = to_traditional_table()

    def trad(text: str | None) -> str | None:
        return text.translate(table) if text else text

    sets = load_sets(("zh_native", "wice_zh"), limit=args.limit)
    arrangements = {
        "zh_native": {
            "simplified claim, simplified page": lambda p: p,
            "simplified claim, traditional page": lambda p: replace(p, source_text=trad(p.source_text)),
            "traditional claim, simplified page": lambda p: replace(p, claim=trad(p.claim), context=trad(p.context)),
            "traditional claim, traditional page": lambda p: replace(p, claim=trad(p.claim), context=trad(p.context),
                                                                     source_text=trad(p.source_text)),
        },
        "wice_zh": {
            "simplified claim, English page": lambda p: p,
            "traditional claim, English page": lambda p: replace(p, claim=trad(p.claim), context=trad(p.context)),
        },
    }
    print("| set | arrangement | pairs | bal.acc | AUROC | verdicts unlike simplified |")
    print("|---|---|---:|---:|---:|---:|")
    for name, pairs in sets.items():
        y = np.array([p.label == "supported" for p in pairs])
        base: list[str] | None = None
        for label, make in arrangements[name].items():
            s, verdicts = scored([make(p) for p in pairs])
            base = base or verdicts
            differ = sum(a != b for a, b in zip(base, verdicts))
            print(f"| {name} | {label} | {len(pairs)} | {balanced_accuracy(y, s >= 0.5):.3f} | {auroc(y, s):.3f} "
                  f"| {differ} |", flush=True)


if __name__ == "__main__":
    main()
