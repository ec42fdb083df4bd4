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
    if "realnews" in report:
        lines.extend(_render_realnews(report["realnews"]))
    for name, value in report.get("plover", {}).items():
        lines.append(f"{name}: {value:.3f}")
    return "\n".join(lines)


def _render_realnews(rn: dict[str, Any]) -> list[str]:
    causes = ", ".join(f"{k} {v}" for k, v in rn["false_positives_by_cause"].items()) or "none"
    return [
        "",
        f"real-news scores ({rn['predicted']} predicted, {rn['predicted_background_marked']} "
        f"marked background and set aside):",
        f"  events: precision {rn['event_precision']:.3f}, recall {rn['event_recall']:.3f}; "
        f"duplicates {rn['duplicate_share']:.3f}, background as current "
        f"{rn['background_share']:.3f} of the rest",
        f"  type {rn['type_accuracy']:.3f}, ACLED sub-type {rn['acled_accuracy']:.3f} "
        f"(events paired by evidence alone)",
        f"  place {rn['location_accuracy']:.3f}, date {rn['date_accuracy']:.3f}, actor country "
        f"{rn['actor_country_accuracy']:.3f}, recipient country "
        f"{rn['recipient_country_accuracy']:.3f}, all five fields {rn['all_fields_accuracy']:.3f}",
        f"  headline and lead events found: {rn['lead_recall']:.3f}",
        f"  false positives on tempting sentences, by cause: {causes}",
    ]


COMMANDS = [evaluate]
