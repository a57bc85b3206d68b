"""Extraction and matching on other processes (factcheck/executor.py, factcheck/workers.py):
a local process pool and a real local Dask cluster give the same report as one process."""

from __future__ import annotations

import json
import os
import signal
import time
from dataclasses import replace
from functools import partial
from pathlib import Path

import pytest

from conftest import invoke

from factcheck.claims import load_claims
from factcheck.config import Settings
from factcheck.executor import LocalExecutor, SourceWork, open_executor
from factcheck.errors import InputError
from factcheck.models import Claim, Fetch, SourceRef
from factcheck.pipeline import run
from factcheck.workers import Stage, run_source

SITES = Path(__file__).parent / "sites"

CLAIMS = """claims:
  - id: cofounded-2015
    text: Elon Musk and Sam Altman co-founded OpenAI in 2015 as a nonprofit.
    sources: [article, history]
  - id: bid-974
    text: "In February 2025 Musk offered $97.4 billion to buy OpenAI, and the board rejected the offer."
    sources: [article]
  - id: lawsuit
    text: Musk sued OpenAI and Sam Altman in 2024.
    sources: [lawsuit, moved]
  - id: garden
    text: Musk personally planted a vegetable garden at the OpenAI office in 2016.
    sources: [garden]
  - id: via-dead-link
    text: Musk left the board of OpenAI in 2018.
    sources: [gone]
"""


def write_claims(site, path: Path) -> None:
    urls = {
        "article": site.page_file("/news/openai-history", "article.html"),
        "history": site.page_file("/feud/history", "feud/history.html"),
        "lawsuit": site.page_file("/feud/lawsuit", "feud/lawsuit.html"),
        "moved": site.redirect("/old/lawsuit", "/feud/lawsuit"),
        "garden": site.page_file("/home/garden-tips", "unrelated.html"),
        "gone": site.url("/news/removed-story"),
    }
    lines = ["title: Executor test", "sources:"] + [f"  {sid}: {url}" for sid, url in urls.items()]
    path.write_text("\n".join(lines) + "\n" + CLAIMS, encoding="utf-8")


def comparable(report_path: Path) -> dict:
    """The report without the clock: every '*_at' field is dropped."""
    def strip(value):
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if not k.endswith("_at")}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return strip(json.loads(report_path.read_text(encoding="utf-8")))


def run_in(directory: Path, claims: Path, **settings: object) -> tuple[dict, list[str]]:
    said: list[str] = []
    chosen = Settings.from_env(cache_dir=directory / "cache", reports_dir=directory / "reports", **settings)
    result = run(load_claims(claims), chosen, progress=said.append)
    return comparable(result.json_path), said


@pytest.fixture
def claims_path(site, workdir) -> Path:
    write_claims(site, workdir / "claims.yaml")
    return workdir / "claims.yaml"


def test_dask_cluster_and_process_pool_write_the_report_one_process_writes(claims_path, workdir):
    pytest.importorskip("distributed")
    alone, said_alone = run_in(workdir / "one", claims_path)
    on_dask, said_dask = run_in(workdir / "dask", claims_path, executor="dask", workers=2)
    pooled, said_pool = run_in(workdir / "pool", claims_path, workers=2)
    assert not any("executor" in line for line in said_alone)
    assert "extracting and matching on the dask executor, 2 worker(s)" in said_dask
    assert "extracting and matching on the local executor, 2 worker(s)" in said_pool
    verdicts = {c["id"]: c["verdict"] for c in alone["claims"]}
    assert verdicts["cofounded-2015"] in ("supported", "partially_supported")
    assert verdicts["via-dead-link"] == "unverifiable"
    assert on_dask == alone
    assert pooled == alone


def test_rerun_on_the_pool_sends_nothing_when_everything_is_archived(claims_path, workdir):
    run_in(workdir / "a", claims_path, workers=2)
    _, said = run_in(workdir / "a", claims_path, workers=2)
    assert not any("executor" in line for line in said)


def test_run_command_takes_executor_and_workers(claims_path, workdir, runner):
    result = invoke(runner, ["run", "--exit-zero", "--workers", "2", "--executor", "local", "claims.yaml"])
    assert result.exit_code == 0, result.output
    alone, _ = run_in(workdir / "one", Path("claims.yaml"))  # the path as the command got it
    assert comparable(workdir / "reports" / "claims.json") == alone


def test_match_command_on_dask_writes_what_one_process_writes(tmp_path, runner):
    pytest.importorskip("distributed")
    article = (SITES / "feud" / "history.html").read_text(encoding="utf-8")
    rows = [{"id": "a", "claim": "Musk and Altman co-founded OpenAI in 2015.", "source_text": article},
            {"id": "b", "claim": "Tomatoes need six hours of sun.", "source_text": article},
            {"id": "c", "claim": "马斯克和奥尔特曼于2015年共同创立了OpenAI。", "source_text": article}]
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    one, many = tmp_path / "one.jsonl", tmp_path / "dask.jsonl"
    assert invoke(runner, ["match", "--quiet", "--input", pairs, "--output", one]).exit_code == 0
    result = invoke(runner, ["match", "--quiet", "--executor", "dask", "--workers", "2", "--input", pairs,
                             "--output", many])
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["id"] for line in many.read_text("utf-8").splitlines()] == ["a", "b", "c"]
    assert many.read_text("utf-8") == one.read_text("utf-8")


