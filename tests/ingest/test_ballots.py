"""Per-person votes (omröstningslista): each member's ballot read from a vote list table
or from lists in prose ("Ja-röster: …", "Följande röstade ja: …"), in the extraction and
in the loaded graph."""

from __future__ import annotations

from pathlib import Path

import pytest

from beslutsgraf.ingest.extract import extract
from beslutsgraf.ingest.known import person_mentions
from beslutsgraf.ingest.model import AgendaItem, Mentions, Vote
from beslutsgraf.ingest.read import read
from beslutsgraf.ingest.segment import segment
from beslutsgraf.store.embedded import EmbeddedStore
from tests.ingest.conftest import load
from tests.ingest.ks_protocol import LAST_ITEM, ks_protocol, write_protocol

PROTOCOL = Path(__file__).parent / "protocols" / "kf_protokoll_2024-02-26.txt"
BG = "https://w3id.org/beslutsgraf/def#"
ITEM = "https://w3id.org/beslutsgraf/id/meeting/kommunfullmaktige/2024-02-26/item/"
PREFIXES = f"""
PREFIX bg: <{BG}>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
"""


@pytest.fixture(scope="module")
def mentions() -> Mentions:
    return extract(segment(read(PROTOCOL)))


def _item(mentions: Mentions, number: int) -> AgendaItem:
    return next(item for item in mentions.items if item.number == number)


def _vote(mentions: Mentions, number: int) -> Vote:
    (vote,) = _item(mentions, number).votes
    return vote


def _choices(vote: Vote) -> dict[str, tuple[str | None, str]]:
    """Voter → (party, choice's local name) of a vote's ballots."""
    return {
        ballot.voter.name: (ballot.voter.party, ballot.choice.removeprefix(BG))
        for ballot in vote.ballots
    }


def test_a_vote_list_table_marks_each_members_choice_in_its_column(mentions: Mentions) -> None:
    vote = _vote(mentions, 22)
    assert _choices(vote) == {
        "Birgitta Lövgren": ("S", "nej"),
        "Henrik Svedberg": ("M", "ja"),
        "Agneta Fors": ("C", "ja"),
        "Rolf Brandt": ("S", "nej"),
        "Camilla Norén": ("V", "nej"),
        "Tomas Wikander": ("M", "ja"),
        "Elin Rask": ("KD", "ja"),
        "Stefan Holmgren": ("SD", "avstar"),
        "Maja Törnqvist": ("L", "ja"),
    }
    # The counts the Omröstning block states are kept; the "Summa" row is no ballot.
    assert (vote.yes, vote.no, vote.abstain) == (5, 3, 1)
    assert vote.span.text.startswith("Omröstning begärs och genomförs.")
    row = next(b for b in vote.ballots if b.voter.name == "Stefan Holmgren").span.text
    assert row.split("\t")[0] == "Stefan Holmgren (SD)"


def test_a_vote_list_writes_the_choice_word_in_a_column(mentions: Mentions) -> None:
    vote = _vote(mentions, 25)
    choices = _choices(vote)
    assert len(choices) == 9
    assert choices["Camilla Norén"] == ("V", "nej")
    assert choices["Elin Rask"] == ("KD", "avstar")
    assert choices["Maja Törnqvist"] == ("L", "ja")
    assert (vote.yes, vote.no, vote.abstain) == (6, 2, 1)


def test_lists_of_names_in_prose_are_ballots_and_give_the_counts(mentions: Mentions) -> None:
    vote = _vote(mentions, 23)
    assert _choices(vote) == {
        "Birgitta Lövgren": ("S", "ja"),
        "Henrik Svedberg": ("M", "ja"),
        "Rolf Brandt": ("S", "ja"),
        "Tomas Wikander": ("M", "ja"),
        "Maja Törnqvist": ("L", "ja"),
        "Stefan Holmgren": ("SD", "nej"),
        "Elin Rask": ("KD", "nej"),
        "Agneta Fors": ("C", "avstar"),
        "Camilla Norén": ("V", "avstar"),
    }
    # No count is stated: they are counted from the ballots.
    assert (vote.yes, vote.no, vote.abstain) == (5, 2, 2)


