"""Publish a run: the report in every format, with the reviews people made.

``write_reports(report, ...)`` is what the pipeline calls once a run is
matched. It reads the claims file's reviews (``claims/reviews/<stem>.yaml``),
settles them against this run (``reviews.settle``: which reviews still hold,
which went out of date because a source's archived copy changed), and writes,
each whole or not at all:

    reports/<stem>.json              report data with each claim's review
    reports/<stem>.md                for people, with the reviewed verdicts
    reports/<stem>.html              one self-contained page (html_report)
    reports/<stem>.claimreview.json  schema.org ClaimReview of the reviewed claims (only when
                                     some claim has a review that holds; else removed)

The returned ``Settlement`` says how many problems no person has settled,
which is what exit code 1 counts.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Mapping
from itertools import chain
from dataclasses import dataclass
from pathlib import Path

from .claimreview import claim_reviews, render_claimreview
from .html_report import Context, QuoteKey, html_lines
from .models import Report
from .report import markdown_lines, to_json_data
from .files import atomic_write, atomic_write_parts
from .reviews import Settlement, annotate, load_reviews, markdown_line, reviews_path, settle

__all__ = ["write_reports", "Published"]


@dataclass(frozen=True)
class Published:
    markdown_path: Path
    json_path: Path
    html_path: Path
    claimreview_path: Path | None
    settlement: Settlement


def write_reports(report: Report, reports_dir: Path, stem: str, *, snapshots: Mapping[str, str] | None = None,
                  contexts: Mapping[QuoteKey, Context] | None = None, reviews_file: Path | None = None,
                  article_url: str | None = None, language: str | None = None) -> Published:
    """``snapshots``: URL -> file of the archived copy; ``contexts``: the text around each evidence
    quote in that copy (``html_report.quote_context``), for the HTML report.
    ``reviews_file`` defaults to ``reviews/<stem>.yaml`` beside the claims file."""
    reviews = load_reviews(reviews_file or reviews_path(report.claims_file, stem))
    raw = to_json_data(report)
    settlement = settle(raw, reviews)
    data = annotate(raw, settlement, reviews.path)
    del raw  # annotate copied each claim's record: one copy is enough while the reports are written
    links = {url: _relative(path, reports_dir) for url, path in (snapshots or {}).items()}
    lines = {st.claim_id: line for st in settlement.claims if (line := markdown_line(st))}
    objects = claim_reviews(data, article_url=article_url, language=language)
    claimreview = reports_dir / f"{stem}.claimreview.json"
    paths = Published(markdown_path=reports_dir / f"{stem}.md", json_path=reports_dir / f"{stem}.json",
                      html_path=reports_dir / f"{stem}.html", claimreview_path=claimreview if objects else None,
                      settlement=settlement)
    # Written as rendered (the same text as json.dumps and render_html), never whole in memory.
    atomic_write_parts(paths.json_path, chain(json.JSONEncoder(ensure_ascii=False, indent=2).iterencode(data), ["\n"]),
                       what="report")
    markdown = markdown_lines(report, reports_dir=reports_dir, snapshots=dict(snapshots or {}), reviews=lines)
    atomic_write_parts(paths.markdown_path, _joined(markdown, "\n"), what="report")
    page = html_lines(data, contexts=contexts or {}, snapshots=links, claim_reviews=objects)
    atomic_write_parts(paths.html_path, _joined(page, "\n"), what="report")
    if objects:
        atomic_write(claimreview, render_claimreview(objects), what="report")
    else:
        claimreview.unlink(missing_ok=True)  # no review holds any more: no fact-check to publish
    return paths


def _joined(parts: Iterator[str], separator: str) -> Iterator[str]:
    """``separator.join(parts)``, as parts."""
    first = next(parts, None)
    if first is None:
        return
    yield first
    for part in parts:
        yield separator
        yield part


def _relative(path: str, base: Path) -> str:
    try:
        return Path(os.path.relpath(path, base)).as_posix()
    except ValueError:
        return Path(path).as_posix()
