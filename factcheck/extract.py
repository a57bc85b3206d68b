"""Extraction: bytes of a fetched page -> ``Document`` (clean text, sentences).

The cascade, in order:

1. PDF (by content type or ``%PDF-`` magic): pypdf, page texts joined.
2. HTML: decode (Content-Type charset, then ``<meta charset>``, then UTF-8,
   then charset detection), then trafilatura for the main text and metadata
   (title, date, language), favouring recall so no cited sentence is lost.
3. When trafilatura returns nothing (or far less than the page holds, as on
   pages that are mostly JavaScript or odd markup): BeautifulSoup, with
   scripts, styles, navigation, header, footer, forms and asides removed.
4. Plain text: decoded as is.

Sentences are split for English and Chinese alike and carry offsets into the
stored text, so every evidence quote slices the text exactly.
"""

from __future__ import annotations

import hashlib
import io
import re
import warnings

from .models import Document, Fetch, Sentence

__all__ = ["extract", "document_from_text", "split_sentences", "decode", "EXTRACTOR_VERSION"]

#: Bump when extraction output changes, so archived documents are re-extracted.
EXTRACTOR_VERSION = "1"

META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "vs", "etc", "inc", "ltd", "co", "corp", "no",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k",
    "e.g", "i.e", "gen", "gov", "sen", "rep", "fig", "vol", "approx", "est", "dept", "univ", "mt", "ft",
}
# A sentence ends at CJK end punctuation, or at . ! ? followed by space (and
# closing quotes/brackets), or at a line break.
_BOUNDARY = re.compile(
    r"""(?<=[。！？；!?।؟۔])[”’"'）)\]]*"""  # CJK / bang / question / danda / Arabic marks, then closers
    # a period before a word that is not lower-case Latin: a capital of any script, a digit, or a
    # script without case (Arabic, Hebrew, Devanagari, Korean, CJK)
    r"""|(?<=\.)[”’"')\]]*(?=\s+[\"“‘'(\[]?[^\W_a-z\u00df-\u00ff\u0430-\u045f\u03ac-\u03ce])"""
    r"""|\n+""",
)


LATIN_CHARSETS = {"cp1252", "windows-1252", "latin1", "iso8859-1", "iso_8859-1", "us-ascii", "ascii"}
LATIN_GUESSES = {"cp1250", "cp1252", "cp1254", "cp1257", "latin_1", "iso8859_2", "iso8859_3", "iso8859_4",
                 "iso8859_9", "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_15", "iso8859_16", "mac_latin2",
                 "mac_roman", "cp850", "cp437"}
CJK_CHARSETS = {"gb18030", "gbk", "gb2312", "big5", "big5hkscs", "cp950", "shift_jis", "cp932", "euc_jp",
                "euc_kr", "cp949", "iso2022_jp", "hz"}


def decode(body: bytes, content_type: str | None = None) -> str:
    """Bytes to text: declared charset, then meta charset, then UTF-8, then detection."""
    candidates: list[str] = []
    if content_type and "charset=" in content_type.lower():
        candidates.append(content_type.lower().split("charset=")[-1].split(";")[0].strip(" \"'"))
    match = META_CHARSET.search(body[:4096])
    if match:
        candidates.append(match.group(1).decode("ascii", "ignore").lower())
    for name in candidates:
        name = {"gb2312": "gb18030", "gbk": "gb18030", "iso-8859-1": "cp1252", "latin-1": "cp1252"}.get(name, name)
        if name in LATIN_CHARSETS and not body.isascii():
            # Latin-1 is many servers' default label, often wrong: a UTF-8 or GBK page decodes
            # "fine" as Latin-1 into mojibake. Trust the label only if no multi-byte reading fits.
            multibyte = _multibyte(body)
            if multibyte is not None:
                return multibyte
        try:
            return body.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(body[:200_000]).best()
        if best is not None and best.encoding:
            if best.encoding in LATIN_GUESSES:
                # Detection cannot tell Latin code pages apart on short texts ("crème" read as
                # cp1250 "crčme"); unlabelled legacy pages default to windows-1252, as in browsers.
                try:
                    return body.decode("cp1252")
                except UnicodeDecodeError:
                    pass
            return body.decode(best.encoding, errors="replace")
    except ImportError:  # pragma: no cover - trafilatura depends on it
        pass
    return body.decode("utf-8", errors="replace")


def _multibyte(body: bytes) -> str | None:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - trafilatura depends on it
        return None
    best = from_bytes(body[:200_000]).best()
    if best is not None and best.encoding in CJK_CHARSETS:
        return body.decode(best.encoding, errors="replace")
    return None


