"""Claims files: YAML -> ``ClaimsFile``, with errors that name file, line and fix.

Schema (see README, "The claims file")::

    title: ...                 # optional
    article: path-or-url       # optional
    language: zh               # optional, language of claim texts
    sources:                   # optional: id -> URL, or id -> {url:, title:}
      builtin: https://builtin.com/...
    claims:
      - id: openai-cofounded-2015   # unique; generated from the text if absent
        text: ...                   # required
        translation: ...            # optional
        context: ...                # optional
        sources: [builtin, https://...]   # required: ids or URLs

YAML is parsed with ruamel.yaml's round-trip loader, which constructs only
plain mappings, lists and scalars (no Python objects) and keeps line numbers.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from .errors import ClaimsFileError
from .models import Claim, ClaimsFile, SourceRef
from .urls import check_url
from .yamlfast import NeedsFullParser, load_marked

__all__ = ["load_claims", "parse_claims", "claim_id", "check_url", "whole_characters", "LoneSurrogate",
           "LONE_SURROGATE_FIX"]

TOP_KEYS = ("title", "article", "language", "sources", "claims", "skipped", "extracted")
CLAIM_KEYS = ("id", "text", "translation", "context", "sources", "span", "citation", "note")
SOURCE_KEYS = ("url", "title", "citation")
MAX_FILE_BYTES = 5 * 1024 * 1024  # ~40,000 claims; the YAML parser needs ~12 s per MB
ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$")
_SURROGATE = re.compile("[\ud800-\udfff]")


def load_claims(path: str | Path) -> ClaimsFile:
    """Read and validate a claims file. Raises ``ClaimsFileError``."""
    path = Path(path)
    name = str(path)
    if not path.exists():
        raise ClaimsFileError(name, None, "no such file", "check the path; claims files live in claims/")
    if path.is_dir():
        raise ClaimsFileError(name, None, "is a directory, not a claims file", "name a .yaml file inside it")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ClaimsFileError(
            name, None, f"file is {size:,} bytes, over the {MAX_FILE_BYTES:,}-byte limit",
            "split the claims into several files",
        )
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ClaimsFileError(
            name, line, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})",
            "save the file as UTF-8",
        ) from exc
    return parse_claims(text, name)


def parse_claims(text: str, name: str = "<claims>") -> ClaimsFile:
    try:
        validator = _Validator(name)
        # libyaml, ~20x faster, same values and lines; each claim is built as its mapping ends
        return validator.file(load_marked(text, stream="claims", convert=validator.early_claim))
    except NeedsFullParser:
        pass
    yaml = YAML(typ="rt")
    try:
        data = yaml.load(text)
    except MarkedYAMLError as exc:
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        mark = exc.problem_mark or exc.context_mark
        if exc.context and exc.context_mark is not None and re.search(r"end of stream|<stream end>", problem):
            # an unclosed quote or bracket: the line where it opened, not the end of the file
            mark = exc.context_mark
            what = re.sub(r"^while (scanning|parsing) ", "", exc.context.strip()).replace("scalar", "string")
            problem = f"{what} opened on this line is never closed"
        line = mark.line + 1 if mark is not None else None
        raise ClaimsFileError(name, line, f"invalid YAML: {problem}", "fix the YAML syntax on that line") from exc
    except YAMLError as exc:
        raise ClaimsFileError(name, None, f"invalid YAML: {exc}", "fix the YAML syntax") from exc
    return _Validator(name).file(data)


def claim_id(text: str) -> str:
    """A stable id for a claim text: ascii slug of its first words plus a short hash."""
    digest = hashlib.sha1(text.strip().encode("utf-8")).hexdigest()[:8]
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[A-Za-z0-9]+", ascii_text.lower())[:6]
    slug = "-".join(words)[:40].strip("-")
    return f"{slug}-{digest}" if slug else f"claim-{digest}"


def _line(node: Any, key: Any = None) -> int | None:
    lc = getattr(node, "lc", None)
    if lc is None:
        return None
    try:
        if key is None:
            return lc.line + 1
        if isinstance(key, int):
            return lc.item(key)[0] + 1
        return lc.key(key)[0] + 1
    except (KeyError, IndexError, TypeError, AttributeError):
        return lc.line + 1


def _kind(value: Any) -> str:
    """A YAML word for a value's type (not ruamel's class names such as CommentedSeq)."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    return "a string" if isinstance(value, str) else type(value).__name__


def _suggest(word: str, choices: tuple[str, ...] | list[str]) -> str:
    close = difflib.get_close_matches(str(word), list(choices), n=1)
    return f"did you mean {close[0]!r}?" if close else f"allowed: {', '.join(choices)}"


