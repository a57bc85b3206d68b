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
