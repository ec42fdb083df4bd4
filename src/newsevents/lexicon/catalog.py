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
LOWER_WORD = matches(r"[^\sA-Z]+", "one lowercase word")
LOWER_WORDS = matches(r"[^\sA-Z]+( [^\sA-Z]+)*", "lowercase words separated by single spaces")
SECTOR_CODE_CHECK = matches(SECTOR_CODE.pattern, "a sector code (three capitals)")


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


def _weapon_mode(cells: dict[str, str], refs: Refs) -> str | None:
    """A weapon word's value is a mode of modes.tsv (the rank that picks among weapons)."""
    if cells["class"] != "weapon" or cells["value"] in refs.values("modes.tsv", "mode"):
        return None
    return f"column value: {cells['value']!r} is no mode of modes.tsv"


def _actor_country(value: str, refs: Refs) -> str | None:
    return None if value == "*" else refers("countries.tsv", "iso3", also=BODIES, strip="?")(value, refs)


def _seat(value: str, refs: Refs) -> str | None:
    town, _, iso3 = value.rpartition("/")
    if not town:
        return f"a seat is TOWN/ISO3, not {value!r}"
    return refers("countries.tsv", "iso3")(iso3, refs)


def _capital_country(value: str, refs: Refs) -> str | None:
    return None if value == "-" else COUNTRY(value, refs)


# --------------------------------------------------------------------------- vocabularies

YES_NO = one_of("yes", "no")


def _property(name: str, help_: str) -> Column:
    """A yes/no column: whether the row's code has the property ``name``."""
    return Column(name, help_, YES_NO)


