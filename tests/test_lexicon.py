"""The lexicon: every packaged table loads and passes its checks; a bad row fails at load time
naming its file and line; overlays add and replace rows; and the worked example of
docs/tables.md (a new trigger and a new actor through an overlay) codes its sentence."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from newsevents import lexicon
from newsevents.coder.tables import load_tables
from newsevents.lexicon import tables as lexicon_tables
from newsevents.lexicon.conditions import Condition, parse_when
from newsevents.provenance import data_tables_hash

ROOT = Path(__file__).resolve().parents[1]
DOC = (ROOT / "docs" / "tables.md").read_text("utf-8")
TRIGGER_HEADER = "lemma\tpos\ttype\tmode\tacled\tcontexts\twhen\tactor\trecipient\n"


def _overlay(folder: Path, **tables: str) -> Path:
    folder.mkdir(exist_ok=True)
    for name, text in tables.items():
        (folder / f"{name}.tsv").write_text(text, "utf-8")
    return folder


# --------------------------------------------------------------------------- packaged tables


def test_every_packaged_table_loads_and_passes_its_checks() -> None:
    lx = lexicon.Lexicon()
    lx.check_all()
    assert all(lx.rows(name) for name in lexicon.SCHEMAS)


@pytest.mark.parametrize("name", sorted(lexicon.SCHEMAS))
def test_every_table_file_has_its_header_and_a_section_in_the_docs(name: str) -> None:
    schema = lexicon.SCHEMAS[name]
    text = resources.files("newsevents.data").joinpath(schema.folder, name).read_text("utf-8")
    first = next(line for line in text.splitlines() if line.strip() and not line.startswith("#"))
    assert tuple(first.split("\t")) == schema.header
    assert f"**`{name}`**" in DOC
    for column in schema.header:
        assert f"| `{column}` |" in DOC


def test_every_tsv_under_data_has_a_schema() -> None:
    data = Path(str(resources.files("newsevents.data")))
    assert {p.name for p in data.rglob("*.tsv")} == set(lexicon.SCHEMAS)


def test_rows_keep_their_file_and_line() -> None:
    rows = lexicon.rows("triggers.tsv")
    text = resources.files("newsevents.data").joinpath("coder", "triggers.tsv").read_text("utf-8")
    lines = text.splitlines()
    for row in rows[:20]:
        assert row.ref == f"triggers.tsv:{row.line}"
        assert lines[row.line - 1] == "\t".join(row.fields)


def test_trigger_rows_carry_their_parsed_conditions() -> None:
    rows = [r for rs in load_tables().triggers.values() for r in rs]
    assert all(len(r.conditions) == len(r.when) for r in rows)
    hit = next(r for r in load_tables().triggers[("hit", "VERB")] if r.when == ("obj~@weapon", "!obj~@civilian"))
    assert hit.conditions == ((Condition(False, "obj", ("@weapon",)),),
                              (Condition(True, "obj", ("@civilian",)),))


@pytest.mark.parametrize("cell,parsed", [
    ("-", ()),
    ("light|prep=with|between", ((Condition(False, "light"), Condition(False, "prep", ("with", "between"))),)),
    ("p~with:@weapon", ((Condition(False, "p", ("@weapon",), "with"),),)),
    ("noobj;prep=on|at", ((Condition(False, "noobj"),), (Condition(False, "prep", ("on", "at")),))),
    ("!obj~cancer|illness", ((Condition(True, "obj", ("cancer", "illness")),),)),
])
def test_conditions_parse(cell: str, parsed: tuple[tuple[Condition, ...], ...]) -> None:
    assert parse_when(cell) == parsed


# --------------------------------------------------------------------------- errors at load time


@pytest.mark.parametrize("row,message", [
    ("strike\tVERB\tASSAULT\t*\t*\tmilitary\tlite\t-\t-", "column when: unknown trigger condition 'lite'"),
    ("strike\tVERB\tASSAULT\t*\t*\tmilitary\tobj~@weapn\t-\t-", "column when: @weapn is no class of classes.tsv"),
    ("strike\tVERB\tASSAULT\t*\t*\tmilitary\tsubsector=gov\t-\t-", "column when: gov is no sector code"),
    ("strike\tVERB\tASSULT\t*\t*\tmilitary\t-\t-\t-", "column type: 'ASSULT' is not one of"),
    ("strike\tVERB\tASSAULT\t*\tshelling\tmilitary\t-\t-\t-", "column acled: unknown ACLED code 'shelling'"),
    ("strike\tADJ\tASSAULT\t*\t*\tmilitary\t-\t-\t-", "column pos: 'ADJ' is not one of"),
    ("strike\tVERB\tASSAULT\t*\t*\tmilitary\t-\tsubject\t-", "column actor: unknown role 'subject'"),
    ("strike\tVERB\tASSAULT\t*\t*\tmilitary\t-\t-", "expected 9 tab-separated cells"),
    ("strike\t\tASSAULT\t*\t*\tmilitary\t-\t-\t-", "column pos is empty"),
])
def test_a_bad_trigger_row_fails_at_load_naming_file_and_line(tmp_path: Path, row: str, message: str) -> None:
    folder = _overlay(tmp_path / "mine", triggers=f"# my triggers\n{TRIGGER_HEADER}{row}\n")
    with pytest.raises(lexicon.TableError) as err:
        lexicon.Lexicon(folder).check_all()
    assert str(err.value).startswith(f"{folder / 'triggers.tsv'}:3: ")
    assert message in str(err.value)


@pytest.mark.parametrize("name,text,message", [
    ("actors", "phrases\tcountry\tsector\tkind\tname\nThe Group\tXYZ\tREB\tgroup\tThe Group\n",
     ":2: column country: 'XYZ' is not a iso3 of countries.tsv"),
    ("actors", "phrases\tcountry\tsector\tkind\tname\nThe Group\tKEN\tRBL\tgroup\tThe Group\n",
     ":2: column sector: 'RBL' is not a sector of sectors.tsv"),
    ("persons", "name\taliases\tsurname\tcountry\tsector\trole\tfrom\tto\nA B\t\t\tKEN\tGOV\tminister\t19x9\t\n",
     ":2: column from: '19x9' is not a whole number"),
    ("dates", "pattern\taction\n(unclosed\ttoday\n", ":2: column pattern: bad regular expression"),
    ("actors", "phrase\tcountry\tsector\tkind\tname\n", ":1: header must be"),
    ("actors", "# only a comment\n", ": no header row"),
])
def test_bad_rows_of_other_tables_fail_naming_file_and_line(tmp_path: Path, name: str, text: str,
                                                            message: str) -> None:
    folder = _overlay(tmp_path / "mine", **{name: text})
    with pytest.raises(lexicon.TableError, match=re.escape(f"{folder / name}.tsv{message}")):
        lexicon.Lexicon(folder).check_all()


def test_an_overlay_file_of_an_unknown_name_is_an_error(tmp_path: Path) -> None:
    folder = _overlay(tmp_path / "mine", trigers=TRIGGER_HEADER)
    with pytest.raises(lexicon.TableError, match=r"trigers\.tsv is no table of newsevents"):
        lexicon.Lexicon(folder)


def test_a_missing_overlay_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(lexicon.TableError, match="not a folder"):
        lexicon.Lexicon(tmp_path / "nowhere")


def test_the_overlay_folder_is_chosen_once_per_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    used = lexicon.Lexicon()
    used.table("acled.tsv")
    monkeypatch.setattr(lexicon_tables, "_active", used)
    assert lexicon.use_tables_dir("") is used  # the same (no) folder again is fine
    with pytest.raises(lexicon.TableError, match="already reads its tables"):
        lexicon.use_tables_dir(_overlay(tmp_path / "mine", triggers=TRIGGER_HEADER))


# --------------------------------------------------------------------------- overlays


def test_overlay_rows_are_added_and_replace_packaged_rows_of_their_key(tmp_path: Path) -> None:
    folder = _overlay(tmp_path / "mine", sectors="words\tsector\tkind\npresident\tMIL\tperson\nwarlord\tREB\tperson\n")
    packaged = lexicon.Lexicon().rows("sectors.tsv")
    merged = lexicon.Lexicon(folder).rows("sectors.tsv")
    assert len(merged) == len(packaged) + 1
    president = [r for r in merged if r.get(0) == "president"]
    assert [(r.ref, r.get(1)) for r in president] == [("mine/sectors.tsv:2", "MIL")]
    assert merged.index(president[0]) == next(i for i, r in enumerate(packaged) if r.get(0) == "president")
    assert merged[-1].ref == "mine/sectors.tsv:3"


def test_overlay_rows_of_a_trigger_word_replace_all_its_readings(tmp_path: Path) -> None:
    row = "attack\tVERB\tPROTEST\tdemo\tprotest\t-\t-\t-\t-\n"
    lx = lexicon.Lexicon(_overlay(tmp_path / "mine", triggers=TRIGGER_HEADER + row))
    attack = [r for r in lx.rows("triggers.tsv") if r.fields[:2] == ("attack", "VERB")]
    assert [r.ref for r in attack] == ["mine/triggers.tsv:2"]


def test_overlay_files_count_in_the_tables_hash(tmp_path: Path) -> None:
    folder = _overlay(tmp_path / "mine", triggers=TRIGGER_HEADER)
    with_overlay = data_tables_hash(folder)
    assert with_overlay != data_tables_hash()
    (folder / "triggers.tsv").write_text(TRIGGER_HEADER + "# a comment\n", "utf-8")
    data_tables_hash.cache_clear()
    assert data_tables_hash(folder) != with_overlay


# --------------------------------------------------------------------------- the worked example


def _doc_example() -> tuple[dict[str, str], str]:
    """The overlay files and the sentence of docs/tables.md's example."""
    example = DOC.split("### Example: a new trigger and a new actor")[1].split("\n## ")[0]
    files = dict(re.findall(r"`my-tables/(\w+\.tsv)`.*?```tsv\n(.*?)```", example, re.S))
    sentence = re.search(r'newsevents code --config my\.toml "([^"]+)"', example)
    assert sentence is not None and set(files) == {"triggers.tsv", "actors.tsv"}
    return files, sentence.group(1)


def _code(cwd: Path, *args: str) -> list[dict[str, object]]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    done = subprocess.run([sys.executable, "-m", "newsevents", "code", "--json", *args], cwd=cwd,
                          env=env, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]


@pytest.mark.slow
def test_the_documented_overlay_example_codes_its_sentence(tmp_path: Path) -> None:
    files, sentence = _doc_example()
    _overlay(tmp_path / "my-tables", **{name.removesuffix(".tsv"): text for name, text in files.items()})
    (tmp_path / "my.toml").write_text('tables_dir = "my-tables"\n', "utf-8")
    assert _code(tmp_path, sentence) == []  # the packaged tables know neither word
    events = _code(tmp_path, "--config", "my.toml", sentence)
    assert [e["type"] for e in events] == ["ASSAULT"]
    event = events[0]
    assert event["evidence"]["rule"].startswith("my-tables/triggers.tsv:2")  # type: ignore[index]
    actor = event["actor"][0]  # type: ignore[index]
    assert (actor["name"], actor["country"], actor["sector"]) == ("Coastal Defence League", "KEN", "REB")
