"""Extraction benchmarks over the public sets in ``shared/evaldata/extraction`` (read at run time).

Metrics (all floats, higher is better):
- ``aeb_f1``: Zyte article-extraction-benchmark, HTML path. The benchmark's own metric: tokens are
  regex ``\\w+`` matches, each text is a bag of word 4-gram shingles, per page precision and recall
  come from the multiset overlap, both are averaged over pages, F1 = 2PR/(P+R).
- ``aeb_plaintext_f1``: the same pages rendered to text dumps with all their clutter (every block
  element's text on its own paragraph, nav and footer included), run through the plain-text path.
- ``mediacloud_date_accuracy``: htmldate MediaCloud 2020 set, day of our published date; a gold
  without a date counts as right when we give none.
- ``trafilatura_eval_en_*``: trafilatura's English evaluation pages, segments: "with" found is a
  true positive, "without" absent a true negative; also trafilatura's own score as the baseline.
- ``seed_boilerplate_removed`` / ``seed_body_exact``: the seed story's gold ``article`` object.
- ``extract_pages_per_s``: HTML path throughput on the AEB pages in CPU time of one process, in
  steady state (after a warm-up pass, median of five passes); ``trafilatura_pages_per_s`` the same
  for plain trafilatura (default settings), timed in the same rounds, and
  ``extract_speed_vs_trafilatura`` the median of the rounds' ratios.

Run: ``python -m newsevents.evaluation.extraction_bench [SHARED_DIR]`` prints the JSON.
"""

from __future__ import annotations

import gzip
import json
import math
import os
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import lxml.html
import trafilatura

from ..errors import GoldFileError
from ..extract import extract_parts
from ..records import RawDocument

_TOKEN = re.compile(r"\w+")
_BLOCK_TAGS = frozenset(
    ["address", "article", "aside", "blockquote", "body", "dd", "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "tfoot", "thead", "tr", "ul", "br", "title", "caption", "option", "label", "button"]
)
_SKIP_TAGS = frozenset(["script", "style", "noscript", "template", "svg", "head", "iframe", "object", "select"])


def default_shared() -> Path:
    env = os.environ.get("NEWSEVENTS_SHARED")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3] / ".." / "shared"


# --------------------------------------------------------------------------- metric


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1)))


def shingle_precision_recall(gold: str, predicted: str) -> tuple[float, float]:
    """Per-page precision and recall of word 4-gram shingles (multiset overlap)."""
    g, p = shingles(gold), shingles(predicted)
    tp = sum((g & p).values())
    fp = sum((p - g).values())
    fn = sum((g - p).values())
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall


def macro_f1(pairs: list[tuple[float, float]]) -> float:
    if not pairs:
        return 0.0
    p = sum(x for x, _ in pairs) / len(pairs)
    r = sum(y for _, y in pairs) / len(pairs)
    return 2 * p * r / (p + r) if p + r else 0.0


# --------------------------------------------------------------------------- AEB


def _aeb_dir(shared: Path) -> Path:
    return shared / "evaldata" / "extraction" / "article-extraction-benchmark"


def aeb_pages(shared: Path) -> Iterator[tuple[str, str, str, str]]:
    """(id, url, html, gold body) of every benchmark page."""
    root = _aeb_dir(shared)
    truth = json.loads((root / "ground-truth.json").read_text("utf-8"))
    for key, item in truth.items():
        html = gzip.decompress((root / "html" / f"{key}.html.gz").read_bytes()).decode("utf-8")
        yield key, item.get("url") or "", html, item["articleBody"]


def _body(raw: RawDocument) -> str:
    return "\n\n".join(extract_parts(raw).paragraphs)


def aeb_f1(shared: Path) -> float:
    pairs = [shingle_precision_recall(gold, _body(RawDocument(key, key, "html", html, url=url or None)))
             for key, url, html, gold in aeb_pages(shared)]
    return macro_f1(pairs)


def render_text_dump(html: str) -> str:
    """What copying a whole rendered page into a text file gives: every block's text on its own
    paragraph, menus, footers and link lists included; scripts and styles left out."""
    tree = lxml.html.fromstring(html)
    out: list[str] = []
    line: list[str] = []

    def flush() -> None:
        text = " ".join("".join(line).split())
        if text:
            out.append(text)
        line.clear()

    def walk(node: lxml.html.HtmlElement) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in _SKIP_TAGS or not tag:
            if node.tail:
                line.append(node.tail)
            return
        block = tag in _BLOCK_TAGS
        if block:
            flush()
        if tag in ("td", "th"):
            line.append(" ")  # a copied table row keeps its cells on one line
        if node.text:
            line.append(node.text)
        for child in node:
            walk(child)
        if block:
            flush()
        if node.tail:
            line.append(node.tail)

    walk(tree)
    flush()
    return "\n\n".join(out)


def aeb_plaintext_f1(shared: Path) -> float:
    pairs = []
    for key, _url, html, gold in aeb_pages(shared):
        dump = render_text_dump(html)
        pairs.append(shingle_precision_recall(gold, _body(RawDocument(key, key, "text", dump))))
    return macro_f1(pairs)


# Timed rounds after one untimed pass of each extractor; medians are reported. Each round times our
# HTML path and plain trafilatura back to back, so a slow spell of the machine (a shared virtual
# machine's CPU time varies by +-20 % from minute to minute) weighs on both sides of the ratio.
THROUGHPUT_ROUNDS = 5


