"""The install works as the README says: trafilatura's whole cascade runs, and `factcheck doctor`
tells a newcomer what is missing instead of failing on the first page with exit 70."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import trafilatura.external

from factcheck.doctor import PAGE
from factcheck.extract import extract
from factcheck.models import Fetch

ROOT = Path(__file__).resolve().parents[1]


def test_a_short_page_goes_through_trafilaturas_justext_fallback(site, monkeypatch):
    """A short article makes trafilatura compare its result with justext's (the fallback that
    needs lxml_html_clean); the page's text comes out either way."""
    calls = []
    real = trafilatura.external.try_justext

    def counting(*args, **kwargs):
        calls.append(args[1] if len(args) > 1 else None)
        return real(*args, **kwargs)

    monkeypatch.setattr(trafilatura.external, "try_justext", counting)
    page = Fetch(url="http://127.0.0.1/lighthouse", status="ok", reason="HTTP 200", tag="http-200",
                 fetched_at="2026-12-01T00:00:00Z", http_status=200, content_type="text/html; charset=utf-8",
                 body=PAGE)
    document = extract(page)
    assert calls, "trafilatura never reached its justext fallback"
    assert document is not None and "built in 1874" in document.text
    assert "Copyright 2026" not in document.text


def _doctor(tmp_path: Path, extra_path: Path | None = None, cache: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FACTCHECK_")}
    if extra_path is not None:
        env["PYTHONPATH"] = os.pathsep.join([str(extra_path), str(ROOT)])
    return subprocess.run([sys.executable, "-m", "factcheck", "doctor", "--json", "--cache", str(cache or tmp_path / "cache")],
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)


def test_doctor_passes_on_this_install(tmp_path):
    result = _doctor(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert report["ok"] is True
    assert [c["name"] for c in report["checks"]] == ["python", "imports", "fetch", "extract", "match", "cache"]
    assert (tmp_path / "cache" / "archive.db").exists()


def test_doctor_names_the_missing_lxml_html_clean(tmp_path):
    """The broken fresh install of issue 9, re-created: lxml_html_clean cannot be imported."""
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "lxml_html_clean.py").write_text("raise ImportError('No module named lxml_html_clean')\n")
    result = _doctor(tmp_path, broken)
    assert result.returncode == 1, result.stdout + result.stderr
    report = json.loads(result.stdout)
    failed = {c["name"]: c for c in report["checks"] if not c["ok"]}
    assert "imports" in failed and "lxml.html.clean" in failed["imports"]["detail"]
    assert "lxml_html_clean" in failed["imports"]["fix"] or "README" in failed["imports"]["fix"]
    assert "extract" in failed
    assert "Traceback" not in result.stdout + result.stderr


def test_doctor_reports_an_unwritable_cache(tmp_path):
    (tmp_path / "taken").write_text("a file where the cache's parent folder should be")
    result = _doctor(tmp_path, cache=tmp_path / "taken" / "cache")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    cache_check = next(c for c in report["checks"] if c["name"] == "cache")
    assert cache_check["ok"] is False and cache_check["fix"]
