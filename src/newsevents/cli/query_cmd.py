"""`newsevents events`, `show`, `stats` and `export`: read the store. Thin: parse flags, call the
store or the exporter, print."""

from __future__ import annotations

import csv
import json
import shutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click
from rich import box
from rich.console import Console
from rich.table import Table

from .. import export as exporter
from ..errors import InputError
from ..records import Actor, Article, Event
from ..store import EventFilter, EventRow, Store, open_store
from ..store.filters import checked
from .code_cmd import render_scores

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
        limit=limit,
    ))


def _open(db: str) -> Store:
    # Reading never creates or changes a database: a mistyped path or an empty file is an error
    # (exit 2), not an empty result, and a database on read-only media can be read.
    return open_store(db, read_only=True)


def _console() -> Console:
    width = shutil.get_terminal_size((160, 24)).columns
    return Console(file=sys.stdout, width=width, highlight=False, soft_wrap=False)


def _actors(actors: Sequence[Actor]) -> str:
    return "; ".join(f"{a.name or a.text} ({a.country or '?'}{' ' + a.sector if a.sector else ''})" for a in actors)


def _location(e: Event) -> str:
    loc = e.location
    if loc is None:
        return ""
    parts = [loc.name or loc.text]
    if loc.admin1 and loc.admin1 != parts[0]:
        parts.append(loc.admin1)
    if loc.country:
        parts.append(loc.country)
    return ", ".join(parts)


LIST_COLUMNS = ("date", "type", "mode", "actor", "recipient", "location", "acled sub-type", "stance",
                "trigger", "article")


def _list_row(r: EventRow) -> list[str]:
    e = r.event
    stance = e.attribution.stance + (f" ({e.attribution.source})" if e.attribution.source else "")
    return [
        (e.date.start or "")[:10], e.type, e.mode or "", _actors(e.actor), _actors(e.recipient),
        _location(e), e.acled.sub_event_type if e.acled else "", stance, e.evidence.trigger,
        e.article_id[:8],
    ]


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
                writer.writerow([exporter.csv_cell(v) for v in _list_row(r)] + [r.event.event_id, r.event.confidence])
            return
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
        for column in LIST_COLUMNS:
            table.add_column(column, overflow="fold")
        n = 0
        for r in rows:
            table.add_row(*_list_row(r))
            n += 1
        console = _console()
        console.print(table)
        console.print(f"{n} event{'s' if n != 1 else ''}")


def mark_evidence(body: str, evs: Sequence[Event]) -> str:
    """The body with each event's evidence span wrapped as ``[[n: ...]]`` (numbers follow the
    event list); spans shared by several events carry all their numbers."""
    spans: dict[tuple[int, int], list[int]] = {}
    for number, e in enumerate(evs, start=1):
        if e.evidence.part != "body":
            continue  # told in the headline or standfirst only
        start, end = max(0, e.evidence.start), min(len(body), e.evidence.end)
        if start < end:
            spans.setdefault((start, end), []).append(number)
    inserts: list[tuple[int, int, str]] = []
    for (start, end), numbers in spans.items():
        label = ",".join(str(n) for n in numbers)
        # Closings sort before openings at the same offset so adjacent spans do not interleave.
        inserts.append((start, 1, f"[[{label}: "))
        inserts.append((end, 0, "]]"))
    out, last = [], 0
    for pos, _order, text in sorted(inserts):
        out.append(body[last:pos])
        out.append(text)
        last = pos
    out.append(body[last:])
    return "".join(out)


def _event_lines(number: int, e: Event, store: Store) -> list[str]:
    head = f"[{number}] {e.type}{'/' + e.mode if e.mode else ''}"
    if e.acled:
        head += f"  ACLED: {e.acled.event_type} / {e.acled.sub_event_type}"
    lines = [head]

    def field(name: str, value: object) -> None:
        if value not in (None, "", ()):
            lines.append(f"    {name:<11} {value}")

    field("actor", _actors(e.actor))
    field("recipient", _actors(e.recipient))
    field("location", _location(e) + (f" [{e.location.precision}]" if e.location else ""))
    if e.date.start:
        span = e.date.start if e.date.end in (None, e.date.start) else f"{e.date.start}..{e.date.end}"
        field("date", f"{span} ({e.date.precision})" + (f" \"{e.date.text}\"" if e.date.text else ""))
    field("quantities", "; ".join(
        f"{q.qualifier + ' ' if q.qualifier else ''}{q.count}{'-' + str(q.count_high) if q.count_high else ''}"
        f" {q.item}{' ' + q.status if q.status else ''}" for q in e.quantities))
    if e.fatalities:
        field("fatalities", ", ".join(f"{name} {n}" for name, n in (
            ("killed", e.fatalities.killed), ("injured", e.fatalities.injured)) if n is not None))
    field("stance", e.attribution.stance + (f" by {e.attribution.source}" if e.attribution.source else ""))
    field("modality", e.modality)
    field("confidence", f"{e.confidence:.2f}")
    if e.scores:
        field("model", render_scores(e.scores))
    field("trigger", e.evidence.trigger)
    field("rule", e.evidence.rule)
    if e.cluster_id:
        sources = store.cluster_sources(e.cluster_id)
        others = len({s.article_id for s in sources} - {e.article_id})
        text = f"{e.cluster_id}"
        if others:
            text += f" ({others} other article{'s' if others != 1 else ''}: {store.describe_cluster(e.cluster_id)})"
        field("cluster", text)
    field("event id", e.event_id)
    return lines


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
        lines += _event_lines(number, e, store)
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
