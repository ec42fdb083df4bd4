"""The vocabulary tables: word lists (actor_words.tsv, coder_words.tsv, count_words.tsv,
place_words.tsv, date_words.tsv), the number words of relative dates (date_numbers.tsv), the
ordered count qualifiers (count_qualifiers.tsv), the irregular plurals (irregular_plurals.tsv)
and property tables (sector_codes.tsv, plover_types.tsv, pair_nouns.tsv). Each loads and is
checked at load time (a bad row fails naming its file and line), the rules read them by name, and
an overlay row changes what a rule reads."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.language import Language

from newsevents import lexicon
from newsevents.analyse import load_model
from newsevents.lexicon import tables as lexicon_tables
from newsevents.lexicon.catalog import BODIES, WORD_LISTS
from newsevents.options import load_options
from newsevents.records import PLOVER_TYPES, SECTORS
from newsevents.resolve import date_scan, dates, place_scan
from newsevents.resolve.actor_groups import is_minority
from newsevents.resolve.actors import resolve_actor
from newsevents.resolve.places import _searchable_state
from newsevents.resolve.quantities import parse_quantities
from newsevents.resolve.words import singular

VOCABULARY = ("actor_words.tsv", "coder_words.tsv", "count_words.tsv", "count_qualifiers.tsv",
              "irregular_plurals.tsv", "sector_codes.tsv", "plover_types.tsv", "pair_nouns.tsv",
              "split_states.tsv", "place_words.tsv", "date_words.tsv", "date_numbers.tsv")
WORD_READERS: dict[str, Callable[[str], frozenset[str]]] = {
    "actor_words.tsv": lexicon.actor_words, "coder_words.tsv": lexicon.coder_words,
    "count_words.tsv": lexicon.count_words, "place_words.tsv": lexicon.place_words,
    "date_words.tsv": lexicon.date_words}


def _overlay(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, "utf-8")
    return folder


def _header(name: str) -> str:
    return "\t".join(lexicon.SCHEMAS[name].header) + "\n"


@pytest.mark.parametrize("name", VOCABULARY)
def test_each_vocabulary_table_loads(name: str) -> None:
    assert lexicon.Lexicon().rows(name)


@pytest.mark.parametrize("table", sorted(WORD_LISTS))
def test_every_declared_word_list_has_words(table: str) -> None:
    read = WORD_READERS[table]
    for name in WORD_LISTS[table]:
        assert read(name), f"{table}: list {name} is empty"


def test_the_month_list_holds_the_english_month_names_and_abbreviations() -> None:
    """It stood in the code as calendar's names (English locale) and their abbreviations."""
    names = [m.lower() for m in calendar.month_name if m]
    abbreviations = [m.lower() for m in calendar.month_abbr if m]
    assert lexicon.count_words("month") == {*names, *abbreviations,
                                            *(a + "." for a in abbreviations), "sept", "sept."}


# The sets that stood in resolve/place_scan.py, places.py, date_scan.py and dates.py before they
# became tables: the tables hold exactly these words.
OLD_PLACE_WORDS = {
    "place-noun": {"town", "city", "village", "port", "district", "province", "region", "suburb",
                   "outskirts", "capital", "county", "department", "state"},
    "vague-region": {"north", "south", "east", "west", "northern", "southern", "eastern",
                     "western", "central", "centre", "center", "est", "nord", "sud", "ouest",
                     "capital", "coast", "coastal", "upper", "lower", "lakes", "islands",
                     "interior", "sahel", "sahara", "maghreb", "levant", "caucasus", "balkans",
                     "northeast", "northwest", "southeast", "southwest", "littoral", "north east",
                     "north west", "south east", "south west", "far north", "far west"},
    "water": {"sea", "gulf", "ocean", "lake", "lakes", "lac", "bay", "strait", "river"},
}
_OLD_FIRST_WORDS = (
    "between|from|ever|since|in|during|until|by|of|early|earlier|late|later|mid|on|last|next|"
    "this|the|end|start|beginning|at|over|past|coming|previous|overnight|yesterday|today|"
    "tomorrow|tonight|one|two|three|four|five|six|seven|eight|nine|ten|several|a|"
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec|"
    "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday")
