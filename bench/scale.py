"""How ``factcheck run`` grows with the number of sources and claims, and what a re-check costs.

    python bench/scale.py --sizes 500,1000,2000,5000 [--claims-per-source 1] [--matcher lexical]
                          [--workers 1 --executor local] [--steps run1,run2,links1,links2]
                          [--page-kb 5]

For each N it starts bench/server.py's site with N pages (mostly 200, some
301, 404 and slow), writes a claims file of N x K claims (K =
``--claims-per-source``; claim i cites page i mod N), and in a fresh cache
runs, one after the other:

  run 1      factcheck run claims.yaml           (first run: fetch, archive, extract, match)
  run 2      factcheck run claims.yaml           (same cache, pages unchanged: 304s, cached verdicts)
  links 1    factcheck links --archive claims.yaml   (cache of its own: every page 200)
  links 2    factcheck links --archive claims.yaml   (conditional requests: unchanged pages 304)

and prints wall time, CPU seconds (user + sys of the process and its workers,
from wait4), CPU per source beyond a one-source run's (so start-up and the
model load are not spread over the sources), peak memory (max RSS of the main
process), sources/s and the 304s the server sent; then the growth of run 1 per
step of N. ``--matcher lexical`` (the default here) keeps matching cheap, so
CPU per source is mostly what is spent outside matching (response handling,
extraction, archiving); ``--matcher default`` adds the sentence-embedding
matcher. The machine may be shared: CPU seconds are the steadier number.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from links import factcheck_env, run_measured  # noqa: E402
from server import BenchSite  # noqa: E402

CLI = [sys.executable, "-c", "from factcheck.cli import main; main()"]
STEPS = ("run1", "run2", "links1", "links2")


@dataclass
class Row:
    step: str
    wall: float
    cpu: float
    rss_mb: float
    exit_code: int
    not_modified: int


def write_claims(path: Path, urls: list[str], per_source: int) -> int:
    lines = ["title: Scale benchmark", "claims:"]
    count = len(urls) * per_source
    for i in range(count):
        lines += [f"  - id: c{i}", f"    text: Musk and Altman co-founded OpenAI in December 2015 as a nonprofit ({i}).",
                  f"    sources: [{urls[i % len(urls)]}]"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return count


def commands(args: argparse.Namespace) -> dict[str, list[str]]:
    extra = ["--matcher", args.matcher, "--workers", str(args.workers), "--executor", args.executor]
    run = [*CLI, "run", "--exit-zero", "--cache", "cache", *extra, "claims.yaml"]
    links = [*CLI, "links", "--archive", "--cache", "links-cache", "--json", "claims.yaml"]
    return {"run1": run, "run2": run, "links1": links, "links2": links}


def measure(n: int, args: argparse.Namespace, steps: list[str]) -> tuple[list[Row], int]:
    site = BenchSite(n, slow_delay=args.slow_delay, page_kb=args.page_kb).start()
    work = Path(tempfile.mkdtemp(prefix="factcheck-scale-"))
    env = factcheck_env()
    env.update(FACTCHECK_CONCURRENCY=str(args.concurrency), FACTCHECK_PER_HOST=str(args.concurrency))
    claims = write_claims(work / "claims.yaml", site.urls(), args.claims_per_source)
    rows = []
    try:
        for step in steps:
            before = site.not_modified
            wall, rss, code, _, cpu = run_measured(commands(args)[step], env=env, cwd=str(work))
            rows.append(Row(step, wall, cpu, rss, code, site.not_modified - before))
    finally:
        site.stop()
        shutil.rmtree(work, ignore_errors=True)
    return rows, claims


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="500,1000,2000")
    parser.add_argument("--claims-per-source", type=int, default=1)
    parser.add_argument("--matcher", default="lexical")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--executor", default="local")
    parser.add_argument("--steps", default=",".join(STEPS))
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--slow-delay", type=float, default=0.5)
    parser.add_argument("--page-kb", type=float, default=5.0, help="size of each page (real news pages: ~160)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    steps = args.steps.split(",")
    print(f"factcheck run / links --archive on N local pages, {args.claims_per_source} claim(s) per source; "
          f"matcher {args.matcher}; {args.workers} worker(s) on {args.executor}; concurrency {args.concurrency}; "
          f"{args.page_kb:g} KB pages; "
          f"{os.cpu_count()} CPUs")
    base, _ = measure(1, args, [s for s in steps if s in ("run1", "links1")])
    start = {row.step: row.cpu for row in base}
    print("one-source run (start-up, model load): " + ", ".join(f"{r.step} {r.cpu:.2f} CPU s" for r in base))
    print(f"{'N':>6} {'claims':>7} {'step':<7} {'wall s':>7} {'CPU s':>7} {'CPU ms/src':>10} {'peak MB':>8} "
          f"{'src/s':>7} {'304s':>6} {'exit':>5}")
    first: dict[int, Row] = {}
    for n in sizes:
        rows, claims = measure(n, args, steps)
        for r in rows:
            per = (r.cpu - start.get(r.step.replace("2", "1"), 0.0)) / n * 1000
            print(f"{n:>6} {claims:>7} {r.step:<7} {r.wall:>7.2f} {r.cpu:>7.2f} {per:>10.2f} {r.rss_mb:>8.1f} "
                  f"{n / r.wall:>7.1f} {r.not_modified:>6} {r.exit_code:>5}")
            if r.step == "run1":
                first[n] = r
    for a, b in zip(sizes, sizes[1:]):
        if a in first and b in first:
            print(f"run 1: N x{b / a:g} -> wall x{first[b].wall / first[a].wall:.2f}, "
                  f"CPU x{first[b].cpu / first[a].cpu:.2f}, peak memory x{first[b].rss_mb / first[a].rss_mb:.2f}")


if __name__ == "__main__":
    main()
