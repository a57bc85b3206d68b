"""Extraction: bytes of a fetched page -> ``Document`` (clean text, evidence units).

The cascade, in order:

1. PDF (by content type or ``%PDF-`` magic): pypdf, page texts joined.
2. HTML: decode (``charset.decode``: BOM, Content-Type charset, ``<meta
   charset>``, UTF-8, detection), then trafilatura for the main text and
   metadata (title, date, language), rendered one line per block
   (``html.main_text``).
3. When trafilatura returns nothing, or far less than the page holds (pages
   that are mostly JavaScript or odd markup): the fallback (the page's text
   blocks minus navigation, header, footer, forms).
4. Plain text: decoded as is.

The text is cut into evidence units by ``segment.split_sentences`` (block
boundaries first, then punctuation in every script, then a length cap); each
unit carries offsets into the stored text, so every evidence quote slices the
text exactly. ``ExtractOptions`` holds the settings; its defaults were chosen on
150 annotated real pages (bench/extraction.py, numbers in the README).
"""

from __future__ import annotations

import hashlib
import io
import re
import warnings
from dataclasses import dataclass

from ..models import Document, Fetch
from ..segment import ABBREVIATIONS, split_sentences
from .charset import decode
from .html import main_text

__all__ = ["extract", "document_from_text", "split_sentences", "decode", "guess_language", "ExtractOptions",
           "EXTRACTOR_VERSION", "ABBREVIATIONS"]

#: Bump when extraction or segmentation output changes: archived documents (and the
#: evidence offsets into them) are keyed by it, so older ones stay as they were made.
#: 2: one line per block, no list/table markers, units cut on structure and capped.
#: 3: the headline (the <h1> that is the <title>) first, when trafilatura's main text leaves it out.
EXTRACTOR_VERSION = "3"


@dataclass(frozen=True)
class ExtractOptions:
    """How HTML is extracted. Defaults chosen by bench/extraction.py."""

    favor_recall: bool = False  # trafilatura's favor_recall (kept more boilerplate, found no more text)
    favor_precision: bool = False  # trafilatura's favor_precision
    fallback: bool = True  # the page's blocks when trafilatura keeps < 20% of their text
    structured: bool = True  # one line per block from trafilatura's XML, not its plain-text output
    headline: bool = True  # the <h1> that is the page's <title> first, when the main text leaves it out


DEFAULT_OPTIONS = ExtractOptions()
_CJK = re.compile("[\u4e00-\u9fff]")
_KANA = re.compile("[\u3040-\u309f\u30a0-\u30fa\u30fc-\u30ff]")  # not the middle dot, which Chinese also writes
KANA_SHARE = 0.1  # of the letters of a text with many Chinese characters: Japanese
_NOT_ASCII_LETTER = bytes(b for b in range(128) if not chr(b).isalpha())  # deleted from ASCII bytes
_ASCII_RUNS = re.compile("[\x00-\x7f]+")


def document_from_text(url: str, text: str, *, title: str | None = None, date: str | None = None,
                       language: str | None = None, extractor: str = "text", clean: bool = False) -> Document:
    """``clean``: ``text`` comes from ``html.clean_lines`` (no tabs, no runs of spaces, no blank or
    padded lines), which ``_normalise`` would leave as it is: not read again."""
    text = text if clean else _normalise(text)
    return Document(
        url=url, text=text, sentences=split_sentences(text), title=title, date=date,
        language=language or guess_language(text), extractor=extractor,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )


def guess_language(text: str) -> str | None:
    sample = text[:5000]
    if not sample.strip():
        return None
    # letters counted without a Python loop over the ASCII ones (most of most pages)
    ascii_letters = len(sample.encode("ascii", "ignore").translate(None, _NOT_ASCII_LETTER))
    letters = ascii_letters + sum(map(str.isalpha, _ASCII_RUNS.sub("", sample)))
    if letters and len(_CJK.findall(sample)) / letters > 0.3:
        # Japanese writes kanji too, between kana (particles, endings, loanwords); Chinese has no kana
        return "ja" if len(_KANA.findall(sample)) / letters > KANA_SHARE else "zh"
    if letters and len(_KANA.findall(sample)) / letters > 0.3:
        return "ja"  # kana-heavy Japanese (a headline, a loanword-laden sentence)
    return "en" if letters and ascii_letters / letters > 0.8 else None


def _normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    text = re.sub(r"[ \t\f\v]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def extract(fetch: Fetch, options: ExtractOptions = DEFAULT_OPTIONS) -> Document | None:
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
    found = main_text(text, url, favor_recall=options.favor_recall, favor_precision=options.favor_precision,
                      fallback=options.fallback, structured=options.structured, headline=options.headline)
    if found is None:
        return None
    return document_from_text(url, found.text, title=found.title, date=found.date, language=found.language,
                              extractor=found.extractor, clean=options.structured or found.extractor == "fallback")


def _from_pdf(url: str, body: bytes) -> Document | None:
    try:
        from pypdf import PdfReader  # lazy: only PDFs need it

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(body))
            pages = [page.extract_text() or "" for page in reader.pages[:500]]
            title = reader.metadata.get("/Title") if reader.metadata else None
    except Exception:  # noqa: BLE001 - a broken PDF is "no text", not a crash
        return None
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    if not text:
        return None
    return document_from_text(url, text, title=str(title) if title else None, extractor="pdf")
