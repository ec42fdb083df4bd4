"""Step 2 of the engine: triggers that are only part of another event's telling.

Each rule looks at one trigger beside the sentence's other triggers (``rows``, by token index)
and says True (part of another event: dropped), False (an event of its own) or None (no say);
``absorbed`` runs them in order and the first that has a say decides (default: kept).
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from ..lexicon import coder_words, plover_types
from . import syntax
from .match import lemma_of
from .tables import Tables, TriggerRow

# The links a trigger noun climbs to reach the verb whose object (or subject) it is.
NOUN_LINKS = ("dobj", "pobj", "pcomp", "prep", "agent", "nsubjpass", "attr", "conj", "compound")

Rows = dict[int, TriggerRow]
AbsorbRule = Callable[[Token, TriggerRow, Rows, Tables], bool | None]


def _verb_tells_noun(row: TriggerRow, verb: TriggerRow) -> bool:
    """"launched an attack", "agreed a ceasefire", "called off the strike": the noun is the
    verb's event; "condemned the arrest", "accepted the resignation": a happening of its own."""
    # A concession or retreat over a protest, repression or attack ("called off the strike",
    # "lifted the siege") tells its end: a pairing of two types, no property of either, so the
    # types stand here rather than in plover_types.tsv.
    return not (row.type in plover_types("material") and verb.type != row.type
                and verb.type not in plover_types("tells_noun")
                and not (verb.type in ("CONCEDE", "RETREAT") and row.type in (
                    "PROTEST", "COERCE", "ASSAULT")))


def banned(t: Token, row: TriggerRow, rows: Rows, tables: Tables) -> bool | None:
    """"banned all demonstrations in the city", "outlawed protests near parliament": what a ban
    forbids did not happen."""
    del tables  # every absorb rule takes the tables
    if row.pos != "NOUN" or t.dep_ != "dobj":
        return None
    verb = rows.get(t.head.i)
    return True if verb is not None and verb.mode == "ban" else None


def object_of_trigger_verb(t: Token, row: TriggerRow, rows: Rows, tables: Tables) -> bool | None:
    """A trigger noun that is the object of a trigger verb, up to the nearest verb."""
    if row.pos != "NOUN":
        return None
    cur = t
    while cur.dep_ in NOUN_LINKS and cur.head.i != cur.i:
        cur = cur.head
        if cur.i in rows and rows[cur.i].pos == "VERB":
            return _verb_tells_noun(row, rows[cur.i])
        if cur.pos_ in ("VERB", "AUX"):
            break
    return None


# The prepositions that name what someone is arrested or charged for.
_CHARGE_PREPOSITIONS = frozenset({"for", "with"})


def _bare(t: Token) -> bool:
    """No article, possessor or number: an offence named as a kind ("for aggravated assault"),
    a gerund ("for violating an order"); "for the murder of a shopkeeper" tells a happening."""
    if t.pos_ in ("VERB", "AUX"):
        return t.tag_ == "VBG"
    return not any(c.dep_ in ("det", "poss", "nummod") for c in t.children)


# Nouns of a charge: what is said under them ("18 charges, including conspiring to hack
# computers") is the charge, not a happening told.
_CHARGE_NOUNS = frozenset({"charge", "count", "indictment"})
_CHARGE_LINKS = ("pcomp", "xcomp", "conj", "prep", "pobj", "acl")


def _under_charge_noun(t: Token) -> bool:
    cur = t
    for _ in range(5):
        if cur.dep_ not in _CHARGE_LINKS or cur.head.i == cur.i:
            return False
        cur = cur.head
        if cur.pos_ == "NOUN" and lemma_of(cur) in _CHARGE_NOUNS:
            return True
    return False


def _under_plea(t: Token) -> bool:
    """"pleaded guilty to assaulting an officer during a protest", "pleaded not guilty in the
    shooting of his neighbour": what a plea answers is the offence, not a happening told."""
    cur = t
    for _ in range(6):
        if cur.dep_ not in (*_CHARGE_LINKS, "acomp") or cur.head.i == cur.i:
            return False
        cur = cur.head
        if lemma_of(cur) == "plead" and any(
                c.lower_ in ("guilty", "innocent", "contest") for c in cur.children):
            return True
    return False


