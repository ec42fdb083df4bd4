"""`newsevents extract FILE`: the article as the pipeline sees it (metadata, body paragraphs, and
every dropped part with its reason)."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import DocumentRejected
from ..extract import extract as extract_article
from ..ingest import read_paths
from ..records import Article, Rejected
from .common import config_option, options_from

_METADATA = ("headline", "standfirst", "byline", "agency", "publisher", "published", "language",
             "url", "canonical_url", "fetched")
# Dropped parts are shown cut to this many characters; the full text is in the stored record.
_DROPPED_WIDTH = 100


def format_article(article: Article) -> str:
    lines = [f"article {article.id} (document {article.doc_id})"]
    for name in _METADATA:
        value = getattr(article, name)
        if value:
            lines.append(f"  {name}: {value}")
    for w in article.warnings:
        lines.append(f"  warning: {w.stage}/{w.reason}: {w.message}")
    words = len(article.body.split())
    lines.append(f"  body: {len(article.paragraphs)} paragraphs, {words} words")
    lines.append("")
    for i, paragraph in enumerate(article.paragraphs, 1):
        lines.append(f"[{i}] {paragraph}")
    lines.append("")
    lines.append(f"dropped: {len(article.dropped)}")
    for part in article.dropped:
        text = part.text if len(part.text) <= _DROPPED_WIDTH else part.text[: _DROPPED_WIDTH - 1] + "…"
        detail = f" ({part.detail})" if part.detail else ""
        lines.append(f"  - {part.reason}{detail}: {text}")
    return "\n".join(lines)


@click.command("extract")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@config_option
@click.pass_context
def extract(ctx: click.Context, file: Path, config_path: Path | None) -> None:
    """Show what extraction makes of FILE (.html .htm .html.gz .txt, or each record of .jsonl .warc
    and feed files): metadata, body paragraphs, dropped parts with reasons.

    Exit code 0 when every document gave an article, 1 when one was rejected (reason printed).
    """
    opts = options_from(config_path, None)
    rejected = 0
    for n, item in enumerate(read_paths([file], opts)):
        if n:
            click.echo("")
        if isinstance(item, Rejected):
            rejected += 1
            click.echo(f"rejected {item.doc_id}: {item.stage}/{item.reason}: {item.message}", err=True)
            continue
        try:
            article = extract_article(item, opts, left_out=True)
        except DocumentRejected as exc:
            rejected += 1
            click.echo(f"rejected {item.id}: {exc.stage}/{exc.reason}: {exc.message}", err=True)
            continue
        click.echo(format_article(article))
    ctx.exit(1 if rejected else 0)


COMMANDS = [extract]
