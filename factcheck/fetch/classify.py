"""Classification: what an answer, or a failure to get one, means for a source.

Everything here is a pure function from what the network gave (a response's
status, headers and body, or an exception) to a ``Fetch`` status with a human
reason and a stable tag (``models.STATUSES``). Exceptions of the libraries
below (httpx, httpcore, anyio, ssl, the socket layer) are mapped once, here,
by their types and errno, the way httpx maps httpcore's exceptions; their
messages are only quoted, never matched.

Definitive vs transient: ``Fetch.transient`` is True for failures worth
trying again later (timeouts, resets, refused connections, 5xx, 429); 404,
410, other 4xx, an unknown host and a TLS failure are definitive.
"""

from __future__ import annotations

import errno
import re
import socket
import ssl
from collections.abc import Iterator
from urllib.parse import urlsplit

import httpx

from ..clock import now_iso
from ..models import Fetch, Status
from .guard import PrivateAddressError

__all__ = ["classify_body", "classify_response", "from_exception", "make_fetch"]

HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain", "text/markdown", "text/xml", "application/xml")
PDF_TYPES = ("application/pdf",)
CHALLENGE_MARKERS = (
    "cf-browser-verification", "challenge-platform", "just a moment...", "attention required! | cloudflare",
    "captcha", "are you a robot", "verify you are human", "access denied", "enable javascript and cookies",
)
NOT_FOUND_TITLE = re.compile(
    r"(\b404\b|not\s+found|page\s+(does\s+not|doesn'?t)\s+exist|no\s+longer\s+available|"
    r"页面不存在|找不到|未找到|error\s+page)", re.I)
TITLE_RE = re.compile(rb"<title[^>]*>(.*?)</title>", re.I | re.S)
CONTROL_BYTES = bytes(b for b in range(32) if b < 9 or 13 < b)
HIDDEN_RE = re.compile(rb"<(script|style|noscript|template|title)\b.*?</\1\s*>", re.I | re.S)
TAG_OR_SPACE_RE = re.compile(rb"<[^>]*>|&[#\w]+;|\s+")
#: Fewer visible bytes than this (outside scripts, styles and tags) make a page of scripts an app shell.
VISIBLE_TEXT = 100
BLOCKED_CODES = {401: "needs a login", 403: "forbidden", 407: "proxy login needed", 429: "rate limited",
                 451: "unavailable for legal reasons", 999: "refused by bot protection"}
UNREACHABLE_ERRNOS = frozenset({errno.ENETUNREACH, errno.EHOSTUNREACH, errno.ENETDOWN, errno.EHOSTDOWN})
RESET_ERRNOS = frozenset({errno.ECONNRESET, errno.EPIPE, errno.ECONNABORTED})


def make_fetch(url: str, response: httpx.Response, chain: list[str], final: str, body: bytes | None,
               status: Status, reason: str, tag: str, transient: bool = False) -> Fetch:
    """A ``Fetch`` from a response (its code and headers) and what we make of it."""
    return Fetch(
        url=url, status=status, reason=reason, tag=tag, fetched_at=now_iso(),
        http_status=response.status_code, final_url=final, redirects=tuple(chain),
        headers=tuple((k.decode("latin-1"), v.decode("latin-1")) for k, v in response.headers.raw),
        content_type=response.headers.get("content-type"), body=body, transient=transient,
    )


