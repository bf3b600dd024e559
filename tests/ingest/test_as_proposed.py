"""A § decision that only adopts a proposal ("Kommunstyrelsen beslutar i enlighet med
arbetsutskottets förslag", "Förslaget bifalls") decides the clauses of the proposal it
names, one decision each, and the graph keeps the sentence in which the body decided as
evidence beside the proposal's text; without such a proposal the sentence is the decision."""

from __future__ import annotations

from pathlib import Path

import pytest

from beslutsgraf.ingest.extract import extract
from beslutsgraf.ingest.known import literal_value
from beslutsgraf.ingest.model import DecisionClause
from beslutsgraf.ingest.read import read
from beslutsgraf.ingest.segment import segment
from beslutsgraf.ontology import BG

from .conftest import loaded_store
from .ks_protocol import HEADER, LAST_ITEM, ks_protocol, write_protocol

BUDGET = "Kommunstyrelsen föreslår kommunfullmäktige att anta budget 2025."
FOLLOW_UP = "Kommunstyrelsen ger ekonomichefen i uppdrag att följa upp budgeten senast 2025-06-30."
KF_HEADER = HEADER.replace("Kommunstyrelsen", "Kommunfullmäktige")


def _proposal(heading: str) -> str:
    return f"{heading}\n1. {BUDGET}\n2. {FOLLOW_UP}\n\n"


def _decisions(folder: Path, body: str, header: str = HEADER) -> tuple[DecisionClause, ...]:
    """The decisions of § 12 "Budget 2025", whose text after its title is `body`."""
    item = f"§ 12 Dnr KS 2024/100\nBudget 2025\n{body}\n\n"
    path = write_protocol(folder, ks_protocol(item + LAST_ITEM, header=header))
    return extract(segment(read(path))).items[0].decisions


def _as_read(decisions: tuple[DecisionClause, ...]) -> list[tuple[int | None, str, str, str]]:
    return [
        (
            d.number,
            d.text,
            d.decision_type.rsplit("#", 1)[-1],
            d.decided_in.text if d.decided_in else "",
        )
        for d in decisions
    ]


@pytest.mark.parametrize(
    ("heading", "decision"),
    [
        (
            "Arbetsutskottets förslag",
            "Kommunstyrelsen beslutar i enlighet med arbetsutskottets förslag.",
        ),
        (
            "Förvaltningens förslag till beslut",
            "Kommunstyrelsen beslutar enligt förvaltningens förslag.",
        ),
        ("Arbetsutskottets förslag", "Kommunstyrelsen bifaller arbetsutskottets förslag."),
        ("Förslag till beslut", "Kommunstyrelsen beslutar att bifalla förslaget."),
        ("Arbetsutskottets förslag", "Arbetsutskottets förslag bifalls."),
        ("Förslag till beslut", "Förslaget bifalls."),
        ("Förslag till beslut", "Kommunstyrelsen beslutar enligt förslaget."),
    ],
)
@pytest.mark.parametrize("label", ["Beslut\n", ""], ids=["under-beslut", "unlabelled"])
def test_a_decision_as_proposed_decides_the_proposals_points_where_it_decided(
    heading: str, decision: str, label: str, tmp_path: Path
) -> None:
    decisions = _decisions(tmp_path, f"{_proposal(heading)}{label}{decision}")
    assert _as_read(decisions) == [
        (1, BUDGET, "rekommendation", decision),
        (2, FOLLOW_UP, "uppdrag", decision),
    ]
    assert decisions[0].recommends_to == ("kommunfullmäktige",)
    assignment = decisions[1].assignment
    assert assignment is not None and assignment.assignees == ("ekonomichefen",)


@pytest.mark.parametrize(
    "decision",
    [
        "Kommunstyrelsen beslutar i enlighet med arbetsutskottets förslag.",
        "Förslaget bifalls.",
        "Arbetsutskottets förslag bifalls.",
        "Bifall till förslaget.",
        "Enligt förslaget.",
    ],
)
def test_without_a_proposal_the_deciding_sentence_is_the_decision(
    decision: str, tmp_path: Path
) -> None:
    decisions = _decisions(tmp_path, f"Beslut\n{decision}")
    assert _as_read(decisions) == [(None, decision, "formelltBeslut", "")]


def test_a_proposal_of_someone_else_is_not_what_was_decided(tmp_path: Path) -> None:
    decision = "Kommunstyrelsen beslutar enligt förvaltningens förslag."
    decisions = _decisions(tmp_path, f"{_proposal('Arbetsutskottets förslag')}Beslut\n{decision}")
    assert _as_read(decisions) == [(None, decision, "formelltBeslut", "")]


