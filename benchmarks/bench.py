"""Throughput and memory of the whole pipeline in 1 and 2 processes (`make bench` -> build/bench.json).

Corpus: the real pages under ../shared/evaldata/extraction (about 560: the article-extraction
benchmark, trafilatura's English pages, the htmldate MediaCloud set) plus the bundled examples,
repeated up to --min-articles documents. Each copy gets an HTML comment of its own, so its
content hash differs and the run really processes it (a plain repeat would be skipped as stored).

Each configuration runs in a fresh Python process, as `newsevents process` would: the stages, the
store writer (a temporary SQLite file) and the pool, so the peak memory of every process is its
own. Stages are timed where they run (inside the workers with --processes 2), nested timers
counting each second once: extract (find the parts, publisher memory, acceptance checks), parse
(spaCy), resolve, code (rules), classifier (the learned sentence model, when it is installed),
store (the single writer). spaCy alone is then timed parsing the distinct bodies the run stored,
in one process, and scaled to the words the run coded: `ratio_to_bare_spacy` is the run's wall
time over that.

    python benchmarks/bench.py [--min-articles 2000] [--processes 1 2] [--out build/bench.json]
    python benchmarks/bench.py --quick     # 40 documents, for a smoke test
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSEVENTS_SHARED", PROJECT.parent / "shared"))


# ------------------------------------------------------------------ corpus

def _pages() -> list[tuple[str, str]]:
    """(name, text) of every benchmark page and bundled example, in a fixed order."""
    pages: list[tuple[str, str]] = []
    root = SHARED / "evaldata" / "extraction"
    for path in sorted(root.glob("*/html/*")) if root.is_dir() else []:
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        pages.append((f"{path.parent.parent.name}/{path.name}", data.decode("utf-8", errors="replace")))
    for path in sorted((PROJECT / "examples" / "articles").iterdir()):
        if path.suffix in {".txt", ".html"}:
            pages.append((f"examples/{path.name}", path.read_text(encoding="utf-8")))
    if not pages:
        raise SystemExit("no benchmark pages found (set NEWSEVENTS_SHARED)")
    return pages


def documents(count: int) -> Iterator[Any]:
    """``count`` RawDocuments, streamed: the pages, then copies of them."""
    from newsevents.ingest import document_from_text

    pages = _pages()
    for n in range(count):
        copy, (name, text) = divmod(n, len(pages))[0], pages[n % len(pages)]
        mark = f"\n<!-- bench copy {copy} -->\n" if "<html" in text[:2000].lower() else f"\n\n[{copy}]"
        yield document_from_text(text + (mark if copy else ""), id=f"{name}#{copy}",
                                 source_uri=f"bench:{name}#{copy}")


# ------------------------------------------------------------------ stage timers

_SECONDS: dict[str, float] = defaultdict(float)
_STACK: list[float] = []  # time spent in nested timed calls, per open timer
_DUMP: dict[str, str] = {}


def _timed(stage: str, fn: Callable[..., Any], materialise: bool = False) -> Callable[..., Any]:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        _STACK.append(0.0)
        start = time.perf_counter()
        try:
            out = fn(*args, **kwargs)
            return list(out) if materialise else out  # a generator is timed while it runs
        finally:
            elapsed = time.perf_counter() - start
            inner = _STACK.pop()
            _SECONDS[stage] += elapsed - inner
            if _STACK:
                _STACK[-1] += elapsed
            elif "path" in _DUMP:
                _dump()

    return wrapper


def instrument(dump_dir: str | None = None) -> None:
    """Wrap each stage's function in a timer (in this process; a pool runs this in each worker)."""
    import newsevents.analyse
    import newsevents.coder
    import newsevents.extract
    import newsevents.resolve
    import newsevents.runner

    if dump_dir:
        _DUMP["path"] = str(Path(dump_dir) / f"{os.getpid()}.json")
    for module, name, stage in ((newsevents.extract, "extract_parts", "extract"),
                                (newsevents.extract, "apply_memory", "extract"),
                                (newsevents.extract, "article_from_parts", "extract"),
                                (newsevents.resolve, "resolve", "resolve"),
                                (newsevents.coder, "code", "code"),
                                (newsevents.runner, "_write", "store")):
        setattr(module, name, _timed(stage, getattr(module, name)))
    newsevents.analyse.parse = _timed("parse", newsevents.analyse.parse, materialise=True)
    try:  # the learned sentence classifier, where this version has one
        from newsevents.classify.model import SentenceModel
    except ImportError:
        return
    SentenceModel.predict = _timed("classifier", SentenceModel.predict)


