"""Minutes never seen: other bodies' excerpts in ../shared/samples, read as a user expects.

Each sample shows a layout the development corpus does not (see its README): pages
flattened onto one line, parties in lower case, "(tjänstgörande)", "X ersättare för Y",
§ numbering whose "§" was lost, decisions reported per party. Where an excerpt does not
state a fact (05 starts mid-page with no heading, 09 is a news item without a year, 11 is
undated, 12 gives only the dates its notice was posted) the expected value is None.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from beslutsgraf.ingest.errors import NoRecognisableContent
from beslutsgraf.ingest.extract import extract
from beslutsgraf.ingest.known import literal_value
from beslutsgraf.ingest.meeting import unplaced_content
from beslutsgraf.ingest.model import Mentions, PersonMention
from beslutsgraf.ingest.read import read
from beslutsgraf.ingest.run import Status, run
from beslutsgraf.ingest.segment import segment
from beslutsgraf.ontology import BG
from beslutsgraf.store.embedded import EmbeddedStore
from tests.conftest import SAMPLES_DIR

PREFIXES = (
    "PREFIX bg: <https://w3id.org/beslutsgraf/def#> "
    "PREFIX org: <http://www.w3.org/ns/org#> "
    "PREFIX dct: <http://purl.org/dc/terms/> "
)
ID = "https://w3id.org/beslutsgraf/id/"


@dataclass(frozen=True)
class Expected:
    """What a reader of the excerpt can see in it."""

    body: str | None
    date: str | None
    items: tuple[int, ...]
    attendee: tuple[str, str | None] | None = None  # a called member and their party
    substitution: tuple[str, str] | None = None  # (substitute, member sat for)
    decision: tuple[int, str] | None = None  # (item number, start of its decision text)


SAMPLES = {
    "05": Expected(None, None, (1, 2)),
    "06": Expected("Förbundsstyrelsen", "2001-02-23", (1, 2), attendee=("Margita Björklund", "L")),
    # "Beslut: enligt förslag" with no labelled proposal: the line as printed is the decision.
    "07": Expected(
        "Regionstyrelsen",
        "2019-03-26",
        (1,),
        decision=(1, "Regionstyrelsen föreslår att regionfullmäktige godkänner"),
    ),
    "08": Expected(
        "Regionstyrelsen",
        "2022-08-23",
        (1, 2, 3, 4),
        decision=(2, "Ärendet bordläggs och återupptas"),
    ),
    "09": Expected(None, None, ()),
    "10": Expected("Regionförbundets Primärkommunala nämnd", "2008-09-11", ()),
    "11": Expected(
        "Landstingsstyrelsen",
        None,
        (138, 139),
        attendee=("Gert Ohlsson", "L"),
        substitution=("Karin Andersson", "Göran Nilsson"),
        decision=(138, "Godkändes upprättad föredragningslista"),
    ),
    "12": Expected("Kommunfullmäktige", None, (), attendee=("Bo Grafström", "KD")),
    "13": Expected(
        "Kommunstyrelsen",
        "2018-09-11",
        (80,),
        attendee=("Ulla-Maria Åkerblom", "L"),
        substitution=("Klara Olofsson", "Therese Granström"),
    ),
}


def _path(prefix: str) -> Path:
    [path] = SAMPLES_DIR.glob(f"{prefix}_*.txt")
    return path


@cache
def _mentions(prefix: str) -> Mentions:
    return extract(segment(read(_path(prefix))))


def _called(prefix: str) -> dict[str, PersonMention]:
    return {person.name: person for person in _mentions(prefix).attendance.called}


def test_every_sample_has_expectations() -> None:
    names = sorted(path.name[:2] for path in SAMPLES_DIR.glob("[0-9]*.txt"))
    assert names and names == sorted(SAMPLES)


@pytest.mark.parametrize("prefix", sorted(SAMPLES))
def test_meeting_body_date_and_items(prefix: str) -> None:
    mentions, expected = _mentions(prefix), SAMPLES[prefix]
    assert mentions.meeting.body == expected.body
    assert (mentions.meeting.date.iso() if mentions.meeting.date else None) == expected.date
    assert tuple(item.number for item in mentions.items) == expected.items


@pytest.mark.parametrize(
    "prefix", sorted(prefix for prefix, facts in SAMPLES.items() if facts.attendee)
)
def test_a_named_attendee_with_party(prefix: str) -> None:
    expected = SAMPLES[prefix].attendee
    assert expected is not None
    name, party = expected
    assert _called(prefix)[name].party == party


@pytest.mark.parametrize(
    "prefix", sorted(prefix for prefix, facts in SAMPLES.items() if facts.substitution)
)
def test_a_substitution_and_the_member_sat_for_is_absent(prefix: str) -> None:
    attendance = _mentions(prefix).attendance
    pairs = [(s.substitute.name, s.substituted.name) for s in attendance.substitutions]
    assert SAMPLES[prefix].substitution in pairs
    substitute, substituted = SAMPLES[prefix].substitution or ("", "")
    assert substitute in _called(prefix)
    assert substituted in {person.name for person in attendance.absent}


@pytest.mark.parametrize(
    "prefix", sorted(prefix for prefix, facts in SAMPLES.items() if facts.decision)
)
def test_a_decision_text(prefix: str) -> None:
    expected = SAMPLES[prefix].decision
    assert expected is not None
    number, start = expected
    [item] = [item for item in _mentions(prefix).items if item.number == number]
    assert item.decisions
    assert item.decisions[0].text.startswith(start)


def test_flattened_roster_with_lower_case_parties_and_places() -> None:
    """06: "Jan Hallberg (m), Göteborg Vivi-Ann Nilsson (s), Göteborg …" on one line."""
    called = _called("06")
    assert len(called) == 21  # 20 ledamöter and the one ersättare marked "(tjänstgörande)"
    assert called["Lena Facht"].meeting_role == str(BG.ordforande)
    assert called["Vivi-Ann Nilsson"].party == "S"
    assert called["Vivi-Ann Nilsson"].organisation == "Göteborg"
    deputies = {p.name: p for p in _mentions("06").people if p.section == "deputies"}
    assert deputies["Kristina Bergman Alme"].party == "L"  # "(fp)": Folkpartiet, today L
    assert deputies["Lars F Eklund"].organisation == "Göteborg"
    serving = called["Kenneth Johansson"]
    assert serving.meeting_role == str(BG.tjanstgorandeErsattare)
    assert serving.section == "deputies"
    assert "Henrik Ripa" not in called  # an ersättare who did not serve
    others = {person.name for person in _mentions("06").attendance.others_present}
    assert {"Lars Roslund", "Imre Tomasits"} <= others
    assert not any("Välkomsthälsning" in name for name in others)
    assert [p.name for p in _mentions("06").attendance.secretaries] == ["Peter Holmström"]


def test_flattened_roster_with_a_two_word_place() -> None:
    """06: "Jörgen Hellman (s), Lilla Edet Urban Svensson (kd), Öckerö": Lilla Edet, a
    municipality of the register, is Jörgen Hellman's place, not part of the next name."""
    called = _called("06")
    assert called["Jörgen Hellman"].organisation == "Lilla Edet"
    assert (called["Urban Svensson"].party, called["Urban Svensson"].organisation) == (
        "KD",
        "Öckerö",
    )
    assert not [name for name in called if "Edet" in name or "Lilla" in name]


