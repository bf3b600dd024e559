"""A protocol extract (protokollsutdrag) as its reader sees it: points numbered inside one
running sentence, a yearly report date, reservers and proposers named with their parties
but on no member list, and a signature table of names over roles. And an adjuster the
protocol appoints in a sentence ("utser X att justera")."""

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
