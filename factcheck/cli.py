"""The command line: parse, build Settings, call one library function, print.

Exit codes (documented in the README):
  0  the run completed and found nothing against the claims or links (claims
     may be unverifiable when a source could not be reached; the summary says so)
  1  the run completed with problems: claims not supported or contradicted,
     dead sources, or a quote gone from a live page (``--exit-zero`` gives 0)
  2  usage or input error (bad flags, malformed claims file); nothing written
  3  the cache/archive cannot be opened or written
  4  a matcher tier is misconfigured
  70 internal error (a bug: set FACTCHECK_DEBUG=1 for the traceback)

``recheck`` exits 1 only when something *newly* broke since the last check
(a link newly dead, a claim's evidence newly gone from the live page), so cron
and CI alert once, not on every run.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from . import __version__
from .config import Settings, systemd_user_dir, tracebacks_wanted
from .errors import FactcheckError, InputError

if TYPE_CHECKING:
    from .models import ClaimsFile

__all__ = ["main", "cli"]

# Start-up: each command imports what it runs when it runs (function-level imports marked "lazy"), so
# `factcheck --help` loads click and the settings only, and `links` neither bs4 nor the matchers
# (import factcheck.cli: 0.40 CPU s before).


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
            columns = os.get_terminal_size(sys.stderr.fileno()).columns
            if columns > 20:
                width = columns - 1
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


def cache_options(func: Callable[..., None]) -> Callable[..., None]:
    func = click.option("--cache", "cache_dir", type=click.Path(file_okay=False, path_type=Path),
                        help="Archive directory (default: cache/, or FACTCHECK_CACHE_DIR).")(func)
    return func


def fetch_options(func: Callable[..., None]) -> Callable[..., None]:
    """Options of every command that fetches URLs found in files."""
    return click.option("--allow-private", "allow_private", is_flag=True, default=None,
                        help="Also fetch loopback, private and link-local addresses (refused by default; "
                             "or FACTCHECK_ALLOW_PRIVATE=1).")(func)


class _Group(click.Group):
    """Turns library errors into ``Error: ...`` lines with the documented exit codes; the commands
    defined in other modules (``match``, ``review``) load when asked for."""

    #: name -> one-line help (tests/test_readme.py checks it is the command's own), so --help imports neither
    LAZY = {"match": "Match claim-source pairs from a JSONL file, without fetching anything.",
            "review": "Review the claims of the last run that need a person; decisions go to "
                      "claims/reviews/<stem>.yaml."}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.LAZY})

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        shown: dict[str, click.Command] = {name: c for name, c in self.commands.items() if not c.hidden}
        shown.update({name: click.Command(name, help=text) for name, text in self.LAZY.items()})
        limit = formatter.width - 6 - max(map(len, shown))
        with formatter.section("Commands"):
            formatter.write_dl([(name, shown[name].get_short_help_str(limit)) for name in sorted(shown)])

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name == "match":
            from .match.cli_command import match_command  # lazy: the matchers load only for this command

            return match_command
        if name == "review":
            from .review_cmd import review_command  # lazy: loads only for this command

            return review_command
        return super().get_command(ctx, name)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except FactcheckError as exc:
            raise _exit_error(exc.message, exc.exit_code) from exc
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort, SystemExit,
                KeyboardInterrupt):
            raise
        except Exception as exc:  # noqa: BLE001 - last line of defence: no tracebacks for users
            if tracebacks_wanted():
                raise
            raise _exit_error(f"internal error: {type(exc).__name__}: {exc}\n  This is a bug in factcheck. "
                              "Re-run with FACTCHECK_DEBUG=1 for the traceback.", 70) from exc


def _exit_error(message: str, code: int) -> click.ClickException:
    error = click.ClickException(message)
    error.exit_code = code  # type: ignore[misc]  # click types it a ClassVar, yet reads it per instance
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
@click.option("--executor", type=click.Choice(["local", "dask"]), default=None,
              help="Where extraction and matching run (default local; dask needs factcheck[dask]).")
@click.option("--workers", type=click.IntRange(1, 256), default=None,
              help="Processes for extraction and matching (default 1: this process).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when claims fail or sources are dead.")
@fetch_options
def run(files, cache_dir, reports_dir, offline, matcher, user_agent, timeout, concurrency, executor, workers,
        exit_zero, allow_private) -> None:
    """Fetch, archive and match every claim of each claims FILE; write reports.

    A FILE ending in .md, .html or .txt is an article: its claims are drafted on the fly
    (as by 'factcheck extract') and checked against the sources it cites.

    Example: factcheck run claims/feud.yaml
    """

    from .pipeline import run as run_pipeline  # lazy: each command loads what it runs
    from .report import render_summary  # lazy: each command loads what it runs
    from .reviews import load_reviews, reviews_path  # lazy: each command loads what it runs

    settings = Settings.from_env(cache_dir=cache_dir, reports_dir=reports_dir, offline=offline,
                                 matcher=matcher, user_agent=user_agent, total_timeout=timeout,
                                 concurrency=concurrency, allow_private=allow_private, executor=executor,
                                 workers=workers)
    loaded = [_claims_or_article(path, settings) for path in files]  # validate every file before any work
    for claims_file in loaded:  # and the reviews beside them (claims/reviews/<stem>.yaml)
        load_reviews(reviews_path(claims_file.path))
    problems = 0
    for claims_file in loaded:
        progress = Progress()
        try:
            result = run_pipeline(claims_file, settings, progress=progress)
        finally:
            progress.done()
        click.echo(render_summary(result.report, result.markdown_path, result.json_path, html_path=result.html_path))
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
    from .archive import Archive  # lazy: each command loads what it runs

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
    from .archive import Archive  # lazy: each command loads what it runs

    settings = Settings.from_env(cache_dir=cache_dir)
    with Archive(settings.cache_dir) as store:
        rows = store.history(url)
        state = store.get_state(url)
    if as_json:
        click.echo(json.dumps([{"id": r.id, "origin": r.origin, "fetched_at": r.fetch.fetched_at,
                                "status": r.fetch.status, "transient": r.fetch.transient,
                                "http_status": r.fetch.http_status, "reason": r.fetch.reason, "tag": r.fetch.tag,
                                "final_url": r.fetch.final_url, "sha256": r.body_sha256} for r in rows], indent=2))
        return
    if not rows:
        raise click.ClickException(f"no checks of {url} in the archive {settings.cache_dir}")
    if state is not None:
        since = f" since {state.first_failed_at}" if state.failures and state.first_failed_at else ""
        click.echo(f"# {state.health}: {state.failures} failed check(s) in a row{since}; "
                   f"next check due {state.next_check_at}")
    for r in rows:
        f = r.fetch
        click.echo(f"{r.id:>6}  {f.fetched_at}  {f.status:<13} {f.http_status or '-':>3}  "
                   f"{(r.body_sha256 or '')[:12]:<12}  {f.reason}"
                   + (f" [{r.origin}: {f.final_url}]" if r.origin != "live" else ""))


@archive.command("show")
@click.argument("url")
@cache_options
@click.option("--raw", is_flag=True, help="Print the raw archived body instead of the extracted text.")
@click.option("--id", "check_id", type=int, default=None,
              help="Show the copy of this check (the first column of `archive history`).")
def archive_show(url, cache_dir, raw, check_id) -> None:
    """Print the newest good archived copy of URL (extracted text by default).

    Example: factcheck archive show https://example.com/article
    """
    from .archive import Archive  # lazy: each command loads what it runs
    from .documents import load_document  # lazy: each command loads what it runs

    settings = Settings.from_env(cache_dir=cache_dir)
    with Archive(settings.cache_dir) as store:
        found = store.last_good(url) if check_id is None else store.fetch_by_id(check_id)
        if found is not None and (found.fetch.url != url or found.fetch.body is None):
            found = None
        if found is None:
            which = "good archived copy" if check_id is None else f"stored body for check {check_id}"
            raise click.ClickException(f"no {which} of {url} in {settings.cache_dir}")
        if raw:
            sys.stdout.buffer.write(found.fetch.body or b"")
            return
        doc = load_document(store, found)
    click.echo(f"# {doc.title if doc and doc.title else url}\n# archived {found.fetch.fetched_at}, "
               f"sha256 {found.body_sha256}\n")
    click.echo(doc.text if doc else "(no text could be extracted)")


def _claims_or_article(path: Path, settings: Settings) -> ClaimsFile:
    """A claims file, or an article (.md, .html, .txt) whose claims are extracted in memory."""
    from .article import ARTICLE_SUFFIXES, read_article  # lazy: each command loads what it runs
    from .claims import load_claims  # lazy: each command loads what it runs
    from .draftfile import claims_from_draft  # lazy: each command loads what it runs
    from .drafting import draft  # lazy: each command loads what it runs

    if Path(path).suffix.lower() not in ARTICLE_SUFFIXES:
        return load_claims(path)
    return claims_from_draft(draft(read_article(path, settings)))


@cli.command()
@click.argument("article")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Claims file to write or merge into (default: claims/<article-stem>.yaml; '-' prints it).")
@click.option("--merge", is_flag=True, help="Also merge into a claims file written by hand.")
@click.option("--format", "kind", type=click.Choice(["markdown", "html", "text"]), default=None,
              help="How to read ARTICLE (default: from its suffix or content).")
@click.option("--translate", is_flag=True,
              help="Fill empty 'translation:' fields with the LLM tier (needs FACTCHECK_LLM_URL and _MODEL).")
@click.option("--translate-to", "translate_to", default="en", show_default=True,
              help="Language of the translations (a code like en, or a name).")
@cache_options
@fetch_options
def extract(article, output, merge, kind, cache_dir, translate, translate_to, allow_private) -> None:
    """Draft a claims file from ARTICLE (Markdown, HTML, text, or an http(s) URL).

    Re-extracting into the same file keeps hand edits, comments and deletions.
    With --translate, empty translations are filled by the configured model
    (claim texts are sent to it); a translation already there is never replaced.

    Example: factcheck extract articles/feud.md -o claims/feud-draft.yaml
    """
    from .article import read_article  # lazy: each command loads what it runs
    from .draftfile import render_draft, write_draft  # lazy: each command loads what it runs
    from .drafting import draft  # lazy: each command loads what it runs
    from .match.llm import check_settings, translate_claims  # lazy: each command loads what it runs

    settings = Settings.from_env(cache_dir=cache_dir, allow_private=allow_private)
    translator: Callable[[list[str]], list[str]] | None = None
    if translate:
        check_settings(settings, "--translate")  # before any work

        def translate_texts(texts: list[str]) -> list[str]:
            return translate_claims(texts, translate_to, settings)
        translator = translate_texts
    drafted = draft(read_article(article, settings, kind=kind))
    if str(output) == "-":
        click.echo(render_draft(drafted, translate=translator)[0], nl=False)
        return
    if output is None:
        stem = Path(article.split("?")[0].rstrip("/")).stem or "article"
        output = Path("claims") / f"{stem}.yaml"
    result = write_draft(drafted, output, merge=merge, translate=translator)
    click.echo(f"{result.path}: {result.claims} claims ({result.added} new, {result.kept} kept"
               + (f", {result.removed} you removed stay removed" if result.removed else "")
               + f"), {result.skipped} skipped, {result.sources} sources ({result.sources_added} new)")
    if drafted.citation_mode == "article-level":
        click.echo("  citation: article-level: the article only lists references at the end and never says "
                   "which source backs which sentence; every claim links every reference")
    uncited = sum(1 for c in drafted.claims if c.citation == "uncited")
    if uncited:
        click.echo(f"  uncited: {uncited} claims have no citation of their own in the article")
    if result.stale:
        click.echo(f"  stale: {result.stale} claims no longer match a sentence of the article (kept; "
                   "delete them if the article dropped them)")
    if result.unsourced:
        click.echo(f"  note: {result.unsourced} claims cite no source: add 'sources:' before factcheck run")
    if translate:
        click.echo(f"  translated: {result.translated} empty translations filled by {settings.llm_model} "
                   "(review them)")
    click.echo("  next: review the file (" + ("and the translations" if translate else
               "translations are left empty for you") + f"), then: factcheck run {result.path}")


# -- link rot: recheck, schedule, archive export (issue 3) ------------------------


@cli.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@cache_options
@click.option("--reports", "reports_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Where reports and recheck.md go (default: reports/).")
@click.option("--due", is_flag=True, help="Check only the URLs whose next check is due.")
@click.option("--json", "as_json", is_flag=True, help="Print the changes as JSON.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when something newly broke.")
@fetch_options
def recheck(files, cache_dir, reports_dir, due, as_json, exit_zero, allow_private) -> None:
    """Re-check sources (of the claims FILEs, or every archived URL) and report what changed.

    Exit 1 only when something newly broke (a link newly dead, or a claim's
    evidence quote gone from the live page); 0 otherwise.

    Example: factcheck recheck claims/feud.yaml --due
    """
    from .changes import changes_json, render_changes  # lazy: each command loads what it runs
    from .claims import load_claims  # lazy: each command loads what it runs
    from .recheck import recheck as run_recheck  # lazy: each command loads what it runs

    settings = Settings.from_env(cache_dir=cache_dir, reports_dir=reports_dir, allow_private=allow_private)
    loaded = [load_claims(path) for path in files]
    progress = Progress()
    try:
        result = run_recheck(settings, loaded, due=due, progress=progress)
    finally:
        progress.done()
    if as_json:
        click.echo(json.dumps(changes_json(result), ensure_ascii=False, indent=2))
    else:
        click.echo(render_changes(result).rstrip())
        click.echo(f"\nwritten: {result.changes_path}"
                   + "".join(f", {p}" for p in result.reports))
    if result.alerts and not exit_zero:
        sys.exit(1)


@cli.command()
@click.option("--install", is_flag=True, help="Write the systemd user timer (~/.config/systemd/user).")
@click.option("--hour", type=click.IntRange(0, 23), default=6, show_default=True, help="Hour of the daily run.")
@click.option("--claims", "claims_glob", default="", help="Claims files to recheck (e.g. 'claims/*.yaml').")
def schedule(install, hour, claims_glob) -> None:
    """Print a crontab line and a systemd user timer that run `factcheck recheck --due` daily.

    Example: factcheck schedule --claims 'claims/*.yaml'
    """
    from .schedule import install_systemd, schedule_files  # lazy: each command loads what it runs

    # cron and systemd run with a bare PATH: name this very installation, absolutely
    argv0 = Path(sys.argv[0])
    if argv0.name == "factcheck" and argv0.exists():
        exe = str(argv0.resolve())
    else:
        exe = shutil.which("factcheck") or f"{sys.executable} -m factcheck"
    command = f"{exe} recheck --due {claims_glob}".rstrip()
    files = schedule_files(command, Path.cwd(), hour=hour)
    if install:
        for path in install_systemd(files, systemd_user_dir()):
            click.echo(f"wrote {path}")
        click.echo("now run: systemctl --user daemon-reload && systemctl --user enable --now factcheck-recheck.timer")
        return
    click.echo("# crontab (crontab -e):")
    click.echo(files["crontab"])
    for name in ("factcheck-recheck.service", "factcheck-recheck.timer"):
        click.echo(f"\n# ~/.config/systemd/user/{name}")
        click.echo(files[name].rstrip())


@archive.command("export")
@click.option("--warc", "warc_path", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="WARC file to write (gzipped, .warc.gz).")
@cache_options
def archive_export(warc_path, cache_dir) -> None:
    """Write every archived response as WARC 1.1 records, for standard replay tools.

    Example: factcheck archive export --warc sources.warc.gz
    """
    from .archive import Archive  # lazy: each command loads what it runs
    from .warc import export_warc  # lazy: each command loads what it runs

    settings = Settings.from_env(cache_dir=cache_dir)
    with Archive(settings.cache_dir) as store:
        result = export_warc(store, warc_path)
    click.echo(f"{result.path}: {result.records} response records ({result.skipped} checks without a body left out)")


@archive.command("save")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@cache_options
def archive_save(files, cache_dir) -> None:
    """Ask the Wayback Machine's Save Page Now to capture the healthy sources of FILEs
    (every healthy archived URL when none). Needs FACTCHECK_SPN_ACCESS_KEY and
    FACTCHECK_SPN_SECRET_KEY (archive.org S3 keys).

    Example: factcheck archive save claims/feud.yaml
    """
    from .archive import Archive  # lazy: each command loads what it runs
    from .claims import load_claims  # lazy: each command loads what it runs
    from .fetch import save_page_now  # lazy: each command loads what it runs

    settings = Settings.from_env(cache_dir=cache_dir)
    access, secret = settings.spn_access_key, settings.spn_secret_key
    if not access or not secret:
        raise InputError("Save Page Now needs archive.org S3 keys\n  fix: set FACTCHECK_SPN_ACCESS_KEY and "
                         "FACTCHECK_SPN_SECRET_KEY (from https://archive.org/account/s3.php)")
    loaded = [load_claims(path) for path in files]
    with Archive(settings.cache_dir) as store:
        urls = list(dict.fromkeys(r.url for f in loaded for r in f.sources)) if loaded else store.urls()
        healthy = [u for u in urls if (st := store.get_state(u)) is not None and st.health == "healthy"]
    results = save_page_now(healthy, settings, access_key=access, secret_key=secret)
    for result in results:
        click.echo(f"{'requested' if result.ok else 'failed':<9} {result.url}  {result.job_id or result.reason}")
    click.echo(f"{sum(r.ok for r in results)} of {len(results)} capture(s) requested "
               f"({len(urls) - len(healthy)} source(s) not healthy, not sent)")
    if any(not r.ok for r in results):
        sys.exit(1)


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
@fetch_options
def links(files, as_json, use_archive, cache_dir, timeout, concurrency, per_host, user_agent,
          allow_private) -> None:
    """Check the health of every link in FILE... (claims files, or any text, Markdown or HTML).

    Link health only: no extraction, no matching. Exit 1 when a link is dead or a soft 404.

    Example: factcheck links claims/feud.yaml --json
    """
    from .links import check_links  # lazy: each command loads what it runs

    settings = Settings.from_env(cache_dir=cache_dir, total_timeout=timeout, concurrency=concurrency,
                                 per_host=per_host, user_agent=user_agent, allow_private=allow_private)
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


@cli.command()
@cache_options
@click.option("--json", "as_json", is_flag=True, help="Print the checks as JSON.")
def doctor(cache_dir, as_json) -> None:
    """Check that this install can fetch, extract, match and archive.

    Serves a test page from 127.0.0.1 (no outside host is contacted), runs each stage
    on it, and names the missing piece with its fix. Exit 0 when every check passes, 1 otherwise.

    Example: factcheck doctor
    """
    from .doctor import run_checks  # lazy: each command loads what it runs

    checks = run_checks(Settings.from_env(cache_dir=cache_dir))
    if as_json:
        click.echo(json.dumps({"schema": "factcheck-doctor/1", "ok": all(c.ok for c in checks),
                               "checks": [{"name": c.name, "ok": c.ok, "detail": c.detail, "fix": c.fix,
                                           "seconds": round(c.seconds, 3)} for c in checks]},
                              indent=2, ensure_ascii=False))
    else:
        for c in checks:
            click.echo(f"{'ok' if c.ok else 'FAIL':<4}  {c.name:<8} {c.detail}")
            if c.fix:
                click.echo(f"{'':<14}fix: {c.fix}")
        failed = [c.name for c in checks if not c.ok]
        click.echo("factcheck is ready." if not failed else f"not ready: {', '.join(failed)} failed.")
    if not all(c.ok for c in checks):
        sys.exit(1)


def main() -> None:
    cli(prog_name="factcheck")