def named_charge(t: Token, row: TriggerRow, rows: Rows, tables: Tables) -> bool | None:
    """"was arrested for aggravated assault and criminal damage", "charged with violating an
    order of protection", "faces 18 charges, including conspiring to hack computers", "convicted
    of kidnapping the girl": the offence of an arrest, a charge or a verdict, named as a kind or
    under the charge noun, is part of that event, not an attack or a rejection of its own; so
    is the breach an accusation names ("accused the militia of violating the truce")."""
    if _under_charge_noun(t) or _under_plea(t):
        return True
    cur, threatened = t, False  # ("convicted of threatening to kill a judge": the act
    # threatened or tried under the offence is the offence too)
    while cur.dep_ in ("conj", "xcomp") and cur.head.i != cur.i:
        threatened = threatened or cur.dep_ == "xcomp"
        cur = cur.head
    prep = cur.head
    if cur.dep_ not in ("pobj", "pcomp") or not (_bare(t) or (threatened and _bare(cur))):
        return None
    if prep.lower_ == "of" or (prep.lower_ == "to" and lemma_of(prep.head) == "guilty"):
        # "convicted of kidnapping the girl", "found him guilty of murdering", "convicted Webb
        # of kidnapping" (the parser may hang "of" on the one convicted), "pleaded guilty to"
        judged = prep.head.head if prep.head.dep_ == "dobj" else prep.head
        if lemma_of(judged) == "accuse" and row.type == "REJECT":
            return True  # "accused the militia of violating the truce": what the charge says
        return True if lemma_of(judged) in coder_words("verdict-word") else None
    if prep.lower_ not in _CHARGE_PREPOSITIONS or prep.head.i not in rows:
        return None
    return True if lemma_of(prep.head) in coder_words("charge-verb") else None


def backing(t: Token, row: TriggerRow, rows: Rows, tables: Tables) -> bool | None:
    """"Backed by Turkish shelling and drone strikes, rebels say they have retaken ...": an attack
    that backs the clause's event, named after "by" of a participle that modifies it, is the
    backer's part in that event."""
    if row.pos != "NOUN":
        return None
    cur = t  # ("Turkish shelling and drone strikes": the parser may hang one on the other)
    while cur.dep_ in ("conj", "nmod", "compound") and cur.head.i != cur.i:
        cur = cur.head
    by = cur.head
    if cur.dep_ not in ("pobj", "pcomp") or by.lower_ != "by" or by.dep_ != "agent":
        return None
    verb = by.head
    if verb.tag_ == "VBN" and verb.dep_ in ("advcl", "acl", "amod") and \
            lemma_of(verb) in coder_words("backing-verb"):
        return True
    return None


def circumstance(t: Token, row: TriggerRow, rows: Rows, tables: Tables) -> bool | None:
    """"the index had its worst stretch since August amid worsening protests in the city",
    "gunmen surrendered on Monday following an army offensive", "patrols were stepped up in the
    wake of recent riots": a happening named by a noun after "amid", "after" or "following" (or
    as what the news answers: ``_causal``) with no date, number or named place of its own is the
    setting of its sentence's news, not a report of a happening. Not one named as told before
    after "after" or "following" ("the day after the shooting": its telling refers back), nor
    what a death came after ("died after torture in custody": the deed itself)."""
    del rows  # the rules share one signature
    if row.pos != "NOUN":
        return None
    # (the parser may read "amid worsening protests" as a gerund with an object)
    prep = t.head.head if t.dep_ == "dobj" and t.head.dep_ == "pcomp" else t.head
    if t.dep_ not in ("pobj", "dobj") or not _named_as_setting(t, prep, tables):
        return None
    return None if syntax.own_details(t) else True


def _named_as_setting(t: Token, prep: Token, tables: Tables) -> bool:
    if prep.lower_ in ("amid", "amidst") or _causal(prep):
        return True
    return prep.lower_ in ("after", "following") and not syntax.definite(t) and \
        not tables.casualty(lemma_of(prep.head))


def _causal(prep: Token) -> bool:
    """"in response to", "in the wake of": a phrase that names what its sentence's news
    answers ("stepped up patrols in the wake of recent riots"). (Not "because of": the PLOVER
    records code a border shut because of fighting as the fighting.)"""
    noun = prep.head
    return noun.dep_ == "pobj" and noun.head.lower_ == "in" and (
        (prep.lower_ == "to" and noun.lower_ == "response") or
        (prep.lower_ == "of" and noun.lower_ == "wake"))


def _in_which_clause(t: Token) -> Token | None:
    """The relative clause "in which" / "during which" / "at which" that holds ``t``."""
    for a in [t, *syntax.ancestors_in_sentence(t)]:
        if a.dep_ == "relcl" and any(
                c.dep_ == "prep" and c.lower_ in ("in", "during", "at") and any(
                    w.dep_ == "pobj" and w.lower_ == "which" for w in c.children)
                for c in a.children):
            return a
    return None


