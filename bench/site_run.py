"""Time `factcheck run` end to end against the local test site.

Serves tests/sites/ from 127.0.0.1, writes a claims file pointing at it, runs
the real CLI in a subprocess (cold: fresh cache; warm: second run on the same
cache) and prints the wall time and the CLI's summary.

    python bench/site_run.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from siteserver import SiteServer  # noqa: E402

# Only the local site: never the real Wayback Machine (a dead source would otherwise be looked up there).
ENV = {**{k: v for k, v in os.environ.items() if not k.startswith("FACTCHECK_")}, "FACTCHECK_WAYBACK": "0"}

CLAIMS = """title: Test site
sources:
  article: {article}
  garden: {garden}
  gone: {gone}
claims:
  - id: cofounded-2015
    text: Elon Musk and Sam Altman co-founded OpenAI in 2015 as a nonprofit.
    sources: [article]
  - id: bid-974
    text: "In February 2025 Musk offered $97.4 billion to buy OpenAI, and the board rejected the offer."
    sources: [article]
  - id: garden
    text: Musk personally planted a vegetable garden at the OpenAI office in 2016.
    sources: [garden]
  - id: via-dead-link
    text: Musk left the board of OpenAI in 2018.
    sources: [gone]
"""


def main() -> None:
    server = SiteServer().start()
    try:
        urls = {
            "article": server.page_file("/news/openai-history", "article.html"),
            "garden": server.page_file("/home/garden-tips", "unrelated.html"),
            "gone": server.url("/news/removed-story"),
        }
        with tempfile.TemporaryDirectory() as tmp:
            (Path(tmp) / "claims.yaml").write_text(CLAIMS.format(**urls), encoding="utf-8")
            for label in ("cold", "warm"):
                t0 = time.perf_counter()
                done = subprocess.run([sys.executable, "-m", "factcheck", "run", "claims.yaml", "--allow-private"],
                                      cwd=tmp, capture_output=True, text=True, env=ENV)  # the site is on 127.0.0.1
                elapsed = time.perf_counter() - t0
                print(f"{label} run: {elapsed:.2f} s wall (exit {done.returncode})")
                print(done.stdout.rstrip())
                if done.stderr.strip():
                    print(done.stderr.rstrip())
    finally:
        server.stop()


if __name__ == "__main__":
    main()
