"""The quality gate (`make quality`): every metric as a flat key in build/quality.json, checked
against the committed floors in quality-floors.json.

Floors only go up: when a change improves a metric, raise its floor in the same commit.

    python -m newsevents.evaluation.quality [--shared ../shared] [--out build/quality.json]
                                            [--floors quality-floors.json] [--only seed,plover]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

from ..options import Options, load_options
from .gold import read_gold
from .plover import load_plover, plover_metrics
from .runner import fields_per_gold, run_gold, summarise

PROJECT = Path(__file__).resolve().parents[3]


def default_shared() -> Path:
    import os

    return Path(os.environ.get("NEWSEVENTS_SHARED", PROJECT.parent / "shared"))


def _field(report: dict, name: str, key: str = "recall") -> float:
    return report["fields"].get(name, {}).get(key, 0.0)


def seed_metrics(shared: Path, opts: Options) -> dict[str, float]:
    docs = [d for path in sorted((shared / "seed").glob("*.gold.jsonl")) for d in read_gold(path)]
    report = summarise(run_gold(docs, opts))
    return {
        "seed_event_f1": report["events"]["f1"],
        "seed_event_precision": report["events"]["precision"],
        "seed_event_recall": report["events"]["recall"],
        "seed_field_accuracy": report["field_accuracy"],
        # Place and date accuracy: credit over the matched events whose gold gives the field.
        "seed_place_accuracy": _field(report, "location"),
        "seed_date_accuracy": _field(report, "date"),
        "seed_quantity_f1": _field(report, "quantities", "f1"),
        "seed_article_checks": report.get("article", {}).get("accuracy", 0.0),
    }


def plover_gold_metrics(shared: Path, opts: Options) -> dict[str, float]:
    outcomes = run_gold(load_plover(shared / "evaldata" / "plover-gsr" / "PLOVER_GSR_CAMEO.json"), opts)
    report = summarise(outcomes)
    return {**plover_metrics(outcomes), "plover_event_f1": report["events"]["f1"]}


def gold_file_metrics(path: Path, prefix: str, opts: Options) -> dict[str, float]:
    outcomes = run_gold(list(read_gold(path)), opts)
    report = summarise(outcomes)
    labels = report.get("labels", {})
    metrics = {
        f"{prefix}_event_f1": report["events"]["f1"],
        f"{prefix}_field_accuracy": report["field_accuracy"],
        f"{prefix}_label_accuracy": labels.get("accuracy", 0.0),
        f"{prefix}_label_weighted_f1": labels.get("weighted_f1", 0.0),
    }
    if "article" in report:
        metrics[f"{prefix}_article_checks"] = report["article"].get("accuracy", 0.0)
    for field in ("location", "date", "fatalities"):
        if field in report.get("fields", {}):
            metrics[f"{prefix}_{field}_f1"] = _field(report, field, "f1")
    for field, share in fields_per_gold(outcomes, PER_GOLD_FIELDS).items():
        metrics[f"{prefix}_{field}_per_gold"] = share
    return metrics


# The share of the gold coded with the field right (``runner.fields_per_gold``): reported beside
# the per-pair scores, which fall when a match is added whose field is wrong.
PER_GOLD_FIELDS = ("location", "date", "fatalities")


def example_metrics(opts: Options) -> dict[str, float]:
    return gold_file_metrics(PROJECT / "examples" / "gold" / "examples.gold.jsonl", "examples", opts)


def notes_metrics(opts: Options) -> dict[str, float]:
    """Sets of short conflict reports written for this project (examples/gold/notes-*.gold.jsonl),
    scored on the document label (the ACLED sub-event type of the most salient event) and on
    place, date and fatalities: monitor-style notes and agency-style stories the coder was
    developed on, and a held-out set of mixed styles it was not tuned on."""
    gold = PROJECT / "examples" / "gold"
    return {**gold_file_metrics(gold / "notes-monitor.gold.jsonl", "notes_monitor", opts),
            **gold_file_metrics(gold / "notes-agency.gold.jsonl", "notes_agency", opts),
            **gold_file_metrics(gold / "notes-heldout.gold.jsonl", "notes_heldout", opts)}


REALNEWS_KEYS = ("event_precision", "event_recall", "type_accuracy", "acled_accuracy",
                 "duplicate_share", "background_share", "duplicates_per_article",
                 "background_per_article", "location_accuracy", "date_accuracy",
                 "actor_country_accuracy", "recipient_country_accuracy", "all_fields_accuracy",
                 "all_fields_per_gold", "lead_recall")


def realnews_metrics(shared: Path, opts: Options) -> dict[str, float]:
    """Gold coded by hand from real pages under ../shared (examples/gold/realnews-*.gold.jsonl):
    `dev` and `fresh` are tuned on, `test` never. Shares (duplicates, background) are better
    when lower."""
    metrics: dict[str, float] = {}
    for split in ("dev", "fresh", "test"):
        path = PROJECT / "examples" / "gold" / f"realnews-{split}.gold.jsonl"
        if not path.exists():
            continue
        outcomes = run_gold(list(read_gold(path)), opts)
        report = summarise(outcomes)
        rn = report["realnews"]
        metrics.update({f"realnews_{split}_{key}": rn[key] for key in REALNEWS_KEYS})
        for field, share in fields_per_gold(outcomes, ("location", "date")).items():
            metrics[f"realnews_{split}_{field}_per_gold"] = share
        labels = report.get("labels", {})
        metrics[f"realnews_{split}_label_accuracy"] = labels.get("accuracy", 0.0)
    return metrics


ARTICLE_KEYS = ("event_accuracy", "event_auc", "temporal_accuracy", "event_calibration_error")


def corpus_metrics(shared: Path, opts: Options) -> dict[str, float]:
    """The packaged sentence classifier on corpus/heldout (written by a writer who saw no
    training text): event accuracy, PLOVER accuracy, ACLED macro F1, temporal accuracy and
    the calibration error of the event probability (lower is better, not floored); and on
    corpus/heldout-articles, every sentence of whole articles: event accuracy and AUC, temporal
    accuracy, calibration error."""
    from ..classify.corpus import read_split
    from ..classify.model import shared_model
    from ..classify.train import score_examples

    scores = score_examples(shared_model(), read_split(PROJECT / "corpus", "heldout"))
    metrics = {f"corpus_heldout_{k}": v for k, v in scores.items() if k != "n"}
    # Whole articles by a writer who saw no other text: the prose around events (quotes,
    # context, clutter), where the event head is tested the way real pages test it.
    articles = read_split(PROJECT / "corpus", "heldout-articles")
    scores = score_examples(shared_model(), articles)
    metrics.update({f"corpus_articles_{k}": scores[k] for k in ARTICLE_KEYS})
    return metrics


def extraction_metrics(shared: Path, opts: Options) -> dict[str, float]:
    from .extraction_bench import run_all

    return run_all(shared)


def actor_metrics(shared: Path, opts: Options) -> dict[str, float]:
    from .actor_bench import run

    return run(shared)


def code_size_metrics(shared: Path, opts: Options) -> dict[str, float]:
    from .code_size import code_metrics

    return code_metrics()


SUITES: dict[str, Callable[[Path, Options], dict[str, float]]] = {
    "seed": seed_metrics,
    "plover": plover_gold_metrics,
    "examples": lambda shared, opts: example_metrics(opts),
    "notes": lambda shared, opts: notes_metrics(opts),
    "realnews": realnews_metrics,
    "corpus": corpus_metrics,
    "extraction": extraction_metrics,
    "actors": actor_metrics,
    "code": code_size_metrics,
}


def lower_is_better(key: str) -> bool:
    """Shares and per-article counts of bad output (``*_share``, ``*_per_article``: duplicates,
    background coded as news) and code size (``code_*``: the largest function's complexity) are
    capped, not floored: their committed value is a ceiling that only goes down."""
    return key.endswith(("_share", "_per_article")) or key.startswith("code_")


def check_floors(metrics: dict[str, float], floors: dict[str, float]) -> list[str]:
    """Messages for every metric under its floor (over its ceiling, for shares) or missing."""
    failures = []
    for key, floor in sorted(floors.items()):
        if key not in metrics:
            failures.append(f"{key}: missing (floor {floor})")
        elif lower_is_better(key) and metrics[key] - 1e-9 > floor:
            failures.append(f"{key}: {metrics[key]:.4f} is over its ceiling {floor}")
        elif not lower_is_better(key) and metrics[key] + 1e-9 < floor:
            failures.append(f"{key}: {metrics[key]:.4f} is under its floor {floor}")
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=default_shared())
    parser.add_argument("--out", type=Path, default=PROJECT / "build" / "quality.json")
    parser.add_argument("--floors", type=Path, default=PROJECT / "quality-floors.json")
    parser.add_argument("--only", default=",".join(SUITES), help="comma-separated suites")
    parser.add_argument("--config", type=Path, default=None,
                        help="TOML file overriding the packaged settings (README, Settings)")
    args = parser.parse_args(argv)
    if not args.shared.is_dir():
        print(f"error: shared folder {args.shared} not found (set NEWSEVENTS_SHARED)", file=sys.stderr)
        return 2
    opts = load_options(args.config)
    metrics: dict[str, float] = {}
    for name in args.only.split(","):
        started = time.perf_counter()
        metrics.update(SUITES[name](args.shared, opts))
        print(f"{name}: done in {time.perf_counter() - started:.1f}s", file=sys.stderr)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(metrics, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(json.dumps(metrics, indent=2, sort_keys=True))
    floors = json.loads(args.floors.read_text("utf-8"))
    if args.only != ",".join(SUITES):
        floors = {k: v for k, v in floors.items() if k in metrics}
    failures = check_floors(metrics, floors)
    for message in failures:
        print(f"FAIL {message}", file=sys.stderr)
    print(f"quality: {len(floors) - len(failures)} of {len(floors)} floors held", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