def split_sentences(text: str, offset: int = 0) -> tuple[Sentence, ...]:
    """Split ``text`` into sentences with offsets (into ``text``, plus ``offset``)."""
    sentences: list[Sentence] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end() if match.group(0).strip() else match.start()
        if end <= start:
            continue
        piece = text[start:end]
        if piece.rstrip().endswith(".") and "\n" not in match.group(0):
            word = re.search(r"([A-Za-z.]+)\.$", piece.rstrip())
            if word and (word.group(1).lower() in ABBREVIATIONS or len(word.group(1)) == 1):
                continue  # "Mr. Musk", "U.S. Senate", "J. Smith"
        _add(sentences, text, start, end, offset)
        start = match.end()
    _add(sentences, text, start, len(text), offset)
    return tuple(sentences)


def _add(out: list[Sentence], text: str, start: int, end: int, offset: int) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if not stripped:
        return
    lead = len(piece) - len(piece.lstrip())
    s = start + lead
    e = s + len(stripped)
    out.append(Sentence(text=text[s:e], start=s + offset, end=e + offset))


def document_from_text(url: str, text: str, *, title: str | None = None, date: str | None = None,
                       language: str | None = None, extractor: str = "text") -> Document:
    text = _normalise(text)
    return Document(
        url=url, text=text, sentences=split_sentences(text), title=title, date=date,
        language=language or guess_language(text), extractor=extractor,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )


def guess_language(text: str) -> str | None:
    sample = text[:5000]
    if not sample.strip():
        return None
    cjk = sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fff")
    letters = sum(1 for ch in sample if ch.isalpha())
    if letters and cjk / letters > 0.3:
        return "zh"
    latin = sum(1 for ch in sample if ch.isascii() and ch.isalpha())
    return "en" if letters and latin / letters > 0.8 else None


def _normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    text = re.sub(r"[ \t\f\v]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def extract(fetch: Fetch) -> Document | None:
    """Clean text of a fetched page, or None when it holds no text."""
    body = fetch.body
    if not body:
        return None
    url = fetch.final_url or fetch.url
    ctype = (fetch.content_type or "").split(";")[0].strip().lower()
    if ctype == "application/pdf" or body[:5] == b"%PDF-":
        return _from_pdf(url, body)
    text = decode(body, fetch.content_type)
    if ctype in ("text/plain", "text/markdown") or (not ctype and "<" not in text[:1000]):
        doc = document_from_text(url, text)
        return doc if doc.text else None
    return _from_html(url, text)


def _from_pdf(url: str, body: bytes) -> Document | None:
    try:
        from pypdf import PdfReader

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(body))
            pages = [page.extract_text() or "" for page in reader.pages[:500]]
            title = (reader.metadata or {}).get("/Title") if reader.metadata else None
    except Exception:  # noqa: BLE001 - a broken PDF is "no text", not a crash
        return None
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    if not text:
        return None
    return document_from_text(url, text, title=str(title) if title else None, extractor="pdf")


def _from_html(url: str, html: str) -> Document | None:
    import trafilatura

    main: str | None = None
    title = date = language = None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = trafilatura.bare_extraction(
                html, url=url, with_metadata=True, favor_recall=True, include_comments=False,
                include_tables=True, deduplicate=False,
            )
        if result is not None:
            main = result.text
            title, date, language = result.title, result.date, result.language
    except Exception:  # noqa: BLE001 - trafilatura failing means: try the fallback
        result = None
    fallback_title, fallback_text = _soup_text(html)
    title = title or fallback_title
    if main and len(main.strip()) >= 0.2 * len(fallback_text.strip()):
        return document_from_text(url, main, title=title, date=date, language=language,
                                  extractor="trafilatura")
    if fallback_text.strip():
        return document_from_text(url, fallback_text, title=title, date=date, language=language,
                                  extractor="beautifulsoup")
    if main and main.strip():
        return document_from_text(url, main, title=title, date=date, language=language,
                                  extractor="trafilatura")
    return None


def _soup_text(html: str) -> tuple[str | None, str]:
    from bs4 import BeautifulSoup

    try:
        soup = BeautifulSoup(html, "lxml")
    except Exception:  # noqa: BLE001 - lxml missing or choking: use the stdlib parser
        soup = BeautifulSoup(html, "html.parser")
    title = soup.title.get_text(" ", strip=True) if soup.title else None
    for tag in soup(["script", "style", "noscript", "template", "nav", "header", "footer", "form",
                     "aside", "iframe", "svg", "button"]):
        tag.decompose()
    blocks = []
    for node in soup.find_all(["p", "h1", "h2", "h3", "h4", "li", "blockquote", "td", "pre"]):
        if node.find(["p", "li", "blockquote"]):
            continue
        text = node.get_text(" ", strip=True)
        if text:
            blocks.append(text)
    if not blocks and soup.body is not None:
        blocks = [soup.body.get_text("\n", strip=True)]
    return title, "\n".join(blocks)
