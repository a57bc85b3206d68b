"""The command line: parse, build Settings, call one library function, print.

Exit codes (documented in the README):
  0  the run completed and everything checked out
  1  the run completed with problems: claims not supported, contradicted or
     unverifiable, or dead sources (``--exit-zero`` turns this into 0)
  2  usage or input error (bad flags, malformed claims file); nothing written
  3  the cache/archive cannot be opened or written
  4  a matcher tier is misconfigured
  70 internal error (a bug: set FACTCHECK_DEBUG=1 for the traceback)
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from . import __version__
from .config import Settings
from .errors import FactcheckError

__all__ = ["main", "cli"]


class Progress:
    """One updating line on stderr, only when stderr is a terminal."""

    def __init__(self, enabled: bool | None = None) -> None:
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.active = False

    def __call__(self, message: str) -> None:
        if not self.enabled:
            return
        width = 100
        try:
            width = os.get_terminal_size(sys.stderr.fileno()).columns - 1
        except OSError:
            pass
        sys.stderr.write("\r\x1b[K" + message[:width])
        sys.stderr.flush()
        self.active = True

    def done(self) -> None:
        if self.active:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()
            self.active = False


def cache_options(func):
    func = click.option("--cache", "cache_dir", type=click.Path(file_okay=False, path_type=Path),
                        help="Archive directory (default: cache/, or FACTCHECK_CACHE_DIR).")(func)
    return func


class _Group(click.Group):
    """Turns library errors into ``Error: ...`` lines with the documented exit codes."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except FactcheckError as exc:
            raise _exit_error(exc.message, exc.exit_code) from exc
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort, SystemExit,
                KeyboardInterrupt):
            raise
        except Exception as exc:  # noqa: BLE001 - last line of defence: no tracebacks for users
            if os.environ.get("FACTCHECK_DEBUG"):
                raise
            raise _exit_error(f"internal error: {type(exc).__name__}: {exc}\n  This is a bug in factcheck. "
                              "Re-run with FACTCHECK_DEBUG=1 for the traceback.", 70) from exc


def _exit_error(message: str, code: int) -> click.ClickException:
    error = click.ClickException(message)
    error.exit_code = code
    return error


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="factcheck")
def cli() -> None:
    """Check that an article's claims are backed by the sources it cites,
    and keep those sources from rotting away."""


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@cache_options
@click.option("--reports", "reports_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Where reports go (default: reports/).")
@click.option("--offline", is_flag=True, default=None,
              help="Fetch nothing; verify against archived copies only.")
@click.option("--matcher", type=str, default=None, help="Matcher tier (default: default).")
@click.option("--user-agent", type=str, default=None, help="User-Agent header to send.")
@click.option("--timeout", type=float, default=None, help="Seconds for a whole fetch attempt (default 45).")
@click.option("--concurrency", type=int, default=None, help="Requests in flight overall (default 16).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when claims fail or sources are dead.")
def run(files, cache_dir, reports_dir, offline, matcher, user_agent, timeout, concurrency, exit_zero) -> None:
    """Fetch, archive and match every claim of each claims FILE; write reports.

    Example: factcheck run claims/feud.yaml
    """
    from .claims import load_claims
    from .pipeline import run as run_pipeline

    settings = Settings.from_env(cache_dir=cache_dir, reports_dir=reports_dir, offline=offline,
                                 matcher=matcher, user_agent=user_agent, total_timeout=timeout,
                                 concurrency=concurrency)
    loaded = [load_claims(path) for path in files]  # validate every file before any work
    problems = 0
    for claims_file in loaded:
        progress = Progress()
        try:
            result = run_pipeline(claims_file, settings, progress=progress)
        finally:
            progress.done()
        report = result.report
        counts = report.counts()
        summary = ", ".join(f"{n} {name.replace('_', ' ')}" for name, n in counts.items() if n)
        alive = sum(1 for s in report.sources if s.status in ("ok", "redirected"))
        click.echo(f"{claims_file.path}: {len(report.claims)} claims: {summary}")
        click.echo(f"  sources: {alive}/{len(report.sources)} alive"
                   + "".join(f"; {s.status}: {s.url}" for s in report.sources
                             if s.status not in ("ok", "redirected"))[:2000])
        for note in report.notes:
            click.echo(f"  note: {note}")
        click.echo(f"  report: {result.markdown_path}  (JSON: {result.json_path})")
        problems += result.problems
    if problems and not exit_zero:
        sys.exit(1)


@cli.group()
def archive() -> None:
    """Inspect and check the archive of fetched sources."""


