"""Reports: ``Report`` -> Markdown for people, JSON for machines.

Writers receive the compact ``Report`` record, never network objects. All
text that comes from a source or a claims file is escaped before it goes into
Markdown, so a page full of pipes, backticks, HTML or ``<script>`` cannot break
the report's structure or inject markup.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from itertools import chain
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar
from urllib.parse import quote

from .extract import EXTRACTOR_VERSION
from .models import (
    BROKEN_STATUSES, PROBLEM_VERDICTS, VERDICTS, ClaimResult, Evidence, Report, SourceHealth, Verdict,
)
from .quotes import SHOWN_CHARS, excerpt, fragment_directive, text_fragment_url

__all__ = ["render_markdown", "markdown_lines", "markdown_parts", "render_json", "render_summary", "md_code", "to_json_data", "claim_json", "md_escape", "shown_quotes", "SHOWN_QUOTES",
           "text_fragment_url", "fragment_directive", "excerpt", "problems_first", "claim_group", "needs_review",
           "claim_needs_review", "SHOWN_CHARS", "SCHEMA", "Brief", "brief", "briefs", "verdict_counts"]

SCHEMA = "factcheck-report/1"
ICONS = {
    "supported": "✅", "partially_supported": "🟡", "not_supported": "❌", "contradicted": "⛔",
    "unverifiable": "❔",
}
LABELS = {
    "supported": "supported", "partially_supported": "partially supported", "not_supported": "not supported",
    "contradicted": "contradicted", "unverifiable": "unverifiable",
}
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_MD_LINE_START = re.compile(r"^(\s*)([#+=-]|\d+[.)])")


def md_escape(text: str, *, limit: int | None = None, inline: bool = False) -> str:
    """Make any text inert inside Markdown: one line, HTML and Markdown escaped.

    ``inline`` text never starts a line (link labels, table cells after a pipe),
    so block markers such as ``1.`` or ``#`` at its start need no escape."""
    text = " ".join(str(text).split())
    if limit is not None and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    if inline:
        return text
    return _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def md_code(text: str) -> str:
    """An inline code span that no backtick in ``text`` can close early."""
    text = " ".join(str(text).split())
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _url_text(url: str) -> str:
    return md_escape(url.split("://", 1)[-1], limit=70, inline=True)


def _link(label: str, url: str) -> str:
    """A Markdown link whose target cannot break out of its parentheses."""
    safe = quote(url, safe=":/?#[]@!$&'*+,;=%~-._")
    safe = safe.replace("(", "%28").replace(")", "%29")
    return f"[{label}](<{safe}>)" if " " in safe else f"[{label}]({safe})"


def _rel(path: str | None, reports_dir: Path) -> str | None:
    if not path:
        return None
    try:
        return Path(os.path.relpath(path, reports_dir)).as_posix()
    except ValueError:
        return Path(path).as_posix()


#: Groups of the Markdown report, in the order a reviewer reads them.
GROUPS = ("problems", "unsure", "rest")
GROUP_TITLES = {
    "problems": "Problems: contradicted, not supported, evidence lost",
    "unsure": "Unsure: a person should look",
    "rest": "The rest",
}


def needs_review(verdict: Verdict) -> bool:
    """The matcher's flag (``Verdict.needs_review``): the score is where verdicts are often wrong."""
    return bool(getattr(verdict, "needs_review", False))


_Q = TypeVar("_Q")  # a quote: an Evidence, or its JSON form

#: evidence quotes shown per source: the best two, or all of them when its verdict needs review (a verdict
#: pieced together from three sentences is checked on the three)
SHOWN_QUOTES = 2


def shown_quotes(evidence: Sequence[_Q], flagged: bool) -> list[_Q]:
    """The quotes of ``evidence`` a report shows for a source, ``flagged`` when its verdict needs review."""
    return list(evidence) if flagged else list(evidence)[:SHOWN_QUOTES]


