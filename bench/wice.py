"""Benchmark the batch matcher on WiCE dev: accuracy, speed and memory.

    PYTHONPATH=. python bench/wice.py [--data bench/data/wice/dev.jsonl] [--limit N] [--baseline] [--zh]
                                      [--en-on-zh N]

``--zh`` runs the WiCE claims rendered in Chinese (bench/data/zh/wice_zh.jsonl)
against their English pages instead: the cross-language case. ``--en-on-zh N``
runs the reverse: the Chinese news claims rendered in English
(bench/data/zh/zh_native_en.jsonl) against Chinese pages, each page the claim's
own passage among N-1 others of the set (a long page; N=1: the passage alone),
headed by its pair number so that every pair has a new source.

Runs ``factcheck.match.batch.run_batch`` (the code path of ``factcheck match``)
on every dev pair, each pair with its own source, after loading the models once,
and reports:

- time per pair (wall and CPU) and peak memory (max RSS of this process);
- the shipped model's metrics on WiCE dev, labelled IN-SAMPLE: the shipped
  weights were fitted on all dev sets, WiCE dev among them, so these are
  optimistic (the honest numbers, in-set CV and leave-one-set-out, come from
  ``bench/evaluate.py --system fit_matcher:system``);
- how often the evidence hits an annotated supporting sentence.

Binary metrics treat ``supported`` as positive and the rest as negative (the
WiCE paper's framing); ``contradicted`` counts as ``not_supported`` in 3-way
accuracy.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
import timeit
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from fit_matcher import (  # noqa: E402
    DEFAULT_DATA,
    LABELS3,
    labels3,
    load_wice,
    wice_pair,
)

from factcheck.match import load_matcher  # noqa: E402

ZH_DATA = ROOT / "bench" / "data" / "zh" / "wice_zh.jsonl"
EN_ON_ZH_DATA = ROOT / "bench" / "data" / "zh" / "zh_native_en.jsonl"
from factcheck.match.batch import run_batch  # noqa: E402
from factcheck.match.text import has_cjk  # noqa: E402


class MemoryStore:
    """A VectorStore in a dict, so the cache path runs as in the pipeline."""

    def __init__(self) -> None:
        self.rows: dict[tuple[str, str], tuple[bytes, int, int]] = {}
        self.puts = 0

    def get_vectors(self, key: str, model: str) -> tuple[bytes, int, int] | None:
        return self.rows.get((key, model))

    def put_vectors(self, key: str, model: str, data: bytes, dim: int, count: int) -> None:
        self.puts += 1
        self.rows[(key, model)] = (data, dim, count)


def chinese_rows(wice: list[dict], path: Path) -> list[dict]:
    """The WiCE rows with their claims in Chinese (``bench/data/zh/wice_zh.jsonl``), each on its English page."""
    by_id = {row["id"]: row for row in wice}
    out = []
    for row in load_wice(path):
        base = by_id[row["wice_id"]]
        out.append(base | {"id": row["id"], "claim": row["claim"], "label": row["label"],
                           "claim_context": row.get("claim_context") or ""})
    return out


def english_on_chinese_rows(path: Path, passages: int) -> list[dict]:
    """The Chinese news claims in English (``zh_native_en.jsonl``), each on a Chinese page: its own passage
    in the middle of ``passages`` - 1 others (the next ones of the set, in turn), under a line numbering the
    pair, so no two pairs share a page. ``evidence`` is empty: the set does not mark sentences."""
    native = {row["id"]: row for row in load_wice(path.with_name("zh_native.jsonl"))}
    texts = list(dict.fromkeys(row["source_text"] for row in native.values()))
    out = []
    for k, row in enumerate(load_wice(path)):
        own = native[row["zh_id"]]["source_text"]
        start = texts.index(own)
        others = [texts[(start + 1 + i) % len(texts)] for i in range(max(passages, 1) - 1)]
        half = len(others) // 2
        page = "\n".join([f"第{k + 1}篇", *others[:half], own, *others[half:]])
        out.append({"id": row["id"], "claim": row["claim"], "label": row["label"], "source_text": page,
                    "claim_title": "", "claim_context": "", "evidence": []})
    return out


def maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def binary_metrics(y3: np.ndarray, verdicts: list[str], scores: np.ndarray) -> dict:
    from eval_metrics import auroc, balanced_accuracy
    from fit_matcher import f1

    y = (y3 == 0).astype(int)
    pred = np.array([v == "supported" for v in verdicts], dtype=int)
    pred3 = np.array([LABELS3.index(v) if v in LABELS3 else 2 for v in verdicts])
    return {"auroc": auroc(y, scores), "balanced_accuracy": balanced_accuracy(y, pred), "f1": f1(y, pred),
            "accuracy_3way": float((pred3 == y3).mean()),
            "balanced_accuracy_3way": float(np.mean([(pred3[y3 == c] == c).mean() for c in range(3)]))}


def run(matcher_name: str, rows: list[dict], store: MemoryStore | None, workers: int = 1) -> tuple[list[dict], dict]:
    with tempfile.TemporaryDirectory() as tmp:
        inp, out = Path(tmp) / "pairs.jsonl", Path(tmp) / "preds.jsonl"
        with inp.open("w", encoding="utf-8") as f:
            for row in rows:
                f.write(json.dumps(wice_pair(row), ensure_ascii=False) + "\n")
        # load the models once, outside the timed loop (workers load theirs at start:
        # their throughput is timed from the first finished pair on)
        t0 = time.perf_counter()
        matcher = load_matcher(matcher_name, store=store)
        if matcher_name == "default" and workers <= 1:
            from factcheck.match.embed import get_embedder
            from factcheck.match.gloss import gloss_table
            from factcheck.match.text import zh_words

            get_embedder()
            if any(has_cjk(row["claim"]) or has_cjk(row["source_text"][:200]) for row in rows):
                # the dictionaries a claim and a page in different languages need, once, and the table of
                # common words' vectors (read from the model cache; computed and written there the first time)
                zh_words("词典")
                gloss_table()
                get_embedder().common_words()
        load_s = time.perf_counter() - t0
        first: list[float] = []

        def progress(done: int) -> None:
            if done == 1:
                first.append(time.perf_counter())

        wall0, cpu0 = time.perf_counter(), time.process_time()
        n = run_batch(inp, out, matcher_name=matcher_name, store=store, progress=progress, workers=workers)
        wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
        preds = [json.loads(line) for line in out.open(encoding="utf-8")]
    del matcher
    info = {"pairs": n, "load_s": load_s, "wall_ms": 1000 * wall / n, "cpu_ms": 1000 * cpu / n,
            "pairs_per_s": n / wall, "pairs_per_cpu_s": n / cpu if cpu else float("nan")}
    if workers > 1 and first and n > 1:
        steady = time.perf_counter() - first[0]  # includes reading preds back: a slight underestimate
        info.update(startup_s=first[0] - wall0, pairs_per_s=(n - 1) / steady, wall_ms=1000 * steady / (n - 1))
    return preds, info


def evidence_hits(rows: list[dict], preds: list[dict]) -> float:
    """Share of supported pairs whose evidence includes an annotated supporting line."""
    hits = total = 0
    for row, pred in zip(rows, preds):
        if row["label"] != "supported" or not row["evidence"]:
            continue
        total += 1
        gold = set(row["evidence"])
        lines = {row["source_text"].count("\n", 0, e["start"]) for e in pred["evidence"]}
        hits += bool(lines & gold)
    return hits / total if total else float("nan")


def check_offsets(rows: list[dict], preds: list[dict]) -> int:
    bad = 0
    for row, pred in zip(rows, preds):
        for e in pred["evidence"]:
            bad += row["source_text"][e["start"]:e["end"]] != e["text"]
    return bad


def machine_speed() -> str:
    """How fast this machine runs the two kinds of work a pair costs, so that runs on different machines can
    be compared: the encoder's float32 matrix products (one BLAS thread, as the matcher runs them; a micro-batch
    of 230 pieces against one of its weight matrices) and plain Python steps (most of the rest)."""
    from factcheck.match.embed import blas_threads

    rng = np.random.default_rng(0)
    a = rng.random((230, 256), dtype=np.float32)
    b = rng.random((256, 2560), dtype=np.float32)
    with blas_threads():
        a @ b
        product_s = min(timeit.repeat(lambda: a @ b, number=4, repeat=5)) / 4
    gflops = 2 * a.shape[0] * a.shape[1] * b.shape[1] / product_s / 1e9
    steps = 1_000_000
    loop_s = min(timeit.repeat(f"for _ in range({steps}): pass", number=1, repeat=3))
    return (f"machine: float32 matrix products {gflops:.1f} GFLOPS on one BLAS thread; a Python loop step "
            f"{1e9 * loop_s / steps:.0f} ns (a slower machine lowers the speed numbers below)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--limit", type=int, default=0, help="first N pairs only (smoke runs)")
    ap.add_argument("--baseline", action="store_true", help="also run the lexical baseline")
    ap.add_argument("--no-cv", action="store_true", help="skip cross-validation")
    ap.add_argument("--workers", type=int, default=1, help="processes for the batch run (default 1)")
    ap.add_argument("--zh", action="store_true",
                    help=f"the WiCE claims in Chinese ({ZH_DATA.relative_to(ROOT)}) against their English pages")
    ap.add_argument("--en-on-zh", type=int, default=0, metavar="N",
                    help=f"the Chinese news claims in English ({EN_ON_ZH_DATA.relative_to(ROOT)}) on Chinese pages "
                         "of N passages each")
    args = ap.parse_args()
    if not args.data.exists():
        sys.exit(f"WiCE dev not found at {args.data}")
    rows = load_wice(args.data)
    if args.zh:
        rows = chinese_rows(rows, ZH_DATA)
    if args.en_on_zh:
        rows = english_on_chinese_rows(EN_ON_ZH_DATA, args.en_on_zh)
    if args.limit:
        rows = rows[: args.limit]
    y3 = labels3(rows)
    title = (f"Chinese news claims in English on Chinese pages of {args.en_on_zh} passages" if args.en_on_zh
             else f"WiCE dev{' in Chinese' if args.zh else ''}")
    print(f"{title}: {len(rows)} pairs ({', '.join(f'{n} {k}' for k, n in zip(LABELS3, np.bincount(y3, minlength=3)))})")
    try:
        load = open("/proc/loadavg").read().split()[0]
        print(f"load average at start: {load} (other processes on the machine slow the wall-clock numbers)")
    except OSError:
        pass
    print(machine_speed())

    if args.baseline:
        preds, speed = run("lexical", rows, None)
        m = binary_metrics(y3, [p["verdict"] for p in preds], np.array([p["score"] for p in preds]))
        print("\nlexical baseline (no fitting): " + ", ".join(f"{k}={v:.3f}" for k, v in m.items()))

    store = MemoryStore()
    preds, speed = run("default", rows, store, workers=args.workers)
    rss = maxrss_mb()
    child_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    scores = np.array([p["score"] for p in preds])
    verdicts = [p["verdict"] for p in preds]
    print(f"\ndefault matcher, batch run ({speed['pairs']} pairs, each a new source, {args.workers} process(es)):")
    if args.workers > 1:
        print(f"  worker start         {speed['startup_s']:.1f} s (spawn + model load, until the first verdict)")
        print(f"  time per pair        {speed['wall_ms']:.1f} ms wall after start")
        print(f"  throughput           {speed['pairs_per_s']:.1f} pairs/s wall after start")
        print(f"  peak memory (maxrss) {rss:.0f} MB parent + {args.workers} x {child_rss:.0f} MB workers "
              f"(at most {rss + args.workers * child_rss:.0f} MB together)")
    else:
        print(f"  model load           {speed['load_s']:.1f} s (once)")
        print(f"  time per pair        {speed['wall_ms']:.1f} ms wall, {speed['cpu_ms']:.1f} ms CPU")
        print(f"  throughput           {speed['pairs_per_s']:.1f} pairs/s wall, "
              f"{speed['pairs_per_cpu_s']:.1f} pairs per CPU-second")
        print(f"  peak memory (maxrss) {rss:.0f} MB")
    print(f"  vector cache writes  {store.puts}")
    print(f"  evidence offsets     {check_offsets(rows, preds)} bad slices")
    print(f"  evidence hit rate    {evidence_hits(rows, preds):.3f} (supported pairs whose evidence includes an annotated line)")
    counts = {v: verdicts.count(v) for v in sorted(set(verdicts))}
    print(f"  verdicts             {counts}")

    if not args.no_cv:
        print("\nIn-set CV and leave-one-set-out over every dev set: "
              "PYTHONPATH=. python bench/evaluate.py --system fit_matcher:system")

    ins = binary_metrics(y3, verdicts, scores)
    print("\nshipped model, IN-SAMPLE on dev (weights were fitted on all of dev; optimistic):")
    for key, value in ins.items():
        print(f"  {key:18s} {value:.3f}")


if __name__ == "__main__":
    main()
