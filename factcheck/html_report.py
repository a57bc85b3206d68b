"""The HTML report: report data (``factcheck-report/1``) -> one self-contained page.

``render_html(data, texts=..., snapshots=...)`` takes the dict the JSON writer
produces (with the ``review`` of each claim that ``reviews.annotate`` adds, if
any) and returns one HTML file that needs no server and loads nothing: its
stylesheet and script are inline, allowed by a Content-Security-Policy that
names their sha256 and forbids everything else (no other script, no
images, fonts, frames or requests). Every piece of text is HTML-escaped; only
``http``/``https`` URLs become links (plus the relative links to archived
copies that the caller gives), so a hostile page cannot run anything here.

Per claim: the verdict that counts (a person's, while their review is
current) with the matcher's beside it, the claim and its translation, and per
source the evidence highlighted inside a few sentences of the archived text
(``texts``: URL -> extracted text; without it the quote alone), with links to
the live page, to the quote on it (``#:~:text=``) and to the archived copy.
Problems come first, under a table of contents; the claims carry data
attributes that the script filters on (verdict, source, needs a person) and
walks with j/k.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from html import escape
from importlib.resources import files
from typing import Any
from urllib.parse import quote, urlsplit

from .models import BROKEN_STATUSES, PROBLEM_VERDICTS, VERDICTS
from .report import ICONS, LABELS, shown_quotes, text_fragment_url

__all__ = ["render_html", "html_lines", "csp_for", "evidence_context", "quote_context", "quote_key", "safe_href",
           "claim_group", "GROUPS", "Context", "QuoteKey"]

#: The claim groups, in the order the report shows them.
GROUPS = ("Problems", "Unsure or out of date", "The rest")
PERSON_FILTERS = (("", "all claims"), ("person", "needs a person"), ("unsure", "matcher unsure"),
                  ("unreviewed", "unreviewed"), ("stale", "review out of date"), ("reviewed", "reviewed"))
QUOTE_LIMIT = 600
CONTEXT_CHARS = 360
_BOUNDARY = re.compile(r"[.!?。！？][\"'”’)\]]*\s+|[。！？]|\n+")


def _asset(name: str) -> str:
    return files("factcheck").joinpath("data", name).read_text(encoding="utf-8")


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def csp_for(script: str, style: str) -> str:
    """A policy that allows exactly this script and this stylesheet, and no request at all."""
    return ("default-src 'none'; script-src " + _hash(script) + "; style-src " + _hash(style)
            + "; img-src 'none'; font-src 'none'; connect-src 'none'; media-src 'none'; object-src 'none'; "
              "frame-src 'none'; worker-src 'none'; manifest-src 'none'; base-uri 'none'; form-action 'none'")


def safe_href(url: str | None) -> str | None:
    """``url`` if it is an absolute http(s) URL with a host, else None (shown as text, not a link)."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url.strip()


def _relative_href(path: str | None) -> str | None:
    """A relative file path (an archived copy) as a link that cannot carry a scheme."""
    if not path or ":" in path.split("/", 1)[0] or path.startswith("//"):
        return None
    return quote(path, safe="/._-~")


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _link(label: str, href: str | None, *, title: str = "") -> str:
    """An anchor for a vetted href; the label alone when there is none. ``label`` is already HTML."""
    if href is None:
        return label
    extra = f' title="{_e(title)}"' if title else ""
    return f'<a href="{_e(href)}" rel="noopener noreferrer nofollow" referrerpolicy="no-referrer"{extra}>{label}</a>'


def _ld_json(objects: Sequence[Mapping[str, Any]]) -> str:
    """JSON-LD that no text inside can close its script element."""
    text = json.dumps(list(objects), ensure_ascii=False, indent=1)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


# -- grouping -----------------------------------------------------------------


def _counted_verdict(claim: Mapping[str, Any]) -> str:
    review = claim.get("review") or {}
    return str(review.get("verdict") or claim["verdict"])


def _state(claim: Mapping[str, Any]) -> str:
    return str((claim.get("review") or {}).get("state") or "unreviewed")


def claim_group(claim: Mapping[str, Any]) -> int:
    """0: a problem (not supported, contradicted, evidence gone from the live page); 1: the matcher is
    unsure or a review went out of date; 2: the rest."""
    if _counted_verdict(claim) in PROBLEM_VERDICTS or any(s.get("evidence_lost") for s in claim.get("sources", ())):
        return 0
    if claim.get("needs_review") or _state(claim) == "stale":
        return 1
    return 2


