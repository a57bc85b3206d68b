"""Evaluate a matcher on every dev set: in-set cross-validation and leave-one-set-out.

    PYTHONPATH=. python bench/evaluate.py [--system baseline] [--protocol both] [--folds 5]
        [--sets wice,factcheckgpt,wice_zh,zh_native,zh_native_en] [--limit N] [--json FILE]

Per dev set (``bench/eval_data.py``) it prints a Markdown table of the system
under two protocols (``bench/eval_protocols.py``) beside two word-overlap floors:

- ``in-set CV``: k-fold within the set (pairs sharing a source stay in one fold);
- ``LOSO``: leave-one-set-out, fitted on the other sets only (WiCE and its Chinese
  rendering are left out together, as the Chinese news pairs and their English
  rendering are; evaluation-only sets, ``eval_data.EVAL_ONLY``, are never fitted
  on). This is the number to report and optimise;
- ``lexical``: the project's ``--matcher lexical`` (nothing fitted);
- ``overlap``: plain word overlap with its cut fitted on the training side
  (in-set CV and LOSO, so the floor is as honest as the system).

Columns (``bench/eval_metrics.py``): balanced accuracy of supported vs the rest
(with its bootstrap sd), AUROC of the score, 3-way accuracy, ``contradicted``
precision (times fired) and recall, expected calibration error of the score
(10 bins), share of pairs flagged ``needs_review`` and the supported-vs-rest
accuracy of the verdicts not flagged.

A system is pluggable (interface in ``bench/eval_systems.py``): ``--system NAME``
for a registered one, ``--system module:attr`` for any other. Features are
cached in ``bench/.cache/features/`` per system version, so re-runs only fit
and score. ``--json FILE`` writes every number (format ``factcheck-eval/1``),
``--predictions FILE`` every out-of-sample verdict (JSON lines, for error analysis).
Progress goes to stderr when it is a terminal.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import numpy as np

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))
sys.path.insert(0, str(BENCH))

from eval_data import LOSO_GROUPS, SETS, DataError, Pair, load_sets  # noqa: E402
from eval_metrics import bootstrap_sd, contradicted_precision_recall, review_stats, set_metrics  # noqa: E402
from eval_protocols import Block, in_set_cv, leave_one_set_out, no_fit  # noqa: E402
from eval_systems import CACHE_DIR, Prediction, System, cached_features, get_system  # noqa: E402

FORMAT = "factcheck-eval/1"
FLOORS = ("lexical", "overlap")
COLUMNS = (("bal.acc", "balanced_accuracy"), ("AUROC", "auroc"), ("3-way", "accuracy_3way"),
           ("contra P", "contradicted_precision"), ("contra R", "contradicted_recall"), ("ECE", "ece"),
           ("review", "needs_review_share"), ("acc. outside review", "accuracy_outside_review"))


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--system", default="baseline", help="registered name or module:attr (default: baseline)")
    ap.add_argument("--sets", default=",".join(SETS), help=f"comma-separated (default: {','.join(SETS)})")
    ap.add_argument("--protocol", choices=("insets", "loso", "both"), default="both")
    ap.add_argument("--folds", type=int, default=5, help="folds of in-set CV (default 5)")
    ap.add_argument("--seed", type=int, default=0, help="seed of the fold split (default 0)")
    ap.add_argument("--limit", type=int, default=0, help="N pairs per set, a fixed sample (quick runs)")
    ap.add_argument("--json", type=Path, default=None, help="also write every number to this file")
    ap.add_argument("--predictions", type=Path, default=None,
                    help="write every out-of-sample verdict here, one JSON line per pair and run (error analysis)")
    ap.add_argument("--cache", type=Path, default=CACHE_DIR, help="feature cache directory (default: %(default)s)")
    args = ap.parse_args(argv)
    args.sets = tuple(s.strip() for s in args.sets.split(",") if s.strip())
    unknown = [s for s in args.sets if s not in SETS]
    if unknown:
        ap.error(f"unknown set(s) {', '.join(unknown)}; choose from {', '.join(SETS)}")
    if args.folds < 2:
        ap.error("--folds must be at least 2")
    return args


def reporter() -> Callable[[str], None]:
    """Progress lines on stderr, only when it is a terminal."""
    if not sys.stderr.isatty():
        return lambda message: None
    return lambda message: print(f"\r\033[K{message}", end="", file=sys.stderr, flush=True)


def featurize(system: System, sets: dict[str, list[Pair]], cache: Path,
              progress: Callable[[str], None]) -> dict[str, Block]:
    blocks = {}
    for name, pairs in sets.items():
        t0 = time.perf_counter()
        X = cached_features(system, pairs, cache, progress=lambda done, todo: progress(
            f"{system.name} features {name}: {done}/{todo} ({(time.perf_counter() - t0) / done:.2f} s/pair)"))
        blocks[name] = Block(pairs, X)
    return blocks


def runs_for(system: System, protocol: str) -> list[tuple[str, str, str]]:
    """(run key, system name, protocol) in table order."""
    protocols = ("insets", "loso") if protocol == "both" else (protocol,)
    if getattr(system, "fits", True):
        runs = [(f"{system.name}/{p}", system.name, p) for p in protocols]
    else:
        runs = [(system.name, system.name, "none")]
    if system.name != "lexical":
        runs.append(("lexical", "lexical", "none"))
    if system.name != "overlap":
        runs += [(f"overlap/{p}", "overlap", p) for p in protocols]
    return runs


def predictions(system: System, protocol: str, blocks: dict[str, Block], folds: int, seed: int,
                progress: Callable[[str], None]) -> dict[str, Prediction]:
    if protocol == "insets":
        return in_set_cv(system, blocks, folds, seed, progress)
    if protocol == "loso":
        return leave_one_set_out(system, blocks, progress, note=lambda m: print(f"note: {m}", file=sys.stderr))
    return no_fit(system, blocks)


def evaluate(args: argparse.Namespace, sets: dict[str, list[Pair]]) -> tuple[dict, list[dict]]:
    """(the numbers, one record per pair and run with its out-of-sample verdict)."""
    progress = reporter()
    main = get_system(args.system)
    systems = {main.name: main}
    for name in FLOORS:
        systems.setdefault(name, get_system(name))
    runs = runs_for(main, args.protocol)
    blocks = {name: featurize(systems[name], sets, args.cache, progress) for name in {r[1] for r in runs}}
    result: dict = {"format": FORMAT, "system": {"name": main.name, "version": main.version},
                    "options": {"sets": list(sets), "limit": args.limit, "folds": args.folds, "seed": args.seed,
                                "protocol": args.protocol},
                    "sets": {name: {"n": len(pairs), "loso_group": LOSO_GROUPS[name],
                                    "labels": dict(sorted(Counter(p.label_fine for p in pairs).items())),
                                    "runs": {}} for name, pairs in sets.items()}}
    records = []
    for key, system_name, protocol in runs:
        preds = predictions(systems[system_name], protocol, blocks[system_name], args.folds, args.seed, progress)
        for name, (score, verdict, review) in preds.items():
            pairs = sets[name]
            m = set_metrics([p.label for p in pairs], [p.label_fine for p in pairs], score, verdict, review)
            m["balanced_accuracy_sd"] = bootstrap_sd(np.array([p.label == "supported" for p in pairs]),
                                                     np.array([v == "supported" for v in verdict]))
            result["sets"][name]["runs"][key] = m
            records += [{"set": name, "id": p.id, "run": key, "label_fine": p.label_fine, "verdict": v,
                         "score": float(s), "needs_review": bool(r)}
                        for p, s, v, r in zip(pairs, score, verdict, review)]
    progress("")
    result["runs"] = [key for key, _, _ in runs]
    result["pooled"] = {key: pooled([r for r in records if r["run"] == key], sets) for key in result["runs"]}
    return result, records


def pooled(records: list[dict], sets: dict[str, list[Pair]]) -> dict:
    """Over every pair of every set: the review share, the accuracy outside review, and the
    precision of contradicted over the sets that label contradictions."""
    label = {(p.set, p.id): p.label for pairs in sets.values() for p in pairs}
    y = np.array([label[(r["set"], r["id"])] == "supported" for r in records], bool)
    pred = np.array([r["verdict"] == "supported" for r in records], bool)
    share, accuracy = review_stats(y, pred, np.array([r["needs_review"] for r in records], bool))
    annotated = {name for name, pairs in sets.items() if any(p.label_fine == "contradicted" for p in pairs)}
    judged = [r for r in records if r["set"] in annotated]
    precision, _ = contradicted_precision_recall([r["label_fine"] for r in judged], [r["verdict"] for r in judged])
    fired = sum(r["verdict"] == "contradicted" for r in judged)
    breaks = sum((r["score"] >= 0.5) != (r["verdict"] == "supported") for r in records)
    return {"n": len(records), "needs_review_share": share, "accuracy_outside_review": accuracy,
            "contradicted_precision": precision, "contradicted_fired": fired, "contradicted_sets": sorted(annotated),
            "score_verdict_mismatches": breaks}


# ---------------------------------------------------------------- output
def fmt(value: float | None, digits: int = 3) -> str:
    return "-" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:.{digits}f}"


def run_label(key: str) -> str:
    name, _, protocol = key.partition("/")
    return {"insets": f"{name}, in-set CV", "loso": f"{name}, LOSO", "": f"{name} (nothing fitted)"}[protocol]


def table(result: dict) -> str:
    head = ["set", "n", "run"] + [c for c, _ in COLUMNS]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * 3 + "---:|" * len(COLUMNS)]
    for name, data in result["sets"].items():
        for key in result["runs"]:
            m = data["runs"].get(key)
            if m is None:
                continue
            cells = [name, str(data["n"]), run_label(key)]
            for _, field in COLUMNS:
                cell = fmt(m[field])
                if field == "balanced_accuracy" and cell != "-":
                    cell += f" ± {fmt(m['balanced_accuracy_sd'], 2)}"
                if field == "contradicted_precision" and m["contradicted_fired"]:
                    bound = "≤" if m["contradicted_precision_is_upper_bound"] else ""
                    cell = f"{bound}{cell} ({m['contradicted_fired']})"
                cells.append(cell)
            lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def summary(result: dict) -> str:
    """Per run: balanced accuracy averaged over sets, the worst set, and pooled over all pairs: review
    share, accuracy outside review, contradicted precision (on the sets that label it), and the
    verdicts that break the contract "supported exactly when score >= 0.5"."""
    lines = ["| run | mean bal.acc over sets | worst set | all pairs: review | acc. outside review | contra P "
             "| score contract breaks |", "|---|---:|---|---:|---:|---:|---:|"]
    for key in result["runs"]:
        values = {name: d["runs"][key]["balanced_accuracy"] for name, d in result["sets"].items()
                  if key in d["runs"] and not math.isnan(d["runs"][key]["balanced_accuracy"])}
        if values:
            worst = min(values, key=lambda k: values[k])
            p = result["pooled"][key]
            lines.append(f"| {run_label(key)} | {fmt(float(np.mean(list(values.values()))))} | "
                         f"{worst} {fmt(values[worst])} | {fmt(p['needs_review_share'])} | "
                         f"{fmt(p['accuracy_outside_review'])} | {fmt(p['contradicted_precision'])} "
                         f"({p['contradicted_fired']}) | {p['score_verdict_mismatches']} |")
    return "\n".join(lines)


def jsonable(value):
    if isinstance(value, float):
        return None if math.isnan(value) else round(value, 4)
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    return value


def write_json(path: Path, result: dict) -> None:
    tmp = path.with_name(path.name + ".part")
    tmp.write_text(json.dumps(jsonable(result), indent=1, ensure_ascii=False, sort_keys=True) + "\n",
                   encoding="utf-8")
    os.replace(tmp, path)


def write_lines(path: Path, records: list[dict]) -> None:
    tmp = path.with_name(path.name + ".part")
    with tmp.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
    os.replace(tmp, path)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        sets = load_sets(args.sets, args.limit)
    except DataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if not sets:
        print("error: none of the requested sets has data", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    result, records = evaluate(args, sets)
    print(f"system {result['system']['name']} (version {result['system']['version']}), "
          f"{args.folds}-fold in-set CV, seed {args.seed}" + (f", {args.limit} pairs per set" if args.limit else ""))
    print()
    print(table(result))
    print()
    print(summary(result))
    if args.json:
        write_json(args.json, result)
    if args.predictions:
        write_lines(args.predictions, records)
    print(f"\n({time.perf_counter() - t0:.0f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
