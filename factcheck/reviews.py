"""Reviews: a person's decisions on claims, kept in ``claims/reviews/<stem>.yaml``.

The file is plain YAML, diffable and editable by hand (``factcheck review``
writes it too)::

    claims_file: claims/feud.yaml
    reviews:
      openai-cofounded-2015:          # a claim id of the claims file
        verdict: supported            # the verdict a person gives (one of VERDICTS)
        matcher_verdict: supported    # what the matcher said then (equal: "confirmed")
        note: the Guardian piece says so too      # optional
        reviewer: Ada Lovelace
        reviewed_at: '2026-12-01T04:10:00Z'
        sources:                      # the archived copy (sha256) each source had; null: no copy
          https://builtin.com/...: 3f2a...
          https://www.axios.com/...: null

``settle(report_data, reviews)`` is a pure function: the report JSON of a run
(``factcheck-report/1``) and the reviews give each claim a review state
(``reviewed``, ``stale`` when a source's archived copy changed since, or
``unreviewed``) and the number of problems no person has settled, which is what
exit code 1 counts. A review without ``sources`` (written by hand) pins nothing
and never goes stale.
"""

from __future__ import annotations

import re
import sys
from io import StringIO
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from .claims import LONE_SURROGATE_FIX, LoneSurrogate, whole_characters
from .errors import ReviewsFileError
from .files import atomic_write
from .models import BROKEN_STATUSES, PROBLEM_VERDICTS, VERDICTS

__all__ = ["Review", "Reviews", "ClaimStatus", "Settlement", "load_reviews", "parse_reviews", "save_review",
           "reviews_path", "settle", "annotate", "markdown_line", "pins", "ordered_for_review"]

TOP_KEYS = ("claims_file", "reviews")
REVIEW_KEYS = ("verdict", "matcher_verdict", "note", "reviewer", "reviewed_at", "sources")
SHA_RE = re.compile(r"^[0-9a-f]{64}$")
ISO_RE = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$")
HEADER = ("# Reviews of {claims}: a person's decision per claim id (factcheck review writes this file;\n"
          "# edit it by hand if you like). sources: the sha256 of each source's archived copy the\n"
          "# review was made on; when a run finds another copy, the review is stale.\n")


@dataclass(frozen=True)
class Review:
    claim_id: str
    verdict: str
    reviewer: str
    reviewed_at: str
    note: str = ""
    matcher_verdict: str | None = None
    sources: tuple[tuple[str, str | None], ...] | None = None  # (url, sha256); None: pins nothing
    line: int | None = None

    @property
    def confirmed(self) -> bool:
        """The person agreed with the matcher."""
        return self.matcher_verdict == self.verdict


@dataclass(frozen=True)
class Reviews:
    path: str
    items: tuple[Review, ...] = ()

    def get(self, claim_id: str) -> Review | None:
        for review in self.items:
            if review.claim_id == claim_id:
                return review
        return None

    def by_id(self) -> dict[str, Review]:
        return {r.claim_id: r for r in self.items}


@dataclass(frozen=True, slots=True)
class ClaimStatus:
    """A claim of a run, seen with its review. (Slots: a run keeps one per claim, ~80 bytes instead of ~200.)"""

    claim_id: str
    state: str  # reviewed | stale | unreviewed
    matcher_verdict: str
    verdict: str  # what counts: the review's verdict while it is current, else the matcher's
    needs_review: bool  # the matcher is unsure
    problems: int  # not supported / contradicted (1) + sources whose quote left the live page
    review: Review | None = None
    changed: tuple[str, ...] = ()  # sources whose archived copy differs from the reviewed one

    @property
    def settled(self) -> bool:
        return self.state == "reviewed"

    @property
    def needs_person(self) -> bool:
        return self.state != "reviewed"


@dataclass(frozen=True)
class Settlement:
    claims: tuple[ClaimStatus, ...]
    dead_sources: tuple[str, ...]  # dead sources some unsettled claim still cites
    unsettled: int  # what exit code 1 counts

    def by_id(self) -> dict[str, ClaimStatus]:
        return {c.claim_id: c for c in self.claims}


def reviews_path(claims_path: str | Path, stem: str | None = None) -> Path:
    """``claims/feud.yaml`` -> ``claims/reviews/feud.yaml``."""
    path = Path(claims_path)
    return path.parent / "reviews" / f"{stem or path.stem}.yaml"