def html_throughput(shared: Path, rounds: int = THROUGHPUT_ROUNDS) -> dict[str, float]:
    """Steady-state HTML pages per second of CPU time (one core; other processes on the machine do
    not count), ours and plain ``trafilatura.extract`` (default settings) on the same pages.

    One untimed pass of each first: it loads our tables, trafilatura's and htmldate's lazily built
    settings and dateparser's language data, start-up costs a batch pays once, not per page."""
    pages = [(key, url or None, html) for key, url, html, _ in aeb_pages(shared)]

    def ours() -> None:
        for key, url, html in pages:
            extract_parts(RawDocument(key, key, "html", html, url=url))

    def theirs() -> None:
        for _key, url, html in pages:
            trafilatura.extract(html, url=url)

    def rate(one_pass: Callable[[], None]) -> float:
        start = time.process_time()
        one_pass()
        return len(pages) / (time.process_time() - start)

    ours()
    theirs()
    timed = [(rate(ours), rate(theirs)) for _ in range(rounds)]
    return {
        "extract_pages_per_s": statistics.median(a for a, _ in timed),
        "trafilatura_pages_per_s": statistics.median(b for _, b in timed),
        "extract_speed_vs_trafilatura": statistics.median(a / b for a, b in timed),
    }


# --------------------------------------------------------------------------- dates


def mediacloud_date_accuracy(shared: Path) -> float:
    root = shared / "evaldata" / "extraction" / "htmldate-mediacloud-2020"
    items = json.loads((root / "eval_mediacloud_2020.json").read_text("utf-8"))
    right = 0
    for url, item in items.items():
        html = (root / "html" / item["file"]).read_bytes().decode("utf-8", errors="replace")
        parts = extract_parts(RawDocument(item["file"], url, "html", html, url=url))
        day = parts.published[:10] if parts.published else None
        gold = item.get("date")
        has_gold = isinstance(gold, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", gold) is not None
        right += (day == gold) if has_gold else (day is None)
    return right / len(items) if items else math.nan


# --------------------------------------------------------------------------- trafilatura eval


def _segment_counts(text: str, with_: list[str], without: list[str]) -> tuple[int, int, int, int]:
    tp = sum(1 for s in with_ if s in text)
    fn = len(with_) - tp
    fp = sum(1 for s in without if s in text)
    tn = len(without) - fp
    return tp, fn, fp, tn


def _prf(tp: int, fn: int, fp: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def trafilatura_eval_en(shared: Path, baseline: bool = False) -> dict[str, float]:
    """Segment precision/recall/F of our HTML path (or of plain trafilatura with ``baseline``)."""
    root = shared / "evaldata" / "extraction" / "trafilatura-eval-en"
    items = json.loads((root / "evaldata-en.json").read_text("utf-8"))
    totals = [0, 0, 0, 0]
    for url, item in items.items():
        html = (root / "html" / item["file"]).read_bytes().decode("utf-8", errors="replace")
        if baseline:
            text = trafilatura.extract(html, url=url) or ""
        else:
            text = "\n".join(extract_parts(RawDocument(item["file"], url, "html", html, url=url)).paragraphs)
        counts = _segment_counts(text, item.get("with", []), item.get("without", []))
        totals = [a + b for a, b in zip(totals, counts)]
    p, r, f = _prf(totals[0], totals[1], totals[2])
    name = "trafilatura_eval_en_baseline" if baseline else "trafilatura_eval_en"
    return {f"{name}_precision": p, f"{name}_recall": r, f"{name}_f1": f}


# --------------------------------------------------------------------------- seed


def _seed_case(shared: Path) -> tuple[RawDocument, dict[str, object]] | None:
    seed = shared / "seed"
    for gold_path in sorted(seed.glob("*.gold.jsonl")):
        text_path = gold_path.with_name(gold_path.name.removesuffix(".gold.jsonl") + ".txt")
        for line in gold_path.read_text("utf-8").splitlines():
            record = json.loads(line)
            if record.get("article") and text_path.exists():
                raw = RawDocument(text_path.stem, str(text_path), "text", text_path.read_text("utf-8"))
                return raw, record["article"]
    return None


def seed_boilerplate_removed(shared: Path) -> float:
    case = _seed_case(shared)
    if case is None:
        return math.nan
    raw, gold = case
    body = _body(raw)
    phrases = gold.get("boilerplate_must_not_appear", [])
    if not isinstance(phrases, list):
        raise GoldFileError("seed gold: 'boilerplate_must_not_appear' must be a list")
    return sum(1 for p in phrases if p not in body) / len(phrases) if phrases else 1.0


def seed_body_exact(shared: Path) -> float:
    case = _seed_case(shared)
    if case is None:
        return math.nan
    raw, gold = case
    body = _body(raw)
    ok = body.startswith(str(gold["body_starts_with"])) and body.endswith(str(gold["body_ends_with"]))
    return 1.0 if ok else 0.0


def run_all(shared: Path) -> dict[str, float]:
    results: dict[str, float] = {
        "aeb_f1": aeb_f1(shared),
        "aeb_plaintext_f1": aeb_plaintext_f1(shared),
        "mediacloud_date_accuracy": mediacloud_date_accuracy(shared),
        "seed_boilerplate_removed": seed_boilerplate_removed(shared),
        "seed_body_exact": seed_body_exact(shared),
    }
    results.update(html_throughput(shared))
    results.update(trafilatura_eval_en(shared))
    results.update(trafilatura_eval_en(shared, baseline=True))
    return {k: round(v, 4) for k, v in results.items()}


def main(argv: list[str]) -> int:
    shared = Path(argv[1]) if len(argv) > 1 else default_shared()
    if not (shared / "evaldata").is_dir():
        sys.stderr.write(f"no evaldata under {shared}; give the shared directory as argument\n")
        return 2
    json.dump(run_all(shared), sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
