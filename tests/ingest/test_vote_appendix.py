"""Vote lists printed as appendices of a kommunfullmäktige protocol
(tests/ingest/protocols/kf_protokoll_2024-11-25.txt): "Bilaga 1 till § 45 /
Omröstningslista" and "Bilaga 2 / Voteringslista § 46" after the last §, cited in the §
("Omröstningsresultat framgår av bilaga 1 (omröstningslista § 45): …"), give their ballots
to the vote of that §, and are no part of the last item. Voters named without a party (a
party cell left blank, "Ja: Gunilla Borg, …") are the members of the attendance list."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from beslutsgraf.ingest.extract import extract
from beslutsgraf.ingest.model import AgendaItem, Vote
from beslutsgraf.ingest.read import read
from beslutsgraf.ingest.segment import segment
from beslutsgraf.store.embedded import EmbeddedStore

from .conftest import loaded_store, variant

PROTOCOL = Path(__file__).parent / "protocols" / "kf_protokoll_2024-11-25.txt"
BG = "https://w3id.org/beslutsgraf/def#"
MEETING = "https://w3id.org/beslutsgraf/id/meeting/kommunfullmaktige/2024-11-25"
PERSON = "https://w3id.org/beslutsgraf/id/person/"
PREFIXES = f"PREFIX bg: <{BG}> PREFIX foaf: <http://xmlns.com/foaf/0.1/> "
APPENDIX_1 = PROTOCOL.read_text(encoding="utf-8").split("\n\nBilaga 2\n")[0].split("\n\n")[-1]


def _items(path: Path = PROTOCOL) -> dict[int, AgendaItem]:
    return {item.number: item for item in extract(segment(read(path))).items}


def _vote(item: AgendaItem) -> Vote:
    (vote,) = item.votes
    return vote


def _choices(vote: Vote) -> dict[str, tuple[str | None, str]]:
    """Voter → (party, choice's local name) of a vote's ballots."""
    return {b.voter.name: (b.voter.party, b.choice.removeprefix(BG)) for b in vote.ballots}


# --------------------------------------------------------------------------- extract


def test_an_appendix_gives_its_rows_to_the_vote_of_the_paragraph_it_names() -> None:
    vote = _vote(_items()[45])
    assert (vote.yes, vote.no, vote.abstain) == (6, 3, 1)  # as the § states them
    assert _choices(vote) == {
        "Gunilla Borg": ("S", "ja"),
        "Anders Nyström": ("M", "nej"),
        "Lena Hultgren": ("C", "avstar"),
        "Mats Åberg": ("S", "ja"),
        "Karin Dalin": (None, "ja"),  # her party cell is blank
        "Peter Sundin": ("M", "nej"),
        "Sara Lund": ("V", "ja"),
        "Johan Falk": ("SD", "nej"),
        "Emma Strand": ("KD", "ja"),
        "Nils Berglund": ("L", "ja"),  # under "Tjänstgörande ersättare"
    }
    # The vote is the § 's own sentence, its rows the appendix's.
    assert vote.span.text.startswith(
        "Omröstning begärs och verkställs. Omröstningsresultat framgår av"
    )
    row = next(b for b in vote.ballots if b.voter.name == "Lena Hultgren").span.text
    assert row.split("\t") == ["Lena Hultgren", "C", "", "", "X"]


def test_the_appendices_are_no_part_of_the_last_item() -> None:
    last = _items()[47]
    assert "Bilaga" not in last.span.text and "Omröstningslista" not in last.span.text
    assert [d.text for d in last.decisions] == ["Kommunfullmäktige bifaller medborgarförslaget."]
    vote = _vote(last)  # its own roll call only, not the appendices'
    assert (vote.yes, vote.no, vote.abstain) == (7, 3, 0)


def test_a_vote_list_set_in_spaces_reads_each_mark_under_its_heading() -> None:
    # "Bilaga 2" over "Voteringslista § 46", its columns parted by runs of spaces.
    choices = _choices(_vote(_items()[46]))
    assert len(choices) == 10
    assert choices["Sara Lund"] == ("V", "nej")  # X under "Nej", the Ja cell blank
    assert choices["Nils Berglund"] == ("L", "nej")
    assert choices["Karin Dalin"] == (None, "ja")  # no party written, the mark still placed
    assert choices["Johan Falk"] == ("SD", "ja")


def test_bare_choice_words_list_voters_named_without_a_party() -> None:
    vote = _vote(_items()[47])
    choices = _choices(vote)
    assert {name for name, (_, choice) in choices.items() if choice == "nej"} == {
        "Peter Sundin",
        "Johan Falk",
        "Emma Strand",
    }
    assert len(choices) == 10
    assert {party for party, _ in choices.values()} == {None}


def test_an_appendix_naming_only_its_number_goes_to_the_paragraph_citing_it(
    tmp_path: Path,
) -> None:
    path = variant(
        PROTOCOL, tmp_path, "Bilaga 2\nVoteringslista § 46\n", "Bilaga 2\nOmröstningsbilaga\n"
    )
    items = _items(path)
    assert _choices(_vote(items[46]))["Sara Lund"] == ("V", "nej")  # "framgår av bilaga 2"
    assert len(_vote(items[45]).ballots) == 10
    assert "Omröstningsbilaga" not in items[47].span.text


def test_an_appendix_no_paragraph_claims_is_given_to_none(tmp_path: Path) -> None:
    path = variant(PROTOCOL, tmp_path, "Bilaga 1 till § 45\n", "Bilaga 3\n")
    items = _items(path)
    assert _vote(items[45]).ballots == ()  # "bilaga 1" is cited, the list is "Bilaga 3"
    assert [b.voter.party for b in _vote(items[47]).ballots] == [None] * 10
    assert "Bilaga 3" not in items[47].span.text


def test_a_vote_list_printed_right_after_its_paragraph(tmp_path: Path) -> None:
    reservation = "Anders Nyström (M) reserverar sig mot beslutet till förmån för eget yrkande.\n"
    text = PROTOCOL.read_text(encoding="utf-8").replace("\n\n" + APPENDIX_1, "")
    text = text.replace(reservation, f"{reservation}\n{APPENDIX_1}")
    path = tmp_path / PROTOCOL.name
    path.write_text(text, encoding="utf-8")
    items = _items(path)
    vote = _vote(items[45])
    assert len(vote.ballots) == 10 and _choices(vote)["Lena Hultgren"] == ("C", "avstar")
    assert [r.persons[0].name for r in items[45].reservations] == ["Anders Nyström"]
    assert [d.text for d in items[46].decisions] == ["Kommunfullmäktige avslår motionen."]


def test_an_appendix_after_its_paragraph_stays_there_when_another_cites_its_number(
    tmp_path: Path,
) -> None:
    # Appendices numbered per §: § 45 and § 46 each cite a "bilaga 1"; the list printed
    # after § 45 is § 45's.
    reservation = "Anders Nyström (M) reserverar sig mot beslutet till förmån för eget yrkande.\n"
    text = PROTOCOL.read_text(encoding="utf-8").replace("\n\n" + APPENDIX_1, "")
    own = APPENDIX_1.replace("Bilaga 1 till § 45\n", "Bilaga 1\n")
    text = text.replace(reservation, f"{reservation}\n{own}")
    text = text.replace("framgår av bilaga 2 (voteringslista § 46)", "framgår av bilaga 1")
    path = tmp_path / PROTOCOL.name
    path.write_text(text, encoding="utf-8")
    items = _items(path)
    assert _choices(_vote(items[45]))["Lena Hultgren"] == ("C", "avstar")
    assert _choices(_vote(items[46]))["Lena Hultgren"] == ("C", "ja")  # "Voteringslista § 46"


# --------------------------------------------------------------------------- store


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStore]:
    with loaded_store(tmp_path_factory.mktemp("vote_appendix"), PROTOCOL) as opened:
        yield opened


def _ballots(store: EmbeddedStore, item: int) -> dict[str, tuple[str, str | None]]:
    """Voter IRI → (choice's local name, party's slug) of the item's vote."""
    rows = store.select(
        PREFIXES + f"SELECT ?voter ?choice ?party WHERE {{ <{MEETING}/item/{item}/vote/1> "
        "bg:ballot ?ballot . ?ballot bg:voter ?voter ; bg:choice ?choice . "
        "OPTIONAL { ?ballot bg:forParty ?party } }"
    )
    return {
        row["voter"].strip("<>").removeprefix(PERSON): (
            row["choice"].strip("<>").removeprefix(BG),
            row["party"].strip("<>").rsplit("/", 1)[-1] if row.get("party") else None,
        )
        for row in rows
    }


def test_the_appendix_ballots_are_on_the_vote_of_their_paragraph(store: EmbeddedStore) -> None:
    ballots = _ballots(store, 45)
    assert len(ballots) == 10
    assert ballots["lena-hultgren"] == ("avstar", "C")
    assert ballots["nils-berglund"] == ("ja", "L")
    # A voter without a party cell is the member the attendance list names.
    assert ballots["karin-dalin"] == ("ja", None)
    assert _ballots(store, 46)["sara-lund"] == ("nej", "V")


def test_voters_named_without_a_party_are_the_listed_members(store: EmbeddedStore) -> None:
    ballots = _ballots(store, 47)
    assert len(ballots) == 10
    assert ballots["johan-falk"] == ("nej", None)
    voters = store.select(PREFIXES + "SELECT DISTINCT ?voter WHERE { ?ballot bg:voter ?voter }")
    members = store.select(
        PREFIXES + "SELECT DISTINCT ?person WHERE { ?person a foaf:Person ; foaf:name ?name }"
    )
    # Ten voters across the three votes, each one person of the eleven the protocol names
    # (Helena Vik (L) is replaced): no voter is a person of their own.
    assert len(voters) == 10
    assert len(members) == 11


# --------------------------------------------------------------------------- counts in prose

SN_HEADER = """PROTOKOLL
Socialnämnden
Sammanträdesdatum 2024-09-10

Plats och tid: Kommunhuset, kl. 09.00–12.00

Beslutande
Eva Berg (S), ordförande
Lars Holm (M)

Justerare: Lars Holm (M)

"""
STATED = (
    "Med 3 ja-röster mot 1 nej-röst och 1 som avstod beslutar socialnämnden att avslå motionen."
)
# One paragraph each, as printed: the counts stand in the middle of the Beslutsgång.
PROCEDURE_12 = (
    "Ordföranden ställer proposition på förslagen. Omröstning begärs. "
    f"{STATED} Omröstningsresultat framgår av bilaga 1."
)
PROCEDURE_13 = (
    "Omröstning begärs och verkställs. Omröstningen utfaller med 31 ja och 30 nej. "
    "Socialnämnden har således beslutat att avslå motionen."
)
SN_ITEMS = f"""§ 12 Dnr SN 2024/100
Motion om cykelvägar
Beslutsgång
{PROCEDURE_12}
Beslut
Socialnämnden beslutar att avslå motionen.

§ 13 Dnr SN 2024/101
Motion om gångvägar
Beslutsgång
{PROCEDURE_13}
Beslut
Socialnämnden beslutar att avslå motionen.

Bilaga 1 till § 12
Omröstningslista
Ledamot\tJa\tNej\tAvstår
Eva Berg (S)\tX\t\t
Lars Holm (M)\tX\t\t
Ida Ström (C)\tX\t\t
Nils Dahl (V)\t\tX\t
Åsa Lind (SD)\t\t\tX
"""
SN_MEETING = "https://w3id.org/beslutsgraf/id/meeting/socialnamnden/2024-09-10"


def _sn_protocol(folder: Path, items: str = SN_ITEMS) -> Path:
    path = folder / "sn_protokoll_2024-09-10.txt"
    path.write_text(SN_HEADER + items, encoding="utf-8")
    return path


def test_counts_stated_mid_paragraph_are_the_votes_not_the_lists(tmp_path: Path) -> None:
    """The Beslutsgång states the counts and the appendix lists the ballots: the counts
    are the protocol's words, even where the list leaves a member out."""
    items = _items(_sn_protocol(tmp_path, SN_ITEMS.replace("Åsa Lind (SD)\t\t\tX\n", "")))
    vote = _vote(items[12])
    assert (vote.yes, vote.no, vote.abstain) == (3, 1, 1)
    assert vote.counted_in is not None and vote.counted_in.text == STATED
    assert vote.outcome == STATED
    assert len(vote.ballots) == 4
    vote = _vote(items[13])
    assert (vote.yes, vote.no, vote.abstain) == (31, 30, None)


def test_the_graph_quotes_the_sentence_stating_the_counts(tmp_path: Path) -> None:
    path = _sn_protocol(tmp_path)
    text = path.read_text(encoding="utf-8")
    with loaded_store(tmp_path, path) as store:
        (row,) = store.select(
            PREFIXES + "PREFIX oa: <http://www.w3.org/ns/oa#> SELECT ?yes ?no ?abstain ?start "
            f"WHERE {{ <{SN_MEETING}/item/12/vote/1> bg:yesCount ?yes ; bg:noCount ?no ; "
            "bg:abstainCount ?abstain . ?annotation oa:hasBody "
            f"<{SN_MEETING}/item/12/vote/1> ; oa:hasTarget ?target . ?target oa:hasSelector "
            f'?quote , ?position . ?quote oa:exact "{STATED}" . ?position oa:start ?start }}'
        )
        ballots = _sn_ballots(store)
    counts = tuple(int(row[key].split('"')[1]) for key in ("yes", "no", "abstain"))
    assert counts == (3, 1, 1)
    start = int(row["start"].split('"')[1])
    assert text[start : start + len(STATED)] == STATED
    # The ballots agree with the counts as stated: all five are kept.
    assert ballots == {
        "eva-berg": "ja",
        "lars-holm": "ja",
        "ida-strom": "ja",
        "nils-dahl": "nej",
        "asa-lind": "avstar",
    }


def _sn_ballots(store: EmbeddedStore) -> dict[str, str]:
    rows = store.select(
        PREFIXES + f"SELECT ?voter ?choice WHERE {{ <{SN_MEETING}/item/12/vote/1> "
        "bg:ballot ?ballot . ?ballot bg:voter ?voter ; bg:choice ?choice }"
    )
    return {
        row["voter"].strip("<>").removeprefix(PERSON): row["choice"].strip("<>").removeprefix(BG)
        for row in rows
    }