# The word lists of actor_words.tsv and coder_words.tsv: name -> what the rules use it for.
# A row's list must be one of these (a typo in an overlay fails at load).
ACTOR_WORD_LISTS: dict[str, str] = {
    "posted": "titles of those a state sends to another state or body (\"the envoy to "
              "Ukraine\"): the state or body after \"to\" is where they serve, never whose they "
              "are, nor the sentence's country for the parties around them",
    "leader": "titles that take the sector of the group word before them (\"rebel leader\" is "
              "REB, \"police spokesman\" COP, where \"leader\" alone would be GOV)",
    "adjective-title": "ranks that are also adjectives: before a common noun in lower case "
                       "they give no sector (\"a general license\", \"major companies\")",
    "former": "words before a title that say its holder no longer holds it (\"former "
              "president\"): such a person is no government actor",
    "event-name": "words that make a capitalised name an event or a period, not a person "
                  "(\"World War Two\", \"the Arab Spring\", \"the World Cup\")",
    "organisation": "head words that make a capitalised name a body, not a person "
                    "(\"National Liberation Front\")",
    "weapon-remains": "what is left of a weapon that still does its harm (\"drone debris "
                      "damaged houses\"): no doer of its own, the attack's side fired it",
    "own-country": "words that make a phrase about the article's own country when it names no "
                   "country (\"local officials\", \"federal police\")",
    "foreign": "modifiers that say an actor is not of the sentence's country (\"Western "
               "officials\")",
    "honorific": "titles before a person's name, lowercase, without a full stop (\"Gen.\", "
                 "\"Mr\")",
    "name-particle": "lowercase words that are part of a person's name (\"Bashar al-Assad\", "
                     "\"de Klerk\")",
    "preposition": "words that end a phrase's head part (\"troops loyal to the general\": the "
                   "head part is \"troops\")",
    "determiner": "words dropped from the start of a phrase before it is resolved",
    "male-pronoun": "pronouns that stand for the last man named",
    "female-pronoun": "pronouns that stand for the last woman named",
    "thing-pronoun": "pronouns that stand for an earlier body, group or state (\"it\", "
                     "\"they\")",
    "reporting-verb": "verbs (lemmas) whose subject says what a text reports (\"X said\"): "
                      "their subject is no party of the reported event",
    "pair-determiner": "words that make a pair noun stand for the two states last named "
                       "(\"the two nations\", \"both sides\"; see pair_nouns.tsv)",
    "state-pronoun-verb": "verbs (lemmas) whose subject \"it\" stands for the state that was the "
                          "subject just before (\"Russia ... It has so far resisted calls\"); "
                          "with other verbs (\"it hit a building\") \"it\" is more often a "
                          "thing",
    "minority": "words after a demonym that make its people a minority of the country it lives "
                "in (\"the Albanian minority\", \"Serb community\"); immigrants are left out: "
                "PLOVER codes them by origin as often as by residence",
    "employer-preposition": "prepositions after a long title that name the holder's "
                            "organisation (\"director for the Middle East at Amnesty "
                            "International\")",
    "continent-demonym": "demonyms of a state that are also a continent's (\"American\"); "
                         "after a continent-part word they name a region of many states",
    "continent-part": "words that make a continent's demonym a region of it (\"South "
                      "American\", \"Latin American\")",
    "named-site": "capitalised head words of a site's name that a state's adjective may begin "
                  "(\"the Indonesian Hospital\" in Beit Lahia): the site is of the country it "
                  "stands in, not of the state the adjective names",
    "maker-participle": "participles after a state's name and a hyphen that say where a thing "
                        "was made or who gave it (\"Iranian-made drones\"): no party",
    "holder-participle": "participles after a state's name and a hyphen that say who holds a "
                         "place (\"the Russian-occupied plant\"): no party of what is done to it",
    "party-noun": "common nouns that name people or a body and give no sector (\"the allies\", "
                  "\"the city\"): the subject of an act of will that is one is a party, not a thing",
    "fighter-noun": "nouns of armed people that \"former\" or \"ex\" turns into civilians "
                    "(\"a former FARC combatant\", \"former soldiers\"): ACLED codes the unarmed as "
                    "civilians",
}
CODER_WORD_LISTS: dict[str, str] = {
    "takes-effect": "verbs whose subject, a measure, takes effect (\"the lockdown will begin on "
                    "Thursday\"): the measure is imposed (the when condition inforce)",
    "in-force-verb": "verbs that, with an in-force-word among their words, say a measure takes "
                     "effect (\"come into force\", \"take effect\"; the when condition inforce)",
    "in-force-word": "words that, with \"come into\", \"go into\", \"take\" or \"be in\", say a "
                     "measure takes effect (\"force\", \"effect\"; the when condition inforce)",
    "denial": "words of denying a claim (\"Athens denied the incident\"): a denial answers "
              "whoever made the claim, whom the sentence often leaves unnamed; the "
              "drop_one_sided setting keeps it with its actor alone",
    "stance-prefix": "prefixes of a modifier that names a cause, not a party (\"a pro-EU rally\", "
                     "\"anti-government protests\")",
    "owned-deed": "a party's deeds and measures (\"the government's decision\", \"Russia's war\"): "
                  "they stand for their owner as the party an act is against or aimed at",
    "interception-verb": "verbs of weapons stopped in the air: the regions \"over\" which they "
                         "were stopped are the air space of one attack, not its places",
    "suppressing-phrasal": "a light verb and its particle that end what their object names "
                           "(\"broke up a rally\", \"put down a revolt\"): their subject is no "
                           "party of it",
    "attempt": "nouns of trying: \"an attempt to attack\" is coded as the attack",
    "first-person": "pronouns of the speaker: a party named so is the one who speaks",
    "local-source": "words in a source's name that make it local (\"local officials said\"): "
                    "its country is that of the event's place",
    "pronoun-start": "first words that make a party a pronoun, not a name",
    "police-force": "words that make a party a police force: one named by its town (\"Hong "
                    "Kong police\") acts in that town",
    "backing-verb": "verbs of backing: an attack named after \"by\" of such a participle that "
                    "modifies a clause is the backer's part in that clause's event",
    "charge-verb": "verbs of the law's hold on someone: a bare offence named after their "
                   "\"for\" or \"with\" (\"arrested for aggravated assault\") is the "
                   "charge, not a happening",
    "telling-verb": "verbs of telling besides the reporting verbs of cues.tsv: a lead dated by "
                    "one (\"testified on Tuesday\") gives the day of the statements after it",
    "verdict-word": "words of a verdict: a bare offence named after their \"of\" "
                    "(\"convicted of kidnapping the girl\") is what the verdict is about, not a "
                    "happening",
    "anaphoric-start": "first words of a recipient that refer back to one named before (\"the "
                       "man\", \"he\"), so it is no new individual",
    "background-preposition": "prepositions that put an event in the background of another "
                              "(\"after the attack\")",
    "conflict-noun": "a long-running conflict as a whole: a toll it has taken is a count "
                     "over years, not one happening",
    "background-noun": "nouns that put an event in the background of another (\"in "
                       "response to the attack\")",
    "another": "words that make an attack one more of the kind told before (\"another strike "
               "hit a house\"): its doer and weapon are those of the attack told before it",
    "next-mark": "adverbs that tell a happening as one that came after another told before "
                 "(\"Iwaya later met Premier Li Qiang\"): not that one again",
    "more-mark": "adverbs that tell a statement as one more besides one told before (\"also "
                 "called on Congress\", \"further urged\"): another statement, not that one again",
    "border-noun": "nouns of a border: an act set \"near the border\", placed by no town, did "
                   "not happen in the town the story was filed from",
    "countrywide": "words that spread an act over the whole country the story is told from "
                   "(\"protests nationwide\"): it is placed in that country",
    "spread-preposition": "prepositions that, before \"the country\", spread an act over it "
                          "(\"across the country\")",
    "other-time-mark": "clause marks and prepositions that put a clause or a noun at an "
                       "earlier time than the clause it hangs on (\"hours after a police "
                       "officer shot a driver\", \"following the shooting\"): two "
                       "happenings, even of one type",
    "background-mark": "clause marks that put a clause's event in the background (\"when\", "
                       "\"since\")",
    "companion-preposition": "prepositions that join a companion to a verb's subject (\"along "
                             "with X\")",
    "topic-preposition": "prepositions that tell what a light verb's object is about "
                         "(\"reiterated their plea to Congress on an investigation\")",
    "setting-preposition": "prepositions that make a noun the setting or purpose of the verb "
                           "(\"threw stones during demonstrations\")",
    "locative": "prepositions that tell where an event happened",
    "directional": "prepositions that tell where a movement went (\"troops moved to X\")",
    "means-verb": "verbs whose object is the means of the act their \"to\" clause tells "
                  "(\"police used tear gas to disperse the crowd\"): the subject acts",
    "stative": "verbs whose passive is a stance, not a deed (\"Vietnam is committed to ...\")",
    "weekday": "names of the days of the week, lowercase",
    "denied-thing": "objects of a denial that stand for a happening told before (\"denied the "
                    "incident\", \"denied responsibility\"), besides the claim nouns of "
                    "cues.tsv",
}

