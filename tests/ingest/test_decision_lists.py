"""A § decision written as a list of att-clauses without numbers, the classic Swedish
form ("Kommunstyrelsen beslutar" / "att godkänna …," / "att uppdra åt …"), gives one
decision per clause, as a numbered or bulleted list does; a sentence that merely wraps
before "att" stays one decision."""

from __future__ import annotations

from pathlib import Path

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


def _decisions(folder: Path, decision: str) -> tuple[DecisionClause, ...]:
    item = f"§ 12 Dnr KS 2024/100\nBudget 2025\nKommunstyrelsens beslut\n{decision}\n\n"
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