def _dump() -> None:
    Path(_DUMP["path"]).write_text(json.dumps({"seconds": _SECONDS, "peak_rss_mb": _peak_mb()}))


def _peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


# ------------------------------------------------------------------ one configuration

def run_config(processes: int, min_articles: int) -> dict[str, Any]:
    """One run of the whole pipeline into a temporary store, as `process --workers N` runs."""
    from newsevents.analyse import load_model
    from newsevents.options import load_options
    from newsevents.runner import process_into_store
    from newsevents.store import open_store
    from newsevents.workers import ProcessPool

    opts = load_options()
    with tempfile.TemporaryDirectory() as tmp:
        dumps = Path(tmp) / "timings"
        dumps.mkdir()
        instrument()
        pool = None
        if processes > 1:
            pool = ProcessPool(processes, initializer=_worker_start, initargs=(str(dumps), opts.spacy_model))
            # Start-up (spawning, loading spaCy and the gazetteer) is not throughput: one
            # small task per worker loads everything before the clock starts.
            for task in [pool.submit(_warm, opts.spacy_model) for _ in range(processes * 2)]:
                pool.result(task)
        else:
            _warm(opts.spacy_model)
        load_model(opts.spacy_model)
        db = str(Path(tmp) / "bench.db")
        with open_store(db) as store:
            run_id = store.start_run(opts, ["bench"])
            started = time.perf_counter()
            process_into_store(documents(min_articles), opts, store, run_id, workers=pool)
            wall = time.perf_counter() - started
            if pool is not None:
                pool.close()
            store.finish_run(run_id, {})
            facts = _stored_facts(store)
        seconds = defaultdict(float, _SECONDS)
        workers = []
        for path in sorted(dumps.glob("*.json")):
            found = json.loads(path.read_text())
            workers.append(found["peak_rss_mb"])
            for stage, value in found["seconds"].items():
                seconds[stage] += value
    return {"processes": processes, "wall_seconds": round(wall, 2), **facts,
            "stage_seconds": {k: round(seconds.get(k, 0.0), 2)
                              for k in ("extract", "parse", "resolve", "code", "classifier", "store")},
            "peak_rss_mb_main": _peak_mb(), "peak_rss_mb_workers": workers}


def _worker_start(dump_dir: str, model: str) -> None:
    instrument(dump_dir)


def _warm(model: str) -> None:
    """Load what a worker needs (spaCy, the gazetteer, the dictionaries) by coding one article."""
    from newsevents.ingest import document_from_text
    from newsevents.options import load_options
    from newsevents.pipeline import process_one

    text = (PROJECT / "examples" / "articles" / "daily-meridian-2025-02-10-kherson-shelling.txt").read_text("utf-8")
    process_one(document_from_text(text, id="warm"), load_options().replace(spacy_model=model))
    _SECONDS.clear()  # the warm-up is not part of the run's stage times


def _stored_facts(store: Any) -> dict[str, Any]:
    db = store.db
    documents_in = db.fetchone("SELECT COUNT(*) FROM article_docs")[0]
    rejected = db.fetchone("SELECT COUNT(*) FROM rejected")[0]
    words = 0
    for body, copies in db.fetchall("SELECT a.body, COUNT(*) FROM articles a JOIN article_docs d"
                                    " ON d.article_id = a.id GROUP BY a.id, a.body"):
        words += len(body.split()) * copies
    distinct = db.fetchone("SELECT COUNT(*) FROM articles")[0]
    events = db.fetchone("SELECT COUNT(*) FROM events")[0]
    return {"articles": documents_in, "distinct_articles": distinct, "rejected": rejected,
            "words": words, "events": events}


