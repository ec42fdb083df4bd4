"""Stance across sentences: a happening one party tells and another denies.

"Two Turkish security sources said a migrant died after Greek forces acted. Athens denied the
incident.": the death is ``denied``. When the denying party also gives its own account ("The
army rejected the accusation, saying the strike had hit a vehicle"; or its spokesman tells
another version in the next sentence) the two parties disagree: the happening is ``disputed``.
Either way the attribution keeps both sources ("Two Turkish security sources; denied by
Athens") and the claimant stays the ``source_actor``. A party that tells the happening as not
having happened ("the helicopter was not shot down, the US military said") denies it too
(``fold_negated_tellings``).

A denial is a draft whose trigger is a denying verb of the cue table (``cues.tsv``: a ``say``
verb of stance ``denied``) that denies something: "deny" with any object or clause, "reject"
and "dismiss" only a claim noun ("the accusation", "the report") or a clause. What it denies
is, first, the happening its relative clause hangs on ("the attack, which Islamabad denies"),
else the nearest earlier happening (of a type that is no statement: ``plover_types.tsv``
``verbal``) within ``DENIAL_REACH`` sentences that another party
claims and that the denier takes part in (as actor or recipient: the accused or the side said
to have lost). A denial's recipient is the claimant, else the party whose accusation of the
denier was told just before (``recipient-is-accuser``).
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from ..lexicon import coder_words, plover_types
from ..records import Actor
from .draft import Draft
from .match import lemma_of
from .tables import Tables

DENIAL_REACH = 3  # sentences back a denial may reach: the claim is told just before it


def _denying_verbs(tables: Tables) -> frozenset[str]:
    return frozenset(lem for lem, stance in tables.cues.get("say", {}).items()
                     if stance == "denied")


def _claim_nouns(tables: Tables) -> frozenset[str]:
    return frozenset(tables.cues.get("noun", {}))


def is_denial(d: Draft, tables: Tables) -> bool:
    """``d`` denies something: "denied the incident", "denied that ...", "rejected the
    accusation", "which Islamabad denies" (and not "rejected the proposal")."""
    t = d.token
    lem = lemma_of(t)
    if t.pos_ != "VERB" or lem not in _denying_verbs(tables):
        return False
    if any(c.dep_ in ("ccomp", "xcomp") for c in t.children) or t.dep_ == "relcl":
        return True
    objects = [c for c in t.children if c.dep_ in ("dobj", "obj")]
    return bool(objects) and (lem == "deny" or any(
        lemma_of(o) in _claim_nouns(tables) for o in objects))


def _party_keys(actors: tuple[Actor, ...]) -> frozenset[str]:
    """A party's country; for a party without one, its sector ("the army", "the rebels")."""
    return frozenset(k for a in actors if (k := a.country or a.sector))


def _clauses(t: Token) -> list[Token]:
    return [c for c in t.children if c.dep_ in ("ccomp", "xcomp")]


def _tells_type(t: Token, pos: str, kind: str, tables: Tables) -> bool:
    return any(row.type == kind for row in tables.triggers.get((lemma_of(t), pos), ()))


def denies_what_it_tells(denial: Draft, target: Draft, tables: Tables) -> bool:
    """The denial's object or clause can tell ``target``: a clause of its trigger's verb or
    of a verb of its type ("denied the helicopter was shot down", "denied firing"), a claim
    noun or a word for the happening ("denied the accusation", "the incident"), a noun of its
    type ("denied the attack"); not "denied any breach" after a telling of talks."""
    t = denial.token
    for c in _clauses(t):
        if lemma_of(c) == lemma_of(target.token) or _tells_type(c, "VERB", target.type, tables):
            return True
    things = _claim_nouns(tables) | coder_words("denied-thing")
    return any(lemma_of(o) in things or o.lower_ in things
               or _tells_type(o, "NOUN", target.type, tables)
               for o in t.children if o.dep_ in ("dobj", "obj"))


def _denier(d: Draft) -> frozenset[str]:
    return _party_keys(d.actor)