def told_within_another(t: Token, row: TriggerRow, rows: Rows, tables: Tables) -> bool | None:
    """"had one meeting with him, in which Giuliani raised, and I rejected, the theory", "his
    earlier testimony, in which he said ...": what went on within a happening the sentence names
    by a noun, with no date of its own, is that earlier happening's content, not news."""
    del row, rows, tables  # the rules share one signature
    clause = _in_which_clause(t)
    if clause is None:
        return None
    dated = any(x.ent_type_ in ("DATE", "TIME") for x in clause.subtree)
    return None if dated else True


def modal_demand(t: Token, row: TriggerRow, rows: Rows, tables: Tables) -> bool | None:
    """"Y must withdraw", "ministers should impose restrictions": the demand is the event."""
    verb = t.head if row.pos == "NOUN" and t.dep_ == "dobj" else t
    return True if any(c.i in rows and rows[c.i].pos == "AUX" for c in verb.children) else None


def purpose(t: Token, row: TriggerRow, rows: Rows, tables: Tables) -> bool | None:
    """A purpose ("sent troops to fight"), not a happening (but "to protest" is the protest,
    and "an attempt to assassinate" an attempted attack); so is what a suit asks a court for
    ("Republicans sued to block the governor's order": the blocking is the suit's aim)."""
    if row.pos != "VERB" or row.type == "PROTEST" or not syntax.to_infinitive(t):
        return None
    if t.dep_ in ("advcl", "acl", "relcl") and \
            not (row.type == "ASSAULT" and lemma_of(t.head) in coder_words("attempt")):
        return True
    if t.dep_ == "xcomp" and t.head.i in rows and rows[t.head.i].type == "ACCUSE" and \
            not syntax.is_passive(t.head):  # ("is alleged to have attacked": the allegation's content)
        return True
    return None


def protest_told_as_purpose(t: Token, row: TriggerRow, rows: Rows,
                            tables: Tables) -> bool | None:
    """"began a hunger strike to protest against the decision", "organised a general strike in
    protest of the arrests": the protest a protest act is done for is that act told again."""
    del tables  # the rules share one signature
    if row.type != "PROTEST":
        return None
    if row.pos == "VERB" and t.dep_ in ("advcl", "xcomp") and syntax.to_infinitive(t):
        governor = t.head
    elif row.pos == "NOUN" and t.dep_ == "pobj" and t.head.lower_ == "in":
        governor = t.head.head
    else:
        return None
    told = [governor, *(c for c in governor.children if c.dep_ in ("dobj", "nsubj", "attr"))]
    if governor.dep_ == "relcl":
        told.append(governor.head)  # "a strike that shut down Kathmandu in protest of ..."
    if any(x.i != t.i and x.i in rows and rows[x.i].type == "PROTEST" for x in told):
        return True
    return None


def same_type_chain(t: Token, row: TriggerRow, rows: Rows, tables: Tables) -> bool | None:
    """"intercepted and destroyed", "attacked a village, killing 14": one event; not a clause
    at an earlier time ("attacked a checkpoint hours after a car bomb exploded at the market")."""
    if t.dep_ in ("conj", "advcl") and t.head.i in rows and rows[t.head.i].type == row.type \
            and not any(c.dep_ == "mark" and c.lower_ in coder_words("other-time-mark")
                        for c in t.children):
        return True
    return None


# The prepositions that give what a protest is against ("rallied against the ruling").
_PROTEST_CAUSE = frozenset({"against", "over"})


def protest_cause(t: Token, row: TriggerRow, rows: Rows, tables: Tables) -> bool | None:
    """"gathered to protest the government's decision suspending accession talks", "marched
    against the arrest of their leader": what a protest is against is told as its cause, a
    happening the story does not report here."""
    del row, tables  # every absorb rule takes the row and the tables
    cur = t
    for anc in syntax.ancestors_in_sentence(t):
        if anc.i in rows and rows[anc.i].type == "PROTEST":
            if cur.dep_ == "dobj" or (cur.dep_ == "prep" and cur.lower_ in _PROTEST_CAUSE):
                return True
            return None
        cur = anc
    return None


# Acts whose terms a participle after them tells ("signed a peace agreement, pledging to end
# cattle raids"; "held talks, agreeing to meet again").
_TERMS_OF = frozenset({"SUPPORT", "AGREE", "CONSULT"})