def claim_needs_review(result: ClaimResult) -> bool:
    """Might the claim's verdict be wrong, by the matcher's own flags?

    A claim is supported when one source supports it: that verdict is as sure as its best source
    (another, weaker supporting source makes it no less sure). Any other verdict is wrong when
    some source does support the claim, so it is unsure when any source's score is in the band,
    whatever that source's own verdict (a contradicted claim whose other source is a flagged
    partial support may well be supported)."""
    if result.verdict.verdict == "supported":
        return needs_review(result.verdict)
    return needs_review(result.verdict) or any(needs_review(s.verdict) for s in result.sources)


def claim_group(result: ClaimResult) -> str:
    """``problems`` (contradicted, not supported, evidence lost), ``unsure`` (needs review), ``rest``."""
    if result.verdict.verdict in PROBLEM_VERDICTS or any(s.evidence_lost for s in result.sources):
        return "problems"
    if claim_needs_review(result):
        return "unsure"
    return "rest"


@dataclass(frozen=True)
class Brief:
    """What ordering and summaries need of a claim's result (``brief``)."""

    verdict: str
    score: float
    group: str  # claim_group
    needs_review: bool  # claim_needs_review


def brief(result: ClaimResult) -> Brief:
    return Brief(verdict=result.verdict.verdict, score=result.verdict.score, group=claim_group(result),
                 needs_review=claim_needs_review(result))


def briefs(claims: Sequence[ClaimResult]) -> Iterator[Brief]:
    """Each claim's ``Brief``, in file order: from the index of a sequence that keeps one
    (``results.ClaimResults``, whose results are on disk) without reading the results back."""
    own = getattr(claims, "briefs", None)
    return own() if callable(own) else (brief(r) for r in claims)


def verdict_counts(report: Report) -> dict[str, int]:
    """``Report.counts``, from the claims' ``briefs``."""
    counted = Counter(b.verdict for b in briefs(report.claims))
    return {name: counted[name] for name in VERDICTS}


def problems_first(report: Report) -> dict[str, list[int]]:
    """Group -> the numbers (in file order, from 1) of its claims, in the order the report shows them:
    problems first, then unsure, then the rest; contradicted before not supported, lowest score first,
    then file order. The rest are in file order (``briefs`` gives them again without holding them)."""
    flagged = [(GROUPS.index(b.group),
                PROBLEM_VERDICTS.index(b.verdict) if b.verdict in PROBLEM_VERDICTS else len(PROBLEM_VERDICTS),
                b.score, n)
               for n, b in enumerate(briefs(report.claims), start=1) if b.group != "rest"]
    flagged.sort()
    return {group: [n for g, *_, n in flagged if GROUPS[g] == group] for group in GROUPS[:2]}


def _rest(report: Report) -> Iterator[tuple[int, Brief]]:
    """(number, brief) of each claim in the group ``rest``, in file order."""
    return ((n, b) for n, b in enumerate(briefs(report.claims), start=1) if b.group == "rest")


class _Pieces:
    """One long line given in pieces (the contents' links to the rest: ~30 characters a claim)."""

    def __init__(self, pieces: Iterator[str]) -> None:
        self.pieces = pieces


def _contents(report: Report, ordered: dict[str, list[int]]) -> Iterator[str | _Pieces]:
    """The contents, line by line; the rest's links make one line, given in pieces."""
    yield from ["## Contents", ""]
    for group in GROUPS[:2]:
        members = ordered[group]
        if not members:
            continue
        yield f"- **{GROUP_TITLES[group]}** ({len(members)}):"
        for n in members:
            r = report.claims[n - 1]
            label = md_escape(r.claim.text, limit=80, inline=True)
            yield (f"  - [{ICONS[r.verdict.verdict]} {n}. {label}](#claim-{n}) · "
                   f"{LABELS[r.verdict.verdict]} · {r.verdict.score:.2f}")
    size = sum(1 for _ in _rest(report))
    if size:
        links = ((" · " if i else "") + f"[{ICONS[b.verdict]} {n}](#claim-{n})" for i, (n, b) in enumerate(_rest(report)))
        yield _Pieces(chain([f"- **{GROUP_TITLES['rest']}** ({size}): "], links))