def _person_tokens(claim: Mapping[str, Any]) -> str:
    state = _state(claim)
    tokens = [state]
    if state != "reviewed":
        tokens.append("person")
        if claim.get("needs_review"):
            tokens.append("unsure")
    return " ".join(tokens)


# -- evidence in its context -------------------------------------------------


Context = tuple[str, str]  # the text before and after a quote
QuoteKey = tuple[str, str, Any, Any]  # (source URL, quote, start, end)


def quote_key(url: str, ev: Mapping[str, Any]) -> QuoteKey:
    return url, str(ev.get("text") or ""), ev.get("start"), ev.get("end")


def quote_context(text: str | None, ev: Mapping[str, Any]) -> Context | None:
    """The text around the quote ``ev`` (text, start, end) in ``text``; None when it is not there."""
    where = _locate(text, ev) if text else None
    return evidence_context(text, *where) if text and where is not None else None


def _locate(text: str, ev: Mapping[str, Any]) -> tuple[int, int] | None:
    quote_text = str(ev.get("text") or "")
    start, end = ev.get("start"), ev.get("end")
    if not quote_text:
        return None
    if isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text) \
            and text[start:end] == quote_text:
        return start, end
    found = text.find(quote_text)
    return (found, found + len(quote_text)) if found >= 0 else None


def evidence_context(text: str, start: int, end: int, *, sentences: int = 1,
                     limit: int = CONTEXT_CHARS) -> tuple[str, str]:
    """The text before and after ``text[start:end]``: the rest of its sentence and ``sentences``
    more on each side, at most ``limit`` characters each way ("…" where cut)."""
    region = text[max(0, start - limit):start]
    ends = [m.end() for m in _BOUNDARY.finditer(region)]
    at_sentence_start = start == 0 or (bool(ends) and ends[-1] == len(region))
    cuts = [e for e in ends if e < len(region)]
    want = sentences if at_sentence_start else sentences + 1
    if len(cuts) >= want:
        before = region[cuts[-want]:]
    elif start - limit > 0:
        before = "…" + region.split(" ", 1)[-1]
    else:
        before = region
    region = text[end:end + limit]
    cuts = [m.start() + 1 for m in _BOUNDARY.finditer(region) if m.start() > 0]
    at_sentence_end = bool(_BOUNDARY.match(text[end - 1:end + 1]) or end == len(text)) if end > 0 else False
    want = sentences if at_sentence_end else sentences + 1
    if len(cuts) >= want:
        after = region[:cuts[want - 1]]
    elif end + limit < len(text):
        after = region.rsplit(" ", 1)[0] + "…"
    else:
        after = region
    return before.lstrip(), after.rstrip()


def _quote_html(ev: Mapping[str, Any], context: Context | None) -> str:
    quote_text = str(ev.get("text") or "")
    shown = quote_text if len(quote_text) <= QUOTE_LIMIT else quote_text[:QUOTE_LIMIT].rstrip() + "…"
    if context is None:
        return f'<div class="ctx"><mark>{_e(shown)}</mark></div>'
    before, after = context
    return f'<div class="ctx">{_e(before)}<mark>{_e(shown)}</mark>{_e(after)}</div>'


# -- the page -----------------------------------------------------------------


def render_html(data: Mapping[str, Any], *, texts: Mapping[str, str] | None = None,
                contexts: Mapping[QuoteKey, Context] | None = None,
                snapshots: Mapping[str, str] | None = None,
                claim_reviews: Sequence[Mapping[str, Any]] = ()) -> str:
    """``texts``: URL -> the extracted text of the archived copy used as evidence; or, so that the
    caller need not hold every text, ``contexts``: ``quote_key`` -> ``quote_context`` in that text
    (a quote without one is shown alone).
    ``snapshots``: URL -> a path of that copy relative to the report.
    ``claim_reviews``: schema.org ClaimReview objects to embed as JSON-LD."""
    return "\n".join(html_lines(data, texts=texts, contexts=contexts, snapshots=snapshots,
                                 claim_reviews=claim_reviews))