@archive.command("verify")
@cache_options
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def archive_verify(cache_dir, as_json) -> None:
    """Re-hash every stored blob and check that every row points at one.

    Example: factcheck archive verify --cache cache
    """
    from .archive import Archive

    settings = Settings.from_env(cache_dir=cache_dir)
    with Archive(settings.cache_dir) as store:
        result = store.verify()
    if as_json:
        click.echo(json.dumps({"ok": result.ok, "blobs_checked": result.blobs_checked,
                               "bad_blobs": list(result.bad_blobs), "missing_blobs": list(result.missing_blobs),
                               "orphan_blobs": len(result.orphan_blobs)}, indent=2))
    else:
        click.echo(f"{result.blobs_checked} blobs checked: "
                   + ("all good" if result.ok else
                      f"{len(result.bad_blobs)} corrupt, {len(result.missing_blobs)} missing")
                   + (f" ({len(result.orphan_blobs)} unreferenced, harmless)" if result.orphan_blobs else ""))
        for sha in result.bad_blobs:
            click.echo(f"  corrupt: {sha}")
        for sha in result.missing_blobs:
            click.echo(f"  missing: {sha}")
    if not result.ok:
        sys.exit(1)


@archive.command("history")
@click.argument("url")
@cache_options
@click.option("--json", "as_json", is_flag=True, help="Print the history as JSON.")
def archive_history(url, cache_dir, as_json) -> None:
    """List every check of URL, oldest first.

    Example: factcheck archive history https://example.com/article
    """
    from .archive import Archive

    settings = Settings.from_env(cache_dir=cache_dir)
    with Archive(settings.cache_dir) as store:
        rows = store.history(url)
    if as_json:
        click.echo(json.dumps([{"id": r.id, "fetched_at": r.fetch.fetched_at, "status": r.fetch.status,
                                "http_status": r.fetch.http_status, "reason": r.fetch.reason, "tag": r.fetch.tag,
                                "final_url": r.fetch.final_url, "sha256": r.body_sha256} for r in rows], indent=2))
        return
    if not rows:
        raise click.ClickException(f"no checks of {url} in the archive {settings.cache_dir}")
    for r in rows:
        f = r.fetch
        click.echo(f"{f.fetched_at}  {f.status:<13} {f.http_status or '-':>3}  "
                   f"{(r.body_sha256 or '')[:12]:<12}  {f.reason}")


@archive.command("show")
@click.argument("url")
@cache_options
@click.option("--raw", is_flag=True, help="Print the raw archived body instead of the extracted text.")
def archive_show(url, cache_dir, raw) -> None:
    """Print the newest good archived copy of URL (extracted text by default).

    Example: factcheck archive show https://example.com/article
    """
    from .archive import Archive
    from .pipeline import load_document

    settings = Settings.from_env(cache_dir=cache_dir)
    with Archive(settings.cache_dir) as store:
        found = store.last_good(url)
        if found is None:
            raise click.ClickException(f"no good archived copy of {url} in {settings.cache_dir}")
        if raw:
            sys.stdout.buffer.write(found.fetch.body or b"")
            return
        doc = load_document(store, found)
    click.echo(f"# {doc.title if doc and doc.title else url}\n# archived {found.fetch.fetched_at}, "
               f"sha256 {found.body_sha256}\n")
    click.echo(doc.text if doc else "(no text could be extracted)")


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print stable JSON (schema factcheck-links/1).")
@click.option("--archive", "use_archive", is_flag=True,
              help="Record results in the archive and re-check archived pages with conditional requests.")
@cache_options
@click.option("--timeout", type=float, default=None, help="Seconds for a whole fetch attempt (default 45).")
@click.option("--concurrency", type=int, default=None, help="Requests in flight overall (default 16).")
@click.option("--per-host", type=int, default=None, help="Requests in flight per host (default 2).")
@click.option("--user-agent", type=str, default=None, help="User-Agent header to send.")
def links(files, as_json, use_archive, cache_dir, timeout, concurrency, per_host, user_agent) -> None:
    """Check the health of every link in FILE... (claims files, or any text, Markdown or HTML).

    Link health only: no extraction, no matching. Exit 1 when a link is dead or a soft 404.

    Example: factcheck links claims/feud.yaml --json
    """
    from .links import check_links

    settings = Settings.from_env(cache_dir=cache_dir, total_timeout=timeout, concurrency=concurrency,
                                 per_host=per_host, user_agent=user_agent)
    progress = Progress()
    count = 0

    def fetched(fetch) -> None:
        nonlocal count
        count += 1
        progress(f"[{count}] {fetch.status:<13} {fetch.url}")

    try:
        report = check_links(files, settings, archive=use_archive, progress=fetched)
    finally:
        progress.done()
    if as_json:
        click.echo(json.dumps(report.to_json(), indent=2, ensure_ascii=False))
    else:
        width = max((len(r.link.url) for r in report.results), default=3)
        width = min(width, 70)
        click.echo(f"{'status':<13} {'code':>4}  {'url':<{width}}  reason")
        for r in report.results:
            f = r.fetch
            click.echo(f"{f.status:<13} {f.http_status or '-':>4}  {r.link.url:<{width}}  {f.reason} [{f.tag}]")
        summary = ", ".join(f"{n} {status}" for status, n in report.counts().items())
        click.echo(f"{len(report.results)} links: {summary or 'none found'}")
    if report.broken:
        sys.exit(1)


def main() -> None:
    cli(prog_name="factcheck")
