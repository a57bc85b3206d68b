"""Files written whole or not at all: the one atomic write.

``atomic_write(path, data)`` writes to a temporary file in the same
directory, flushes and fsyncs it, then renames it over ``path``: a reader
sees the old file or the new one, never half of either, and a full disk or a
kill -9 leaves the old file in place. Failures become ``OutputError`` (exit
3) naming the path, and the temporary file is removed.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import OutputError

__all__ = ["atomic_write"]


def atomic_write(path: Path, data: str | bytes, *, what: str = "file") -> Path:
    """Write ``data`` (text is UTF-8) to ``path`` atomically; return ``path``. Raises ``OutputError``."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    tmp: str | None = None
    try:
        if path.is_dir():
            raise IsADirectoryError(21, "is a directory", str(path))
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise OutputError(f"cannot write the {what} {path}: {exc.strerror or exc}\n"
                          f"  fix: free disk space, or choose a writable path that is not a directory") from exc
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
    return path
