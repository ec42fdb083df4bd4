"""Every table under ``newsevents/data``: its columns, key and checks (docs/tables.md describes
them for a person). A table's file starts with a header row naming these columns in order."""

from __future__ import annotations

import re

from ..records import PLOVER_TYPES, SECTORS
from .conditions import ConditionError, parse_when
from .schema import Column, Refs, Schema, each, integer, matches, number, one_of, refers, regex

ISO3 = matches(r"[A-Z]{3}", "an ISO 3166 alpha-3 code")
ISO2 = matches(r"[A-Z]{2}", "an ISO 3166 alpha-2 code")
# Codes of bodies that are no state, used where a country code stands.
BODIES = ("IGO", "NGO", "IMG")
KINDS = ("person", "group", "organisation")
# Roles of triggers.tsv's actor / recipient columns (coder.roles), "p:" + prepositions aside.
ROLES = ("subj", "obj", "dat", "poss", "mod", "objmod", "xobj", "xrecip", "clsubj", "speaker",
         "headsubj", "both", "where")

# Sector codes as actors carry them: PLOVER's, and CAMEO's that some rows name (NGO, HRI, INS).
SECTOR_CODE = re.compile(r"[A-Z]{3}")
COUNTRY = refers("countries.tsv", "iso3", also=BODIES)
SECTOR = refers("sectors.tsv", "sector")


def _role(value: str, _refs: Refs) -> str | None:
    if value in ROLES or (value.startswith("p:") and len(value) > 2):
        return None
    return f"unknown role {value!r}; roles: {', '.join(ROLES)}, p:PREP|PREP"


def _acled_code(value: str, refs: Refs) -> str | None:
    code = value.lstrip("*")
    if value == "-" or not code or code == "territory" or code in refs.values("acled.tsv", "code"):
        return None
    return f"unknown ACLED code {value!r} (codes of acled.tsv, '*', '*territory' or '-')"


def _trigger_row(cells: dict[str, str], refs: Refs) -> str | None:
    """The ``when`` cell parses, and the word classes and sectors it names exist."""
    try:
        conditions = parse_when(cells["when"])
    except ConditionError as exc:
        return f"column when: {exc}"
    classes = refs.values("classes.tsv", "class")
    for alternatives in conditions:
        for c in alternatives:
            missing = [f"@{cls}" for cls in c.classes if cls not in classes]
            if missing:
                return f"column when: {', '.join(missing)} is no class of classes.tsv"
            wrong = [v for v in c.values if c.key == "subsector" and not SECTOR_CODE.fullmatch(v)]
            if wrong:
                return f"column when: {', '.join(wrong)} is no sector code"
    return None


def _acled_pair(cells: dict[str, str], refs: Refs) -> str | None:
    if cells["sub_event_type"] in refs.values("acled_types.tsv", "sub_event_type"):
        return None
    return f"{cells['sub_event_type']!r} is no sub_event_type of acled_types.tsv"


def _actor_country(value: str, refs: Refs) -> str | None:
    return None if value == "*" else refers("countries.tsv", "iso3", also=BODIES, strip="?")(value, refs)


def _capital_country(value: str, refs: Refs) -> str | None:
    return None if value == "-" else COUNTRY(value, refs)


_CODER = (
    Schema("coder", "acled.tsv", "ACLED event and sub-event types under the short codes that "
           "triggers.tsv's acled column uses.", (
               Column("code", "short code (the acled column of triggers.tsv)"),
               Column("event_type", "ACLED event type"),
               Column("sub_event_type", "ACLED sub-event type (one of acled_types.tsv)"),
           ), ("code",), row_check=_acled_pair),
    Schema("coder", "classes.tsv", "Word classes used by trigger conditions (obj~@weapon) and the "
           "slot fillers.", (
               Column("class", "class name (weapon, civilian, form, ...)"),
               Column("lemma", "the word's lemma"),
               Column("value", "what the word means in its class (weapon: the PLOVER mode)",
                      required=False),
           ), ("class", "lemma")),
    Schema("coder", "cues.tsv", "Words that cue attribution, modality, light verbs and casualties.", (
        Column("kind", "cue kind (say, light, negated, future, killed, ...)"),
        Column("lemma", "the word's lemma"),
        Column("value", "what the cue sets", required=False),
    ), ("kind", "lemma")),
    Schema("coder", "triggers.tsv", "One row per reading of a trigger word: the event it codes "
           "and when.", (
               Column("lemma", "the trigger's lemma (hyphenated nouns whole: sit-in)"),
               Column("pos", "VERB, NOUN, or AUX (a modal)", one_of("VERB", "NOUN", "AUX")),
               Column("type", "PLOVER event type", one_of(*PLOVER_TYPES)),
               Column("mode", "PLOVER mode; '-' none, '*' from weapon words, '*X' the same with "
                      "default X"),
               Column("acled", "code of acled.tsv; '*' derived, '-' outside ACLED", _acled_code),
               Column("contexts", "','-joined PLOVER contexts, '-' none"),
               Column("when", "';'-joined conditions, all must hold ('-' always; see "
                      "docs/tables.md)"),
               Column("actor", "','-joined roles tried in order ('-' the default)",
                      each(lambda v, r: None if v == "-" else _role(v, r), ",")),
               Column("recipient", "','-joined roles tried in order ('-' the default)",
                      each(lambda v, r: None if v == "-" else _role(v, r), ",")),
           ), ("lemma", "pos"), row_check=_trigger_row),
    Schema("coder", "cases.tsv", "Test sentences for triggers.tsv (tests/test_coder_cases.py).", (
        Column("sentence", "the sentence"),
        Column("mentions", "actor and place mentions the test builds", required=False),
        Column("type", "expected PLOVER type, or NONE", one_of(*PLOVER_TYPES, "NONE")),
        Column("actor", "expected actor countries", required=False),
        Column("recipient", "expected recipient countries", required=False),
        Column("extra", "further expectations", required=False),
    ), ("sentence",)),
)