OLD_DATE_WORDS = {
    "day-before": {"day before", "previous", "earlier"},
    "day-after": {"following", "next", "day after", "day later"},
    "month": {m.lower() for m in calendar.month_name if m},
    "month-abbreviation": {m.lower() for m in calendar.month_abbr if m and m != "May"} | {"sept"},
    "weekday": {d.lower() for d in calendar.day_name},
}
OLD_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                    "eight": 8, "nine": 9, "ten": 10, "a": 1, "an": 1, "several": 3, "few": 3,
                    "a few": 3, "couple of": 2, "a couple of": 2}


@pytest.mark.parametrize("name", sorted(OLD_PLACE_WORDS))
def test_the_place_lists_hold_the_words_that_stood_in_the_code(name: str) -> None:
    assert lexicon.place_words(name) == OLD_PLACE_WORDS[name]


@pytest.mark.parametrize("name", sorted(OLD_DATE_WORDS))
def test_the_date_lists_hold_the_words_that_stood_in_the_code(name: str) -> None:
    assert lexicon.date_words(name) == OLD_DATE_WORDS[name]


def test_the_date_scan_starts_where_it_used_to() -> None:
    """The lookahead's words are the list first-word with the months, their abbreviations and
    the weekdays: those of the alternation that stood in the code, and the words that open the
    part of a month added since ("toward the middle of March")."""
    words = (lexicon.date_words("first-word") | lexicon.date_words("month")
             | lexicon.date_words("month-abbreviation") | lexicon.date_words("weekday"))
    assert words == {w.lower() for w in _OLD_FIRST_WORDS.split("|")} | {"middle", "toward", "towards"}


def test_date_numbers_hold_the_counts_that_stood_in_the_code() -> None:
    assert dict(lexicon.date_numbers()) == OLD_NUMBER_WORDS


@pytest.mark.parametrize("text,found", [
    ("on Sept. 3 and on Sep. 4", ["Sept. 3", "Sep. 4"]),
    ("walking at 6:38 p.m. on Saturday, May 18.", ["on Saturday, May 18"]),
    ("The talks ended last Friday evening, 3 November 2024.", ["last Friday evening", "3 November 2024"]),
    ("in MAY 2023, a few days ago", ["in MAY 2023", "a few days ago"]),
    ("Mar. 3 and March 4", ["Mar. 3", "March 4"]),
    ("talks at the end of August, after a decade ago", ["at the end of August", "a decade ago"]),
])
def test_the_date_pattern_built_from_the_tables_finds_dates(text: str, found: list[str]) -> None:
    assert [m.group(0) for m in date_scan.date_pattern().finditer(text)] == found


def test_count_qualifiers_keep_their_order_and_the_first_match_wins() -> None:
    qualifiers = lexicon.count_qualifiers()
    assert qualifiers[:2] == ((("a", "total", "of"), None), (("at", "least"), "at least"))
    phrases = [words for words, _ in qualifiers]
    assert phrases.index(("estimated",)) < phrases.index(("an", "estimated"))
    assert {q for _, q in qualifiers} == {None, "at least", "more than", "up to", "about"}


def test_irregular_plurals_give_the_singular_the_lookups_use() -> None:
    assert lexicon.irregular_plurals()["men"] == "man"
    assert [singular(w) for w in ("Women", "police", "authorities", "militias")] == [
        "woman", "police", "authority", "militia"]


def test_an_undeclared_list_or_property_is_a_programming_error() -> None:
    with pytest.raises(KeyError, match=r"no word list of actor_words\.tsv"):
        lexicon.actor_words("leaders")
    with pytest.raises(KeyError, match=r"no column of sector_codes\.tsv"):
        lexicon.sector_codes("armd")


def test_every_plover_type_and_sector_has_its_row() -> None:
    lx = lexicon.Lexicon()
    assert set(lx.table("plover_types.tsv").column("type")) == set(PLOVER_TYPES)
    codes = lx.table("sector_codes.tsv")
    fields = dict(zip(codes.column("code"), codes.column("field"), strict=True))
    assert {c for c, f in fields.items() if f == "sector"} == set(SECTORS)
    # the codes the tables accept in an actor's country besides countries.tsv's
    assert lexicon.sector_codes("non_state_actor") == set(BODIES)