def test_the_assembly_adopting_its_boards_proposal_decides_it_itself(tmp_path: Path) -> None:
    """Kommunstyrelsen's proposal that kommunfullmäktige adopt the budget is, adopted by
    kommunfullmäktige, a formal decision of kommunfullmäktige, not a recommendation."""
    decision = "Kommunfullmäktige bifaller kommunstyrelsens förslag."
    body = f"Kommunstyrelsens förslag\n{BUDGET}\n\nBeslut\n{decision}"
    [clause] = _decisions(tmp_path, body, header=KF_HEADER)
    assert (clause.text, clause.decision_type, clause.recommends_to) == (
        BUDGET,
        str(BG.formelltBeslut),
        (),
    )
    assert clause.decided_in is not None and clause.decided_in.text == decision


def test_a_heading_word_that_opens_the_deciding_sentence_is_no_proposal(tmp_path: Path) -> None:
    """ "Arbetsutskottets förslag bifalls." under Beslut is the decision, not a second
    proposal heading whose block would swallow it."""
    decisions = _decisions(
        tmp_path, f"{_proposal('Förslag till beslut')}Beslut\nArbetsutskottets förslag bifalls."
    )
    assert [d.decided_in.text if d.decided_in else None for d in decisions] == [
        "Arbetsutskottets förslag bifalls.",
        "Arbetsutskottets förslag bifalls.",
    ]


CQ8 = Path(__file__).resolve().parents[2] / "docs" / "queries" / "cq8-decision-evidence.rq"


def _evidence_of_clause_one_of_item_twelve() -> str:
    """CQ8 (the user's query for a decision's source sentences), asked about this
    protocol's § 12, clause 1."""
    query = CQ8.read_text(encoding="utf-8")
    asked = '("SRO" "2025-03-06"^^xsd:date 6 1)'
    assert asked in query
    return query.replace(asked, '("Kommunstyrelsen" "2024-09-10"^^xsd:date 12 1)')


def _number(term: str) -> int:
    return int(term.split("^^", 1)[0].strip('"'))


@pytest.mark.parametrize(
    ("heading", "deciding"),
    [
        (
            "Arbetsutskottets förslag",
            "Beslut\nKommunstyrelsen beslutar i enlighet med arbetsutskottets förslag.",
        ),
        ("Förslag till beslut", "Beslut: Enligt förslag"),
    ],
    ids=["sentence-under-beslut", "labelled-line"],
)
def test_the_graph_quotes_the_proposal_and_what_decided_it(
    heading: str, deciding: str, tmp_path: Path
) -> None:
    """CQ8 answers both quotes: the proposal's point (the decision's text) and where the
    body decided, the whole labelled line when label and value share it."""
    item = f"§ 12 Dnr KS 2024/100\nBudget 2025\n{_proposal(heading)}"
    text = ks_protocol(f"{item}{deciding}\n\n{LAST_ITEM}")
    path = write_protocol(tmp_path, text)
    with loaded_store(tmp_path, path) as store:
        rows = store.select(_evidence_of_clause_one_of_item_twelve())
    found = {
        (row["motivation"].rsplit("#", 1)[-1].rstrip(">"), row["exact"].strip('"')) for row in rows
    }
    assert found == {("identifying", BUDGET), ("describing", deciding.removeprefix("Beslut\n"))}
    for row in rows:
        assert text[_number(row["start"]) : _number(row["end"])] == row["exact"].strip('"')


@pytest.mark.parametrize(
    ("heading", "line"),
    [
        ("Förslag till beslut", "Beslut: Enligt förslag"),
        ("Arbetsutskottets förslag", "Beslut: Enligt arbetsutskottets förslag"),
        ("Förslag till beslut", "Beslut: Bifall till förslaget"),
        ("Arbetsutskottets förslag", "Beslut: Bifall till arbetsutskottets förslag"),
        ("Förslag till beslut", "Beslut: Bifall"),
        ("Arbetsutskottets förslag till beslut", "Beslut: Bifall till förslaget"),
        ("Förvaltningens förslag", "Beslut: Bifall till förslaget"),
        ("Kommunstyrelsens förslag till beslut", "Beslut: Bifall till kommunstyrelsens förslag"),
    ],
)
def test_a_labelled_line_adopting_the_proposal_decides_as_printed(
    heading: str, line: str, tmp_path: Path
) -> None:
    """ "Beslut: Enligt förslag" on one line: the label is part of what the body said; the
    value alone ("Enligt förslag") states no decision."""
    decisions = _decisions(tmp_path, f"{_proposal(heading)}{line}")
    assert _as_read(decisions) == [
        (1, BUDGET, "rekommendation", line),
        (2, FOLLOW_UP, "uppdrag", line),
    ]