LONE_SURROGATE_FIX = "write the character itself, or both halves of its escape (\\ud83d\\ude00)"


class LoneSurrogate(ValueError):
    """Text holds half of a surrogate pair without its other half."""


def whole_characters(value: str) -> str:
    """``value`` with each escaped surrogate pair ("\\ud83d\\ude00": YAML keeps the two halves) joined into
    its character. A half with no other half is no character, and no text can be written with it: raises
    ``LoneSurrogate`` ("holds \\udc80, half of a surrogate pair ...")."""
    if not _SURROGATE.search(value):
        return value
    units = value.encode("utf-16-le", "surrogatepass")
    try:
        return units.decode("utf-16-le")
    except UnicodeDecodeError as exc:
        half = ord(units[exc.start:exc.start + 2].decode("utf-16-le", "surrogatepass"))
        raise LoneSurrogate(f"holds \\u{half:04x}, half of a surrogate pair without its other half "
                            "(no character)") from None


class _Validator:
    def __init__(self, name: str) -> None:
        self.name = name
        self.early_sources: dict[str, SourceRef] | None = None  # for claims built as the file is parsed

    def fail(self, line: int | None, problem: str, fix: str = "") -> ClaimsFileError:
        return ClaimsFileError(self.name, line, problem, fix)

    def characters(self, value: str, line: int | None, what: str) -> str:
        """``value`` with its escaped surrogate pairs joined (``whole_characters``)."""
        try:
            return whole_characters(value)
        except LoneSurrogate as exc:
            raise self.fail(line, f"{what} {exc}", LONE_SURROGATE_FIX) from None

    def string(self, node: Any, key: str, where: Any, required: bool = False) -> str | None:
        value = node.get(key)
        if value is None:
            if required:
                raise self.fail(_line(node), f"missing required key {key!r}", f"add '{key}: ...'")
            return None
        if isinstance(value, bool) or isinstance(value, (dict, list)):
            raise self.fail(_line(node, key), f"{key!r} must be a string, not {_kind(value)}",
                            f"write {key} as text")
        value = self.characters(str(value), _line(node, key), repr(key)).strip()
        if required and not value:
            raise self.fail(_line(node, key), f"{key!r} is empty", f"give the {where} a {key}")
        return value or None

    def early_claim(self, root: Any, node: Any, items: Any, index: int) -> Any:
        """The claim ``node`` (item ``index`` of ``items``) as a ``Claim`` when it is valid, else ``node``
        itself for ``file`` to judge in order, so the errors and their order are those of the whole tree.
        A 'sources:' that comes after the claims changes nothing: a claim that cites one of its ids fails
        here and waits for ``file``, and no id can be a valid URL (``ID_RE`` has no '/')."""
        if self.early_sources is None:
            try:
                self.early_sources = self.sources(root)  # the top-level 'sources:' seen so far (usually all)
            except ClaimsFileError:
                self.early_sources = {}
                return node
        try:
            return self.claim(node, _line(items, index), self.early_sources)
        except ClaimsFileError:
            return node

    def file(self, data: Any) -> ClaimsFile:
        if data is None:
            raise self.fail(1, "file is empty", "add a 'claims:' list (see README, 'The claims file')")
        if not isinstance(data, dict):
            raise self.fail(_line(data) or 1, f"top level must be a mapping, not {_kind(data)}",
                            "start the file with keys such as 'sources:' and 'claims:'")
        for key in data:
            if key not in TOP_KEYS:
                raise self.fail(_line(data, key), f"unknown key {key!r}", _suggest(key, TOP_KEYS))
        sources = self.sources(data)
        claims_node = data.get("claims")
        if claims_node is None:
            raise self.fail(_line(data), "missing 'claims:' list", "add 'claims:' with at least one claim")
        if not isinstance(claims_node, list):
            raise self.fail(_line(data, "claims"), "'claims' must be a list",
                            "write each claim as an item starting with '- text: ...'")
        if not claims_node:
            raise self.fail(_line(data, "claims"), "'claims' is empty", "add at least one claim")
        claims: list[Claim] = []
        seen: dict[str, int | None] = {}
        for index, node in enumerate(claims_node):
            claim = node if isinstance(node, Claim) else self.claim(node, _line(claims_node, index), sources)
            if claim.id in seen:
                raise self.fail(claim.line, f"duplicate claim id {claim.id!r} (first on line {seen[claim.id]})",
                                "give each claim a unique id")
            seen[claim.id] = claim.line
            claims.append(claim)
        distinct: dict[str, SourceRef] = {}
        for claim in claims:
            for ref in claim.sources:
                distinct.setdefault(ref.url, ref)
        return ClaimsFile(
            path=self.name,
            claims=tuple(claims),
            sources=tuple(distinct.values()),
            title=self.string(data, "title", "file"),
            article=self.string(data, "article", "file"),
            language=self.string(data, "language", "file"),
        )

    def sources(self, data: Any) -> dict[str, SourceRef]:
        node = data.get("sources")
        if node is None:
            return {}
        if not isinstance(node, dict):
            raise self.fail(_line(data, "sources"), "top-level 'sources' must be a mapping of id -> URL",
                            "write e.g. 'sources:\\n  builtin: https://...'")
        refs: dict[str, SourceRef] = {}
        for key, value in node.items():
            line = _line(node, key)
            sid = str(key)
            if not ID_RE.match(sid):
                raise self.fail(line, f"source id {sid!r} is not a valid id",
                                "use letters, digits, '-', '_' or '.'")
            title = None
            if isinstance(value, dict):
                for k in value:
                    if k not in SOURCE_KEYS:
                        raise self.fail(_line(value, k), f"unknown key {k!r} in source {sid!r}",
                                        _suggest(k, SOURCE_KEYS))
                url = self.string(value, "url", f"source {sid!r}", required=True)
                title = self.string(value, "title", f"source {sid!r}")
            elif isinstance(value, str):
                url = self.characters(value, line, f"source {sid!r}").strip()
            else:
                raise self.fail(line, f"source {sid!r} must be a URL or a mapping with 'url:'",
                                f"write '{sid}: https://...'")
            problem = check_url(url or "")
            if problem:
                raise self.fail(line, f"source {sid!r}: {problem}", "give a full http(s) URL")
            refs[sid] = SourceRef(url=url, id=sid, title=title)  # type: ignore[arg-type]
        return refs

    def claim(self, node: Any, line: int | None, sources: dict[str, SourceRef]) -> Claim:
        if not isinstance(node, dict):
            raise self.fail(line, f"claim must be a mapping, not {_kind(node)}",
                            "write the claim as '- text: ...' with 'sources: [...]'")
        line = _line(node) or line
        for key in node:
            if key not in CLAIM_KEYS:
                raise self.fail(_line(node, key), f"unknown key {key!r} in claim", _suggest(key, CLAIM_KEYS))
        text = self.string(node, "text", "claim", required=True)
        assert text is not None
        cid = self.string(node, "id", "claim")
        if cid is None:
            cid = claim_id(text)
        elif not ID_RE.match(cid):
            raise self.fail(_line(node, "id"), f"claim id {cid!r} is not a valid id",
                            "use letters, digits, '-', '_', '.' or ':' (no spaces)")
        refs_node = node.get("sources")
        if refs_node is None:
            raise self.fail(line, f"claim {cid!r} has no 'sources'", "add 'sources: [id-or-url, ...]'")
        if isinstance(refs_node, str):
            refs_node = [refs_node]
        if not isinstance(refs_node, list):
            raise self.fail(_line(node, "sources"), f"'sources' of claim {cid!r} must be a list",
                            "write 'sources: [id-or-url, ...]'")
        if not refs_node:
            raise self.fail(_line(node, "sources"), f"claim {cid!r} has an empty 'sources' list",
                            "cite at least one source id or URL")
        refs: list[SourceRef] = []
        for index, item in enumerate(refs_node):
            item_line = _line(refs_node, index) or _line(node, "sources")
            if not isinstance(item, str) or not item.strip():
                raise self.fail(item_line, f"source #{index + 1} of claim {cid!r} is not an id or URL",
                                "write a source id from 'sources:' or a full URL")
            item = self.characters(item, item_line, f"source #{index + 1} of claim {cid!r}").strip()
            if item in sources:
                ref = sources[item]
            elif "://" in item or item.startswith(("www.", "http")):
                problem = check_url(item)
                if problem:
                    raise self.fail(item_line, f"claim {cid!r}: {problem}", "give a full http(s) URL")
                ref = SourceRef(url=item)
            else:
                known = list(sources)
                hint = _suggest(item, known) if known else "define it under the top-level 'sources:'"
                raise self.fail(item_line, f"claim {cid!r} cites unknown source id {item!r}", hint)
            if ref.url not in {r.url for r in refs}:
                refs.append(ref)
        return Claim(
            id=cid,
            text=text,
            sources=tuple(refs),
            translation=self.string(node, "translation", "claim"),
            context=self.string(node, "context", "claim"),
            line=line,
            citation=self.string(node, "citation", "claim"),
        )
