"""A § decision written as a list of att-clauses without numbers, the classic Swedish
form ("Kommunstyrelsen beslutar" / "att godkänna …," / "att uppdra åt …"), gives one
decision per clause, as a numbered or bulleted list does; a sentence that merely wraps
before "att" stays one decision."""

from __future__ import annotations

from pathlib import Path

import pytest

from beslutsgraf.ingest.extract import extract
from beslutsgraf.ingest.model import DecisionClause
from beslutsgraf.ingest.read import read
from beslutsgraf.ingest.segment import segment
from beslutsgraf.ontology import BG

from .ks_protocol import LAST_ITEM, ks_protocol, write_protocol

ATT_CLAUSES = (
    "Kommunstyrelsen beslutar\n"
    "att godkänna budgetramarna för 2025,\n"
    "att uppdra åt kommundirektören att ta fram en investeringsplan\n"
    "senast den 30 november 2024, samt\n"
    "att lägga informationen till handlingarna."
)


def _decisions(
    folder: Path, decision: str, before: str = "Kommunstyrelsens beslut\n"
) -> tuple[DecisionClause, ...]:
    """The decisions of § 12, whose text after its title is `before` then `decision`."""
    item = f"§ 12 Dnr KS 2024/100\nBudget 2025\n{before}{decision}\n\n"
    path = write_protocol(folder, ks_protocol(item + LAST_ITEM))
    return extract(segment(read(path))).items[0].decisions


def test_each_att_clause_is_a_decision(tmp_path: Path) -> None:
    decisions = _decisions(tmp_path, ATT_CLAUSES)
    assert [(d.number, d.text) for d in decisions] == [
        (1, "att godkänna budgetramarna för 2025,"),
        (
            2,
            "att uppdra åt kommundirektören att ta fram en investeringsplan\nsenast den "
            "30 november 2024, samt",
        ),
        (3, "att lägga informationen till handlingarna."),
    ]
    assignment = decisions[1].assignment
    assert assignment is not None and assignment.assignees == ("kommundirektören",)
    assert assignment.deadline is not None and assignment.deadline.iso() == "2024-11-30"
    assert decisions[0].decision_type != str(BG.uppdrag)


def test_a_sentence_wrapped_before_att_stays_one_decision(tmp_path: Path) -> None:
    wrapped = (
        "Kommunstyrelsen beslutar att ge förvaltningen i uppdrag\n"
        "att utreda frågan\n"
        "att återkomma till kommunstyrelsen senast i december 2024."
    )
    [decision] = _decisions(tmp_path, wrapped)
    assert decision.text == wrapped


PROPOSAL = (
    "Förslag till beslut\n"
    "1. Kommunstyrelsen föreslår kommunfullmäktige att anta budget 2025.\n"
    "2. Kommunstyrelsen ger ekonomichefen i uppdrag att följa upp budgeten senast 2025-06-30.\n"
)


def _with_proposal(folder: Path, decision: str) -> tuple[DecisionClause, ...]:
    return _decisions(folder, decision, before=f"{PROPOSAL}Beslut\n")


@pytest.mark.parametrize(
    "decision",
    [
        "Kommunstyrelsen beslutar enligt förslaget.",
        "Kommunstyrelsen beslutar i enlighet med förslaget.",
        "Enligt förslag.",
    ],
)
def test_a_decision_as_proposed_decides_the_proposals_points(decision: str, tmp_path: Path) -> None:
    decisions = _with_proposal(tmp_path, decision)
    assert [(d.number, d.decision_type) for d in decisions] == [
        (1, str(BG.rekommendation)),
        (2, str(BG.uppdrag)),
    ]
    assert decisions[0].recommends_to == ("kommunfullmäktige",)
    assignment = decisions[1].assignment
    assert assignment is not None and assignment.deadline is not None
    assert assignment.deadline.iso() == "2025-06-30"


def test_a_decision_that_changes_the_proposal_stays_its_own(tmp_path: Path) -> None:
    decision = "Kommunstyrelsen beslutar enligt förslaget med tillägget att ramen utökas."
    [clause] = _with_proposal(tmp_path, decision)
    assert clause.text == decision


def test_att_clauses_under_an_unlabelled_lead_in_are_decisions_each(tmp_path: Path) -> None:
    """No "Beslut" label: the § describes the matter, then "Nämnden beslutar" lists its
    att-clauses (a common layout of nämnd protocols). Each clause is a decision, as under
    a label; the description before it is none."""
    before = "Ärendebeskrivning\nFörvaltningen har upprättat årsredovisning för 2023.\n\n"
    decision = (
        "Kommunstyrelsen beslutar\n"
        "att godkänna årsredovisningen för 2023,\n"
        "att ge ekonomichefen i uppdrag att senast 2024-09-30 redovisa en analys av "
        "underskottet."
    )
    decisions = _decisions(tmp_path, decision, before=before)
    assert [(d.number, d.text, d.decision_type) for d in decisions] == [
        (1, "att godkänna årsredovisningen för 2023,", str(BG.formelltBeslut)),
        (
            2,
            "att ge ekonomichefen i uppdrag att senast 2024-09-30 redovisa en analys av "
            "underskottet.",
            str(BG.uppdrag),
        ),
    ]
    assignment = decisions[1].assignment
    assert assignment is not None and assignment.assignees == ("ekonomichefen",)
    assert assignment.deadline is not None and assignment.deadline.iso() == "2024-09-30"


@pytest.mark.parametrize(
    ("before", "decision"),
    [
        (
            "",
            "Kommunstyrelsen beslutar att\n"
            "- godkänna avtalet med Räddningstjänstförbundet,\n"
            "- uppdra åt kommundirektören att teckna avtalet.",
        ),
        (
            "Kommunstyrelsens beslut\n",
            "Att godkänna avtalet med Räddningstjänstförbundet.\n"
            "Att uppdra åt kommundirektören att teckna avtalet.",
        ),
        (
            "Beslut:\n",
            "att godkänna avtalet med Räddningstjänstförbundet,\n"
            "att uppdra åt kommundirektören att teckna avtalet.",
        ),
    ],
    ids=["bullets-after-lead-in", "capitalised-att", "under-beslut-colon"],
)
def test_an_approval_and_an_assignment_listed_are_two_decisions(
    before: str, decision: str, tmp_path: Path
) -> None:
    """However the list is set, approving ("godkänna") is a formal decision of the body and
    the assignment an uppdrag of its own, not one decision of both."""
    decisions = _decisions(tmp_path, decision, before=before)
    assert [(d.number, d.decision_type) for d in decisions] == [
        (1, str(BG.formelltBeslut)),
        (2, str(BG.uppdrag)),
    ]
    assert "Räddningstjänstförbundet" in decisions[0].text
    assignment = decisions[1].assignment
    assert assignment is not None and assignment.assignees == ("kommundirektören",)
