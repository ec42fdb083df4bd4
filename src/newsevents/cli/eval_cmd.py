"""`newsevents eval`: score the pipeline against a gold file (shared/spec/EVENTS.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from ..evaluation.gold import read_gold
from ..evaluation.plover import load_plover, plover_metrics
from ..evaluation.runner import run_gold, summarise
from .common import config_option, model_option, options_from, table


@click.command(name="eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--plover", is_flag=True,
              help="GOLD is the PLOVER gold-standard records file (JSON), converted at run time.")
@click.option("--save-predictions", type=click.Path(dir_okay=False, path_type=Path),
              help="Write one JSON line per document: id, label, article, events.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@config_option
@model_option
def evaluate(gold: Path, plover: bool, save_predictions: Path | None, as_json: bool,
             config_path: Path | None, model: str | None) -> None:
    """Run the pipeline on every document of GOLD and score events, fields, labels and
    extraction."""
    opts = options_from(config_path, model)
    docs = load_plover(gold) if plover else list(read_gold(gold))
    outcomes = run_gold(docs, opts)
    report = summarise(outcomes)
    if plover:
        report["plover"] = plover_metrics(outcomes)
    if save_predictions:
        with save_predictions.open("w", encoding="utf-8") as handle:
            for out in outcomes:
                handle.write(json.dumps(out.prediction_line(), ensure_ascii=False) + "\n")
    click.echo(json.dumps(report, indent=2, ensure_ascii=False) if as_json else render(report))


def render(report: dict[str, Any]) -> str:
    ev = report["events"]
    lines = [
        f"{report['documents']} documents, {ev['gold']} gold events (+{ev['gold_optional']} "
        f"optional), {ev['predicted']} predicted, {ev['matched']} matched",
        "",
        table(["", "precision", "recall", "f1"],
              [["events", f"{ev['precision']:.3f}", f"{ev['recall']:.3f}", f"{ev['f1']:.3f}"]]
              + [[name, f"{f['precision']:.3f}", f"{f['recall']:.3f}", f"{f['f1']:.3f}"]
                 for name, f in report["fields"].items()]),
        "",
        f"field accuracy on matched events: {report['field_accuracy']:.3f}",
    ]
    if "labels" in report:
        lab = report["labels"]
        lines.append(f"document label: accuracy {lab['accuracy']:.3f}, macro F1 "
                     f"{lab['macro_f1']:.3f}, weighted F1 {lab['weighted_f1']:.3f} (n={lab['n']})")
    if "article" in report:
        art = report["article"]
        lines.append(f"extraction checks: {art['passed']}/{art['checks']} passed")
        lines.extend(f"  failed: {name}" for name in art["failed"])
    if report["rejected"]:
        lines.append("rejected: " + ", ".join(f"{k} {v}" for k, v in sorted(report["rejected"].items())))
    for name, value in report.get("plover", {}).items():
        lines.append(f"{name}: {value:.3f}")
    return "\n".join(lines)


COMMANDS = [evaluate]
