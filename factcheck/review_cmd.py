"""``factcheck review``: walk through the claims that need a person, one key each.

It reads the last run's report (``reports/<stem>.json``), so it needs no
network, and records each decision at once in ``claims/reviews/<stem>.yaml``
(an atomic rewrite), so quitting, Ctrl-C or a crash keep every decision made.
The claims come in this order: those the matcher is unsure of, then problems
(not supported, contradicted, evidence gone), then the other unreviewed ones;
a review whose sources' archived copies changed since counts as unreviewed.

Keys: ``c`` (or Enter) confirms the matcher's verdict, ``1``-``5`` set a verdict,
``n`` adds a note, ``o`` shows the archived copies (in ``$PAGER`` if set; never
a browser), ``s`` skips, ``q`` quits, ``?`` lists the keys.
"""

from __future__ import annotations

import json
import shlex
import subprocess
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from .archive import Archive
from .clock import now_iso
from .config import Settings, pager
from .errors import InputError
from .models import VERDICTS
from .report import ICONS, LABELS, SCHEMA
from .reviews import (
    ClaimStatus, Review, load_reviews, ordered_for_review, pins, reviews_path, save_review, settle,
)

__all__ = ["review_command", "walk", "Walked", "load_report", "reviewer_name", "KEYS"]

KEYS = {"c": "confirm the matcher's verdict", **{str(i): f"set: {LABELS[v]}" for i, v in enumerate(VERDICTS, 1)},
        "n": "add a note", "o": "show the archived copies", "s": "skip", "q": "quit (decisions are saved)",
        "?": "these keys"}
QUIT_KEYS = frozenset({"q", "", "\x03", "\x04"})  # q, end of input, Ctrl-C, Ctrl-D


@dataclass(frozen=True)
class Walked:
    decided: int
    skipped: int
    keys: int  # keys pressed (a note's text counts as one)
    left: int  # claims that still need a person
    quit_early: bool


@dataclass(frozen=True)
class Terminal:
    """What the walk needs from a terminal; tests and the CLI pass their own."""

    read_key: Callable[[], str]
    prompt: Callable[[str], str]
    say: Callable[[str], None]
    open_copies: Callable[[list[str]], None]
    now: Callable[[], str]


def load_report(path: Path) -> dict[str, Any]:
    if not path.exists():
        raise InputError(f"{path}: no report to review\n  fix: run 'factcheck run' on the claims file first "
                         "(the review reads the last run's report, so it needs no network)")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{path}: not a readable report ({exc})\n  fix: run 'factcheck run' again") from exc
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise InputError(f"{path}: not a {SCHEMA} report\n  fix: run 'factcheck run' again")
    return data


def walk(data: Mapping[str, Any], claims_path: str, reviews_file: Path, reviewer: str, term: Terminal, *,
         everything: bool = False) -> Walked:
    """Ask a person about each claim that needs one; save each decision as it is made."""
    statuses = settle(data, load_reviews(reviews_file)).claims
    queue = ordered_for_review(statuses) if not everything else sorted(
        statuses, key=lambda st: (st.state == "reviewed", 0 if st.needs_review else 1 if st.problems else 2))
    claims = {c["id"]: c for c in data.get("claims", ())}
    health = {s["url"]: s for s in data.get("sources", ())}
    decided = skipped = keys = 0
    if not queue:
        term.say("Nothing needs a person: every claim has a review that holds (--all walks them again).")
    for position, st in enumerate(queue, start=1):
        claim = claims[st.claim_id]
        term.say(describe(claim, st, health, position, len(queue)))
        note = st.review.note if st.review else ""
        while True:
            key = term.read_key()
            keys += 1
            if key in QUIT_KEYS:
                return Walked(decided, skipped, keys, len(queue) - decided, True)
            if key in ("c", "\r", "\n") or (key.isdigit() and 1 <= int(key) <= len(VERDICTS)):
                verdict = claim["verdict"] if key in ("c", "\r", "\n") else VERDICTS[int(key) - 1]
                save_review(reviews_file, Review(
                    claim_id=st.claim_id, verdict=verdict, reviewer=reviewer, reviewed_at=term.now(), note=note,
                    matcher_verdict=claim["verdict"], sources=pins(claim, data)), claims_file=claims_path)
                decided += 1
                term.say(f"  saved: {LABELS[verdict]}" + (" (confirmed)" if verdict == claim["verdict"] else ""))
                break
            if key == "s":
                skipped += 1
                break
            if key == "n":
                note = term.prompt("  note").strip()
                keys += 1  # the note's Enter
            elif key == "o":
                term.open_copies(_copies(claim, health))
            else:
                term.say("  keys: " + " · ".join(f"{k} {what}" for k, what in KEYS.items()))
    return Walked(decided, skipped, keys, len(queue) - decided, False)


def _copies(claim: Mapping[str, Any], health: Mapping[str, Mapping[str, Any]]) -> list[str]:
    return [h["archive_sha256"] for s in claim.get("sources", ())
            if (h := health.get(s["url"])) and h.get("archive_sha256")]


