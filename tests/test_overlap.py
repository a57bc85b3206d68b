"""Extraction and matching overlap with fetching (factcheck/workers.py ``Primer``, factcheck/executor.py
``Stream``): a source is matched while the others are still being fetched, the report is the one the
pipeline writes when it extracts and matches everything itself, and a worker that dies on a source
twice costs that source only."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import threading
import time
from pathlib import Path

import pytest

from test_crash import factcheck, gated_site  # noqa: F401 - gated_site is a fixture
from test_crash import write_claims as crash_claims
from test_executor import comparable, write_claims

from factcheck.archive import Archive
from factcheck.checks import check_urls
from factcheck.claims import load_claims
from factcheck.config import Settings
from factcheck.executor import WORKER_DIED, LocalExecutor
from factcheck.pipeline import run
from factcheck.verdicts import assess, open_matcher
from factcheck.workers import prime_archive

from siteserver import SITES

ARTICLE = (SITES / "article.html").read_bytes()
CLAIM = "Elon Musk and Sam Altman co-founded OpenAI in December 2015 as a nonprofit."


def processes_in(folder: Path) -> list[str]:
    """The processes whose working folder is ``folder`` (a run and the workers it spawned), as "pid state
    command [signal masks]"; Linux's /proc."""
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            if (proc / "cwd").resolve() == folder.resolve():
                state = (proc / "stat").read_text().rsplit(")", 1)[1].split()[0]
                command = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")[:160]
                # its signals, as masks: pending, blocked, ignored, caught (SIGINT is bit 1)
                masks = " ".join(line.replace("\t", "") for line in (proc / "status").read_text().splitlines()
                                 if line.startswith(("SigPnd", "ShdPnd", "SigBlk", "SigIgn", "SigCgt")))
                found.append(f"{proc.name} {state} {command} [{masks}]")
        except OSError:  # gone meanwhile, or not ours to read
            continue
    return found


def stopped_after(child, seconds: float, folder: Path, stderr: Path) -> None:
    """Wait for ``child`` (its stderr going to the file ``stderr``, so that no worker left behind can hold a
    pipe open); when it takes longer than ``seconds``, fail with what held it: the run's processes (the child
    and the workers it spawned, all working in ``folder``) and each of the child's threads' stacks (through
    faulthandler, on SIGABRT)."""
    try:
        child.wait(timeout=seconds)
        return
    except subprocess.TimeoutExpired:
        running = processes_in(folder)
    child.send_signal(signal.SIGABRT)
    try:
        child.wait(timeout=15)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()
    pytest.fail(f"{seconds:g} s after Ctrl-C, factcheck run did not stop. Its processes:\n" + "\n".join(running)
                + f"\nits threads:\n{stderr.read_text(errors='replace')[-6000:]}")


def verdict_rows(cache: Path) -> int:
    """Verdicts the archive holds now, read by another connection (as another process would)."""
    db = cache / "archive.db"
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("select count(*) from verdicts").fetchone()[0]
    except sqlite3.OperationalError:  # schema not created yet
        return 0


@pytest.mark.parametrize("workers", [2])  # one local worker matches after fetching (workers.Primer)
def test_a_fetched_source_is_matched_while_a_slow_one_is_still_being_fetched(site, workdir, workers):
    """The slow page answers only once the archive holds a verdict for the fast ones (or after 6 s):
    before, nothing was matched until every page had arrived."""
    cache, seen = workdir / "cache", []

    def slow(handler) -> None:
        deadline = time.monotonic() + 6
        while verdict_rows(cache) == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        seen.append(verdict_rows(cache))
        body = ARTICLE.replace(b"December 2015", b"December 2015 (slow copy)")
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    urls = [site.add(f"/fast/{i}", ARTICLE.replace(b"</article>", f"<p>Page {i}.</p></article>".encode()))
            for i in range(3)] + [site.add("/slow", slow)]
    lines = ["claims:"]
    for i, url in enumerate(urls):
        lines += [f"  - id: c{i}", f"    text: {CLAIM}", f"    sources: ['{url}']"]
    (workdir / "claims.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    settings = Settings.from_env(cache_dir=cache, reports_dir=workdir / "reports", matcher="lexical",
                                 workers=workers)
    result = run(load_claims(workdir / "claims.yaml"), settings)
    assert seen and seen[0] >= 1  # a fast source's verdict was stored before the slow page answered
    assert [c.verdict.verdict for c in result.report.claims] == ["supported"] * 4


