"""Inline Markdown -> plain text with a position map, links and citation markers."""

from __future__ import annotations

import re

from .records import URL_RE, Link, Marker

__all__ = ["InlineReader"]


def _is_cjk(ch: str) -> bool:
    return "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef"


class InlineReader:
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
                            target = re.split(r"\s+", dest, maxsplit=1)[0].strip("<>") if dest else ""
                            self._link(i + 1, close, target)
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