def classify_response(url: str, response: httpx.Response, chain: list[str], final: str, body: bytes) -> Fetch:
    """The status of a final (non-redirect) answer, from its code, then its content."""
    code = response.status_code
    ctype = (response.headers.get("content-type") or "").split(";")[0].strip().lower()
    mitigated = response.headers.get("cf-mitigated")
    if code == 304:
        return make_fetch(url, response, chain, final, None, "redirected" if chain else "ok",
                          "not modified since the archived copy (304)", "http-304")
    if code in BLOCKED_CODES or mitigated:
        what = "bot challenge (cf-mitigated)" if mitigated else BLOCKED_CODES[code]
        return make_fetch(url, response, chain, final, body, "blocked",
                          f"HTTP {code}: {what}; the page may be fine for a person", f"http-{code}", code == 429)
    if code in (404, 410):
        what = "not found" if code == 404 else "gone"
        return make_fetch(url, response, chain, final, body, "dead", f"HTTP {code}: {what}", f"http-{code}")
    if 400 <= code < 500:
        return make_fetch(url, response, chain, final, body, "dead", f"HTTP {code}: client error", f"http-{code}")
    if code >= 500:
        return make_fetch(url, response, chain, final, body, "server_error", f"HTTP {code}: server error",
                          f"http-{code}", transient=True)
    if not (200 <= code < 300):
        return make_fetch(url, response, chain, final, body, "unsupported", f"HTTP {code}: unexpected status",
                          f"http-{code}")
    status, reason, tag = classify_body(url, final, ctype, body)
    if status == "ok" and chain:
        status, reason, tag = "redirected", f"moved to {final} ({len(chain)} redirect(s))", "http-redirected"
    return make_fetch(url, response, chain, final, body, status, reason, tag)


def classify_body(url: str, final: str, ctype: str, body: bytes) -> tuple[Status, str, str]:
    """Status of a 2xx answer from its content: ok, soft_404, blocked or unsupported."""
    if not body.strip():
        return "soft_404", "HTTP 200 with an empty body", "empty-body"
    kind = ctype or _sniff(body)
    if kind in PDF_TYPES or body[:5] == b"%PDF-":
        return "ok", "PDF document", "pdf"
    if kind not in HTML_TYPES + TEXT_TYPES and not kind.startswith("text/"):
        return "unsupported", f"content type {kind or 'unknown'} is not text, HTML or PDF", "content-type"
    if kind in HTML_TYPES and _looks_binary(body):
        return "unsupported", "served as HTML but the body is binary", "binary-as-html"
    head = body[:65536]
    match = TITLE_RE.search(head)
    title = match.group(1).decode("utf-8", "replace").strip().lower() if match else ""
    if any(marker in title for marker in CHALLENGE_MARKERS) or (
        len(body) < 20000 and any(m.encode() in head.lower() for m in CHALLENGE_MARKERS[:3])
    ):
        return "blocked", "a bot challenge page was served instead of the article", "challenge-page"
    if title and NOT_FOUND_TITLE.search(title):
        return "soft_404", f"HTTP 200 but the page title says {title[:60]!r}", "soft-404-title"
    old, new = urlsplit(url), urlsplit(final)
    if old.path not in ("", "/") and new.path in ("", "/") and not new.query:
        return "soft_404", f"the article redirects to the site's home page {final}", "redirect-to-home"
    if kind in HTML_TYPES and _javascript_only(body):
        return ("unsupported", "the page is built by JavaScript and holds no text without running it "
                "(fetched code is never run)", "javascript-only")
    return "ok", "HTTP 200", "http-200"


def _javascript_only(body: bytes) -> bool:
    """A page of scripts with (almost) no visible text: an app shell."""
    head = body[:200_000]
    if b"<script" not in head.lower():
        return False
    return _visible_bytes(HIDDEN_RE.sub(b"", head), VISIBLE_TEXT) < VISIBLE_TEXT


def _visible_bytes(markup: bytes, enough: int) -> int:
    """How many bytes of ``markup`` are neither tags, entities nor whitespace (what
    ``TAG_OR_SPACE_RE.sub(b"", markup)`` would leave), counted only up to ``enough``: an article
    shows its first words early, so the scan stops there instead of rewriting the whole page."""
    visible = position = 0
    for match in TAG_OR_SPACE_RE.finditer(markup):
        visible += match.start() - position
        position = match.end()
        if visible >= enough:
            return visible
    return visible + len(markup) - position


