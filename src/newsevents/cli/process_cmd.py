"""`newsevents process`: parse the arguments, call ``runner.run`` (which reads the inputs, runs the
pipeline and stores every batch) with a progress bar, print the summary."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from ..ingest import count_documents
from ..options import Options
from ..runner import RunSummary, run
from ..store import open_store
from .common import config_option, model_option, options_from, table

# Rejection messages are cut to this many characters in the summary; the store keeps them whole.
_MESSAGE_WIDTH = 160


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--db", default="events.db", show_default=True,
              help="SQLite file or postgresql:// URL to store into.")
@click.option("--parquet-dir", type=click.Path(file_okay=False, path_type=Path), metavar="DIR",
              help="Write each batch as Parquet partitions in DIR instead of a database (the "
                   "workers write them; a DIR of a stopped run with the same arguments is "
                   "continued); `newsevents import DIR` loads them (docs/scale.md).")
@click.option("--fetch", "urls", multiple=True, metavar="URL",
              help="Also fetch this page (needs network; robots.txt and a rate limit respected).")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes (the same events as one process; docs/scale.md).")
@click.option("--scheduler", metavar="ADDRESS",
              help="Run the stages on this Dask cluster (tcp://host:8786); needs newsevents[dask].")
@click.option("--dask", "use_dask", is_flag=True,
              help="Run on a local Dask cluster of --workers processes instead of a process pool.")
@config_option
@model_option
@click.pass_context
def process(ctx: click.Context, paths: tuple[Path, ...], db: str, parquet_dir: Path | None,
            urls: tuple[str, ...], quiet: bool, workers: int, scheduler: str | None, use_dask: bool,
            config_path: Path | None, model: str | None) -> None:
    """Code the articles in PATHS (files or folders: .txt .html .html.gz .jsonl .warc RSS/Atom).

    Exit code 0 when every document was processed, 1 when some were rejected (see the summary),
    2 on a usage or configuration error.
    """
    if not paths and not urls:
        raise click.UsageError("give at least one PATH or --fetch URL")
    if parquet_dir is not None and ctx.get_parameter_source("db") is not click.core.ParameterSource.DEFAULT:
        raise click.UsageError("give --db or --parquet-dir, not both (`newsevents import` loads the partitions)")
    opts = options_from(config_path, model)
    with _progress(quiet) as progress:
        # Counting reads the inputs once more without decoding them: cheap beside coding them,
        # and it gives the bar a total and the time left.
        total = None if quiet else count_documents(paths, opts) + len(urls)
        task = progress.add_task("processing", total=total)

        def advance(documents: int) -> None:
            progress.advance(task, documents)

        if parquet_dir is not None:
            summary, note = _into_partitions(paths, parquet_dir, opts, urls, workers, scheduler, use_dask, advance)
            where = f"partitions in {parquet_dir}"
        else:
            with open_store(db) as store:
                summary = run(paths, store, opts, urls=urls, workers=workers, scheduler=scheduler,
                              dask=use_dask, on_batch=lambda batch, outcome: advance(len(batch)))
            note, where = "", db
    if note:
        click.echo(note)
    click.echo(render_summary(summary, where))
    ctx.exit(1 if summary.rejected else 0)


def _into_partitions(paths: tuple[Path, ...], folder: Path, opts: Options, urls: tuple[str, ...],
                     workers: int, scheduler: str | None, use_dask: bool,
                     advance: Callable[[int], None]) -> tuple[RunSummary, str]:
    """``partitions.write_run``, and what to say first when it continued a stopped run."""
    from ..partitions import write_run

    done = write_run(paths, folder, opts, urls=urls, workers=workers, scheduler=scheduler, dask=use_dask,
                     on_partition=lambda receipt, skipped: advance(receipt.documents))
    note = (f"continued the run in {folder}: {len(done.skipped)} partitions were complete, "
            f"{len(done.written)} written now" if done.skipped else "")
    return done.run, note


def _progress(quiet: bool) -> Progress:
    # Writes to standard error while the bar shows (a traceback logged for an internal error)
    # are printed above it.
    return Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                    MofNCompleteColumn(), TimeElapsedColumn(), TextColumn("left"), TimeRemainingColumn(),
                    console=Console(stderr=True), disable=quiet, transient=True)


def render_summary(summary: RunSummary, where: str) -> str:
    """The end-of-run table: counts, events by type, warnings, and every rejected document."""
    rejected = sum(summary.rejected.values())
    lines = [
        f"{summary.documents} documents: {summary.articles} articles "
        f"({summary.new_articles} new, {summary.known_articles} already stored), "
        f"{rejected} rejected; {summary.new_events} new events in {where}",
    ]
    if summary.events_by_type:
        rows = sorted(summary.events_by_type.items(), key=lambda kv: (-kv[1], kv[0]))
        lines += ["", table(["event type", "events found"], rows)]
    if summary.warnings:
        rows = sorted(summary.warnings.items(), key=lambda kv: (-kv[1], kv[0]))
        lines += ["", table(["stored with a warning (stage/reason)", "documents"], rows)]
    if summary.rejected:
        rows = sorted(summary.rejected.items(), key=lambda kv: (-kv[1], kv[0]))
        lines += ["", table(["rejected (stage/reason)", "documents"], rows)]
        lines += ["", "rejected documents (stage/reason: message; all stored in the rejected table):"]
        lines += [f"  {r.source_uri}  {r.stage}/{r.reason}: {_short(r.message)}" for r in summary.rejections]
    return "\n".join(lines)


def _short(message: str) -> str:
    text = " ".join(message.split())
    return text if len(text) <= _MESSAGE_WIDTH else text[: _MESSAGE_WIDTH - 1] + "…"


COMMANDS = [process]