def _sentences_between(earlier: Token, later: Token) -> int | None:
    """Sentences from ``earlier``'s to ``later``'s (0: the same one); None past the reach."""
    a, b = earlier.sent, later.sent
    steps = 0
    while a.start != b.start:
        if a.start > b.start or steps >= DENIAL_REACH:
            return None
        a = a.doc[a.end].sent
        steps += 1
    return steps


def _claimed_by_another(target: Draft, denier: frozenset[str]) -> bool:
    """The happening is told on a party's word, and that party is not the denier."""
    attr = target.attribution
    if attr.stance not in ("claimed", "unconfirmed") or not attr.source:
        return False
    src = attr.source_actor
    return src is None or not _party_keys((src,)) & denier


def _takes_part(target: Draft, denial: Draft) -> bool:
    """The denier is a side of the happening: of its country, or, where a side has no country
    yet, of its sector ("the helicopter was shot down", denied by "the US military")."""
    return any(_same_side(p, q) for p in (*target.actor, *target.recipient) for q in denial.actor)


def _same_side(a: Actor, b: Actor) -> bool:
    if a.country and b.country:
        return a.country == b.country
    return bool(a.sector) and a.sector == b.sector


def _relative_antecedent(denial: Draft, drafts: list[Draft]) -> Draft | None:
    """"the attack, which Islamabad denies": the happening whose trigger the clause hangs on."""
    t = denial.token
    if t.dep_ != "relcl":
        return None
    return next((d for d in drafts if d.token.i == t.head.i and d.type not in plover_types("verbal")),
                None)


def denied_happening(denial: Draft, drafts: list[Draft], tables: Tables) -> Draft | None:
    """The happening ``denial`` answers (see the module doc)."""
    if denial.token.dep_ == "relcl":  # it names what it denies
        return _relative_antecedent(denial, drafts)
    denier = _denier(denial)
    if not denier:
        return None
    for d in reversed(drafts):
        if d is denial or d.token.i >= denial.token.i or d.type in plover_types("verbal"):
            continue
        back = _sentences_between(d.token, denial.token)
        if back is None:
            return None
        if _takes_part(d, denial) and _claimed_by_another(d, denier) \
                and denies_what_it_tells(denial, d, tables):
            return d
    return None


def _own_account(denial: Draft, drafts: list[Draft], tables: Tables) -> bool:
    """The denier tells its own version: a reporting verb hangs on the denial ("rejected the
    accusation, saying ..."), or a happening of the next sentence is on the denier's word."""
    say = tables.cues.get("say", {})
    t = denial.token
    if any(c.dep_ in ("advcl", "conj") and say.get(lemma_of(c)) == "claimed"
           for c in t.children):
        return True
    # ("An army spokesman said ..." after "The Indian army denied ...": the same side)
    side = frozenset(k for a in denial.actor for k in (a.country, a.sector) if k)
    return any(_sentences_between(denial.token, d.token) == 1 and _source_keys(d) & side
               for d in drafts if d.token.i > t.i)


def _source_keys(d: Draft) -> frozenset[str]:
    src = d.attribution.source_actor
    return _party_keys((src,)) if src is not None else frozenset()


def _denier_text(denial: Draft) -> str:
    if denial.actor_tokens:
        toks = sorted(denial.actor_tokens, key=lambda x: x.i)
        # a span of the words: Doc.text would join the whole article
        return denial.token.doc[toks[0].i:toks[-1].i + 1].text
    return denial.actor[0].text if denial.actor else ""