def test_lists_that_looked_alike_are_distinct_properties() -> None:
    """The sets the rules used to keep under one name disagreed; each reading has its column."""
    assert lexicon.plover_types("verbal") - lexicon.plover_types("addressee") == {"CONCEDE"}
    assert lexicon.sector_codes("armed") - lexicon.sector_codes("combatant") == {"CRM"}
    assert lexicon.sector_codes("armed_or_state") - lexicon.sector_codes("armed") == {"GOV", "IMG"}
    assert lexicon.sector_codes("no_territory") - lexicon.sector_codes("non_state_actor") == {"MNC"}
    assert lexicon.sector_codes("non_state_actor") - lexicon.sector_codes("placeless") == {"IMG"}
    assert lexicon.pair_nouns("as_phrase") & lexicon.pair_nouns("as_head") >= {"nation", "country"}


# --------------------------------------------------------------------------- load-time checks


@pytest.mark.parametrize("name,row,message", [
    ("sector_codes.tsv", "XYZ\tsome body\tcountry\tno\tno\tmaybe" + "\tno" * 8,
     "column armed: 'maybe' is not one of no, yes"),
    ("sector_codes.tsv", "XYZ\tsome body\tplace" + "\tno" * 11,
     "column field: 'place' is not one of country, sector"),
    ("sector_codes.tsv", "xy\tsome body\tcountry" + "\tno" * 11,
     "column code: 'xy' is not a sector code"),
    ("plover_types.tsv", "ASSAULT" + "\tyes" * 17 + "\tY\tno\tno", "column model_detects: 'Y' is not one of"),
    ("plover_types.tsv", "ATTACK" + "\tno" * 20, "column type: 'ATTACK' is not one of"),
    ("pair_nouns.tsv", "duo\tyes\tsometimes", "column as_head: 'sometimes' is not one of no, yes"),
    ("actor_words.tsv", "leaders\tboss", "column list: 'leaders' is not one of"),
    ("coder_words.tsv", "weekday", "expected 2 tab-separated cells"),
    ("split_states.tsv", "north\tKOR\tNKR", "column half: 'NKR' is not a iso3 of countries.tsv"),
    ("count_words.tsv", "months\tsept", "column list: 'months' is not one of"),
    ("count_qualifiers.tsv", "At  least\tat least", "column words: 'At  least' is not lowercase words"),
    ("count_qualifiers.tsv", "upwards of", "expected 2 tab-separated cells"),
    ("irregular_plurals.tsv", "oxen\tthe ox", "column singular: 'the ox' is not one lowercase word"),
    ("place_words.tsv", "places\thamlet", "column list: 'places' is not one of"),
    ("date_words.tsv", "weekdays\tmon", "column list: 'weekdays' is not one of"),
    ("date_numbers.tsv", "a handful\tfive", "column value: 'five' is not a whole number"),
])
def test_a_bad_vocabulary_row_fails_at_load_naming_file_and_line(tmp_path: Path, name: str, row: str,
                                                                 message: str) -> None:
    folder = _overlay(tmp_path / "mine", name, f"# mine\n{_header(name)}{row}\n")
    with pytest.raises(lexicon.TableError) as err:
        lexicon.Lexicon(folder).check_all()
    assert str(err.value).startswith(f"{folder / name}:3: ")
    assert message in str(err.value)


# --------------------------------------------------------------------------- overlays


def test_an_overlay_row_can_change_a_property(tmp_path: Path) -> None:
    row = "CRM\tcriminals\tsector\tno\tyes" + "\tno" * 9 + "\n"
    folder = _overlay(tmp_path / "mine", "sector_codes.tsv", _header("sector_codes.tsv") + row)
    lx = lexicon.Lexicon(folder)
    crm = [r for r in lx.rows("sector_codes.tsv") if r.get(0) == "CRM"]
    assert [r.ref for r in crm] == ["mine/sector_codes.tsv:2"]