_EXTRACT = (
    Schema("extract", "agencies.tsv", "News agencies as bylines write them.", (
        Column("written", "the name as written (matched case-sensitively as whole words)"),
        Column("agency", "the canonical agency name"),
    ), ("written",)),
    Schema("extract", "call_to_action.tsv", "Page furniture: paragraphs asking the reader to act.", (
        Column("category", "what the paragraph asks (donation, newsletter, ...)"),
        Column("strength", "strong: boilerplate at any length; weak: only when short",
               one_of("strong", "weak")),
        Column("pattern", "Python regex, case-insensitive, searched in one paragraph", regex),
    ), ("pattern",)),
    Schema("extract", "publishers.tsv", "Publishers and their web domains.", (
        Column("name", "publisher name"),
        Column("domain", "web domain without www."),
    ), ("name",)),
    Schema("extract", "site_zones.tsv", "The time zone a site dates its pages in, by host suffix.", (
        Column("suffix", "end of the host name (.com, .co.uk, ...)"),
        Column("zone", "IANA time zone"),
    ), ("suffix",)),
    Schema("extract", "timezones.tsv", "Time-zone abbreviations of datelines.", (
        Column("abbr", "abbreviation"),
        Column("zone", "offset +HH:MM, or an IANA zone"),
    ), ("abbr",)),
)

