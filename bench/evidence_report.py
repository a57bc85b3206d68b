"""Evidence a person can read: quotes, fragments and scores of a real run on the local test site.

Serves the feud stand-in pages (tests/sites/feud/) on 127.0.0.1 as test_feud
does, runs ``factcheck run`` on claims/feud.yaml (46 Chinese claims, English
sources; five sources answer 404) with the chosen matcher, and prints:

- the units of every HTML page of tests/sites/ (length, glued words, offsets,
  fragment misses, as bench/extraction.py counts them);
- the length of the evidence quotes (median, p90, max; how many over 400);
- offset check: quotes that do not slice out of the text they were made on;
- fragment misses: quotes whose ``#:~:text=`` link would not find them on the
  served page (matched as bench/extraction.py matches);
- claims whose displayed score is on the other side of 0.5 from their verdict;
- the top of the Markdown report.

    python bench/evidence_report.py [--matcher default|lexical] [--lines 60]

Runs against whichever factcheck is importable (so it measured the code before
the change too).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))
from extraction import WORD, fragment_hits, glued_words, page_blocks, percentile  # noqa: E402
from siteserver import SiteServer  # noqa: E402

from factcheck.extract import decode, extract  # noqa: E402
from factcheck.models import Fetch  # noqa: E402
from factcheck.report import text_fragment_url  # noqa: E402

PAGES = {"builtin": "history.html", "guardian": "lawsuit.html"}


def write_claims(server: SiteServer, workdir: Path) -> Path:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    data = yaml.load((ROOT / "claims" / "feud.yaml").read_text(encoding="utf-8"))
    for sid, source in data["sources"].items():
        if sid in PAGES:
            source["url"] = server.add(f"/{sid}/story", (ROOT / "tests" / "sites" / "feud" / PAGES[sid]).read_bytes())
        else:
            source["url"] = server.url(f"/{sid}/gone")
    data.pop("article", None)
    out = workdir / "feud.yaml"
    with out.open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle)
    return out


def site_units() -> str:
    """Units of every HTML page of the local test site (tests/sites/)."""
    lengths, glued, bad, fragments, misses = [], 0, 0, 0, 0
    for path in sorted((ROOT / "tests" / "sites").rglob("*.html")):
        body = path.read_bytes()
        doc = extract(Fetch(url="http://x/", status="ok", reason="", tag="", fetched_at="", content_type="text/html",
                            body=body))
        if doc is None:
            continue
        blocks = page_blocks(decode(body, "text/html"))
        glued += glued_words(doc.text, blocks)
        for unit in doc.sentences:
            lengths.append(len(unit.text))
            bad += doc.text[unit.start:unit.end] != unit.text
            if len(WORD.findall(unit.text)) >= 2:
                fragments += 1
                misses += not fragment_hits(text_fragment_url("http://x/", unit.text), blocks)
    return (f"test site units: {len(lengths)}; length median {statistics.median(lengths):.0f}, "
            f"p90 {percentile(lengths, 0.9)}, max {max(lengths)}, over 400: {sum(1 for n in lengths if n > 400)}; "
            f"glued words {glued}; bad offsets {bad}; fragment misses {misses}/{fragments}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--matcher", default="default")
    parser.add_argument("--lines", type=int, default=60, help="lines of the Markdown report to print")
    args = parser.parse_args()
    server = SiteServer().start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            claims = write_claims(server, work)
            env = {k: v for k, v in os.environ.items() if not k.startswith("FACTCHECK_")}
            env.update(FACTCHECK_WAYBACK="0", FACTCHECK_MATCHER=args.matcher, FACTCHECK_ALLOW_PRIVATE="1")
            done = subprocess.run([sys.executable, "-m", "factcheck", "run", str(claims)], cwd=work, env=env,
                                  capture_output=True, text=True)
            print(f"factcheck run: exit {done.returncode}")
            if done.returncode not in (0, 1):
                print(done.stderr)
            report = json.loads((work / "reports" / "feud.json").read_text(encoding="utf-8"))
            markdown = (work / "reports" / "feud.md").read_text(encoding="utf-8")
    finally:
        server.stop()
    texts, blocks = {}, {}
    for sid, name in PAGES.items():
        body = (ROOT / "tests" / "sites" / "feud" / name).read_bytes()
        fetch = Fetch(url="http://x/", status="ok", reason="", tag="", fetched_at="", content_type="text/html",
                      body=body)
        doc = extract(fetch)
        texts[sid] = doc.text if doc else ""
        blocks[sid] = page_blocks(decode(body, "text/html"))
    lengths, bad_offsets, fragments, misses, disagree = [], 0, 0, 0, 0
    for claim in report["claims"]:
        disagree += (claim["verdict"] == "supported") != (claim["score"] >= 0.5)
        for source in claim["sources"]:
            sid = next((s for s in PAGES if f"/{s}/" in source["url"]), None)
            for ev in source["evidence"]:
                lengths.append(len(ev["text"]))
                if sid is None:
                    continue
                bad_offsets += texts[sid][ev["start"]:ev["end"]] != ev["text"]
                fragments += 1
                misses += not fragment_hits(text_fragment_url("http://x/", ev["text"]), blocks[sid])
    print(site_units())
    print(f"claims: {len(report['claims'])}; verdicts: {report['summary']}")
    print(f"evidence quotes: {len(lengths)}; length median {statistics.median(lengths):.0f}, "
          f"p90 {percentile(lengths, 0.9)}, max {max(lengths)}, over 400: {sum(1 for n in lengths if n > 400)}")
    print(f"quotes not slicing out of the text: {bad_offsets}; fragment misses: {misses}/{fragments}")
    print(f"claims whose score is on the other side of 0.5 from their verdict: {disagree}")
    print()
    print("\n".join(markdown.splitlines()[: args.lines]))


if __name__ == "__main__":
    main()
