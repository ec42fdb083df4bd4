"""The extraction benchmark's metric and text-dump renderer, on small cases; the seed metrics on
the shared seed when present."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newsevents.evaluation.extraction_bench import (
    aeb_f1,
    default_shared,
    html_throughput,
    macro_f1,
    render_text_dump,
    seed_body_exact,
    seed_boilerplate_removed,
    shingle_precision_recall,
    shingles,
)


def test_shingles_are_word_4grams() -> None:
    bag = shingles("one two, three four five")
    assert bag == {("one", "two", "three", "four"): 1, ("two", "three", "four", "five"): 1}
    # Texts under four words make a single short shingle, as in the benchmark.
    assert shingles("just two") == {("just", "two"): 1}


def test_precision_recall_from_multiset_overlap() -> None:
    gold = "a b c d e f"
    assert shingle_precision_recall(gold, gold) == (1.0, 1.0)
    p, r = shingle_precision_recall(gold, "a b c d e f x y z")
    assert r == 1.0 and p == pytest.approx(3 / 6)
    p, r = shingle_precision_recall(gold, "a b c d")
    assert p == 1.0 and r == pytest.approx(1 / 3)
    assert shingle_precision_recall(gold, "") == (0.0, 0.0)


def test_repeated_shingles_count_once_each() -> None:
    p, r = shingle_precision_recall("a b c d", "a b c d a b c d")
    assert r == 1.0 and p < 1.0


def test_macro_f1_averages_pages_first() -> None:
    assert macro_f1([(1.0, 1.0), (0.5, 0.5)]) == pytest.approx(0.75)
    assert macro_f1([]) == 0.0


def test_text_dump_keeps_clutter_one_block_per_paragraph() -> None:
    html = ("<html><head><title>T</title><style>p{}</style></head><body><nav><a>Home</a> | <a>News</a></nav>"
            "<p>First <b>bold</b> paragraph.</p><script>var x=1;</script><div>Second</div>"
            "<footer>Contact</footer></body></html>")
    assert render_text_dump(html).split("\n\n") == ["Home | News", "First bold paragraph.", "Second", "Contact"]


def _shared() -> Path:
    shared = default_shared()
    if not (shared / "seed").is_dir():
        pytest.skip("shared seed data not available")
    return shared


def test_seed_metrics() -> None:
    shared = _shared()
    assert seed_boilerplate_removed(shared) == 1.0
    assert seed_body_exact(shared) == 1.0


_PAGE = """<html><head><title>Ferry service resumes | Harbour Post</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav><article><h1>Ferry service resumes</h1>
<p>The island ferry sailed again on Tuesday morning after engineers replaced a damaged propeller
shaft that had kept the vessel in dock for nine days.</p>
<p>About two hundred passengers, most of them commuters and school pupils, crossed on the first
sailing, and the operator said the full timetable would run from Wednesday.</p>
<p>Sign up for our free newsletter to get the latest news in your inbox.</p>
</article><footer>Copyright Harbour Post</footer></body></html>"""
_BODY = ("The island ferry sailed again on Tuesday morning after engineers replaced a damaged propeller "
         "shaft that had kept the vessel in dock for nine days.\n\nAbout two hundred passengers, most of "
         "them commuters and school pupils, crossed on the first sailing, and the operator said the full "
         "timetable would run from Wednesday.")


def _mini_shared(tmp_path: Path) -> Path:
    root = tmp_path / "evaldata" / "extraction" / "article-extraction-benchmark"
    (root / "html").mkdir(parents=True)
    (root / "html" / "p1.html.gz").write_bytes(gzip.compress(_PAGE.encode("utf-8")))
    (root / "ground-truth.json").write_text(json.dumps({"p1": {"url": "", "articleBody": _BODY}}))
    return tmp_path


def test_aeb_f1_on_a_page_of_our_own(tmp_path: Path) -> None:
    # The newsletter box inside the article element is dropped, so the body matches the gold exactly.
    assert aeb_f1(_mini_shared(tmp_path)) == 1.0


def test_html_throughput_reports_both_extractors_and_their_ratio(tmp_path: Path) -> None:
    result = html_throughput(_mini_shared(tmp_path), rounds=1)
    assert set(result) == {"extract_pages_per_s", "trafilatura_pages_per_s", "extract_speed_vs_trafilatura"}
    assert result["extract_pages_per_s"] > 0 and result["trafilatura_pages_per_s"] > 0
    ratio = result["extract_pages_per_s"] / result["trafilatura_pages_per_s"]
    assert result["extract_speed_vs_trafilatura"] == pytest.approx(ratio)
