"""Verdicts are reused across runs only when matcher, claim and text are the same."""

from __future__ import annotations

import json

from conftest import invoke
from factcheck.archive import Archive
from factcheck.extract import document_from_text
from factcheck.match import load_matcher
from factcheck.match.cache import CachedMatcher
from factcheck.models import Claim, SourceRef

PAGE = "Elon Musk and Sam Altman co-founded OpenAI in December 2015. Musk left the board in 2018."


def claim(text: str, translation: str | None = None) -> Claim:
    return Claim(id="c", text=text, sources=(SourceRef("https://e.org/a"),), translation=translation)


def test_same_claim_and_text_is_a_hit_anything_else_a_miss(tmp_path):
    doc = document_from_text("https://e.org/a", PAGE)
    with Archive(tmp_path) as archive:
        cached = CachedMatcher("lexical", archive, lambda: load_matcher("lexical"))
        first = cached.match(claim("Musk left the board in 2018."), doc)
        again = cached.match(claim("Musk left the board in 2018."), doc)
        assert (cached.hits, cached.misses) == (1, 1)
        assert again == first  # evidence offsets and all
        cached.match(claim("Musk left the board in 2018.", translation="x"), doc)
        cached.match(claim("Musk left the board in 2018."), document_from_text("https://e.org/a", PAGE + " More."))
        assert (cached.hits, cached.misses) == (1, 3)
    with Archive(tmp_path) as archive:  # kept between runs, without loading the matcher
        def never():
            raise AssertionError("the matcher should not be loaded for a cached verdict")

        fresh = CachedMatcher("lexical", archive, never)
        assert fresh.match(claim("Musk left the board in 2018."), doc) == first
        other = CachedMatcher("default", archive, never)  # another matcher never sees these verdicts
        assert other._key(claim("Musk left the board in 2018."), doc) != fresh._key(
            claim("Musk left the board in 2018."), doc)


def test_rerun_of_unchanged_pages_gives_the_same_report(site, workdir, runner):
    url = site.page_file("/news/openai-history", "article.html", headers={"ETag": '"v1"'})
    (workdir / "claims.yaml").write_text(f"""sources:
  a: {url}
claims:
  - id: left
    text: Musk left the board of OpenAI in 2018.
    sources: [a]
""")
    invoke(runner, ["run", "claims.yaml"])
    first = json.loads((workdir / "reports" / "claims.json").read_text())
    invoke(runner, ["run", "claims.yaml"])
    second = json.loads((workdir / "reports" / "claims.json").read_text())
    article_requests = [headers for path, headers in site.requests if path == "/news/openai-history"]
    assert len(article_requests) == 2
    assert "if-none-match" not in article_requests[0]
    assert article_requests[1].get("if-none-match") == '"v1"'  # the re-run asked conditionally
    assert second["claims"] == first["claims"]


def test_unknown_matcher_fails_before_fetching(site, workdir, runner):
    url = site.page_file("/a", "article.html")
    (workdir / "claims.yaml").write_text(f"claims:\n  - text: x y z\n    sources: [{url}]\n")
    result = invoke(runner, ["run", "--matcher", "nope", "claims.yaml"])
    assert result.exit_code == 4 and "unknown matcher 'nope'" in result.output
    assert site.hits == {}


def test_a_change_to_the_matcher_code_is_a_new_cache_key(tmp_path):
    import shutil
    from pathlib import Path

    import factcheck.match
    from factcheck.match.cache import code_digest

    copy = tmp_path / "match"
    shutil.copytree(Path(factcheck.match.__file__).parent, copy)
    before = code_digest(copy)
    assert before == code_digest(Path(factcheck.match.__file__).parent)  # the same files, the same digest
    quantities = copy / "quantities.py"
    quantities.write_text(quantities.read_text(encoding="utf-8") + "\n# one more measure word\n", encoding="utf-8")
    assert code_digest(copy) != before
