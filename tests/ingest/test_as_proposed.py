"""A § decision that only adopts a proposal ("Kommunstyrelsen beslutar enligt förslaget")
decides the clauses of the proposal, one decision each, and the graph keeps the sentence
in which the body decided as evidence beside the proposal's text."""

from __future__ import annotations

from pathlib import Path

from .conftest import loaded_store
from .ks_protocol import LAST_ITEM, ks_protocol, write_protocol

BUDGET = "Kommunstyrelsen föreslår kommunfullmäktige att anta budget 2025."
FOLLOW_UP = "Kommunstyrelsen ger ekonomichefen i uppdrag att följa upp budgeten senast 2025-06-30."


def _proposal(heading: str) -> str:
    return f"{heading}\n1. {BUDGET}\n2. {FOLLOW_UP}\n\n"


EVIDENCE = """PREFIX bg: <https://w3id.org/beslutsgraf/def#>
PREFIX oa: <http://www.w3.org/ns/oa#>
SELECT ?motivation ?exact ?start ?end WHERE {
  <https://w3id.org/beslutsgraf/id/meeting/kommunstyrelsen/2024-09-10/item/12/decision/1>
      bg:decisionType bg:rekommendation .
  ?annotation oa:hasBody
      <https://w3id.org/beslutsgraf/id/meeting/kommunstyrelsen/2024-09-10/item/12/decision/1> ;
    oa:motivatedBy ?motivation ;
    oa:hasTarget ?target .
  ?target oa:hasSelector ?quote , ?position .
  ?quote oa:exact ?exact .
  ?position oa:start ?start ; oa:end ?end .
}"""


def _number(term: str) -> int:
    return int(term.split("^^", 1)[0].strip('"'))


def test_the_graph_quotes_the_proposal_and_the_sentence_that_decided(tmp_path: Path) -> None:
    decision = "Kommunstyrelsen beslutar enligt förslaget."
    item = f"§ 12 Dnr KS 2024/100\nBudget 2025\n{_proposal('Förslag till beslut')}"
    text = ks_protocol(f"{item}Beslut\n{decision}\n\n{LAST_ITEM}")
    path = write_protocol(tmp_path, text)
    with loaded_store(tmp_path, path) as store:
        rows = store.select(EVIDENCE)
    found = {
        (row["motivation"].rsplit("#", 1)[-1].rstrip(">"), row["exact"].strip('"')) for row in rows
    }
    assert found == {("identifying", BUDGET), ("describing", decision)}
    for row in rows:
        assert text[_number(row["start"]) : _number(row["end"])] == row["exact"].strip('"')