def test_work_items_keep_input_order_on_a_process_pool():
    html = (SITES / "article.html").read_bytes()
    claim = Claim("c", "Musk and Altman co-founded OpenAI in 2015.", (SourceRef("http://127.0.0.1/a"),))
    fetch = Fetch(url="http://127.0.0.1/a", status="ok", reason="200", tag="http-200", fetched_at="2026-01-01",
                  http_status=200, content_type="text/html", body=html)
    items = [SourceWork(f"k{i}", (claim,), fetch=replace(fetch, body=html if i % 2 else b"<html></html>"))
             for i in range(6)]
    with LocalExecutor(2) as pool:
        done = list(pool.map(partial(run_source, Stage("lexical")), items))
    assert [d.key for d in done] == [f"k{i}" for i in range(6)]
    assert all(d.extracted for d in done)
    assert [bool(d.verdicts) for d in done] == [bool(i % 2) for i in range(6)]
    assert done[1].document is not None and "OpenAI" in done[1].document.text


def test_unknown_executor_is_a_clear_error():
    with pytest.raises(InputError, match="unknown executor 'ray'; choose one of: local, dask"):
        open_executor("ray", 2)


def test_environment_chooses_the_executor():
    settings = Settings.from_env({"FACTCHECK_EXECUTOR": "dask", "FACTCHECK_WORKERS": "3"})
    assert (settings.executor, settings.workers) == ("dask", 3)


def test_an_unknown_executor_stops_the_run_before_anything_is_fetched(site, workdir, runner, monkeypatch):
    from conftest import invoke

    url = site.add("/page", "<html><body><p>" + "The bridge opened in 1932. " * 20 + "</p></body></html>")
    (workdir / "c.yaml").write_text(f"claims:\n  - text: The bridge opened in 1932.\n    sources: ['{url}']\n",
                                    encoding="utf-8")
    monkeypatch.setenv("FACTCHECK_EXECUTOR", "ray")
    result = invoke(runner, ["run", "c.yaml"])
    assert result.exit_code == 2
    assert "unknown executor 'ray'" in result.output and "fix:" in result.output
    assert site.requests == []  # nothing was fetched
    assert not (workdir / "reports").exists()


def pool_workers() -> list[int]:
    """Process ids of this process's spawned pool workers (multiprocessing's ``spawn_main``)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat, command = (entry / "stat").read_text(), (entry / "cmdline").read_bytes()
        except OSError:
            continue  # gone meanwhile
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        if parent == os.getpid() and b"spawn_main" in command:
            found.append(int(entry.name))
    return found


POISON = "The Zanzibar lighthouse was rebuilt in 1907."


@pytest.mark.parametrize("executor", ["local", "dask"])
def test_a_source_whose_worker_dies_is_reported_and_the_others_are_all_there(executor, claims_path, workdir, site):
    """A worker process is really killed (SIGKILL) each time it judges one source: the run finishes, every
    other source gets the verdicts a one-process run gives, and the report says why that one was not read."""
    from test_llm import FakeLLM

    if executor == "dask":
        pytest.importorskip("distributed")
    poison_url = site.add("/lighthouse", "<html><head><title>Lighthouse</title></head><body><article>"
                          + "<p>The Zanzibar lighthouse was rebuilt in 1907 after a storm. Keepers lived there "
                            "until 1960.</p>" * 5 + "</article></body></html>")
    claims_path.write_text(claims_path.read_text(encoding="utf-8") + f"  - id: poison\n    text: {POISON}\n"
                           f"    sources: ['{poison_url}']\n", encoding="utf-8")
    llm, killed = FakeLLM(), []

    def reply(body: dict) -> str:
        if POISON in json.dumps(body) and (workers := pool_workers()):
            for pid in workers:  # the pool's processes, the one judging this source among them
                os.kill(pid, signal.SIGKILL)
            killed.append(workers)
            time.sleep(0.1)  # the requester is dead: its answer goes nowhere
        return json.dumps({"verdict": "not_supported", "evidence": [], "missing": [], "explanation": "judged"})

    llm.reply = reply
    tier = {"matcher": "llm", "llm_url": llm.url, "llm_model": "tiny-judge", "llm_timeout": 5.0}
    try:
        alone, _ = run_in(workdir / "one", claims_path, **tier)
        pooled, said = run_in(workdir / "pool", claims_path, executor=executor, workers=2, **tier)
    finally:
        llm.stop()
    # with the items in flight, then alone: then it is the source's doing (Dask first retries a task
    # whose worker died, up to its allowed failures, each time on a worker the nanny restarted)
    assert len(killed) == 2 if executor == "local" else len(killed) >= 2
    assert not any("executor failed" in line for line in said)
    claims = {c["id"]: c for c in pooled["claims"]}
    assert claims.pop("poison")["verdict"] == "unverifiable"
    assert list(claims.values()) == [c for c in alone["claims"] if c["id"] != "poison"]  # nothing else lost
    sources = {s["url"]: s for s in pooled["sources"]}
    assert "not read: its worker process died twice" in sources.pop(poison_url)["reason"]
    assert list(sources.values()) == [s for s in alone["sources"] if s["url"] != poison_url]
