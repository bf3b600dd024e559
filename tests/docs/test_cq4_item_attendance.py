"""cq4 takes per-item attendance (bg:attendeeOfItem) only for the item that has it: an
item elsewhere with its own attendance list must not empty every other decision's
attendees (a FILTER NOT EXISTS inside a UNION branch cannot see the outer ?item and
used to test the whole store)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Graph

QUERY = (
    Path(__file__).resolve().parents[2] / "docs" / "queries" / "cq4-attendance-at-decision.rq"
).read_text(encoding="utf-8")

GRAPH = """
@prefix bg: <https://w3id.org/beslutsgraf/def#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <http://example.org/> .

ex:sro skos:prefLabel "SRO"@sv .
ex:meeting bg:heldBy ex:sro ; dct:date "2025-03-06"^^xsd:date ;
    bg:attendee ex:anna , ex:bo , ex:cecilia .
ex:item6 bg:itemNumber 6 .
ex:item7 bg:itemNumber 7 ; bg:attendeeOfItem ex:anna .
ex:decision6 bg:decidedBy ex:sro ; bg:decidedAt ex:meeting ; bg:agendaItem ex:item6 .
ex:decision7 bg:decidedBy ex:sro ; bg:decidedAt ex:meeting ; bg:agendaItem ex:item7 .
ex:anna foaf:name "Anna Andersson" .
ex:bo foaf:name "Bo Berg" .
ex:cecilia foaf:name "Cecilia Carlsson" .
"""


def _for_item(number: int) -> str:
    return QUERY.replace(
        '("SRO" "2025-03-06"^^xsd:date 6 1)', f'("SRO" "2025-03-06"^^xsd:date {number} 1)'
    )


def _oxigraph(query: str) -> list[str]:
    store = pyoxigraph.Store()
    store.load(GRAPH.encode(), format=pyoxigraph.RdfFormat.TURTLE)
    solutions = store.query(query)
    assert isinstance(solutions, pyoxigraph.QuerySolutions)
    return [solution["name"].value for solution in solutions]  # type: ignore[union-attr]


def _rdflib(query: str) -> list[str]:
    graph = Graph().parse(data=GRAPH, format="turtle")
    return [str(row.name) for row in graph.query(query)]  # type: ignore[union-attr]


@pytest.mark.parametrize("run", [_oxigraph, _rdflib], ids=["oxigraph", "rdflib"])
def test_an_item_without_its_own_list_has_the_meetings_attendees(
    run: Callable[[str], list[str]],
) -> None:
    assert QUERY.count('("SRO" "2025-03-06"^^xsd:date 6 1)') == 1
    assert run(_for_item(6)) == ["Anna Andersson", "Bo Berg", "Cecilia Carlsson"]
    assert run(_for_item(7)) == ["Anna Andersson"]