_RESOLVE = (
    Schema("resolve", "countries.tsv", "States: the names and adjectives news writers use.", (
        Column("iso3", "ISO 3166 alpha-3 code (XKX: Kosovo)", ISO3),
        Column("names", "extra names and short forms, '|'-separated; the first is the display name",
               required=False),
        Column("adjectives", "adjectives and demonyms, '|'-separated", required=False),
    ), ("iso3",)),
    Schema("resolve", "sectors.tsv", "Head nouns and titles that give a PLOVER sector.", (
        Column("words", "lemmas, space-separated, lowercase"),
        Column("sector", "PLOVER sector code", one_of(*SECTORS)),
        Column("kind", "person, group or organisation", one_of(*KINDS)),
    ), ("words",)),
    Schema("resolve", "actors.tsv", "Named bodies, seats of power and well-known organisations.", (
        Column("phrases", "'|'-separated; a leading 'the' is dropped; forms in capitals match only "
               "capitals"),
        Column("country", "ISO3 of countries.tsv, IGO, NGO or IMG; '*' the country named in the "
               "phrase or sentence; a trailing '?' only when the phrase names no country",
               _actor_country),
        Column("sector", "PLOVER sector of sectors.tsv (empty: none)", SECTOR, required=False),
        Column("kind", "person, group or organisation", one_of(*KINDS)),
        Column("name", "the display name"),
    ), ("name",)),
    Schema("resolve", "persons.tsv", "Well-known political persons, one row per affiliation.", (
        Column("name", "full name"),
        Column("aliases", "'|'-separated, matched without accents or case", required=False),
        Column("surname", "matched alone when unambiguous; empty: last word of name; '-' never",
               required=False),
        Column("country", "ISO3 of countries.tsv, IGO or IMG", COUNTRY),
        Column("sector", "PLOVER sector of sectors.tsv", SECTOR),
        Column("role", "office (head-of-state, foreign-minister, ...)"),
        Column("from", "first year in office", integer, required=False),
        Column("to", "last year in office (empty: still in office)", integer, required=False),
    ), ("name", "country")),
    Schema("resolve", "capitals.tsv", "Seats of government used for the government.", (
        Column("iso3", "ISO3 of countries.tsv; '-': never read these forms as a government",
               _capital_country),
        Column("forms", "'|'-separated"),
    ), ("forms",)),
    Schema("resolve", "admin1.tsv", "First-level regions under their English news names.", (
        Column("iso2", "ISO 3166 alpha-2 code", ISO2),
        Column("anchor", "a town inside the region (finds it in GeoNames)"),
        Column("short_name", "short name"),
        Column("full_name", "full name"),
        Column("aliases", "'|'-separated", required=False),
    ), ("iso2", "short_name")),
    Schema("resolve", "place_aliases.tsv", "News spellings GeoNames does not list.", (
        Column("alias", "the spelling"),
        Column("iso2", "ISO 3166 alpha-2 code", ISO2),
        Column("place", "the GeoNames name, or *area for an area with a centre"),
        Column("lat", "latitude of an *area's centre", number, required=False, may_be_absent=True),
        Column("lon", "longitude of an *area's centre", number, required=False, may_be_absent=True),
    ), ("alias", "iso2")),
    Schema("resolve", "place_stopwords.tsv", "Capitalised words that are rarely places in news.", (
        Column("word", "the word as capitalised"),
    ), ("word",)),
    Schema("resolve", "region_words.tsv", "Words that make the name before them a region.", (
        Column("word", "singular"),
        Column("plural", "plural"),
    ), ("word",)),
    Schema("resolve", "dates.tsv", "Relative date expressions; the first matching row wins.", (
        Column("pattern", "Python regex, matched case-insensitively against the expression", regex),
        Column("action", "a date action of newsevents.resolve.dates"),
    ), ("pattern",)),
    Schema("resolve", "numbers.tsv", "Number words and vague magnitudes.", (
        Column("word", "the word"),
        Column("value", "its value", number),
        Column("kind", "unit, scale or vague", one_of("unit", "scale", "vague")),
        Column("qualifier", "for vague magnitudes", required=False, may_be_absent=True),
    ), ("word",)),
    Schema("resolve", "number_labels.tsv", "Words next to a number that make it no count.", (
        Column("word", "lowercase"),
        Column("kind", "label or currency", one_of("label", "currency")),
    ), ("word",)),
    Schema("resolve", "quantity_items.tsv", "Counted things of more than one word.", (
        Column("item", "singular, lowercase"),
        Column("counted_as", "what the thing is counted as", required=False, may_be_absent=True),
    ), ("item",)),
    Schema("resolve", "quantity_phrases.tsv", "Phrases that say how many were killed or hurt.", (
        Column("kind", "toll, zero_noun, zero_subject, report, bare or one",
               one_of("toll", "zero_noun", "zero_subject", "report", "bare", "one")),
        Column("words", "lowercase, lemma of the last word"),
        Column("item", "what is counted ('-' none)"),
        Column("statuses", "'|'-separated; '-' from the verb"),
    ), ("kind", "words")),
    Schema("resolve", "quantity_verbs.tsv", "What a verb says happened to counted things.", (
        Column("verb", "lemma"),
        Column("preposition", "that must follow it (empty: any)", required=False),
        Column("status", "launched, killed, intercepted, ..."),
    ), ("verb", "preposition")),
    Schema("resolve", "state_reference.tsv", "Words that refer back to states already named.", (
        Column("type", "pair-noun or pronoun-verb", one_of("pair-noun", "pronoun-verb")),
        Column("word", "the noun or verb lemma"),
    ), ("type", "word")),
)

_STORE = (
    Schema("store", "acled_types.tsv", "ACLED's event types and sub-event types.", (
        Column("event_type", "ACLED event type"),
        Column("sub_event_type", "ACLED sub-event type"),
    ), ("event_type", "sub_event_type")),
    Schema("store", "acled_disorder.tsv", "ACLED event type -> disorder type.", (
        Column("event_type", "ACLED event type", refers("acled_types.tsv", "event_type")),
        Column("disorder_type", "ACLED disorder type"),
    ), ("event_type",)),
    Schema("store", "acled_inter.tsv", "PLOVER sector -> ACLED actor category.", (
        Column("sector", "PLOVER or CAMEO sector code", matches(SECTOR_CODE.pattern, "a sector code")),
        Column("inter", "ACLED actor category"),
    ), ("sector",)),
)

SCHEMAS: dict[str, Schema] = {s.name: s for s in (*_CODER, *_EXTRACT, *_RESOLVE, *_STORE)}
