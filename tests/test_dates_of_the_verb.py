"""An event's date is the one that dates its own verb, not a date inside another noun's phrase;
a UTC publication stamp of a US West Coast site is that site's local day."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from newsevents.cli import cli
from newsevents.extract.datelines import localise_utc


def _dates(text: str, published: str) -> dict[str, str]:
    result = CliRunner().invoke(cli, ["code", text, "--json", "--published", published])
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.output.splitlines() if line.strip()]
    return {e["evidence"]["trigger"]: e["date"]["start"] for e in events}


def test_the_date_of_the_verb_beats_a_date_inside_its_subject() -> None:
    dates = _dates("A second man sought over a shooting last week in Leeds turned himself in to "
                   "police on Monday.", "2023-05-10")
    assert dates["shooting"] == "2023-05-01"  # the week before: its own date
    assert dates["turned"] == "2023-05-08"


def test_a_year_said_of_another_noun_dates_that_noun_not_the_event() -> None:
    dates = _dates("Police arrested a suspect in the 2016 attacks.", "2023-05-10")
    assert dates["arrested"] == "2023-05-10"  # no date words of its own: the publication day
    assert dates["attacks"] == "2016-01-01"
    dates = _dates("The committee concluded its impeachment hearing ahead of the 2020 vote.",
                   "2019-11-20")
    assert dates["hearing"] == "2019-11-20"


def test_a_year_in_a_noun_phrase_does_not_date_what_is_told_in_the_present() -> None:
    text = ("The government is seeking his extradition over the release of secret files by "
            "the group in 2010.")
    assert _dates(text, "2019-11-20")["seeking"] == "2019-11-14"  # the week up to the story
    # told in the past, the parser's reading stands: the year may date the act
    assert _dates(text.replace("is seeking", "sought"), "2019-11-20")["sought"] == "2010-01-01"


def test_a_relative_clause_in_the_past_dates_its_own_act_not_the_main_one() -> None:
    dates = _dates("The man, who fled the scene on Friday, was later charged with assault.",
                   "2020-04-15")
    assert dates["charged"] == "2020-04-15"  # not Friday: that is when he fled
    dates = _dates("Soldiers opened fire on residents who were digging trenches on Saturday.",
                   "2020-04-15")
    assert dates["opened"] == "2020-04-11"  # what goes on at the time dates the act


def test_a_year_in_a_participle_on_a_further_noun_dates_that_noun() -> None:
    text = ("Prosecutors in Sweden have dropped an investigation into a rape allegation made "
            "against the activist in 2010.")
    assert _spans(text, "2019-11-19")["dropped"] == ("2019-11-13", "2019-11-19", "week")
    # the act's own object: the parser cannot tell which verb the day hangs on, so it dates both
    dates = _dates("Army engineers defused four roadside bombs planted along a farm road on "
                   "Wednesday.", "2024-02-09")
    assert dates["defused"] == "2024-02-07"


def test_a_measure_decreed_now_from_a_later_day_is_dated_by_its_decree() -> None:
    text = "The district magistrate ordered a lockdown of the town from July 10 to July 16."
    start, _end, _precision = _spans(text, "2020-07-08")["lockdown"]
    assert start == "2020-07-08"  # the order is the act; July 10 is when the lockdown begins


def test_a_day_named_without_a_year_told_as_ahead_is_the_coming_one() -> None:
    start, _end, precision = _spans("The court will sentence him on Feb. 14.",
                                    "2019-11-18")["sentence"]
    assert (start, precision) == ("2020-02-14", "day")


def test_a_utc_stamp_of_a_west_coast_site_is_its_local_day() -> None:
    stamp = "2019-11-20T05:57:50+00:00"
    assert localise_utc(stamp, "https://www.sfgate.com/news/a.php").startswith("2019-11-19T21:57")
    assert localise_utc(stamp, "https://www.example.com/a").startswith("2019-11-20T00:57")


def _spans(text: str, published: str) -> dict[str, tuple[str, str, str]]:
    result = CliRunner().invoke(cli, ["code", text, "--json", "--published", published])
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.output.splitlines() if line.strip()]
    return {e["evidence"]["trigger"]: (e["date"]["start"], e["date"]["end"],
                                       e["date"]["precision"]) for e in events}


@pytest.mark.parametrize(("text", "trigger", "span"), [
    # no date words, told in the present perfect or progressive: lately, not that very day
    ("Beijing has denounced the court ruling on the mask ban.", "denounced",
     ("2023-05-04", "2023-05-10", "week")),
    ("The farmers have rejected the government's offer to amend the laws.", "rejected",
     ("2023-05-04", "2023-05-10", "week")),
    ("Consumer groups are urging the regulator to require backup power.", "urging",
     ("2023-05-04", "2023-05-10", "week")),
    # told in the simple past: the day of the story, as before
    ("Police arrested a man in Leeds after a chase.", "arrested",
     ("2023-05-10", "2023-05-10", "day")),
    # dated in its own words: those words win
    ("Beijing has denounced the ruling on Monday.", "denounced",
     ("2023-05-08", "2023-05-08", "day")),
])
def test_an_undated_event_told_in_the_present_is_of_the_week_up_to_the_story(
        text: str, trigger: str, span: tuple[str, str, str]) -> None:
    assert _spans(text, "2023-05-10")[trigger] == span


def test_a_when_clause_on_a_dated_noun_is_dated_by_it() -> None:
    dates = _dates("The talks recalled the March 3 ceasefire, when rebels released 40 prisoners "
                   "in Goma.", "2024-05-10")
    assert dates["released"] == "2024-03-03"
    # the parser may hang the clause on the verb before the noun: the noun is still its moment
    dates = _dates("The envoy testified about a July 10 meeting at the ministry when rebels "
                   "released 40 prisoners in Goma.", "2024-11-19")
    assert dates["released"] == "2024-07-10"


def test_a_shaded_month_long_past_is_background() -> None:
    from newsevents import process

    def modality(when: str) -> str:
        (event,) = process(f"Erdogan demanded in {when} that the troops withdraw from the zone.",
                           published="2020-03-02T10:00:00+00:00")
        return event.modality

    assert modality("early February") == "historical"  # its first ten days: long past
    assert modality("late February") == "factual"


@pytest.mark.parametrize("text, trigger, day", [
    # the year is when the refusal would end, the announcement is the act
    ("The prime minister announced on Thursday that the country would not seek to open accession "
     "negotiations until 2028.", "negotiations", "2024-11-28"),
    ("Rebels said on Monday they would keep blockading the highway until next year.", "blockading",
     "2024-11-25"),
])
def test_a_span_s_end_is_not_the_date_of_the_act(text: str, trigger: str, day: str) -> None:
    assert _dates(text, "2024-11-30")[trigger] == day


def test_a_relative_clause_on_the_trigger_dates_it() -> None:
    spans = _spans("Police said the men were arrested for their role in the riots that rocked "
                   "Delhi last month.", "2020-03-05")
    assert spans["riots"] == ("2020-02-01", "2020-02-29", "month")  # the riots' own clause
    assert spans["arrested"][0] == "2020-03-05"  # the arrest is not dated by the riots' clause


def test_an_act_told_next_goes_on_the_day_the_sentence_before_names() -> None:
    """A page that gives each sentence its paragraph: the arrest follows the find of Thursday."""
    text = ("Last Thursday, officers found a man using a cloned bank card at a cash machine in "
            "Henderson.\n\nA 31-year-old man was arrested and charged, police said.")
    spans = _spans(text, "2020-10-29T15:35:27+13:00")
    assert spans["arrested"][0] == "2020-10-22"
    assert spans["charged"][0] == "2020-10-22"


def test_an_act_whose_telling_is_dated_keeps_that_day() -> None:
    text = ("Last Thursday, officers found a man using a cloned bank card in Henderson.\n\n"
            "Police said on Monday they had arrested two more suspects.")
    assert _spans(text, "2020-10-29T15:35:27+13:00")["arrested"][0] == "2020-10-26"


def test_this_weekend_told_as_done_is_the_weekend_just_past() -> None:
    # told on Monday 18 November 2019: the arrests were made on 16-17 November; the march to
    # come is on the weekend ahead
    dates = _dates("Police arrested ten protesters in Kowloon this weekend, and the students "
                   "will march again in Kowloon this weekend, organisers told reporters there.",
                   "2019-11-18T13:54:53-05:00")
    assert dates["arrested"] == "2019-11-16"
    assert dates["march"] == "2019-11-23"
    dates = _dates("Ten protesters were detained by police in Kowloon this weekend, organisers "
                   "told reporters in the city on Monday.", "2019-11-18T13:54:53-05:00")
    assert dates["detained"] == "2019-11-16"


# (text, published, trigger, its day)
LEAD_DAYS = [
    # told on Friday 24 April 2020: the lead's "said Thursday" dates the day's sayings, its
    # "November" the election to come
    ("Senator Maria Lopez said Thursday she believes the governor will try to delay November's "
     "state election. The senator also accused the governor of undermining the vote with false "
     "claims of fraud, speaking to reporters in Sacramento.",
     "2020-04-24T09:11:22-07:00", "accused", "2020-04-23"),
    # a lead whose day dates an attack, not a telling: the sayings are the story's day
    ("Russian drones struck apartment blocks in Kharkiv overnight, killing four people. The "
     "foreign minister accused Moscow of deliberately targeting sleeping civilians in the city.",
     "2025-03-14T09:00:00+02:00", "accused", "2025-03-14"),
    # a decision told after such a lead is of that day too: its "from July 10" says when the
    # lockdown takes effect
    ("The state government on Wednesday announced fresh restrictions in several districts as "
     "cases rose. The district collector ordered a lockdown from July 10 to July 16 in the "
     "entire Patna district.", "2020-07-09T08:21:00+05:30", "lockdown", "2020-07-08"),
    # a measure that takes effect later is decided on the day of the telling
    ("The state government on Wednesday announced fresh restrictions in several districts as "
     "cases rose. In Bhagalpur, the restrictions will come into force from Friday and remain in "
     "place for a week.", "2020-07-09T08:21:00+05:30", "restrictions", "2020-07-08"),
    # a lead dated by testimony dates the statements told after it
    ("The former envoy testified before the House committee on Tuesday about the pressure "
     "campaign. Lawmakers of both parties questioned him for six hours. He urged the committee "
     "to release the transcripts of his earlier interviews.",
     "2019-11-20T01:07:01-05:00", "urged", "2019-11-19"),
]


@pytest.mark.parametrize("text, published, trigger, day", LEAD_DAYS)
def test_a_statement_undated_is_of_the_day_the_lead_gives_its_telling(
        text: str, published: str, trigger: str, day: str) -> None:
    assert _dates(text, published)[trigger] == day