# -- the pure part: report data + reviews -> settled / unsettled ---------------


def settle(data: Mapping[str, Any], reviews: Reviews) -> Settlement:
    """Which claims a person has settled, and how many problems nobody has.

    A problem is a claim not supported or contradicted, a source whose quote is
    gone from the live page, or a dead source. A current review settles its
    claim's problems; a dead source is settled once every claim citing it is."""
    copies = {s["url"]: s.get("archive_sha256") for s in data.get("sources", ())}
    by_id = reviews.by_id()
    statuses: list[ClaimStatus] = []
    unsettled_urls: set[str] = set()
    for claim in data.get("claims", ()):  # one pass: publish builds each claim's record as it is read
        st = _status(claim, by_id.get(claim["id"]), copies)
        statuses.append(st)
        if not st.settled:
            unsettled_urls.update(s["url"] for s in claim.get("sources", ()))
    dead = tuple(s["url"] for s in data.get("sources", ())
                 if s.get("status") in BROKEN_STATUSES and s["url"] in unsettled_urls)
    unsettled = sum(st.problems for st in statuses if not st.settled) + len(dead)
    return Settlement(claims=tuple(statuses), dead_sources=dead, unsettled=unsettled)


def _status(claim: Mapping[str, Any], review: Review | None, copies: Mapping[str, str | None]) -> ClaimStatus:
    # Interned: a claim's record may be read back from disk (results.ClaimResults), each with its own copy
    # of the name, and the settlement keeps one status per claim.
    matcher_verdict = sys.intern(str(claim["verdict"]))
    problems = int(matcher_verdict in PROBLEM_VERDICTS) + sum(
        1 for s in claim.get("sources", ()) if s.get("evidence_lost"))
    changed = _changed_sources(claim, review, copies) if review is not None else ()
    state = "unreviewed" if review is None else "stale" if changed else "reviewed"
    return ClaimStatus(claim_id=str(claim["id"]), state=state, matcher_verdict=matcher_verdict,
                       verdict=review.verdict if review is not None and state == "reviewed" else matcher_verdict,
                       needs_review=bool(claim.get("needs_review")), problems=problems, review=review,
                       changed=changed)


def _changed_sources(claim: Mapping[str, Any], review: Review, copies: Mapping[str, str | None]) -> tuple[str, ...]:
    if review.sources is None:
        return ()
    pinned = dict(review.sources)
    urls = [s["url"] for s in claim.get("sources", ())]
    changed = [u for u in urls if u not in pinned or pinned[u] != copies.get(u)]
    changed += [u for u in pinned if u not in urls]  # a source no longer cited
    return tuple(changed)


def pins(claim: Mapping[str, Any], data: Mapping[str, Any]) -> tuple[tuple[str, str | None], ...]:
    """The archived copy of each of a claim's sources, as a review records them."""
    copies = {s["url"]: s.get("archive_sha256") for s in data.get("sources", ())}
    return tuple((s["url"], copies.get(s["url"])) for s in claim.get("sources", ()))


def annotate(data: Mapping[str, Any], settlement: Settlement, reviews_file: str | None = None) -> dict[str, Any]:
    """The report data with each claim's review and a ``reviews`` summary added."""
    states = settlement.by_id()
    claims = []
    for claim in data.get("claims", ()):
        st = states.get(claim["id"])
        claims.append({**claim, "review": _review_json(st) if st else {"state": "unreviewed"}})
    summary = {name: sum(1 for c in settlement.claims if c.state == name)
               for name in ("reviewed", "stale", "unreviewed")}
    # What the HTML report counts: a person's verdict where one holds, else the matcher's
    # (``summary`` stays the matcher's own counts). From the settlement, which has every claim,
    # so that it holds when ``data`` carries no claim records (publish makes them as they are read).
    counted = [st.verdict for st in settlement.claims]
    verdicts = {name: counted.count(name) for name in VERDICTS}
    return {**data, "claims": claims,
            "reviews": {"file": reviews_file, **summary, "unsettled_problems": settlement.unsettled,
                        "verdicts": verdicts}}


