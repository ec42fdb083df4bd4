"""`newsevents process`: read inputs, run the pipeline, store everything, print a summary."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
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

from ..ingest import count_documents, fetch_urls, read_paths
from ..records import RawDocument, Rejected, Result
from ..runner import process_into_store
from ..store import BatchOutcome, open_store
from ..workers import open_workers
from .common import config_option, model_option, options_from, table

# Rejection messages are cut to this many characters in the summary; the store keeps them whole.
_MESSAGE_WIDTH = 160


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--db", default="events.db", show_default=True,
              help="SQLite file or postgresql:// URL to store into.")
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
def process(ctx: click.Context, paths: tuple[Path, ...], db: str, urls: tuple[str, ...],
            quiet: bool, workers: int, scheduler: str | None, use_dask: bool,
            config_path: Path | None, model: str | None) -> None:
    """Code the articles in PATHS (files or folders: .txt .html .html.gz .jsonl .warc RSS/Atom).

    Exit code 0 when every document was processed, 1 when some were rejected (see the summary),
    2 on a usage or configuration error.
    """
    if not paths and not urls:
        raise click.UsageError("give at least one PATH or --fetch URL")
    opts = options_from(config_path, model)
    summary = Summary()
    with open_store(db) as store:
        run_id = store.start_run(opts, [str(p) for p in paths] + list(urls))
        items = _inputs(paths, urls, opts)
        with _progress(quiet) as progress:
            # Counting reads the inputs once more without decoding them: cheap beside coding them,
            # and it gives the bar a total and the time left.
            total = None if quiet else count_documents(paths, opts) + len(urls)
            task = progress.add_task("processing", total=total)

            def on_batch(batch: list[Result], outcome: BatchOutcome) -> None:
                summary.add(outcome, batch)
                progress.advance(task, len(batch))

            pool = open_workers(workers, scheduler, use_dask)
            try:
                process_into_store(items, opts, store, run_id, workers=pool, on_batch=on_batch)
            finally:
                if pool is not None:
                    pool.close()
        store.finish_run(run_id, summary.as_dict())
    click.echo(summary.render(db))
    ctx.exit(1 if summary.rejected else 0)


def _inputs(paths: tuple[Path, ...], urls: tuple[str, ...], opts) -> Iterator[RawDocument | Rejected]:
    yield from read_paths(paths, opts)
    if urls:
        yield from fetch_urls(urls, opts)


def _progress(quiet: bool) -> Progress:
    # Writes to standard error while the bar shows (a traceback logged for an internal error)
    # are printed above it.
    return Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                    MofNCompleteColumn(), TimeElapsedColumn(), TextColumn("left"), TimeRemainingColumn(),
                    console=Console(stderr=True), disable=quiet, transient=True)


class Summary:
    """Counts for the end-of-run table, and every rejected document."""

    def __init__(self) -> None:
        self.documents = 0
        self.new_articles = 0
        self.known_articles = 0
        self.new_events = 0
        self.events_by_type: Counter[str] = Counter()
        self.rejected: Counter[str] = Counter()
        self.rejections: list[Rejected] = []
        self.warnings: Counter[str] = Counter()  # documents used with a warning, by stage/reason

    def add(self, outcome: BatchOutcome, batch: list[Result]) -> None:
        self.documents += len(batch)
        self.new_articles += outcome.new_articles
        self.known_articles += outcome.duplicate_articles
        self.new_events += outcome.new_events
        # Articles the store refused (a NUL character, say) are rejections too, and their
        # events were not stored.
        refused = {(r.doc_id, r.source_uri) for r in outcome.rejections}
        for result in batch:
            if result.rejected:
                self._reject(result.rejected)
            elif result.article and (result.article.doc_id, result.article.source_uri) not in refused:
                self.events_by_type.update(e.type for e in result.events)
                self.warnings.update({f"{w.stage}/{w.reason}" for w in result.article.warnings})
        for rejection in outcome.rejections:
            self._reject(rejection)

    def _reject(self, r: Rejected) -> None:
        self.rejected[f"{r.stage}/{r.reason}"] += 1
        self.rejections.append(r)

    def as_dict(self) -> dict:
        return {"documents": self.documents, "new_articles": self.new_articles,
                "known_articles": self.known_articles, "new_events": self.new_events,
                "events_by_type": dict(self.events_by_type), "rejected": dict(self.rejected),
                "warnings": dict(self.warnings)}

    def render(self, db: str) -> str:
        articles = self.documents - sum(self.rejected.values())
        lines = [
            f"{self.documents} documents: {articles} articles "
            f"({self.new_articles} new, {self.known_articles} already stored), "
            f"{sum(self.rejected.values())} rejected; {self.new_events} new events in {db}",
        ]
        if self.events_by_type:
            rows = sorted(self.events_by_type.items(), key=lambda kv: (-kv[1], kv[0]))
            lines += ["", table(["event type", "events found"], rows)]
        if self.warnings:
            rows = sorted(self.warnings.items(), key=lambda kv: (-kv[1], kv[0]))
            lines += ["", table(["stored with a warning (stage/reason)", "documents"], rows)]
        if self.rejected:
            rows = sorted(self.rejected.items(), key=lambda kv: (-kv[1], kv[0]))
            lines += ["", table(["rejected (stage/reason)", "documents"], rows)]
            lines += ["", "rejected documents (stage/reason: message; all stored in the rejected table):"]
            lines += [f"  {r.source_uri}  {r.stage}/{r.reason}: {_short(r.message)}" for r in self.rejections]
        return "\n".join(lines)


def _short(message: str) -> str:
    text = " ".join(message.split())
    return text if len(text) <= _MESSAGE_WIDTH else text[: _MESSAGE_WIDTH - 1] + "…"


COMMANDS = [process]
