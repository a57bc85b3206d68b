"""Crash safety: kill -9 of a real ``factcheck run`` mid-run, two runs at once
on one cache, and ``factcheck archive verify`` finding damage."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import invoke
from siteserver import SITES, SiteServer

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = (SITES / "article.html").read_bytes()
CLAIM = "Elon Musk and Sam Altman co-founded OpenAI in 2015 as a nonprofit."


def factcheck(args: list[str], cwd: Path, extra_env: dict[str, str] | None = None, **kwargs) -> subprocess.Popen:
    """The real CLI in a child process, importing this worktree's package."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("FACTCHECK_")}
    env.update(extra_env or {})
    env.update(PYTHONPATH=str(ROOT), FACTCHECK_BACKOFF="0.01", FACTCHECK_TOTAL_TIMEOUT="20",
               FACTCHECK_PER_HOST="8", FACTCHECK_CONCURRENCY="8",
               FACTCHECK_ALLOW_PRIVATE="1",  # its servers are on 127.0.0.1
               FACTCHECK_WAYBACK="0")  # a source that dies is never looked up at the real Wayback Machine
    pipes = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, **kwargs}  # or where the caller says
    # Ctrl-C raises KeyboardInterrupt, as in a terminal: a shell that runs the suite in the background starts it
    # with SIGINT ignored, which every child inherits (the Ctrl-C tests then waited 30 s on a run that never
    # heard it)
    code = ("import signal; signal.signal(signal.SIGINT, signal.default_int_handler); "
            "from factcheck.cli import main; main()")
    return subprocess.Popen([sys.executable, "-c", code, *args], cwd=cwd, env=env, **pipes)


def write_claims(path: Path, urls: list[str]) -> None:
    lines = ["claims:"]
    for i, url in enumerate(urls):
        lines += [f"  - id: c{i}", f"    text: {CLAIM}", f"    sources: [{url}]"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def rows(cache: Path) -> int:
    db = cache / "archive.db"
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("select count(*) from fetches").fetchone()[0]
    except sqlite3.OperationalError:  # schema not created yet
        return 0


@pytest.fixture
def gated_site():
    """20 fast pages, and 10 slow ones that answer only once ``release`` is set."""
    site = SiteServer().start()
    release = threading.Event()

    def slow(handler) -> None:
        release.wait(30)
        body = ARTICLE.replace(b"December 2015", b"December 2015 (slow copy)")
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    fast = [site.add(f"/fast/{i}", ARTICLE.replace(b"</article>", f"<p>Page {i}.</p></article>".encode()))
            for i in range(20)]
    slow_urls = [site.add(f"/slow/{i}", slow) for i in range(10)]
    yield site, fast, slow_urls, release
    release.set()
    site.stop()


def test_kill_9_mid_run_keeps_a_consistent_archive_and_the_next_run_completes(gated_site, tmp_path, runner):
    from factcheck.archive import Archive

    site, fast, slow_urls, release = gated_site
    write_claims(tmp_path / "claims.yaml", fast + slow_urls)
    child = factcheck(["run", "claims.yaml"], tmp_path)
    deadline = time.monotonic() + 60
    while rows(tmp_path / "cache") < len(fast) and time.monotonic() < deadline and child.poll() is None:
        time.sleep(0.05)
    assert child.poll() is None, child.communicate()  # still waiting on the slow pages
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert not (tmp_path / "reports").exists()  # killed before reporting

    # The archive is consistent: every blob hashes back, every row's blob exists.
    with Archive(tmp_path / "cache") as archive:
        result = archive.verify()
        assert result.ok, result
        assert result.blobs_checked >= 1
        kept = {url for url in fast if archive.last_good(url) is not None}
    assert kept == set(fast)  # every page fetched before the kill survived

    # Finished work is reused: an offline run verifies the fast claims from those copies.
    offline = factcheck(["run", "--offline", "claims.yaml"], tmp_path)
    out, err = offline.communicate(timeout=120)
    assert offline.returncode == 0, err.decode()  # completed: the slow sources are only unverifiable offline
    data = json.loads((tmp_path / "reports" / "claims.json").read_text())
    by_url = {s["url"]: s for s in data["sources"]}
    assert all(by_url[url]["from_archive"] for url in fast)
    assert all(not by_url[url]["from_archive"] for url in slow_urls)

    # And a live run, now that the slow pages answer, completes.
    release.set()
    again = factcheck(["run", "claims.yaml"], tmp_path)
    out, err = again.communicate(timeout=120)
    assert again.returncode in (0, 1), err.decode()
    data = json.loads((tmp_path / "reports" / "claims.json").read_text())
    assert {s["status"] for s in data["sources"]} == {"ok"}
    verify = invoke(runner, ["archive", "verify", "--cache", tmp_path / "cache", "--json"])
    assert verify.exit_code == 0 and json.loads(verify.stdout)["ok"] is True


def test_two_runs_at_once_on_one_cache_do_not_corrupt_it(site, tmp_path, runner):
    from factcheck.archive import Archive

    urls = [site.add(f"/p/{i}", ARTICLE.replace(b"</article>", f"<p>Page {i % 12}.</p></article>".encode()))
            for i in range(24)]
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    write_claims(tmp_path / "a" / "claims.yaml", urls[:16])
    write_claims(tmp_path / "b" / "claims.yaml", urls[8:])  # 8 URLs in common, same bodies in both
    cache = str(tmp_path / "cache")
    first = factcheck(["run", "--cache", cache, "claims.yaml"], tmp_path / "a")
    second = factcheck(["run", "--cache", cache, "claims.yaml"], tmp_path / "b")
    for child in (first, second):
        out, err = child.communicate(timeout=120)
        assert child.returncode in (0, 1), err.decode()
    with Archive(cache) as archive:
        result = archive.verify()
        assert result.ok and not result.orphan_blobs, result
        assert rows(Path(cache)) == 32
        assert all(archive.last_good(url) is not None for url in urls)
    verify = invoke(runner, ["archive", "verify", "--cache", cache])
    assert verify.exit_code == 0 and "all good" in verify.output


def test_archive_verify_reports_corrupt_and_missing_blobs(site, workdir, runner):
    from factcheck.archive import Archive

    urls = [site.add(f"/p/{i}", ARTICLE.replace(b"</article>", f"<p>Page {i}.</p></article>".encode()))
            for i in range(2)]
    write_claims(workdir / "claims.yaml", urls)
    invoke(runner, ["run", "claims.yaml"])
    with Archive(workdir / "cache") as archive:
        first, second = (archive.last_good(url).body_sha256 for url in urls)
        corrupt = archive._blob_path(first)
        missing = archive._blob_path(second)
    corrupt.write_bytes(corrupt.read_bytes()[:-7] + b"garbage")
    missing.unlink()
    (missing.parent / ".tmp-leftover").write_bytes(b"half a blob from a killed run")
    result = invoke(runner, ["archive", "verify"])
    assert result.exit_code == 1
    assert f"corrupt: {first}" in result.output and f"missing: {second}" in result.output
    data = json.loads(invoke(runner, ["archive", "verify", "--json"]).stdout)
    assert data["ok"] is False and data["bad_blobs"] == [first] and data["missing_blobs"] == [second]