def _review_json(st: ClaimStatus) -> dict[str, Any]:
    out: dict[str, Any] = {"state": st.state, "verdict": st.verdict, "settled": st.settled}
    if st.review is not None:
        r = st.review
        out.update({"reviewed_verdict": r.verdict, "confirmed": r.confirmed, "reviewer": r.reviewer,
                    "reviewed_at": r.reviewed_at, "note": r.note, "matcher_verdict_then": r.matcher_verdict,
                    "changed_sources": list(st.changed)})
    return out


def markdown_line(st: ClaimStatus | None) -> str | None:
    """One Markdown line on a claim's review, or None when there is none.

    Plain words only; the caller escapes it (reviewer names and notes are free text)."""
    if st is None or st.review is None:
        return None
    r = st.review
    how = "confirmed" if r.confirmed else f"set; matcher then: {(r.matcher_verdict or '?').replace('_', ' ')}"
    line = (f"Reviewed by {r.reviewer} on {r.reviewed_at[:10]}: {r.verdict.replace('_', ' ')} ({how}; "
            f"matcher now: {st.matcher_verdict.replace('_', ' ')})")
    if st.state == "stale":
        line = f"Review out of date (a source changed since: {', '.join(st.changed)}). {line}"
    if r.note:
        line += f". Note: {r.note}"
    return line


# -- the file ---------------------------------------------------------------------


def load_reviews(path: str | Path) -> Reviews:
    """The reviews file; an absent file is no reviews. Raises ``ReviewsFileError``."""
    path = Path(path)
    if not path.exists():
        return Reviews(path=str(path))
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReviewsFileError(str(path), raw[: exc.start].count(b"\n") + 1, "not valid UTF-8",
                               "save the file as UTF-8") from exc
    return parse_reviews(text, str(path))


def parse_reviews(text: str, name: str = "<reviews>") -> Reviews:
    data = _load_yaml(text, name)
    if data is None:
        return Reviews(path=name)
    if not isinstance(data, CommentedMap):
        raise ReviewsFileError(name, 1, "the file is not a mapping", "start with 'reviews:' followed by claim ids")
    for key in data:
        if key not in TOP_KEYS:
            raise ReviewsFileError(name, _line(data, key), f"unknown key {key!r}",
                                   f"top-level keys are: {', '.join(TOP_KEYS)}")
    entries = data.get("reviews") or CommentedMap()
    if not isinstance(entries, CommentedMap):
        raise ReviewsFileError(name, _line(data, "reviews"), "'reviews' is not a mapping",
                               "write one 'claim-id:' entry per reviewed claim under 'reviews:'")
    return Reviews(path=name, items=tuple(_review(name, str(cid), entry, _line(entries, cid))
                                          for cid, entry in entries.items()))


def _load_yaml(text: str, name: str) -> Any:
    try:
        return YAML(typ="rt").load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise ReviewsFileError(name, mark.line + 1 if mark else None,
                               f"invalid YAML: {(exc.problem or exc.context or '').strip()}",
                               "fix the YAML syntax (quote text that contains ': ' or '#')") from exc
    except YAMLError as exc:
        raise ReviewsFileError(name, None, f"invalid YAML: {exc}", "fix the YAML syntax") from exc


def _line(mapping: CommentedMap, key: Any) -> int | None:
    try:
        return int(mapping.lc.key(key)[0]) + 1
    except (KeyError, TypeError, AttributeError):
        return None


