"""The gazetteer cache: where it lives, what its key covers, atomic writes, damaged or stale
files, and a gazetteer read back from it answering exactly like the one built from GeoNames.
A small gazetteer made of a few towns stands in for the full one, and every test writes to its
own temporary directory."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from newsevents.resolve import gazetteer_cache, places
from newsevents.resolve.places import Gazetteer


def _town(gid: int, name: str, cc: str, a1: str, lat: float, lon: float, pop: int,
          alts: tuple[str, ...] = ()) -> dict[str, object]:
    return {"geonameid": gid, "name": name, "countrycode": cc, "admin1code": a1,
            "latitude": lat, "longitude": lon, "population": pop, "alternatenames": list(alts)}


TOWNS = [
    _town(1, "Kharkiv", "UA", "07", 49.98, 36.25, 1400000, ("Kharkov",)),
    _town(2, "Katerynivka", "UA", "07", 49.1, 36.9, 900),
    _town(3, "Katerynivka", "UA", "14", 48.3, 37.6, 700),
    _town(4, "Donetsk", "UA", "14", 48.0, 37.8, 900000),
    _town(5, "Springfield", "US", "IL", 39.8, -89.6, 114000),
    _town(6, "Springfield", "US", "MA", 42.1, -72.6, 155000),
    _town(7, "Paris", "FR", "11", 48.85, 2.35, 2100000, ("Parigi",)),
    _town(8, "Paris", "US", "TX", 33.66, -95.55, 25000),
]


@pytest.fixture()
def small() -> Gazetteer:
    return Gazetteer({str(t["geonameid"]): t for t in TOWNS})


@pytest.fixture()
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("NEWSEVENTS_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_cache_dir_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSEVENTS_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert gazetteer_cache.cache_dir() == tmp_path / "xdg" / "newsevents"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert gazetteer_cache.cache_dir() == tmp_path / "home" / ".cache" / "newsevents"
    monkeypatch.setenv("NEWSEVENTS_CACHE_DIR", str(tmp_path / "own"))
    assert gazetteer_cache.cache_dir() == tmp_path / "own"


def test_key_changes_with_build_settings() -> None:
    assert gazetteer_cache.cache_key("a") == gazetteer_cache.cache_key("a")
    assert gazetteer_cache.cache_key("a") != gazetteer_cache.cache_key("b")


def test_key_changes_with_an_overlay_of_a_build_table(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The user's place_aliases.tsv rows are built into the index: a cached index built without
    them must not be read back."""
    packaged = gazetteer_cache.cache_key()
    monkeypatch.setattr(gazetteer_cache.lexicon, "overlay_dir", lambda: tmp_path)
    assert gazetteer_cache.cache_key() == packaged  # an overlay folder without place tables
    (tmp_path / "triggers.tsv").write_text("lemma\tpos\n", encoding="utf-8")
    assert gazetteer_cache.cache_key() == packaged  # nor a table the index is not built from
    (tmp_path / "place_aliases.tsv").write_text("alias\tname\n", encoding="utf-8")
    with_aliases = gazetteer_cache.cache_key()
    assert with_aliases != packaged
    (tmp_path / "place_aliases.tsv").write_text("alias\tname\nthe capital\tKyiv\n", encoding="utf-8")
    assert gazetteer_cache.cache_key() not in (packaged, with_aliases)


def test_state_round_trip_answers_alike(small: Gazetteer, cache_home: Path) -> None:
    path = gazetteer_cache.store("k1", small.state())
    assert path is not None and path.parent == cache_home
    state = gazetteer_cache.load("k1")
    assert state is not None
    restored = Gazetteer.from_state(state)
    for name, kwargs in [("Katerynivka", {"admin1": "Donetsk"}), ("Kharkov", {}),
                         ("Springfield", {}), ("Paris", {}), ("Paris", {"countries": ("USA",)}),
                         ("Parigi", {}), ("Donetsk region", {}), ("Nowhere", {})]:
        assert restored.lookup(name, **kwargs) == small.lookup(name, **kwargs), name
    assert restored.state() == small.state()


def test_no_file_means_no_state(cache_home: Path) -> None:
    assert gazetteer_cache.load("missing") is None


def test_damaged_or_foreign_file_is_reported_and_ignored(small: Gazetteer, cache_home: Path,
                                                         caplog: pytest.LogCaptureFixture) -> None:
    cache_home.mkdir(parents=True)
    gazetteer_cache.cache_path("bad").write_bytes(b"\x00not marshal")
    with caplog.at_level(logging.WARNING):
        assert gazetteer_cache.load("bad") is None
    assert "damaged" in caplog.text
    # a file whose recorded key is another one (renamed by hand) is not trusted
    gazetteer_cache.store("k2", small.state())
    gazetteer_cache.cache_path("k2").rename(gazetteer_cache.cache_path("k3"))
    with caplog.at_level(logging.WARNING):
        assert gazetteer_cache.load("k3") is None
    assert "does not match" in caplog.text


def test_new_key_replaces_old_files_atomically(small: Gazetteer, cache_home: Path) -> None:
    gazetteer_cache.store("old", small.state())
    gazetteer_cache.store("new", small.state())
    names = sorted(p.name for p in cache_home.iterdir())
    assert names == ["gazetteer-new.marshal"]  # no temporary file left, the stale one gone


def test_unwritable_cache_warns_and_keeps_going(small: Gazetteer, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch,
                                                caplog: pytest.LogCaptureFixture) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("NEWSEVENTS_CACHE_DIR", str(blocker / "cache"))
    with caplog.at_level(logging.WARNING):
        assert gazetteer_cache.store("k", small.state()) is None
    assert "not written" in caplog.text


def test_get_gazetteer_builds_once_then_reads_the_cache(small: Gazetteer, cache_home: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    builds: list[int] = []

    def build() -> Gazetteer:
        builds.append(1)
        return small

    monkeypatch.setattr(places, "build_gazetteer", build)
    first = places.get_gazetteer.__wrapped__()
    second = places.get_gazetteer.__wrapped__()
    assert builds == [1]
    assert len(list(cache_home.glob("gazetteer-*.marshal"))) == 1
    assert second is not first
    assert second.lookup("Springfield") == first.lookup("Springfield")
