"""Validate bench/data/zh/zh_native_en.jsonl against zh_native.jsonl (stdlib only).

Usage: python3 bench/data/zh/check_native_en.py [path/to/zh_native_en.jsonl]

Checks every line: valid JSON object, exactly the expected fields, `id` is "zhnewsen-NNN" for
`zh_id` "zhnews-NNN" and unique, `zh_id` exists in zh_native.jsonl, `claim_zh`, `label` and
`label_fine` equal the Chinese row's, `claim` is English (no CJK character, 20-260 characters),
and every row of zh_native.jsonl is rendered once. Prints the count per label_fine.
Exit codes: 0 all good, 1 a problem (each printed as file:line: what; fix), 2 a file cannot be read.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
NATIVE = HERE / "zh_native.jsonl"
DEFAULT = HERE / "zh_native_en.jsonl"
FIELDS = ("id", "zh_id", "claim", "claim_zh", "label", "label_fine", "translator")
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")
CLAIM_LEN = (20, 260)


def load_native(path: Path) -> dict[str, dict]:
    with path.open(encoding="utf-8") as fh:
        return {row["id"]: row for row in (json.loads(line) for line in fh if line.strip())}


def check_row(row: object, native: dict[str, dict], seen: set[str]) -> list[str]:
    """Every problem of one parsed line, each worded as 'what; fix'."""
    if not isinstance(row, dict):
        return ["not a JSON object; write one object per line"]
    if tuple(row) != FIELDS:
        return [f"fields are {list(row)}; use exactly {list(FIELDS)} in that order"]
    if not all(isinstance(row[f], str) and row[f] for f in FIELDS):
        return ["a field is empty or not a string; fill every field with text"]
    problems = []
    zid = row["zh_id"]
    if not re.fullmatch(r"zhnews-\d{3,}", zid) or row["id"] != zid.replace("zhnews-", "zhnewsen-"):
        problems.append(f"id {row['id']!r} does not match zh_id {zid!r}; use zhnewsen-NNN for zhnews-NNN")
    if zid in seen:
        problems.append(f"zh_id {zid!r} rendered twice; keep one line per Chinese claim")
    seen.add(zid)
    source = native.get(zid)
    if source is None:
        return problems + [f"zh_id {zid!r} is not in {NATIVE.name}; use an id from that file"]
    for field, native_field in (("claim_zh", "claim"), ("label", "label"), ("label_fine", "label_fine")):
        if row[field] != source[native_field]:
            problems.append(f"{field} differs from {NATIVE.name}'s {native_field}; copy it unchanged")
    claim = row["claim"]
    if CJK.search(claim):
        problems.append("claim has Chinese characters or full-width punctuation; write it in English")
    if not CLAIM_LEN[0] <= len(claim) <= CLAIM_LEN[1]:
        problems.append(f"claim has {len(claim)} characters; keep it within {CLAIM_LEN[0]}-{CLAIM_LEN[1]}")
    return problems


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT
    try:
        native = load_native(NATIVE)
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, KeyError) as exc:
        print(f"error: cannot read {path} or {NATIVE}: {exc}", file=sys.stderr)
        return 2
    problems, seen, counts = [], set(), Counter()
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"{path}:{number}: not valid JSON ({exc.msg}); fix the line")
            continue
        found = check_row(row, native, seen)
        problems += [f"{path}:{number}: {p}" for p in found]
        if not found:
            counts[row["label_fine"]] += 1
    for zid in sorted(set(native) - seen):
        problems.append(f"{path}: {zid} of {NATIVE.name} has no rendering; add a line for it")
    print(f"{sum(counts.values())} renderings")
    for label, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  {label:22} {count:4}")
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"\n{len(problems)} problem(s)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