def html_lines(data: Mapping[str, Any], *, texts: Mapping[str, str] | None = None,
               contexts: Mapping[QuoteKey, Context] | None = None,
               snapshots: Mapping[str, str] | None = None,
               claim_reviews: Sequence[Mapping[str, Any]] = (),
               claim_contexts: Callable[[int], Mapping[QuoteKey, Context]] | None = None) -> Iterator[str]:
    """The lines of ``render_html``'s page, one claim at a time (joined by newlines).

    ``claim_contexts``: claim index (file order, from 0) -> the contexts of that claim's quotes, asked for
    when the claim is written, for a caller that keeps them with each claim (``results.ClaimResults``)
    rather than all in ``contexts``."""
    if contexts is None:
        contexts = {} if claim_contexts is not None else _contexts(data, texts or {})
    snapshots = snapshots or {}
    script, style = _asset("report.js"), _asset("report.css")
    health = {s["url"]: s for s in data.get("sources", ())}
    index = {s["url"]: n for n, s in enumerate(data.get("sources", ()), start=1)}
    # Only each claim's group is kept: a claim's record is read again when its turn comes, so that
    # ``data["claims"]`` may be a sequence that makes each record as it is read (publish.ClaimRecords).
    # The filters' and the summary's counts are taken in the same single pass.
    claims = data.get("claims", ())
    groups = bytearray()
    counted: Counter[str] = Counter()
    person: Counter[str] = Counter()
    for claim in claims:
        groups.append(claim_group(claim))
        counted[_counted_verdict(claim)] += 1
        person.update(_person_tokens(claim).split())
    title = data.get("title") or data.get("claims_file") or "report"
    out = ['<!doctype html>', '<html lang="en">', "<head>", '<meta charset="utf-8">',
           f'<meta http-equiv="Content-Security-Policy" content="{_e(csp_for(script, style))}">',
           '<meta name="referrer" content="no-referrer">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>Fact-check report: {_e(title)}</title>", f"<style>{style}</style>", "</head>", "<body>"]
    out += _header(data, title, counted, person, len(groups))
    out.append('<div class="wrap">')
    out += _summary(data, counted, len(groups))
    yield from out
    yield from _toc(claims, groups)
    yield '<main id="claims">'
    yield ('<p id="empty" class="empty">No claim matches these filters. '
           'Press <kbd>0</kbd> to show all.</p>')
    for i in _in_order(groups):  # claim by claim: the page is never whole in memory when written
        found = contexts if claim_contexts is None else {**contexts, **claim_contexts(i)} if contexts \
            else claim_contexts(i)
        yield from _claim(i + 1, claims[i], health, index, found, snapshots)
    out = ["</main>"]
    out += _health_table(data, snapshots)
    out.append("</div>")
    out.append(f"<script>{script}</script>")
    if claim_reviews:
        out.append(f'<script type="application/ld+json">{_ld_json(claim_reviews)}</script>')
    out += ["</body>", "</html>", ""]
    yield from out


def _contexts(data: Mapping[str, Any], texts: Mapping[str, str]) -> dict[QuoteKey, Context]:
    found = {}
    for claim in data.get("claims", ()):
        for src in claim.get("sources", ()):
            for ev in shown_quotes(src.get("evidence", ()), bool(src.get("needs_review"))):
                if (context := quote_context(texts.get(src["url"]), ev)) is not None:
                    found[quote_key(src["url"], ev)] = context
    return found


def _header(data: Mapping[str, Any], title: str, counted: Counter[str], person: Counter[str],
            total: int) -> list[str]:
    """``counted``: claims per verdict that counts (``_counted_verdict``); ``person``: claims per
    token of ``_person_tokens``; ``total``: claims."""
    verdicts = [v for v in VERDICTS if counted[v]]
    opts = ['<option value="">all verdicts</option>'] + [
        f'<option value="{v}">{ICONS[v]} {_e(LABELS[v])} '
        f'({counted[v]})</option>' for v in verdicts]
    srcs = ['<option value="">all sources</option>'] + [
        f'<option value="{n}">{n}. {_e(_short(s.get("title") or _host(s["url"]), 48))}</option>'
        for n, s in enumerate(data.get("sources", ()), start=1)]
    filters = [f'<option value="{v}">{_e(label)} ({person[v] if v else total})</option>'
               for v, label in PERSON_FILTERS]
    return [
        '<header class="top">', f"<h1>Fact-check report: {_e(title)}</h1>",
        '<form class="filters" role="search">',
        f'<label>Verdict <select id="f-verdict">{"".join(opts)}</select></label>',
        f'<label>Source <select id="f-source">{"".join(srcs)}</select></label>',
        f'<label>Review <select id="f-person">{"".join(filters)}</select></label>',
        '<button type="button" id="reset">show all</button>',
        f'<span class="muted"><span id="shown">{total}</span> of {total} claims · '
        'press <kbd>?</kbd> for keys</span>',
        "</form>",
        '<div id="help" hidden><p><kbd>j</kbd>/<kbd>k</kbd> next/previous claim · <kbd>v</kbd> verdict filter · '
        '<kbd>s</kbd> source filter · <kbd>p</kbd> review filter (<kbd>Shift</kbd> goes back) · '
        '<kbd>0</kbd> or <kbd>Esc</kbd> show all · <kbd>?</kbd> this help</p></div>',
        "</header>",
    ]


def _summary(data: Mapping[str, Any], counted: Counter[str], total: int) -> list[str]:
    """``counted``: claims per verdict that counts (``_counted_verdict``); ``total``: claims."""
    out = [f'<p class="meta">Claims file <code>{_e(data.get("claims_file", ""))}</code> · generated '
           f'{_e(data.get("generated_at", ""))}' + (" · <strong>offline run</strong>" if data.get("offline") else "")
           + "</p>"]
    rows = "".join(f'<tr><td>{ICONS[v]} {_e(LABELS[v])}</td><td class="n">'
                   f'{counted[v]}</td></tr>' for v in VERDICTS)
    out.append(f'<table class="summary"><tr><th>verdict (reviewed where a person decided)</th>'
               f'<th class="n">claims</th></tr>{rows}<tr><th>total</th><th class="n">{total}</th></tr></table>')
    reviews = data.get("reviews")
    if reviews:
        out.append(f'<p class="meta">Reviews: {reviews.get("reviewed", 0)} current, {reviews.get("stale", 0)} out of '
                   f'date, {reviews.get("unreviewed", 0)} claims unreviewed; {reviews.get("unsettled_problems", 0)} '
                   "problems no person has settled.</p>")
    for note in data.get("notes", ()):
        out.append(f'<p class="meta"><strong>Note:</strong> {_e(note)}</p>')
    return out


def _in_order(groups: bytearray) -> Iterator[int]:
    """The claims' indexes by group (``groups[i]``: claim i's), in file order within a group."""
    return (i for group in range(len(GROUPS)) for i in range(len(groups)) if groups[i] == group)


def _toc(claims: Sequence[Mapping[str, Any]], groups: bytearray) -> Iterator[str]:
    """The table of contents, line by line: each claim's line is made when it is written."""
    yield '<nav class="toc" aria-label="Contents"><h2>Contents</h2>'
    for group, name in enumerate(GROUPS):
        size = groups.count(group)
        if not size:
            continue
        yield f"<h3>{_e(name)} ({size})</h3><ol>"
        for i in range(len(groups)):
            if groups[i] != group:
                continue
            n, c = i + 1, claims[i]
            v = _counted_verdict(c)
            yield (f'<li value="{n}" data-for="c-{n}"><a href="#c-{n}">{ICONS.get(v, "")} '
                   f'{_e(_short(c.get("translation") or c["text"], 110))}</a></li>')
        yield "</ol>"
    yield "</nav>"


def _claim(number: int, claim: Mapping[str, Any], health: Mapping[str, Mapping[str, Any]],
           index: Mapping[str, int], contexts: Mapping[QuoteKey, Context],
           snapshots: Mapping[str, str]) -> list[str]:
    verdict = _counted_verdict(claim)
    sources = " ".join(str(index[s["url"]]) for s in claim.get("sources", ()) if s["url"] in index)
    out = [f'<article class="claim v-{_e(verdict)}" id="c-{number}" data-verdict="{_e(verdict)}" '
           f'data-sources="{sources}" data-person="{_person_tokens(claim)}">']
    badges = ""
    if claim.get("needs_review"):
        badges += '<span class="badge warn">matcher unsure</span>'
    state = _state(claim)
    if state != "reviewed":
        badges += f'<span class="badge{" bad" if state == "stale" else ""}">' \
                  f'{"review out of date" if state == "stale" else "unreviewed"}</span>'
    score = claim.get("score")
    matcher = f'matcher: {_e(LABELS.get(claim["verdict"], claim["verdict"]))}' + (
        f" {float(score):.2f}" if isinstance(score, (int, float)) else "")
    out.append(f'<h2>#{number} <span class="verdict">{ICONS.get(verdict, "")} {_e(LABELS.get(verdict, verdict))}'
               f'</span> <span class="muted">· {matcher} · <code>{_e(claim["id"])}</code></span>{badges}</h2>')
    out.append(f'<blockquote class="text"><p>{_e(claim["text"])}</p>'
               + (f'<p class="translation">{_e(claim["translation"])}</p>' if claim.get("translation") else "")
               + "</blockquote>")
    out += _review_block(claim)
    if claim.get("missing") and claim["verdict"] != "supported":
        out.append('<p class="muted">Not found in the evidence: '
                   + ", ".join(f"<code>{_e(m)}</code>" for m in claim["missing"][:12]) + "</p>")
    for src in claim.get("sources", ()):
        out += _source(src, health.get(src["url"], {}), index.get(src["url"]), contexts,
                       snapshots.get(src["url"]))
    out.append("</article>")
    return out


def _review_block(claim: Mapping[str, Any]) -> list[str]:
    review = claim.get("review") or {}
    if not review.get("reviewer"):
        return []
    stale = review.get("state") == "stale"
    said = str(review.get("reviewed_verdict") or review.get("verdict") or "")
    how = "confirmed the matcher" if review.get("confirmed") else (
        f"set it (the matcher then said {_e(LABELS.get(review.get('matcher_verdict_then') or '', '?'))})")
    text = (f'Reviewed: <strong>{ICONS.get(said, "")} {_e(LABELS.get(said, said))}</strong> by '
            f'{_e(review["reviewer"])} on {_e(str(review.get("reviewed_at", ""))[:10])}, who {how}')
    if stale:
        changed = ", ".join(_e(_host(u)) for u in review.get("changed_sources", ()))
        text = f"<strong>Review out of date</strong>: the archived copy of {changed} changed since. " + text
    note = f'<br>Note: {_e(review["note"])}' if review.get("note") else ""
    return [f'<p class="review{" stale" if stale else ""}">{text}.{note}</p>']


def _source(src: Mapping[str, Any], health: Mapping[str, Any], number: int | None,
            contexts: Mapping[QuoteKey, Context], snapshot: str | None) -> list[str]:
    url = src["url"]
    v = src["verdict"]
    name = _e(_short(health.get("title") or _host(url), 80))
    status = health.get("status", "")
    head = (f'{ICONS.get(v, "")} {_e(LABELS.get(v, v))} <span class="muted">({float(src.get("score", 0)):.2f})</span> · '
            f'{f"[{number}] " if number else ""}{name}')
    if src.get("needs_review"):
        head += '<span class="badge warn">unsure</span>'
    if status and status not in ("ok", "redirected"):
        head += f'<span class="badge{" bad" if status in BROKEN_STATUSES else ""}">{_e(status)}</span>'
    if src.get("from_archive"):
        head += '<span class="badge">from the archived copy</span>'
    opened = " open" if v != "unverifiable" else ""
    out = [f'<details class="source"{opened}><summary>{head}</summary>']
    if src.get("explanation"):
        out.append(f'<p class="muted">{_e(src["explanation"])}</p>')
    live = safe_href(url)
    evidence = shown_quotes(src.get("evidence", ()), bool(src.get("needs_review")))
    if evidence and v in PROBLEM_VERDICTS:
        out.append('<p class="muted">Closest passage' + ("s" if len(evidence) > 1 else "") + " in this source:</p>")
    for ev in evidence:
        out.append(_quote_html(ev, contexts.get(quote_key(url, ev))))
        if live:
            out.append('<div class="links">'
                       + _link("quote on the live page ↗", text_fragment_url(live, str(ev.get("text") or "")))
                       + "</div>")
    links = [_link("live page", live) if live else f"<code>{_e(url)}</code> (not a web link)"]
    if snapshot and _relative_href(snapshot):
        links.append(_link(f"archived copy ({_e(str(health.get('archived_at') or '')[:10])})",
                           _relative_href(snapshot)))
    if health.get("wayback_url") and safe_href(health["wayback_url"]):
        links.append(_link("Wayback Machine", safe_href(health["wayback_url"])))
    out.append('<div class="links">' + " ".join(f"<span>{x}</span>" for x in links) + "</div>")
    out.append("</details>")
    return out


def _health_table(data: Mapping[str, Any], snapshots: Mapping[str, str]) -> list[str]:
    out = ['<section id="health"><h2>Source health</h2><table class="health">',
           "<tr><th>#</th><th>source</th><th>status</th><th>HTTP</th><th>reason</th><th>archived copy</th></tr>"]
    for n, s in enumerate(data.get("sources", ()), start=1):
        name = _link(_e(_short(s.get("title") or _host(s["url"]), 60)), safe_href(s["url"]), title=s["url"])
        copy = _e(str(s.get("archived_at") or "none")[:10])
        href = _relative_href(snapshots.get(s["url"]))
        if href and s.get("archived_at"):
            copy = _link(copy, href)
        out.append(f'<tr><td class="n">{n}</td><td>{name}</td><td><code>{_e(s.get("status", ""))}</code></td>'
                   f'<td class="n">{_e(s.get("http_status") or "–")}</td><td>{_e(_short(s.get("reason") or "", 160))}'
                   f"</td><td>{copy}</td></tr>")
    out.append("</table></section>")
    return out


def _host(url: str) -> str:
    return url.split("://", 1)[-1]


def _short(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
