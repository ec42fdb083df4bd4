"""Gazetteer lookups: the case table tests/cases/places.tsv (one test per row), the seed story's
places, and the region centre rule."""

from __future__ import annotations

import pytest

from case_tables import case_rows
from newsevents.geo import haversine_km as km
from newsevents.resolve.places import get_gazetteer


def _rows() -> list[tuple[int, list[str]]]:
    # Trailing empty columns may be left out of a row: pad to the table's eight.
    return [(number, (fields + [""] * 8)[:8]) for number, fields in case_rows("places.tsv")]


TOLERANCE_KM = {"city": 40, "point": 40, "admin2": 100, "admin1": 150, "country": 1500}


@pytest.fixture(scope="module")
def gazetteer():
    return get_gazetteer()


def test_case_table_is_large_and_varied() -> None:
    rows = _rows()
    assert len(rows) >= 150
    countries = {fields[3] for _, fields in rows if fields[3]}
    assert len(countries) >= 50


@pytest.mark.parametrize("line,fields", _rows(), ids=lambda v: str(v) if isinstance(v, int) else None)
def test_place_case(gazetteer, line: int, fields: list[str]) -> None:
    text, context, admin1, country, precision, exp_admin1, lat, lon = fields
    countries = [c for c in context.split(",") if c]
    place = gazetteer.lookup(text, countries=countries, admin1=admin1 or None)
    if precision == "unknown":
        # unknown: no place, or one with no country and no coordinates (a macro-region)
        assert place is None or (place.country is None and place.lat is None
                                 and place.precision == "unknown"), \
            f"line {line}: {text!r} should be unknown, got {place}"
        return
    assert place is not None, f"line {line}: {text!r} not found"
    assert place.country == country, f"line {line}: {place}"
    assert place.precision == precision, f"line {line}: {place}"
    if exp_admin1 and exp_admin1 != "-":
        assert place.admin1 == exp_admin1, f"line {line}: {place}"
    if lat and lon:
        assert place.lat is not None and place.lon is not None
        distance = km(place.lat, place.lon, float(lat), float(lon))
        assert distance <= TOLERANCE_KM[precision], f"line {line}: {distance:.0f} km off: {place}"


@pytest.mark.parametrize("text,countries,name,admin1", [
    ("Moscow", (), "Moscow", None),
    ("Poltava region", ("UKR",), "Poltava Oblast", "Poltava"),
    ("Cherkasy region", ("UKR",), "Cherkasy Oblast", "Cherkasy"),
    ("Kyiv region", ("UKR",), "Kyiv Oblast", "Kyiv"),
    ("Odesa region", ("UKR",), "Odesa Oblast", "Odesa"),
    ("Bryansk region", ("RUS",), "Bryansk Oblast", "Bryansk"),
    ("Stavropol region", ("RUS",), "Stavropol Krai", "Stavropol"),
    ("Crimean Peninsula", ("RUS", "UKR"), None, "Crimea"),
])
def test_seed_places(gazetteer, text: str, countries: tuple[str, ...], name: str | None,
                     admin1: str | None) -> None:
    place = gazetteer.lookup(text, countries=countries)
    assert place is not None
    assert place.lat is not None and place.lon is not None
    if name is not None:
        assert place.name == name
    if admin1 is not None:
        assert place.admin1 == admin1
        assert place.precision == "admin1"
        assert place.feature == "ADM1"


def test_region_centre_is_not_a_town_in_it(gazetteer) -> None:
    region = gazetteer.lookup("Poltava region", countries=["UKR"])
    town = gazetteer.lookup("Poltava", countries=["UKR"])
    assert region is not None and town is not None
    # the oblast's centre lies away from its capital, and well inside the oblast
    assert 5 < km(region.lat, region.lon, town.lat, town.lon) < 120


def test_context_country_decides_between_namesakes(gazetteer) -> None:
    assert gazetteer.lookup("Tripoli", countries=["LBN"]).country == "LBN"
    assert gazetteer.lookup("Tripoli", countries=["LBY"]).country == "LBY"


def test_unknown_name_is_none(gazetteer) -> None:
    assert gazetteer.lookup("Qwzxlandia") is None


SCAN_TEXT = ("Reading the statement aloud, the spokesman said the FLA had attacked the town. "
             "Police said the blast in Split hurt four people. "
             "Drones later struck Kharkiv's Kyivskyi district and the city of Kherson, "
             "and shells fell in northern Syria and in the Sahel.")


@pytest.fixture(scope="module")
def scanned():
    from newsevents.analyse import load_model
    from newsevents.options import load_options
    from newsevents.resolve.place_scan import scan_places

    doc = load_model(load_options().spacy_model)(SCAN_TEXT)
    mentions = scan_places(doc, get_gazetteer(), ["UKR"])
    return {SCAN_TEXT[m.start:m.end]: m for m in mentions}


def test_scan_skips_codes_and_common_words(scanned) -> None:
    texts = set(scanned)
    assert not {"Reading", "FLA", "Police"} & texts, texts


def test_scan_keeps_a_common_word_used_as_a_place(scanned) -> None:
    split = next(m for t, m in scanned.items() if t == "Split")
    assert split.place.country == "HRV"


def test_scan_places_a_district_through_its_city(scanned) -> None:
    district = next(m for t, m in scanned.items() if "Kyivskyi" in t)
    assert district.place.country == "UKR" and district.place.admin1 == "Kharkiv"
    assert "part-of" in district.rule


def test_scan_locates_parts_and_keeps_unknown_areas(scanned) -> None:
    assert any(m.place.country == "UKR" and m.place.name == "Kherson" for m in scanned.values())
    assert any(m.place.country == "SYR" for m in scanned.values())
    sahel = [m for t, m in scanned.items() if "Sahel" in t]
    assert all(m.place.precision == "unknown" for m in sahel)


@pytest.mark.parametrize("text, name, country", [
    ("Gunmen fired on a market in Port-au-Prince on Monday.", "Port-au-Prince", "HTI"),
    ("A drone hit an oil depot in Ivano-Frankivsk overnight.", "Ivano-Frankivsk", "UKR"),
])
def test_scan_reads_a_hyphened_name_whole(text: str, name: str, country: str) -> None:
    from newsevents.analyse import load_model
    from newsevents.options import load_options
    from newsevents.resolve.place_scan import scan_places

    doc = load_model(load_options().spacy_model)(text)
    found = {text[m.start:m.end]: m.place for m in scan_places(doc, get_gazetteer(), [])}
    assert name in found and found[name].country == country, found


def test_places_and_actor_groups_import_at_top_level_only() -> None:
    # The gazetteer needs nothing of the actor readings, so actor_groups imports places at the
    # top and no import hides inside a function to get round a circle.
    import ast
    import inspect

    from newsevents.resolve import actor_groups, places

    for module in (places, actor_groups):
        tree = ast.parse(inspect.getsource(module))
        nested = [node.lineno for fn in ast.walk(tree)
                  if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef))
                  for node in ast.walk(fn) if isinstance(node, (ast.Import, ast.ImportFrom))]
        assert nested == [], f"{module.__name__} imports inside functions at lines {nested}"
    imported = {node.module for node in ast.walk(ast.parse(inspect.getsource(places)))
                if isinstance(node, ast.ImportFrom)}
    assert "actor_groups" not in imported
