from __future__ import annotations

import pytest

from factcheck.claims import claim_id, load_claims, parse_claims
from factcheck.errors import ClaimsFileError

GOOD = """title: Example
language: zh
sources:
  a: https://example.org/a
  b: {url: "https://example.org/b", title: "Page B"}
claims:
  - id: first
    text: 2015年他们共同创立了OpenAI
    translation: In 2015 they co-founded OpenAI.
    context: They = Musk and Altman
    sources: [a, b]
  - text: An English claim without an id.
    sources: [https://example.net/c, a]
"""


def test_a_valid_file_becomes_claims_with_resolved_sources():
    parsed = parse_claims(GOOD, "good.yaml")
    assert parsed.title == "Example" and parsed.language == "zh"
    first, second = parsed.claims
    assert first.id == "first" and first.line == 7
    assert [s.url for s in first.sources] == ["https://example.org/a", "https://example.org/b"]
    assert first.sources[1].title == "Page B"
    assert first.query == "In 2015 they co-founded OpenAI."  # translation is what gets matched
    assert second.query == "An English claim without an id."
    assert second.id == claim_id(second.text)
    assert [s.url for s in parsed.sources] == [
        "https://example.org/a", "https://example.org/b", "https://example.net/c"]


def test_generated_ids_are_stable_and_distinct():
    assert claim_id("Musk left the board in 2018.") == claim_id("Musk left the board in 2018.")
    assert claim_id("Musk left the board in 2018.") != claim_id("Musk left the board in 2019.")
    assert claim_id("马斯克辞去董事会职务").startswith("claim-")


@pytest.mark.parametrize("text, line, words", [
    ("claims:\n  - text: a\n    sources: [x]\n", 3, "unknown source id 'x'"),
    ("sources:\n  a: https://e.org/\nclaims:\n  - id: d\n    text: a\n    sources: [a]\n"
     "  - id: d\n    text: b\n    sources: [a]\n", 7, "duplicate claim id 'd'"),
    ("claims:\n  - sources: [https://e.org/]\n", 2, "missing required key 'text'"),
    ("claims:\n  - text: a\n    sources: [ftp://e.org/x]\n", 3, "scheme 'ftp'"),
    ("claims:\n  - text: a\n    sources: [https://]\n", 3, "has no host"),
    ("claims:\n  - text: a\n", 2, "has no 'sources'"),
    ("claims:\n  - text: a\n    sorces: [https://e.org]\n", 3, "did you mean 'sources'"),
    ("- just a list\n", 1, "top level must be a mapping"),
    ("claims: [\n", 2, "invalid YAML"),
    ("claims:\n  - just text\n", 2, "claim must be a mapping"),
    ("claims: []\n", 1, "'claims' is empty"),
    # an escape of half a surrogate pair is no character: nothing could be written or hashed with it
    ('claims:\n  - text: a\n    context: "b \\ud800"\n    sources: [https://e.org/]\n', 3,
     "'context' holds \\ud800, half of a surrogate pair"),
    ('claims:\n  - text: a\n    sources: ["https://e.org/\\udc00"]\n', 3, "source #1 of claim"),
    ('sources:\n  a: "https://e.org/\\ud83d"\nclaims:\n  - text: a\n    sources: [a]\n', 2, "source 'a' holds"),
])
def test_errors_name_the_line_and_the_fix(text, line, words):
    with pytest.raises(ClaimsFileError) as info:
        parse_claims(text, "bad.yaml")
    message = str(info.value)
    assert message.startswith(f"bad.yaml:{line}:"), message
    assert words in message
    assert "fix:" in message


def test_an_escaped_surrogate_pair_is_its_character():
    parsed = parse_claims('claims:\n  - text: "Musk \\ud83d\\ude80 SpaceX"\n    sources: [https://e.org/]\n')
    assert parsed.claims[0].text == "Musk \U0001f680 SpaceX"


def test_file_level_errors(tmp_path):
    with pytest.raises(ClaimsFileError, match="is a directory"):
        load_claims(tmp_path)
    bad = tmp_path / "latin1.yaml"
    bad.write_bytes("claims:\n  - text: caf\xe9\n".encode("latin-1"))
    with pytest.raises(ClaimsFileError, match=r"latin1.yaml:2: not valid UTF-8"):
        load_claims(bad)


def test_feud_claims_file_is_valid_and_verbatim():
    from pathlib import Path

    parsed = load_claims(Path(__file__).parents[1] / "claims" / "feud.yaml")
    article = (Path(__file__).parents[1] / "claims" / "feud.zh.md").read_text(encoding="utf-8")
    assert len(parsed.claims) >= 30
    assert len(parsed.sources) == 7
    for claim in parsed.claims:
        assert claim.text in article, claim.id
        assert claim.translation, claim.id
