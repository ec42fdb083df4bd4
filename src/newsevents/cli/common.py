"""Small helpers shared by the commands: options from flags, plain-text tables."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click

from ..ingest.published import read_published
from ..options import Options, load_options

config_option = click.option(
    "--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
    help="TOML file overriding the packaged defaults (see README, Settings).")
model_option = click.option("--model", default=None, help="spaCy pipeline to use (spacy_model).")


def _read_published(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    date = read_published(value)
    if date.iso is None:
        why = date.warning.message if date.warning else f"{value!r} is empty"
        raise click.BadParameter(f"{why.replace('; left empty', '')}; give a day such as 2024-11-01, "
                                 "2024-11-01T06:04-04:00, 'Fri, 01 Nov 2024 06:04:00 GMT' or 'yesterday'")
    if date.warning is not None:
        click.echo(f"note: {date.warning.message}", err=True)
    return date.iso


def published_option(help_text: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``--published``, read as a JSONL ``published`` field is read (ISO 8601, RFC 2822, written
    or relative dates); a value that names no day is a usage error (exit 2)."""
    return click.option("--published", default=None, metavar="DATE", callback=_read_published, help=help_text)


def options_from(config_path: Path | None, model: str | None) -> Options:
    return load_options(config_path, {"spacy_model": model} if model else None)


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """A plain, fixed-width table; numbers right-aligned. Plain text so output is stable to test."""
    cells = [[("" if v is None else str(v)) for v in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    numeric = [all(_is_number(r[i]) for r in cells) and bool(cells) for i in range(len(headers))]

    def line(values: Sequence[str]) -> str:
        parts = [v.rjust(w) if num else v.ljust(w)
                 for v, w, num in zip(values, widths, numeric, strict=True)]
        return "  ".join(parts).rstrip()

    out = [line(list(headers)), line(["-" * w for w in widths])]
    out.extend(line(r) for r in cells)
    return "\n".join(out)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
