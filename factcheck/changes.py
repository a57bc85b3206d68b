"""The "what changed since the last check" report of ``recheck``: Markdown and JSON.

Writers receive the compact ``RecheckResult``; both files are written whole or
not at all (``files.atomic_write``).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from .files import atomic_write
from .models import ALERT_KINDS, CHANGE_KINDS, Change, ChangeKind, LinkState

__all__ = ["RecheckResult", "render_changes", "changes_json", "write_changes", "LABELS"]

LABELS: dict[ChangeKind, str] = {
    "newly_dead": "Newly dead", "evidence_lost": "Evidence gone from the live page",
    "recovered": "Recovered", "moved": "Moved", "blocked": "Newly blocked (not counted as dead)",
    "failing": "Failing (not yet confirmed dead)", "drift": "Content drift"}


@dataclass(frozen=True)
class RecheckResult:
    checked_at: str
    checked: int  # URLs fetched
    skipped: int  # URLs not due
    changes: tuple[Change, ...]
    states: tuple[LinkState, ...]
    reports: tuple[Path, ...] = ()
    notes: tuple[str, ...] = ()
    changes_path: Path | None = None

    @property
    def alerts(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.kind in ALERT_KINDS)


def render_changes(result: RecheckResult) -> str:
    """The "what changed since the last check" section, Markdown."""
    out = [f"## What changed since the last check ({result.checked_at})", ""]
    out.append(f"{result.checked} source(s) checked"
               + (f", {result.skipped} not due" if result.skipped else "") + ".")
    for note in result.notes:
        out += ["", f"> **Note:** {note}"]
    if not result.changes:
        out += ["", "Nothing changed."]
    for kind in CHANGE_KINDS:
        found = [c for c in result.changes if c.kind == kind]
        if not found:
            continue
        out += ["", f"### {LABELS[found[0].kind]} ({len(found)})", ""]
        for change in found:
            detail = " ".join(change.detail.split()).replace("|", "\\|").replace("<", "&lt;")
            out.append(f"- <{change.url}>: {detail}")
    return "\n".join(out) + "\n"


def changes_json(result: RecheckResult) -> dict[str, Any]:
    return {
        "schema": "factcheck-recheck/1", "checked_at": result.checked_at, "checked": result.checked,
        "skipped": result.skipped, "alerts": len(result.alerts), "notes": list(result.notes),
        "changes": [{"kind": c.kind, "url": c.url, "detail": c.detail, "before": c.before, "after": c.after,
                     "claim_id": c.claim_id, "claims_file": c.claims_file} for c in result.changes],
        "states": [asdict(s) for s in result.states],
    }


def write_changes(result: RecheckResult, reports_dir: Path) -> Path:
    """Write ``recheck.md`` and ``recheck.json`` next to the reports; return the Markdown path."""
    md = reports_dir / "recheck.md"
    atomic_write(reports_dir / "recheck.json", json.dumps(changes_json(result), ensure_ascii=False, indent=2) + "\n",
                 what="re-check report")
    atomic_write(md, "# Re-check\n\n" + render_changes(result), what="re-check report")
    return md
