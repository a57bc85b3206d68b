"""Link health only: find the links in files, fetch each once, report statuses.

No extraction, no matching: ``check_links(paths, settings)`` is the quick
check of ``factcheck links FILE...`` (and what the benchmark compares with
other link checkers). A FILE is a claims file (``.yaml``/``.yml``: its cited
URLs) or any text, Markdown or HTML file (every http(s) URL in it).

With ``archive=True`` each result is recorded in the cache archive and URLs
with an archived copy are re-checked with conditional requests (ETag /
Last-Modified), so an unchanged page costs a ``304`` and no body.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .claims import load_claims
from .config import Settings
from .errors import InputError
from .clock import now_iso
from .fetch import fetch_all
from .models import STATUSES, Fetch

__all__ = ["Link", "LinkResult", "LinksReport", "find_links", "check_links", "BROKEN_STATUSES"]

URL_RE = re.compile(r"""https?://[^\s<>"'`\]\[{}|\\^]+""", re.I)
TRAILING = ".,;:!?)'\""
#: Statuses that make ``factcheck links`` exit 1 (as ``run`` counts dead sources).
BROKEN_STATUSES = frozenset({"dead", "soft_404"})


@dataclass(frozen=True)
class Link:
    url: str
    where: str  # "file:line" of its first mention


@dataclass(frozen=True)
class LinkResult:
    link: Link
    fetch: Fetch


@dataclass(frozen=True)
class LinksReport:
    checked_at: str
    results: tuple[LinkResult, ...]

    def counts(self) -> dict[str, int]:
        counts = {status: 0 for status in STATUSES}
        for result in self.results:
            counts[result.fetch.status] += 1
        return {status: n for status, n in counts.items() if n}

    @property
    def broken(self) -> int:
        return sum(1 for r in self.results if r.fetch.status in BROKEN_STATUSES)

    def to_json(self) -> dict:
        """Stable JSON: schema ``factcheck-links/1``, links in order of first mention."""
        return {
            "schema": "factcheck-links/1",
            "checked_at": self.checked_at,
            "summary": {"links": len(self.results), **self.counts()},
            "links": [{
                "url": r.link.url, "where": r.link.where, "status": r.fetch.status, "tag": r.fetch.tag,
                "reason": r.fetch.reason, "http_status": r.fetch.http_status, "final_url": r.fetch.final_url,
                "redirects": list(r.fetch.redirects), "elapsed": r.fetch.elapsed,
            } for r in self.results],
        }


def find_links(paths: Sequence[str | Path]) -> list[Link]:
    """Every distinct URL in ``paths``, in order of first mention. Raises ``InputError``."""
    links: dict[str, Link] = {}
    for path in map(Path, paths):
        for link in _links_in(path):
            links.setdefault(link.url, link)
    return list(links.values())


def _links_in(path: Path) -> list[Link]:
    if path.suffix.lower() in (".yaml", ".yml"):
        claims_file = load_claims(path)
        where: dict[str, int | None] = {}
        for claim in claims_file.claims:
            for ref in claim.sources:
                where.setdefault(ref.url, claim.line)
        return [Link(ref.url, f"{path}:{where.get(ref.url) or 1}") for ref in claims_file.sources]
    if not path.exists():
        raise InputError(f"{path}: no such file\n  fix: check the path")
    if path.is_dir():
        raise InputError(f"{path}: is a directory\n  fix: name the files inside it")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(f"{path}:{line}: not valid UTF-8\n  fix: save the file as UTF-8") from exc
    found = []
    for number, line_text in enumerate(text.splitlines(), start=1):
        for match in URL_RE.finditer(line_text):
            url = match.group(0).rstrip(TRAILING)
            if url.count(")") < url.count("(") and match.group(0)[len(url):].startswith(")"):
                url += ")"  # a Wikipedia-style URL with brackets
            found.append(Link(url, f"{path}:{number}"))
    return found


def check_links(paths: Sequence[str | Path], settings: Settings, *, archive: bool = False,
                progress: Callable[[Fetch], None] | None = None) -> LinksReport:
    """Fetch every link in ``paths`` once and return its health."""
    links = find_links(paths)  # validate every file before any work
    urls = [link.url for link in links]
    if not archive:
        fetches = fetch_all(urls, settings, progress=progress)
        return LinksReport(now_iso(), tuple(LinkResult(link, f) for link, f in zip(links, fetches)))

    from .archive import Archive

    with Archive(settings.cache_dir) as store:
        conditional = {url: c for url in urls if (c := store.validators(url)) is not None}

        def record(fetch: Fetch) -> None:
            store.record_fetch(fetch)
            if progress is not None:
                progress(fetch)

        fetches = fetch_all(urls, settings, conditional=conditional, progress=record)
    return LinksReport(now_iso(), tuple(LinkResult(link, f) for link, f in zip(links, fetches)))
