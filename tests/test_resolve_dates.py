"""Date resolution against the publication time: the case table tests/cases/dates.tsv (one test
per row) and the scan of running text."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsevents.resolve.dates import resolve_date

CASES = Path(__file__).parent / "cases" / "dates.tsv"


def _rows() -> list[tuple[int, list[str]]]:
    rows = []
    for number, line in enumerate(CASES.read_text("utf-8").splitlines(), start=1):
        if line.startswith("#") or not line.strip():
            continue
        rows.append((number, line.split("\t")))
    return rows


def test_case_table_size() -> None:
    assert len(_rows()) >= 80


@pytest.mark.parametrize("line,fields", _rows(), ids=lambda v: str(v) if isinstance(v, int) else None)
def test_date_case(line: int, fields: list[str]) -> None:
    text, published, start, end, precision = fields
    span = resolve_date(text, None if published == "-" else published)
    if start == "-":
        if precision == "-":
            assert span is None, f"line {line}: {span}"
        else:
            assert span is not None and span.precision == precision and span.start is None
        return
    assert span is not None, f"line {line}: {text!r} not resolved"
    assert (span.start, span.end, span.precision) == (start, end, precision), f"line {line}: {span}"


def test_publication_zone_decides_the_day() -> None:
    # 01:30 on Friday in Tokyo is still Thursday in UTC: "today" is the Friday.
    span = resolve_date("today", "2024-11-01T01:30:00+09:00")
    assert span is not None and span.start == "2024-11-01"
