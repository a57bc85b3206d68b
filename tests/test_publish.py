"""write_reports makes each claim's record only when a writer reaches it: the files must be the very
bytes that rendering the whole report data at once gives (json.dumps, render_html)."""

from __future__ import annotations

import json
from pathlib import Path

from factcheck.claimreview import claim_reviews
from factcheck.html_report import render_html
from factcheck.publish import ClaimRecords, json_parts, write_reports
from factcheck.report import to_json_data
from factcheck.reviews import Review, annotate, load_reviews, save_review, settle
from test_report import mixed_report


def whole(report, reviews_file: Path) -> tuple[str, str]:
    """The JSON and HTML as the report data held whole renders them."""
    reviews = load_reviews(reviews_file)
    raw = to_json_data(report)
    data = annotate(raw, settle(raw, reviews), reviews.path)
    page = render_html(data, contexts={}, snapshots={}, claim_reviews=claim_reviews(data))
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n", page


def test_streamed_reports_are_the_bytes_of_the_whole_data(tmp_path):
    report = mixed_report()
    reviews_file = tmp_path / "reviews.yaml"
    save_review(reviews_file, Review("absent", "supported", "Ada «L»", "2026-01-02T00:00:00Z", note="a | <b>\nnote",
                                     matcher_verdict="not_supported"), claims_file=report.claims_file)
    save_review(reviews_file, Review("fine", "supported", "Bo", "2026-01-02T00:00:00Z", matcher_verdict="supported",
                                     sources=(("https://news.example.org/story", "a" * 64),)),
                claims_file=report.claims_file)
    out = write_reports(report, tmp_path / "reports", "x", reviews_file=reviews_file)
    json_text, page = whole(report, reviews_file)
    assert out.json_path.read_text(encoding="utf-8") == json_text
    assert out.html_path.read_text(encoding="utf-8") == page
    data = json.loads(json_text)
    assert [c["review"]["state"] for c in data["claims"]] == ["stale", "reviewed", "unreviewed", "unreviewed",
                                                               "unreviewed"]
    assert data["reviews"]["verdicts"]["supported"] == 4  # the reviewed verdict counts, not the matcher's


def test_json_parts_is_json_dumps():
    for data in ({}, {"claims": []}, {"a": 1, "claims": [{"t": "x\ny «é»", "l": [1, {"z": None}]}, {}], "b": []},
                 {"claims": [[]], "n": {"k": [0.5]}, "s": ["a\tb", 2]}, {"notes": ("x",)}):
        assert "".join(json_parts(data)) == json.dumps(data, ensure_ascii=False, indent=2)
    assert "".join(json_parts({"claims": ClaimRecords(()), "x": "[]"})) == '{\n  "claims": [],\n  "x": "[]"\n}'