def fixed_clock():
    from datetime import datetime, timezone

    return datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)


def in_process(directory: Path, claims: Path, **settings: object) -> tuple[bytes, bytes]:
    """The report when this process extracts and matches every source itself, after fetching (no Primer)."""
    chosen = Settings.from_env(cache_dir=directory / "cache", reports_dir=directory / "reports", **settings)
    claims_file = load_claims(claims)
    with Archive(chosen.cache_dir) as archive:
        matcher = open_matcher(chosen, archive)
        urls = [ref.url for ref in claims_file.sources]
        records = {c.fetch.url: c.record for c in check_urls(archive, urls, chosen, purpose="source",
                                                              clock=fixed_clock)}
        result = assess(archive, claims_file, records, matcher, chosen, clock=fixed_clock, say=lambda m: None)
    return result.markdown_path.read_bytes(), result.json_path.read_bytes()


def primed_after(directory: Path, claims: Path, **settings: object) -> tuple[bytes, bytes]:
    """Every source handed to the Primer at once after fetching: most wait as bodiless records."""
    chosen = Settings.from_env(cache_dir=directory / "cache", reports_dir=directory / "reports", **settings)
    claims_file = load_claims(claims)
    with Archive(chosen.cache_dir) as archive:
        matcher = open_matcher(chosen, archive)
        urls = [ref.url for ref in claims_file.sources]
        records = {c.fetch.url: c.record for c in check_urls(archive, urls, chosen, purpose="source",
                                                              clock=fixed_clock)}
        assert prime_archive(archive, records, claims_file.claims, matcher, chosen) == {}
        result = assess(archive, claims_file, records, matcher, chosen, clock=fixed_clock, say=lambda m: None)
    return result.markdown_path.read_bytes(), result.json_path.read_bytes()


@pytest.mark.parametrize("workers", [1, 2])
def test_the_overlapped_run_writes_the_report_byte_for_byte(site, workdir, workers):
    write_claims(site, workdir / "claims.yaml")
    for i in range(8):  # more sources than the executor's window: some wait for room
        url = site.add(f"/more/{i}", ARTICLE.replace(b"</article>", f"<p>Page {i}.</p></article>".encode()))
        (workdir / "claims.yaml").write_text((workdir / "claims.yaml").read_text(encoding="utf-8")
                                             + f"  - id: more-{i}\n    text: {CLAIM}\n    sources: ['{url}']\n",
                                             encoding="utf-8")
    alone = in_process(workdir / "alone", workdir / "claims.yaml")
    after = primed_after(workdir / "after", workdir / "claims.yaml", workers=workers)
    chosen = Settings.from_env(cache_dir=workdir / "run" / "cache", reports_dir=workdir / "run" / "reports",
                               workers=workers)
    result = run(load_claims(workdir / "claims.yaml"), chosen, now=fixed_clock)
    overlapped = result.markdown_path.read_bytes(), result.json_path.read_bytes()
    assert b"supported" in alone[0]
    assert comparable(result.json_path) == comparable(workdir / "alone" / "reports" / "claims.json")
    assert overlapped == alone
    assert after == alone


def test_a_stream_keeps_its_window_and_never_waits_in_put():
    gate, started = threading.Event(), []

    def slow_double(item: int) -> int:
        started.append(item)
        gate.wait(10)
        return item * 2

    with LocalExecutor(1) as executor:
        stream = executor.stream(slow_double, lost=lambda item, why: None)
        taken = 0
        while stream.room():
            stream.put(taken)
            taken += 1
        assert taken == 4  # one worker's window
        assert stream.ready() == []  # nothing finished, and nothing waited for
        gate.set()
        stream.wait()
        results = stream.ready()
        assert results and set(results) <= {0, 2, 4, 6}
        assert sorted(results + list(stream.finish())) == [0, 2, 4, 6]
        assert not stream.busy()


def kill_on_poison(item: str) -> str:
    """Runs on a pool worker: the worker dies (SIGKILL) on the poison item."""
    if item == "poison":
        os.kill(os.getpid(), signal.SIGKILL)
    return item.upper()


