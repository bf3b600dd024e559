"""The decisions of a § protocol as its reader sees them: a lead-in without ":" that lists
att-clauses, a board proposing that its assembly decide, "uppdrar åt" assignments, and
sums taken from what a decision says, not from the item's background."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from beslutsgraf.ingest.decisions import clauses_in
from beslutsgraf.ingest.extract import extract
from beslutsgraf.ingest.known import literal_value
from beslutsgraf.ingest.labels import find_fields
from beslutsgraf.ingest.model import AgendaItem, DecisionClause, Span
from beslutsgraf.ingest.read import read
from beslutsgraf.ingest.run import Status, run
from beslutsgraf.ingest.segment import segment
from beslutsgraf.ontology import BG
from beslutsgraf.store.embedded import EmbeddedStore
from tests.ingest.ks_protocol import ks_protocol, write_protocol

PROTOCOLS = Path(__file__).parent / "protocols"
PROBE = PROTOCOLS / "ks_protokoll_2024-05-15.txt"
EARLIER_UPPDRAG = PROTOCOLS / "ks_protokoll_2025-05-20.txt"  # § 58: "ger … i uppdrag"
PREFIXES = "PREFIX bg: <https://w3id.org/beslutsgraf/def#> PREFIX schema: <http://schema.org/> "
ITEM = "<https://w3id.org/beslutsgraf/id/meeting/kommunstyrelsen/{}/item/{}>"
KOMMUNFULLMAKTIGE = "<https://w3id.org/beslutsgraf/id/org/kommunfullmaktige>"


@cache
def _item(number: int) -> AgendaItem:
    return next(item for item in extract(segment(read(PROBE))).items if item.number == number)


def _only_clause(text: str) -> DecisionClause:
    [clause] = clauses_in(text, Span(0, len(text), text), default_year=2024)
    return clause


# ---------------------------------------------------------------- extraction


def test_a_lead_in_without_colon_keeps_its_numbered_att_clauses() -> None:
    decisions = _item(46).decisions
    assert [d.number for d in decisions] == [1, 2]
    assert decisions[0].text == "att godkänna årsredovisningen för 2023,"
    assert decisions[1].text == (
        "att överföra 12,5 miljoner kronor till resultatutjämningsreserven."
    )
    assert {d.decision_type for d in decisions} == {str(BG.rekommendation)}
    assert {d.recommends_to for d in decisions} == {("kommunfullmäktige",)}


def test_a_decision_has_the_sum_it_states_and_not_the_background_result() -> None:
    item = _item(46)
    first, second = item.decisions
    assert first.amounts == ()
    assert [amount.value for amount in second.amounts] == [Decimal(12_500_000)]
    # What a decision without sums of its own falls back to: nothing in § 46, whose
    # 48 miljoner kronor are the year's result in the Ärendebeskrivning.
    assert item.amounts == ()


def test_a_board_proposing_that_its_assembly_decide_recommends_it() -> None:
    [decision] = _item(47).decisions
    assert decision.decision_type == str(BG.rekommendation)
    assert decision.recommends_to == ("kommunfullmäktige",)


def test_uppdrar_at_is_an_assignment_with_a_deadline() -> None:
    decision = _item(48).decisions[1]
    assert decision.number == 2
    assert decision.decision_type == str(BG.uppdrag)
    assignment = decision.assignment
    assert assignment is not None
    assert assignment.assignees == ("kommundirektören",)
    assert assignment.task == "återrapportera genomförandet senast den 15 december 2024"
    assert assignment.deadline is not None and assignment.deadline.iso() == "2024-12-15"


def test_informationen_noteras_is_noting_information() -> None:
    [decision] = _item(49).decisions
    assert decision.decision_type == str(BG.noteringAvInformation)


@pytest.mark.parametrize(
    ("sentence", "assignees", "task"),
    [
        (
            "Kommunstyrelsen uppdrar åt kommundirektören att ta fram en plan.",
            ("kommundirektören",),
            "ta fram en plan",
        ),
        (
            "Kommunstyrelsen uppdrar till miljönämnden att utreda frågan.",
            ("miljönämnden",),
            "utreda frågan",
        ),
        (
            "Uppdras åt samhällsbyggnadsförvaltningen att ta fram en detaljplan.",
            ("samhällsbyggnadsförvaltningen",),
            "ta fram en detaljplan",
        ),
        (
            "Kommundirektören uppdras att återkomma senast den 1 mars 2025.",
            ("Kommundirektören",),
            "återkomma senast den 1 mars 2025",
        ),
        (
            "Kommunfullmäktige beslutar att uppdra åt kommunstyrelsen och barn- och "
            "utbildningsnämnden att se över taxan.",
            ("kommunstyrelsen", "barn- och utbildningsnämnden"),
            "se över taxan",
        ),
    ],
)
def test_the_verb_uppdra_gives_an_assignment(
    sentence: str, assignees: tuple[str, ...], task: str
) -> None:
    clause = _only_clause(sentence)
    assert clause.decision_type == str(BG.uppdrag)
    assert clause.assignment is not None
    assert clause.assignment.assignees == assignees
    assert clause.assignment.task == task


def test_an_uppdras_att_deadline_dates_the_assignment() -> None:
    clause = _only_clause("Kommundirektören uppdras att återkomma senast den 1 mars 2025.")
    assert clause.assignment is not None and clause.assignment.deadline is not None
    assert clause.assignment.deadline.iso() == "2025-03-01"


@pytest.mark.parametrize(
    ("sentence", "body"),
    [
        (
            "Regionstyrelsen föreslår regionfullmäktige besluta att anta planen.",
            "regionfullmäktige",
        ),
        (
            "Förbundsstyrelsen föreslår förbundsfullmäktige att fastställa budgeten.",
            "förbundsfullmäktige",
        ),
        (
            "Kommunstyrelsen föreslår kommunfullmäktige att besluta att anta taxan.",
            "kommunfullmäktige",
        ),
        ("Nämnden föreslår fullmäktige att anta reglementet.", "fullmäktige"),
        (
            "Kommunstyrelsen föreslår att kommunfullmäktige beslutar att avslå motionen.",
            "kommunfullmäktige",
        ),
    ],
)
def test_a_proposal_to_fullmaktige_is_a_recommendation_to_it(sentence: str, body: str) -> None:
    clause = _only_clause(sentence)
    assert clause.decision_type == str(BG.rekommendation)
    assert clause.recommends_to == (body,)


def _decision_value(text: str) -> str:
    [field] = [f for f in find_fields(text, 0, len(text), "body") if f.key == "decision"]
    return field.value.text


@pytest.mark.parametrize("colon", ["", ":"])
def test_att_lines_after_a_lead_in_are_part_of_the_decision(colon: str) -> None:
    lead = f"Kommunstyrelsen föreslår kommunfullmäktige besluta{colon}"
    text = (
        f"Kommunstyrelsens beslut\n{lead}\natt godkänna årsredovisningen.\n"
        "att överföra medel till reserven.\nÄrendebeskrivning\nResultatet är gott.\n"
    )
    assert _decision_value(text) == (
        f"{lead}\natt godkänna årsredovisningen.\natt överföra medel till reserven."
    )
    # A decision that ends its sentence does not take the list after it.
    done = "Beslut\nKommunstyrelsen noterar informationen.\n1. Bakgrund och syfte\n"
    assert _decision_value(done) == "Kommunstyrelsen noterar informationen."


# ---------------------------------------------------------------- the graph


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStore]:
    opened = EmbeddedStore(tmp_path_factory.mktemp("protocol_decisions") / "store")
    try:
        outcomes = run([PROBE, EARLIER_UPPDRAG], opened).outcomes
        assert all(o.status == Status.LOADED for o in outcomes), [o.message for o in outcomes]
        yield opened
    finally:
        opened.close()


def _rows(store: EmbeddedStore, query: str) -> list[dict[str, str]]:
    return [dict(row) for row in store.select(PREFIXES + query)]


def test_graph_has_one_recommendation_per_numbered_clause(store: EmbeddedStore) -> None:
    rows = _rows(
        store,
        f"SELECT ?n ?text ?type ?to WHERE {{ {ITEM.format('2024-05-15', 46)} bg:hasDecision ?d . "
        "?d bg:clauseNumber ?n ; bg:decisionText ?text ; bg:decisionType ?type . "
        "OPTIONAL { ?d bg:recommendsTo ?to } } ORDER BY ?n",
    )
    assert [literal_value(row["n"]) for row in rows] == ["1", "2"]
    assert literal_value(rows[0]["text"]).startswith("att godkänna årsredovisningen för 2023")
    assert literal_value(rows[1]["text"]).startswith("att överföra 12,5 miljoner kronor")
    assert {row["type"] for row in rows} == {"<https://w3id.org/beslutsgraf/def#rekommendation>"}
    assert {row.get("to") for row in rows} == {KOMMUNFULLMAKTIGE}


def test_graph_amount_is_on_the_clause_that_states_it(store: EmbeddedStore) -> None:
    rows = _rows(
        store,
        f"SELECT ?n ?value WHERE {{ {ITEM.format('2024-05-15', 46)} bg:hasDecision ?d . "
        "?d bg:clauseNumber ?n ; schema:amount ?a . ?a schema:value ?value ; "
        'schema:currency "SEK" }',
    )
    amounts = [(literal_value(row["n"]), Decimal(literal_value(row["value"]))) for row in rows]
    assert amounts == [("2", Decimal(12_500_000))]


@pytest.fixture(scope="module")
def letterhead_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStore]:
    """Both protocols under a kommun's letterhead: "kommundirektören" is that kommun's post."""
    folder = tmp_path_factory.mktemp("letterhead")
    paths = []
    for source in (PROBE, EARLIER_UPPDRAG):
        path = folder / source.name
        path.write_text("BORGVIKS KOMMUN\n" + source.read_text(encoding="utf-8"), encoding="utf-8")
        paths.append(path)
    opened = EmbeddedStore(folder / "store")
    try:
        outcomes = run(paths, opened).outcomes
        assert all(o.status == Status.LOADED for o in outcomes), [o.message for o in outcomes]
        yield opened
    finally:
        opened.close()


def test_graph_uppdrar_at_is_an_assignment_like_ger_i_uppdrag(
    letterhead_store: EmbeddedStore,
) -> None:
    item = "<https://w3id.org/beslutsgraf/id/meeting/kommunstyrelsen-i-borgviks-kommun/{}/item/{}>"
    [row] = _rows(
        letterhead_store,
        f"SELECT ?assignee ?task ?deadline WHERE {{ {item.format('2024-05-15', 48)} "
        "bg:hasDecision ?d . ?d bg:clauseNumber 2 ; bg:decisionType bg:uppdrag ; "
        "bg:deadline ?deadline ; bg:assignment ?a . "
        "?a a bg:Assignment ; bg:assignee ?assignee ; bg:task ?task ; bg:deadline ?deadline }",
    )
    assert row["assignee"] == (
        "<https://w3id.org/beslutsgraf/id/post/borgviks-kommun/kommundirektor>"
    )
    assert literal_value(row["task"]).startswith("återrapportera genomförandet")
    assert literal_value(row["deadline"]) == "2024-12-15"

    def shape(date: str, number: int) -> set[str]:
        query = (
            f"SELECT DISTINCT ?p WHERE {{ {item.format(date, number)} bg:hasDecision ?d . "
            "?d bg:assignment ?a . ?a ?p ?o }"
        )
        return {row["p"] for row in _rows(letterhead_store, query)}

    assert shape("2024-05-15", 48) == shape("2025-05-20", 58)


def _decisions_of(tmp_path: Path, decision: str) -> list[DecisionClause]:
    text = ks_protocol(
        "§ 12 Dnr KS 2024/100\nMotion om solceller på förskolorna\n\nBeslut\n"
        + decision
        + "\n\nBeslutet skickas till\nKommunfullmäktige\n\n"
    )
    item = extract(segment(read(write_protocol(tmp_path, text)))).items[0]
    return list(item.decisions)


def test_a_decision_in_two_paragraphs_is_two_decisions(tmp_path: Path) -> None:
    # A board's proposal to its assembly, then what it decides itself, a paragraph each.
    first = "Kommunstyrelsen föreslår kommunfullmäktige att bifalla motionen."
    second = (
        "Kommunstyrelsen beslutar för egen del att uppdra åt kommundirektören att ta fram "
        "en plan för solceller senast den 30 juni 2025."
    )
    decisions = _decisions_of(tmp_path, f"{first}\n\n{second}")
    assert [(d.number, d.text) for d in decisions] == [(1, first), (2, second)]
    assert [d.decision_type for d in decisions] == [str(BG.rekommendation), str(BG.uppdrag)]
    assignment = decisions[1].assignment
    assert assignment is not None and assignment.deadline is not None
    assert assignment.deadline.iso() == "2025-06-30"


def test_the_background_after_a_decision_is_no_decision(tmp_path: Path) -> None:
    # Under the heading, a paragraph that does not go on deciding is not a decision: the
    # office proposed, the assembly decided earlier.
    for after in (
        "Förvaltningen föreslår att motionen bifalls.",
        "Kommunfullmäktige beslutade 2023-05-12 att anta en energiplan.",
        "Kommunstyrelsen har tidigare beslutat om solceller på äldreboenden.",
    ):
        decisions = _decisions_of(
            tmp_path, f"Kommunstyrelsen beslutar att bifalla motionen.\n\n{after}"
        )
        assert [d.text for d in decisions] == ["Kommunstyrelsen beslutar att bifalla motionen."]


def test_graph_a_post_without_a_letterhead_is_the_deciding_bodys(store: EmbeddedStore) -> None:
    # No letterhead names whose kommundirektör it is: the post is that of the board that
    # decides ("Kommundirektör, Kommunstyrelsen"), so the assignment keeps its assignee,
    # task and deadline; and no organisation is named after the post word.
    labelled = "?o <http://www.w3.org/2004/02/skos/core#prefLabel> ?l"
    organisation = "STRSTARTS(STR(?o), 'https://w3id.org/beslutsgraf/id/org/')"
    query = f"SELECT ?o WHERE {{ {labelled} FILTER({organisation} && CONTAINS(?l, 'direkt')) }}"
    assert _rows(store, query) == []
    [row] = _rows(
        store,
        f"SELECT DISTINCT ?deadline ?label ?in WHERE {{ {ITEM.format('2024-05-15', 48)} "
        "bg:hasDecision ?d . ?d bg:clauseNumber 2 ; bg:decisionType bg:uppdrag ; "
        "bg:assignment ?a . ?a bg:deadline ?deadline ; bg:assignee ?post . "
        "?post <http://www.w3.org/2004/02/skos/core#prefLabel> ?label ; "
        "<http://www.w3.org/ns/org#postIn> ?in }",
    )
    assert literal_value(row["deadline"]) == "2024-12-15"
    assert literal_value(row["label"]) == "Kommundirektör, Kommunstyrelsen"
    assert row["in"] == "<https://w3id.org/beslutsgraf/id/org/kommunstyrelsen>"


# A kommunstyrelse that approves and notes reports named by the period they cover, and
# gives one assignment with a deadline.
REPORT_PERIODS_KS = "\n".join(
    (
        "PROTOKOLL",
        "Kommunstyrelsen",
        "",
        "Sammanträdesdatum: 2025-10-14",
        "Plats och tid: Kommunhuset, sammanträdesrum Tallen, kl. 13.00–16.30",
        "",
        "Beslutande",
        "Karin Lövgren (S), ordförande",
        "Mats Hedlund (M), vice ordförande",
        "Gustav Ekholm (C)",
        "",
        "Justerare: Mats Hedlund (M)",
        "",
        "§ 45 Dnr KS-2025-00412",
        "Delårsrapport per augusti 2025",
        "",
        "Beslut",
        "Kommunstyrelsen beslutar att godkänna Delårsrapport per augusti 2025"
        " och överlämna den till kommunfullmäktige.",
        "",
        "§ 46 Dnr KS-2025-00398",
        "Ekonomisk uppföljning",
        "",
        "Beslut",
        "Kommunstyrelsen beslutar att lägga Månadsrapport per den 31 mars 2025"
        " och Uppföljning per april 2025 till handlingarna.",
        "",
        "§ 47 Dnr KS-2025-00377",
        "Bokslut per 2024-12-31",
        "",
        "Beslut",
        "Kommunstyrelsen beslutar att godkänna Bokslut per 2024-12-31 och"
        " Tertialrapport för tertial 2 2025.",
        "",
        "§ 48 Dnr KS-2025-00402",
        "Årsredovisning 2024",
        "",
        "Beslut",
        "Kommunstyrelsen beslutar att notera Årsredovisning 2024,"
        " Verksamhetsberättelse 2024 och redovisningen av tertial 1 2025 till protokollet.",
        "",
        "§ 49 Dnr KS-2025-00405",
        "Uppdrag om budget för 2026",
        "",
        "Beslut",
        "Kommunstyrelsen ger kommundirektören i uppdrag att redovisa förslag"
        " till budget senast den 30 november 2025.",
        "",
    )
)
CQ5 = (Path(__file__).resolve().parents[2] / "docs/queries/cq5-open-assignments.rq").read_text(
    encoding="utf-8"
)


def test_a_period_a_report_covers_is_no_deadline(tmp_path: Path) -> None:
    path = tmp_path / "ks_protokoll_2025-10-14.txt"
    path.write_text(REPORT_PERIODS_KS, encoding="utf-8")
    opened = EmbeddedStore(tmp_path / "store")
    try:
        outcomes = run([path], opened).outcomes
        assert [outcome.status for outcome in outcomes] == [Status.LOADED]
        rows = opened.select(PREFIXES + "SELECT ?x ?d WHERE { ?x bg:deadline ?d }")
        deadlines = {
            (row["x"].split("/item/")[1].split("/")[0], row["d"].split('"')[1]) for row in rows
        }
        # Only § 49's "senast den 30 november 2025" is when anything is due.
        assert deadlines == {("49", "2025-11-30")}
        open_assignments = opened.select(CQ5.replace('"2026-01-01"', '"2025-01-01"'))
        assert [row["deadline"].split('"')[1] for row in open_assignments] == ["2025-11-30"]
    finally:
        opened.close()
