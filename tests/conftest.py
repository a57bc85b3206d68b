from __future__ import annotations

import faulthandler
import os
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent))
from siteserver import SiteServer  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
FEUD_ARTICLE = ROOT / "claims" / "feud.zh.md"
DEV_DATA = ROOT / "bench" / "data"


HANG_SECONDS = 600  # no test takes a tenth of this; the whole suite takes about 2 minutes


@pytest.fixture(autouse=True)
def _hang_watchdog():
    """A test stuck for HANG_SECONDS prints every thread's stack and ends the run, so a hang (seen twice
    in test_executor's Dask tests on a machine at load 6, never reproduced alone) fails CI in minutes with
    the place it hung, instead of running past CI's time limit with nothing to show."""
    faulthandler.dump_traceback_later(HANG_SECONDS, exit=True)
    yield
    faulthandler.cancel_dump_traceback_later()


@pytest.fixture
def site():
    server = SiteServer().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def _model_cache_home(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("xdg-cache")


@pytest.fixture(autouse=True)
def _no_real_wayback(monkeypatch, _model_cache_home):
    """Tests reach only 127.0.0.1: the Wayback fallback is off unless a test points it at a local server.

    The suite's servers live on 127.0.0.1, which the private-address guard refuses by default: the
    suite opts in (FACTCHECK_ALLOW_PRIVATE=1), except the guard's own tests (tests/test_guard.py).
    Nothing is written outside tmp: the sentence encoder's ready-to-map copy goes to a cache of the
    session's own (XDG_CACHE_HOME; spawned workers inherit it), not to ~/.cache."""
    monkeypatch.setenv("FACTCHECK_WAYBACK", "0")
    monkeypatch.setenv("FACTCHECK_ALLOW_PRIVATE", "1")
    monkeypatch.delenv("FACTCHECK_MODEL_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(_model_cache_home))


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    """Run in a temp folder with its own cache/ and reports/, fast fetch settings."""
    monkeypatch.chdir(tmp_path)
    for key in list(os.environ):
        if key.startswith("FACTCHECK_"):
            monkeypatch.delenv(key)
    monkeypatch.setenv("FACTCHECK_BACKOFF", "0.01")
    monkeypatch.setenv("FACTCHECK_WAYBACK", "0")  # never ask the real Wayback Machine from a test
    monkeypatch.setenv("FACTCHECK_TOTAL_TIMEOUT", "10")
    monkeypatch.setenv("FACTCHECK_ALLOW_PRIVATE", "1")  # the suite's servers are on 127.0.0.1
    return tmp_path


@pytest.fixture
def runner():
    return CliRunner()


def invoke(runner: CliRunner, args: list[str]):
    """Run the CLI as a user would; errors map to exit codes as in a shell."""
    from factcheck.cli import cli

    return runner.invoke(cli, [str(a) for a in args], catch_exceptions=False)


class MemoryStore:
    """A VectorStore in a dict, as the pipeline's relay is: rows by (key, model), and how many were put."""

    def __init__(self):
        self.rows, self.puts = {}, 0

    def get_vectors(self, key, model):
        return self.rows.get((key, model))

    def put_vectors(self, key, model, data, dim, count):
        self.puts += 1
        self.rows[(key, model)] = (data, dim, count)

    def _read(self):
        """The one stored document's (mask, vectors), read as a new process would."""
        from factcheck.match.embed import SentenceVectors

        [((key, _), (_, _, count))] = self.rows.items()
        return SentenceVectors(self)._load(key, count)

    def filled(self):
        """The one stored document's rows whose vectors were computed."""
        return self._read()[0]

    def vectors(self):
        """The one stored document's vectors (zeros where none was computed)."""
        return self._read()[1]
