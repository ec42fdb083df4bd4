"""Words that point back to states: "it" after a state subject (only with verbs states do), "the
two nations" / "both countries" as the two states last named together; exposed by the actor
scan as mentions and by ``context_at`` / ``actors_for_text`` for the coder."""

from __future__ import annotations

import pytest

from newsevents.analyse import load_model
from newsevents.options import load_options
from newsevents.records import Article, Mentions
from newsevents.resolve import actor_for_text, actors_for_text, context_at, resolve
from newsevents.resolve.actor_scan import country_mentions
from newsevents.resolve.state_words import is_pair_phrase
from newsevents.resolve.states import state_pair_before


def _resolve(text: str) -> tuple[object, Mentions]:
    opts = load_options()
    doc = load_model(opts.spacy_model)(text)
    article = Article(id=Article.id_for(text), doc_id="t", source_uri="t", body=text,
                      published="2025-03-05T10:00:00+00:00")
    return doc, resolve(doc, article, opts)


def _at(mentions: Mentions, text: str, phrase: str, nth: int = 0) -> list[str | None]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return [m.actor.country for m in mentions.actors if m.start == start]


STATE_IT = ("Ethiopia has moved troops to its northern border, diplomats in Nairobi said. "
            "It has so far rejected calls to pull them back.")


def test_it_after_a_state_subject_is_that_state() -> None:
    doc, mentions = _resolve(STATE_IT)
    assert _at(mentions, STATE_IT, "It has") == ["ETH"]
    ctx = context_at(doc, mentions, STATE_IT.index("It has"))
    assert ctx.subject_state is not None and ctx.subject_state.country == "ETH"
    assert actor_for_text("it", ctx).country == "ETH"


def test_it_is_not_a_counted_plural_subject_before_it() -> None:
    text = ("Russia and Ukraine swapped 90 prisoners of war on Sunday. Ukraine's prisoner "
            "exchange office said the two sides had also returned the bodies of fallen soldiers, "
            "and it accused Russia of beating prisoners.")
    doc, mentions = _resolve(text)
    ctx = context_at(doc, mentions, text.index("it accused"))
    assert ctx.subject_state is not None and ctx.subject_state.country == "UKR"


def test_a_state_keeps_its_own_name_over_an_apposition_that_names_another() -> None:
    text = "Pakistan, a key U.S. ally in the region, has refused to send troops to Iraq."
    _doc, mentions = _resolve(text)
    assert _at(mentions, text, "Pakistan") == ["PAK"]


def test_it_as_a_thing_is_left_alone() -> None:
    text = "Iran fired a rocket toward the border on Sunday. It landed in an empty field."
    doc, mentions = _resolve(text)
    assert _at(mentions, text, "It landed") == []
    assert context_at(doc, mentions, text.index("It landed")).subject_state is None


def test_it_after_a_person_subject_is_not_a_state() -> None:
    text = "The minister met Peru's ambassador on Monday. It has refused to comment since."
    _doc, mentions = _resolve(text)
    assert _at(mentions, text, "It has") == []


PAIR = ("Chile and Argentina signed a border accord in Santiago on Friday. "
        "The two nations agreed to share patrols, and both countries will meet again in May.")


def test_the_two_nations_are_the_states_named_together() -> None:
    doc, mentions = _resolve(PAIR)
    assert sorted(_at(mentions, PAIR, "The two nations")) == ["ARG", "CHL"]
    assert sorted(_at(mentions, PAIR, "both countries")) == ["ARG", "CHL"]
    ctx = context_at(doc, mentions, PAIR.index("both countries"))
    assert {a.country for a in ctx.state_pair} == {"ARG", "CHL"}
    assert [a.country for a in actors_for_text("the two countries", ctx)] == \
        [a.country for a in ctx.state_pair]


def test_coordinated_pair_wins_in_a_crowded_sentence() -> None:
    text = ("Officials in Paris said Kenya and Uganda had signed the deal in Nairobi. "
            "The two neighbours will now share the cost.")
    doc, _mentions = _resolve(text)
    pair = state_pair_before(doc, text.index("The two"), country_mentions(doc))
    assert pair is not None and {a.country for a in pair} == {"KEN", "UGA"}


def test_a_pair_joined_before_outranks_two_states_named_later_in_passing() -> None:
    text = ("Russia and Ukraine each released 150 prisoners of war on Sunday. "
            "The Russian servicemen were flown to Moscow after crossing into Belarus. "
            "The two countries have held dozens of such exchanges.")
    doc, _mentions = _resolve(text)
    pair = state_pair_before(doc, text.index("The two"), country_mentions(doc))
    assert pair is not None and {a.country for a in pair} == {"RUS", "UKR"}


@pytest.mark.parametrize("phrase,expected", [
    ("the two nations", True), ("both countries", True), ("the two neighbours", True),
    ("the two governments", True), ("two soldiers", False), ("the nations", False),
    ("both", False), ("the three countries", False),
])
def test_pair_phrases(phrase: str, expected: bool) -> None:
    assert is_pair_phrase(phrase) is expected


def test_no_pair_without_two_states() -> None:
    text = "Brazil held talks on Monday. The two nations were not named."
    doc, mentions = _resolve(text)
    assert _at(mentions, text, "The two nations") == []
    assert context_at(doc, mentions, text.index("The two")).state_pair == ()


ORG_ITS = ("Russia's Defence Ministry said on Tuesday that its forces had captured a village "
           "in the east.")