def _review(name: str, cid: str, entry: Any, line: int | None) -> Review:
    if not isinstance(entry, CommentedMap):
        raise ReviewsFileError(name, line, f"the review of {cid!r} is not a mapping",
                               "give it 'verdict:', 'reviewer:' and 'reviewed_at:' lines")
    for key in entry:
        if key not in REVIEW_KEYS:
            raise ReviewsFileError(name, _line(entry, key), f"unknown key {key!r} in the review of {cid!r}",
                                   f"a review has: {', '.join(REVIEW_KEYS)}")
    for key in ("verdict", "reviewer", "reviewed_at"):
        if not str(entry.get(key) or "").strip():
            raise ReviewsFileError(name, line, f"the review of {cid!r} has no {key!r}", f"add '{key}: ...'")
    for key in ("verdict", "matcher_verdict"):
        value = entry.get(key)
        if value is not None and value not in VERDICTS:
            raise ReviewsFileError(name, _line(entry, key), f"{key} {value!r} of {cid!r} is not a verdict",
                                   f"use one of: {', '.join(VERDICTS)}")
    for key in ("reviewer", "note"):
        value = entry.get(key)
        if isinstance(value, str):
            try:
                entry[key] = whole_characters(value)
            except LoneSurrogate as exc:
                raise ReviewsFileError(name, _line(entry, key), f"the {key} of {cid!r} {exc}",
                                       LONE_SURROGATE_FIX) from None
    when = _iso(entry["reviewed_at"])
    if not ISO_RE.match(when):
        raise ReviewsFileError(name, _line(entry, "reviewed_at"), f"reviewed_at {when!r} is not a date",
                               "write an ISO 8601 time in quotes, e.g. '2026-12-01T04:10:00Z'")
    return Review(claim_id=cid, verdict=str(entry["verdict"]), reviewer=str(entry["reviewer"]).strip(),
                  reviewed_at=when, note=str(entry.get("note") or ""),
                  matcher_verdict=entry.get("matcher_verdict"),
                  sources=_sources(name, cid, entry), line=line)


def _iso(value: Any) -> str:
    """An unquoted YAML timestamp arrives as a date or datetime: back to ISO 8601 text."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def _sources(name: str, cid: str, entry: CommentedMap) -> tuple[tuple[str, str | None], ...] | None:
    if "sources" not in entry:
        return None
    sources = entry["sources"]
    if sources is None:
        return ()
    if not isinstance(sources, CommentedMap):
        raise ReviewsFileError(name, _line(entry, "sources"), f"'sources' of {cid!r} is not a mapping",
                               "write one 'URL: sha256' line per source (null when it had no copy)")
    out = []
    for url, sha in sources.items():
        if sha is not None and not SHA_RE.match(str(sha)):
            raise ReviewsFileError(name, _line(sources, url), f"{sha!r} is not a sha256 (source {url} of {cid!r})",
                                   "copy the archive_sha256 of the source from the report JSON, or write null")
        out.append((str(url), None if sha is None else str(sha)))
    return tuple(out)


def save_review(path: str | Path, review: Review, *, claims_file: str) -> None:
    """Add or replace one review, keeping the rest of the file (comments included).

    The file is replaced atomically, so an interrupted save leaves the old one."""
    path = Path(path)
    text = path.read_text(encoding="utf-8-sig") if path.exists() else ""
    yaml = YAML(typ="rt")
    yaml.width = 4096
    yaml.representer.add_representer(type(None), lambda rep, _: rep.represent_scalar("tag:yaml.org,2002:null", "null"))
    data = _load_yaml(text, str(path)) if text.strip() else None
    if not isinstance(data, CommentedMap):
        data = CommentedMap()
        data["claims_file"] = claims_file
    entries = data.get("reviews")
    if not isinstance(entries, CommentedMap):
        entries = data["reviews"] = CommentedMap()
    entry = CommentedMap()
    entry["verdict"] = review.verdict
    entry["matcher_verdict"] = review.matcher_verdict
    if review.note:
        entry["note"] = _writable(review.note)
    entry["reviewer"] = _writable(review.reviewer)
    entry["reviewed_at"] = review.reviewed_at
    if review.sources is not None:
        entry["sources"] = CommentedMap((url, sha) for url, sha in review.sources)
    entries[review.claim_id] = entry
    buffer = StringIO()
    if not text.strip():
        buffer.write(HEADER.format(claims=claims_file))
    yaml.dump(data, buffer)
    atomic_write(path, buffer.getvalue(), what="reviews file")


def _writable(text: str) -> str:
    """Free text a person typed, as characters a file can hold. A terminal or command line that Python
    could not decode (a C locale; bytes that are not UTF-8) gives lone surrogates: the bytes they stand
    for are read as UTF-8 (so "café" typed in a C locale is "café"), anything else is U+FFFD."""
    try:
        return whole_characters(text)
    except LoneSurrogate:
        pass
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # a high half, which no undecodable byte gives
        return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def ordered_for_review(statuses: Iterable[ClaimStatus]) -> list[ClaimStatus]:
    """Claims that need a person: the matcher's unsure ones first, then problems, then the rest."""
    waiting = [st for st in statuses if st.needs_person]
    return sorted(waiting, key=lambda st: 0 if st.needs_review else 1 if st.problems else 2)