def _sniff(body: bytes) -> str:
    head = body[:512].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return "text/html"
    if body[:5] == b"%PDF-":
        return "application/pdf"
    return "" if _looks_binary(body) else "text/plain"


def _looks_binary(body: bytes) -> bool:
    sample = body[:4096]
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, CONTROL_BYTES))
    return bool(sample) and controls / len(sample) > 0.1


# -- exceptions -> status and tag, once, by type -----------------------------------------------


def causes(exc: BaseException) -> Iterator[BaseException]:
    """``exc``, its causes and contexts, and the members of exception groups (anyio), each once."""
    seen: list[BaseException] = []
    todo: list[BaseException] = [exc]
    while todo and len(seen) < 16:
        current = todo.pop()
        if any(current is s for s in seen):
            continue
        seen.append(current)
        yield current
        if isinstance(current, BaseExceptionGroup):
            todo.extend(current.exceptions)
        nxt = current.__cause__ or current.__context__
        if nxt is not None:
            todo.append(nxt)


def _has(exc: BaseException, kind: type[BaseException] | tuple[type[BaseException], ...]) -> bool:
    return any(isinstance(c, kind) for c in causes(exc))


def _has_errno(exc: BaseException, numbers: frozenset[int]) -> bool:
    return any(isinstance(c, OSError) and c.errno in numbers for c in causes(exc))


def from_exception(url: str, exc: BaseException) -> Fetch:
    """The ``Fetch`` a failed attempt amounts to: status and tag chosen by exception type."""
    when = now_iso()

    def net(reason: str, tag: str, transient: bool = True) -> Fetch:
        return Fetch(url=url, status="network_error", reason=reason, tag=tag, fetched_at=when, transient=transient)

    def timeout(reason: str, tag: str) -> Fetch:
        return Fetch(url=url, status="timeout", reason=reason, tag=tag, fetched_at=when, transient=True)

    private = next((c for c in causes(exc) if isinstance(c, PrivateAddressError)), None)
    if private is not None:
        return Fetch(url=url, status="blocked", tag="private-address", fetched_at=when, transient=False,
                     reason=f"refused: {private} - a link in an article must not reach this machine's own "
                            "network (use --allow-private or FACTCHECK_ALLOW_PRIVATE=1 to check it on purpose)")
    if isinstance(exc, (httpx.ConnectTimeout, httpx.PoolTimeout)):
        return timeout("connection timed out", "timeout-connect")
    if isinstance(exc, httpx.TimeoutException):
        return timeout("server stopped answering (read timeout)", "timeout-read")
    if isinstance(exc, httpx.UnsupportedProtocol):
        return Fetch(url=url, status="unsupported", reason=str(exc)[:160], tag="url-scheme", fetched_at=when)
    if _has(exc, socket.gaierror):
        return net(f"DNS: host {urlsplit(url).hostname!r} could not be resolved (unknown host, or offline)",
                   "dns-failure", transient=False)
    if _has(exc, ssl.SSLError):
        return net("TLS handshake failed: " + str(exc)[:120], "tls-error", transient=False)
    if _has_errno(exc, UNREACHABLE_ERRNOS):
        return net("network unreachable (offline?)", "network-unreachable")
    if _has(exc, ConnectionRefusedError):
        return net("connection refused by the server", "connection-refused")
    if isinstance(exc, (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError)) \
            or _has(exc, ConnectionResetError) or _has_errno(exc, RESET_ERRNOS):
        return net("connection reset or closed mid-answer: " + (str(exc)[:100] or type(exc).__name__),
                   "connection-reset")
    if isinstance(exc, (httpx.HTTPError, OSError)):
        return net(f"{type(exc).__name__}: {str(exc)[:140]}", "network-error")
    return net(f"unexpected error {type(exc).__name__}: {str(exc)[:140]}", "internal-error", transient=False)
