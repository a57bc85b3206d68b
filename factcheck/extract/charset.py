"""Decoding: the bytes of a page -> its text, as a browser would read them.

In order: a byte-order mark; the charset of the Content-Type header; the
``<meta charset>`` (or ``<?xml encoding>``) of the page; then, for a page that
declares nothing, UTF-8 when the bytes are (almost all) valid UTF-8, else
detection. Labels are read as the WHATWG Encoding Standard maps them
(``iso-8859-1`` and ``ascii`` mean windows-1252, ``gb2312`` and ``gbk`` mean
gb18030, ``shift_jis`` means windows-31j, ...).

Two repairs that browsers and trafilatura make too:

- A page declared UTF-8 with a few invalid bytes stays UTF-8, with only those
  bytes replaced (U+FFFD), instead of becoming mojibake in a Latin code page.
  Only when most of its non-ASCII bytes are not UTF-8 is the label wrong.
- A Latin label (many servers' default) on a page whose bytes read as UTF-8
  or as a CJK encoding is wrong: that reading wins.
"""

from __future__ import annotations

import codecs
import re

__all__ = ["decode", "codec_for"]

META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))

#: WHATWG labels whose Python codec differs from Python's reading of the label.
LABELS = {
    "utf8": "utf-8", "unicode-1-1-utf-8": "utf-8", "x-unicode20utf8": "utf-8",
    "iso-8859-1": "cp1252", "iso8859-1": "cp1252", "iso_8859-1": "cp1252", "latin1": "cp1252",
    "latin-1": "cp1252", "l1": "cp1252", "ascii": "cp1252", "us-ascii": "cp1252", "windows-1252": "cp1252",
    "cp819": "cp1252", "ibm819": "cp1252", "iso-8859-9": "cp1254", "latin5": "cp1254", "iso-8859-11": "cp874",
    "tis-620": "cp874", "windows-874": "cp874", "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030",
    "csgb2312": "gb18030", "chinese": "gb18030", "gb_2312-80": "gb18030", "big5": "big5hkscs",
    "x-x-big5": "big5hkscs", "cn-big5": "big5hkscs", "shift_jis": "cp932", "shift-jis": "cp932", "sjis": "cp932",
    "x-sjis": "cp932", "ms_kanji": "cp932", "windows-31j": "cp932", "csshiftjis": "cp932", "euc-kr": "cp949",
    "ks_c_5601-1987": "cp949", "windows-949": "cp949", "x-mac-roman": "mac_roman", "macintosh": "mac_roman",
    # A page cannot declare UTF-16 in its own (ASCII) markup: WHATWG reads such a meta as UTF-8.
    "utf-16": "utf-8", "utf-16le": "utf-8", "utf-16be": "utf-8",
}
LATIN_CODECS = {"cp1252"}
CJK_CODECS = {"gb18030", "gbk", "gb2312", "big5", "big5hkscs", "cp950", "shift_jis", "cp932", "euc_jp",
              "euc_kr", "cp949", "iso2022_jp", "hz"}
LATIN_GUESSES = {"cp1250", "cp1252", "cp1254", "cp1257", "latin_1", "iso8859_2", "iso8859_3", "iso8859_4",
                 "iso8859_9", "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_15", "iso8859_16", "mac_latin2",
                 "mac_roman", "cp850", "cp437"}
DETECT_BYTES = 200_000


def codec_for(label: str) -> str | None:
    """The Python codec for a charset label, or None when no codec has that name."""
    label = label.strip(" \"'").lower()
    name = LABELS.get(label, label)
    try:
        codecs.lookup(name)
    except LookupError:
        return None
    return "utf-8" if codecs.lookup(name).name == "utf-8" else name


def decode(body: bytes, content_type: str | None = None) -> str:
    """Bytes to text: BOM, declared charset (header, then meta), then UTF-8, then detection."""
    for bom, name in BOMS:
        if body.startswith(bom):
            return body.decode(name, errors="replace")
    for name in _declared(body, content_type):
        text = _decode_declared(body, name)
        if text is not None:
            return text
    return _undeclared(body)


def _declared(body: bytes, content_type: str | None) -> list[str]:
    labels: list[str] = []
    if content_type and "charset=" in content_type.lower():
        labels.append(content_type.lower().split("charset=")[-1].split(";")[0])
    head = body[:4096]
    for pattern in (XML_ENCODING, META_CHARSET):
        match = pattern.search(head)
        if match:
            labels.append(match.group(1).decode("ascii", "ignore"))
    names = [codec_for(label) for label in labels]
    return [n for n in names if n]


def _decode_declared(body: bytes, name: str) -> str | None:
    """The page read as it declares, or None when the declaration is evidently wrong."""
    if name == "utf-8":
        return _as_utf8(body, declared=True)
    if name in LATIN_CODECS and not body.isascii():
        # Latin-1 is many servers' default label, often wrong: a UTF-8 or GBK page decodes
        # "fine" as Latin-1 into mojibake. Trust the label only if no multi-byte reading fits.
        multibyte = _as_utf8(body, declared=False) or _as_cjk(body)
        if multibyte is not None:
            return multibyte
    try:
        return body.decode(name)
    except UnicodeDecodeError:
        text = body.decode(name, errors="replace")
        bad = text.count("\ufffd")
        return text if bad <= max(2, _non_ascii(text) // 100) else None


def _as_utf8(body: bytes, *, declared: bool) -> str | None:
    """``body`` as UTF-8 when its non-ASCII bytes are UTF-8 (all but a few stray bytes)."""
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = body.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = _non_ascii(text) - bad
    if declared and good >= bad:  # a stray byte in a UTF-8 page: replace it, as browsers do
        return text
    if good >= 2 and good >= 2 * bad:  # undeclared, but almost all valid UTF-8
        return text
    return None


def _non_ascii(text: str) -> int:
    return sum(1 for ch in text if ord(ch) > 127)


def _detect(body: bytes) -> str | None:
    from charset_normalizer import from_bytes  # lazy: only pages that declare no usable charset

    best = from_bytes(body[:DETECT_BYTES]).best()
    return best.encoding if best is not None and best.encoding else None


def _as_cjk(body: bytes) -> str | None:
    name = _detect(body)
    if name in CJK_CODECS:
        return body.decode(name, errors="replace")
    return None


def _undeclared(body: bytes) -> str:
    utf8 = _as_utf8(body, declared=False)
    if utf8 is not None:
        return utf8
    name = _detect(body)
    if name is None:
        return body.decode("cp1252", errors="replace")
    if name in LATIN_GUESSES:
        # Detection cannot tell Latin code pages apart on short texts ("crème" read as
        # cp1250 "crčme"); unlabelled legacy pages default to windows-1252, as in browsers.
        try:
            return body.decode("cp1252")
        except UnicodeDecodeError:
            pass
    return body.decode(name, errors="replace")
