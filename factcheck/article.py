"""Reading an article: Markdown, HTML or plain text -> ``Article`` (blocks, links, references).

An ``Article`` keeps the text that claim spans point into (``Article.text``):
the file itself for Markdown and plain text, the page's visible text for HTML.
Each ``Block`` (heading, paragraph, list item, label, reference...) carries its
plain text as a reader sees it (Markdown markup removed, line breaks inside a
paragraph read as spaces), a map from every plain character back to its offset
in ``Article.text``, the inline links inside it and the numbered citation
markers (``[3]``, ``^3``, ``[^3]``, ``<sup>3</sup>``) taken out of it.

References are the article's own source list: a section headed "References",
"Sources", "参考资料"..., footnote definitions (``[^3]: ...``) and link
definitions (``[3]: https://...``). Titles of references become source titles.

A URL is fetched with ``fetch.fetch_all`` and archived like any source, so the
article itself is kept even if it later disappears.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .extract import decode, guess_language

__all__ = ["Article", "Block", "Link", "Marker", "Reference", "read_article", "parse_article",
           "detect_language", "ARTICLE_SUFFIXES"]

ARTICLE_SUFFIXES = {".md": "markdown", ".markdown": "markdown", ".mdown": "markdown", ".html": "html",
                    ".htm": "html", ".xhtml": "html", ".txt": "text", ".text": "text"}
REF_HEADING = re.compile(
    r"^\s*(references?|sources?|bibliography|citations?|notes?( and references)?|footnotes|works cited|"
    r"further reading|参考资料|参考文献|参考|资料来源|来源|引用|注释|脚注|引用来源|参考来源|参考链接|相关链接)\s*[:：]?\s*$",
    re.I)
URL_RE = re.compile(r"https?://[^\s<>\"'）)\]]+[^\s<>\"'）)\].,;:!?，。；：！？、]")


@dataclass(frozen=True)
class Link:
    start: int  # offsets into Block.text
    end: int
    url: str


@dataclass(frozen=True)
class Marker:
    at: int  # offset into Block.text where the marker stood
    key: str  # "3" for [3] / ^3, "fn:name" for [^name], "id:anchor" for <a href="#anchor">


@dataclass(frozen=True)
class Block:
    kind: str  # heading | paragraph | item | quote | label | code | table | references
    text: str  # plain text, as a reader sees it
    pos: tuple[int, ...]  # pos[i] = offset in Article.text of text[i]
    links: tuple[Link, ...] = ()
    markers: tuple[Marker, ...] = ()
    level: int = 0  # heading level, list depth
    context: str | None = None  # e.g. the label of the list item above

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Offsets in Article.text of the plain slice text[start:end]."""
        return self.pos[start], self.pos[end - 1] + 1

    @property
    def extent(self) -> tuple[int, int]:
        return (self.pos[0], self.pos[-1] + 1) if self.pos else (0, 0)


@dataclass(frozen=True)
class Reference:
    url: str
    title: str | None
    number: int | None  # as the article numbers it ([3], 3.), else its position in the list
    keys: tuple[str, ...] = ()  # marker keys that point at it: "3", "fn:3", "id:cite-3"
    start: int = 0  # offsets in Article.text
    end: int = 0


@dataclass(frozen=True)
class Article:
    source: str  # path or URL as given
    kind: str  # markdown | html | text
    text: str  # what spans point into
    blocks: tuple[Block, ...]
    references: tuple[Reference, ...]
    title: str | None = None
    language: str | None = None
    front_matter: dict = field(default_factory=dict)


# --------------------------------------------------------------------------- entry points

def read_article(where: str | Path, settings=None, *, kind: str | None = None) -> Article:
    """Read an article from a file or an http(s) URL (fetched and archived). Raises ``InputError``."""
    where_s = str(where)
    if re.match(r"^https?://", where_s, re.I):
        body, ctype = _fetch_article(where_s, settings)
        text = decode(body, ctype)
        guessed = "html" if "html" in (ctype or "") or "<html" in text[:2000].lower() else (
            "markdown" if "markdown" in (ctype or "") else "text")
        return parse_article(text, where_s, kind or guessed)
    path = Path(where_s)
    if not path.exists():
        raise InputError(f"{path}: no such article\n  fix: check the path (Markdown, HTML or text file, or an http(s) URL)")
    if path.is_dir():
        raise InputError(f"{path}: is a directory\n  fix: name the article file inside it")
    raw = path.read_bytes()
    kind = kind or ARTICLE_SUFFIXES.get(path.suffix.lower())
    if kind is None:
        head = raw[:2000].lower()
        kind = "html" if b"<html" in head or b"<!doctype html" in head else "text"
    if kind == "html":
        text = decode(raw)
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = decode(raw)
    return parse_article(text, str(path), kind)