def test_a_worker_killed_mid_stream_costs_only_its_item():
    with LocalExecutor(2) as executor:
        stream = executor.stream(kill_on_poison, lost=lambda item, why: f"lost {item}: {why}")
        results: list[str] = []
        for item in ["a", "b", "poison", "c", "d", "e", "f", "g", "h", "i", "j", "k"]:
            while not stream.room():
                stream.wait()
                results += stream.ready()
            stream.put(item)
            results += stream.ready()
        results += list(stream.finish())
    assert sorted(r for r in results if not r.startswith("lost")) == list("ABCDEFGHIJK")
    assert [r for r in results if r.startswith("lost")] == [f"lost poison: {WORKER_DIED}"]


def mark_and_sleep(path: str) -> str:
    """Runs on a pool worker: says which process took the item, then works on it for two minutes."""
    Path(path).write_text(str(os.getpid()))
    time.sleep(120)
    return path


def alive(pid: int) -> bool:
    """Is process ``pid`` running (not gone, nor a zombie waiting to be reaped)?"""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_an_interrupted_pool_stops_its_workers_without_waiting_on_their_work(tmp_path):
    # before, the pool was shut down waiting on the work in flight: Ctrl-C took as long as the slowest item
    marker = tmp_path / "taken"
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        with LocalExecutor(2) as executor:
            executor.stream(mark_and_sleep, lost=lambda item, why: None).put(str(marker))
            while not marker.exists() or not marker.read_text():
                assert time.monotonic() - started < 60, "no worker took the item"
                time.sleep(0.05)
            raise KeyboardInterrupt
    assert time.monotonic() - started < 60  # not the item's two minutes
    deadline = time.monotonic() + 10
    while alive(int(marker.read_text())) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not alive(int(marker.read_text()))


@pytest.mark.parametrize("workers", ["2"])  # one local worker matches after fetching (workers.Primer)
def test_ctrl_c_while_fetching_and_matching_leaves_a_consistent_archive(gated_site, tmp_path, workers):
    """Ctrl-C while the slow pages are still out and the fast ones were matched meanwhile: the run
    stops (its workers with it), the archive verifies, and what was matched is kept for the next run."""
    site, fast, slow_urls, release = gated_site
    crash_claims(tmp_path / "claims.yaml", fast + slow_urls)
    # PYTHONFAULTHANDLER: should the child not stop, SIGABRT makes it print where each of its threads waits
    stderr = tmp_path / "stderr.txt"
    with stderr.open("wb") as err:
        child = factcheck(["run", "--matcher", "lexical", "--workers", workers, "claims.yaml"], tmp_path,
                          extra_env={"PYTHONFAULTHANDLER": "1"}, stdout=subprocess.DEVNULL, stderr=err)
    deadline = time.monotonic() + 60
    while verdict_rows(tmp_path / "cache") < len(fast) and time.monotonic() < deadline and child.poll() is None:
        time.sleep(0.05)
    assert child.poll() is None, stderr.read_text()  # still waiting on the slow pages
    assert verdict_rows(tmp_path / "cache") == len(fast)  # every fast page matched while the slow ones are out
    ignored = int(next(line for line in Path(f"/proc/{child.pid}/status").read_text().splitlines()
                       if line.startswith("SigIgn")).split()[1], 16)
    assert not ignored & (1 << (signal.SIGINT - 1)), "the run ignores SIGINT (started by a shell in the background?)"
    child.send_signal(signal.SIGINT)
    stopped_after(child, 30, tmp_path, stderr)
    assert child.returncode != 0
    deadline = time.monotonic() + 10  # and no worker it spawned is left behind
    while processes_in(tmp_path) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not processes_in(tmp_path)
    assert not (tmp_path / "reports").exists()  # interrupted before reporting
    with Archive(tmp_path / "cache") as archive:
        result = archive.verify()
        assert result.ok, result
    offline = factcheck(["run", "--offline", "--matcher", "lexical", "claims.yaml"], tmp_path)
    _, err = offline.communicate(timeout=120)
    assert offline.returncode == 0, err.decode()
    assert verdict_rows(tmp_path / "cache") == len(fast)  # nothing matched again: the verdicts were kept
