"""One exception tree for factcheck.

Failures of a single source are *values* (a ``Fetch`` with a status and a
reason tag), never exceptions: a run always finishes. Exceptions are kept for
what must stop a run::

    FactcheckError                 base; ``exit_code`` says how the CLI exits
    ├── InputError                 exit 2: the user's input is wrong
    │   └── ClaimsFileError        a claims file is malformed (file, line, fix)
    ├── StorageError               exit 3: something cannot be stored; nothing half-written
    │   ├── ArchiveError           the cache cannot be opened or written (corrupt, newer,
    │   │                          read-only, disk full)
    │   └── OutputError            a report or other output file cannot be written
    └── MatcherError               exit 4: a matcher tier is misconfigured

Errors of libraries below (httpx, sqlite, ruamel.yaml) are translated once, at
the boundary of the module that calls them, and re-raised ``from exc``.
"""

from __future__ import annotations

__all__ = [
    "FactcheckError",
    "InputError",
    "ClaimsFileError",
    "StorageError",
    "ArchiveError",
    "OutputError",
    "MatcherError",
]


class FactcheckError(Exception):
    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InputError(FactcheckError):
    exit_code = 2


class ClaimsFileError(InputError):
    """A claims file is malformed. The message names file, line and the fix."""

    def __init__(self, path: str, line: int | None, problem: str, fix: str = "") -> None:
        where = f"{path}:{line}" if line else str(path)
        message = f"{where}: {problem}"
        if fix:
            message += f"\n  fix: {fix}"
        super().__init__(message)
        self.path = path
        self.line = line
        self.problem = problem
        self.fix = fix


class StorageError(FactcheckError):
    exit_code = 3


class ArchiveError(StorageError):
    exit_code = 3


class OutputError(StorageError):
    exit_code = 3


class MatcherError(FactcheckError):
    exit_code = 4