def parse_article(text: str, source: str = "<article>", kind: str = "markdown") -> Article:
    if kind == "html":
        from .article_html import parse_html

        return parse_html(text, source)
    if kind not in ("markdown", "text"):
        raise InputError(f"{source}: unknown article kind {kind!r}\n  fix: use markdown, html or text")
    return _Markdown(text, source, plain=kind == "text").parse()


def _fetch_article(url: str, settings) -> tuple[bytes, str | None]:
    from .archive import Archive
    from .config import Settings
    from .fetch import fetch_all

    settings = settings or Settings.from_env()
    with Archive(settings.cache_dir) as archive:
        fetch = None if settings.offline else fetch_all([url], settings)[0]
        if fetch is not None:
            archive.record_fetch(fetch)
            if fetch.alive and fetch.body:
                return fetch.body, fetch.content_type
        found = archive.last_good(url)
        if found is not None:
            full = found if found.fetch.body is not None else archive.fetch_by_id(found.id)
            if full is not None and full.fetch.body:
                return full.fetch.body, full.fetch.content_type
    why = f"{fetch.status} ({fetch.reason})" if fetch is not None else "offline and not in the archive"
    raise InputError(f"{url}: the article could not be fetched: {why}\n"
                     "  fix: check the URL, or save the page and pass the file")


def detect_language(text: str, declared: str | None = None) -> str | None:
    """Declared language (front matter ``lang:``, ``<html lang>``) or a guess from the script."""
    if declared:
        return str(declared).strip().replace("_", "-") or None
    guess = guess_language(text)
    if guess:
        return guess
    sample = text[:5000]
    scripts = (("ja", "\u3040", "\u30ff"), ("ko", "\uac00", "\ud7af"), ("ru", "\u0400", "\u04ff"),
               ("ar", "\u0600", "\u06ff"), ("el", "\u0370", "\u03ff"), ("he", "\u0590", "\u05ff"),
               ("th", "\u0e00", "\u0e7f"), ("hi", "\u0900", "\u097f"))
    letters = sum(1 for ch in sample if ch.isalpha()) or 1
    for code, lo, hi in scripts:
        if sum(1 for ch in sample if lo <= ch <= hi) / letters > 0.3:
            return code
    return None


def reference_from_text(text: str, links: tuple[Link, ...], number: int | None, keys: tuple[str, ...],
                        start: int, end: int) -> Reference | None:
    """A reference from the plain text of one list item / footnote: its first URL and a title."""
    url = None
    title = None
    for link in links:
        if link.url.lower().startswith(("http://", "https://")):
            url = link.url
            label = text[link.start:link.end].strip()
            if label and not URL_RE.fullmatch(label):
                title = label
            break
    if url is None:
        found = URL_RE.search(text)
        if not found:
            return None
        url = found.group(0)
    if title is None:
        rest = URL_RE.sub(" ", text)
        rest = re.sub(r"^\s*(\[\d+\]|\^?\d+[.)]?|[-*•])\s*", "", rest)
        rest = re.sub(r"\b(retrieved|accessed|available at|archived)\b.*$", "", rest, flags=re.I)
        rest = rest.strip(" \t\n.,;:-–—|()[]<>\"'")
        title = rest or None
    return Reference(url=url, title=title, number=number, keys=keys, start=start, end=end)


# --------------------------------------------------------------------------- Markdown / plain text

