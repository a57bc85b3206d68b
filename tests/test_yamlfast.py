"""The fast YAML path (yamlfast.py) reads claims files as ruamel.yaml does: same values, same lines."""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML

from factcheck.claims import parse_claims
from factcheck.errors import ClaimsFileError
from factcheck.yamlfast import NeedsFullParser, load_marked

ROOT = Path(__file__).resolve().parents[1]

SAMPLE = """title: "A: quoted title"
language: zh
sources:
  builtin: https://builtin.com/articles/openai-history
  wiki: {url: "https://en.wikipedia.org/wiki/OpenAI", title: OpenAI}
claims:
  - id: cofounded-2015
    text: Musk and Altman co-founded OpenAI in 2015.
    translation: >
      folded text
      over two lines
    context: |
      literal
        text
    sources: [builtin, wiki]
  - text: "yes"
    sources:
      - https://example.org/a?b=c#d
      - wiki
  - text: no
    note:
    sources: [builtin]
"""


def marks(value, path=()):
    """Every (path, line) ruamel-style mark of a loaded document, recursively."""
    found = []
    lc = getattr(value, "lc", None)
    if isinstance(value, dict):
        found.append((path, lc.line))
        for key, item in value.items():
            found.append((path + (key,), lc.key(key)[0]))
            found += marks(item, path + (key,))
    elif isinstance(value, list):
        found.append((path, lc.line))
        for index, item in enumerate(value):
            found.append((path + (index,), lc.item(index)[0]))
            found += marks(item, path + (index,))
    return found


@pytest.mark.parametrize("text", [SAMPLE, (ROOT / "claims" / "feud.yaml").read_text(encoding="utf-8")])
def test_values_and_line_marks_are_ruamels(text):
    fast = load_marked(text)
    slow = YAML(typ="rt").load(text)
    assert fast == slow
    assert marks(fast) == marks(slow)
    assert parse_claims(text, "x.yaml") == parse_claims(text, "x.yaml")


@pytest.mark.parametrize("text", [
    "a: &anchor 1\nb: *anchor\n",  # aliases
    "a: !!str 1\n",  # tags
    "a: 1\na: 2\n",  # duplicate keys
    "a: 12\n",  # a number
    "a: true\n",  # a boolean
    "a: 2015-12-11\n",  # a date
    "a: [\n",  # a syntax error
    "--- 1\n--- 2\n",  # two documents
])
def test_unusual_yaml_is_left_to_ruamel(text):
    with pytest.raises(NeedsFullParser):
        load_marked(text)


@pytest.mark.parametrize("text, line, words", [
    ("claims:\n  - id: d\n    text:\n    sources: [https://e.org/]\n", 2, "missing required key 'text'"),
    ("claims:\n  - id: d\n    text: a\n    sources: [https://e.org/]\n  - id: d\n    text: b\n"
     "    sources: [https://e.org/]\n", 5, "duplicate claim id 'd'"),
    ("claims:\n  - text: a\n    sources: [https://e.org/]\n    sources: [https://e.org/b]\n", 4,
     "duplicate key"),  # left to ruamel, which words it
])
def test_errors_name_the_line_on_either_path(text, line, words):
    with pytest.raises(ClaimsFileError) as info:
        parse_claims(text, "bad.yaml")
    assert str(info.value).startswith(f"bad.yaml:{line}:"), str(info.value)
    assert words in str(info.value)


def whole_tree(text: str, name: str = "x.yaml"):
    """The claims as validated from ruamel's whole marked tree: what streaming must equal."""
    from factcheck.claims import _Validator  # the validator itself, fed the tree the slow path builds

    return _Validator(name).file(YAML(typ="rt").load(text))


def test_each_claim_is_handed_over_as_its_mapping_ends():
    seen = []

    def convert(root, node, items, index):
        seen.append((index, len(items), dict(node), sorted(root)))  # the list holds only the items before
        return f"claim {index}"

    data = load_marked(SAMPLE, stream="claims", convert=convert)
    assert data["claims"] == ["claim 0", "claim 1", "claim 2"]
    assert [s[:2] for s in seen] == [(0, 0), (1, 1), (2, 2)]
    assert seen[1][2]["text"] == "yes"
    assert seen[0][3] == ["language", "sources", "title"]  # the keys before 'claims:' are there already
    assert load_marked(SAMPLE, stream="sources", convert=convert)["sources"]["builtin"].startswith("https://")


BIG = "sources:\n  s: https://e.org/s\n  t: {url: 'https://e.org/t', title: T}\nclaims:\n" + "".join(
    f"  - id: c{i}\n    text: claim number {i}\n    sources: [{'s' if i % 3 else 't'}, https://e.org/{i % 7}]\n"
    for i in range(300))


@pytest.mark.parametrize("text", [
    SAMPLE, BIG, (ROOT / "claims" / "feud.yaml").read_text(encoding="utf-8"),
    # 'sources:' after the claims that cite it: those claims wait for the validator
    "claims:\n  - text: a\n    sources: [s]\n  - text: b\n    sources: [www.e.org]\nsources:\n  s: https://e.org/\n"
    "  www.e.org: https://e.org/w\n",
    "claims:\n  - text: a\n    sources: [https://e.org/a]\n",  # no 'sources:' at all
])
def test_claims_built_as_they_are_parsed_equal_the_whole_trees(text):
    assert parse_claims(text, "x.yaml") == whole_tree(text)


@pytest.mark.parametrize("text", [
    # a bad claim before a good one, and an unknown top-level key after the claims: the key is named first
    "claims:\n  - text: a\n    sources: [nope]\n  - text: b\n    sources: [https://e.org/]\ncolour: red\n",
    "claims:\n  - text: a\n    sources: [https://e.org/]\n  - text: b\n    sorces: [https://e.org/]\n",
    "sources:\n  s: not a url\nclaims:\n  - text: a\n    sources: [https://e.org/]\n",
    "claims:\n  - id: d\n    text: a\n    sources: [https://e.org/]\n  - id: d\n    text: b\n"
    "    sources: [https://e.org/]\n",
])
def test_errors_are_the_whole_trees_in_the_same_order(text):
    with pytest.raises(ClaimsFileError) as fast:
        parse_claims(text, "bad.yaml")
    with pytest.raises(ClaimsFileError) as slow:
        whole_tree(text, "bad.yaml")
    assert str(fast.value) == str(slow.value)