# The word lists of count_words.tsv (the count rules': resolve.quantities and its helpers).
COUNT_WORD_LISTS: dict[str, str] = {
    "not-item": "nouns a count cannot count: they make the number a date, an age, a time, a "
                "measure or a money sum (\"30 years\", \"5 km\")",
    "possessive": "possessives that make a second person named beside a first one more victim "
                  "(\"shot dead a former combatant and his partner\")",
    "month": "month names and their abbreviations, lowercase: a number of 1 to 31 beside one is "
             "a day of the month (\"3 November\", \"Nov. 3\", \"the 3rd of November\")",
    "year-before": "words before a four-digit number (1900 to 2100) that make it a year (\"a "
                   "2015 agreement\", \"in 2020\")",
    "percent": "words after a number that make it a share, not a count (\"40 percent\")",
    "result": "words beside a counted noun or its verb that say what became of it (\"left 34 "
              "people dead\"); quantity_verbs.tsv gives each its status",
    "same-item": "nouns that count the same thing as the count told before them (\"killed two "
                 "soldiers and wounded three others\"), people when none was told",
    "one-more": "words that count one more of the people told before them (\"another man was "
                "hurt\", \"wounding a third\")",
    "victim-subject": "verbs whose subject is the one who died or was hurt (\"a man died\")",
    "injury-noun": "nouns whose sufferers are injured (\"sustained injuries\", \"taken to "
                   "hospital with gunshot wounds\")",
    "care-place": "places of care: those taken to or kept in one are injured (\"six soldiers "
                  "were taken to hospital\")",
    "part-of": "prepositions that make a count a part of one told before (\"killing five "
               "people, including two children\"): it is not added to the toll",
    "report-verb": "verbs whose subject is a source, not a victim (\"killing 100 people, a "
                   "resident said\")",
    "street": "words that end a street name: a number before a name and one of them is an "
              "address (\"1119 Eighth St.\"), as is \"the 400 block of\"",
    "non-human": "counted things that are not people: their dead are no fatalities (\"an "
                 "estimated billion animals\", \"300 head of cattle\")",
}

