"""YAML with line marks, fast: libyaml's events (PyYAML's C parser) built into dicts and lists.

``load_marked(text)`` returns what ruamel.yaml's round-trip loader would for
the plain YAML of claims files (mappings, lists, scalars), with the same
line-mark interface the validator reads (``value.lc.line``,
``value.lc.key(k)``, ``value.lc.item(i)``, 0-based), about 20x faster
(20,000 claims: ~0.4 s instead of ~8 s of CPU). It constructs nothing but
dicts, lists, strings and None: plain scalars are resolved by ruamel's own
YAML 1.2 resolver, and one that is not a string or null (a number, a boolean, a
date) is left to ruamel, as is anything else unusual (anchors and aliases,
tags, several documents, duplicate keys, a syntax error, no libyaml): those
raise ``NeedsFullParser`` and the caller parses with ruamel.yaml, which also
words the errors. A valid claims file holds only strings.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml  # type: ignore[import-untyped]
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.resolver import VersionedResolver

try:
    from yaml import CSafeLoader
except ImportError:  # PyYAML built without libyaml: the fast path is off
    CSafeLoader = None

__all__ = ["load_marked", "NeedsFullParser", "Convert"]

# (root mapping, finished item, its list, its index) -> what the list keeps instead (or the item itself)
Convert = Callable[[Any, Any, Any, int], Any]


class NeedsFullParser(Exception):
    """The text uses YAML this loader leaves to ruamel.yaml (or libyaml is missing)."""


class LineCol:
    """ruamel's ``lc``: where a collection starts and where each of its keys or items is."""

    __slots__ = ("line", "col", "data")

    def __init__(self, line: int, col: int) -> None:
        self.line, self.col = line, col
        self.data: dict[Any, tuple[int, int]] = {}

    def key(self, key: Any) -> tuple[int, int]:
        return self.data[key]

    def item(self, index: int) -> tuple[int, int]:
        return self.data[index]


class MarkedDict(dict[Any, Any]):
    __slots__ = ("lc",)
    lc: LineCol


class MarkedList(list[Any]):
    __slots__ = ("lc",)
    lc: LineCol


def load_marked(text: str, stream: str | None = None, convert: Convert | None = None) -> Any:
    """The document's dicts and lists with their line marks. ``stream`` and ``convert``: each mapping
    or list that is an item of the root mapping's ``stream`` list is handed to ``convert`` as it ends,
    and the list keeps what ``convert`` returns, so the marked tree of a big list is never all alive
    at once (a claims file's ``claims:``, about 2 KB of marks a claim)."""
    if CSafeLoader is None:  # PyYAML without libyaml: no faster than ruamel
        raise NeedsFullParser("libyaml is not available")
    builder = _Builder(VersionedResolver(), stream, convert)
    try:
        for event in yaml.parse(text, Loader=CSafeLoader):
            builder.feed(event)
    except yaml.YAMLError as exc:
        raise NeedsFullParser(str(exc)) from exc
    return builder.result()


class _Builder:
    """Dicts and lists from a stream of parser events, one document, plain YAML only."""

    def __init__(self, resolver: Any, stream: str | None = None, convert: Convert | None = None) -> None:
        self.resolver = resolver
        self.stream, self.convert = stream, convert
        self.stack: list[tuple[Any, Any]] = []  # (collection, pending key or None)
        self.documents = 0
        self.root: Any = None

    def result(self) -> Any:
        if self.documents > 1:
            raise NeedsFullParser("several documents")
        return self.root

    def feed(self, event: Any) -> None:
        y = yaml
        if isinstance(event, y.ScalarEvent):
            self.add(self.scalar(event), event)
        elif isinstance(event, y.MappingStartEvent):
            self.open(MarkedDict(), event)
        elif isinstance(event, y.SequenceStartEvent):
            self.open(MarkedList(), event)
        elif isinstance(event, (y.MappingEndEvent, y.SequenceEndEvent)):
            collection, key = self.stack.pop()
            if key is not _NO_KEY:
                raise NeedsFullParser("mapping ended after a key")
            self.add(collection, None, opened=True)
        elif isinstance(event, y.DocumentStartEvent):
            self.documents += 1
        elif isinstance(event, y.AliasEvent):
            raise NeedsFullParser("aliases")

    def open(self, collection: Any, event: Any) -> None:
        if event.anchor is not None or (event.tag is not None and not event.implicit):
            raise NeedsFullParser("anchors or tags")
        mark = event.start_mark
        collection.lc = LineCol(mark.line, mark.column)
        self.add_position(event)
        self.stack.append((collection, _NO_KEY))

    def add_position(self, event: Any) -> None:
        """Remember where the value that starts with ``event`` is, in its parent."""
        if not self.stack:
            return
        parent, key = self.stack[-1]
        if isinstance(parent, MarkedList):
            parent.lc.data[len(parent)] = (event.start_mark.line, event.start_mark.column)

    def add(self, value: Any, event: Any, opened: bool = False) -> None:
        if not self.stack:
            self.root = value
            return
        parent, key = self.stack[-1]
        if isinstance(parent, list):
            if not opened:
                self.add_position(event)
            elif self.convert is not None and len(self.stack) == 2 and self.stack[0][1] == self.stream:
                value = self.convert(self.stack[0][0], value, parent, len(parent))
            parent.append(value)
        elif key is _NO_KEY:  # this value is a key
            if opened or not _hashable(value):
                raise NeedsFullParser("a collection as a mapping key")
            if value in parent:
                raise NeedsFullParser("duplicate key")  # ruamel words the error
            parent.lc.data[value] = (event.start_mark.line, event.start_mark.column)
            self.stack[-1] = (parent, value)
        else:
            if value == "<<" or key == "<<":
                raise NeedsFullParser("merge keys")
            parent[key] = value
            self.stack[-1] = (parent, _NO_KEY)

    def scalar(self, event: Any) -> Any:
        if event.anchor is not None:
            raise NeedsFullParser("anchors")
        plain, quoted = event.implicit
        if event.tag is not None and not (plain or quoted) and event.tag != "!":
            raise NeedsFullParser("tags")
        if event.style or not plain:  # quoted, literal or folded: a string
            return event.value
        tag = self.resolver.resolve(ScalarNode, event.value, (True, False))
        if tag == "tag:yaml.org,2002:str":
            return event.value
        if tag == "tag:yaml.org,2002:null":
            return None
        raise NeedsFullParser(f"a {tag} scalar")


_NO_KEY = object()


def _hashable(value: Any) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True
