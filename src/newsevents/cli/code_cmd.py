"""`newsevents code`: code a sentence or a paragraph and show every field with its words."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..coder import document_label, rank
from ..errors import InputError
from ..ingest import document_from_text
from ..pipeline import process_one
from ..records import Actor, Article, Event
from .common import config_option, model_option, options_from, published_option


@click.command()
@click.argument("text")
@published_option("Publication time the relative dates resolve against, e.g. 2024-11-01T06:04-04:00.")
@click.option("--json", "as_json", is_flag=True, help="Print the events as JSON lines.")
@config_option
@model_option
@click.pass_context
def code(ctx: click.Context, text: str, published: str | None, as_json: bool,
         config_path: Path | None, model: str | None) -> None:
    """Code TEXT (a sentence or a paragraph) and print its events, most salient first.

    Each field is followed by the words of the text that support it. Exit code 0 when the text
    was coded (with or without events), 1 when it was rejected, 2 on a usage error.
    """
    if not text.strip():
        raise click.UsageError("TEXT is empty")
    # a single sentence is a legitimate input here, so the article-length floor is lifted
    opts = options_from(config_path, model).replace(min_words=1)
    result = process_one(document_from_text(text, published=published), opts)
    if result.rejected is not None:
        r = result.rejected
        click.echo(f"rejected at {r.stage}: {r.reason}: {r.message}", err=True)
        ctx.exit(1)
    if result.article is None:
        raise InputError("the pipeline returned neither an article nor a rejection")
    events = rank(list(result.events))
    if as_json:
        for e in events:
            click.echo(json.dumps(e.to_dict(), ensure_ascii=False, sort_keys=True))
        ctx.exit(0)
    click.echo(f"document label: {document_label(events)}   events: {len(events)}")
    for n, e in enumerate(events, start=1):
        click.echo("")
        click.echo(render_event(n, e, result.article))
    ctx.exit(0)


def _actor(a: Actor) -> str:
    coded = " ".join(x for x in (a.country, a.sector, a.kind) if x) or "uncoded"
    name = f" = {a.name}" if a.name and a.name != a.text else ""
    return f'"{a.text}"{name} [{coded}]'


def _actors(actors: tuple[Actor, ...]) -> str:
    return "; ".join(_actor(a) for a in actors) if actors else "-"


def render_event(n: int, e: Event, article: Article) -> str:
    """One event as labelled lines: field value, then the supporting words in quotes."""
    ev = e.evidence
    sentence = article.body[ev.start:ev.end]
    marked = sentence.replace(ev.trigger, f"[{ev.trigger}]", 1) if ev.trigger else sentence
    acled = f"{e.acled.event_type} / {e.acled.sub_event_type}" if e.acled else "- (outside ACLED scope)"
    loc = e.location
    where = "-"
    if loc is not None:
        parts = [x for x in (loc.name, loc.admin1, loc.country) if x]
        where = f'"{loc.text}" = {", ".join(parts)} ({loc.precision})'
    d = e.date
    when = f"{d.start}..{d.end} ({d.precision})" if d.start else "unknown"
    when += f' "{d.text}"' if d.text else (" (publication day: no date words)" if d.start else "")
    qty = "; ".join(f'{q.count}{"-" + str(q.count_high) if q.count_high else ""} {q.item} '
                    f'{q.status or ""} {q.qualifier or ""} "{q.text}"'.replace("  ", " ")
                    for q in e.quantities) or "-"
    fat = "-" if e.fatalities is None else \
        f"killed {e.fatalities.killed}, injured {e.fatalities.injured}"
    att = e.attribution
    source = f' by "{att.source}"' if att.source else ""
    if att.source_actor is not None:
        source += f" [{' '.join(x for x in (att.source_actor.country, att.source_actor.sector) if x)}]"
    lines = [
        f"#{n} {e.type}{'/' + e.mode if e.mode else ''}   ACLED: {acled}",
        f"  trigger:     \"{ev.trigger}\"  (rule {ev.rule})",
        f"  actor:       {_actors(e.actor)}",
        f"  recipient:   {_actors(e.recipient)}",
        f"  location:    {where}",
        f"  date:        {when}",
        f"  quantities:  {qty}",
        f"  fatalities:  {fat}",
        f"  attribution: {att.stance}{source}",
        f"  modality:    {e.modality}",
        f"  contexts:    {', '.join(e.contexts) or '-'}",
        f"  confidence:  {e.confidence:.2f}   salience: {e.salience:.2f}   id: {e.event_id}",
        f"  model:       {render_scores(e.scores)}",
        f"  evidence:    {marked} [{ev.start}:{ev.end}]",
    ]
    return "\n".join(lines)


def render_scores(scores: dict[str, object] | None) -> str:
    """The classifier's probabilities in one line: event, then each head's most likely class."""
    if not scores:
        return "- (the sentence model did not run)"
    parts = [f"event {scores['event']:.2f}"]
    for head in ("plover", "acled", "temporal"):
        probs = scores.get(head) or {}
        if isinstance(probs, dict) and probs:
            best = max(probs, key=probs.__getitem__)
            parts.append(f"{head} {best} {probs[best]:.2f}")
    return "; ".join(parts)


COMMANDS = [code]
