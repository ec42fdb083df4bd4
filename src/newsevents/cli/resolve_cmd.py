"""`newsevents resolve TEXT`: show the actors, places, dates and quantities found in a text,
with the codes each resolves to and the table row or rule that produced it."""

from __future__ import annotations

from pathlib import Path

import click

from ..analyse import parse
from ..options import load_options
from ..records import Article, Mentions
from ..resolve import check_totals, resolve
from .common import published_option


def _fmt(value: object) -> str:
    return "-" if value is None else str(value)


def render(mentions: Mentions, body: str) -> str:
    """Plain-text table of the mentions, one line each: kind, text, codes, rule."""
    lines: list[str] = []
    for m in mentions.actors:
        a = m.actor
        codes = f"country={_fmt(a.country)} sector={_fmt(a.sector)} kind={_fmt(a.kind)} name={_fmt(a.name)}"
        lines.append(f"actor     {body[m.start:m.end]!r:40} {codes}  [{m.rule}]")
    for m in mentions.places:
        p = m.place
        where = f"{p.lat:.4f},{p.lon:.4f}" if p.lat is not None and p.lon is not None else "-"
        codes = (f"name={_fmt(p.name)} country={_fmt(p.country)} admin1={_fmt(p.admin1)} "
                 f"precision={p.precision} at={where} geonameid={_fmt(p.geonameid)}")
        lines.append(f"place     {body[m.start:m.end]!r:40} {codes}  [{m.rule}]")
    for m in mentions.dates:
        d = m.date
        lines.append(f"date      {body[m.start:m.end]!r:40} {d.start}..{d.end} precision={d.precision}"
                     f"  [{m.rule}]")
    for m in mentions.quantities:
        q = m.quantity
        count = f"{q.count}-{q.count_high}" if q.count_high else str(q.count)
        lines.append(f"quantity  {body[m.start:m.end]!r:40} count={count} item={q.item} "
                     f"status={_fmt(q.status)} qualifier={_fmt(q.qualifier)}  [{m.rule}]")
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
    doc = next(iter(parse([text], opts.spacy_model, 1)))
    article = Article(id=Article.id_for(text), doc_id="cli", source_uri="cli:", body=text,
                      paragraphs=tuple(p for p in text.split("\n\n") if p), published=published)
    click.echo(render(resolve(doc, article, opts), text))


COMMANDS = [resolve_command]