# The word lists of place_words.tsv (the place rules': resolve.place_scan and resolve.places).
PLACE_WORD_LISTS: dict[str, str] = {
    "place-noun": "nouns that make the name after \"of\" a place, whatever the model's label "
                  "(\"the port town of X\", \"the village of X\")",
    "vague-region": "region names that are everyday words of news text (compass points, "
                    "\"Central\", \"Capital\") or that the news uses for a wider area (\"the "
                    "Sahel\" is not Burkina Faso's Sahel region): such a region is never looked "
                    "up by its name",
    "water": "words of a region name that make it a body of water (\"the Red Sea\" of the news "
             "is the sea, not Sudan's state): such a region is never looked up by its name; a "
             "name right before one (\"the Dnipro river\") is the water's",
    "product-noun": "vehicles, weapons, animals and goods named after places (\"a Chinook "
                    "helicopter\", \"a Jersey cow\"): a name that only modifies such a noun, the "
                    "head of its phrase, is no place",
    "street": "words that end a street's name (\"Main Street\", \"Central Avenue\"): a street "
              "is no town; the town the sentence or the story names is where it happened",
    "town-level": "region words for a unit below the first-level region (\"Tarmiyah "
                  "district\"): such a unit no region table knows is placed at its town",
    "town-unit": "region words for a unit below the first-level region that takes its name "
                 "from its town (\"Tibu municipality\", \"Saint-Marc commune\"): placed at that "
                 "town, never at a region of the same name",
    "part-of-town": "nouns of a part of a town: a place the gazetteer does not know, named "
                    "before \"<part> of\" a known one (\"the Shejaiya neighbourhood of Gaza "
                    "City\"), lies in it",
    "town-noun": "nouns after a name that say it is the town, not the region of that name "
                 "(\"Saada city\", \"Idlib city\")",
    "history-noun": "nouns of a span of a place's past: a place whose history they name (\"one "
                    "of the largest protests in Serbia's recent history\") says when, not where",
    "state-space": "nouns of a state's space: after the state's adjective (\"Dutch waters\", "
                   "\"Polish airspace\") they name the state as a place",
    "town-anaphor": "nouns that, after \"the\" and with no name of their own, tell again of "
                    "the town named last (\"battled inside the town\")",
    "macro-region": "wider areas that are no state and no region of one (\"the Middle East\", "
                    "\"the Balkans\"): never a town of that name, and no country",
    "continent": "continents: after compass words they name a macro-region (\"West Africa\", "
                 "\"northern Europe\")",
    "seat-of-town": "nouns that end the name of a court or a prison named after its town "
                    "(\"Bristol Crown Court\"): the town the name begins with is where it sits",
}