@pytest.mark.parametrize(
    "line",
    [
        "Beslut: Enligt förslag",
        "Beslut: Bifall till förslaget",
        "Beslut: enligt förslaget",
        "Beslut: Enligt arbetsutskottets förslag",
    ],
)
def test_without_a_proposal_the_labelled_line_is_the_decision(line: str, tmp_path: Path) -> None:
    """The line is a formal decision (adopting a proposal), not a decision of no kind;
    its text is the line as printed, no proposal the item does not state."""
    decisions = _decisions(tmp_path, f"Ärendet gäller budget 2025.\n\n{line}")
    assert [(d.text, d.span.text, d.decision_type) for d in decisions] == [
        (line, line, str(BG.formelltBeslut))
    ]


RS_HEADER = HEADER.replace("Kommunstyrelsen", "Regionstyrelsen")
DISPOSITION = (
    "Regionstyrelsen föreslår att regionfullmäktige godkänner förslaget till\n"
    "bokslutsdisposition enligt tabell i tjänsteutlåtande daterat 2025-03-05."
)
SKARABORG = "avslår begäran från styrelsen för Skaraborgs sjukhus om att få underskottet reducerat"
NAL = "avslår begäran från styrelsen för NU-sjukvården om att få underskottet avskrivet"
PROSE_PROPOSAL = (
    "Förslaget innebär att regelverket för bokslutsdispositioner används även för 2024.\n\n"
    f"{DISPOSITION}\n\n"
    "Regionstyrelsen föreslår också att regionfullmäktige:\n\n"
    f" • {SKARABORG}\n"
    f" • {NAL}\n\n"
)


def test_a_proposal_written_as_prose_is_what_enligt_forslag_adopts(tmp_path: Path) -> None:
    """A "beslut i korthet" item: the board's proposals in running text, then "Beslut:
    enligt förslag". What the board decided is each proposal, a recommendation to
    regionfullmäktige, decided in that line; the background sentence before is none."""
    line = "Beslut: enligt förslag"
    decisions = _decisions(tmp_path, f"{PROSE_PROPOSAL}{line}", header=RS_HEADER)
    assert _as_read(decisions) == [
        (1, DISPOSITION, "rekommendation", line),
        (2, SKARABORG, "rekommendation", line),
        (3, NAL, "rekommendation", line),
    ]
    assert {d.recommends_to for d in decisions} == {("regionfullmäktige",)}


def test_a_motions_proposal_told_as_background_is_not_adopted(tmp_path: Path) -> None:
    """The motion's "har i en motion föreslagit att …" over its points is what the
    motion asked for; the board's own "Regionstyrelsen föreslår …" is what it decided."""
    answer = (
        "Regionstyrelsen föreslår att regionfullmäktige beslutar att motionen är besvarad "
        "mot bakgrund av pågående arbete inom området."
    )
    body = (
        "Anna Berg (D) har i en motion föreslagit att regionfullmäktige beslutar att:\n\n"
        " • Kartlägga befintliga öppenvårdsmottagningar.\n"
        " • Utvärdera om detta är tillräckligt.\n\n"
        "Bedömningen är att öppenvården inte är underdimensionerad. "
        f"{answer}\n\nBeslut: enligt förslag"
    )
    decisions = _decisions(tmp_path, body, header=RS_HEADER)
    assert _as_read(decisions) == [(None, answer, "rekommendation", "Beslut: enligt förslag")]


def test_a_proposal_of_another_body_in_prose_is_not_what_was_decided(tmp_path: Path) -> None:
    """ "Kulturnämnden föreslår …" tells what a nämnd asked the board for: "enligt
    förslag" does not say the board adopted it."""
    body = (
        "Kulturnämnden föreslår att regionstyrelsen fördelar 2 miljoner kronor till "
        "fria kulturgrupper.\n\nBeslut: enligt förslag"
    )
    decisions = _decisions(tmp_path, body, header=RS_HEADER)
    assert _as_read(decisions) == [
        (None, "Beslut: enligt förslag", "formelltBeslut", ""),
    ]


def test_the_graph_quotes_the_prose_proposal_and_the_line_that_decided(tmp_path: Path) -> None:
    line = "Beslut: enligt förslag"
    item = f"§ 12 Dnr RS 2025/100\nBokslutsdispositioner 2024\n{PROSE_PROPOSAL}"
    text = ks_protocol(f"{item}{line}\n\n{LAST_ITEM}", header=RS_HEADER)
    path = write_protocol(tmp_path, text)
    query = _evidence_of_clause_one_of_item_twelve().replace(
        '"Kommunstyrelsen"', '"Regionstyrelsen"'
    )
    with loaded_store(tmp_path, path) as store:
        rows = store.select(query)
        recommended = store.select(
            "PREFIX bg: <https://w3id.org/beslutsgraf/def#> "
            "SELECT ?d ?to WHERE { ?d bg:recommendsTo ?to }"
        )
    found = {
        (row["motivation"].rsplit("#", 1)[-1].rstrip(">"), row["exact"].strip('"')) for row in rows
    }
    assert found == {("identifying", DISPOSITION.replace("\n", "\\n")), ("describing", line)}
    # Each of the three proposals is a recommendation to regionfullmäktige.
    assert len({row["d"] for row in recommended}) == 3
    assert {row["to"] for row in recommended} == {
        "<https://w3id.org/beslutsgraf/id/org/regionfullmaktige>"
    }


