"""Files written whole or not at all: the one atomic write.

``atomic_file(path)`` gives a binary handle on a temporary file in the same
directory; when the block ends it is flushed, fsynced and renamed over
``path``, so a reader sees the old file or the new one, never half of either,
and a full disk or a kill -9 leaves the old file in place. ``atomic_write``
writes bytes or text (UTF-8) that way. Failures become ``OutputError`` (exit
3) naming the path (or the error class the caller gives, e.g. the archive's),
and the temporary file is removed.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from .errors import OutputError, StorageError

__all__ = ["atomic_file", "atomic_write", "atomic_write_parts", "FILE_MODE"]

FILE_MODE = 0o644
WRITE_BATCH = 1 << 16  # characters joined and encoded at a time by atomic_write_parts


@contextmanager
def atomic_file(path: Path, *, what: str = "file",
                error: type[StorageError] = OutputError) -> Iterator[BinaryIO]:
    """A handle whose content replaces ``path`` when the block ends without an error."""
    tmp: str | None = None
    try:
        if path.is_dir():
            raise IsADirectoryError(21, "is a directory", str(path))
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        os.chmod(tmp, FILE_MODE)  # mkstemp makes it private; reports and archives are for reading
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise error(f"cannot write the {what} {path}: {exc.strerror or exc}\n"
                    "  fix: free disk space, or choose a writable path that is not a directory") from exc
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


def atomic_write(path: Path, data: str | bytes, *, what: str = "file",
                 error: type[StorageError] = OutputError) -> Path:
    """Write ``data`` (text as UTF-8) to ``path`` atomically; return ``path``."""
    with atomic_file(path, what=what, error=error) as handle:
        handle.write(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def atomic_write_parts(path: Path, parts: Iterable[str], *, what: str = "file",
                       error: type[StorageError] = OutputError) -> Path:
    """Write the concatenation of ``parts`` (UTF-8) to ``path`` atomically, never holding it whole:
    a large report is written as it is rendered. Return ``path``."""
    with atomic_file(path, what=what, error=error) as handle:
        batch: list[str] = []
        size = 0
        for part in parts:
            batch.append(part)
            size += len(part)
            if size >= WRITE_BATCH:
                handle.write("".join(batch).encode("utf-8"))
                batch, size = [], 0
        handle.write("".join(batch).encode("utf-8"))
    return path
