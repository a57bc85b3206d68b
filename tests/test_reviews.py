"""The reviews file and ``settle``: report data + reviews -> what a person has settled."""

from __future__ import annotations

import pytest

from factcheck.errors import ReviewsFileError
from factcheck.reviews import Review, Reviews, load_reviews, parse_reviews, save_review, settle

SHA_A = "a" * 64
SHA_B = "b" * 64


def data(verdicts: dict[str, str], *, dead: bool = False, lost: str | None = None, unsure: str | None = None,
         sha: str = SHA_A) -> dict:
    """A small factcheck-report/1 dict: each claim cites the page; claim 'x' also a dead link."""
    claims = []
    for cid, verdict in verdicts.items():
        sources = [{"url": "https://e.org/page", "verdict": verdict, "evidence_lost": cid == lost}]
        if dead and cid == "x":
            sources.append({"url": "https://e.org/gone", "verdict": "unverifiable"})
        claims.append({"id": cid, "verdict": verdict, "needs_review": cid == unsure, "sources": sources})
    sources = [{"url": "https://e.org/page", "status": "ok", "archive_sha256": sha}]
    if dead:
        sources.append({"url": "https://e.org/gone", "status": "dead", "archive_sha256": None})
    return {"schema": "factcheck-report/1", "claims": claims, "sources": sources}


def reviewed(cid: str, verdict: str, pins=(("https://e.org/page", SHA_A),), matcher: str | None = None) -> Review:
    return Review(claim_id=cid, verdict=verdict, reviewer="Ada", reviewed_at="2026-12-01T04:00:00Z",
                  matcher_verdict=matcher or verdict, sources=tuple(pins))


def test_without_reviews_every_problem_counts():
    found = settle(data({"x": "not_supported", "y": "supported", "z": "contradicted"}, dead=True, lost="y"),
                   Reviews("r.yaml"))
    assert found.unsettled == 4  # two bad claims, one lost quote, one dead source
    assert [c.state for c in found.claims] == ["unreviewed"] * 3


def test_a_current_review_settles_its_claim_and_the_dead_source_it_alone_cites():
    report = data({"x": "not_supported", "y": "contradicted"}, dead=True)
    pins = (("https://e.org/page", SHA_A), ("https://e.org/gone", None))
    found = settle(report, Reviews("r.yaml", (reviewed("x", "not_supported", pins),)))
    assert found.unsettled == 1  # y is still a problem; the dead link is settled with x
    states = found.by_id()
    assert states["x"].state == "reviewed" and states["x"].verdict == "not_supported"
    assert found.dead_sources == ()


def test_a_new_archived_copy_makes_the_review_stale():
    report = data({"x": "not_supported"}, sha=SHA_B)
    found = settle(report, Reviews("r.yaml", (reviewed("x", "supported", matcher="not_supported"),)))
    st = found.by_id()["x"]
    assert st.state == "stale" and st.changed == ("https://e.org/page",)
    assert st.verdict == "not_supported"  # the matcher's again, until a person looks
    assert found.unsettled == 1


def test_a_source_added_or_removed_makes_the_review_stale():
    pins = (("https://e.org/page", SHA_A), ("https://e.org/old", SHA_B))
    found = settle(data({"x": "supported"}), Reviews("r.yaml", (reviewed("x", "supported", pins),)))
    assert found.by_id()["x"].changed == ("https://e.org/old",)


def test_a_hand_written_review_without_sources_pins_nothing():
    text = "reviews:\n  x:\n    verdict: supported\n    reviewer: Ada\n    reviewed_at: 2026-12-01\n"
    found = settle(data({"x": "not_supported"}, sha=SHA_B), parse_reviews(text, "r.yaml"))
    assert found.by_id()["x"].state == "reviewed" and found.unsettled == 0


def test_a_person_set_verdict_counts_while_current():
    found = settle(data({"x": "supported"}), Reviews("r.yaml", (reviewed("x", "contradicted", matcher="supported"),)))
    st = found.by_id()["x"]
    assert st.verdict == "contradicted" and st.matcher_verdict == "supported" and not st.review.confirmed
    assert found.unsettled == 0  # a person decided: settled


