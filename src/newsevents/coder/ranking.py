"""How sure the coder is of an event, and how much it is the article's news.

Confidence (0..1) = 0.45 for a row match, +0.10 verb trigger, +0.15 actor found in the clause
(+0.05 if inherited), +0.10 recipient, +0.05 place of its own, +0.05 date words, -0.10 for a noun trigger
without any argument; capped at 0.95.

Salience ranks the document's events: factual ACLED-scope events first (the weight of their
sub-event type in acled_types.tsv: violence and riots +2, protests +1.5, strategic developments
+1), the story's first sentences (+1.5 for the first, +0.75 for the second), earlier paragraphs,
reported casualties (+0.5) and confidence; hypothetical, negated and historical events -0.5,
background phrases -2.5. The first-ranked event's ACLED
sub-event type is the document label.

An event whose trigger hangs under another event's trigger in its sentence is told by that
event ("Palestinians blamed Israel for the bombing", "rebels surrendered following a government
offensive", "helicopters evacuated the wounded", "reimposed a curfew following the shooting",
where the curfew is the verb's object): it ranks just below its teller, since the
sentence reports the telling (PLOVER codes the main predicate), and it gets the rule
``told-by-another``. When such a teller is out of ACLED scope and ranks first, the happening it
tells names the document (a statement condemning a bombing: the article's ACLED news is the
bombing).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from spacy.tokens import Token

from ..lexicon import acled_sub_types, acled_weights, coder_words, plover_types, sector_codes
from ..records import Acled, Event
from . import document
from .draft import Draft
from .model_gate import BACKGROUND_OVER


def confidence(d: Draft) -> float:
    score = 0.45
    score += 0.10 if d.row.pos == "VERB" else 0.0
    score += 0.05 if d.inherited else (0.15 if d.actor else 0.0)
    score += 0.10 if d.recipient and document.ADDRESSED_IN_STORY not in d.rules else 0.0
    # a place carried over from the paragraph is not support its own words give
    score += 0.05 if d.place and "place-from-paragraph" not in d.rules else 0.0
    score += 0.05 if d.date_from_text else 0.0
    if d.row.pos == "NOUN" and not d.actor and not d.recipient:
        score -= 0.10
    return round(max(0.05, min(0.95, score)), 3)


# The first sentences of a story carry its news (the lead, a monitor's opening line): an event
# there gains LEAD_BONUS, one sentence later LEAD_STEP less, and so on.
LEAD_BONUS = 1.5
LEAD_STEP = 0.75


def salience(d: Draft, acled: Acled | None, n_paragraphs: int, conf: float,
             lead: int | None = None, sentence: int = 0) -> float:
    score = max(0.0, LEAD_BONUS - LEAD_STEP * sentence)
    if acled is not None and d.modality == "factual" and d.attribution.stance != "denied":
        score += acled_weights()[acled.sub_event_type]
        if acled.sub_event_type == "Agreement" and d.token.sent.start == lead and \
                document.main_happening(d.token):
            # a truce or prisoner exchange the lead reports is the news; fighting told
            # around it ("since the war began", "hours before the deal") is background
            score += 1.5
    score += 1.0 - d.paragraph / max(1, n_paragraphs)
    if d.fatalities and (d.fatalities.killed or d.fatalities.injured):
        score += 0.5
    if d.modality in ("hypothetical", "negated", "historical"):
        score -= 0.5
    if document.background(d.token):
        score -= 2.5  # "after violent protests", "where 28 were killed": not the main news
    return round(score + 0.3 * conf, 4)


# The model's sub-event type names the document when it is this sure of it (coder/model_gate.py
# leaves the event's own ``acled`` to the rules unless it is surer still: see there).
LABEL_OVER = 0.6


def label_of(e: Event) -> str:
    """The ACLED sub-event type an event gives the document: the sentence model's reading of
    the sentence that first tells it (``_first_told``) when it is sure of one, else the event's
    own; except that an organised armed
    actor's violence is never a riot (the rules know who acted: a gang storming a town is an
    attack, not a mob), and a weapon the text names ("grenades filled with a choking agent": a
    chemical weapon) says more than the model's reading of the sentence. The model's sure
    reading of no ACLED event at all counts for the types it is trained to detect
    (``model_detects`` in plover_types.tsv: violence, protest, coercion, mobilisation): the
    arrests and shootings of common crime; not for a protest (ACLED counts every public
    demonstration, and the model reads a protest told as going on, "the farmers' agitation
    entered its eleventh day", as no event), nor for a truce or a handover, which it reads too
    often as mere talk, nor for an event another tells ("officials blamed Israel for the air
    strike": the sentence's reading is the accusation's)."""
    own = e.acled.sub_event_type if e.acled is not None else "none"
    probs = _first_told(e).get("acled") or {}
    if own == "none" or not probs or own in acled_sub_types("named_weapon"):
        return own
    best = max(probs, key=probs.__getitem__)
    if _kept_from_model(best, e, "armed"):
        return own
    if best == "none" and probs[best] >= LABEL_OVER and e.type in plover_types("model_detects") \
            and e.type != "PROTEST" and TOLD_BY not in e.evidence.rule.split("+"):
        return "none"  # an arrest or a shooting of common crime: out of ACLED's scope
    return best if best != "none" and probs[best] >= LABEL_OVER else own


# Readings that are no happening the article reports: a past one retold for context ("Last
# year protesters stormed parliament"), a denied, possible or announced one.
NOT_REPORTED = ("negated", "hypothetical", "future", "historical")


def document_label(events: list[Event]) -> str:
    """The sentence model's sure reading of the lead (``_lead_reading``); else the ACLED
    sub-event type of the first-ranked event the article reports as happening, or "none" when
    that event is out of ACLED scope (ACLED-scope factual events rank first) or the article
    reports none."""
    lead = _lead_reading(events)
    if lead is not None:
        return lead
    reported = [e for e in rank(events) if e.modality not in NOT_REPORTED]
    if not reported:
        return "none"
    top = reported[0]
    if top.acled is None:
        told = next((e for e in reported[1:] if e.acled is not None
                     and e.evidence.sentence == top.evidence.sentence
                     and TOLD_BY in e.evidence.rule.split("+")), None)
        return label_of(told) if told is not None else "none"
    return label_of(top)


# The model's reading of the lead sentence names the document when it is this sure of an ACLED
# sub-type: a lead says what the story reports, and the model reads a whole sentence where the
# rules read one trigger ("youths set cars ablaze and fired fireworks at police": a violent
# demonstration, not an attack).
LEAD_OVER = 0.8


def _lead_reading(events: list[Event]) -> str | None:
    """The sub-type the model is sure the first sentence telling an event reports (an earlier
    mention of the event's happening, ``_first_told``, or its evidence), whatever the
    rules made of that event ("troops pulled out of the city without a fight": a transfer of
    territory, though the rules' fighting is negated), unless the model reads that sentence as
    ahead or as background as surely as the gate marks an event background
    (``model_gate.BACKGROUND_OVER``: a dated lead, "Heavy fighting broke out on 16 January",
    reads about as much background as news); not its sure reading of no event or of "Other"
    (a story's opening scene may be neither), not a weapon the text must name, and not a riot
    where a non-state armed group acts (a gang storming a town attacks; police facing rioters do
    not make it an attack)."""
    body = [e for e in events if e.evidence.part == "body"]
    if not body:
        return None
    start = min(_first_told(e).get("start", e.evidence.start) for e in body)
    for e in body:
        told = _first_told(e)
        probs, when = told.get("acled") or {}, told.get("temporal") or {}
        if told.get("start", e.evidence.start) != start or not probs or not when or \
                max(when, key=when.__getitem__) == "future" or \
                when.get("background", 0.0) >= BACKGROUND_OVER:
            continue
        best = max(probs, key=probs.__getitem__)
        if probs[best] >= LEAD_OVER and best not in ("none", "Other") and \
                not _kept_from_model(best, e, "nonstate_armed"):
            return best
    return None


def _first_told(e: Event) -> dict[str, Any]:
    """The model's reading of the sentence that first tells the event's happening in the body
    (``model_gate``: an earlier mention's, "Police arrested six people Monday", when the
    evidence is a later telling that names one of them), else of its evidence."""
    scores = e.scores or {}
    return scores.get("first_told") or scores


def _kept_from_model(best: str, e: Event, armed: str) -> bool:
    """Readings the model's sure one may not give: a weapon the text must name (model_gate),
    and a riot where a party of the ``armed`` sector codes acts (the rules know who acted)."""
    return best in acled_sub_types("named_weapon") or (
        best in acled_sub_types("riot") and any(a.sector in sector_codes(armed) for a in e.actor))


TOLD_BY = "told-by-another"
TOLD_STEP = 0.01  # how far below its teller a told event ranks


def _teller(b: Draft, drafts: list[Draft]) -> int | None:
    """The index of the draft whose trigger is the nearest one above ``b``'s in its sentence (or
    a noun object of that word, ``_tells_at``), through at least one step that is no
    coordination ("pulled them out and burned them": two acts told side by side)."""
    t = b.token
    under = False
    child = t
    for anc in t.ancestors:
        if anc.sent.start != t.sent.start:
            return None
        under = under or child.dep_ not in ("conj", "appos")
        child = anc
        if under:
            # (an object noun of the verb tells what the verb brings in, not its co-objects)
            sibling = _argument_of(t, anc)
            teller = next((i for i, a in enumerate(drafts)
                           if a is not b and a.token.doc is t.doc and (
                               a.token.i == anc.i or (not sibling and _tells_at(a.token, anc)))),
                          None)
            if teller is not None:
                return teller
    return None


def _argument_of(t: Token, verb: Token) -> bool:
    """``t`` is an object of ``verb`` as another event's noun may be: two objects of one verb
    are told side by side ("put under investigation ... during a summit"), but not what a
    background preposition brings in ("reimposed a curfew following the shooting")."""
    return _tells_at(t, verb) and not (
        t.dep_ == "pobj" and t.head.lower_ in coder_words("background-preposition"))


def _tells_at(trigger: Token, anc: Token) -> bool:
    """``trigger`` is ``anc``, or a noun that is ``anc``'s object ("Israel reimposed blockades
    following the shooting deaths", "was put under investigation for her role in rioting":
    the noun's event is what its verb says)."""
    if trigger.i == anc.i:
        return True
    if trigger.pos_ != "NOUN":
        return False
    head = trigger.head
    if trigger.dep_ == "dobj":
        return head.i == anc.i
    return trigger.dep_ == "pobj" and head.dep_ == "prep" and head.head.i == anc.i


def told_by_another(drafts: list[Draft], events: list[Event]) -> list[Event]:
    """``events`` (one per draft) with each told event ranked below its teller (module doc);
    tellers higher in the tree are settled first, so a chain of tellings keeps its order."""
    out = list(events)
    for j in sorted(range(len(drafts)), key=lambda k: sum(1 for _ in drafts[k].token.ancestors)):
        i = _teller(drafts[j], drafts)
        if i is None or out[j].salience < out[i].salience:
            continue
        told = out[j]
        out[j] = replace(told, salience=round(out[i].salience - TOLD_STEP, 4),
                         evidence=replace(told.evidence, rule=f"{told.evidence.rule}+{TOLD_BY}"))
    return out


def rank(events: list[Event]) -> list[Event]:
    """Events by salience, highest first; ties keep text order."""
    return sorted(events, key=lambda e: (-e.salience, e.evidence.start))


__all__ = ["TOLD_BY", "confidence", "document_label", "label_of", "rank", "salience",
           "told_by_another"]
