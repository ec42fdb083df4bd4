"""`newsevents resolve TEXT`: show the actors, places, dates and quantities found in a text,
with the codes each resolves to and the table row or rule that produced it."""

from __future__ import annotations

from pathlib import Path

import click

from .. import lexicon
from ..analyse import parse
from ..options import load_options
from ..records import (
    ActorMention,
    Article,
    DateMention,
    Mentions,
    PlaceMention,
    QuantityMention,
)
from ..resolve import check_totals, resolve
from .common import published_option


def _fmt(value: object) -> str:
    return "-" if value is None else str(value)


def _span(body: str, m: ActorMention | PlaceMention | DateMention | QuantityMention) -> str:
    return f"{body[m.start:m.end]!r:40}"


def _actor_line(m: ActorMention, body: str) -> str:
    a = m.actor
    codes = f"country={_fmt(a.country)} sector={_fmt(a.sector)} kind={_fmt(a.kind)} name={_fmt(a.name)}"
    return f"actor     {_span(body, m)} {codes}  [{m.rule}]"


def _place_line(m: PlaceMention, body: str) -> str:
    p = m.place
    where = f"{p.lat:.4f},{p.lon:.4f}" if p.lat is not None and p.lon is not None else "-"
    codes = (f"name={_fmt(p.name)} country={_fmt(p.country)} admin1={_fmt(p.admin1)} "
             f"precision={p.precision} at={where} geonameid={_fmt(p.geonameid)}")
    return f"place     {_span(body, m)} {codes}  [{m.rule}]"


def _date_line(m: DateMention, body: str) -> str:
    d = m.date
    return f"date      {_span(body, m)} {d.start}..{d.end} precision={d.precision}  [{m.rule}]"


def _quantity_line(m: QuantityMention, body: str) -> str:
    q = m.quantity
    count = f"{q.count}-{q.count_high}" if q.count_high else str(q.count)
    return (f"quantity  {_span(body, m)} count={count} item={q.item} "
            f"status={_fmt(q.status)} qualifier={_fmt(q.qualifier)}  [{m.rule}]")


def render(mentions: Mentions, body: str) -> str:
    """Plain-text table of the mentions, one line each: kind, text, codes, rule."""
    lines = [_actor_line(m, body) for m in mentions.actors]
    lines += [_place_line(m, body) for m in mentions.places]
    lines += [_date_line(m, body) for m in mentions.dates]
    lines += [_quantity_line(m, body) for m in mentions.quantities]
    for check in check_totals(list(mentions.quantities)):
        parts = " + ".join(f"{n} {s}" for s, n in check.parts)
        verdict = "adds up" if check.consistent else "does NOT add up"
        lines.append(f"total     {check.total} {check.item} {check.total_status}: {parts} = "
                     f"{check.parts_sum} ({verdict})")
    return "\n".join(lines) if lines else "no mentions found"


@click.command("resolve")
@click.argument("text")
@published_option("Publication time the relative dates are resolved against, e.g. 2024-11-01T06:04:00-04:00.")
@click.option("--config", "config_path", type=click.Path(exists=True, path_type=Path), default=None,
              help="TOML file with settings.")
@click.option("--model", default=None, help="spaCy pipeline to use (overrides the setting).")
def resolve_command(text: str, published: str | None, config_path: Path | None,
                    model: str | None) -> None:
    """Parse TEXT and print every actor, place, date and quantity found, with its codes and
    the table row or rule that produced it."""
    opts = load_options(config_path, {"spacy_model": model} if model else None)
    # The pipeline chooses the overlay for the stages it runs; this command runs the resolver
    # alone, so it chooses it here (a bad table row fails before the text is parsed).
    lexicon.use_tables_dir(opts.tables_dir)
    doc = next(iter(parse([text], opts.spacy_model, 1)))
    article = Article(id=Article.id_for(text), doc_id="cli", source_uri="cli:", body=text,
                      paragraphs=tuple(p for p in text.split("\n\n") if p), published=published)
    click.echo(render(resolve(doc, article, opts), text))


COMMANDS = [resolve_command]