def test_save_then_load_round_trips_and_keeps_comments(tmp_path):
    path = tmp_path / "reviews" / "x.yaml"
    save_review(path, reviewed("b", "supported"), claims_file="claims/x.yaml")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("reviews:", "# kept by hand\nreviews:"), encoding="utf-8")
    save_review(path, Review("a", "not_supported", "Bo", "2026-12-02T00:00:00Z", note="see: p. 3 # not a comment",
                             matcher_verdict="supported", sources=(("https://e.org/page", None),)),
                claims_file="claims/x.yaml")
    loaded = load_reviews(path)
    assert [r.claim_id for r in loaded.items] == ["b", "a"]
    a = loaded.get("a")
    assert a.note == "see: p. 3 # not a comment" and a.sources == (("https://e.org/page", None),)
    assert loaded.get("b").sources == (("https://e.org/page", SHA_A),)
    assert "# kept by hand" in path.read_text(encoding="utf-8")
    assert (path.stat().st_mode & 0o044) == 0o044  # readable by others, like any file in a repo


@pytest.mark.parametrize("text, line, words", [
    ("reviews:\n  x:\n    verdict: right\n    reviewer: A\n    reviewed_at: '2026-01-01'\n", 3, "use one of"),
    ("reviews:\n  x:\n    verdict: supported\n    reviewed_at: '2026-01-01'\n", 2, "add 'reviewer: ...'"),
    ("reviews:\n  x:\n    verdict: supported\n    reviewer: A\n    reviewed_at: yesterday\n", 5, "ISO 8601"),
    ("reviews:\n  x:\n    verdict: supported\n    reviewer: A\n    reviewed_at: '2026-01-01'\n    mood: ok\n", 6,
     "a review has"),
    ("reviews:\n  x:\n    verdict: supported\n    reviewer: A\n    reviewed_at: '2026-01-01'\n    sources:\n"
     "      https://e.org/: abc\n", 7, "archive_sha256"),
    ("reviews:\n  x: [1, 2\n", 3, "fix the YAML syntax"),
    ("revues:\n  x: {}\n", 1, "top-level keys are"),
    ("reviews:\n  x: supported\n", 2, "give it 'verdict:'"),
])
def test_a_bad_reviews_file_names_file_line_and_fix(tmp_path, text, line, words):
    path = tmp_path / "r.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ReviewsFileError) as caught:
        load_reviews(path)
    assert caught.value.exit_code == 2
    assert caught.value.line == line, caught.value.message
    assert str(path) in caught.value.message and words in caught.value.message


def test_a_note_with_half_a_character_names_its_line(tmp_path):
    path = tmp_path / "r.yaml"
    text = "reviews:\n  x:\n    verdict: supported\n    reviewer: A\n    reviewed_at: '2026-01-01'\n    note: \"{}\"\n"
    path.write_text(text.format("smile \\ud83d\\ude00"), encoding="utf-8")  # both halves: one character
    assert load_reviews(path).get("x").note == "smile \U0001F600"
    path.write_text(text.format("half \\ud83d"), encoding="utf-8")
    with pytest.raises(ReviewsFileError) as caught:
        load_reviews(path)
    assert caught.value.exit_code == 2 and caught.value.line == 6, caught.value.message
    assert "\\ud83d" in caught.value.message and "both halves" in caught.value.message


@pytest.mark.parametrize("typed, saved", [
    ("caf" + b"\xc3\xa9".decode("ascii", "surrogateescape"), "café"),  # UTF-8 read in a C locale
    ("bad " + b"\xff".decode("utf-8", "surrogateescape") + " byte", "bad \ufffd byte"),
    ("lone \ud800 half", "lone \ufffd half"),
])
def test_a_note_typed_on_a_terminal_python_could_not_decode_is_saved_readable(tmp_path, typed, saved):
    path = tmp_path / "reviews" / "x.yaml"
    save_review(path, Review("a", "supported", typed, "2026-12-02T00:00:00Z", note=typed),
                claims_file="claims/x.yaml")
    loaded = load_reviews(path).get("a")
    assert loaded.note == saved and loaded.reviewer == saved


def test_no_file_is_no_reviews(tmp_path):
    assert load_reviews(tmp_path / "none.yaml").items == ()
