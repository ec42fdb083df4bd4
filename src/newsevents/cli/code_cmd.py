"""`newsevents code`: code a sentence or a paragraph and show every field with its words."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..coder import document_label, rank
from ..errors import InputError
from ..ingest import document_from_text
from ..pipeline import process_one
from .common import config_option, model_option, options_from, published_option
from .render import render_event


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
        click.echo(render_event(n, e))
    ctx.exit(0)


COMMANDS = [code]