def test_label_column_members_after_the_date() -> None:
    """10: "Organ: Plats och tid: ande: <body> <place> Torsdagen den 11 september 2008 kl
    Roland Åkesson, ordf Lisbeth Lennartsson Ann-Marie Fagerström, … Saad Benatallah, tjg
    ers Övriga deltagare: Cecilia Nilsson Eva-Marie Hansson …": "ande:" is the end of
    "Beslutande:", whose values run on after the date, names without separators."""
    mentions = _mentions("10")
    called = _called("10")
    assert list(called) == [
        "Roland Åkesson",
        "Lisbeth Lennartsson",
        "Ann-Marie Fagerström",
        "Ewa Engdahl",
        "Göran Häggfors",
        "Birgitta Elfström",
        "Kent Ingvarsson",
        "Markus Lund",
        "Peter Wretlund",
        "Roland Swedestam",
        "Carl-Axel Centerstig",
        "Saad Benatallah",
    ]
    assert called["Roland Åkesson"].role_text == "ordf"
    assert called["Saad Benatallah"].meeting_role == str(BG.tjanstgorandeErsattare)
    assert [person.name for person in mentions.attendance.others_present] == [
        "Cecilia Nilsson",
        "Eva-Marie Hansson",
        "Monika Kling",
        "Bengt Falke",
        "Fredrik Lilja",
        "Agneta Persson",
        "Lennart Magnusson",
        "Eva Maly-Stutterheim",
        "Henrik Svensson",
    ]


