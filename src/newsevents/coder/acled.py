"""ACLED event and sub-event type of a coded event, and the ASSAULT mode from weapon words.

Weapon words (classes.tsv, class ``weapon``) give the PLOVER mode; when several appear the
most specific wins (MODE_RANK). ASSAULT rows with ACLED code "*" are mapped from that mode and
from whom the violence hits: remote weapons -> Explosions/Remote violence sub-types; direct
violence against civilians -> Violence against civilians / Attack; otherwise Battles / Armed
clash. Protest rows are upgraded to riots when violent words appear, and to interventions when
authorities disperse or arrest.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from ..records import Acled, Actor
from .match import lemma_of
from .tables import Tables

MODE_RANK = ("suicide-attack", "unconventional", "drone", "aerial", "heavy-weapons", "grenade",
             "explosives", "crowd-control", "firearms", "primitive")
MODE_TO_ACLED = {
    "suicide-attack": "suicide", "unconventional": "chemical", "drone": "air", "aerial": "air",
    "heavy-weapons": "shell", "grenade": "grenade", "explosives": "ied",
    "crowd-control": "protest_int", "abduct": "abduct", "sexual": "sexual", "destroy": "loot",
}
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY"})


def weapon_mode(tokens: Iterable[Token], tables: Tables) -> str | None:
    found = {tables.classes["weapon"][lemma_of(t)] for t in tokens
             if lemma_of(t) in tables.classes.get("weapon", {})}
    for mode in MODE_RANK:
        if mode in found:
            return mode
    return None


def plover_mode(mode: str | None) -> str | None:
    """"grenade" is an ACLED distinction only; PLOVER calls it explosives."""
    return "explosives" if mode == "grenade" else mode


def _civilian(actors: Iterable[Actor], tokens: Iterable[Token], tables: Tables) -> bool:
    if any(a.sector == "CVL" for a in actors):
        return True
    if any(a.sector in ("MIL", "REB", "COP", "SPY", "UAF") for a in actors):
        return False
    return any(tables.in_class("civilian", lemma_of(t)) or tables.in_class("person", lemma_of(t))
               for t in tokens)


NON_STATE_ARMED = frozenset({"REB", "CRM", "UAF"})
ARMED_SECTORS = frozenset({"MIL", "REB", "COP", "SPY", "UAF", "CRM"})


def _group_raid_on_civilians(actor: tuple[Actor, ...], recipient: tuple[Actor, ...],
                             clause: list[Token], tables: Tables) -> bool:
    """ACLED: a gang or militia that storms a town "shooting residents" attacks civilians,
    not an armed party: a non-state armed actor, no armed recipient, and unarmed victims
    named in the clause."""
    if not any(a.sector in NON_STATE_ARMED for a in actor):
        return False
    if any(a.sector in ARMED_SECTORS for a in recipient):
        return False
    return any(tables.in_class("victim", lemma_of(t)) for t in clause)


def acled_for(code: str, mode: str | None, actor: tuple[Actor, ...], recipient: tuple[Actor, ...],
              recipient_tokens: Iterable[Token], clause: list[Token], type_: str,
              killed: int | None, tables: Tables,
              actor_tokens: Iterable[Token] = (), crowd: bool = False) -> Acled | None:
    if code == "-":
        return None
    key: str
    if code == "*territory":
        key = "gov_regain" if any(a.sector in STATE_SECTORS for a in actor) else "nonstate_take"
    elif code == "*":
        if mode in MODE_TO_ACLED:
            key = MODE_TO_ACLED[mode]
            if key == "shell" and any(lemma_of(t) in ("air", "aviation", "airstrike", "warplane")
                                      for t in clause):
                key = "air"
        elif (_civilian(recipient, recipient_tokens, tables) and not _civilian(actor, (), tables)) or _group_raid_on_civilians(actor, recipient, clause, tables):
            key = "attack_civ"
        else:
            key = "clash"
    else:
        key = code
    by_crowd = {tables.classes.get("crowdactor", {}).get(lemma_of(t)) for t in actor_tokens}
    if type_ == "ASSAULT" and "mob" in by_crowd and key not in ("air", "shell"):
        key = "mob"  # a crowd attacking without protest aims (lynching, vigilantes)
    elif type_ == "ASSAULT" and ("riot" in by_crowd or crowd) and key not in ("air", "shell"):
        key = "riot"  # rioters clashing with police, demonstrators burning shops
    protester_hit = any(tables.in_class("protester", lemma_of(t)) for t in recipient_tokens)
    if type_ in ("ASSAULT", "COERCE") and protester_hit:
        key = "protest_force" if (killed or mode == "firearms") else "protest_int"
    if key == "protest":
        words = {lemma_of(t) for t in clause}
        # authorities stepping in may be told anywhere in the sentence ("police fired tear gas
        # and arrested dozens of demonstrators protesting ...")
        sentence = {lemma_of(t) for t in (clause[0].sent if clause else ())}
        if any(tables.in_class("riotword", w) for w in words):
            key = "riot"
        elif any(tables.in_class("intervene", w) for w in sentence):
            key = "protest_force" if killed else "protest_int"
    if key == "protest_int" and killed:
        key = "protest_force"
    event_type, sub = tables.acled[key]
    return Acled(event_type=event_type, sub_event_type=sub)
