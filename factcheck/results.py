"""A run's claim results kept on disk as they are made, each read back when a report writer needs it.

``ClaimResults`` is the ``Report.claims`` of a run (``verdicts.assess``): a sequence of
``ClaimResult`` in file order whose verdicts, per-source results (quotes, explanations) and the
text around each quote (for the HTML report) live in an unnamed temporary file, one pickled
record per claim. In memory stay the parsed claims (the claims file holds them anyway) and, per
claim, what ordering and summaries need (``report.Brief``: verdict, score, group, needs review)
and where its record is: about 30 bytes a claim instead of ~1.1 KB.

The file is unlinked as soon as it is made (``tempfile.TemporaryFile``), so it is gone from the
directory from the start and its space is freed when the sequence is closed or collected, or the
process ends, however it ends. It is private to this process (mode 0600, no name), which is why
its records can be pickles.
"""

from __future__ import annotations

import pickle
import tempfile
import weakref
from array import array
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, overload

from .html_report import Context, QuoteKey
from .models import VERDICTS, Claim, ClaimResult, SourceResult, Verdict
from .report import GROUPS, Brief, brief

__all__ = ["ClaimResults"]

Record = tuple[Verdict, tuple[SourceResult, ...], dict[QuoteKey, Context]]


class ClaimResults(Sequence[ClaimResult]):
    """``ClaimResult``s in file order, their records on disk (see the module's docstring).

    ``put`` records claim ``index``'s result in any order (claims are matched source by source);
    every claim must have one before the sequence is read."""

    def __init__(self, claims: Sequence[Claim], directory: Path | None = None) -> None:
        self.claims = claims
        self._file: IO[bytes] = _temporary(directory)
        self._closer = weakref.finalize(self, self._file.close)  # collected unclosed: no ResourceWarning
        self._end = 0
        self._offsets = array("q", [-1]) * len(claims)
        self._sizes = array("q", [0]) * len(claims)
        self._verdicts = bytearray(len(claims))
        self._groups = bytearray(len(claims))
        self._unsure = bytearray(len(claims))
        self._scores = array("d", [0.0]) * len(claims)
        self._last: tuple[int, Record] | None = None  # a writer often asks for a claim's record twice in a row

    def put(self, index: int, verdict: Verdict, sources: tuple[SourceResult, ...],
            contexts: Mapping[QuoteKey, Context] | None = None) -> None:
        """Claim ``index``'s result (``verdict`` over ``sources``) and the text around the quotes of its
        sources (``html_report.quote_context``)."""
        data = pickle.dumps((verdict, sources, dict(contexts or {})), protocol=pickle.HIGHEST_PROTOCOL)
        self._file.seek(self._end)
        self._file.write(data)
        self._offsets[index], self._sizes[index] = self._end, len(data)
        self._end += len(data)
        summary = brief(ClaimResult(claim=self.claims[index], verdict=verdict, sources=sources))
        self._verdicts[index] = VERDICTS.index(summary.verdict)
        self._groups[index] = GROUPS.index(summary.group)
        self._unsure[index] = summary.needs_review
        self._scores[index] = summary.score
        self._last = None

    def _record(self, index: int) -> Record:
        if self._last is not None and self._last[0] == index:
            return self._last[1]
        offset = self._offsets[index]
        if offset < 0:
            raise LookupError(f"claim {index} ({self.claims[index].id}) has no result yet")
        self._file.seek(offset)
        record: Record = pickle.loads(self._file.read(self._sizes[index]))
        self._last = (index, record)
        return record

    def __len__(self) -> int:
        return len(self.claims)

    @overload
    def __getitem__(self, index: int) -> ClaimResult: ...

    @overload
    def __getitem__(self, index: slice) -> list[ClaimResult]: ...

    def __getitem__(self, index: int | slice) -> ClaimResult | list[ClaimResult]:
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        index = range(len(self))[index]  # a negative index counts from the end; IndexError past it
        verdict, sources, _ = self._record(index)
        return ClaimResult(claim=self.claims[index], verdict=verdict, sources=sources)

    def __iter__(self) -> Iterator[ClaimResult]:
        return (self[i] for i in range(len(self)))

    def contexts(self, index: int) -> dict[QuoteKey, Context]:
        """The text around the quotes of claim ``index``'s sources, as ``put`` was given it."""
        return self._record(index)[2]

    def brief(self, index: int) -> Brief:
        """``report.brief`` of claim ``index``, from memory."""
        return Brief(verdict=VERDICTS[self._verdicts[index]], score=self._scores[index],
                     group=GROUPS[self._groups[index]], needs_review=bool(self._unsure[index]))

    def briefs(self) -> Iterator[Brief]:
        """Each claim's ``report.brief``, in file order, without reading any record back."""
        return (self.brief(i) for i in range(len(self)))

    def close(self) -> None:
        """Frees the file now (else when the sequence is collected); the records cannot be read after."""
        self._closer()

    def __enter__(self) -> ClaimResults:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _temporary(directory: Path | None) -> IO[bytes]:
    """An unnamed file in ``directory`` (the cache's tmp/), or in the system's temporary directory
    when that cannot be made (a read-only cache)."""
    if directory is not None:
        try:
            directory.mkdir(parents=True, exist_ok=True)
            return tempfile.TemporaryFile(dir=directory, prefix="results-")
        except OSError:
            pass
    return tempfile.TemporaryFile(prefix="factcheck-results-")