def markdown_parts(report: Report, *, reports_dir: Path | None = None,
                   snapshots: dict[str, str] | None = None, reviews: dict[str, str] | None = None) -> Iterator[str]:
    """``render_markdown`` in parts, its lines and the newlines between them, no line held whole."""
    for n, line in enumerate(_markdown(report, reports_dir=reports_dir, snapshots=snapshots, reviews=reviews)):
        if n:
            yield "\n"
        if isinstance(line, _Pieces):
            yield from line.pieces
        else:
            yield line


def markdown_lines(report: Report, *, reports_dir: Path | None = None,
                   snapshots: dict[str, str] | None = None, reviews: dict[str, str] | None = None) -> Iterator[str]:
    """The Markdown report, line by line (``render_markdown`` joins them)."""
    for line in _markdown(report, reports_dir=reports_dir, snapshots=snapshots, reviews=reviews):
        yield "".join(line.pieces) if isinstance(line, _Pieces) else line


def _markdown(report: Report, *, reports_dir: Path | None = None, snapshots: dict[str, str] | None = None,
              reviews: dict[str, str] | None = None) -> Iterator[str | _Pieces]:
    """The Markdown report, line by line, so a report of 20,000 claims is written as it is rendered. ``snapshots`` maps a source URL to a file path of its
    archived copy; ``reviews`` a claim id to one line on its review (``reviews.markdown_line``)."""
    reports_dir = reports_dir or Path(".")
    snapshots = snapshots or {}
    health = {s.url: s for s in report.sources}
    counts = verdict_counts(report)
    yield f"# Fact-check report: {md_escape(report.title or Path(report.claims_file).stem)}"
    yield ""
    yield (f"Claims file: {md_code(report.claims_file)} · generated {report.generated_at}"
           + (" · **offline run** (nothing fetched; archived copies used where they exist)"
              if report.offline else ""))
    yield ""
    yield "## Summary"
    yield ""
    yield "| verdict | claims |"
    yield "|---|---:|"
    for name in VERDICTS:
        yield f"| {ICONS[name]} {LABELS[name]} | {counts[name]} |"
    yield f"| **total** | **{len(report.claims)}** |"
    yield ""
    alive = sum(1 for s in report.sources if s.status in ("ok", "redirected"))
    dead = sum(1 for s in report.sources if s.status in BROKEN_STATUSES)
    other = len(report.sources) - alive - dead
    from_archive = sum(1 for s in report.sources if s.from_archive)
    line = f"Sources: {len(report.sources)} cited, {alive} alive, {dead} dead"
    if other:
        line += f", {other} unreachable or blocked"
    if from_archive:
        line += f"; {from_archive} verified from archived copies"
    yield line + "."
    for note in report.notes:
        yield ""
        yield f"> **Note:** {md_escape(note)}"
    yield ""
    ordered = problems_first(report)
    if report.claims:
        yield from _contents(report, ordered)
        yield ""
    yield "## Claims"
    # Each claim is read when its section is written: the results may be on disk (results.ClaimResults).
    numbers = {**ordered, "rest": (n for n, _ in _rest(report))}
    for group in GROUPS:
        current = None
        for number in numbers[group]:
            if group != current:
                current = group
                yield from ["", f"### {GROUP_TITLES[group]}"]
            result = report.claims[number - 1]
            yield from _claim_section(number, result, health, snapshots, reports_dir,
                                      (reviews or {}).get(result.claim.id))
    yield ""
    yield "## Source health"
    yield ""
    yield "| # | source | status | HTTP | reason | checked | evidence copy |"
    yield "|---:|---|---|---:|---|---|---|"
    for number, src in enumerate(report.sources, start=1):
        yield _health_row(number, src, snapshots, reports_dir)
    yield ""


def render_markdown(report: Report, *, reports_dir: Path | None = None,
                    snapshots: dict[str, str] | None = None, reviews: dict[str, str] | None = None) -> str:
    """The Markdown report as one string (``markdown_lines``)."""
    return "\n".join(markdown_lines(report, reports_dir=reports_dir, snapshots=snapshots, reviews=reviews))


