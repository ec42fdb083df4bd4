"""`newsevents import DIR`: load the Parquet partitions `process --parquet-dir DIR` wrote into a
store (``partitions.import_partitions``), print what it did."""

from __future__ import annotations

from pathlib import Path

import click

from ..partitions import import_partitions
from ..store import open_store
from .process_cmd import render_summary


@click.command(name="import")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--db", default="events.db", show_default=True,
              help="SQLite file or postgresql:// URL to store into.")
@click.pass_context
def import_command(ctx: click.Context, folder: Path, db: str) -> None:
    """Store the partitions of a `process --parquet-dir FOLDER` run, in order, through the one
    store writer. Importing again adds nothing.

    Exit code 0 when everything was imported, 1 when a partition could not be read (it is stored
    as a rejection, stage import, and the others are imported), documents were rejected or the
    run has not finished (run the same `process` command again, then import again), 2 on a usage
    error (FOLDER holds no run.json).
    """
    with open_store(db) as store:
        done = import_partitions(folder, store)
    click.echo(f"{done.partitions} partitions of {done.run.run_id}: {done.imported} imported, "
               f"{len(done.broken)} broken")
    for r in done.broken:
        click.echo(f"  {r.source_uri}  {r.stage}/{r.reason}: {r.message}")
    if not done.finished:
        click.echo("the run has not finished: run the same `newsevents process` command again to "
                   "write the rest, then import again")
    click.echo(render_summary(done.run, db))
    ctx.exit(1 if done.broken or done.run.rejected or not done.finished else 0)


COMMANDS = [import_command]