def test_following_members_voted_yes_no_or_abstained(mentions: Mentions) -> None:
    vote = _vote(mentions, 24)
    choices = _choices(vote)
    assert {name for name, (_, choice) in choices.items() if choice == "nej"} == {
        "Stefan Holmgren",
        "Camilla Norén",
    }
    assert {name for name, (_, choice) in choices.items() if choice == "avstar"} == {
        "Elin Rask",
        "Maja Törnqvist",
    }
    assert (vote.yes, vote.no, vote.abstain) == (5, 2, 2)


def test_voters_with_their_party_are_firm_person_mentions(mentions: Mentions) -> None:
    firm = {(p.span.start, p.name) for p in person_mentions(mentions, free_text=False)}
    for ballot in _vote(mentions, 24).ballots:
        assert (ballot.voter.span.start, ballot.voter.name) in firm


def _ballots(store: EmbeddedStore, item: int) -> dict[str, tuple[str, str]]:
    rows = store.select(
        PREFIXES
        + f"""SELECT ?name ?choice ?party WHERE {{
            <{ITEM}{item}/vote/1> bg:ballot ?ballot .
            ?ballot a bg:Ballot ; bg:voter ?voter ; bg:choice ?choice ; bg:forParty ?party .
            ?voter foaf:name ?name .
        }}"""
    )
    return {
        row["name"].strip('"'): (
            row["choice"].strip("<>").removeprefix(BG),
            row["party"].strip("<>").rsplit("/", 1)[-1],
        )
        for row in rows
    }


def _counts(store: EmbeddedStore, item: int) -> tuple[int, int, int]:
    (row,) = store.select(
        PREFIXES
        + f"""SELECT ?yes ?no ?abstain WHERE {{
            <{ITEM}{item}/vote/1> bg:yesCount ?yes ; bg:noCount ?no ; bg:abstainCount ?abstain .
        }}"""
    )
    yes, no, abstain = (int(row[key].split('"')[1]) for key in ("yes", "no", "abstain"))
    return yes, no, abstain


def test_the_graph_has_a_ballot_per_member_with_choice_and_party(store: EmbeddedStore) -> None:
    load(store, PROTOCOL)
    table = _ballots(store, 22)
    assert len(table) == 9
    assert table["Birgitta Lövgren"] == ("nej", "S")
    assert table["Stefan Holmgren"] == ("avstar", "SD")
    prose = _ballots(store, 23)
    assert len(prose) == 9
    assert prose["Agneta Fors"] == ("avstar", "C")
    assert len(_ballots(store, 24)) == 9
    assert len(_ballots(store, 25)) == 9
    assert _counts(store, 22) == (5, 3, 1)
    assert _counts(store, 23) == (5, 2, 2)
    assert _counts(store, 25) == (6, 2, 1)


def test_voters_are_the_members_the_protocol_lists(store: EmbeddedStore) -> None:
    load(store, PROTOCOL)
    rows = store.select(PREFIXES + """SELECT DISTINCT ?voter WHERE { ?ballot bg:voter ?voter }""")
    # Nine members, each one person across the four votes and the member list.
    assert len(rows) == 9


def test_voters_named_with_their_party_are_persons_without_a_member_list(
    store: EmbeddedStore, tmp_path: Path
) -> None:
    text = PROTOCOL.read_text(encoding="utf-8")
    start, end = text.index("Beslutande\n"), text.index("Justerare:")
    extract_only = tmp_path / "kf_protokollsutdrag_2024-02-26.txt"
    extract_only.write_text(text[:start] + text[end:], encoding="utf-8")
    load(store, extract_only)
    assert len(_ballots(store, 23)) == 9


def test_a_roll_call_that_disagrees_with_the_stated_counts_is_left_out(
    store: EmbeddedStore, tmp_path: Path
) -> None:
    text = PROTOCOL.read_text(encoding="utf-8").replace("Med 5 ja-röster", "Med 6 ja-röster")
    misprinted = tmp_path / "kf_protokoll_2024-02-26.txt"
    misprinted.write_text(text, encoding="utf-8")
    load(store, misprinted)
    # The document loads (the shapes reject a tally and a roll call that disagree): the
    # counts as stated stand, the ballots of that vote are left out, the others kept.
    assert _ballots(store, 22) == {}
    assert store.ask(PREFIXES + f"ASK {{ <{ITEM}22/vote/1> bg:yesCount 6 }}")
    assert len(_ballots(store, 23)) == 9


