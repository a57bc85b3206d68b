"""How many keys it takes to review the 46 feud claims, in a real terminal (a pty).

    python bench/review_keys.py

claims/feud.yaml is run against local stand-in pages (tests/test_feud.py: two
English paraphrase pages on 127.0.0.1, five sources answering 404). Then
`factcheck review` runs in a pseudo-terminal, as a person would use it, and this
script types the keys: `c` (confirm) for each claim, except a note (`n`, text,
Enter) and a changed verdict on the first two claims shown. It reports the
claims queued, the keys typed, and the exit codes of the runs before and after
the review; then one stand-in page changes and it reports which claims come back.
"""

from __future__ import annotations

import os
import pty
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from siteserver import SiteServer  # noqa: E402
from test_feud import SITES, local_feud  # noqa: E402

CLI = [sys.executable, "-c", "from factcheck.cli import main; main()"]


def run(workdir: Path, env: dict) -> int:
    return subprocess.run([*CLI, "run", "feud.yaml"], cwd=workdir, env=env, capture_output=True).returncode


def review_in_a_pty(workdir: Path, env: dict, plan) -> tuple[int, int, str]:
    """Type keys into `factcheck review` as prompts appear; ``plan(position)`` gives the keys."""
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(workdir)
        os.execvpe(CLI[0], [*CLI, "review", "feud.yaml", "--reviewer", "Bench"], env)
    output, keys, shown = b"", 0, 0
    deadline = time.monotonic() + float(os.environ.get("BENCH_SESSION_SECONDS", "300"))
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            output += chunk
        text = output.decode("utf-8", "replace")
        prompts = len(re.findall(r"· s skip · q quit", text))
        if prompts > shown and text.rstrip().endswith("q quit"):
            shown = prompts
            time.sleep(0.3)  # a person reads first; typing before the terminal is in raw mode would echo
            for key in plan(shown):
                os.write(fd, key.encode())
                keys += 1  # a note's text counts as one key press (its Enter)
                time.sleep(0.3)
    if os.environ.get("BENCH_DEBUG"):
        print(repr(output[-400:]), file=sys.stderr)
    os.kill(pid, 9) if time.monotonic() >= deadline else None
    _, status = os.waitpid(pid, 0)
    return keys, shown, output.decode("utf-8", "replace")


def main() -> None:
    workdir = Path(tempfile.mkdtemp(prefix="factcheck-review-bench-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("FACTCHECK_")}
    env.update({"FACTCHECK_WAYBACK": "0", "FACTCHECK_BACKOFF": "0.01", "PAGER": "", "TERM": "dumb"})
    site = SiteServer().start()
    try:
        local_feud(site, workdir)
        before = run(workdir, env)

        def plan(position: int) -> list[str]:
            if position == 1:
                return ["n", "the Guardian piece says so\r", "1"]  # note + set supported
            if position == 2:
                return ["3"]  # set: not supported
            return ["c"]

        keys, shown, out = review_in_a_pty(workdir, env, plan)
        summary = re.search(r"(\d+) decided, (\d+) skipped, (\d+) still need a person; (\d+) keys", out)
        after = run(workdir, env)
        again_keys, again_shown, _ = review_in_a_pty(workdir, env, lambda p: ["c"])
        # a stand-in page changes: the claims citing it come back
        page = (SITES / "lawsuit.html").read_text(encoding="utf-8").replace("trade secrets", "business secrets")
        site.add("/guardian/story", page)
        changed = run(workdir, env)
        back_keys, back_shown, back_out = review_in_a_pty(workdir, env, lambda p: ["c"])
        settled = run(workdir, env)
    finally:
        site.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"run before review: exit {before}")
    print(f"review: {shown} claims shown, {keys} keys typed (a note's text and Enter count as 1 key); "
          f"the command said: {summary.group(0) if summary else out[-300:]}")
    print(f"run after review: exit {after}; a second review session shows {again_shown} claims")
    print(f"guardian stand-in page edited: run exit {changed}; {back_shown} claims come back for review "
          f"({back_keys} keys); run after that review: exit {settled}")


if __name__ == "__main__":
    main()
