"""`newsevents events`, `show`, `stats` and `export`: read the store. Thin: parse flags, call the
store or the exporter, print."""

from __future__ import annotations

import csv
import json
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
from rich import box
from rich.console import Console
from rich.table import Table

from .. import export as exporter
from ..errors import InputError
from ..records import Article, Event
from ..store import EventFilter, Store, open_store
from ..store.filters import checked
from .render import LIST_COLUMNS, event_lines, list_row, mark_evidence

db_option = click.option("--db", default="events.db", show_default=True,
                         help="SQLite file or postgresql:// URL to read.")


def filter_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """The event filters shared by `events`, `stats` and `export`."""
    options = [
        click.option("--type", "type_", metavar="PLOVER", help="PLOVER event type, e.g. ASSAULT."),
        click.option("--acled-type", help="ACLED event type, e.g. 'Explosions/Remote violence'."),
        click.option("--acled-sub-type", help="ACLED sub-event type, e.g. 'Air/drone strike'."),
        click.option("--country", metavar="COUNTRY",
                     help="Country of the event's location: ISO3 code (UKR), ISO2 (UA) or name (Ukraine)."),
        click.option("--actor-country", metavar="COUNTRY", help="Country of an actor (or IGO, NGO, IMG)."),
        click.option("--recipient-country", metavar="COUNTRY", help="Country of a recipient (or IGO, NGO, IMG)."),
        click.option("--sector", help="Sector of an actor or recipient (GOV, MIL, CVL, ...)."),
        click.option("--place", help="Location name."),
        click.option("--admin1", help="First-level region of the location."),
        click.option("--since", metavar="YYYY-MM-DD", help="Events starting on or after this day."),
        click.option("--until", metavar="YYYY-MM-DD", help="Events starting on or before this day."),
        click.option("--stance", type=click.Choice(["reported", "claimed", "unconfirmed", "denied", "disputed"])),
        click.option("--modality", type=click.Choice(["factual", "negated", "hypothetical", "future", "historical"])),
        click.option("--min-confidence", type=click.FloatRange(0, 1)),
        click.option("--search", metavar="TEXT", help="Full-text search in evidence and article bodies."),
        click.option("--include-duplicates", is_flag=True,
                     help="Also events repeated by syndicated copies of a stored article."),
        click.option("--include-rejected", is_flag=True,
                     help="Also events a reviewer rejected in the web app."),
        click.option("--include-historical", is_flag=True,
                     help="Also past happenings retold for context (modality historical), left "
                          "out by default so that counts count news."),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def _filter(kw: dict[str, Any], limit: int | None = None) -> EventFilter:
    return checked(EventFilter(
        type=kw["type_"], acled_event_type=kw["acled_type"], acled_sub_event_type=kw["acled_sub_type"],
        country=kw["country"], actor_country=kw["actor_country"],
        recipient_country=kw["recipient_country"], sector=kw["sector"], place=kw["place"],
        admin1=kw["admin1"], since=kw["since"], until=kw["until"], stance=kw["stance"],
        modality=kw["modality"], min_confidence=kw["min_confidence"], search=kw["search"],
        include_duplicates=kw["include_duplicates"], include_rejected=kw["include_rejected"],
        include_historical=kw["include_historical"], limit=limit,
    ))


def _open(db: str) -> Store:
    # Reading never creates or changes a database: a mistyped path or an empty file is an error
    # (exit 2), not an empty result, and a database on read-only media can be read.
    return open_store(db, read_only=True)


def _console() -> Console:
    width = shutil.get_terminal_size((160, 24)).columns
    return Console(file=sys.stdout, width=width, highlight=False, soft_wrap=False)


@click.command()
@db_option
@filter_options
@click.option("--limit", type=click.IntRange(min=1), help="At most this many events.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
              show_default=True)
def events(db: str, limit: int | None, fmt: str, **kw: Any) -> None:
    """List stored events, oldest first; filters combine with AND."""
    f = _filter(kw, limit)
    out = sys.stdout
    with _open(db) as store:
        rows = store.query_rows(f)
        if fmt == "json":
            for r in rows:
                out.write(json.dumps(exporter.full_record(r), ensure_ascii=False) + "\n")
            return
        if fmt == "csv":
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow([c.replace(" ", "_") for c in LIST_COLUMNS] + ["event_id", "confidence"])
            for r in rows:
                writer.writerow([exporter.csv_cell(v) for v in list_row(r.event)] + [r.event.event_id, r.event.confidence])
            return
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
        for column in LIST_COLUMNS:
            table.add_column(column, overflow="fold")
        n = 0
        for r in rows:
            table.add_row(*list_row(r.event))
            n += 1
        console = _console()
        console.print(table)
        console.print(f"{n} event{'s' if n != 1 else ''}")


def _cluster(e: Event, store: Store) -> str | None:
    """The event's cluster and the other stored articles that report it."""
    if not e.cluster_id:
        return None
    sources = store.cluster_sources(e.cluster_id)
    others = len({s.article_id for s in sources} - {e.article_id})
    if not others:
        return e.cluster_id
    return (f"{e.cluster_id} ({others} other article{'s' if others != 1 else ''}: "
            f"{store.describe_cluster(e.cluster_id)})")


def render_article(store: Store, article: Article) -> str:
    evs = store.article_events(article.id)
    links = store.article_links(article.id)
    lines = [f"article    {article.id}"]
    for name, value in (("headline", article.headline), ("byline", article.byline),
                        ("agency", article.agency), ("publisher", article.publisher),
                        ("published", article.published), ("url", article.url),
                        ("source", article.source_uri)):
        if value:
            lines.append(f"{name:<10} {value}")
    for w in article.warnings:
        lines.append(f"{'warning':<10} {w.stage}/{w.reason}: {w.message}")
    if links["duplicate_of"]:
        lines.append(f"copy of    {links['duplicate_of']} (containment {links['similarity']})")
    if links["copies"]:
        lines.append(f"copied by  {', '.join(links['copies'])}")
    lines += ["", mark_evidence(article.body, evs), "", f"events ({len(evs)})"]
    for number, e in enumerate(evs, start=1):
        lines += ["", *event_lines(number, e, _cluster(e, store))]
    dropped = store.dropped(article.id)
    lines += ["", f"dropped parts ({len(dropped)})"]
    for reason, detail, text in dropped:
        short = " ".join(text.split())
        short = short if len(short) <= 100 else short[:97] + "..."
        lines.append(f"  {reason}{' (' + detail + ')' if detail else ''}: {short}")
    return "\n".join(lines)


@click.command()
@click.argument("article_id")
@db_option
def show(article_id: str, db: str) -> None:
    """Show one article as extracted, its evidence marked [[n: ...]], each event's fields and the
    dropped parts with their reasons. ARTICLE_ID may be a unique prefix."""
    with _open(db) as store:
        article = store.get_article(article_id)
        if article is None:
            raise InputError(f"no article {article_id!r} in {db}")
        click.echo(render_article(store, article))


@click.command()
@db_option
@click.option("--by", type=click.Choice(["day", "type", "country"]), default="type", show_default=True)
@filter_options
def stats(db: str, by: str, **kw: Any) -> None:
    """Count events by day, PLOVER type or location country (copies counted once)."""
    with _open(db) as store:
        counts = store.stats(by, _filter(kw))  # type: ignore[arg-type]
    from .common import table

    click.echo(table([by, "events"], [(k if k is not None else "-", n) for k, n in counts]))
    click.echo(f"total {sum(n for _, n in counts)}")


@click.command(name="export")
@db_option
@click.option("--format", "fmt", type=click.Choice(list(exporter.FORMATS)), required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (default: standard output; required for parquet).")
@filter_options
def export_cmd(db: str, fmt: str, output: Path | None, **kw: Any) -> None:
    """Export events: csv (ACLED-like columns), jsonl (full records), geojson (points), parquet,
    training (reviewed sentences as labelled examples, JSON Lines)."""
    with _open(db) as store:
        target = output if output is not None else sys.stdout
        n = exporter.export(store, fmt, target, _filter(kw))
    if output is not None:
        click.echo(f"{n} events written to {output}", err=True)


COMMANDS = [events, show, stats, export_cmd]