_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+|$)(.*?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_HR = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_ITEM = re.compile(r"^([ \t]*)([-*+•]|(\d{1,3})[.)])[ \t]+")
_FOOTDEF = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:[ \t]*")
_LINKDEF = re.compile(r"""^ {0,3}\[([^\]^][^\]]*)\]:[ \t]*<?(\S+?)>?(?:[ \t]+["'(](.*)["')])?[ \t]*$""")
_TABLE = re.compile(r"^[ \t]*\|")
_QUOTE = re.compile(r"^ {0,3}>[ \t]?")
_BOLD_LEAD = re.compile(r"^(\*\*|__)(.+?)\1[ \t]*([:：]?)")


class _Markdown:
    """A small line-based Markdown reader that keeps offsets (CommonMark's common subset)."""

    def __init__(self, text: str, source: str, plain: bool = False) -> None:
        self.text = text
        self.source = source
        self.plain = plain
        self.blocks: list[Block] = []
        self.refs: list[Reference] = []
        self.defs: dict[str, tuple[str, str | None]] = {}
        self.front: dict = {}
        self.in_refs_level: int | None = None
        self.ref_count = 0

    # lines as (start offset, line text without newline)
    def _lines(self, start: int) -> list[tuple[int, str]]:
        out = []
        pos = start
        for line in self.text[start:].splitlines(keepends=True):
            out.append((pos, line.rstrip("\r\n")))
            pos += len(line)
        return out

    def parse(self) -> Article:
        body_start = 0 if self.plain else self._front_matter()
        lines = self._lines(body_start)
        if not self.plain:
            for _, line in lines:  # link definitions first: [text][3] may come before [3]: url
                m = _LINKDEF.match(line)
                if m:
                    self.defs[m.group(1).strip().lower()] = (m.group(2), m.group(3))
        self._blocks(lines)
        title = self.front.get("title")
        if not title:
            title = next((b.text for b in self.blocks if b.kind == "heading"), None)
        lang = self.front.get("lang") or self.front.get("language")
        body = " ".join(b.text for b in self.blocks if b.kind not in ("references", "code"))
        return Article(source=self.source, kind="text" if self.plain else "markdown", text=self.text,
                       blocks=tuple(self.blocks), references=tuple(self.refs),
                       title=str(title).strip() if title else None,
                       language=detect_language(body, lang), front_matter=self.front)

    def _front_matter(self) -> int:
        m = re.match(r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", self.text, re.S)
        if not m:
            return 0
        from ruamel.yaml import YAML
        from ruamel.yaml.error import YAMLError

        try:
            data = YAML(typ="safe", pure=True).load(m.group(1) or "")
        except YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = f":{mark.line + 2}" if mark is not None else ""
            raise InputError(f"{self.source}{line}: the YAML front matter is invalid\n"
                             "  fix: correct it, or remove the block between the '---' lines") from exc
        self.front = data if isinstance(data, dict) else {}
        return m.end()

    def _blocks(self, lines: list[tuple[int, str]]) -> None:
        para: list[tuple[int, str]] = []
        kind = "paragraph"
        item_stack: list[tuple[int, str | None]] = []  # (indent, label) of open list items
        i = 0

        def flush() -> None:
            nonlocal para, kind
            if para:
                self._add(kind, para, item_stack)
            para, kind = [], "paragraph"

        while i < len(lines):
            off, line = lines[i]
            stripped = line.strip()
            if not stripped:
                flush()
                i += 1
                continue
            if self.plain and not _ITEM.match(line):
                if not para and REF_HEADING.match(stripped):
                    flush()
                    self._heading(6, [(off + len(line) - len(line.lstrip()), stripped)])
                    i += 1
                    continue
                para.append((off, line))
                i += 1
                continue
            if _FENCE.match(line):
                flush()
                fence = _FENCE.match(line).group(1)
                j = i + 1
                while j < len(lines) and not lines[j][1].lstrip().startswith(fence):
                    j += 1
                end = lines[min(j, len(lines) - 1)]
                self._raw_block("code", off, end[0] + len(end[1]))
                i = j + 1
                continue
            if stripped.startswith("<!--"):
                flush()
                j = i
                while j < len(lines) and "-->" not in lines[j][1]:
                    j += 1
                i = j + 1
                continue
            m = _ATX.match(line)
            if m:
                flush()
                item_stack.clear()
                self._heading(len(m.group(1)), [(off + m.start(2), m.group(2))])
                i += 1
                continue
            if para and kind == "paragraph" and _SETEXT.match(line) and not _ITEM.match(line):
                level = 1 if "=" in line else 2
                segs, para = para, []
                self._heading(level, segs)
                i += 1
                continue
            if _HR.match(line):
                flush()
                i += 1
                continue
            m = _FOOTDEF.match(line)
            if m:
                flush()
                segs = [(off + m.end(), line[m.end():])]
                i += 1
                while i < len(lines) and lines[i][1].startswith(("  ", "\t")) and lines[i][1].strip():
                    segs.append((lines[i][0], lines[i][1]))
                    i += 1
                self._reference(segs, number=None, keys=(f"fn:{m.group(1)}",) + (
                    (m.group(1),) if m.group(1).isdigit() else ()), footnote=True)
                continue
            m = _LINKDEF.match(line)
            if m:
                flush()
                key = m.group(1).strip()
                title = m.group(3)
                ref = Reference(url=m.group(2), title=title.strip() if title else None,
                                number=int(key) if key.isdigit() else None, keys=(key.lower(),),
                                start=off, end=off + len(line))
                if ref.url.lower().startswith(("http://", "https://")):
                    self.refs.append(ref)
                self._raw_block("references", off, off + len(line))
                i += 1
                continue
            if _TABLE.match(line):
                flush()
                j = i
                while j < len(lines) and _TABLE.match(lines[j][1]):
                    j += 1
                self._raw_block("table", off, lines[j - 1][0] + len(lines[j - 1][1]))
                i = j
                continue
            m = _QUOTE.match(line)
            if m:
                if kind != "quote":
                    flush()
                    kind = "quote"
                para.append((off + m.end(), line[m.end():]))
                i += 1
                continue
            m = _ITEM.match(line)
            if m:
                flush()
                indent = len(m.group(1).expandtabs(4))
                while item_stack and item_stack[-1][0] >= indent:
                    item_stack.pop()
                number = int(m.group(3)) if m.group(3) else None
                content_off = off + m.end()
                content = line[m.end():]
                lead = _BOLD_LEAD.match(content)
                label = None
                if lead and self.in_refs_level is None:
                    label_text = lead.group(2).strip()
                    label = label_text
                    self._add("label", [(content_off + lead.start(2), lead.group(2))], item_stack)
                    rest = lead.end()
                    content_off += rest
                    content = content[rest:]
                kind = "item"
                para = [(content_off, content)] if content.strip() else []
                self._item_number = number
                item_stack.append((indent, label))
                i += 1
                continue
            if kind == "quote":
                flush()
            if not para and not line[:1].isspace():
                item_stack.clear()  # a paragraph at the margin ends the list
            para.append((off, line))
            i += 1
        flush()

    def _heading(self, level: int, segs: list[tuple[int, str]]) -> None:
        block = self._inline("heading", segs, level=level)
        if block is None:
            return
        if self.in_refs_level is not None and level <= self.in_refs_level:
            self.in_refs_level = None
        if REF_HEADING.match(block.text):
            self.in_refs_level = level
            self.ref_count = 0
        self.blocks.append(block)

    def _add(self, kind: str, segs: list[tuple[int, str]], item_stack: list[tuple[int, str | None]]) -> None:
        if self.in_refs_level is not None and kind != "label":
            self._reference(segs, number=getattr(self, "_item_number", None) if kind == "item" else None)
            return
        context = None
        labels = [label for _, label in item_stack if label]
        if kind == "item" and labels:
            context = " / ".join(labels)
        elif kind == "label" and labels:
            context = " / ".join(labels)
        block = self._inline(kind, segs, level=len(item_stack), context=context)
        if block is None:
            return
        if self.plain and kind == "paragraph" and len(segs) == 1 and len(block.text) <= 80 and \
                not re.search(r"[.!?。！？；;:：”\"')）]$", block.text):
            block = Block("heading", block.text, block.pos, level=1)  # a title line
        if kind == "paragraph" and REF_HEADING.match(block.text) and len(block.text) < 40:
            # "Sources:" as a paragraph: the list below is the reference list
            self.blocks.append(Block("heading", block.text, block.pos, level=6))
            self.in_refs_level = 6
            self.ref_count = 0
            return
        if kind in ("paragraph", "item") and re.match(r"^\s*\[\d+\]\s+\S", block.text) and (
                block.links or URL_RE.search(block.text)):
            self._reference(segs, number=int(re.match(r"^\s*\[(\d+)\]", block.text).group(1)))
            return
        self.blocks.append(block)

    def _reference(self, segs: list[tuple[int, str]], number: int | None, keys: tuple[str, ...] = (),
                   footnote: bool = False) -> None:
        block = self._inline("references", segs)
        if block is None:
            return
        self.blocks.append(block)
        self.ref_count += 1
        lead = re.match(r"^\s*\[?\^?(\d+)[\].):]?\s", block.text)
        if number is None and lead:
            number = int(lead.group(1))
        if number is None and not footnote:
            number = self.ref_count
        if number is not None and str(number) not in keys:
            keys = keys + (str(number),)
        start, end = block.extent
        ref = reference_from_text(block.text, block.links, number, keys, start, end)
        if ref is not None:
            self.refs.append(ref)

    def _raw_block(self, kind: str, start: int, end: int) -> None:
        if end > start:
            self.blocks.append(Block(kind, self.text[start:end], tuple(range(start, end))))

    def _inline(self, kind: str, segs: list[tuple[int, str]], level: int = 0,
                context: str | None = None) -> Block | None:
        raw_chars: list[str] = []
        raw_pos: list[int] = []
        for n, (off, line) in enumerate(segs):
            if n:
                raw_chars.append("\n")
                raw_pos.append(off - 1)
            raw_chars.extend(line)
            raw_pos.extend(range(off, off + len(line)))
        out = _Inline("".join(raw_chars), raw_pos, self.defs, plain=self.plain).run()
        text, pos, links, markers = out
        # trim
        lead = len(text) - len(text.lstrip())
        text_t = text.strip()
        if not text_t:
            return None
        pos_t = pos[lead:lead + len(text_t)]
        links_t = tuple(Link(max(0, l.start - lead), min(len(text_t), l.end - lead), l.url) for l in links
                        if l.end - lead > 0 and l.start - lead < len(text_t))
        markers_t = tuple(Marker(min(max(0, m.at - lead), len(text_t)), m.key) for m in markers)
        return Block(kind, text_t, tuple(pos_t), links_t, markers_t, level=level, context=context)


def _is_cjk(ch: str) -> bool:
    return "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef"


class _Inline:
    """Inline Markdown -> plain text with a position map, links and citation markers."""

    MARKERS = re.compile(r"\[(\d{1,3}(?:\s*[,–-]\s*\d{1,3})*)\](?!\()|\^\[?(\d{1,3})\]?|<sup>\s*\[?(\d{1,3})\]?\s*</sup>")

    def __init__(self, raw: str, pos: list[int], defs: dict, plain: bool = False) -> None:
        self.raw = raw
        self.rpos = pos
        self.defs = defs
        self.plain = plain
        self.chars: list[str] = []
        self.pos: list[int] = []
        self.links: list[Link] = []
        self.markers: list[Marker] = []

    def emit(self, i: int, ch: str | None = None) -> None:
        self.chars.append(self.raw[i] if ch is None else ch)
        self.pos.append(self.rpos[i])

    def run(self) -> tuple[str, list[int], list[Link], list[Marker]]:
        self.scan(0, len(self.raw))
        return "".join(self.chars), self.pos, self.links, self.markers

    def _marker_keys(self, group: str) -> list[str]:
        keys: list[str] = []
        for part in re.split(r"\s*,\s*", group):
            if re.match(r"^\d+\s*[–-]\s*\d+$", part):
                a, b = (int(x) for x in re.split(r"\s*[–-]\s*", part))
                keys.extend(str(n) for n in range(a, min(b, a + 50) + 1))
            elif part.strip().isdigit():
                keys.append(part.strip())
        return keys

    def scan(self, i: int, end: int) -> None:
        raw = self.raw
        while i < end:
            ch = raw[i]
            if ch == "\n":
                # a soft line break reads as a space (none between two CJK characters)
                j = i + 1
                while j < end and raw[j] in " \t":
                    j += 1
                prev = self.chars[-1] if self.chars else ""
                if not (prev and _is_cjk(prev) and j < end and _is_cjk(raw[j])) and prev != " ":
                    self.emit(i, " ")
                i = j
                continue
            m = self.MARKERS.match(raw, i, end)
            if m and (m.group(1) or not raw[i - 1:i].isspace() or m.group(3)):
                for key in self._marker_keys(m.group(1) or m.group(2) or m.group(3)):
                    self.markers.append(Marker(len(self.chars), key))
                i = m.end()
                continue
            if self.plain:
                url = URL_RE.match(raw, i, end)
                if url and (i == 0 or not raw[i - 1].isalnum()):
                    self._literal_link(i, url.end(), url.group(0))
                    i = url.end()
                    continue
                self.emit(i)
                i += 1
                continue
            if ch == "\\" and i + 1 < end and raw[i + 1] in "\\`*_{}[]()#+-.!<>|~^\"'":
                self.emit(i + 1)
                i += 2
                continue
            if ch == "`":
                n = len(raw[i:end]) - len(raw[i:end].lstrip("`"))
                close = raw.find("`" * n, i + n, end)
                if close != -1:
                    for k in range(i + n, close):
                        self.emit(k)
                    i = close + n
                    continue
            if raw.startswith("[^", i):
                close = raw.find("]", i, end)
                if close != -1:
                    self.markers.append(Marker(len(self.chars), f"fn:{raw[i + 2:close]}"))
                    i = close + 1
                    continue
            if raw.startswith("![", i):
                close = _match_bracket(raw, i + 1, end)
                if close != -1 and raw.startswith("(", close + 1):
                    paren = _match_paren(raw, close + 1, end)
                    if paren != -1:
                        i = paren + 1
                        continue
            if ch == "[":
                close = _match_bracket(raw, i, end)
                if close != -1:
                    if raw.startswith("(", close + 1):
                        paren = _match_paren(raw, close + 1, end)
                        if paren != -1:
                            dest = raw[close + 2:paren].strip()
                            url = re.split(r"\s+", dest, maxsplit=1)[0].strip("<>") if dest else ""
                            self._link(i + 1, close, url)
                            i = paren + 1
                            continue
                    ref = re.match(r"\[([^\]]*)\]", raw[close + 1:end])
                    key = (ref.group(1) if ref else "") or raw[i + 1:close]
                    target = self.defs.get(key.strip().lower())
                    if target is not None:
                        self._link(i + 1, close, target[0])
                        if key.strip().isdigit() and ref:
                            self.markers.append(Marker(len(self.chars), key.strip()))
                        i = close + 1 + (ref.end() if ref else 0)
                        continue
            if ch == "<":
                auto = re.match(r"<(https?://[^>\s]+)>", raw[i:end])
                if auto:
                    self._literal_link(i + 1, i + auto.end() - 1, auto.group(1))
                    i += auto.end()
                    continue
                tag = re.match(r"</?[A-Za-z][^>]*>", raw[i:end])
                if tag:
                    if tag.group(0).lower().startswith("<br"):
                        self.emit(i, " ")
                    i += tag.end()
                    continue
            if ch in "*_~":
                run = len(raw[i:end]) - len(raw[i:end].lstrip(ch))
                before = raw[i - 1] if i else " "
                after = raw[i + run] if i + run < end else " "
                if ch == "~" and run < 2:
                    self.emit(i)
                    i += 1
                    continue
                intraword = before.isalnum() and after.isalnum()
                if ch == "_" and intraword:
                    for k in range(i, i + run):
                        self.emit(k)
                    i += run
                    continue
                if not (before.isspace() and after.isspace()):
                    i += run  # emphasis delimiter: not part of the text
                    continue
            if ch in "hH":
                url = URL_RE.match(raw, i, end)
                if url and (i == 0 or not raw[i - 1].isalnum()):
                    self._literal_link(i, url.end(), url.group(0))
                    i = url.end()
                    continue
            self.emit(i)
            i += 1

    def _link(self, start: int, end: int, url: str) -> None:
        at = len(self.chars)
        self.scan(start, end)
        if url:
            self.links.append(Link(at, len(self.chars), url))

    def _literal_link(self, start: int, end: int, url: str) -> None:
        at = len(self.chars)
        for k in range(start, end):
            self.emit(k)
        self.links.append(Link(at, len(self.chars), url))


def _match_bracket(s: str, i: int, end: int) -> int:
    depth = 0
    for k in range(i, end):
        if s[k] == "\\":
            continue
        if s[k] == "[":
            depth += 1
        elif s[k] == "]":
            depth -= 1
            if depth == 0:
                return k
    return -1


def _match_paren(s: str, i: int, end: int) -> int:
    depth = 0
    for k in range(i, end):
        if s[k] == "(":
            depth += 1
        elif s[k] == ")":
            depth -= 1
            if depth == 0:
                return k
        elif s[k] == "\n" and k + 1 < end and s[k + 1] == "\n":
            return -1
    return -1
