"""Time ``factcheck links`` against linkchecker and linkinator on the same links.

    python bench/links.py --links 1000 --concurrency 16 [--repeat 3]
                          [--no-keep-alive] [--page-kb 5] [--latency slow5|spread]

Starts bench/server.py's site on 127.0.0.1 (N pages: mostly 200, some 301,
404 and slow; the server's connection handling, page size and latency mix
are options, so the comparison is not tuned to one server), writes its index
page (a link to every page) to a local file, and runs each tool on that same
file, round-robin, with the same concurrency:

  factcheck links INDEX --concurrency C --per-host C
  linkchecker --check-extern -r 1 --threads C INDEX
  linkinator INDEX --concurrency C

For each it prints the median wall time, pages/s (links / wall), CPU seconds
(user + sys of the process and its children, from wait4), peak memory (max
RSS), the links it called broken and the requests the server saw; then the
ratio of each tool's time to factcheck's and to the floor (the least time any
client needs with C requests in flight, from the server-side delays; see
server.lower_bound).

The peers are never dependencies: linkchecker is looked for on PATH, then in
.bench-tools/linkchecker-venv (``python3 -m venv .bench-tools/linkchecker-venv
&& .bench-tools/linkchecker-venv/bin/pip install linkchecker``); linkinator on
PATH, then in .bench-tools/node_modules/.bin (``npm install --prefix
.bench-tools linkinator``). A tool that is not installed is skipped with a note.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from server import LATENCIES, BenchSite, kind  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Measure:
    tool: str
    wall: float
    max_rss_mb: float
    exit_code: int
    broken: int | None
    requests: int
    note: str = ""
    cpu: float = 0.0
    walls: tuple[float, ...] = ()
    in_flight: int = 0  # most requests the server saw at once
    server_cpu: float = 0.0  # CPU seconds the bench site (threads of this process) spent answering


def run_measured(cmd: list[str], env: dict[str, str] | None = None,
                 cwd: str | None = None) -> tuple[float, float, int, str, float]:
    """Wall seconds, peak RSS in MB, exit code, stdout and CPU seconds (user + sys) of one command.

    Peak RSS comes from /usr/bin/time when it exists: the rusage of a child forked from this
    process would count this process's own RSS (a fork copies it before the exec), which here
    holds the whole bench site."""
    out = tempfile.TemporaryFile()
    peak = tempfile.NamedTemporaryFile(suffix=".rss")
    timer = ["/usr/bin/time", "-f", "%M", "-o", peak.name] if os.path.exists("/usr/bin/time") else []
    start = time.perf_counter()
    child = subprocess.Popen(timer + cmd, stdout=out, stderr=subprocess.DEVNULL, env=env, cwd=cwd)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    out.seek(0)
    rss_mb = usage.ru_maxrss / 1024
    if timer:
        lines = Path(peak.name).read_text().split()
        rss_mb = int(lines[-1]) / 1024 if lines and lines[-1].isdigit() else rss_mb
    peak.close()
    return (wall, rss_mb, child.returncode, out.read().decode("utf-8", "replace"),
            usage.ru_utime + usage.ru_stime)


def linkchecker_bin() -> str | None:
    local = ROOT / ".bench-tools" / "linkchecker-venv" / "bin" / "linkchecker"
    return shutil.which("linkchecker") or (str(local) if local.exists() else None)


def linkinator_bin() -> str | None:
    local = ROOT / ".bench-tools" / "node_modules" / ".bin" / "linkinator"
    return shutil.which("linkinator") or (str(local) if local.exists() else None)


def factcheck_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FACTCHECK_")}
    env["PYTHONPATH"] = str(ROOT)
    env["FACTCHECK_ALLOW_PRIVATE"] = "1"  # the bench site is on 127.0.0.1, which is refused by default
    env["FACTCHECK_WAYBACK"] = "0"  # never the real Wayback Machine for the bench site's dead pages
    return env


def bench(links: int, concurrency: int, slow_delay: float, timeout: float, tools: list[str],
          repeat: int = 1, site: BenchSite | None = None) -> list[Measure]:
    site = (site or BenchSite(links, slow_delay=slow_delay)).start()
    workdir = tempfile.mkdtemp(prefix="factcheck-bench-")
    os.chmod(workdir, 0o755)  # linkchecker drops root privileges to 'nobody'
    index = Path(workdir) / "index.html"
    index.write_bytes(site.index())
    os.chmod(index, 0o644)
    # linkchecker waits 0.1-0.6 s between requests to one host unless the host sends a "LinkChecker"
    # header (the bench server does) and maxrequestspersecond is raised: lift it, as factcheck has none.
    rc = Path(workdir) / "linkcheckerrc"
    rc.write_text("[checking]\nmaxrequestspersecond=100000\n")
    os.chmod(rc, 0o644)
    c = str(concurrency)
    commands: dict[str, list[str] | None] = {
        "factcheck": [sys.executable, "-c", "from factcheck.cli import main; main()", "links", "--json",
                      "--concurrency", c, "--per-host", c, "--timeout", str(timeout), str(index)],
        "linkchecker": ([linkchecker_bin(), "-f", str(rc), "--check-extern", "-r", "1", "--threads", c,
                         "--timeout", str(int(timeout)), "--no-warnings", "-o", "csv", str(index)]
                        if linkchecker_bin() else None),
        "linkinator": ([linkinator_bin(), str(index), "--concurrency", c, "--timeout", str(int(timeout * 1000)),
                        "--format", "json"] if linkinator_bin() else None),
    }
    runs: dict[str, list[Measure]] = {tool: [] for tool in tools}
    try:
        for _ in range(repeat):  # round-robin, so a busy moment on the machine hits every tool alike
            for tool in tools:
                cmd = commands[tool]
                if cmd is None:
                    continue
                before = site.hits
                site.max_in_flight = 0
                served = time.process_time()  # this process only waits meanwhile: its CPU is the site's
                wall, rss, code, out, cpu = run_measured(cmd, env=factcheck_env() if tool == "factcheck" else None,
                                                    cwd=workdir)
                served = time.process_time() - served
                runs[tool].append(Measure(tool, wall, rss, code, count_broken(tool, out), site.hits - before,
                                          cpu=cpu, in_flight=site.max_in_flight, server_cpu=served))
    finally:
        site.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    results = []
    for tool in tools:
        if not runs[tool]:
            results.append(Measure(tool, 0, 0, -1, None, 0, "not installed: skipped"))
            continue
        walls = sorted(m.wall for m in runs[tool])
        last = runs[tool][-1]
        results.append(Measure(tool, walls[len(walls) // 2], max(m.max_rss_mb for m in runs[tool]),
                               last.exit_code, last.broken, last.requests, walls=tuple(walls),
                               cpu=sorted(m.cpu for m in runs[tool])[len(walls) // 2],
                               in_flight=max(m.in_flight for m in runs[tool]),
                               server_cpu=sorted(m.server_cpu for m in runs[tool])[len(walls) // 2]))
    return results


def count_broken(tool: str, out: str) -> int | None:
    try:
        if tool == "factcheck":
            return sum(1 for link in json.loads(out)["links"] if link["status"] in ("dead", "soft_404"))
        if tool == "linkinator":
            return sum(1 for link in json.loads(out)["links"] if link["state"] == "BROKEN")
        if tool == "linkchecker":  # csv: ...;valid;... with a "True"/"False" column
            rows = [line for line in out.splitlines() if line and not line.startswith("#")]
            header = rows[0].split(";")
            col = header.index("valid")
            return sum(1 for row in rows[1:] if row.split(";")[col] == "False")
    except (ValueError, KeyError, IndexError):
        return None
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--links", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--slow-delay", type=float, default=0.5)
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--tools", default="factcheck,linkchecker,linkinator")
    parser.add_argument("--repeat", type=int, default=3, help="runs per tool; the median wall time is shown")
    parser.add_argument("--no-keep-alive", action="store_true", help="the server closes every connection")
    parser.add_argument("--page-kb", type=float, default=5.0, help="size of each page")
    parser.add_argument("--latency", choices=LATENCIES, default="slow5", help="server-side delay mix")
    args = parser.parse_args()
    tools = args.tools.split(",")
    site = BenchSite(args.links, slow_delay=args.slow_delay, keep_alive=not args.no_keep_alive,
                     page_kb=args.page_kb, latency=args.latency)
    floor = site.floor(args.concurrency)
    expected = sum(1 for i in range(args.links) if kind(i) == "404")
    print(f"{args.links} links on 127.0.0.1 ({expected} are 404, {args.links // 20} redirect, "
          f"{args.links // 20} slow at {args.slow_delay:g} s; {site.describe()}); concurrency {args.concurrency}; "
          f"{os.cpu_count()} CPUs; median of {args.repeat} run(s) per tool; floor {floor:.2f} s")
    results = bench(args.links, args.concurrency, args.slow_delay, args.timeout, tools, args.repeat, site)
    print(f"{'tool':<12} {'wall s':>8} {'pages/s':>9} {'cpu s':>6} {'peak MB':>8} {'broken':>7} {'requests':>9} "
          f"{'in flight':>9} {'site cpu':>8} {'exit':>5}  {'vs floor':>8}  time vs factcheck")
    base = next((r.wall for r in results if r.tool == "factcheck" and r.wall), None)
    for r in results:
        if r.note:
            print(f"{r.tool:<12} {r.note}")
            continue
        ratio = f"{r.wall / base:.2f}x" if base else "-"
        print(f"{r.tool:<12} {r.wall:>8.2f} {args.links / r.wall:>9.1f} {r.cpu:>6.2f} {r.max_rss_mb:>8.1f} "
              f"{r.broken if r.broken is not None else '?':>7} {r.requests:>9} {r.in_flight:>9} {r.server_cpu:>8.2f} {r.exit_code:>5}  "
              f"{r.wall / floor:>7.2f}x  {ratio}   (runs: {', '.join(f'{w:.2f}' for w in r.walls)})")


if __name__ == "__main__":
    main()