# The word lists of date_words.tsv (the date scan's: resolve.date_scan).
DATE_WORD_LISTS: dict[str, str] = {
    "day-before": "words that move a day named by reference one day back (\"the day before\", "
                  "\"the previous evening\")",
    "day-after": "words that move a day named by reference one day on (\"the following day\", "
                 "\"a day later\")",
    "month": "month names, lowercase, as the date patterns match them (in any case)",
    "month-abbreviation": "month abbreviations, lowercase, without the full stop the date "
                          "patterns require after them (\"Nov. 3\")",
    "weekday": "names of the days of the week, lowercase, as the date patterns match them",
    "first-word": "words a date expression may start with besides a digit, a month, a month "
                  "abbreviation or a weekday: the date scan tries its patterns only where one "
                  "of these starts a word (a cheap filter that changes no match), so a pattern "
                  "that starts with another word must add it here",
}

SECTOR_PROPERTIES = (
    _property("state_force", "ACLED: a party of this sector that takes territory is the "
              "government regaining it (else non-state actors take it)"),
    _property("nonstate_armed", "ACLED: an armed group that is no state force; its raid on a "
              "town \"shooting residents\" is an attack on civilians"),
    _property("armed", "an organised armed force, state or not: it is no raid's civilian victim, "
              "and its violence is never a riot"),
    _property("combatant", "ACLED: a recipient of this sector is a fighting party, not a civilian "
              "victim"),
    _property("armed_or_state", "an assault by a party of this code is no protest crowd's "
              "violence, even in a sentence that tells a protest"),
    _property("state_source", "a source of this sector named without a country (\"police "
              "said\") is the state's own where the event happens"),
    _property("non_state_actor", "a code that stands in an actor's country for a body of several "
              "states or none: no state, so no government or state coreference (the country "
              "codes of actors.tsv and persons.tsv besides countries.tsv's)"),
    _property("no_territory", "a country code that names no territory: never a story's home "
              "country, a place's state or a source's country"),
    _property("placeless", "a party of this code does not tell where an event happened (its "
              "country is not the event's place)"),
    _property("acronym_group", "an armed group often known by an acronym the tables do not know "
              "(\"FLA fighters\"): the acronym says nothing of its country, which the coder takes "
              "from the event"),
    _property("former_elite", "a person of persons.tsv of this sector whose term ended before "
              "the article's year is of the elites (ELI): \"former\" in PLOVER terms"),
)

PLOVER_PROPERTIES = (
    _property("material", "a deed, not words: a noun of this type under a verb of another type "
              "names a happening of its own (\"condemned the attack\")"),
    _property("absorbing", "a trigger of this type takes in the events under it: what is "
              "requested, rejected, threatened, agreed or discussed is not coded on its own"),
    _property("tells_noun", "a verb of this type tells the event of a material noun of another "
              "type that it governs (\"agreed a ceasefire\", \"threatened strikes\"): the noun "
              "is no happening of its own (but \"discussed the attack\" names one)"),
    _property("verbal", "a statement: its place is that of its own setting, not of what it is "
              "about"),
    _property("addressee", "a verbal act whose recipient, when no role names one, is the party "
              "addressed (\"told X\")"),
    _property("movement", "its recipient's places and places it goes to may be where it happened "
              "(a movement's destination)"),
    _property("targets_places", "its target names where it happened (\"shelled the Dniprovskyi "
              "district\"); known by its place alone it is still coded"),
    _property("addresses_home", "without a recipient it addresses the state where it happens"),
    _property("domestic", "without a recipient, its recipient is the state of its place"),
    _property("reciprocal", "actor and recipient act alike (a meeting): the same happening "
              "whichever is named first"),
    _property("split_by_place", "the same happening in two places is two events"),
    _property("conflictual", "PLOVER's material or verbal conflict: announced for the future it "
              "is THREATEN"),
    _property("future_agree", "announced for the future it is AGREE: PLOVER's cooperation, and "
              "RETREAT and CONCEDE as the PLOVER gold records code them"),
    _property("negated_reject", "negated, with an actor, it is REJECT: cooperation, agreement, a "
              "retreat or a concession refused or failed"),
    _property("located_by_recipient", "placed nowhere else, it happened in its target's "
              "country"),
    _property("deployment", "a deployment: where it stands abroad is its recipient"),
    _property("decided_at_home", "decided by a state's government or courts and placed nowhere "
              "else, it happened in that state"),
    _property("model_detects", "the sentence model was trained to tell it from plain prose; "
              "the model gate may drop it"),
    _property("willed", "an act of will: done by a party, never by a thing (the "
              "strict_happenings setting drops it when its subject is a thing)"),
    _property("one_sided", "done by a party to no one (troops deployed, a truce declared): "
              "the drop_one_sided setting keeps it without a recipient"),
)


