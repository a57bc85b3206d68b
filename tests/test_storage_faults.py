"""Storage faults: a full disk, a corrupt or newer archive, a report path that is a directory.

Each ends with a clear error and exit 3; nothing already archived is lost and nothing is left
half-written. A full disk is made real without root: the child process gets a file-size limit
(RLIMIT_FSIZE, with SIGXFSZ ignored), so every write past it fails as on a full disk.
"""

from __future__ import annotations

import os
import random
import resource
import signal
import sqlite3
import string
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import invoke

from factcheck.archive import Archive

ROOT = Path(__file__).resolve().parents[1]
PAGE = "<html><head><title>Story</title></head><body><p>" + "The council approved the budget on Monday. " * 30 + "</p></body></html>"
CLAIM = "The council approved the budget on Monday."


def claims(workdir: Path, *urls: str) -> Path:
    listed = ", ".join(f"'{u}'" for u in urls)
    path = workdir / "c.yaml"
    path.write_text(f"claims:\n  - text: {CLAIM}\n    sources: [{listed}]\n", encoding="utf-8")
    return path


def temp_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob(".*") if p.is_file()] if folder.exists() else []


def factcheck_with_file_limit(args: list[str], cwd: Path, limit: int) -> subprocess.CompletedProcess[str]:
    """The real CLI in a child process that cannot write any file past ``limit`` bytes (a full disk)."""
    def limited() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    env = {k: v for k, v in os.environ.items() if not k.startswith("FACTCHECK_")}
    env.update(PYTHONPATH=str(ROOT), FACTCHECK_ALLOW_PRIVATE="1", FACTCHECK_WAYBACK="0", FACTCHECK_BACKOFF="0.01")
    return subprocess.run([sys.executable, "-c", "from factcheck.cli import main; main()", *args], cwd=cwd,
                          env=env, capture_output=True, text=True, timeout=120, preexec_fn=limited)


def test_disk_full_while_archiving_exits_3_and_keeps_what_was_archived(site, workdir, runner):
    first = site.add("/first", PAGE)
    claims(workdir, first)
    assert invoke(runner, ["run", "c.yaml"]).exit_code == 0
    report_before = (workdir / "reports" / "c.md").read_bytes()
    noise = "".join(random.Random(1).choices(string.ascii_letters, k=3_000_000))  # compresses to ~2.2 MB
    big = site.add("/big", f"<html><body><p>{noise}</p></body></html>")
    claims(workdir, first, big)
    done = factcheck_with_file_limit(["run", "c.yaml"], workdir, limit=1_000_000)
    assert done.returncode == 3, done.stderr
    assert "Error: cannot write the archive blob" in done.stderr and "File too large" in done.stderr
    assert "Traceback" not in done.stderr
    assert temp_files(workdir / "cache" / "blobs") == []  # the half-written blob was removed
    with Archive(workdir / "cache") as archive:
        assert archive.verify().ok
        assert archive.last_good(first) is not None  # what was archived before is kept
        assert [c.fetch.status for c in archive.history(big)] == []  # nothing points at a missing blob
    assert (workdir / "reports" / "c.md").read_bytes() == report_before  # the old report is whole


def test_disk_full_while_writing_a_report_leaves_the_old_one_whole(site, workdir, runner):
    path = claims(workdir, site.add("/story", PAGE))
    assert invoke(runner, ["run", "c.yaml"]).exit_code == 0
    reports = workdir / "reports"
    before = {p.name: p.read_bytes() for p in reports.iterdir()}
    title = "Budget " * 60_000  # a 420 kB title: the new report cannot fit, the archive's writes can
    path.write_text(f"title: {title}\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    done = factcheck_with_file_limit(["run", "c.yaml"], workdir, limit=300_000)
    assert done.returncode == 3, done.stderr
    assert "Error: cannot write the report" in done.stderr and "File too large" in done.stderr
    assert "Traceback" not in done.stderr
    assert temp_files(reports) == []
    assert {p.name: p.read_bytes() for p in reports.iterdir()} == before  # the old report, whole


def test_report_path_that_is_a_directory_exits_3(site, workdir, runner):
    url = site.add("/story", PAGE)
    claims(workdir, url)
    (workdir / "reports" / "c.md").mkdir(parents=True)
    result = invoke(runner, ["run", "c.yaml"])
    assert result.exit_code == 3
    assert "Error: cannot write the report" in result.output and "is a directory" in result.output
    assert temp_files(workdir / "reports") == []
    with Archive(workdir / "cache") as archive:
        assert archive.last_good(url) is not None  # the check was archived before the report failed


def test_corrupt_archive_exits_3_and_is_left_as_it_was(site, workdir, runner):
    claims(workdir, site.add("/story", PAGE))
    (workdir / "cache").mkdir()
    garbage = b"this is not an SQLite database\x00" * 100
    (workdir / "cache" / "archive.db").write_bytes(garbage)
    result = invoke(runner, ["run", "c.yaml"])
    assert result.exit_code == 3
    assert "Error: cannot open the archive" in result.output and "fix:" in result.output
    assert (workdir / "cache" / "archive.db").read_bytes() == garbage
    assert site.requests == [] and not (workdir / "reports").exists()


def test_archive_from_a_newer_version_exits_3_untouched(site, workdir, runner):
    url = site.add("/story", PAGE)
    claims(workdir, url)
    assert invoke(runner, ["run", "c.yaml"]).exit_code == 0
    conn = sqlite3.connect(workdir / "cache" / "archive.db")
    conn.execute("PRAGMA user_version=99")
    conn.close()
    result = invoke(runner, ["run", "c.yaml"])
    assert result.exit_code == 3
    assert "written by a newer factcheck (schema version 99" in result.output
    conn = sqlite3.connect(workdir / "cache" / "archive.db")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 99
    assert conn.execute("select count(*) from fetches").fetchone()[0] == 1  # nothing lost, nothing added
    conn.close()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through read-only permissions")
def test_read_only_cache_exits_3(site, workdir, runner):
    claims(workdir, site.add("/story", PAGE))
    assert invoke(runner, ["run", "c.yaml"]).exit_code == 0
    for path in [workdir / "cache", *(workdir / "cache").rglob("*")]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        result = invoke(runner, ["run", "c.yaml"])
        assert result.exit_code == 3 and "Error: cannot" in result.output
    finally:
        for path in [workdir / "cache", *(workdir / "cache").rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
