"""Validate bench/data/zh/wice_zh.jsonl against WiCE dev (stdlib only).

Usage: python3 bench/data/zh/check.py [path/to/wice_zh.jsonl]

Checks every line: valid JSON object, required fields present and non-empty strings, `id` is
"wicezh-<wice_id>" and unique, `wice_id` exists in ../wice/dev.jsonl, `label` and `label_fine`
equal WiCE's label, `claim_en` equals WiCE's claim, `claim_context` equals WiCE's context,
`claim` contains CJK characters. Prints the count per label. Exit code 0 when every line passes,
1 when any line has a problem (each problem is printed as file:line: message), 2 when a file
cannot be read.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
WICE_DEV = HERE.parent / "wice" / "dev.jsonl"
DEFAULT = HERE / "wice_zh.jsonl"
REQUIRED = ("id", "wice_id", "claim", "claim_en", "label", "label_fine", "claim_context",
            "translator")
MAY_BE_EMPTY = {"claim_context"}
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def load_wice(path: Path) -> dict[str, dict]:
    rows: dict[str, dict] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                row = json.loads(line)
                rows[row["id"]] = row
    return rows


def check_row(row: object, wice: dict[str, dict], seen: set[str]) -> list[str]:
    if not isinstance(row, dict):
        return ["not a JSON object"]
    problems = []
    for field in REQUIRED:
        value = row.get(field)
        if not isinstance(value, str) or (not value and field not in MAY_BE_EMPTY):
            problems.append(f"field {field!r} missing, empty or not a string")
    if problems:
        return problems
    wid = row["wice_id"]
    if row["id"] != f"wicezh-{wid}":
        problems.append(f"id {row['id']!r} should be 'wicezh-{wid}'")
    if row["id"] in seen:
        problems.append(f"duplicate id {row['id']!r}")
    seen.add(row["id"])
    source = wice.get(wid)
    if source is None:
        return problems + [f"wice_id {wid!r} not found in {WICE_DEV}"]
    for field, wice_field in (("label", "label"), ("label_fine", "label"),
                              ("claim_en", "claim"), ("claim_context", "claim_context")):
        if row[field] != source[wice_field]:
            problems.append(f"{field} differs from WiCE's {wice_field} for {wid}")
    if not CJK.search(row["claim"]):
        problems.append("claim has no CJK characters")
    return problems


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT
    try:
        wice = load_wice(WICE_DEV)
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, ValueError) as exc:
        print(f"cannot read input: {exc}", file=sys.stderr)
        return 2
    seen: set[str] = set()
    labels: Counter[str] = Counter()
    bad = 0
    for number, line in enumerate(lines, 1):
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            problems = [f"invalid JSON ({exc.msg}, column {exc.colno})"]
        else:
            problems = check_row(row, wice, seen)
        for problem in problems:
            print(f"{path}:{number}: {problem}", file=sys.stderr)
        if problems:
            bad += 1
        else:
            labels[row["label"]] += 1
    for label in sorted(labels):
        print(f"{label}\t{labels[label]}")
    print(f"total\t{sum(labels.values())}")
    if bad:
        print(f"{bad} line(s) with problems", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
