"""How ``factcheck run`` grows with the number of sources, and what a re-check costs.

    python bench/scale.py --sizes 500,1000,2000 --concurrency 16

For each N it starts bench/server.py's site with N pages (mostly 200, some
301, 404 and slow), writes a claims file of N claims each citing one page,
and in a fresh cache runs, one after the other:

  run 1      factcheck run claims.yaml           (first run: fetch, archive, extract, match)
  run 2      factcheck run claims.yaml           (same cache, pages unchanged)
  links 1    factcheck links --archive claims.yaml   (cache of its own: every page 200)
  links 2    factcheck links --archive claims.yaml   (conditional requests: unchanged pages 304)

and prints wall time, peak memory (max RSS, from wait4), sources/s and the
304s the server sent, then the growth of run 1 per doubling of N and the
speed-up of each re-check over its first pass.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from links import factcheck_env, run_measured  # noqa: E402
from server import BenchSite  # noqa: E402

CLI = [sys.executable, "-c", "from factcheck.cli import main; main()"]


def write_claims(path: Path, urls: list[str]) -> None:
    lines = ["title: Scale benchmark", "claims:"]
    for i, url in enumerate(urls):
        lines += [f"  - id: c{i}", "    text: Musk and Altman co-founded OpenAI in December 2015 as a nonprofit.",
                  f"    sources: [{url}]"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def measure(n: int, concurrency: int, slow_delay: float) -> list[tuple[str, float, float, int, int]]:
    site = BenchSite(n, slow_delay=slow_delay).start()
    work = Path(tempfile.mkdtemp(prefix="factcheck-scale-"))
    env = factcheck_env()
    env.update(FACTCHECK_CONCURRENCY=str(concurrency), FACTCHECK_PER_HOST=str(concurrency))
    write_claims(work / "claims.yaml", site.urls())
    steps = [
        ("run 1", [*CLI, "run", "--exit-zero", "--cache", "cache", "claims.yaml"]),
        ("run 2", [*CLI, "run", "--exit-zero", "--cache", "cache", "claims.yaml"]),
        ("links 1", [*CLI, "links", "--archive", "--cache", "links-cache", "--json", "claims.yaml"]),
        ("links 2", [*CLI, "links", "--archive", "--cache", "links-cache", "--json", "claims.yaml"]),
    ]
    rows = []
    try:
        for name, cmd in steps:
            before = site.not_modified
            wall, rss, code, _, _ = run_measured(cmd, env=env, cwd=str(work))
            rows.append((name, wall, rss, code, site.not_modified - before))
    finally:
        site.stop()
        shutil.rmtree(work, ignore_errors=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="500,1000,2000")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--slow-delay", type=float, default=0.5)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"factcheck run / links --archive on N local pages; concurrency {args.concurrency}; {os.cpu_count()} CPUs")
    print(f"{'N':>6} {'step':<8} {'wall s':>8} {'sources/s':>10} {'peak MB':>8} {'304s':>6} {'exit':>5}")
    first: dict[int, dict[str, float]] = {}
    for n in sizes:
        rows = measure(n, args.concurrency, args.slow_delay)
        first[n] = {name: wall for name, wall, *_ in rows}
        for name, wall, rss, code, not_modified in rows:
            print(f"{n:>6} {name:<8} {wall:>8.2f} {n / wall:>10.1f} {rss:>8.1f} {not_modified:>6} {code:>5}")
    print()
    for a, b in zip(sizes, sizes[1:]):
        print(f"run 1: N x{b / a:g} -> time x{first[b]['run 1'] / first[a]['run 1']:.2f}")
    for n in sizes:
        t = first[n]
        print(f"N={n}: run 2 is {t['run 1'] / t['run 2']:.2f}x faster than run 1; "
              f"links re-check (304s) is {t['links 1'] / t['links 2']:.2f}x faster than its first pass")


if __name__ == "__main__":
    main()
