"""The vocabulary, and the frozen records passed between the stages.

claims -> ``Claim``; fetch -> ``Fetch``; extract -> ``Document``;
match -> ``Verdict`` (with ``Evidence``); report -> ``Report``; link health
across checks -> ``LinkState`` and ``Change``. No stage passes raw dicts or
tuples to another.

Each kind of name is a ``Literal`` defined here once, with its tuple of
values for users and its sets: ``Status`` (one fetch: ``STATUSES``, alive
``ALIVE_STATUSES``, broken ``BROKEN_STATUSES``), ``Health`` (a link across
checks: ``HEALTHS``), ``ChangeKind`` (what a re-check reports:
``CHANGE_KINDS``, alerting ``ALERT_KINDS``) and ``VerdictName``
(``VERDICTS``, supporting ``SUPPORTING``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal, get_args

__all__ = [
    "Status",
    "STATUSES",
    "ALIVE_STATUSES",
    "BROKEN_STATUSES",
    "VerdictName",
    "VERDICTS",
    "SUPPORTING", "PROBLEM_VERDICTS",
    "Health",
    "ChangeKind",
    "CHANGE_KINDS",
    "ALERT_KINDS",
    "Change",
    "SourceRef",
    "Claim",
    "ClaimsFile",
    "Fetch",
    "Conditional",
    "ArchivedFetch",
    "Origin",
    "Sentence",
    "Document",
    "Evidence",
    "Verdict",
    "SourceResult",
    "ClaimResult",
    "SourceHealth",
    "Report",
    "LinkState",
    "HEALTHS",
    "Verification",
]

Status = Literal[
    "ok",
    "redirected",
    "soft_404",
    "dead",
    "blocked",
    "server_error",
    "timeout",
    "network_error",
    "unsupported",
]

#: Every fetch status, each a stable string that users may filter on.
STATUSES: tuple[str, ...] = get_args(Status)
#: Statuses whose body is the page the claim cited (usable as evidence).
ALIVE_STATUSES: frozenset[Status] = frozenset({"ok", "redirected"})
#: Statuses that count as a broken link: ``run`` and ``links`` exit 1 on them, the report lists them.
#: ``blocked`` (a login, a bot wall, robots.txt, a private address) is never broken.
BROKEN_STATUSES: frozenset[Status] = frozenset({"dead", "soft_404"})

VerdictName = Literal[
    "supported", "partially_supported", "not_supported", "contradicted", "unverifiable"
]
#: The five verdicts, strongest support first.
VERDICTS: tuple[str, ...] = get_args(VerdictName)
#: Verdicts that count as the source backing the claim.
SUPPORTING: frozenset[VerdictName] = frozenset({"supported", "partially_supported"})
#: Verdicts that count against the claim (a problem in the report and for exit code 1), worst first.
PROBLEM_VERDICTS: tuple[VerdictName, ...] = ("contradicted", "not_supported")

#: Health of a link across checks (``health.py``), unlike a single fetch's status.
Health = Literal["healthy", "failing", "dead", "blocked"]
HEALTHS: tuple[str, ...] = get_args(Health)

#: Kinds of change a re-check reports, in the order they are reported.
ChangeKind = Literal["newly_dead", "evidence_lost", "recovered", "moved", "blocked", "failing", "drift"]
CHANGE_KINDS: tuple[str, ...] = get_args(ChangeKind)
#: Kinds that make ``factcheck recheck`` exit 1 (something newly broke).
ALERT_KINDS: frozenset[ChangeKind] = frozenset({"newly_dead", "evidence_lost"})


@dataclass(frozen=True)
class SourceRef:
    """A source as the claims file names it."""

    url: str
    id: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class Claim:
    id: str
    text: str
    sources: tuple[SourceRef, ...]
    translation: str | None = None
    context: str | None = None
    line: int | None = None  # line in the claims file, for messages
    citation: str | None = None  # how the article cites: inline, marker, article-level, uncited

    @property
    def query(self) -> str:
        """The text matched against English sources: translation when given."""
        return self.translation or self.text


@dataclass(frozen=True)
class ClaimsFile:
    path: str
    claims: tuple[Claim, ...]
    sources: tuple[SourceRef, ...]  # every distinct source, in first-seen order
    title: str | None = None
    article: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class Fetch:
    """One attempt to fetch a URL. Failure is a status, never an exception."""

    url: str
    status: Status
    reason: str  # one human line: why this status
    tag: str  # stable machine tag, e.g. "http-404", "dns-failure"
    fetched_at: str  # ISO 8601 UTC
    http_status: int | None = None
    final_url: str | None = None
    redirects: tuple[str, ...] = ()
    headers: tuple[tuple[str, str], ...] = ()
    content_type: str | None = None
    body: bytes | None = None
    elapsed: float = 0.0
    transient: bool = False  # worth retrying later (timeouts, 5xx, resets, 429)

    @property
    def alive(self) -> bool:
        return self.status in ALIVE_STATUSES

    def header(self, name: str) -> str | None:
        name = name.lower()
        for key, value in self.headers:
            if key.lower() == name:
                return value
        return None


Origin = Literal["live", "wayback"]


@dataclass(frozen=True)
class ArchivedFetch:
    """A fetch attempt as the archive stores it, with the id of its row."""

    id: int
    fetch: Fetch
    body_sha256: str | None
    origin: Origin = "live"  # "live": a check of the URL; "wayback": a Wayback Machine capture of it

    @property
    def has_body(self) -> bool:
        """Whether the check got a (non-empty) body: carried, or kept in the archive only
        (``body_sha256``; the checks of a run hand their records over without bodies)."""
        return bool(self.fetch.body) or (self.fetch.body is None and self.body_sha256 is not None)


@dataclass(frozen=True)
class Conditional:
    """Validators of an archived copy, for a conditional re-check (ETag, Last-Modified)."""

    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int  # offsets into Document.text: text == document.text[start:end]
    end: int


@dataclass(frozen=True)
class Document:
    """Clean text of one source, with sentence offsets."""

    url: str
    text: str
    sentences: tuple[Sentence, ...]
    title: str | None = None
    date: str | None = None
    language: str | None = None
    extractor: str = "text"  # trafilatura | fallback (lxml, or BeautifulSoup past lxml's depth) | pdf | text
    sha256: str = ""  # of text, keys cached sentence embeddings


@dataclass(frozen=True)
class Evidence:
    text: str
    start: int  # offsets into Document.text
    end: int
    score: float = 0.0


@dataclass(frozen=True)
class Verdict:
    verdict: VerdictName
    score: float  # probability that the source supports the claim, in [0, 1]
    evidence: tuple[Evidence, ...] = ()
    explanation: str = ""
    missing: tuple[str, ...] = ()  # parts of the claim not found in the evidence
    matcher: str = ""
    needs_review: bool = False  # the score is in the band where verdicts are often wrong: a person should look


@dataclass(frozen=True)
class SourceHealth:
    """What the report says about one source."""

    url: str
    status: Status
    reason: str
    tag: str
    checked_at: str
    http_status: int | None = None
    final_url: str | None = None
    archived_at: str | None = None  # when the copy used as evidence was fetched
    archive_sha256: str | None = None  # blob of the copy used as evidence
    from_archive: bool = False  # evidence came from an archived copy, not live
    title: str | None = None
    id: str | None = None
    wayback_url: str | None = None  # the Wayback Machine capture used as evidence, if any


@dataclass(frozen=True)
class SourceResult:
    url: str
    verdict: Verdict
    from_archive: bool = False
    # Content drift: the live page no longer supports the claim but the copy it was
    # verified on does. Then ``verdict`` is that copy's, ``live_verdict`` the live page's.
    live_verdict: Verdict | None = None
    verified_at: str | None = None  # when that copy was fetched
    verified_sha256: str | None = None  # its body; evidence offsets refer to its text
    evidence_lost: bool = False  # the quote it was verified on is gone from the live page


@dataclass(frozen=True)
class ClaimResult:
    claim: Claim
    verdict: Verdict  # the best over sources
    sources: tuple[SourceResult, ...] = ()


@dataclass(frozen=True)
class Report:
    claims_file: str
    generated_at: str
    claims: Sequence[ClaimResult]  # results.ClaimResults: on disk, read back one at a time
    sources: tuple[SourceHealth, ...]
    title: str | None = None
    offline: bool = False
    notes: tuple[str, ...] = field(default=())

    def counts(self) -> dict[str, int]:
        counts = {name: 0 for name in VERDICTS}
        for result in self.claims:
            counts[result.verdict.verdict] += 1
        return counts


@dataclass(frozen=True)
class LinkState:
    """What the archive remembers about one URL between checks."""

    url: str
    health: Health
    last_status: Status
    last_tag: str
    last_checked_at: str  # ISO 8601 UTC
    next_check_at: str
    interval_hours: float
    failures: int = 0  # consecutive failed checks (blocked ones not counted)
    first_failed_at: str | None = None  # first of the current run of failures
    last_ok_at: str | None = None
    dead_since: str | None = None
    final_url: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    good_sha256: str | None = None  # body of the newest good copy


@dataclass(frozen=True)
class Verification:
    """The archived copy a claim was last supported by, per claims file, claim and source."""

    claims_file: str
    claim_id: str
    url: str
    body_sha256: str
    fetched_at: str
    verdict: VerdictName
    score: float
    quote: str  # the first evidence sentence
    lost_at: str | None = None  # when the quote was first found missing from the live page


@dataclass(frozen=True)
class Change:
    """One thing that changed about a source (or a claim) since the last check."""

    kind: ChangeKind
    url: str
    detail: str  # one human line
    before: str | None = None  # health (or verdict) before
    after: str | None = None  # health (or verdict) now
    claim_id: str | None = None
    claims_file: str | None = None
