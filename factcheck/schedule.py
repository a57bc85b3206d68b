"""Scheduling re-checks: a crontab line and a systemd user service + timer.

Both run ``factcheck recheck --due`` daily; each URL's own next-check time
(``recheck.py``) decides whether it is fetched, so most days cost little.
``install_systemd`` writes the units; enabling them is left to the user
(the command to run is printed), and a crontab is never edited.
"""

from __future__ import annotations

import shlex
from pathlib import Path

from .errors import InputError

__all__ = ["schedule_files", "install_systemd"]


def schedule_files(command: str, workdir: Path, *, hour: int = 6) -> dict[str, str]:
    """A crontab line and a systemd user service + timer that run ``command`` daily.

    Daily is right for ``recheck --due``: each URL's own interval decides
    whether it is fetched, so most days most URLs cost nothing."""
    cron = f"17 {hour % 24} * * * cd {_q(workdir)} && {command} >> recheck.log 2>&1"
    service = (
        "[Unit]\nDescription=factcheck: re-check cited sources that are due\n\n"
        f"[Service]\nType=oneshot\nWorkingDirectory={workdir}\nExecStart=/bin/sh -c {_q(command)}\n")
    timer = (
        "[Unit]\nDescription=Run factcheck recheck --due daily\n\n"
        f"[Timer]\nOnCalendar=*-*-* {hour % 24:02d}:17:00\nRandomizedDelaySec=30m\nPersistent=true\n\n"
        "[Install]\nWantedBy=timers.target\n")
    return {"crontab": cron, "factcheck-recheck.service": service, "factcheck-recheck.timer": timer}


def _q(text: object) -> str:
    return shlex.quote(str(text))


def install_systemd(files: dict[str, str], unit_dir: Path) -> list[Path]:
    """Write the systemd user units into ``unit_dir``; return their paths."""
    written = []
    try:
        unit_dir.mkdir(parents=True, exist_ok=True)
        for name in ("factcheck-recheck.service", "factcheck-recheck.timer"):
            path = unit_dir / name
            path.write_text(files[name], encoding="utf-8")
            written.append(path)
    except OSError as exc:
        raise InputError(f"cannot write systemd units to {unit_dir}: {exc}") from exc
    return written
