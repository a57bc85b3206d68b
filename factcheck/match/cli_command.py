"""``factcheck match``: the batch matcher as a click command (registered by the CLI).

A thin wrapper over ``factcheck.match.batch.run_batch``; errors are
``FactcheckError``s, which the CLI group turns into ``Error: ...`` lines and
exit codes.
"""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path

import click

from ..archive import Archive
from ..config import Settings
from . import MATCHERS
from .batch import run_batch

__all__ = ["match_command"]


@click.command("match")
@click.option("--input", "input_path", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="JSONL of pairs: id, claim, source_text; optional translation, context, source_url.")
@click.option("--output", "output_path", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="JSONL of verdicts: id, verdict, score, evidence (offsets into source_text).")
@click.option("--matcher", "matcher_name", type=click.Choice(MATCHERS), default="default", show_default=True)
@click.option("--cache", "cache_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              envvar="FACTCHECK_CACHE_DIR",
              help="Archive directory to keep sentence vectors in, so re-runs reuse them "
                   "(default: FACTCHECK_CACHE_DIR if set, else none).")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Processes to match in; each loads its own model (~240 MB).")
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where the workers run: a local process pool, or a Dask cluster (factcheck[dask]).")
@click.option("--quiet", is_flag=True, help="No progress on stderr.")
def match_command(input_path: Path, output_path: Path, matcher_name: str, cache_dir: Path | None,
                  workers: int, executor: str, quiet: bool) -> None:
    """Match claim-source pairs from a JSONL file, without fetching anything.

    The same matcher as 'factcheck run', one JSON verdict per input line.

    Example: factcheck match --input pairs.jsonl --output preds.jsonl
    """
    def progress(done: int) -> None:
        if not quiet and done % 25 == 0:
            click.echo(f"matched {done} pairs", err=True)

    with ExitStack() as stack:
        store = None
        if cache_dir is not None:
            store = stack.enter_context(Archive(cache_dir))
        done = run_batch(input_path, output_path, matcher_name=matcher_name, store=store, progress=progress,
                         workers=workers, settings=Settings.from_env(), executor=executor)
    if not quiet:
        click.echo(f"{done} pairs matched; verdicts in {output_path}", err=True)