def test_a_news_item_without_a_year_is_rejected_saying_what_it_lacks() -> None:
    """09 reports VästKom's decision "den 6 december" with no year: E002 says that a decision
    was found and what is missing, on one line."""
    mentions = _mentions("09")
    message = str(NoRecognisableContent(_path("09"), *unplaced_content(mentions)))
    assert message.startswith(f"[E002] {_path('09')}: no minutes content found: ")
    assert 'a decision is reported ("ställde sig bakom")' in message
    assert 'dates without a year ("6 december", "25 november"' in message
    assert "but no meeting date with a year" in message
    assert "\n" not in message


def test_speakers_in_item_bodies_are_presenters() -> None:
    """05: "Elin Nirjens går igenom verksamhetsberättelsen … Elin går igenom ett urval"."""
    [first, second] = _mentions("05").items
    assert [person.name for person in first.presenters] == ["Elin Nirjens", "Elin"]
    assert [person.span.text for person in first.presenters] == ["Elin Nirjens", "Elin"]
    # "Daniel Danielsson (C) uttalar sig" (no verb of the table) and "Mikael Westin, Elin
    # Nirjens och Jonas Andersson kompletterar" (a list, not a name opening the sentence).
    assert second.presenters == ()


def test_flattened_roster_with_substitutions_inside_it() -> None:
    """11: "… Karin Andersson (M) ersättare för Göran Nilsson Björn Kihl (M) …"."""
    mentions = _mentions("11")
    called = _called("11")
    assert {"Björn Kihl", "Per Gruvberger", "Mats Sandström"} <= set(called)
    assert called["Jane Larsson"].role == str(BG.forsteViceOrdforande)
    assert called["Marianne Utterdahl"].party == "SIV"  # a party outside the register stays
    assert [(s.substitute.name, s.substituted.name) for s in mentions.attendance.substitutions] == [
        ("Karin Andersson", "Göran Nilsson"),
        ("Ann-Charlott Eskel", "Christina Wahrolin"),
        ("Erik Olsson", "Aina Wåhlund"),
    ]
    assert [p.name for p in mentions.attendance.adjusters] == ["Ulric Andersson"]
    assert mentions.attendance.chair is not None
    assert mentions.attendance.chair.name == "Fredrik Larsson"
    [agenda] = mentions.items[0].decisions
    assert agenda.decision_type == str(BG.godkannandeAvDagordning)
    assert [item.title for item in mentions.items] == ["Föredragningslistan", "Föredragningar"]


def test_attendance_list_on_a_later_page() -> None:
    """12: the header says "Se närvarolistan sidan 2"; page 3 ("3(27) Ej beslutande
    ersättare …") lists the deputies who did not serve."""
    mentions = _mentions("12")
    called = _called("12")
    assert len(called) == 39
    assert called["John Lundström"].meeting_role == str(BG.tjanstgorandeErsattare)
    assert "Göran Molin" not in called
    deputies = {p.name for p in mentions.people if p.section == "deputies"}
    assert {"Göran Molin", "Katariina Haukirauma"} <= deputies
    assert mentions.attendance.chair is not None
    assert mentions.attendance.chair.name == "Peter Hedberg"
    assert [p.name for p in mentions.attendance.adjusters] == ["Malin Svanholm", "Bo Grafström"]


def test_label_column_before_its_values() -> None:
    """10: "Organ: Plats och tid: ande: Regionförbundets Primärkommunala nämnd
    Regionförbundet, Nygatan 34, Kalmar Torsdagen den 11 september 2008 …"."""
    meeting = _mentions("10").meeting
    # The place keeps every part up to the weekday that opens the date.
    assert meeting.location == "Regionförbundet, Nygatan 34, Kalmar"
    assert meeting.body_span is not None and meeting.body_span.text == meeting.body


def test_protocol_extract_with_case_number() -> None:
    mentions = _mentions("13")
    [item] = mentions.items
    assert item.case_number == "KS/2018:298 - 001"
    assert item.title == "Motion - decentralisering av offentliga myndigheter"
    assert not item.decisions  # the excerpt ends before the decision
    attendance = mentions.attendance
    assert attendance.chair is not None and attendance.chair.name == "Tomas Mörtsell"
    assert [p.name for p in attendance.adjusters] == ["Anders Persson", "Kristina Fredriksson"]
    # "Justeringens plats och tid Kommunhuset, Storuman 2018-09-17 Paragrafer 80-97".
    assert attendance.adjusted_on is not None and attendance.adjusted_on.iso() == "2018-09-17"


