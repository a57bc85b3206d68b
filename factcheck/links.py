"""Link health only: find the links in files, fetch each once, report statuses.

No extraction, no matching: ``check_links(paths, settings)`` is the quick
check of ``factcheck links FILE...`` (and what the benchmark compares with
other link checkers). A FILE is a claims file (``.yaml``/``.yml``: its cited
URLs), an HTML file (its ``href``/``src`` values, decoded as HTML attribute
values and resolved against ``<base href>``, and the URLs in its text), or any
text or Markdown file (every http(s) URL in it).

With ``archive=True`` each result is recorded in the cache archive and URLs
with an archived copy are re-checked with conditional requests (ETag /
Last-Modified), so an unchanged page costs a ``304`` and no body.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from .claims import load_claims
from .config import Settings
from .errors import InputError
from .checks import check_urls, fetch_urls
from .clock import Clock, iso, utcnow
from .models import BROKEN_STATUSES, STATUSES, Fetch
from .urls import find_urls

__all__ = ["Link", "LinkResult", "LinksReport", "find_links", "check_links", "BROKEN_STATUSES"]

HTML_SUFFIXES = (".html", ".htm", ".xhtml")


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

    def to_json(self) -> dict[str, Any]:
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
    if path.suffix.lower() in HTML_SUFFIXES:
        return _links_in_html(text, path)
    return [Link(url, f"{path}:{number}") for number, line_text in enumerate(text.splitlines(), start=1)
            for _, url in find_urls(line_text)]


class _Hrefs(HTMLParser):
    """URLs of an HTML page: ``href``/``src`` values (decoded as attribute values, resolved against
    ``<base href>``) and URLs written in its text, each with its line."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.base: str | None = None
        self.found: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        for name, value in attrs:
            value = (value or "").strip()
            if name not in ("href", "src") or not value or value.startswith("#"):  # "#x": this very page
                continue
            if tag == "base" and name == "href" and self.base is None:
                self.base = value
                continue
            url = urljoin(self.base, value) if self.base else value
            if urlsplit(url).scheme.lower() in ("http", "https"):
                self.found.append((line, url))

    def handle_data(self, data: str) -> None:
        line = self.getpos()[0]
        for start, url in find_urls(data):
            self.found.append((line + data.count("\n", 0, start), url))


def _links_in_html(text: str, path: Path) -> list[Link]:
    parser = _Hrefs()
    parser.feed(text)
    parser.close()
    return [Link(url, f"{path}:{line}") for line, url in parser.found]


def check_links(paths: Sequence[str | Path], settings: Settings, *, archive: bool = False,
                progress: Callable[[Fetch], None] | None = None, now: Clock = utcnow) -> LinksReport:
    """Fetch every link in ``paths`` once and return its health.

    With ``archive``, each check goes through the checks layer: recorded, folded into link health,
    and conditional on the archived copy."""
    links = find_links(paths)  # validate every file before any work
    urls = [link.url for link in links]
    if not archive:
        fetches = fetch_urls(urls, settings, purpose="link", progress=progress)
    else:
        from .archive import Archive  # lazy: only --archive needs sqlite-utils (which loads numpy)

        with Archive(settings.cache_dir) as store:
            checks = check_urls(store, urls, settings, purpose="link", clock=now, progress=progress)
        fetches = [c.fetch for c in checks]
    return LinksReport(iso(now()), tuple(LinkResult(link, f) for link, f in zip(links, fetches)))
