"""Reading the case tables under tests/cases: one tab-separated case a line, `#` comments."""

from __future__ import annotations

from pathlib import Path

CASES_DIR = Path(__file__).parent / "cases"


def case_rows(name: str) -> list[tuple[int, list[str]]]:
    """(line number, fields) of every case in tests/cases/NAME; the line number names the case."""
    rows = []
    for number, line in enumerate((CASES_DIR / name).read_text("utf-8").splitlines(), start=1):
        if line.startswith("#") or not line.strip():
            continue
        rows.append((number, line.split("\t")))
    return rows
