"""CQ5 on a decision that gives several assignments: a kommunfullmäktige remitting two
motions, each to its own body, gives one assignment per body, which the decision
bg:concerns (it has at most one bg:assignment). Each is open with the date of the
decision that gave it; only a decision's single bg:assignment takes the decision's own
deadline, so the remittance without one is no open assignment."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Graph

QUERY = (
    Path(__file__).resolve().parents[2] / "docs" / "queries" / "cq5-open-assignments.rq"
).read_text(encoding="utf-8")
AS_OF = 'VALUES ?asOf { "2026-01-01"^^xsd:date }'

GRAPH = """
@prefix bg: <https://w3id.org/beslutsgraf/def#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <http://example.org/> .

ex:ks skos:prefLabel "Kommunstyrelsen"@sv .
ex:bun skos:prefLabel "Barn- och utbildningsnämnden"@sv .
ex:remitting a bg:Decision ; dct:date "2025-04-28"^^xsd:date ;
    bg:deadline "2025-06-30"^^xsd:date ;
    bg:concerns ex:toKs , ex:toBun .
ex:toKs a bg:Assignment ; bg:task "remitteras till kommunstyrelsen" ; bg:assignee ex:ks .
ex:toBun a bg:Assignment ; bg:task "remitteras till barn- och utbildningsnämnden" ;
    bg:assignee ex:bun ; bg:deadline "2025-06-30"^^xsd:date .
ex:giving a bg:Decision ; dct:date "2025-03-06"^^xsd:date ;
    bg:deadline "2025-11-13"^^xsd:date ; bg:assignment ex:single ; bg:concerns ex:single .
ex:single a bg:Assignment ; bg:task "återkomma med en plan" ; bg:assignee ex:ks .
"""


def _as_of(day: str) -> str:
    assert QUERY.count(AS_OF) == 1
    return QUERY.replace(AS_OF, f'VALUES ?asOf {{ "{day}"^^xsd:date }}')


def _oxigraph(query: str) -> list[tuple[str, str, str]]:
    store = pyoxigraph.Store()
    store.load(GRAPH.encode(), format=pyoxigraph.RdfFormat.TURTLE)
    solutions = store.query(query)
    assert isinstance(solutions, pyoxigraph.QuerySolutions)
    return [
        tuple(solution[name].value for name in ("task", "deadline", "decidedOn"))  # type: ignore[union-attr,misc]
        for solution in solutions
    ]


def _rdflib(query: str) -> list[tuple[str, str, str]]:
    graph = Graph().parse(data=GRAPH, format="turtle")
    return [
        (str(row.task), str(row.deadline), str(row.decidedOn))  # type: ignore[union-attr]
        for row in graph.query(query)
    ]


@pytest.mark.parametrize("run", [_oxigraph, _rdflib], ids=["oxigraph", "rdflib"])
def test_each_remittance_is_open_with_the_date_of_the_decision_that_gave_it(
    run: Callable[[str], list[tuple[str, str, str]]],
) -> None:
    assert run(_as_of("2025-05-01")) == [
        ("remitteras till barn- och utbildningsnämnden", "2025-06-30", "2025-04-28"),
        ("återkomma med en plan", "2025-11-13", "2025-03-06"),
    ]