def test_a_voter_on_no_attendance_list_and_without_a_party_keeps_the_roll_call(
    store: EmbeddedStore, tmp_path: Path
) -> None:
    """A name in a vote list is a member who voted: Petra Sjö, on no member list and
    named without a party, is a person of the meeting, and the roll call stays whole."""
    item = (
        "§ 12 Dnr KS 2024/100\nBudget 2025\nBeslut\n"
        "Kommunstyrelsen beslutar att anta budget 2025.\n"
        "Omröstning\nOmröstning begärs och verkställs. Ja-röst för bifall, nej-röst för avslag.\n"
        "Ja-röster: Eva Berg (S), Lars Holm (M), Petra Sjö. Nej-röster: Karin Ek (C).\n\n"
    )
    load(store, write_protocol(tmp_path, ks_protocol(item + LAST_ITEM)))
    rows = store.select(
        PREFIXES
        + """SELECT ?name ?choice WHERE {
            <https://w3id.org/beslutsgraf/id/meeting/kommunstyrelsen/2024-09-10/item/12/vote/1>
                bg:ballot ?ballot .
            ?ballot bg:voter ?voter ; bg:choice ?choice . ?voter foaf:name ?name .
        }"""
    )
    ballots = {row["name"].strip('"'): row["choice"].strip("<>").removeprefix(BG) for row in rows}
    assert ballots == {"Eva Berg": "ja", "Lars Holm": "ja", "Petra Sjö": "ja", "Karin Ek": "nej"}


@pytest.mark.parametrize(
    "opening",
    ["Omröstning begärs och verkställs.", "Omröstning begärdes.", "Votering begärdes."],
)
def test_a_vote_opening_a_sentence_in_the_beslutsgang_is_quoted_from_its_first_word(
    opening: str, tmp_path: Path
) -> None:
    """ "Omröstning begärdes." on its own line inside the Beslutsgång is the vote's first
    sentence, not an "Omröstning" label: the vote's text starts at "Omröstning", and its
    ballots are still read."""
    vote_text = (
        f"{opening} Ja-röster: Eva Berg (S), Lars Holm (M). Nej-röster: Karin Ek (C).\n"
        "Kommunstyrelsen har således beslutat att anta budget 2025."
    )
    item = (
        "§ 12 Dnr KS 2024/100\nBudget 2025\nBeslutsgång\n"
        "Ordföranden ställer proposition på bifall mot avslag och finner att kommunstyrelsen "
        f"bifaller förslaget.\n{vote_text}\nBeslut\n"
        "Kommunstyrelsen beslutar att anta budget 2025.\n\n"
    )
    path = write_protocol(tmp_path, ks_protocol(item + LAST_ITEM))
    (vote,) = _item(extract(segment(read(path))), 12).votes
    assert vote.span.text == vote_text
    assert {(b.voter.name, b.choice.removeprefix(BG)) for b in vote.ballots} == {
        ("Eva Berg", "ja"),
        ("Lars Holm", "ja"),
        ("Karin Ek", "nej"),
    }
    assert (vote.yes, vote.no) == (2, 1)
    store = EmbeddedStore(tmp_path / "store")
    try:
        load(store, path)
        vote_iri = (
            "https://w3id.org/beslutsgraf/id/meeting/kommunstyrelsen/2024-09-10/item/12/vote/1"
        )
        quotes = store.select(
            PREFIXES
            + "PREFIX oa: <http://www.w3.org/ns/oa#> SELECT ?exact WHERE { ?annotation "
            + f"oa:hasBody <{vote_iri}> ; oa:hasTarget/oa:hasSelector/oa:exact ?exact }}"
        )
    finally:
        store.close()
    assert any(row["exact"].strip('"').startswith(opening) for row in quotes)
