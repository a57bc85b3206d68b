"""The Datasette metadata names only what a real archive has, and its canned queries run.

No Datasette needed: the archive is built by a real run against a local site, then the
metadata is checked against SQLite's own description of the tables, and every canned
query is run with sqlite3.
"""

from __future__ import annotations

import re
import sqlite3
from importlib.resources import files

from ruamel.yaml import YAML

from conftest import invoke
from siteserver import Page
from test_pipeline import CLAIMS, setup_site, write_claims

METADATA = YAML(typ="safe").load(files("factcheck").joinpath("data", "datasette.yaml").read_text(encoding="utf-8"))
ARCHIVE = METADATA["databases"]["archive"]


def archive_after_two_runs(site, workdir, runner) -> sqlite3.Connection:
    urls = setup_site(site)
    write_claims(workdir / "claims.yaml", urls, CLAIMS)
    invoke(runner, ["run", "claims.yaml"])
    site.add("/home/garden-tips", Page("<html><head><title>Garden</title></head><body><article><p>"
                                       + "Tomatoes like sun and steady water in summer. " * 20
                                       + "</p></article></body></html>"))
    invoke(runner, ["run", "claims.yaml"])
    return sqlite3.connect(f"file:{workdir / 'cache' / 'archive.db'}?mode=ro", uri=True)


def test_metadata_names_only_tables_and_columns_that_exist(site, workdir, runner):
    db = archive_after_two_runs(site, workdir, runner)
    tables = {r[0] for r in db.execute("select name from sqlite_master where type = 'table'")}
    assert set(ARCHIVE["tables"]) <= tables
    for table, meta in ARCHIVE["tables"].items():
        columns = {r[1] for r in db.execute(f"pragma table_info({table})")}
        assert set(meta.get("columns", {})) <= columns, (table, set(meta["columns"]) - columns)
        assert set(meta.get("facets", [])) <= columns
        for key in ("sort", "sort_desc"):
            assert meta.get(key, next(iter(columns))) in columns
    # and every table of the archive is described, so a new one is not forgotten
    assert tables - {"sqlite_sequence"} <= set(ARCHIVE["tables"]), tables - set(ARCHIVE["tables"])


def test_canned_queries_run_and_find_what_happened(site, workdir, runner):
    db = archive_after_two_runs(site, workdir, runner)
    found = {}
    for name, query in ARCHIVE["queries"].items():
        params = {p: "" for p in re.findall(r":(\w+)", query["sql"])}
        if "url" in params:
            params["url"] = site.url("/home/garden-tips")
        cursor = db.execute(query["sql"], params)
        found[name] = [dict(zip([d[0] for d in cursor.description], row)) for row in cursor.fetchall()]
        assert query["title"] and query["description"]
    assert [r["url"] for r in found["dead_sources"]] == [site.url("/news/removed-story")]
    changes = {(r["url"], r["change"]) for r in found["changed_this_week"]}
    assert changes == {(site.url("/home/garden-tips"), "content")}
    assert {r["claim_id"] for r in found["claims_by_verdict"]} >= {"cofounded-2015"}
    assert sum(r["pairs"] for r in found["verdicts_by_kind"]) >= 4
    assert len(found["url_history"]) == 2
    assert found["evidence_lost"] == []


def test_pyproject_offers_datasette_as_an_extra():
    from pathlib import Path

    text = (Path(__file__).parents[1] / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r'^datasette = \["datasette', text, re.M)