def bare_spacy(min_articles: int) -> dict[str, Any]:
    """spaCy alone on the distinct bodies a run stores (extracted once, untimed), scaled to the
    corpus by words."""
    from newsevents.analyse import load_model
    from newsevents.errors import DocumentRejected
    from newsevents.extract import extract
    from newsevents.ingest import document_from_text
    from newsevents.options import load_options

    opts = load_options()
    bodies = []
    for name, text in _pages():
        try:
            bodies.append(extract(document_from_text(text, id=name), opts).body)
        except DocumentRejected:
            continue
    nlp = load_model(opts.spacy_model)
    for _ in nlp.pipe(bodies[:8]):
        pass  # first-batch allocations are start-up
    started = time.perf_counter()
    for _ in nlp.pipe(bodies, batch_size=opts.batch_size):
        pass
    seconds = time.perf_counter() - started
    words = sum(len(b.split()) for b in bodies)
    return {"bare_spacy_seconds_distinct": round(seconds, 2), "bare_spacy_words_distinct": words,
            "bare_spacy_words_per_s": round(words / seconds, 1)}


# ------------------------------------------------------------------ report

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
            "system": platform.platform(), "load_average_at_start": " ".join(f"{x:.2f}" for x in os.getloadavg())}


def _in_child(args: list[str]) -> dict[str, Any]:
    out = subprocess.run([sys.executable, __file__, *args], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def report(min_articles: int, processes: list[int]) -> dict[str, Any]:
    from newsevents.options import load_options

    opts = load_options()
    result: dict[str, Any] = {"machine": machine(), "model": opts.spacy_model, "batch_size": opts.batch_size,
                              "parse_filter": opts.parse_filter, "documents": min_articles}
    result["bare"] = bare = _in_child(["--child-bare", str(min_articles)])
    runs = []
    for n in processes:
        run = _in_child(["--child-run", str(n), str(min_articles)])
        bare_seconds = run["words"] / bare["bare_spacy_words_per_s"]
        run.update({
            "articles_per_s": round(run["articles"] / run["wall_seconds"], 2),
            "documents_per_s": round(result["documents"] / run["wall_seconds"], 2),
            "words_per_s": round(run["words"] / run["wall_seconds"], 1),
            "bare_spacy_seconds_same_words": round(bare_seconds, 2),
            "ratio_to_bare_spacy": round(run["wall_seconds"] / bare_seconds, 3),
        })
        runs.append(run)
        print(json.dumps(run), file=sys.stderr)
    result["runs"] = runs
    if len(runs) > 1:
        result["speedup"] = round(runs[-1]["articles_per_s"] / runs[0]["articles_per_s"], 2)
    return result


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--child-run":
        print(json.dumps(run_config(int(sys.argv[2]), int(sys.argv[3]))))
        return 0
    if len(sys.argv) > 1 and sys.argv[1] == "--child-bare":
        print(json.dumps(bare_spacy(int(sys.argv[2]))))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--min-articles", type=int, default=2000)
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--quick", action="store_true", help="40 documents: checks the bench runs")
    parser.add_argument("--html-path", action="store_true",
                        help="also time the extraction HTML path alone beside plain trafilatura")
    parser.add_argument("--out", type=Path, default=PROJECT / "build" / "bench.json")
    args = parser.parse_args()
    result = report(40 if args.quick else args.min_articles, args.processes)
    if args.html_path:
        from newsevents.evaluation.extraction_bench import html_throughput

        result.update({f"html_path_{k}": round(v, 2) for k, v in html_throughput(SHARED).items()})
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
