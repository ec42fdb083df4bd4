"""The extraction benchmark's metric and text-dump renderer, on small cases; the seed metrics on
the shared seed when present."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsevents.evaluation.extraction_bench import (
    default_shared,
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