def test_an_overlay_word_changes_a_rules_reading(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """"the former prime minister" is of the elites, not the government (the list ``former``);
    an overlay row adds "disgraced" to the list, and the rule reads it so too."""
    phrase = "the disgraced prime minister"
    packaged = resolve_actor(phrase)
    assert packaged is not None and packaged.actor.sector == "GOV"
    folder = _overlay(tmp_path / "mine", "actor_words.tsv",
                      _header("actor_words.tsv") + "former\tdisgraced\n")
    monkeypatch.setattr(lexicon_tables, "_active", lexicon.Lexicon(folder))
    assert "disgraced" in lexicon.actor_words("former")
    overlaid = resolve_actor(phrase)
    assert overlaid is not None and overlaid.actor.sector == "ELI"
    assert any(re.search(r"\+former$", rule) for rule in overlaid.rules)


def _use(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    monkeypatch.setattr(lexicon_tables, "_active", lexicon.Lexicon(folder))


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_model(load_options().spacy_model)


def test_an_overlay_qualifier_qualifies_a_count(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                nlp: Language) -> None:
    """"upwards of 40 people" is a plain count of 40; a count_qualifiers.tsv row in the overlay
    makes it "more than" 40 (a new phrase is tried after the packaged ones)."""
    doc = nlp("Upwards of 40 people were killed in the attack.")
    assert [m.quantity.qualifier for m in parse_quantities(doc)] == [None]
    _use(monkeypatch, _overlay(tmp_path / "mine", "count_qualifiers.tsv",
                               _header("count_qualifiers.tsv") + "upwards of\tmore than\n"))
    assert lexicon.count_qualifiers()[-1] == (("upwards", "of"), "more than")
    [mention] = parse_quantities(doc)
    assert mention.quantity.qualifier == "more than" and mention.quantity.count == 40
    assert mention.rule.startswith("qualifier:upwards of+")


def test_an_overlay_qualifier_row_keeps_the_place_of_the_phrase_it_replaces(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    packaged = lexicon.count_qualifiers()
    _use(monkeypatch, _overlay(tmp_path / "mine", "count_qualifiers.tsv",
                               _header("count_qualifiers.tsv") + "over\tabout\n"))
    overlaid = lexicon.count_qualifiers()
    at = packaged.index((("over",), "more than"))
    assert overlaid[at] == (("over",), "about") and overlaid[:at] == packaged[:at]


def test_overlay_rows_change_the_minority_and_plural_readings(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert not is_minority(["albanian", "diaspora"], 0, 1)
    assert singular("criteria") == "criteria"
    folder = _overlay(tmp_path / "mine", "actor_words.tsv",
                      _header("actor_words.tsv") + "minority\tdiaspora\n")
    _overlay(folder, "irregular_plurals.tsv", _header("irregular_plurals.tsv") + "criteria\tcriterion\n")
    _use(monkeypatch, folder)
    assert is_minority(["albanian", "diaspora"], 0, 1)
    assert singular("criteria") == "criterion"


# --------------------------------------------------------------------------- ACLED tables


def test_weapon_modes_rank_the_most_specific_first_and_map_to_acled_codes() -> None:
    modes = lexicon.weapon_modes()
    assert modes[0] == "suicide-attack" and modes.index("grenade") < modes.index("explosives")
    assert "abduct" not in modes  # a trigger row's mode, never a weapon word's
    acled_codes = set(lexicon.Lexicon().table("acled.tsv").column("code"))
    assert set(lexicon.mode_acled().values()) <= acled_codes
    assert lexicon.mode_acled()["heavy-weapons"] == "shell" and "firearms" not in lexicon.mode_acled()


@pytest.mark.parametrize("name,row,message", [
    ("modes.tsv", "laser\tfirst\t", "column rank: 'first' is not a whole number"),
    ("modes.tsv", "laser\t11\tzap", "column acled: 'zap' is not a code of acled.tsv"),
    ("classes.tsv", "weapon\tlaser\tlasers", "column value: 'lasers' is no mode of modes.tsv"),
])
def test_a_bad_mode_row_fails_at_load(tmp_path: Path, name: str, row: str, message: str) -> None:
    folder = _overlay(tmp_path / "mine", name, f"{_header(name)}{row}\n")
    with pytest.raises(lexicon.TableError, match=re.escape(message)):
        lexicon.Lexicon(folder).check_all()


def test_acled_sub_types_carry_their_salience_weight_and_riot_property() -> None:
    weights = lexicon.acled_weights()
    assert weights["Armed clash"] == weights["Mob violence"] == 2.0
    assert weights["Peaceful protest"] == 1.5 and weights["Arrests"] == 1.0
    assert lexicon.acled_sub_types("riot") == {"Violent demonstration", "Mob violence"}
    # the store's filters still read event type -> sub-event types from the same table
    from newsevents.store.filters import acled_types
    assert acled_types()["Riots"] == ("Mob violence", "Violent demonstration")


def test_a_bad_acled_type_row_fails_at_load(tmp_path: Path) -> None:
    folder = _overlay(tmp_path / "mine", "acled_types.tsv",
                      _header("acled_types.tsv") + "Riots\tLooting spree\thigh\tyes\tno\n")
    with pytest.raises(lexicon.TableError, match="column weight: 'high' is not a number"):
        lexicon.Lexicon(folder).check_all()


def test_code_sets_the_rules_read_are_table_properties() -> None:
    """The sets that stood in the code as tuples and unions are columns now."""
    assert lexicon.sector_codes("acronym_group") == {"REB", "MIL"}
    assert lexicon.sector_codes("former_elite") == {"GOV", "MIL"}
    assert lexicon.plover_types("negated_reject") - lexicon.plover_types("future_agree") == {"AGREE"}
    assert {"RETREAT", "CONCEDE"} <= lexicon.plover_types("future_agree")
    assert lexicon.plover_types("absorbing") - lexicon.plover_types("tells_noun") == {"CONSULT"}
    assert lexicon.plover_types("addresses_home") == lexicon.plover_types("domestic") | {"PROTEST"}


def test_the_country_filter_names_the_non_state_codes_of_the_sector_table() -> None:
    from newsevents.errors import InputError
    from newsevents.store.filters import country_code, non_state_codes

    assert non_state_codes() == ("IGO", "NGO", "IMG")
    assert country_code("country", "igo") == "IGO"
    with pytest.raises(InputError) as err:
        country_code("country", "Atlantis")
    assert str(err.value).endswith(
        "or a name (Ukraine); IGO, NGO, IMG name intergovernmental, non-governmental bodies and "
        "international militant groups")


# --------------------------------------------------------------------------- place and date words


def test_overlay_rows_change_the_place_readings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                nlp: Language) -> None:
    """"the hamlet of X" names a place once "hamlet" is a place noun; a region named "Blue
    Marsh" is no longer looked up by its name once "marsh" is a water word."""
    doc = nlp("Gunmen attacked the hamlet of Ndele.")
    span = doc[5:6]
    assert not place_scan._named_as_place(span) and _searchable_state("Blue Marsh")
    _use(monkeypatch, _overlay(tmp_path / "mine", "place_words.tsv",
                               _header("place_words.tsv") + "place-noun\thamlet\nwater\tmarsh\n"))
    assert place_scan._named_as_place(span) and not _searchable_state("Blue Marsh")


def test_an_overlay_row_changes_a_date_reading(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """"the day prior" is the day told before it once "prior" moves a day back; "a handful of
    days ago" counts five once date_numbers.tsv has "a handful"."""
    assert date_scan._shift("the day prior") == 0 and dates._count("a handful") is None
    folder = _overlay(tmp_path / "mine", "date_words.tsv",
                      _header("date_words.tsv") + "day-before\tprior\n")
    _overlay(folder, "date_numbers.tsv", _header("date_numbers.tsv") + "a handful\t5\n")
    _use(monkeypatch, folder)
    assert date_scan._shift("the day prior") == -1 and dates._count("a handful") == 5


def test_weapons_the_text_must_name_are_a_table_property() -> None:
    assert lexicon.acled_sub_types("named_weapon") == {"Chemical weapon", "Suicide bomb"}