def _claim_section(number: int, result: ClaimResult, health: dict[str, SourceHealth],
                   snapshots: dict[str, str], reports_dir: Path, review: str | None = None) -> list[str]:
    claim, verdict = result.claim, result.verdict
    unsure = " · **needs review**" if claim_needs_review(result) else ""
    out = ["", f'<a id="claim-{number}"></a>', "",
           f"#### {number}. {ICONS[verdict.verdict]} {LABELS[verdict.verdict]} · "
           f"{verdict.score:.2f}{unsure} · {md_code(claim.id)}", ""]
    if review:
        out += [f"**{md_escape(review)}**", ""]
    out.append(f"> {md_escape(claim.text)}")
    if claim.translation:
        out.append(">")
        out.append(f"> *{md_escape(claim.translation)}*")
    out.append("")
    if verdict.explanation:
        out.append(md_escape(verdict.explanation))
        out.append("")
    if verdict.missing and verdict.verdict != "supported":
        out.append("Not found in the evidence: " + ", ".join(md_code(m) for m in verdict.missing[:12]))
        out.append("")
    for src in result.sources:
        h = health.get(src.url)
        name = _url_text(src.url) if not (h and h.title) else md_escape(h.title, limit=70)
        v = src.verdict
        head = f"- {ICONS[v.verdict]} {_link(name, src.url)}: {LABELS[v.verdict]} ({v.score:.2f})"
        if needs_review(v):
            head += " · needs review"
        if src.live_verdict is not None:  # content drift: evidence from the copy it was verified on
            live = src.live_verdict
            head += (f", by the archived copy of {(src.verified_at or '')[:10]}, **not by the live page** "
                     f"(live page: {LABELS[live.verdict]}, {live.score:.2f}"
                     + ("; the quoted sentence is gone" if src.evidence_lost else "") + ")")
            out.append(head)
            out.extend(_quotes(shown_quotes(v.evidence, needs_review(v)), None if src.evidence_lost else src.url,
                                claim.query))
            continue
        if src.from_archive and h is not None:
            head += f", from the archived copy of {(h.archived_at or '')[:10]} (live: {h.status})"
        elif v.verdict == "unverifiable" and h is not None:
            head += f": no usable copy, live status {md_code(h.status)}"
        snap = _rel(snapshots.get(src.url), reports_dir)
        if snap and v.evidence:
            head += f" · {_link('archived copy', snap)}"
        out.append(head)
        if v.evidence and v.verdict in PROBLEM_VERDICTS:
            out.append("  closest passage" + ("s" if len(v.evidence) > 1 else "") + " in this source:")
        out.extend(_quotes(shown_quotes(v.evidence, needs_review(v)), src.url, claim.query))
    return out


def _quotes(evidence: Sequence[Evidence], url: str | None, query: str) -> list[str]:
    """Each quote, a long one shown around the words that matched; ↗ opens the whole of it on the
    page at ``url`` (no link when the live page no longer has it)."""
    return [f"  > {md_escape(excerpt(ev.text, query))}"
            + (f" {_link('↗', text_fragment_url(url, ev.text))}" if url else "")
            for ev in evidence]


def _health_row(number: int, src: SourceHealth, snapshots: dict[str, str], reports_dir: Path) -> str:
    name = md_escape(src.title, limit=50) if src.title else _url_text(src.url)
    cells = [str(number), _link(name, src.url), f"`{src.status}`", str(src.http_status or "–"),
             md_escape(src.reason, limit=140), (src.checked_at or "")[:16].replace("T", " ")]
    snap = _rel(snapshots.get(src.url), reports_dir)
    if src.archived_at:
        label = f"{src.archived_at[:10]}" + (" (used)" if src.from_archive else "")
        cells.append(_link(label, snap) if snap else label)
        if src.wayback_url:
            cells[-1] += " · " + _link("Wayback Machine", src.wayback_url)
    else:
        cells.append("none")
    if src.final_url and src.final_url != src.url:
        cells[4] += f" → {_url_text(src.final_url)}"
    return "| " + " | ".join(cells) + " |"