def describe(claim: Mapping[str, Any], st: ClaimStatus, health: Mapping[str, Mapping[str, Any]],
             position: int, total: int) -> str:
    """What a person needs to decide: the claim, the evidence per source, the sources' health."""
    v = claim["verdict"]
    flags = ["matcher unsure"] if st.needs_review else []
    flags.append({"stale": "review out of date", "unreviewed": "unreviewed"}.get(st.state, "reviewed"))
    lines = ["", f"[{position}/{total}] {claim['id']} · matcher: {ICONS[v]} {LABELS[v]} "
                 f"{float(claim.get('score') or 0):.2f} · {', '.join(flags)}",
             f"  {_line(claim['text'])}"]
    if claim.get("translation"):
        lines.append(f"  {_line(claim['translation'])}")
    if st.review is not None:
        r = st.review
        lines.append(f"  last review: {LABELS[r.verdict]} by {r.reviewer} on {r.reviewed_at[:10]}"
                     + (f" (sources changed since: {', '.join(st.changed)})" if st.changed else "")
                     + (f"; note: {_line(r.note)}" if r.note else ""))
    for n, src in enumerate(claim.get("sources", ()), start=1):
        h = health.get(src["url"], {})
        sv = src["verdict"]
        lines.append(f"  {n}. {ICONS[sv]} {LABELS[sv]} {float(src.get('score') or 0):.2f} · {_line(src['url'])}"
                     f" ({h.get('status', '?')}{', archived copy used' if src.get('from_archive') else ''})")
        for ev in list(src.get("evidence", ()))[:2]:
            lines.append(f"       > {_line(str(ev.get('text', '')), 300)}")
    lines.append("  c confirm · 1-5 set (" + ", ".join(f"{i} {LABELS[v]}" for i, v in enumerate(VERDICTS, 1))
                 + ") · n note · o archived copy · s skip · q quit")
    return "\n".join(lines)


def _line(text: str, limit: int = 400) -> str:
    """One line of printable text: no terminal control sequences from a source get through."""
    text = "".join(ch if ch.isprintable() else " " for ch in str(text))
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def reviewer_name(flag: str | None, configured: str) -> str:
    """--reviewer, else FACTCHECK_REVIEWER (``configured``, from Settings), else git's user.name."""
    for name in (flag, configured):
        if name and name.strip():
            return name.strip()
    try:
        done = subprocess.run(["git", "config", "user.name"], capture_output=True, text=True, timeout=10)
        if done.returncode == 0 and done.stdout.strip():
            return done.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    raise InputError("no reviewer name\n  fix: pass --reviewer NAME, set FACTCHECK_REVIEWER, "
                     "or set git's user.name (git config --global user.name NAME)")


def _opener(cache_dir: Path, pager: str | None) -> Callable[[list[str]], None]:
    def open_copies(shas: list[str]) -> None:
        paths = [_snapshot(cache_dir, sha) for sha in shas]
        found = [p for p in paths if p is not None]
        if not found:
            click.echo("  no archived copy of these sources")
            return
        for path in found:
            click.echo(f"  archived copy: {path}")
        if pager:
            subprocess.run([*shlex.split(pager), *map(str, found)], check=False)
    return open_copies


def _snapshot(cache_dir: Path, sha: str) -> Path | None:
    existing = sorted((cache_dir / "snapshots").glob(f"{sha}.*"))
    if existing:
        return existing[0]
    with Archive(cache_dir) as archive:
        return archive.snapshot_file(sha, None)


def _same_claims_file(data: Mapping[str, Any], claims_file: Path, report: Path) -> None:
    """A report of another claims file with the same stem must not be reviewed as this one's."""
    reported = Path(str(data.get("claims_file") or ""))
    if reported.exists() and claims_file.exists() and not reported.samefile(claims_file):
        raise InputError(f"{report}: this is the report of {reported}, not of {claims_file}\n"
                         f"  fix: run 'factcheck run {claims_file}' first, or pass --reports with its report folder")


@click.command("review")
@click.argument("claims_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--reviewer", default=None, help="Your name (default: FACTCHECK_REVIEWER, else git's user.name).")
@click.option("--reports", "reports_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where the run's report is (default: reports/).")
@click.option("--cache", "cache_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Archive directory, for the archived copies (default: cache/).")
@click.option("--all", "everything", is_flag=True, help="Also walk the claims already reviewed.")
def review_command(claims_file: Path, reviewer: str | None, reports_dir: Path | None, cache_dir: Path | None,
                   everything: bool) -> None:
    """Review the claims of the last run that need a person; decisions go to claims/reviews/<stem>.yaml.

    Keys: c confirm the matcher, 1-5 set the verdict, n note, o archived copy, s skip, q quit.

    Example: factcheck review claims/feud.yaml --reviewer "Ada Lovelace"
    """
    settings = Settings.from_env(reports_dir=reports_dir, cache_dir=cache_dir)
    name = reviewer_name(reviewer, settings.reviewer)
    data = load_report(settings.reports_dir / f"{claims_file.stem}.json")
    _same_claims_file(data, claims_file, settings.reports_dir / f"{claims_file.stem}.json")
    target = reviews_path(claims_file)
    term = Terminal(read_key=lambda: click.getchar(echo=False),
                    prompt=lambda label: str(click.prompt(label, default="", show_default=False)),
                    say=click.echo, open_copies=_opener(settings.cache_dir, pager()), now=now_iso)
    try:
        done = walk(data, str(claims_file), target, name, term, everything=everything)
    except (KeyboardInterrupt, click.Abort):
        click.echo(f"\ninterrupted; the decisions made so far are in {target}")
        raise SystemExit(130) from None
    click.echo(f"\n{done.decided} decided, {done.skipped} skipped, {done.left} still need a person; "
               f"{done.keys} keys. Reviews: {target}")
