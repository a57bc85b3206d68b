"""Markdown and plain text -> blocks with offsets: a small line-based reader (CommonMark's common subset).

Headings (ATX and setext), paragraphs, list items (with a bold lead-in split off
as a label), quotes, fenced code, tables, footnote definitions (``[^3]: ...``),
link definitions (``[3]: https://...``), and the reference list under a
"References"/"Sources"/"参考资料" heading. Plain text uses the same reader
without Markdown syntax: a short line without final punctuation is a title.
"""

from __future__ import annotations

import re

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from ..errors import InputError
from .records import REF_HEADING, URL_RE, Article, Block, Link, Marker, Reference, detect_language, reference_from_text
from .inline import InlineReader

__all__ = ["MarkdownReader"]

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


class MarkdownReader:
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
            if fenced := _FENCE.match(line):
                flush()
                fence = fenced.group(1)
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
        numbered = re.match(r"^\s*\[(\d+)\]\s+\S", block.text)
        if kind in ("paragraph", "item") and numbered and (block.links or URL_RE.search(block.text)):
            self._reference(segs, number=int(numbered.group(1)))
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
        out = InlineReader("".join(raw_chars), raw_pos, self.defs, plain=self.plain).run()
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
