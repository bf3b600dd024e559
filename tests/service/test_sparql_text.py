"""The protocol layer's lexing of SPARQL: query forms, relative IRIs, and the rewrite
that applies `using-graph-uri` / `using-named-graph-uri` to updates."""

from __future__ import annotations

import pyoxigraph
import pytest

from beslutsgraf.service.sparql_text import (
    DatasetConflict,
    add_using_clauses,
    has_relative_iri,
    query_form,
    with_base,
)


@pytest.mark.parametrize(
    ("query", "form"),
    [
        ("SELECT * { ?s ?p ?o }", "SELECT"),
        (
            "# ASK in a comment\nPREFIX ex: <http://e/>\nconstruct { ?s ?p ?o } WHERE {}",
            "CONSTRUCT",
        ),
        ("BASE <http://e/> PREFIX : <http://e/#> DESCRIBE :x", "DESCRIBE"),
        ("PREFIX select: <http://e/> ASK {}", "ASK"),
        ("INSERT DATA {}", None),
        ("", None),
    ],
)
def test_query_form(query: str, form: str | None) -> None:
    assert query_form(query) == form


def test_relative_iris_are_told_from_comparisons() -> None:
    assert has_relative_iri("SELECT * { ?s ?p <test> }")
    assert not has_relative_iri("SELECT * { ?s ?p ?o FILTER(?o <3 && ?o> 1) }")
    assert not has_relative_iri('SELECT * { ?s ?p "<test>" }  # <test>')
    assert (
        with_base("ASK { <http://e/a> ?p ?o }", "http://x/sparql") == "ASK { <http://e/a> ?p ?o }"
    )
    assert with_base("ASK { <a> ?p ?o }", "http://x/sparql").startswith("BASE <http://x/sparql> ")


def _apply(update: str, using: list[str], named: list[str]) -> pyoxigraph.Store:
    store = pyoxigraph.Store()
    store.update(
        "INSERT DATA { GRAPH <http://e/g1> { <http://e/a> a <http://e/T> } "
        "GRAPH <http://e/g2> { <http://e/b> a <http://e/T> } }"
    )
    store.update(add_using_clauses(update, using, named))
    return store


def _out(store: pyoxigraph.Store) -> set[str]:
    return {
        quad.subject.value
        for quad in store.quads_for_pattern(None, None, None, pyoxigraph.NamedNode("http://e/out"))
    }


def test_using_restricts_the_where_clause_of_every_operation() -> None:
    update = "INSERT { GRAPH <http://e/out> { ?s a <http://e/Seen> } } WHERE { ?s a <http://e/T> }"
    assert _out(_apply(update, ["http://e/g1"], [])) == {"http://e/a"}
    assert _out(_apply(update, ["http://e/g1", "http://e/g2"], [])) == {"http://e/a", "http://e/b"}


def test_using_named_restricts_graph_patterns() -> None:
    update = (
        "INSERT { GRAPH <http://e/out> { ?s a <http://e/Seen> } } "
        "WHERE { GRAPH ?g { ?s a <http://e/T> } }"
    )
    assert _out(_apply(update, [], ["http://e/g2"])) == {"http://e/b"}


def test_delete_where_shortcut_is_expanded() -> None:
    store = _apply("DELETE WHERE { ?s a <http://e/T> }", [], ["http://e/g1"])
    # Only the USING NAMED graph's triple is visible, and no GRAPH clause asks for it,
    # so nothing is deleted: the dataset applied.
    assert len(list(store)) == 2
    store = _apply("DELETE WHERE { GRAPH ?g { ?s a <http://e/T> } }", [], ["http://e/g1"])
    assert [quad.subject.value for quad in store] == ["http://e/b"]


def test_keywords_inside_strings_iris_and_groups_are_left_alone() -> None:
    update = (
        'INSERT { GRAPH <http://e/out> { ?s <http://e/note> "WHERE { USING" } } '
        "WHERE { ?s a <http://e/T> { SELECT ?s WHERE { ?s ?p ?o } } }"
    )
    rewritten = add_using_clauses(update, ["http://e/g1"], [])
    assert rewritten.count("USING <http://e/g1>") == 1
    assert _out(_apply(update, ["http://e/g1"], [])) == {"http://e/a"}


def test_insert_data_and_clear_are_unchanged() -> None:
    update = "CLEAR ALL ; INSERT DATA { <http://e/x> <http://e/p> 1 }"
    assert add_using_clauses(update, ["http://e/g1"], ["http://e/g2"]) == update


@pytest.mark.parametrize(
    "update",
    [
        "WITH <http://e/g1> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
        "DELETE { ?s ?p ?o } USING <http://e/g1> WHERE { ?s ?p ?o }",
    ],
)
def test_a_dataset_in_both_places_is_a_conflict(update: str) -> None:
    with pytest.raises(DatasetConflict):
        add_using_clauses(update, [], ["http://e/g2"])
    assert add_using_clauses(update, [], []) == update
