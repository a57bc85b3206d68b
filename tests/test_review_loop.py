"""The review loop end to end: run, review with keys, re-run, a source changes, the review goes stale.

A real local site serves the pages; `factcheck review` is driven through its keys
(CliRunner input); the reviews file is read back as a person would read it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ruamel.yaml import YAML

from conftest import invoke
from factcheck.cli import cli
from siteserver import Page
from test_pipeline import CLAIMS, setup_site, write_claims

REVIEWS = "reviews/claims.yaml"


def run(runner, *args):
    return invoke(runner, ["run", "claims.yaml", *args])


def review(runner, keys: str, *args: str, reviewer: str | None = "Ada Lovelace"):
    """`factcheck review claims.yaml`, typing ``keys``."""
    who = ["--reviewer", reviewer] if reviewer else []
    return runner.invoke(cli, ["review", "claims.yaml", *who, *args], input=keys, catch_exceptions=False)


def reviews_file(workdir) -> dict:
    return YAML(typ="safe").load((workdir / REVIEWS).read_text(encoding="utf-8"))["reviews"]


def report(workdir) -> dict:
    return json.loads((workdir / "reports" / "claims.json").read_text(encoding="utf-8"))


def started(site, workdir, runner):
    urls = setup_site(site)
    write_claims(workdir / "claims.yaml", urls, CLAIMS)
    first = run(runner)
    assert first.exit_code == 1, first.output  # a claim not supported, a dead source
    return urls


def test_review_walks_problems_first_and_saves_each_decision(site, workdir, runner):
    started(site, workdir, runner)
    claims = {c["id"]: c for c in report(workdir)["claims"]}
    done = review(runner, "cccc")
    assert done.exit_code == 0, done.output
    saved = reviews_file(workdir)
    assert set(saved) == set(claims)
    for cid, entry in saved.items():
        assert entry["verdict"] == claims[cid]["verdict"] == entry["matcher_verdict"]
        assert entry["reviewer"] == "Ada Lovelace"
        assert entry["reviewed_at"].endswith("Z")
        urls = [s["url"] for s in claims[cid]["sources"]]
        assert list(entry["sources"]) == urls
    shas = {s["url"]: s["archive_sha256"] for s in report(workdir)["sources"]}
    assert saved["garden"]["sources"] == {u: shas[u] for u in saved["garden"]["sources"]}
    # the problem (garden, not supported) came before the supported claim, unless the matcher
    # flagged the supported one needs_review (unsure claims come first: ordered_for_review)
    out = done.output
    unsure_first = claims["cofounded-2015"].get("needs_review") and not claims["garden"].get("needs_review")
    first, second = ("cofounded-2015", "garden") if unsure_first else ("garden", "cofounded-2015")
    assert out.index(first) < out.index(second)
    assert "4 decided, 0 skipped, 0 still need a person; 4 keys" in out


def test_keys_set_a_verdict_add_a_note_skip_and_quit(site, workdir, runner):
    started(site, workdir, runner)
    first = [line.split()[1] for line in review(runner, "q").output.splitlines() if line.startswith("[1/4]")]
    assert len(first) == 1, "the first claim is shown before any key"
    # note, then set "contradicted" (4) on the first claim; skip the second; quit on the third
    done = review(runner, "nthe page is about gardening\n4sq")
    assert done.exit_code == 0, done.output
    saved = reviews_file(workdir)
    assert list(saved) == first
    entry = saved[first[0]]
    assert entry["verdict"] == "contradicted" and entry["note"] == "the page is about gardening"
    assert entry["verdict"] != entry["matcher_verdict"]
    assert "1 decided, 1 skipped, 3 still need a person" in done.output
    # the next session walks what is left
    again = review(runner, "q")
    assert "[1/3]" in again.output and f"[1/3] {first[0]} " not in again.output


def test_ctrl_c_keeps_the_decisions_already_made(site, workdir, runner):
    started(site, workdir, runner)
    done = review(runner, "c1\x03")
    assert len(reviews_file(workdir)) == 2
    assert "still need a person" in done.output
    assert not list((workdir / "reviews").glob(".*"))  # no temporary file left behind


def test_settled_problems_stop_failing_until_a_source_changes(site, workdir, runner):
    urls = started(site, workdir, runner)
    review(runner, "cccc")
    second = run(runner)
    assert second.exit_code == 0, second.output  # every problem confirmed by a person, evidence unchanged
    data = report(workdir)
    counted = data["reviews"].pop("verdicts")
    assert data["reviews"] == {"file": "reviews/claims.yaml", "reviewed": 4, "stale": 0, "unreviewed": 0,
                               "unsettled_problems": 0}
    # every verdict confirmed: the counts of what stands are the matcher's counts
    assert counted == {k: v for k, v in data["summary"].items() if k != "claims"} and sum(counted.values()) == 4
    assert all(c["review"]["state"] == "reviewed" and c["review"]["reviewer"] == "Ada Lovelace"
               for c in data["claims"])
    md = (workdir / "reports" / "claims.md").read_text(encoding="utf-8")
    assert "Reviewed by Ada Lovelace on" in md
    # the gardening page changes: the review of the claim it backs is out of date, the claim fails again
    site.add("/home/garden-tips", Page("<html><head><title>Garden</title></head><body><article><p>"
                                       + "Tomatoes like sun and steady water in summer. " * 20
                                       + "</p></article></body></html>"))
    third = run(runner)
    assert third.exit_code == 1, third.output
    claims = {c["id"]: c for c in report(workdir)["claims"]}
    assert claims["garden"]["review"]["state"] == "stale"
    assert claims["garden"]["review"]["changed_sources"] == [urls["garden"]]
    assert claims["cofounded-2015"]["review"]["state"] == "reviewed"
    assert "Review out of date" in (workdir / "reports" / "claims.md").read_text(encoding="utf-8")
    # it comes back for review, alone
    back = review(runner, "c")
    assert "[1/1] garden" in back.output and "1 decided" in back.output
    assert run(runner).exit_code == 0


def test_a_person_who_sets_a_problem_verdict_settles_it_too(site, workdir, runner):
    started(site, workdir, runner)
    review(runner, "3333")  # "not supported" for every claim, whatever the matcher said
    again = run(runner)
    assert again.exit_code == 0, again.output
    data = report(workdir)
    assert data["summary"]["not_supported"] <= 2  # the JSON summary stays the matcher's
    # ... while reviews.verdicts counts what the HTML report counts: the person's verdicts
    assert data["reviews"]["verdicts"]["not_supported"] == len(data["claims"]) == 4
    assert all(c["review"]["verdict"] == "not_supported" for c in data["claims"])


def test_html_and_claimreview_show_the_reviews(site, workdir, runner):
    started(site, workdir, runner)
    assert not (workdir / "reports" / "claims.claimreview.json").exists()  # a machine's verdict is no fact-check
    review(runner, "cccc")
    run(runner)
    html = (workdir / "reports" / "claims.html").read_text(encoding="utf-8")
    assert html.count("Reviewed: <strong>") == 4 and "Ada Lovelace" in html
    objects = json.loads((workdir / "reports" / "claims.claimreview.json").read_text(encoding="utf-8"))
    assert len(objects) == 4
    assert {o["author"]["name"] for o in objects} == {"Ada Lovelace"}
    assert all(o["@type"] == "ClaimReview" and o["reviewRating"]["bestRating"] == 5 for o in objects)


def test_review_needs_a_report_and_a_reviewer(site, workdir, runner, monkeypatch):
    write_claims(workdir / "claims.yaml", {"a": "http://127.0.0.1:9/x"}, "claims: []\n")
    missing = invoke(runner, ["review", "claims.yaml", "--reviewer", "X"])
    assert missing.exit_code == 2 and "run 'factcheck run'" in missing.output
    started(site, workdir, runner)
    monkeypatch.setenv("FACTCHECK_REVIEWER", "Grace Hopper")
    done = review(runner, "cq", reviewer=None)
    assert done.exit_code == 0, done.output
    assert {e["reviewer"] for e in reviews_file(workdir).values()} == {"Grace Hopper"}
    monkeypatch.delenv("FACTCHECK_REVIEWER")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(workdir / "no-gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("HOME", str(workdir))
    nobody = review(runner, "q", reviewer=None)
    assert nobody.exit_code == 2 and "--reviewer" in nobody.output


def test_a_broken_reviews_file_stops_the_run_before_any_work(site, workdir, runner):
    urls = setup_site(site)
    write_claims(workdir / "claims.yaml", urls, CLAIMS)
    (workdir / "reviews").mkdir()
    (workdir / REVIEWS).write_text("reviews:\n  garden:\n    verdict: fine\n    reviewer: A\n"
                                   "    reviewed_at: '2026-01-01'\n", encoding="utf-8")
    result = run(runner)
    assert result.exit_code == 2
    assert "reviews/claims.yaml:3" in result.output and "fix: use one of: supported" in result.output
    assert not (workdir / "reports").exists() and site.hits == {}


def test_o_shows_the_archived_copy_in_the_pager_never_a_browser(site, workdir, runner, monkeypatch):
    urls = started(site, workdir, runner)
    monkeypatch.setenv("PAGER", f"{sys.executable} -c \"import pathlib, sys; pathlib.Path('paged').write_text(sys.argv[1])\"")
    done = review(runner, "oq")
    shown = [line.split("archived copy: ", 1)[1] for line in done.output.splitlines() if "archived copy: " in line]
    assert len(shown) == 1
    copy = workdir / shown[0] if not shown[0].startswith("/") else Path(shown[0])
    assert copy.exists() and (workdir / "paged").read_text() == shown[0]
    first = next(line.split()[1] for line in done.output.splitlines() if line.startswith("[1/4]"))
    claim = {c["id"]: c for c in report(workdir)["claims"]}[first]
    sha = {s["url"]: s["archive_sha256"] for s in report(workdir)["sources"]}[claim["sources"][0]["url"]]
    assert copy.name.startswith(sha)  # the archived copy of the first claim shown


def test_the_matchers_unsure_claims_come_first():
    from factcheck.reviews import ClaimStatus, ordered_for_review

    def st(cid, *, unsure=False, problems=0, state="unreviewed"):
        return ClaimStatus(cid, state, "supported", "supported", unsure, problems)

    order = ordered_for_review([st("plain"), st("problem", problems=1), st("done", state="reviewed"),
                                st("unsure", unsure=True), st("stale", state="stale", problems=1)])
    assert [s.claim_id for s in order] == ["unsure", "problem", "stale", "plain"]


def test_a_recheck_that_finds_a_new_copy_makes_the_review_stale(site, workdir, runner):
    started(site, workdir, runner)
    review(runner, "cccc")
    site.add("/news/openai-history", Page("<html><head><title>History</title></head><body><article><p>"
                                          + "OpenAI was founded by a group of people in 2015. " * 10
                                          + "</p></article></body></html>"))
    invoke(runner, ["recheck", "claims.yaml", "--exit-zero"])
    claims = {c["id"]: c for c in report(workdir)["claims"]}
    assert claims["cofounded-2015"]["review"]["state"] == "stale"
    assert claims["garden"]["review"]["state"] == "reviewed"
    html = (workdir / "reports" / "claims.html").read_text(encoding="utf-8")
    assert "Review out of date" in html


def test_in_a_real_terminal_ctrl_c_exits_130_and_keeps_decisions(site, workdir, runner):
    import os
    import pty
    import select
    import time

    started(site, workdir, runner)
    env = {k: v for k, v in os.environ.items() if k != "PAGER"}
    pid, fd = pty.fork()
    if pid == 0:  # the child: factcheck review on a terminal
        os.execvpe(sys.executable, [sys.executable, "-c", "from factcheck.cli import main; main()", "review",
                                    "claims.yaml", "--reviewer", "Ada"], env)
    seen = b""

    def read_until(marker: bytes, count: int) -> None:
        nonlocal seen
        deadline = time.monotonic() + 60
        while seen.count(marker) < count and time.monotonic() < deadline:
            if select.select([fd], [], [], 0.2)[0]:
                try:
                    seen += os.read(fd, 65536)
                except OSError:
                    return

    read_until(b"q quit", 1)
    time.sleep(0.3)  # the terminal goes raw when the key is read
    os.write(fd, b"c")
    read_until(b"q quit", 2)
    time.sleep(0.3)
    os.write(fd, b"\x03")
    read_until(b"interrupted", 1)
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    assert os.waitstatus_to_exitcode(status) == 130, seen[-500:]
    assert len(reviews_file(workdir)) == 1


def test_the_report_of_another_claims_file_is_not_reviewed_as_this_one(site, workdir, runner):
    started(site, workdir, runner)
    (workdir / "other").mkdir()
    (workdir / "other" / "claims.yaml").write_text((workdir / "claims.yaml").read_text())
    done = runner.invoke(cli, ["review", "other/claims.yaml", "--reviewer", "A"], input="c")
    assert done.exit_code == 2 and "this is the report of claims.yaml" in done.output
    assert not (workdir / "other" / "reviews").exists()


def test_all_walks_reviewed_claims_again_and_a_decision_replaces_the_old_one(site, workdir, runner):
    started(site, workdir, runner)
    review(runner, "cccc")
    assert "Nothing needs a person" in review(runner, "").output
    again = review(runner, "2q", "--all")
    assert "[1/4]" in again.output and "1 decided" in again.output
    changed = [e for e in reviews_file(workdir).values() if e["verdict"] == "partially_supported"
               and e["matcher_verdict"] != "partially_supported"]
    assert len(reviews_file(workdir)) == 4 and len(changed) == 1


def test_terminal_control_sequences_from_a_source_never_reach_the_terminal():
    from factcheck.review_cmd import describe
    from factcheck.reviews import ClaimStatus

    evil = "\x1b]0;owned\x07\x1b[2J\x1b[31mred\r\x08"
    claim = {"id": "c", "text": "Claim " + evil, "verdict": "supported", "score": 0.9,
             "sources": [{"url": "https://e.org/" + evil, "verdict": "supported", "score": 0.9,
                          "evidence": [{"text": "Quote " + evil}]}]}
    shown = describe(claim, ClaimStatus("c", "unreviewed", "supported", "supported", False, 0), {}, 1, 1)
    assert not any(ch in shown for ch in "\x1b\x07\r\x08")
    assert "red" in shown
