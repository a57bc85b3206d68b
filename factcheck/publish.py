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
from collections.abc import Iterator, Mapping, Sequence
from itertools import chain
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast, overload

from .claimreview import claim_reviews, render_claimreview
from .html_report import Context, QuoteKey, html_lines
from .models import ClaimResult, Report
from .results import ClaimResults
from .report import claim_json, markdown_parts, to_json_data
from .files import atomic_write, atomic_write_parts
from .reviews import Settlement, annotate, load_reviews, markdown_line, reviews_path, settle

__all__ = ["write_reports", "Published", "ClaimRecords", "json_parts"]


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
    # Each claim's record is made from its result when a writer reaches it, never all at once: as dicts,
    # 20,000 claims' records would take ~2.4 KB each on top of the results they are made from.
    head = to_json_data(report, with_claims=False)
    settlement = settle({**head, "claims": ClaimRecords(report.claims)}, reviews)
    data = _annotated(head, report, settlement, reviews.path)
    links = {url: _relative(path, reports_dir) for url, path in (snapshots or {}).items()}
    lines = {st.claim_id: line for st in settlement.claims if (line := markdown_line(st))}
    # Only the claims with a current review can give a ClaimReview: the others are not read for it.
    reviewed = [i for i, st in enumerate(settlement.claims) if st.state == "reviewed"]
    objects = claim_reviews({**data, "claims": [data["claims"][i] for i in reviewed]},
                            article_url=article_url, language=language)
    claimreview = reports_dir / f"{stem}.claimreview.json"
    paths = Published(markdown_path=reports_dir / f"{stem}.md", json_path=reports_dir / f"{stem}.json",
                      html_path=reports_dir / f"{stem}.html", claimreview_path=claimreview if objects else None,
                      settlement=settlement)
    # Written as rendered (the same text as json.dumps and render_html), never whole in memory.
    atomic_write_parts(paths.json_path, chain(json_parts(data), ["\n"]), what="report")
    markdown = markdown_parts(report, reports_dir=reports_dir, snapshots=dict(snapshots or {}), reviews=lines)
    atomic_write_parts(paths.markdown_path, markdown, what="report")
    # Results kept on disk (results.ClaimResults) keep each claim's quote contexts with it.
    own = report.claims.contexts if isinstance(report.claims, ClaimResults) else None
    page = html_lines(data, contexts=contexts or {}, snapshots=links, claim_reviews=objects, claim_contexts=own)
    atomic_write_parts(paths.html_path, _joined(page, "\n"), what="report")
    if objects:
        atomic_write(claimreview, render_claimreview(objects), what="report")
    else:
        claimreview.unlink(missing_ok=True)  # no review holds any more: no fact-check to publish
    return paths


class ClaimRecords(Sequence[dict[str, Any]]):
    """The claims' records of the report JSON (``report.claim_json``), each made when it is read;
    with ``settlement``, each with its review as ``reviews.annotate`` adds it."""

    def __init__(self, results: Sequence[ClaimResult], settlement: Settlement | None = None,
                 reviews_file: str | None = None) -> None:
        self.results, self.settlement, self.reviews_file = results, settlement, reviews_file

    def __len__(self) -> int:
        return len(self.results)

    @overload
    def __getitem__(self, index: int) -> dict[str, Any]: ...

    @overload
    def __getitem__(self, index: slice) -> list[dict[str, Any]]: ...

    def __getitem__(self, index: int | slice) -> dict[str, Any] | list[dict[str, Any]]:
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        record = claim_json(self.results[index])
        if self.settlement is None:
            return record
        # settle() gives the statuses in claim order: the one of this claim alone, so annotate() is O(1)
        alone = Settlement(claims=(self.settlement.claims[index],), dead_sources=(), unsettled=0)
        return cast(dict[str, Any], annotate({"claims": [record]}, alone, self.reviews_file)["claims"][0])


def _annotated(head: dict[str, Any], report: Report, settlement: Settlement,
               reviews_file: str | None) -> dict[str, Any]:
    """``reviews.annotate`` of the whole report data, its claims' records made as they are read."""
    data = annotate(head, settlement, reviews_file)  # head has no claims; its counts come from the settlement
    data["claims"] = ClaimRecords(report.claims, settlement, reviews_file)
    return data


def json_parts(data: Mapping[str, Any]) -> Iterator[str]:
    """``json.dumps(data, ensure_ascii=False, indent=2)`` in parts, each list of ``data`` (or any
    sequence, such as ``ClaimRecords``) one item at a time. A JSON string never holds a raw newline, so each
    value encoded alone is indented to its depth by indenting its lines."""
    encoder = json.JSONEncoder(ensure_ascii=False, indent=2)
    if not data:
        yield "{}"
        return
    for n, (key, value) in enumerate(data.items()):
        yield ("{" if n == 0 else ",") + "\n  " + encoder.encode(str(key)) + ": "
        if not isinstance(value, Sequence) or isinstance(value, str):
            yield encoder.encode(value).replace("\n", "\n  ")
            continue
        if not value:
            yield "[]"
            continue
        for i, item in enumerate(value):
            yield ("[" if i == 0 else ",") + "\n    " + encoder.encode(item).replace("\n", "\n    ")
        yield "\n  ]"
    yield "\n}"


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
