"""What big pages cost the default matcher: several pages in a row, re-checked, and one page's index.

    python bench/big_pages.py [--pages 4] [--chars 1080000] [--language zh|en]

Each page is ``--chars`` characters of the dev sources' paragraphs in a random
order (``zh``: the Chinese news, bench/data/zh/zh_native.jsonl; ``en``: WiCE
dev's cited pages), each paragraph ending in a random serial number so that no
two pages share their text; each page's claim is one of the set's claims.

It matches a claim against each page in turn with one ``DefaultMatcher`` whose
vector store is an archive in a temporary directory, as a run's is, and prints
the process's peak memory (maxrss) after each, how many indexes the matcher
keeps and the size of the page's vectors in the archive; then a second
matcher does the same with the same archive, as a re-check does, reading each
page's vectors back from it; last, the memory one page's index holds
(``retrieve.build_index``, tracemalloc). A matcher that kept every page's
index would grow by its size per page; the pipeline matches one source at a
time, so nothing but ``factcheck match`` and re-check gain from keeping them.
A fetched body may be 10 MB, so pages this big can reach the matcher. No
network; the first match loads the sentence encoder (about 300 MB).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from factcheck.archive import Archive  # noqa: E402
from factcheck.extract import document_from_text  # noqa: E402
from factcheck.match.default import DefaultMatcher  # noqa: E402
from factcheck.match.embed import MODEL_ID  # noqa: E402
from factcheck.match.retrieve import build_index  # noqa: E402
from factcheck.models import Claim, SourceRef  # noqa: E402

DATA = {"zh": Path(__file__).resolve().parent / "data" / "zh" / "zh_native.jsonl",
        "en": Path(__file__).resolve().parent / "data" / "wice" / "dev.jsonl"}
SERIAL = {"zh": "第{}号。", "en": " Item {}."}


def page(paragraphs: list[str], chars: int, seed: int, serial: str = SERIAL["zh"]) -> str:
    rnd, out, size = random.Random(seed), [], 0
    while size < chars:
        p = rnd.choice(paragraphs) + serial.format(rnd.randint(1, 10**6))
        out.append(p)
        size += len(p) + 1
    return "\n".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=4)
    ap.add_argument("--chars", type=int, default=1_080_000)
    ap.add_argument("--language", choices=sorted(DATA), default="zh")
    args = ap.parse_args()
    rows = [json.loads(line) for line in DATA[args.language].read_text(encoding="utf-8").splitlines() if line.strip()]
    paragraphs = [p for r in rows for p in r["source_text"].split("\n") if p.strip()]
    serial = SERIAL[args.language]

    docs = [document_from_text(f"https://e.org/{k}", page(paragraphs, args.chars, k, serial))
            for k in range(args.pages)]
    with tempfile.TemporaryDirectory() as tmp, Archive(tmp) as archive:
        for run in ("first run", "re-check"):
            matcher = DefaultMatcher(store=archive)
            for k, doc in enumerate(docs):
                claim = Claim(id=f"c{k}", text=rows[k % len(rows)]["claim"], sources=(SourceRef(doc.url),))
                t = time.perf_counter()
                verdict = matcher.match(claim, doc)
                stored = archive.get_vectors(doc.sha256, MODEL_ID)
                print(f"{run}, page {k + 1}: matched in {time.perf_counter() - t:.1f} s ({verdict.verdict}); "
                      f"peak {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB; indexes kept "
                      f"{len(matcher._index)}; vectors stored {len(stored[0]) / 1e6 if stored else 0:.2f} MB",
                      flush=True)
            del matcher

    # last, so that tracemalloc's own bookkeeping does not add to the peaks above
    text = docs[0].text
    tracemalloc.start()
    idx = build_index(document_from_text("https://e.org/0", text))
    held, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"one page of {len(text):,} characters, {idx.n:,} sentences: index {held / 1e6:.0f} MB "
          f"(peak while built {peak / 1e6:.0f} MB)")


if __name__ == "__main__":
    main()