def test_its_after_an_organisation_subject_takes_its_country() -> None:
    doc, mentions = _resolve(ORG_ITS)
    assert _at(mentions, ORG_ITS, "its forces") == ["RUS"]
    ctx = context_at(doc, mentions, ORG_ITS.index("its forces"))
    actor = actor_for_text("its forces", ctx)
    assert actor is not None and (actor.country, actor.sector) == ("RUS", "MIL")


ORG_IT = ("The Ukrainian army's headquarters said it had attacked a column of trucks near the "
          "border overnight.")


def test_it_after_the_owner_of_a_subject_is_that_organisation() -> None:
    doc, mentions = _resolve(ORG_IT)
    assert _at(mentions, ORG_IT, "it had") == ["UKR"]
    ctx = context_at(doc, mentions, ORG_IT.index("it had"))
    assert ctx.subject_state is not None and ctx.subject_state.country == "UKR"


def test_its_without_an_organisation_before_names_no_country() -> None:
    text = "Gunmen raided the market at dawn. Its stalls were burned, witnesses said."
    _doc, mentions = _resolve(text)
    assert all(m.actor.country is None for m in mentions.actors
               if text[m.start:m.end].lower().startswith("its"))


def test_formal_state_names_are_matched_whole() -> None:
    text = ("The Democratic People's Republic of Korea test-fired a missile, "
            "its state media said.")
    doc, mentions = _resolve(text)
    assert [iso for _, iso in country_mentions(doc)] == ["PRK"]
    assert {m.actor.country for m in mentions.actors if m.actor.country} == {"PRK"}


@pytest.mark.parametrize("apostrophe", ["'", "\u2019"])
def test_a_capitalised_common_word_owning_a_name_is_part_of_the_name(apostrophe: str) -> None:
    text = (f"On Monday, the People{apostrophe}s Daily warned protesters in the city, and the "
            f"People{apostrophe}s Liberation Army held drills nearby. The country{apostrophe}s "
            "workers marched in the capital.")
    _doc, mentions = _resolve(text)
    said = [text[m.start:m.end] for m in mentions.actors]
    assert said == [f"the People{apostrophe}s Daily", "protesters",
                    f"the People{apostrophe}s Liberation Army", f"The country{apostrophe}s workers"]


def test_formal_names_of_both_koreas_in_one_sentence() -> None:
    text = ("Talks between the Republic of Korea and the Democratic People's Republic of Korea "
            "resumed in Panmunjom.")
    doc, _mentions = _resolve(text)
    assert [iso for _, iso in country_mentions(doc)] == ["KOR", "PRK"]


TRIPOLI = ("Gunmen clashed with Lebanese soldiers in Tripoli on Sunday. Lebanon's army said "
           "calm had returned to the northern city, and Lebanese officials blamed Tripoli "
           "gangs for the fighting.")


def test_capital_name_in_another_country_story_is_that_countrys_city() -> None:
    doc, mentions = _resolve(TRIPOLI)
    ctx = context_at(doc, mentions, TRIPOLI.index("Tripoli gangs"))
    assert ctx.main_countries[0] == "LBN"
    actor = actor_for_text("Tripoli", ctx)
    assert actor is not None and actor.country == "LBN"
    assert "LBY" not in {m.actor.country for m in mentions.actors}


def test_ethnic_minority_in_a_sentence_lives_in_that_country() -> None:
    text = "Police in Serbia detained four ethnic Albanians after a protest near the border."
    _doc, mentions = _resolve(text)
    albanians = [m.actor for m in mentions.actors if "Albanians" in text[m.start:m.end]]
    assert albanians and albanians[0].country == "SRB" and albanians[0].sector == "CVL"


def test_an_envoy_named_after_the_state_served_is_of_the_sending_state() -> None:
    # the tagger joins "Britain Liu Xiaming" into one name: the envoy is China's, and his
    # surname later finds him
    text = ("China's ambassador to Britain Liu Xiaming said Beijing had the power to end the "
            "unrest. Liu warned protesters against further violence.")
    _doc, mentions = _resolve(text)
    envoy = [m.actor for m in mentions.actors if m.start == 0]
    assert [(a.country, a.sector, a.name) for a in envoy] == [("CHN", "GOV", "Liu Xiaming")]
    assert _at(mentions, text, "Liu warned") == ["CHN"]


def test_a_title_serving_a_state_without_a_name_after_it_is_left_as_it_was() -> None:
    text = "The ambassador to Britain said Beijing had the power to end the unrest."
    _doc, mentions = _resolve(text)
    assert _at(mentions, text, "Britain") == ["GBR"]


def test_a_nationality_hyphened_to_another_before_a_noun_is_no_party() -> None:
    text = "Greek police fired tear gas at migrants trying to cross the Greek-Turkish border."
    _doc, mentions = _resolve(text)
    assert _at(mentions, text, "Greek", nth=1) == []  # the border's side, not a Greek person
    assert _at(mentions, text, "Greek police") == ["GRC"]


def test_a_nationality_before_a_border_names_the_border() -> None:
    text = ("Burmese troops captured part of a Karen guerrilla stronghold on the Thai border, "
            "Thai police said.")
    _doc, mentions = _resolve(text)
    assert _at(mentions, text, "Thai") == []  # where the stronghold lies, not a Thai party
    assert _at(mentions, text, "Thai police") == ["THA"]