def terms_of_a_deal(t: Token, row: TriggerRow, rows: Rows, tables: Tables) -> bool | None:
    """"signed a peace agreement in Bor, pledging to end cattle raids": a promise told by a
    participle after a signing or a meeting is what was agreed there, not a second act."""
    del tables  # every absorb rule takes the tables
    if row.type == "AGREE" and t.tag_ == "VBG" and t.dep_ == "advcl" and \
            t.head.i in rows and rows[t.head.i].type in _TERMS_OF:
        return True
    return None


# Nouns of a text that proposes acts: what a clause on them says is what they propose.
_PROPOSALS = frozenset({"resolution", "plan", "proposal", "bill", "draft", "motion",
                        "legislation", "initiative"})


def proposed(t: Token, row: TriggerRow, rows: Rows, tables: Tables) -> bool | None:
    """"will vote on a plan that imposes a curfew on the market district", "a draft resolution
    that demands sanctions": an act told in a clause on a resolution, plan or bill is what the
    text proposes, not an act done."""
    del row, rows, tables  # the rules share one signature
    for anc in [t, *syntax.ancestors_in_sentence(t)]:
        if anc.dep_ in ("relcl", "acl") and anc.head.pos_ == "NOUN":
            return True if lemma_of(anc.head) in _PROPOSALS else None
    return None


def _agentless_toll(t: Token, tables: Tables) -> bool:
    """"27 people were killed": a casualty verb in the passive with no "by"."""
    return tables.casualty(lemma_of(t)) and syntax.is_passive(t) and \
        syntax.child(t, "agent") is None


def toll_of_a_clash(t: Token, row: TriggerRow, rows: Rows, tables: Tables) -> bool | None:
    """"At least 27 people were killed as the army and the RSF fought street by street": a toll
    told with no doer, with a clash in its clause ("as", "while" they fought), is that clash's
    toll; the clash is the event (ACLED codes an armed clash with its fatalities), not a killing
    the fighters did together."""
    if row.type != "ASSAULT":
        return None
    if row.acled == "clash" and t.dep_ == "advcl" and t.head.i in rows and \
            _agentless_toll(t.head, tables):
        return False
    if _agentless_toll(t, tables) and any(
            c.dep_ == "advcl" and c.i in rows and rows[c.i].acled == "clash" for c in t.children):
        return True
    return None


def casualty_participle(t: Token, row: TriggerRow, rows: Rows, tables: Tables) -> bool | None:
    """"carried out airstrikes ..., killing 15": the casualties of that earlier attack (or riot:
    "rioters torched shops, killing a trader")."""
    if row.type != "ASSAULT" or t.tag_ != "VBG" or not tables.casualty(lemma_of(t)):
        return None
    own = {x.i for x in t.subtree}
    if any(i not in own and i < t.i and (r.type == "ASSAULT" or r.mode == "riot")
           for i, r in rows.items()):
        return True
    return None


def _attack_noun(t: Token, rows: Rows) -> bool:
    return t.i in rows and rows[t.i].type == "ASSAULT" and t.pos_ == "NOUN"


def toll_in_relative_clause(t: Token, row: TriggerRow, rows: Rows,
                            tables: Tables) -> bool | None:
    """"an air strike that killed 12 people", "the bombing, which wounded 30": a casualty verb
    whose subject is the relative pronoun of a clause on an attack noun tells that attack's
    toll. The parser often hangs the clause on the target named right after the attack ("a
    strike on a school in Rafah that killed 12"): a school kills no one, the strike did."""
    if row.type != "ASSAULT" or t.dep_ != "relcl" or not tables.casualty(lemma_of(t)) or \
            not any(c.dep_ == "nsubj" and c.tag_ == "WDT" for c in t.children):
        return None
    noun = t.head
    while not _attack_noun(noun, rows) and noun.dep_ == "pobj" and noun.head.i > 0 and \
            noun.head.dep_ == "prep":
        # "strike on a school": the word before the preposition is the attack
        noun = noun.doc[noun.head.i - 1] if _attack_noun(noun.doc[noun.head.i - 1], rows) \
            else noun.head.head
    return True if _attack_noun(noun, rows) else None


def protest_demand(t: Token, row: TriggerRow, rows: Rows, tables: Tables) -> bool | None:
    """"Thousands marched through Lyon, demanding higher wages", "police fired tear gas at
    students demanding an end to quotas": what a protest or a crowd is told demanding, by a
    participle, is the protest's claim (ACLED codes the protest), not a request of its own."""
    if row.type != "REQUEST" or t.tag_ != "VBG":
        return None
    head = t.head
    if t.dep_ == "advcl" and head.i in rows and rows[head.i].type == "PROTEST":
        return True
    if t.dep_ == "acl" and (tables.in_class("crowd", lemma_of(head))
                            or tables.in_class("protester", lemma_of(head))
                            or (head.i in rows and rows[head.i].type == "PROTEST")):
        return True  # (and "a demonstration calling for his removal")
    return None


