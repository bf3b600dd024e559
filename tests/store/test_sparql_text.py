"""The small SPARQL lexer: FROM and braces inside comments, strings and IRIs never count."""

from __future__ import annotations

import pytest
from pyoxigraph import Store

from beslutsgraf.store.errors import InvalidTerm, QuerySyntaxError
from beslutsgraf.store.sparql_text import (
    has_dataset_clause,
    query_form,
    service_targets,
    with_bindings,
)


@pytest.mark.parametrize(
    ("sparql", "expected"),
    [
        ("SELECT * FROM <http://g> WHERE { ?s ?p ?o }", True),
        ("select * from named <http://g> { graph ?g { ?s ?p ?o } }", True),
        ("# FROM in a comment\nSELECT * WHERE { ?s ?p ?o }", False),
        ('SELECT * WHERE { ?s ?p "FROM <x>" }', False),
        ("PREFIX from: <http://x/FROM/> SELECT * WHERE { ?s from:p ?o }", False),
        ("SELECT ?from WHERE { ?from ?p ?o }", False),
        ("SELECT * WHERE { { SELECT * WHERE { ?s ?p ?o } } }", False),
    ],
)
def test_dataset_clause_detection(sparql: str, expected: bool) -> None:
    assert has_dataset_clause(sparql) is expected


@pytest.mark.parametrize(
    ("sparql", "expected"),
    [
        ("SELECT * { SERVICE <http://10.0.0.1/sparql> { ?s ?p ?o } }", ["http://10.0.0.1/sparql"]),
        ("select * { service silent wd:x { ?s ?p ?o } }", ["wd:x"]),
        ("SELECT * { SERVICE ?endpoint { ?s ?p ?o } }", ["?endpoint"]),
        ('SELECT * { ?s ?p "SERVICE <http://x>" } # SERVICE <http://y>', []),
        ("PREFIX service: <http://x/> SELECT * { ?s service:p <http://z> }", []),
        (
            "SELECT * { SERVICE <http://a> {} SERVICE SILENT <http://b> {} }",
            ["http://a", "http://b"],
        ),
    ],
)
def test_service_targets_are_keywords_not_text(sparql: str, expected: list[str]) -> None:
    assert service_targets(sparql) == expected


def test_query_form_skips_the_prologue() -> None:
    assert query_form("# ASK?\nPREFIX select: <http://x/>\nconstruct { ?s ?p ?o } {}") == (
        "CONSTRUCT"
    )
    assert query_form("INSERT DATA { <a> <b> <c> }") is None


def test_bindings_go_into_the_where_group_not_a_string_or_expression() -> None:
    sparql = 'SELECT (CONCAT("{", ?n) AS ?label) WHERE { ?s <http://x/name> ?n }'
    bound = with_bindings(sparql, {"?s": "<http://x/a>"})
    assert bound == (
        'SELECT (CONCAT("{", ?n) AS ?label) WHERE { VALUES (?s) { (<http://x/a>) }  '
        "?s <http://x/name> ?n }"
    )
    Store().query(bound)  # and it parses


def test_bindings_need_a_where_group_and_variable_names() -> None:
    with pytest.raises(QuerySyntaxError):
        with_bindings("DESCRIBE <http://x/a>", {"s": "<http://x/a>"})
    with pytest.raises(InvalidTerm, match="not a variable name"):
        with_bindings("SELECT * WHERE { ?s ?p ?o }", {"s) } #": "<http://x/a>"})
