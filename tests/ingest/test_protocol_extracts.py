"""A protocol extract (protokollsutdrag) as its reader sees it: points numbered inside one
running sentence, a yearly report date, reservers and proposers named with their parties
but on no member list, and a signature table of names over roles. And an adjuster the
protocol appoints in a sentence ("utser X att justera"); who checked the minutes and when,
and to whom a § sends its decision ("Beslutet skickas till"), as the graph says them."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from beslutsgraf.ingest.decisions import clauses_in
from beslutsgraf.ingest.extract import extract
from beslutsgraf.ingest.known import literal_value
from beslutsgraf.ingest.model import AgendaItem, DecisionClause, Mentions, Span
from beslutsgraf.ingest.read import read
from beslutsgraf.ingest.segment import segment
from beslutsgraf.ontology import BG
from beslutsgraf.store.embedded import EmbeddedStore
from tests.ingest.conftest import load

PROTOCOLS = Path(__file__).parent / "protocols"
EXTRACT = PROTOCOLS / "regionstyrelsen_protokollsutdrag_2024-06-11.txt"
SOCIALNAMNDEN = PROTOCOLS / "socialnamnden_protokoll_2024-11-27.txt"
PREFIXES = "PREFIX bg: <https://w3id.org/beslutsgraf/def#> "
ITEM = "<https://w3id.org/beslutsgraf/id/meeting/regionstyrelsen/2024-06-11/item/142>"
PERSON = "<https://w3id.org/beslutsgraf/id/person/{}>"


@cache
def _mentions() -> Mentions:
    return extract(segment(read(EXTRACT)))


def _item() -> AgendaItem:
    [item] = _mentions().items
    return item


def _clauses(text: str) -> list[DecisionClause]:
    return clauses_in(text, Span(0, len(text), text), default_year=2024)


def test_points_numbered_in_one_sentence_are_one_decision_each() -> None:
    decisions = _item().decisions
    assert [d.number for d in decisions] == [1, 2, 3]
    assert [d.text for d in decisions] == [
        "anta regional plan för kompetensförsörjning 2025–2028,",
        "ge regiondirektören i uppdrag att årligen följa upp planen och återrapportera till\n"
        "regionstyrelsen senast den 31 mars varje år,",
        "paragrafen justeras omedelbart.",
    ]
    # The lead-in the points share decides who decided.
    assert {d.decided_by for d in decisions} == {"Regionstyrelsen"}
    assignment = decisions[1].assignment
    assert decisions[1].decision_type == str(BG.uppdrag) and assignment is not None
    assert assignment.assignees == ("regiondirektören",)


def test_numbers_inside_a_point_split_nothing() -> None:
    text = (
        "Nämnden beslutar att 1. anta taxan enligt 9 kap. 31 § kommunallagen, i kraft "
        "från 2024-03-12, 2. upphäva punkt 2 i beslutet den 3 mars 2023."
    )
    assert [(c.number, c.text) for c in _clauses(text)] == [
        (1, "anta taxan enligt 9 kap. 31 § kommunallagen, i kraft från 2024-03-12,"),
        (2, "upphäva punkt 2 i beslutet den 3 mars 2023."),
    ]


def test_a_yearly_date_is_no_deadline_and_a_single_date_still_is() -> None:
    # In a June meeting's protocol: the year's 31 March has passed, and comes back.
    [yearly] = _clauses(
        "Regionstyrelsen ger regiondirektören i uppdrag att återrapportera till "
        "regionstyrelsen senast den 31 mars varje år."
    )
    assert yearly.deadline is None
    assert yearly.assignment is not None and yearly.assignment.deadline is None
    [before] = _clauses("Förvaltningen ska årligen, senast den 31 mars, redovisa planen.")
    assert before.deadline is None
    dated = {
        "Förvaltningen ska återrapportera senast den 31 mars 2025.": "2025-03-31",
        "Förvaltningen ska återrapportera senast den 30 november.": "2024-11-30",
    }
    for text, deadline in dated.items():
        [clause] = _clauses(text)
        assert clause.deadline is not None and clause.deadline.iso() == deadline


def test_a_signature_table_names_the_chair_and_the_adjuster(tmp_path: Path) -> None:
    attendance = _mentions().attendance
    assert attendance.chair is not None and attendance.chair.name == "Anders Nyqvist"
    assert [person.name for person in attendance.adjusters] == ["Karin Forsberg"]
    # Only a line of roles, column for column, says who signs as what.
    text = EXTRACT.read_text(encoding="utf-8").replace(
        "ordförande                          justerare",
        "ordförande                          Göteborg",
    )
    path = tmp_path / "utdrag.txt"
    path.write_text(text, encoding="utf-8")
    attendance = extract(segment(read(path))).attendance
    assert attendance.chair is None and attendance.adjusters == ()


def test_utser_att_justera_names_the_adjuster(tmp_path: Path) -> None:
    # Without the header's "Utses att justera" and signature lines, the § says who adjusts.
    lines = SOCIALNAMNDEN.read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if not line.startswith(("Utses att justera", "Justerande "))]
    path = tmp_path / "protokoll.txt"
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    mentions = extract(segment(read(path)))
    assert [person.name for person in mentions.attendance.adjusters] == ["Fatima Nuri"]
    [decision] = mentions.items[0].decisions
    assert decision.decision_type == str(BG.ovrigt)


def test_the_extract_in_the_store(store: EmbeddedStore) -> None:
    load(store, EXTRACT)
    rows = store.select(
        PREFIXES + f"SELECT ?n ?text WHERE {{ {ITEM} bg:hasDecision ?d . "
        "?d bg:clauseNumber ?n ; bg:decisionText ?text } ORDER BY ?n"
    )
    assert [literal_value(row["n"]) for row in rows] == ["1", "2", "3"]
    assert literal_value(rows[2]["text"]) == "paragrafen justeras omedelbart."
    deadlines = store.select(
        PREFIXES + f"SELECT ?date WHERE {{ {ITEM} bg:hasDecision ?d . "
        "{ ?d bg:deadline ?date } UNION { ?d bg:assignment/bg:deadline ?date } }"
    )
    assert deadlines == []
    reservers = store.select(
        PREFIXES + "SELECT ?person WHERE { ?r a bg:Reservation ; bg:reservingPerson ?person }"
    )
    assert {row["person"] for row in reservers} == {
        PERSON.format("ulla-hedin"),
        PERSON.format("per-olof-rask"),
    }
    proposers = store.select(PREFIXES + "SELECT ?who WHERE { ?m a bg:Motion ; bg:proposedBy ?who }")
    assert {row["who"] for row in proposers} == {
        PERSON.format("anders-nyqvist"),
        PERSON.format("ulla-hedin"),
    }
    (chair,) = store.select(PREFIXES + "SELECT ?chair WHERE { ?m bg:chair ?chair }")
    assert chair["chair"] == PERSON.format("anders-nyqvist")


BUN_PROTOCOL = """Sammanträdesprotokoll