def _word_lists(folder: str, table: str, lists: dict[str, str]) -> Schema:
    return Schema(
        folder, table,
        "Word lists the rules read, one word a row (the lists are described below).", (
            Column("list", "the list's name (one of those below)", one_of(*lists)),
            Column("word", "the word, lowercase (a verb: its lemma)"),
        ), ("list", "word"))


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
               Column("value", "what the word means in its class (weapon: its PLOVER mode, a "
                      "mode of modes.tsv)",
                      required=False),
           ), ("class", "lemma"), row_check=_weapon_mode),
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
    Schema("coder", "plover_types.tsv", "PLOVER event types and the properties the coder's rules "
           "read of them.", (
               Column("type", "PLOVER event type", one_of(*PLOVER_TYPES)),
               *PLOVER_PROPERTIES,
           ), ("type",)),
    _word_lists("coder", "coder_words.tsv", CODER_WORD_LISTS),
    Schema("coder", "modes.tsv", "PLOVER modes the ACLED mapping reads: which weapon wins and "
           "which ACLED sub-event type a mode gives.", (
               Column("mode", "PLOVER mode (a weapon word's value in classes.tsv, or a "
                      "triggers.tsv mode)"),
               Column("rank", "when an event's weapon words give several modes, the lowest rank "
                      "wins (the most specific weapon; empty: never a weapon word's mode)",
                      integer, required=False),
               Column("acled", "code of acled.tsv an ASSAULT of this mode gets under a trigger "
                      "row with ACLED code '*' (empty: who is hit decides: an attack on "
                      "civilians or an armed clash)", refers("acled.tsv", "code"),
                      required=False),
           ), ("mode",)),
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
        Column("seat", "TOWN/ISO3 where the body sits and decides (an IGO's headquarters)",
               _seat, required=False, may_be_absent=True),
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
    Schema("resolve", "place_abbreviations.tsv", "State and province abbreviations read after a "
           "town and a comma (\"LAWRENCEVILLE, Ga.\").", (
               Column("abbreviation", "as written (case and full stops matter)"),
               Column("iso2", "ISO 3166 alpha-2 code", ISO2),
               Column("region", "the region's name as the gazetteer knows it"),
           ), ("abbreviation", "iso2")),
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
    Schema("resolve", "date_numbers.tsv", "How many days, weeks, months or years a number word "
           "of a relative date counts (\"a few days ago\"); dates.tsv's patterns give the "
           "words.", (
               Column("word", "the words, lowercase, separated by single spaces", LOWER_WORDS),
               Column("value", "the count", integer),
           ), ("word",)),
    _word_lists("resolve", "date_words.tsv", DATE_WORD_LISTS),
    Schema("resolve", "numbers.tsv", "Number words and vague magnitudes.", (
        Column("word", "the word"),
        Column("value", "its value", number),
        Column("kind", "unit, scale or vague", one_of("unit", "scale", "vague")),
        Column("qualifier", "for vague magnitudes", required=False, may_be_absent=True),
    ), ("word",)),
    Schema("resolve", "number_labels.tsv", "Words next to a number that make it no count.", (
        Column("word", "lowercase"),
        Column("kind", "label, currency or age", one_of("label", "currency", "age")),
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
    _word_lists("resolve", "count_words.tsv", COUNT_WORD_LISTS),
    Schema("resolve", "count_qualifiers.tsv", "Words right before a number that qualify the count "
           "(\"at least 12\"); the rows are tried in order and the first that matches wins.", (
               Column("words", "the words, lowercase, separated by single spaces", LOWER_WORDS),
               Column("qualifier", "what the count carries: at least, more than, up to, about; "
                      "'-' none (the words only belong to the count's text)"),
           ), ("words",)),
    Schema("resolve", "quantity_verbs.tsv", "What a verb says happened to counted things.", (
        Column("verb", "lemma"),
        Column("preposition", "that must follow it (empty: any)", required=False),
        Column("status", "launched, killed, intercepted, ..."),
    ), ("verb", "preposition")),
    Schema("resolve", "sector_codes.tsv", "Actor codes (PLOVER sectors, and the codes of bodies "
           "that stand in an actor's country) and the properties the rules read of them.", (
               Column("code", "the code", SECTOR_CODE_CHECK),
               Column("name", "what it stands for"),
               Column("field", "the actor field it stands in: sector or country",
                      one_of("sector", "country")),
               *SECTOR_PROPERTIES,
           ), ("code",)),
    Schema("resolve", "pair_nouns.tsv", "Nouns that \"the two ...\" or \"both ...\" make the two "
           "states last named (\"the two nations\").", (
               Column("noun", "singular, lowercase"),
               _property("as_phrase", "the actor resolver reads \"the two NOUN\" as the pair "
                         "(a phrase's text, actor_for_text and the actor scan)"),
               _property("as_head", "the coder reads a parsed head NOUN with \"two\" or "
                         "\"both\" as the pair (an event's parties)"),
           ), ("noun",)),
    _word_lists("resolve", "actor_words.tsv", ACTOR_WORD_LISTS),
    _word_lists("resolve", "place_words.tsv", PLACE_WORD_LISTS),
    Schema("resolve", "irregular_plurals.tsv", "Plural nouns the English singular rule gets "
           "wrong (\"men\"), and the singular the lookups use.", (
               Column("plural", "the plural, lowercase", LOWER_WORD),
               Column("singular", "its singular, lowercase (the plural itself: a noun that keeps "
                      "its form, \"police\", \"arms\")", LOWER_WORD),
           ), ("plural",)),
    Schema("resolve", "split_states.tsv", "Halves of split states the news calls \"the North\" and "
           "\"the South\", by the article's country.", (
               Column("word", "the word, lowercase (north, south)"),
               Column("country", "ISO3 of countries.tsv: a country the article is about", COUNTRY),
               Column("half", "ISO3 of countries.tsv: the half the word names there", COUNTRY),
           ), ("word", "country")),
)

_STORE = (
    Schema("store", "acled_types.tsv", "ACLED's event types and sub-event types, and what the "
           "coder reads of them.", (
               Column("event_type", "ACLED event type"),
               Column("sub_event_type", "ACLED sub-event type"),
               Column("weight", "what a factual event of this sub-event type adds to its "
                      "salience, which ranks a document's events (the first names the document): "
                      "violence and riots 2, protests 1.5, strategic developments 1", number),
               _property("riot", "a crowd's violence: the sentence model's reading of an "
                         "organised armed actor's event as this sub-event type is not taken (the "
                         "rules know who acted)"),
               _property("named_weapon", "names a weapon the text itself must name: the "
                         "sentence model alone does not choose this sub-event type (it reads "
                         "\"suffocation\" as gas); the rules' weapon words do"),
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

# The word lists of each word-list table (docs/tables.md describes each list).
WORD_LISTS: dict[str, dict[str, str]] = {"actor_words.tsv": ACTOR_WORD_LISTS,
                                         "coder_words.tsv": CODER_WORD_LISTS,
                                         "count_words.tsv": COUNT_WORD_LISTS,
                                         "date_words.tsv": DATE_WORD_LISTS,
                                         "place_words.tsv": PLACE_WORD_LISTS}

SCHEMAS: dict[str, Schema] = {s.name: s for s in (*_CODER, *_EXTRACT, *_RESOLVE, *_STORE)}
