"""What a kommunfullmäktige protocol records of its votes and of members taking no part
(tests/ingest/protocols/kf_protokoll_2024-10-21.txt): each vote's proposition as put
(bg:question) and result as written (bg:outcome), and "deltar inte i beslutet" as
bg:abstainedFromDecision, which is not jäv."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from beslutsgraf.ingest.extract import extract
from beslutsgraf.ingest.known import literal_value
from beslutsgraf.ingest.model import AgendaItem
from beslutsgraf.ingest.read import read
from beslutsgraf.ingest.segment import segment
from beslutsgraf.store.embedded import EmbeddedStore

from .conftest import loaded_store, variant

PROTOCOLS = Path(__file__).parent / "protocols"
PROTOCOL = PROTOCOLS / "kf_protokoll_2024-10-21.txt"
PREFIXES = (
    "PREFIX bg: <https://w3id.org/beslutsgraf/def#> PREFIX oa: <http://www.w3.org/ns/oa#> "
    "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> "
)
MEETING = "https://w3id.org/beslutsgraf/id/meeting/kommunfullmaktige/2024-10-21"
PERSON = "https://w3id.org/beslutsgraf/id/person/"


def _items(path: Path = PROTOCOL) -> dict[int, AgendaItem]:
    return {item.number: item for item in extract(segment(read(path))).items}


def _variant(tmp_path: Path, written: str, instead: str) -> Path:
    return variant(PROTOCOL, tmp_path, written, instead)


# --------------------------------------------------------------------------- extract


def test_the_proposition_approved_in_the_beslutsgang_is_the_votes_question() -> None:
    [vote] = _items()[89].votes
    assert vote.question == (
        "Följande voteringsproposition godkänns: Ja-röst för avslag på motionen, "
        "nej-röst för bifall till motionen."
    )
    assert vote.outcome == (
        "Med 8 ja-röster mot 2 nej-röster och 1 som avstår beslutar kommunfullmäktige "
        "att avslå motionen."
    )
    assert (vote.yes, vote.no, vote.abstain) == (8, 2, 1)  # "1 som avstår"


def test_what_a_win_means_belongs_to_the_question_not_the_outcome() -> None:
    [vote] = _items()[90].votes
    assert vote.question == (
        "Den som vill att ärendet ska avgöras i dag röstar ja, den det ej vill röstar nej. "
        "Vinner nej har kommunfullmäktige beslutat att återremittera ärendet."
    )
    assert vote.outcome == (
        "Med 9 ja-röster mot 2 nej-röster beslutar kommunfullmäktige att ärendet ska avgöras i dag."
    )


def test_a_roll_call_with_its_question_and_its_closing_outcome() -> None:
    [vote] = _items()[92].votes
    assert vote.question == "Ja för bifall, nej för avslag."
    assert vote.outcome == "Kommunfullmäktige har således beslutat att bifalla medborgarförslaget."
    assert (vote.yes, vote.no, len(vote.ballots)) == (7, 4, 11)


def test_a_vote_that_states_neither_has_no_question_or_outcome() -> None:
    # kf_protokoll_2024-02-26 § 23 lists the ballots only ("Ja-röster: …").
    [vote] = _items(PROTOCOLS / "kf_protokoll_2024-02-26.txt")[23].votes
    assert vote.ballots
    assert (vote.question, vote.outcome) == (None, None)


def test_named_members_taking_no_part_are_not_disqualified() -> None:
    item = _items()[91]
    [abstention] = item.abstentions
    assert [(p.name, p.party) for p in abstention.persons] == [
        ("Ylva Nord", "V"),
        ("Marie Lindqvist", "C"),
    ]
    assert [d.person.name for d in item.disqualifications] == ["Sanna Ek"]  # "anmäler jäv"
    # The sentence after the decision is not part of what was decided.
    assert [d.text for d in item.decisions] == [
        "Kommunfullmäktige fastställer ägardirektiv för Bostadsbolaget AB."
    ]


def test_taking_no_part_written_the_other_way_round(tmp_path: Path) -> None:
    path = _variant(
        tmp_path,
        "Ylva Nord (V) och Marie Lindqvist (C) deltar inte i beslutet.",
        "I beslutet deltar inte Ylva Nord (V) och Marie Lindqvist (C).",
    )
    item = _items(path)[91]
    assert [p.name for a in item.abstentions for p in a.persons] == ["Ylva Nord", "Marie Lindqvist"]
    assert [d.text for d in item.decisions] == [
        "Kommunfullmäktige fastställer ägardirektiv för Bostadsbolaget AB."
    ]


def test_a_partys_members_taking_no_part_are_named_by_the_genitive() -> None:
    [abstention] = _items()[90].abstentions
    assert (abstention.persons, abstention.parties) == ((), ("SD",))
    assert abstention.span.text == "Sverigedemokraternas ledamöter deltar inte i beslutet"


def test_jav_with_no_part_in_the_decision_stays_jav(tmp_path: Path) -> None:
    path = _variant(
        tmp_path,
        "Sanna Ek (S) anmäler jäv och deltar inte i handläggningen av ärendet.",
        "Sanna Ek (S) anmäler jäv och deltar inte i beslutet.",
    )
    item = _items(path)[91]
    assert [d.person.name for d in item.disqualifications] == ["Sanna Ek"]
    assert [p.name for a in item.abstentions for p in a.persons] == ["Ylva Nord", "Marie Lindqvist"]


# --------------------------------------------------------------------------- store


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStore]:
    with loaded_store(tmp_path_factory.mktemp("votes"), PROTOCOL) as opened:
        yield opened


def test_loaded_votes_carry_question_and_outcome_in_swedish(store: EmbeddedStore) -> None:
    rows = store.select(
        PREFIXES + "SELECT ?vote ?question ?outcome WHERE { ?vote a bg:Vote ; "
        "bg:question ?question ; bg:outcome ?outcome . FILTER(lang(?question) = 'sv' "
        "&& lang(?outcome) = 'sv') } ORDER BY ?vote"
    )
    assert [(r["vote"], literal_value(r["question"])) for r in rows] == [
        (
            f"<{MEETING}/item/89/vote/1>",
            "Följande voteringsproposition godkänns: Ja-röst för avslag på motionen, "
            "nej-röst för bifall till motionen.",
        ),
        (
            f"<{MEETING}/item/90/vote/1>",
            "Den som vill att ärendet ska avgöras i dag röstar ja, den det ej vill röstar nej. "
            "Vinner nej har kommunfullmäktige beslutat att återremittera ärendet.",
        ),
        (f"<{MEETING}/item/92/vote/1>", "Ja för bifall, nej för avslag."),
    ]


def test_loaded_abstentions_name_who_took_no_part_in_which_decision(
    store: EmbeddedStore,
) -> None:
    rows = store.select(
        PREFIXES + "SELECT ?person ?decision WHERE { ?person bg:abstainedFromDecision ?decision } "
        "ORDER BY ?decision ?person"
    )
    assert [(r["person"], r["decision"]) for r in rows] == [
        # The serving SD members, from "Sverigedemokraternas ledamöter"
        (f"<{PERSON}hakan-strid>", f"<{MEETING}/item/90/decision/1>"),
        (f"<{PERSON}petra-strid>", f"<{MEETING}/item/90/decision/1>"),
        (f"<{PERSON}marie-lindqvist>", f"<{MEETING}/item/91/decision/1>"),
        (f"<{PERSON}ylva-nord>", f"<{MEETING}/item/91/decision/1>"),
    ]
    disqualified = store.select(
        PREFIXES + "SELECT ?person WHERE { ?d a bg:Disqualification ; bg:person ?person }"
    )
    assert [r["person"] for r in disqualified] == [f"<{PERSON}sanna-ek>"]


def test_an_abstention_is_evidenced_by_its_sentence(store: EmbeddedStore) -> None:
    rows = store.select(
        PREFIXES + "SELECT ?exact WHERE { ?statement rdf:subject <" + PERSON + "ylva-nord> ; "
        "rdf:predicate bg:abstainedFromDecision ; rdf:object ?decision . "
        "?annotation oa:hasBody ?statement ; oa:hasTarget/oa:hasSelector/oa:exact ?exact }"
    )
    assert [literal_value(r["exact"]) for r in rows] == [
        "Ylva Nord (V) och Marie Lindqvist (C) deltar inte i beslutet"
    ]


def test_jav_takes_the_member_off_that_item_only(store: EmbeddedStore) -> None:
    # "Sanna Ek (S) anmäler jäv" on § 91: she attends § 90 and § 92, not § 91; the members
    # taking no part in § 91's decision still attend it.
    rows = store.select(
        PREFIXES + "SELECT ?item WHERE { ?item bg:attendeeOfItem <" + PERSON + "sanna-ek> }"
    )
    assert f"<{MEETING}/item/91>" not in {r["item"] for r in rows}
    assert {f"<{MEETING}/item/90>", f"<{MEETING}/item/92>"} <= {r["item"] for r in rows}
    attending_91 = store.select(
        PREFIXES + f"SELECT ?person WHERE {{ <{MEETING}/item/91> bg:attendeeOfItem ?person }}"
    )
    assert f"<{PERSON}ylva-nord>" in {r["person"] for r in attending_91}