Barn- och utbildningsnämnden

Datum\t2025-03-10
Tid\t13.00–15.30
Plats\tKommunhuset, sal Ljungen

Ledamöter\tMaria Fjäll (S), ordförande
\tJohan Brink (M), vice ordförande
\tSara Ekdahl (C)
\tTomas Vinge (V)
Sekreterare\tLena Strand
Justerare\tJohan Brink (M) och Karin Alsved (L)
Justeringens plats och tid\tKommunhuset 2025-03-12

§ 1 Dnr BUN 2025/3
Val av justerare

Beslut
Barn- och utbildningsnämnden beslutar att utse Johan Brink (M) och Karin Alsved (L) att jämte \
ordföranden justera protokollet.

§ 2 Dnr BUN 2025/14
Skolskjuts läsåret 2025/26

Beslut
Barn- och utbildningsnämnden beslutar att anta riktlinjer för skolskjuts läsåret 2025/26.

Beslutet skickas till
Socialnämnden
Ekonomienheten
Akten
"""
BUN = "<https://w3id.org/beslutsgraf/id/meeting/barn-och-utbildningsnamnden/2025-03-10>"


def _protocol_in_store(store: EmbeddedStore, folder: Path, text: str) -> None:
    path = folder / "bun_protokoll_2025-03-10.txt"
    path.write_text(text, encoding="utf-8")
    load(store, path)


def _names(store: EmbeddedStore, pattern: str) -> list[str]:
    rows = store.select(
        PREFIXES + "PREFIX foaf: <http://xmlns.com/foaf/0.1/> "
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
        f"SELECT ?name WHERE {{ {pattern} OPTIONAL {{ ?who foaf:name ?n }} "
        "OPTIONAL { ?who skos:prefLabel ?l } BIND(COALESCE(?n, ?l) AS ?name) } ORDER BY ?name"
    )
    return [literal_value(row["name"]) for row in rows]


def test_the_adjusters_and_the_day_they_checked_the_minutes(
    store: EmbeddedStore, tmp_path: Path
) -> None:
    _protocol_in_store(store, tmp_path, BUN_PROTOCOL)
    assert _names(store, f"{BUN} bg:adjuster ?who .") == ["Johan Brink", "Karin Alsved"]
    # Karin Alsved adjusts without being on the member list: no attendee for that.
    assert "Karin Alsved" not in _names(store, f"{BUN} bg:attendee ?who .")
    (day,) = store.select(PREFIXES + f"SELECT ?day WHERE {{ {BUN} bg:adjustedOn ?day }}")
    assert literal_value(day["day"]) == "2025-03-12"
    quotes = store.select(
        PREFIXES + "PREFIX oa: <http://www.w3.org/ns/oa#> "
        f"SELECT ?quote WHERE {{ ?a oa:hasBody {BUN} ; oa:motivatedBy oa:describing ; "
        "oa:hasTarget/oa:hasSelector/oa:exact ?quote }"
    )
    assert [literal_value(q["quote"]) for q in quotes] == [
        "Justeringens plats och tid\tKommunhuset 2025-03-12"
    ]


def test_a_decision_is_sent_to_the_organisations_its_paragraph_lists(
    store: EmbeddedStore, tmp_path: Path
) -> None:
    _protocol_in_store(store, tmp_path, BUN_PROTOCOL)
    decision = f"<{BUN[1:-1]}/item/2/decision/1>"
    # "Akten" (the file) reads as no organisation and no person: no recipient.
    assert _names(store, f"{decision} bg:sentTo ?who .") == ["Ekonomienheten", "Socialnämnden"]
    assert _names(store, f"<{BUN[1:-1]}/item/1/decision/1> bg:sentTo ?who .") == []
    quotes = store.select(
        PREFIXES + "PREFIX oa: <http://www.w3.org/ns/oa#> "
        f"SELECT ?quote WHERE {{ ?a oa:hasBody {decision} ; oa:motivatedBy oa:describing ; "
        "oa:hasTarget/oa:hasSelector/oa:exact ?quote }"
    )
    assert [literal_value(q["quote"]) for q in quotes] == ["Socialnämnden\nEkonomienheten\nAkten"]


def test_adjusted_in_a_sentence_and_sent_by_expedieras_till(
    store: EmbeddedStore, tmp_path: Path
) -> None:
    text = (
        BUN_PROTOCOL.replace("Justeringens plats och tid\tKommunhuset 2025-03-12\n", "")
        .replace("Beslutet skickas till\n", "Expedieras till: ")
        .replace("Socialnämnden\nEkonomienheten\nAkten", "Socialnämnden, Ekonomienheten")
    )
    text += "\nProtokollet justeras den 14 mars 2025.\n"
    _protocol_in_store(store, tmp_path, text)
    (day,) = store.select(PREFIXES + f"SELECT ?day WHERE {{ {BUN} bg:adjustedOn ?day }}")
    assert literal_value(day["day"]) == "2025-03-14"
    decision = f"<{BUN[1:-1]}/item/2/decision/1>"
    assert _names(store, f"{decision} bg:sentTo ?who .") == ["Ekonomienheten", "Socialnämnden"]


def test_the_meeting_date_is_no_adjusting_date(store: EmbeddedStore, tmp_path: Path) -> None:
    # A header merged into one line: the date after "Justerat" is the meeting's own.
    text = BUN_PROTOCOL.replace(
        "Justeringens plats och tid\tKommunhuset 2025-03-12\n", "Justerat 2025-03-10\n"
    )
    _protocol_in_store(store, tmp_path, text)
    assert store.select(PREFIXES + f"SELECT ?day WHERE {{ {BUN} bg:adjustedOn ?day }}") == []


def test_a_wrapped_adjusting_label_still_dates_the_adjusting() -> None:
    # "Justeringens" over "plats och tid", its value on the first line.
    attendance = extract(segment(read(SOCIALNAMNDEN))).attendance
    assert attendance.adjusted_on is not None and attendance.adjusted_on.iso() == "2024-12-02"
    assert attendance.adjusted_in is not None
    assert attendance.adjusted_in.text.startswith("Justeringens")
