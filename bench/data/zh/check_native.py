"""Validate bench/data/zh/zh_native.jsonl and print its label and phenomenon counts.

Usage:  python3 bench/data/zh/check_native.py [path/to/zh_native.jsonl]

Checks every line: valid JSON object, exactly the expected fields, labels from the WiCE
vocabulary, `label` consistent with `label_fine` (contradicted -> not_supported), Chinese
text in claim and source, lengths (claim 15-80, source 150-900 characters), ids
`zhnews-NNN` unique, no claim repeated, `published` a YYYY-MM-DD date or null.
Exit codes: 0 all good, 1 a problem in the data (each printed as file:line: what, fix),
2 the file cannot be read. Standard library only.
"""
from __future__ import annotations

import collections
import datetime
import json
import pathlib
import re
import sys

DEFAULT = pathlib.Path(__file__).with_name("zh_native.jsonl")
FIELDS = ("id", "claim", "source_text", "label", "label_fine", "phenomena",
          "rationale", "author", "published")
LABEL_OF_FINE = {
    "supported": "supported",
    "partially_supported": "partially_supported",
    "not_supported": "not_supported",
    "contradicted": "not_supported",
}
ID_RE = re.compile(r"zhnews-\d{3,}")
CJK_RE = re.compile(r"[\u4e00-\u9fff]")
TAG_RE = re.compile(r"[a-z][a-z0-9:-]*")
CLAIM_LEN = (15, 80)
SOURCE_LEN = (150, 900)


def cjk_share(text: str) -> float:
    """Share of the letters (digits and punctuation aside) that are CJK ideographs."""
    chars = [c for c in text if c.isalpha()]
    return sum(1 for c in chars if CJK_RE.match(c)) / max(len(chars), 1)


def record_problems(row: object) -> list[str]:
    """Every problem of one parsed line, each worded as 'what; fix'."""
    if not isinstance(row, dict):
        return ["line is not a JSON object; write one object per line"]
    problems = []
    if tuple(row) != FIELDS:
        problems.append(f"fields are {list(row)}; use exactly {list(FIELDS)} in that order")
        if not set(FIELDS) <= set(row):
            return problems
    if not isinstance(row["id"], str) or not ID_RE.fullmatch(row["id"]):
        problems.append(f"id {row['id']!r} is malformed; use zhnews-NNN")
    fine, label = row["label_fine"], row["label"]
    if fine not in LABEL_OF_FINE:
        problems.append(f"label_fine {fine!r} unknown; use one of {sorted(LABEL_OF_FINE)}")
    elif label != LABEL_OF_FINE[fine]:
        problems.append(f"label {label!r} does not match label_fine {fine!r}; "
                        f"set label to {LABEL_OF_FINE[fine]!r}")
    for name, (low, high) in (("claim", CLAIM_LEN), ("source_text", SOURCE_LEN)):
        text = row[name]
        if not isinstance(text, str):
            problems.append(f"{name} is not a string")
            continue
        if not low <= len(text) <= high:
            problems.append(f"{name} has {len(text)} characters; keep it within {low}-{high}")
        if cjk_share(text) < 0.5:
            problems.append(f"{name} has fewer Chinese characters than Latin letters; write it in Chinese")
    tags = row["phenomena"]
    if not isinstance(tags, list) or not tags or not all(
            isinstance(t, str) and TAG_RE.fullmatch(t) for t in tags):
        problems.append("phenomena must be a non-empty list of lower-case tags like 'dateline'")
    elif len(set(tags)) != len(tags):
        problems.append("phenomena repeats a tag; list each tag once")
    for name in ("rationale", "author"):
        if not isinstance(row[name], str) or not row[name].strip():
            problems.append(f"{name} is empty; write it")
    published = row["published"]
    if published is not None:
        try:
            datetime.date.fromisoformat(published)
        except (TypeError, ValueError):
            problems.append(f"published {published!r} is not YYYY-MM-DD; use a date or null")
        else:
            if published not in row["source_text"]:
                problems.append(f"published {published} is not in the source's date line; "
                                "set it to the date the passage states, or null")
    return problems


def check(path: pathlib.Path) -> tuple[list[str], list[dict]]:
    """Problems (as 'file:line: ...') and the well-formed rows of the file."""
    problems, rows = [], []
    seen_ids: dict[str, int] = {}
    seen_claims: dict[str, int] = {}
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, 1):
        where = f"{path}:{number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"{where}: not valid JSON ({exc.msg}); fix the line")
            continue
        found = record_problems(row)
        problems += [f"{where}: {p}" for p in found]
        if found:
            continue
        for key, seen in (("id", seen_ids), ("claim", seen_claims)):
            if row[key] in seen:
                problems.append(f"{where}: {key} repeats line {seen[row[key]]}; "
                                f"make each {key} unique")
            seen[row[key]] = number
        rows.append(row)
    if not lines:
        problems.append(f"{path}: file is empty")
    return problems, rows


def print_counts(rows: list[dict]) -> None:
    """Counts per label_fine, per phenomenon and per distinct source."""
    print(f"{len(rows)} pairs, {len({r['source_text'] for r in rows})} distinct sources")
    for title, counter in (
            ("label_fine", collections.Counter(r["label_fine"] for r in rows)),
            ("label", collections.Counter(r["label"] for r in rows)),
            ("phenomenon", collections.Counter(t for r in rows for t in r["phenomena"]))):
        print(f"\n{title}:")
        for key, count in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])):
            print(f"  {key:28} {count:4}")


def main(argv: list[str]) -> int:
    path = pathlib.Path(argv[1]) if len(argv) > 1 else DEFAULT
    try:
        problems, rows = check(path)
    except (OSError, UnicodeDecodeError) as exc:
        print(f"error: cannot read {path}: {exc}", file=sys.stderr)
        return 2
    print_counts(rows)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"\n{len(problems)} problem(s)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
