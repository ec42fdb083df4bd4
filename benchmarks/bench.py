"""Throughput and memory of the whole pipeline (`make bench` -> build/bench.json).

Corpus: the real pages of the article-extraction benchmark in ../shared (181 pages) plus the
bundled examples, repeated until at least --min-articles documents. Each stage is timed on its own
(ingest, extract, analyse, resolve, code, store) and spaCy alone is timed parsing the same bodies in
the same run, so `ratio_to_bare_spacy` says what our own stages cost on top of the parser. The
extraction HTML path is also timed alone on the benchmark pages, beside plain trafilatura.

    python benchmarks/bench.py [--min-articles 500] [--out build/bench.json]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import resource
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from newsevents.analyse import load_model, parse
from newsevents.coder import code
from newsevents.errors import DocumentRejected
from newsevents.evaluation.extraction_bench import html_throughput
from newsevents.extract import extract
from newsevents.ingest import document_from_text, read_paths
from newsevents.options import load_options
from newsevents.records import RawDocument, Result
from newsevents.resolve import resolve
from newsevents.store import open_store

PROJECT = Path(__file__).resolve().parents[1]


def corpus(shared: Path, min_articles: int, opts) -> list[RawDocument]:
    docs: list[RawDocument] = []
    aeb = shared / "evaldata" / "extraction" / "article-extraction-benchmark" / "html"
    for path in sorted(aeb.glob("*.html.gz")) if aeb.is_dir() else []:
        html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
        docs.append(document_from_text(html, id=path.name.split(".")[0], source_uri=str(path)))
    docs.extend(d for d in read_paths([PROJECT / "examples" / "articles"], opts)
                if isinstance(d, RawDocument))
    if not docs:
        raise SystemExit("no benchmark documents found")
    base = list(docs)
    while len(docs) < min_articles:
        docs.extend(base)
    return docs


def machine() -> dict[str, str | int]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError as exc:
        cpu = f"unknown ({exc.strerror})"
    return {"cpu": cpu, "cores": os.cpu_count() or 0, "python": platform.python_version(),
            "system": platform.platform()}


def run(min_articles: int) -> dict:
    opts = load_options()
    shared = Path(os.environ.get("NEWSEVENTS_SHARED", PROJECT.parent / "shared"))
    seconds: dict[str, float] = defaultdict(float)

    started = time.perf_counter()
    docs = corpus(shared, min_articles, opts)
    seconds["ingest"] = time.perf_counter() - started
    load_model(opts.spacy_model)  # loading is start-up, not throughput

    articles = []
    rejected = 0  # non-English and too-short pages of the benchmark are rejected, as in a real run
    t = time.perf_counter()
    for raw in docs:
        try:
            articles.append(extract(raw, opts))
        except DocumentRejected:
            rejected += 1
    seconds["extract"] = time.perf_counter() - t

    bodies = [a.body for a in articles]
    words = sum(len(b.split()) for b in bodies)
    t = time.perf_counter()
    parsed = list(parse(bodies, opts.spacy_model, opts.batch_size))
    seconds["analyse"] = time.perf_counter() - t

    coded: list[Result] = []
    for article, doc in zip(articles, parsed):
        t = time.perf_counter()
        mentions = resolve(doc, article, opts)
        seconds["resolve"] += time.perf_counter() - t
        t = time.perf_counter()
        events = code(doc, article, mentions, opts)
        seconds["code"] += time.perf_counter() - t
        coded.append(Result(article=article, events=tuple(events)))
    del parsed

    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        with open_store(str(Path(tmp) / "bench.db")) as store:
            run_id = store.start_run(opts, ["bench"])
            for i in range(0, len(coded), opts.batch_size):
                store.write_batch(coded[i:i + opts.batch_size], run_id)
            store.finish_run(run_id, {"documents": len(coded)})
        seconds["store"] = time.perf_counter() - t

    total = sum(seconds.values())
    t = time.perf_counter()
    for _ in load_model(opts.spacy_model).pipe(bodies, batch_size=opts.batch_size):
        pass
    bare = time.perf_counter() - t
    return {
        "documents": len(docs),
        "articles": len(articles),
        "rejected": rejected,
        "words": words,
        "articles_per_s": round(len(docs) / total, 2),
        "words_per_s": round(words / total, 1),
        "extract_pages_per_s": round(len(docs) / seconds["extract"], 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "stage_seconds": {k: round(v, 2) for k, v in seconds.items()},
        "bare_spacy_seconds": round(bare, 2),
        "ratio_to_bare_spacy": round(total / bare, 3) if bare else None,
        "events": sum(len(r.events) for r in coded),
        "model": opts.spacy_model,
        "machine": machine(),
    }


def html_path_throughput() -> dict[str, float]:
    """The extraction HTML path alone on the benchmark pages, in steady state and CPU time of one
    core, timed in rounds beside plain trafilatura on the same pages."""
    shared = Path(os.environ.get("NEWSEVENTS_SHARED", PROJECT.parent / "shared"))
    if not (shared / "evaldata").is_dir():
        return {}
    return {f"html_path_{k}": round(v, 2) for k, v in html_throughput(shared).items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--min-articles", type=int, default=500)
    parser.add_argument("--out", type=Path, default=PROJECT / "build" / "bench.json")
    args = parser.parse_args()
    report = run(args.min_articles)
    report.update(html_path_throughput())
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
