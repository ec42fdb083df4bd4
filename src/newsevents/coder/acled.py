"""ACLED event and sub-event type of a coded event, and the ASSAULT mode from weapon words.

Weapon words (classes.tsv, class ``weapon``) give the PLOVER mode; when several appear the
most specific wins (modes.tsv's rank). ASSAULT rows with ACLED code "*" are mapped from that mode
(modes.tsv's acled column) and from whom the violence hits: remote weapons -> Explosions/Remote violence sub-types; direct
violence against civilians -> Violence against civilians / Attack; otherwise Battles / Armed
clash. Protest rows are upgraded to riots when violent words appear, and to interventions when
authorities disperse or arrest.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from spacy.tokens import Token

from ..lexicon import mode_acled, sector_codes, weapon_modes
from ..records import Acled, Actor
from .match import lemma_of
from .tables import Tables


def weapon_mode(tokens: Iterable[Token], tables: Tables) -> str | None:
    found = {tables.classes["weapon"][lemma_of(t)] for t in tokens
             if lemma_of(t) in tables.classes.get("weapon", {})}
    for mode in weapon_modes():
        if mode in found:
            return mode
    return None


def plover_mode(mode: str | None) -> str | None:
    """"grenade" is an ACLED distinction only; PLOVER calls it explosives."""
    return "explosives" if mode == "grenade" else mode


def _civilian(actors: Iterable[Actor], tokens: Iterable[Token], tables: Tables) -> bool:
    """Civilians: named so, or a person named with no armed role ("Rafael Ortiz was shot":
    ACLED counts an individual as a civilian unless the text says otherwise)."""
    actors = tuple(actors)
    if any(a.sector == "CVL" for a in actors):
        return True
    if any(a.sector in sector_codes("combatant") for a in actors):
        return False
    if any(a.kind == "person" and a.sector is None for a in actors):
        return True
    return any(tables.in_class("civilian", lemma_of(t)) or tables.in_class("person", lemma_of(t))
               or t.ent_type_ == "PERSON" for t in tokens)


def _group_raid_on_civilians(actor: tuple[Actor, ...], recipient: tuple[Actor, ...],
                             clause: list[Token], tables: Tables) -> bool:
    """ACLED: a gang or militia that storms a town "shooting residents" attacks civilians,
    not an armed party: a non-state armed actor, no armed recipient, and unarmed victims
    named in the clause."""
    if not any(a.sector in sector_codes("nonstate_armed") for a in actor):
        return False
    if any(a.sector in sector_codes("armed") for a in recipient):
        return False
    return any(tables.in_class("victim", lemma_of(t)) for t in clause)


def force_on_protest(type_: str, recipient_tokens: Iterable[Token], tables: Tables) -> bool:
    """Violence or coercion aimed at protesters ("fired on demonstrators"): excessive force
    against protesters or a protest with intervention, in ACLED's terms."""
    return type_ in ("ASSAULT", "COERCE") and any(
        tables.in_class("protester", lemma_of(t)) for t in recipient_tokens)


def acled_for(code: str, mode: str | None, actor: tuple[Actor, ...], recipient: tuple[Actor, ...],
              recipient_tokens: Sequence[Token], clause: list[Token], type_: str,
              killed: int | None, tables: Tables,
              actor_tokens: Iterable[Token] = (), crowd: bool = False) -> Acled | None:
    """The ACLED type of an event coded under a row with ACLED code ``code`` ("-": none; "*":
    from the weapon mode and who is hit; "*territory": by whose side takes it), then turned by
    who acts (a mob, rioters), who is hit (protesters) and the words around a protest."""
    if code == "-":
        return None
    if code == "*territory":
        key = "gov_regain" if any(a.sector in sector_codes("state_force") for a in actor) else "nonstate_take"
    elif code == "*" or (code == "loot" and killed):
        # (ACLED: looting or destruction within an attack is absorbed into it: "set houses on
        # fire and killed 12 villagers" is an attack, not property destruction)
        # (a destruction that kills is read by who is hit, not by its "destroy" mode)
        key = _violence_key(None if code == "loot" else mode, actor, recipient,
                            recipient_tokens, clause, tables)
    else:
        key = code
    if type_ == "ASSAULT":
        key = _crowd_key(key, actor_tokens, crowd, tables)
    if force_on_protest(type_, recipient_tokens, tables):
        key = "protest_force" if (killed or mode == "firearms") else "protest_int"
    if key == "protest":
        key = _protest_key(clause, killed, tables)
    if key == "protest_int" and killed:
        key = "protest_force"
    event_type, sub = tables.acled[key]
    return Acled(event_type=event_type, sub_event_type=sub)


def _violence_key(mode: str | None, actor: tuple[Actor, ...], recipient: tuple[Actor, ...],
                  recipient_tokens: Sequence[Token], clause: list[Token], tables: Tables) -> str:
    """A remote weapon's sub-type (shelling told with aircraft words is an air strike); else
    an attack on civilians, else an armed clash."""
    if mode is not None and mode in mode_acled():
        key = mode_acled()[mode]
        if key == "shell" and any(lemma_of(t) in ("air", "aviation", "airstrike", "warplane")
                                  for t in clause):
            return "air"
        return key
    if _civilian(recipient, recipient_tokens, tables) and not _civilian(actor, (), tables):
        return "attack_civ"
    if _group_raid_on_civilians(actor, recipient, clause, tables):
        return "attack_civ"
    return "clash"


def _crowd_key(key: str, actor_tokens: Iterable[Token], crowd: bool, tables: Tables) -> str:
    """Violence by a crowd: a mob attacking without protest aims (lynching, vigilantes), or
    rioters (clashing with police, burning shops); not for air strikes and shelling."""
    if key in ("air", "shell"):
        return key
    by_crowd = {tables.classes.get("crowdactor", {}).get(lemma_of(t)) for t in actor_tokens}
    if "mob" in by_crowd:
        return "mob"
    if "riot" in by_crowd or crowd:
        return "riot"
    return key


def _protest_key(clause: list[Token], killed: int | None, tables: Tables) -> str:
    """A protest turns riot with violent words in its clause, and an intervention when
    authorities step in, which may be told anywhere in the sentence ("police fired tear gas and
    arrested dozens of demonstrators protesting ...")."""
    if any(tables.in_class("riotword", lemma_of(t)) for t in clause):
        return "riot"
    sentence = {lemma_of(t) for t in (clause[0].sent if clause else ())}
    if any(tables.in_class("intervene", w) for w in sentence):
        return "protest_force" if killed else "protest_int"
    return "protest"