def mark_denials(drafts: list[Draft], tables: Tables) -> None:
    """Each happening a party denies gets ``denied`` (or ``disputed`` when the denier tells its
    own account), keeping the claimant's source and naming the denier (rule
    ``denied-by:<row>``/``disputed-by:<row>``)."""
    for denial in drafts:
        if not is_denial(denial, tables):
            continue
        target = denied_happening(denial, drafts, tables)
        if target is None or target.attribution.stance in ("denied", "disputed"):
            continue
        stance = "disputed" if _own_account(denial, drafts, tables) else "denied"
        who = _denier_text(denial)
        attr = target.attribution
        source = f"{attr.source}; {stance} by {who}" if attr.source else f"{stance} by {who}"
        text = f"{attr.text}; {who} {denial.token.text}".strip("; ")
        target.attribution = replace(attr, stance=stance, source=source, text=text)
        target.rules.append(f"{stance}-by:{denial.row.rule}")
        if not denial.recipient and attr.source_actor is not None:
            # a denial answers the party that made the claim ("The army rejected the accusation")
            denial.recipient = (attr.source_actor,)
            denial.rules.append("recipient-is-claimant")
    for denial in drafts:
        if not denial.recipient and is_denial(denial, tables):
            _answer_the_accuser(denial, drafts)


def _answer_the_accuser(denial: Draft, drafts: list[Draft]) -> None:
    """"India has blamed Pakistan for the attack, which Islamabad denies", "The ELN accused the
    government of breaching earlier agreements. ... The government denied any breach.": a
    denial answers the party whose accusation of it was told just before (an ACCUSE within
    ``DENIAL_REACH`` sentences whose target is the denier)."""
    denier = _denier(denial)
    if not denier:
        return
    for d in reversed(drafts):
        if d.token.doc is not denial.token.doc or d.token.i >= denial.token.i:
            continue
        if _sentences_between(d.token, denial.token) is None:
            return
        if d.type == "ACCUSE" and d.actor and _party_keys(d.recipient) & denier \
                and not _party_keys(d.actor) & denier:
            denial.recipient = d.actor
            denial.rules.append("recipient-is-accuser")
            if d.date_from_text and not denial.date_from_text:
                # a denial told with no day of its own answered the accusation when it was made
                # ("... after the ELN accused the government last month. The government denied
                # any breach.")
                denial.date = d.date
                denial.rules.append("date-from-accusation")
            return


def fold_negated_tellings(drafts: list[Draft]) -> list[Draft]:
    """"The Taliban said they shot down the helicopter. The US military said the helicopter was
    not shot down.": a happening told as not having happened, on the word of a party other than
    the one that claims it, within ``DENIAL_REACH`` sentences, is that party's denial of the
    claim: the claimed happening is ``denied`` (its source names both), and the negated telling
    is no event of its own (rule ``denied-by-negation``)."""
    out: list[Draft] = []
    for d in drafts:
        target = _negated_claim(d, out)
        if target is None:
            out.append(d)
            continue
        who = d.attribution.source or ""
        attr = target.attribution
        target.attribution = replace(attr, stance="denied", source=f"{attr.source}; denied by {who}",
                                     text=f"{attr.text}; {d.attribution.text}".strip("; "))
        target.rules.append("denied-by-negation")
    return out


def _same_parties(a: Draft, b: Draft) -> bool:
    """The negated telling names a side of the claimed happening in the same role ("the
    helicopter" both times); "nobody in Venezuela was detained" names none."""
    return any(_same_side(p, q) for p in a.recipient for q in b.recipient) or any(
        _same_side(p, q) for p in a.actor for q in b.actor if not b.inherited)


def _negated_claim(d: Draft, earlier: list[Draft]) -> Draft | None:
    """The claimed happening ``d`` tells as not having happened (see ``fold_negated_tellings``)."""
    src = d.attribution.source_actor
    if d.modality != "negated" or d.type in plover_types("verbal") or src is None or \
            d.attribution.stance != "claimed" or not any(c.dep_ == "neg" for c in d.token.children):
        return None  # (a blanket "nobody was detained" denies no one telling in particular)
    for e in reversed(earlier):
        back = _sentences_between(e.token, d.token)
        if back is None:
            return None
        if back > 0 and e.type == d.type and lemma_of(e.token) == lemma_of(d.token) and \
                e.modality == "factual" and _claimed_by_another(e, _party_keys((src,))) and \
                _same_parties(e, d):
            return e
    return None


__all__ = ["DENIAL_REACH", "denied_happening", "fold_negated_tellings", "is_denial",
           "mark_denials"]