def toll_after_semicolon(t: Token, row: TriggerRow, rows: Rows, tables: Tables) -> bool | None:
    """"Police fired tear gas and live rounds; 1 protester was killed": a toll told with no
    doer, after a semicolon that joins it to an attack told before it in the sentence, is the
    casualties of that attack."""
    if row.type != "ASSAULT" or not _agentless_toll(t, tables):
        return None
    semicolon = next((c.i for c in t.children if c.text == ";" and c.i < t.i), None)
    if semicolon is not None and any(i < semicolon and r.type == "ASSAULT"
                                     for i, r in rows.items() if i != t.i):
        return True
    return None


def reported_toll(t: Token, row: TriggerRow, rows: Rows, tables: Tables) -> bool | None:
    """"Indian missiles hit nine sites, and Pakistan said 31 people were killed": a toll told
    with no doer, in what a party says in a clause joined to an attack, is that attack's
    casualties."""
    if row.type != "ASSAULT" or not _agentless_toll(t, tables) or t.dep_ != "ccomp":
        return None
    say = t.head
    if lemma_of(say) in tables.cues.get("say", {}) and say.dep_ == "conj" and \
            say.head.i in rows and rows[say.head.i].type == "ASSAULT":
        return True
    return None


def _own_clause(cur: Token) -> bool:
    """A clause of its own: its events are not the governing event's content."""
    return cur.dep_ in ("relcl", "parataxis") or (cur.dep_ == "advcl" and not syntax.to_infinitive(cur))


def _joined_clause(t: Token) -> bool:
    """"met his counterpart, and the two sides agreed to ...": a verb joined to another with a
    subject of its own tells an act of its own (what is said in such a clause can still be the
    first verb's content)."""
    return t.dep_ == "conj" and t.pos_ in ("VERB", "AUX") and \
        syntax.child(t, "nsubj", "nsubjpass") is not None


def content_of_absorbing(t: Token, row: TriggerRow, rows: Rows, tables: Tables) -> bool | None:
    """The complement of a request, rejection, threat, agreement or consultation ("blocked
    efforts to tighten sanctions"); a modal's demand is about its verb's clause."""
    nouns = tables.cues.get("noun", {})
    cur = t.head if row.pos == "AUX" else t
    for anc in syntax.ancestors_in_sentence(cur):
        if _own_clause(cur) or (cur is t and _joined_clause(t)):
            return False
        if lemma_of(anc) in nouns and anc.pos_ == "NOUN":
            return False  # reported content ("rejected claims that ...") is coded, with its stance
        if anc.i in rows and rows[anc.i].type in plover_types("absorbing") and not (
                lemma_of(anc) == "deny" and cur.dep_ == "ccomp"):
            # (what a party denies in a that-clause is still coded, with stance "denied")
            return True
        if cur.dep_ == "prep" and cur.lower_ in coder_words("topic-preposition") and \
                _light_object_absorbs(anc, rows, tables):
            return True
        cur = anc
    return False


def _light_object_absorbs(verb: Token, rows: Rows, tables: Tables) -> bool:
    """"reiterated their plea to Congress on an immediate investigation": the parser hangs the
    plea's complement on the light verb; it is still what the plea asks for ("made her first
    visit since signing a pact": not what "since" tells)."""
    obj = syntax.child(verb, "dobj")
    return verb.pos_ == "VERB" and lemma_of(verb) in tables.cues.get("light", {}) and \
        obj is not None and obj.i in rows and rows[obj.i].type in plover_types("absorbing")


ABSORB_RULES: tuple[AbsorbRule, ...] = (
    named_charge,
    backing,
    circumstance,
    told_within_another,
    banned,
    protest_cause,
    object_of_trigger_verb,
    modal_demand,
    protest_told_as_purpose,
    purpose,
    toll_of_a_clash,
    same_type_chain,
    terms_of_a_deal,
    casualty_participle,
    toll_in_relative_clause,
    toll_after_semicolon,
    reported_toll,
    protest_demand,
    proposed,
    content_of_absorbing,
)


def absorbed(t: Token, row: TriggerRow, rows: Rows, tables: Tables) -> bool:
    """The trigger ``t`` (its lexicon row ``row``) only tells part of another trigger's event."""
    for rule in ABSORB_RULES:
        said = rule(t, row, rows, tables)
        if said is not None:
            return said
    return False


__all__ = ["ABSORB_RULES", "absorbed"]
