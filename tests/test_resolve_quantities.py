"""Counts, items and statuses: the case table tests/cases/quantities.tsv (one test per row),
number words, and the parts-of-a-whole check."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsevents.analyse import load_model
from newsevents.options import load_options
from newsevents.records import Quantity
from newsevents.resolve.quantities import check_totals, number_value, parse_quantities

CASES = Path(__file__).parent / "cases" / "quantities.tsv"


def _rows() -> list[tuple[int, str, str]]:
    rows = []
    for number, line in enumerate(CASES.read_text("utf-8").splitlines(), start=1):
        if line.startswith("#") or not line.strip():
            continue
        sentence, expected = line.split("\t")
        rows.append((number, sentence, expected))
    return rows


@pytest.fixture(scope="module")
def nlp():
    return load_model(load_options().spacy_model)


def _expected(spec: str) -> list[tuple[int, int | None, str | None, str | None, str | None]]:
    if spec.strip() == "-":
        return []
    out = []
    for part in spec.split(" ; "):
        count, high, item, status, qualifier = (None if f == "-" else f for f in part.split(","))
        out.append((int(count), int(high) if high else None, item, status, qualifier))
    return out


def test_case_table_size() -> None:
    assert len(_rows()) >= 80


@pytest.mark.parametrize("line,sentence,expected", _rows(),
                         ids=lambda v: str(v) if isinstance(v, int) else None)
def test_quantity_case(nlp, line: int, sentence: str, expected: str) -> None:
    got = [m.quantity for m in parse_quantities(nlp(sentence))]
    want = _expected(expected)
    # Expected rows with item "-" only say a count is there, not what it counts.
    pairs = list(zip(want, got))
    assert len(got) >= len(want), f"line {line}: got {got}"
    for (count, high, item, status, qualifier), q in pairs:
        assert q.count == count, f"line {line}: {q}"
        assert q.count_high == high, f"line {line}: {q}"
        if item is not None:
            assert q.item == item, f"line {line}: {q}"
            assert q.status == status, f"line {line}: {q}"
            assert q.qualifier == qualifier, f"line {line}: {q}"
    if not want:
        assert got == [], f"line {line}: {got}"


@pytest.mark.parametrize("text,value", [
    ("10,000", 10000), ("48", 48), ("forty-eight", 48), ("three", 3), ("1.5", 1.5),
    ("ninety-one", 91), ("twelve", 12), ("abc", None),
])
def test_number_value(text: str, value: float | None) -> None:
    assert number_value(text) == value


def test_parts_add_up_to_the_whole() -> None:
    qs = [Quantity(48, "drone", "launched"), Quantity(31, "drone", "intercepted"),
          Quantity(14, "drone", "jammed"), Quantity(3, "drone", "diverted")]
    (check,) = check_totals(qs)
    assert check.total == 48 and check.parts_sum == 48 and check.consistent


def test_parts_that_do_not_add_up_are_flagged() -> None:
    qs = [Quantity(40, "drone", "launched"), Quantity(31, "drone", "intercepted"),
          Quantity(14, "drone", "jammed")]
    (check,) = check_totals(qs)
    assert check.parts_sum == 45 and not check.consistent


def test_no_check_without_parts() -> None:
    assert check_totals([Quantity(3, "missile", "launched"), Quantity(1, "missile", "intercepted")]) == []


def test_zero_casualties_name_their_phrase(nlp) -> None:
    (mention,) = parse_quantities(nlp("Nobody was hurt when the roof fell in."))
    q = mention.quantity
    assert (q.count, q.item, q.status, q.qualifier) == (0, "person", "injured", None)
    assert mention.rule.startswith("zero:nobody:quantity_phrases.tsv:")
    assert q.text == "Nobody was hurt"


def test_year_is_not_counted_but_the_count_after_it_is(nlp) -> None:
    got = [m.quantity for m in parse_quantities(nlp(
        "Under a 2018 ceasefire deal, 300 fighters were released."))]
    assert [(q.count, q.item, q.status) for q in got] == [(300, "fighter", "released")]


@pytest.mark.parametrize("sentence,number,reason", [
    ("Fighting began in 2015 and never stopped.", "2015", "year"),
    ("Talks resume on 3 November in Geneva.", "3", "date"),
    ("Callers can dial 0800 for help.", "0800", "code"),
    ("The blast came at 06:04 local time.", "06:04", "code"),  # a leading zero: code first
    ("The blast came at 6:04 local time.", "6:04", "time"),
    ("Callers can dial 555 1234 for help.", "555", "code"),
    ("Prices rose 12 percent in March.", "12", "percent"),
    ("Flight 370 vanished over the sea.", "370", "label"),
    ("The bank pledged $5 million in aid.", "5", "currency"),
    ("Rebels freed 30 hostages.", "30", None),
    ("The victim lived at 2250 Harbor View Road.", "2250", "address"),
    ("Shots were fired in the 300 block of Elm Street.", "300", "address"),
    ("A man aged 52 was arrested.", "52", "age"),
    ("Police named the suspect as John Carter, 41, of Leeds.", "41", "age"),
    ("The blast hit a nine-storey tower.", "nine", "measure"),
    ("The team is on a 3-1-2 run.", "3", "code"),
    ("Militants killed 14 people in the raid.", "14", None),
])
def test_why_a_number_counts_nothing(nlp, sentence: str, number: str, reason: str | None) -> None:
    from newsevents.resolve.quantity_rules import not_a_count

    doc = nlp(sentence)
    i = next(t.i for t in doc if t.text == number)
    assert not_a_count(doc, i, None) == reason


def test_digit_groups_joined_by_dashes_are_a_code(nlp) -> None:
    # spaCy cuts "12-345-678" at its dashes; a tokenizer that keeps it whole still gets a code.
    from spacy.tokens import Doc

    from newsevents.resolve.quantity_rules import not_a_count

    doc = Doc(nlp.vocab, words=["Dial", "12-345-678", "now"])
    assert not_a_count(doc, 1, None) == "code"
