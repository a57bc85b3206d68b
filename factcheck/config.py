"""Settings, with every default in one place.

Precedence: DEFAULT_* constants < ``FACTCHECK_*`` environment variables <
command-line flags. ``Settings`` is frozen; derive a changed copy with
``dataclasses.replace``.

This module is the only one that reads the environment: ``Settings.from_env``
(called by the CLI, which passes the result down), ``tracebacks_wanted``
(``FACTCHECK_DEBUG``) and ``systemd_user_dir`` (``XDG_CONFIG_HOME``); ``model_cache``
follows ``FACTCHECK_MODEL_CACHE``, else ``XDG_CACHE_HOME``, else ``~/.cache``. The
library below takes a ``Settings`` argument and never looks at ``os.environ``.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .errors import InputError

__all__ = ["Settings", "DEFAULT_USER_AGENT"]

DEFAULT_CACHE_DIR = "cache"
DEFAULT_REPORTS_DIR = "reports"
#: An honest User-Agent: who we are and where to read about us.
DEFAULT_USER_AGENT = (
    f"factcheck/{__version__} (+https://github.com/factcheck/factcheck; "
    "citation checker; archives cited pages)"
)
DEFAULT_CONCURRENCY = 16  # requests in flight overall
DEFAULT_PER_HOST = 2  # requests in flight per host
DEFAULT_HOST_INTERVAL = 0.0  # minimum seconds between requests to one host
DEFAULT_CONNECT_TIMEOUT = 10.0
DEFAULT_READ_TIMEOUT = 20.0
DEFAULT_TOTAL_TIMEOUT = 45.0  # a whole attempt, body included
DEFAULT_MAX_BYTES = 10 * 1024 * 1024  # size cap for a body (after decompression)
DEFAULT_MAX_REDIRECTS = 10
DEFAULT_RETRIES = 2  # extra attempts for transient failures within one run
DEFAULT_BACKOFF = 1.0  # first back-off, seconds; doubles each retry, with jitter
DEFAULT_MAX_RETRY_AFTER = 30.0  # longest Retry-After we wait for inside a run
# Link rot (recheck.py). A transiently failing link is declared dead only after
# CONFIRM_CHECKS failed checks spread over at least CONFIRM_DAYS days (as
# InternetArchiveBot does); 404/410/unknown host are definitive at once.
DEFAULT_CONFIRM_CHECKS = 3
DEFAULT_CONFIRM_DAYS = 3.0
DEFAULT_RECHECK_BASE_DAYS = 1.0  # interval after a first healthy check; doubles while healthy
DEFAULT_RECHECK_MAX_DAYS = 60.0  # longest interval between two checks of one URL
DEFAULT_RECHECK_MIN_HOURS = 6.0  # shortest interval (reached while a link is failing)
DEFAULT_WAYBACK_URL = "https://web.archive.org"  # Wayback Machine base (tests: a local server)
DEFAULT_ROBOTS = True  # honour robots.txt when fetching sources to archive them
DEFAULT_SPN_INTERVAL = 20.0  # seconds between two Save Page Now requests (one at a time)
DEFAULT_SOFT404_PROBE = True  # ask each host once for a made-up path, to spot 200 "not found" pages
# Optional LLM judge (match/llm.py), off unless llm_url and llm_model are set. Any OpenAI-compatible
# chat completions API: Ollama http://127.0.0.1:11434/v1, llama.cpp server, vLLM, a hosted one.
DEFAULT_LLM_TIMEOUT = 60.0  # seconds for one answer (local models on a CPU are slow)


@dataclass(frozen=True)
class Settings:
    cache_dir: Path = Path(DEFAULT_CACHE_DIR)
    reports_dir: Path = Path(DEFAULT_REPORTS_DIR)
    user_agent: str = DEFAULT_USER_AGENT
    concurrency: int = DEFAULT_CONCURRENCY
    per_host: int = DEFAULT_PER_HOST
    host_interval: float = DEFAULT_HOST_INTERVAL
    connect_timeout: float = DEFAULT_CONNECT_TIMEOUT
    read_timeout: float = DEFAULT_READ_TIMEOUT
    total_timeout: float = DEFAULT_TOTAL_TIMEOUT
    max_bytes: int = DEFAULT_MAX_BYTES
    max_redirects: int = DEFAULT_MAX_REDIRECTS
    retries: int = DEFAULT_RETRIES
    backoff: float = DEFAULT_BACKOFF
    max_retry_after: float = DEFAULT_MAX_RETRY_AFTER
    offline: bool = False
    matcher: str = "default"
    confirm_checks: int = DEFAULT_CONFIRM_CHECKS
    confirm_days: float = DEFAULT_CONFIRM_DAYS
    recheck_base_days: float = DEFAULT_RECHECK_BASE_DAYS
    recheck_max_days: float = DEFAULT_RECHECK_MAX_DAYS
    recheck_min_hours: float = DEFAULT_RECHECK_MIN_HOURS
    wayback: bool = True  # look up the Wayback Machine for dead sources with no local copy
    wayback_url: str = DEFAULT_WAYBACK_URL
    robots: bool = DEFAULT_ROBOTS
    soft404_probe: bool = DEFAULT_SOFT404_PROBE
    spn_interval: float = DEFAULT_SPN_INTERVAL
    llm_url: str = ""  # base URL of the API, e.g. http://127.0.0.1:11434/v1
    llm_model: str = ""
    llm_api_key: str = dataclasses.field(default="", repr=False)  # env only; never printed or reported
    llm_timeout: float = DEFAULT_LLM_TIMEOUT
    nli_model_dir: str | None = None  # local ONNX NLI model for --matcher nli (match/nli.py); off by default
    # Fetch private, loopback and link-local addresses too (an intranet wiki on purpose; the test suite).
    # Off: such a URL in an article is refused (blocked / private-address), never fetched.
    allow_private: bool = False
    allow_hosts: tuple[str, ...] = ()  # exact "host:port" pairs fetched even when private (comma-separated in env)
    spn_access_key: str = dataclasses.field(default="", repr=False)  # archive.org S3 keys for Save Page Now
    spn_secret_key: str = dataclasses.field(default="", repr=False)
    reviewer: str = ""  # FACTCHECK_REVIEWER: the name `factcheck review` records (else git's user.name)
    # Where extraction and matching run (executor.py): "local" (this machine; workers > 1: a process
    # pool) or "dask" (a LocalCluster of `workers` processes, or the Dask scheduler at `scheduler`).
    executor: str = "local"
    workers: int = 1
    scheduler: str = ""
    # Where the sentence encoder's ready-to-map copy is kept (match/embed.py; machine-wide, it depends only
    # on the package). None: no copy, the package's files are parsed in every process (slower start).
    model_cache: Path | None = None

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: object) -> Settings:
        """Defaults, then ``FACTCHECK_<FIELD>`` variables, then ``overrides``
        (flags; ``None`` means "not given")."""
        environ = dict(os.environ if environ is None else environ)
        values: dict[str, object] = {}
        for f in dataclasses.fields(cls):
            raw = environ.get(f"FACTCHECK_{f.name.upper()}")
            if raw is not None and raw != "":
                values[f.name] = _coerce(f.type, raw, f.name)
        for name, value in overrides.items():
            if value is not None:
                values[name] = value
        values.setdefault("model_cache", default_model_cache(environ))
        for name in ("cache_dir", "reports_dir", "model_cache"):
            if values.get(name) is not None:
                values[name] = Path(values[name])  # type: ignore[arg-type]
        return cls(**values)  # type: ignore[arg-type]


def default_model_cache(environ: Mapping[str, str]) -> Path:
    """``$XDG_CACHE_HOME/factcheck/models`` (default ``~/.cache``; ``$HOME`` as the environment says)."""
    xdg = environ.get("XDG_CACHE_HOME")
    home = environ.get("HOME")
    base = Path(xdg) if xdg else (Path(home) if home else Path.home()) / ".cache"
    return base / "factcheck" / "models"



def pager(environ: Mapping[str, str] | None = None) -> str | None:
    """``$PAGER``: what `factcheck review` opens archived copies with (none: it prints their paths)."""
    return (os.environ if environ is None else environ).get("PAGER") or None


def tracebacks_wanted(environ: Mapping[str, str] | None = None) -> bool:
    """``FACTCHECK_DEBUG`` set: the CLI shows tracebacks of internal errors."""
    return bool((os.environ if environ is None else environ).get("FACTCHECK_DEBUG"))


def systemd_user_dir(environ: Mapping[str, str] | None = None) -> Path:
    """Where systemd user units go: ``$XDG_CONFIG_HOME/systemd/user`` (default ``~/.config``)."""
    env = os.environ if environ is None else environ
    return Path(env.get("XDG_CONFIG_HOME") or Path.home() / ".config") / "systemd" / "user"


def _coerce(kind: object, raw: str, name: str) -> object:
    kind = str(kind)
    try:
        if kind == "bool":
            return raw.strip().lower() in {"1", "true", "yes", "on"}
        if kind == "int":
            return int(raw)
        if kind == "float":
            return float(raw)
        if kind.startswith("tuple"):
            return tuple(part.strip() for part in raw.split(",") if part.strip())
    except ValueError as exc:
        raise InputError(
            f"environment variable FACTCHECK_{name.upper()}={raw!r} is not a valid {kind}"
        ) from exc
    return raw
