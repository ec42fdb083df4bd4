"""One options object, built once from the packaged defaults and an optional user file."""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .records import stable_hash

# name -> (type, help). Feeds validation, `newsevents --help-settings` and the README table.
SETTINGS: dict[str, tuple[type[Any], str]] = {
    "spacy_model": (str, "spaCy pipeline name (installed package), e.g. en_core_web_sm"),
    "max_bytes": (int, "documents larger than this many bytes are rejected (too_large)"),
    "max_chars": (int, "extracted bodies longer than this many characters are rejected (too_long)"),
    "min_words": (int, "extracted bodies shorter than this are rejected (too_short)"),
    "languages": (list, "ISO 639-1 codes of accepted languages; others are rejected (language)"),
    "batch_size": (int, "texts per spaCy batch"),
    "min_confidence": (float, "events below this confidence are dropped"),
    "sentence_model": (bool, "the learned sentence classifier judges the rules' events "
                             "(event or not, background, ACLED sub-type); false: rules alone"),
    "sentence_model_drop": (float, "rule events of violence, protest, coercion or mobilisation "
                                   "whose sentence the classifier reads as plain prose with an "
                                   "event probability under this are dropped (0: none)"),
    "sentence_model_drop_talk": (float, "statements (accusations, requests, meetings, ...) "
                                        "whose sentence the classifier reads as habitual, "
                                        "expected or negated talk with an event probability "
                                        "under this are dropped, unless told in the present or "
                                        "the present perfect (0: none)"),
    "drop_one_sided": (bool, "in articles (six sentences or more), events whose actor or "
                             "recipient the coder cannot name are dropped, except the news "
                             "itself, parties acting together, ACLED-scope events, background, "
                             "acts done to no one, inquiries and denials; false: kept"),
    "drop_negated": (bool, "in articles (six sentences or more), events told as not happening "
                           "(\"there was no coordination between the protests\") are dropped; "
                           "a demand not to act stays a demand; false: kept with modality "
                           "negated"),
    "implied_parties": (bool, "parties the text implies but does not name: a statement's "
                              "addressee (the article's main country), the state forces that "
                              "use force on a protest; false: left empty"),
    "strict_happenings": (bool, "drop readings that are rarely events on real pages: a verb in "
                                "the simple present outside the titles, a warning that "
                                "threatens nothing, the recognition of a fact, an act of will "
                                "done by a thing; false: the rules keep them"),
    "parse_filter": (bool, "spaCy's tagger and parser run only on sentences that hold a trigger "
                           "word, their neighbours and the lead; entities on every sentence"),
    "tables_dir": (str, "a folder of the user's own tables (triggers.tsv, actors.tsv, ...) whose "
                        "rows are added to the packaged ones, a row of the same key replacing "
                        "the packaged rows (docs/tables.md); empty: the packaged tables alone"),
}


# Settings added after the first release, off by default: off, they leave the configuration
# hash (the ``config`` of every event's provenance) as it was before they existed.
ADDED_OFF = ("parse_filter", "implied_parties", "strict_happenings")


@dataclass(frozen=True)
class Options:
    spacy_model: str
    max_bytes: int
    max_chars: int
    min_words: int
    languages: tuple[str, ...]
    batch_size: int
    min_confidence: float
    sentence_model: bool
    sentence_model_drop: float
    tables_dir: str
    parse_filter: bool = False
    implied_parties: bool = False
    strict_happenings: bool = False
    sentence_model_drop_talk: float = 0.2
    drop_one_sided: bool = True
    drop_negated: bool = True

    @property
    def config_hash(self) -> str:
        values = dataclasses.asdict(self)
        for name in ADDED_OFF:
            if not values[name]:
                del values[name]  # off, the hash stays that of runs before the setting
        return stable_hash(values, length=12)

    def replace(self, **changes: Any) -> Options:
        return load_options(overrides={**dataclasses.asdict(self), **changes})


def _defaults() -> dict[str, Any]:
    text = resources.files("newsevents.data").joinpath("defaults.toml").read_text("utf-8")
    return tomllib.loads(text)


def load_options(path: str | Path | None = None, overrides: dict[str, Any] | None = None) -> Options:
    """Defaults, then the TOML file at ``path``, then ``overrides``; every value type-checked."""
    values = _defaults()
    if path is not None:
        try:
            values.update(tomllib.loads(Path(path).read_text("utf-8")))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"cannot read config file {path}: {exc}") from exc
    values.update(overrides or {})
    unknown = sorted(set(values) - set(SETTINGS))
    if unknown:
        raise ConfigError(f"unknown setting(s): {', '.join(unknown)}; known: {', '.join(SETTINGS)}")
    for name, (kind, _help) in SETTINGS.items():
        value = values[name]
        if kind is float and isinstance(value, int):
            value = float(value)
        if kind is list and isinstance(value, tuple):
            value = list(value)
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
            raise ConfigError(f"setting {name} must be {kind.__name__}, got {value!r}")
        values[name] = tuple(value) if kind is list else value
    return Options(**values)