ADOPT = "Förvaltningen föreslår att kommunstyrelsen antar budget 2025."
AMEND = (
    "Arbetsutskottet föreslår att kommunstyrelsen antar budget 2025 och ger ekonomichefen\n"
    "i uppdrag att följa upp budgeten senast 2025-06-30."
)


@pytest.mark.parametrize(
    ("before", "proposal"),
    [
        ("Sammanfattning\n", ADOPT),
        ("Förvaltningens bedömning\n", ADOPT),
        ("", ADOPT.replace("Förvaltningen", "Hälso- och sjukvårdsförvaltningen")),
        ("", ADOPT.replace("Förvaltningen", "Kommunstyrelsens arbetsutskott")),
        ("", ADOPT.replace("Förvaltningen", "Förvaltningschefen")),
        ("", ADOPT.replace("Förvaltningen", "Kommundirektören")),
        ("Ordförandens förslag till beslut\n", ADOPT.replace("Förvaltningen", "Ordföranden")),
    ],
    ids=[
        "under-a-label",
        "under-a-heading",
        "forvaltning-with-och",
        "board-s-arbetsutskott",
        "an-official",
        "the-director",
        "the-chair",
    ],
)
@pytest.mark.parametrize("line", ["Beslut: Bifall till förslaget", "Beslut: enligt förslag"])
def test_bifall_adopts_a_proposal_written_as_prose(
    before: str, proposal: str, line: str, tmp_path: Path
) -> None:
    """ "Förvaltningen föreslår att …" under a heading, or by a förvaltning or an
    arbetsutskott named in more words, is the proposal the line adopts."""
    decisions = _decisions(tmp_path, f"{before}{proposal}\n\n{line}")
    assert _as_read(decisions) == [(None, proposal, "formelltBeslut", line)]


@pytest.mark.parametrize(
    ("line", "adopted"),
    [
        ("Beslut: enligt förslaget", AMEND),
        ("Beslut: Bifall till förslaget", AMEND),
        ("Kommunstyrelsen beslutar enligt arbetsutskottets förslag.", AMEND),
        ("Beslut: Enligt förvaltningens förslag", ADOPT),
    ],
)
def test_of_several_proposals_the_last_or_the_one_named_is_adopted(
    line: str, adopted: str, tmp_path: Path
) -> None:
    """The förvaltning proposes, then the arbetsutskott: a decision naming none adopts the
    last, the one the body decides on; one naming a proposer adopts that one's."""
    decisions = _decisions(tmp_path, f"{ADOPT}\n\n{AMEND}\n\nBeslut\n{line}")
    assert [(d.text, d.decided_in.text if d.decided_in else None) for d in decisions] == [
        (adopted, line.removeprefix("Beslut\n"))
    ]


def test_the_graph_gives_the_last_proposal_as_what_was_decided(tmp_path: Path) -> None:
    """In the graph, § 12's decision is the arbetsutskott's proposal, with its
    assignment to the ekonomichef and the line that decided it as evidence."""
    line = "Beslut: enligt förslaget"
    item = f"§ 12 Dnr KS 2024/100\nBudget 2025\n{ADOPT}\n\n{AMEND}\n\n{line}\n\n"
    # The ekonomichef is a post of the kommun the letterhead names: without one, no post.
    header = f"BORGVIKS KOMMUN\n{HEADER}"
    path = write_protocol(tmp_path, ks_protocol(item + LAST_ITEM, header=header))
    with loaded_store(tmp_path, path) as store:
        rows = store.select(
            "PREFIX bg: <https://w3id.org/beslutsgraf/def#> "
            "PREFIX oa: <http://www.w3.org/ns/oa#> "
            "SELECT ?text ?deadline ?exact WHERE { ?item bg:itemNumber 12 ; bg:hasDecision ?d . "
            "?d bg:decisionText ?text ; bg:assignment/bg:deadline ?deadline . "
            "?e oa:hasBody ?d ; oa:motivatedBy oa:describing ; "
            "oa:hasTarget/oa:hasSelector/oa:exact ?exact }"
        )
    assert [
        (literal_value(r["text"]), literal_value(r["deadline"]), literal_value(r["exact"]))
        for r in rows
    ] == [(AMEND, "2025-06-30", line)]
