"""Writing a ``Draft`` as a claims file, merging into the one already there.

The file is written with ruamel.yaml in round-trip mode, so comments and hand
edits survive re-extraction. Who owns what:

- A person owns ``title``, ``article``, ``language``, every source entry, and
  every key of every claim (text, translation, context, sources, citation,
  note). Re-extraction never changes them; it only fills what is missing.
- The extractor owns each claim's ``span`` (refreshed, since offsets move when
  the article is edited), the ``skipped:`` list (rewritten each time) and
  ``extracted:``, the ids it has ever proposed for this file.
- A claim whose id is in ``extracted:`` but no longer under ``claims:`` was
  removed by a person and is not added back. To bring it back, delete its id
  from ``extracted:`` and extract again.
- Claims whose sentence is new in the article are inserted after the claim
  that precedes them in the article.

``translation`` is left empty for a person: rules never invent one. With
``translate`` (``factcheck extract --translate``: the LLM tier) the empty
ones are filled; a translation already there is never replaced.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from .claims import parse_claims
from .drafting import Draft
from .errors import InputError
from .files import atomic_write
from .models import Claim, ClaimsFile, SourceRef

__all__ = ["WriteResult", "render_draft", "write_draft", "claims_from_draft", "source_id", "MARK_KEY"]

#: The top-level key that marks a file as written by ``factcheck extract``.
MARK_KEY = "extracted"
HEADER = """\
Claims drafted by `factcheck extract` from {article}.
Review before `factcheck run`: fix or delete claims, add `translation:` (left empty on
purpose: never invented by rules) and `context:` where a claim says "he" or "this".
Re-extracting keeps your edits and comments, adds claims for new sentences, refreshes
`span:` (line, and character offsets into the article) and `skipped:`, and never brings
back a claim you deleted (its id stays under `extracted:`; delete it there to get it back).
citation: inline (a link in the sentence), marker ([3], ^3, [^3] resolved to the reference
list), article-level (the article only has a reference list at the end, so every reference
is linked), uncited (the article cites per sentence, but not this one).
`skipped:` (what is not a claim, and why) is rewritten by each extraction."""


@dataclass(frozen=True)
class WriteResult:
    path: Path | None
    text: str
    claims: int  # claims in the file
    added: int  # new claims written this time
    kept: int  # claims already there (edits kept)
    removed: int  # claims a person deleted, not added back
    skipped: int
    sources: int
    sources_added: int
    unsourced: int  # claims citing nothing: a person must add sources
    stale: int = 0  # drafted claims whose sentence is no longer in the article (kept: a person decides)
    translated: int = 0  # empty translations filled by ``translate``


def source_id(url: str, taken: set[str], crowded: frozenset[str] = frozenset()) -> str:
    """A short readable id from the host: https://www.theguardian.com/... -> theguardian.

    Hosts of one site named in ``crowded`` (or already taken) keep their subdomain:
    news.example.org and blog.example.org -> news-example, blog-example.
    """
    host = (urlsplit(url).hostname or "source").lower()
    labels = [l for l in host.split(".") if l not in ("www", "m", "en", "amp", "mobile")]
    if len(labels) >= 3 and labels[-2] in ("co", "com", "org", "net", "gov", "ac", "edu") and len(labels[-1]) == 2:
        labels = labels[:-2]
    elif len(labels) >= 2:
        labels = labels[:-1]
    def clean(label: str) -> str:
        return re.sub(r"[^a-z0-9-]+", "-", label).strip("-")

    base = clean(labels[-1]) if labels else ""
    base = base or "source"
    if (base in taken or base in crowded) and len(labels) >= 2:
        base = clean("-".join(labels[-2:]))  # news.example.org next to blog.example.org: news-example
    sid, n = base, 2
    while sid in taken:
        sid, n = f"{base}-{n}", n + 1
    return sid


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.width = 4096
    yaml.allow_unicode = True
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _load_existing(path: Path, merge_foreign: bool) -> CommentedMap | None:
    if not path.exists():
        return None
    name = str(path)
    if path.is_dir():
        raise InputError(f"{name}: is a directory\n  fix: give -o a .yaml file name")
    try:
        data = _yaml().load(path.read_text(encoding="utf-8-sig"))
    except (YAMLError, UnicodeDecodeError) as exc:
        raise InputError(f"{name}: exists and is not a factcheck claims file (not YAML: {exc.__class__.__name__})\n"
                         "  fix: choose another output with -o, or move the file away") from exc
    if not isinstance(data, CommentedMap) or not isinstance(data.get("claims"), list):
        raise InputError(f"{name}: exists and is not a factcheck claims file (no 'claims:' list)\n"
                         "  fix: choose another output with -o, or move the file away")
    if MARK_KEY not in data and not merge_foreign:
        raise InputError(f"{name}: is a claims file not written by `factcheck extract`; refusing to change it\n"
                         "  fix: write elsewhere with -o, or pass --merge to add the drafted claims to it")
    return data


def render_draft(draft: Draft, existing: CommentedMap | None = None, *, article_ref: str | None = None,
                 translate: Callable[[list[str]], list[str]] | None = None) -> tuple[str, WriteResult]:
    """The YAML text of ``draft`` merged into ``existing`` (a loaded claims file), and counts.

    ``translate`` (texts -> translations, "" for none) fills empty ``translation:`` fields."""
    art = draft.article
    doc = existing if existing is not None else CommentedMap()
    if existing is None:
        doc.yaml_set_start_comment(HEADER.format(article=article_ref or art.source))
    for key, value in (("title", art.title), ("article", article_ref or art.source), ("language", art.language)):
        if value and doc.get(key) in (None, ""):
            _set_in_order(doc, key, value)

    # sources: keep every entry a person wrote; add references not yet there
    sources = doc.get("sources")
    if not isinstance(sources, dict):
        sources = CommentedMap()
        _set_in_order(doc, "sources", sources)
    by_url: dict[str, str] = {}
    for sid, value in sources.items():
        url = value.get("url") if isinstance(value, dict) else value
        if isinstance(url, str):
            by_url[url.strip()] = str(sid)
    added_sources = 0
    bases = [source_id(src.url, set()) for src in draft.sources if src.url not in by_url]
    crowded = frozenset(b for b in bases if bases.count(b) > 1)
    for src in draft.sources:
        if src.url in by_url:
            continue
        sid = source_id(src.url, set(sources), crowded)
        if src.title:
            entry = CommentedMap([("url", src.url), ("title", src.title)])
            if src.number is not None:
                entry["citation"] = f"[{src.number}]"
            sources[sid] = entry
        else:
            sources[sid] = src.url
        by_url[src.url] = sid
        added_sources += 1

    # claims: keep what is there, refresh spans, add what is new, never re-add what was removed
    claims = doc.get("claims")
    if not isinstance(claims, list):
        claims = CommentedSeq()
        _set_in_order(doc, "claims", claims)
    memory = [str(x) for x in (doc.get(MARK_KEY) or [])]
    remembered = set(memory)
    index_by_id = {str(c.get("id")): c for c in claims if isinstance(c, dict) and c.get("id") is not None}
    index_by_text = {str(c.get("text")).strip(): c for c in claims if isinstance(c, dict) and c.get("text")}
    added = kept = removed = unsourced = 0
    cursor = 0
    for claim in draft.claims:
        node = index_by_id.get(claim.id) or index_by_text.get(claim.text)
        if node is not None:
            node["span"] = _span(claim)
            cursor = _index_of(claims, node) + 1
            kept += 1
            continue
        if claim.id in remembered:
            removed += 1
            continue
        node = CommentedMap()
        node["id"] = claim.id
        node["text"] = claim.text
        node["translation"] = None
        if claim.context:
            node["context"] = claim.context
        refs = CommentedSeq(by_url[u] for u in claim.sources)
        refs.fa.set_flow_style()
        node["sources"] = refs
        node["citation"] = claim.citation
        node["span"] = _span(claim)
        claims.insert(cursor, node)
        cursor += 1
        added += 1
        if not claim.sources:
            unsourced += 1

    translated = _fill_translations(claims, translate) if translate is not None else 0
    drafted_ids = {c.id for c in draft.claims}
    drafted_texts = {c.text for c in draft.claims}
    stale = sum(1 for c in claims if isinstance(c, dict) and str(c.get("id")) in remembered
                and str(c.get("id")) not in drafted_ids and str(c.get("text", "")).strip() not in drafted_texts)
    skipped = CommentedSeq()
    for skip in draft.skipped:
        entry = CommentedMap([("line", skip.line), ("reason", skip.reason), ("text", _short(skip.text))])
        entry.fa.set_flow_style()
        skipped.append(entry)
    _set_in_order(doc, "skipped", skipped)
    ids = [c.id for c in draft.claims]
    mark = CommentedSeq(ids + [x for x in memory if x not in set(ids)])
    _set_in_order(doc, MARK_KEY, mark)
    out = io.StringIO()
    _yaml().dump(doc, out)
    text = out.getvalue()
    result = WriteResult(path=None, text=text, claims=len(claims), added=added, kept=kept, removed=removed,
                         skipped=len(draft.skipped), sources=len(sources), sources_added=added_sources,
                         unsourced=unsourced, stale=stale, translated=translated)
    return text, result


def _fill_translations(claims: list[CommentedMap], translate: Callable[[list[str]], list[str]]) -> int:
    """Fill each claim's empty ``translation`` (right after ``text``); a person's is never replaced."""
    todo = [c for c in claims if isinstance(c, dict) and isinstance(c.get("text"), str) and c["text"].strip()
            and not str(c.get("translation") or "").strip()]
    filled = 0
    for node, value in zip(todo, translate([str(c["text"]) for c in todo])):
        if not value:
            continue
        if "translation" in node:
            node["translation"] = value
        else:
            node.insert(list(node).index("text") + 1, "translation", value)
        filled += 1
    return filled


def write_draft(draft: Draft, path: str | Path, *, merge: bool = False,
                translate: Callable[[list[str]], list[str]] | None = None) -> WriteResult:
    """Merge ``draft`` into the claims file at ``path`` (created if absent) and write it atomically."""
    path = Path(path)
    existing = _load_existing(path, merge)
    article_ref = draft.article.source
    if not re.match(r"^https?://", article_ref, re.I):
        article_ref = os.path.relpath(Path(article_ref).resolve())  # like claims/feud.yaml: from the working dir
    if not draft.claims and existing is None:
        raise InputError(f"{draft.article.source}: no checkable claims found (only headings, questions, "
                         "opinions or references)\n  fix: check the article, or write the claims file by hand")
    text, result = render_draft(draft, existing, article_ref=article_ref, translate=translate)
    if result.unsourced == 0:
        parse_claims(text, str(path))  # what we write must load; a bug here must not leave a broken file
    atomic_write(path, text, what="claims file")
    return WriteResult(**{**result.__dict__, "path": path})


def _span(claim) -> CommentedMap:
    span = CommentedMap([("line", claim.line), ("start", claim.start), ("end", claim.end)])
    span.fa.set_flow_style()
    return span


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _index_of(seq: list, node: object) -> int:
    for i, item in enumerate(seq):
        if item is node:
            return i
    return len(seq) - 1


def _set_in_order(doc: CommentedMap, key: str, value: object) -> None:
    """Set ``key``, placing a new key where the schema puts it (title, article, language, sources, claims...)."""
    order = ("title", "article", "language", "sources", "claims", "skipped", MARK_KEY)
    if key in doc:
        doc[key] = value
        return
    position = len(doc)
    later = order[order.index(key) + 1:]
    for i, existing in enumerate(doc):
        if existing in later:
            position = i
            break
    doc.insert(position, key, value)


def claims_from_draft(draft: Draft) -> ClaimsFile:
    """The claims of ``draft`` as ``factcheck run`` takes them, without writing a file (run ARTICLE.md)."""
    taken: set[str] = set()
    bases = [source_id(src.url, set()) for src in draft.sources]
    crowded = frozenset(b for b in bases if bases.count(b) > 1)
    refs: dict[str, SourceRef] = {}
    for src in draft.sources:
        sid = source_id(src.url, taken, crowded)
        taken.add(sid)
        refs[src.url] = SourceRef(url=src.url, id=sid, title=src.title)
    claims = tuple(Claim(id=c.id, text=c.text, sources=tuple(refs[u] for u in c.sources), context=c.context,
                         line=c.line) for c in draft.claims if c.sources)
    source = draft.article.source
    if not claims:
        raise InputError(f"{source}: no claim of the article cites a source\n"
                         f"  fix: run 'factcheck extract {source}', add sources to the claims file, then run it")
    used = {ref.url for claim in claims for ref in claim.sources}
    return ClaimsFile(path=source, claims=claims, sources=tuple(r for r in refs.values() if r.url in used),
                      title=draft.article.title, article=source, language=draft.article.language)