def render_summary(report: Report, md_path: Path, json_path: Path, *, html_path: Path | None = None,
                   max_sources: int = 12) -> str:
    """The few lines a terminal shows after a run."""
    counts = verdict_counts(report)
    verdicts = ", ".join(f"{n} {LABELS[name]}" for name, n in counts.items() if n) or "none"
    lines = [f"{report.claims_file}: {len(report.claims)} claims: {verdicts}"]
    alive = sum(1 for s in report.sources if s.status in ("ok", "redirected"))
    archived = sum(1 for s in report.sources if s.from_archive)
    line = f"  sources: {alive} of {len(report.sources)} alive"
    if archived:
        line += f", {archived} verified from archived copies"
    lines.append(line)
    troubled = [s for s in report.sources if s.status not in ("ok", "redirected")]
    width = max((len(s.status) for s in troubled), default=0)
    for src in troubled[:max_sources]:
        lines.append(f"    {src.status:<{width}}  {src.url}  ({src.reason})")
    if len(troubled) > max_sources:
        lines.append(f"    ... and {len(troubled) - max_sources} more (see the report)")
    for note in report.notes:
        lines.append(f"  note: {note}")
    lines.append(f"  report: {md_path}  (JSON: {json_path}" + (f", HTML: {html_path})" if html_path else ")"))
    return "\n".join(lines)


def _evidence(ev: Evidence) -> dict:
    return {"text": ev.text, "start": ev.start, "end": ev.end, "score": round(ev.score, 4)}


def claim_json(r: ClaimResult) -> dict:
    """One claim's record in the report JSON (``to_json_data``'s ``claims``)."""
    return {
        "id": r.claim.id, "text": r.claim.text, "translation": r.claim.translation,
        "line": r.claim.line, "verdict": r.verdict.verdict, "score": round(r.verdict.score, 4),
        "needs_review": claim_needs_review(r), "group": claim_group(r),
        "missing": list(r.verdict.missing),
        "sources": [
            {"url": s.url, "verdict": s.verdict.verdict, "score": round(s.verdict.score, 4),
             "needs_review": needs_review(s.verdict),
             "from_archive": s.from_archive, "explanation": s.verdict.explanation,
             "matcher": s.verdict.matcher, "missing": list(s.verdict.missing),
             "live_verdict": s.live_verdict.verdict if s.live_verdict else None,
             "live_score": round(s.live_verdict.score, 4) if s.live_verdict else None,
             "verified_at": s.verified_at, "verified_sha256": s.verified_sha256,
             "evidence_lost": s.evidence_lost,
             "evidence": [_evidence(e) for e in s.verdict.evidence]}
            for s in r.sources
        ],
    }


def to_json_data(report: Report, *, with_claims: bool = True) -> dict:
    """The report JSON; without its claims' records (``[]``; the summary still counts them) when
    ``with_claims`` is false, for a writer that renders them one at a time (``claim_json``)."""
    counts = verdict_counts(report)
    return {
        "schema": SCHEMA,
        "claims_file": report.claims_file,
        "title": report.title,
        "generated_at": report.generated_at,
        "offline": report.offline,
        "extractor_version": EXTRACTOR_VERSION,
        "summary": {"claims": len(report.claims), **counts},
        "claims": [claim_json(r) for r in report.claims] if with_claims else [],
        "sources": [
            {"id": s.id, "url": s.url, "title": s.title, "status": s.status, "reason": s.reason, "tag": s.tag,
             "http_status": s.http_status, "final_url": s.final_url, "checked_at": s.checked_at,
             "archived_at": s.archived_at, "archive_sha256": s.archive_sha256, "from_archive": s.from_archive,
             "wayback_url": s.wayback_url}
            for s in report.sources
        ],
        "notes": list(report.notes),
    }


def render_json(report: Report) -> str:
    return json.dumps(to_json_data(report), ensure_ascii=False, indent=2) + "\n"