def test_decisions_reported_per_party() -> None:
    [item07] = _mentions("07").items
    # "Beslut: enligt förslag" adopts the board's four proposals to regionfullmäktige.
    assert [d.decision_type for d in item07.decisions] == [str(BG.rekommendation)] * 4
    assert {d.decided_in.text for d in item07.decisions if d.decided_in} == {
        "Beslut: enligt förslag"
    }
    assert item07.reservations[0].parties == ("S", "V")
    items08 = _mentions("08").items
    assert items08[1].tabled
    assert items08[2].reservations[0].parties == ("V",)  # "Vänsterpartiet reserverade sig"


def test_chair_who_opens_the_meeting() -> None:
    chair = _mentions("05").attendance.chair
    assert chair is not None and chair.name == "Jonas Andersson"


def test_samples_in_the_store(tmp_path: Path) -> None:
    """06 (a meeting whose excerpt ends before its § items) loads with its unnumbered items;
    parties resolve to the register (Folkpartiet is today's Liberalerna, L); the member a
    deputy sits for is absent, not an attendee."""
    store = EmbeddedStore(tmp_path / "store")
    try:
        outcomes = run([_path("06"), _path("13")], store).outcomes
        assert [outcome.status for outcome in outcomes] == [Status.LOADED] * 2, [
            outcome.message for outcome in outcomes
        ]
        meeting06 = f"<{ID}meeting/forbundsstyrelsen/2001-02-23>"
        titles = store.select(
            PREFIXES + f"SELECT ?title WHERE {{ {meeting06} bg:hasAgendaItem ?i . "
            "?i dct:title ?title ; bg:itemNumber ?n } ORDER BY ?n"
        )
        assert [literal_value(row["title"]) for row in titles] == [
            "Välkomsthälsning",
            "Föredragningar",
        ]
        (party,) = store.select(
            PREFIXES + "SELECT ?party WHERE { ?m a org:Membership ; "
            f"org:member <{ID}person/margita-bjorklund> ; org:organization ?party ; "
            "org:role bg:partimedlem }"
        )
        assert party["party"] == f"<{ID}party/L>"
        meeting13 = f"<{ID}meeting/kommunstyrelsen/2018-09-11>"
        therese = f"<{ID}person/therese-granstrom>"
        flags = store.select(
            PREFIXES + "SELECT ?attends ?absent WHERE { "
            f"BIND (EXISTS {{ {meeting13} bg:attendee {therese} }} AS ?attends) "
            f"BIND (EXISTS {{ {meeting13} bg:absentee {therese} }} AS ?absent) }}"
        )
        assert [(literal_value(r["attends"]), literal_value(r["absent"])) for r in flags] == [
            ("false", "true")
        ]
    finally:
        store.close()


def test_the_pipeline_names_what_a_news_item_lacks_and_stores_nothing(tmp_path: Path) -> None:
    """`beslutsgraf ingest` on 09 prints the E002 line that says why, and loads no graph."""
    store = EmbeddedStore(tmp_path / "store")
    try:
        [outcome] = run([_path("09")], store).outcomes
        assert outcome.status == Status.FAILED
        assert outcome.message is not None
        assert outcome.message.startswith(f"[E002] {_path('09')}: no minutes content found: ")
        assert 'a decision is reported ("ställde sig bakom")' in outcome.message
        assert not [graph for graph in store.named_graphs() if "/source/" in graph]
    finally:
        store.close()


def test_items_of_an_undated_meeting_fail_saying_so_and_store_nothing(tmp_path: Path) -> None:
    """11 is §§ 138-139 of a protocol whose excerpt never dates the meeting: the items and
    their decision cannot be a meeting's, so E014 says what was read and what is missing,
    rather than loading the names alone as if the document had loaded."""
    store = EmbeddedStore(tmp_path / "store")
    try:
        [outcome] = run([_path("11")], store).outcomes
        assert outcome.status == Status.FAILED
        assert outcome.message == (
            f"[E014] {_path('11')}: 2 agenda item(s) (numbered 138–139) with 1 decision(s) "
            "were read, but the meeting has no date with a year, so they cannot be placed; "
            "nothing was loaded. Ingest the minutes with their first page (the one that names "
            "the body and the meeting date), or the whole protocol"
        )
        assert not [graph for graph in store.named_graphs() if "/source/" in graph]
    finally:
        store.close()
