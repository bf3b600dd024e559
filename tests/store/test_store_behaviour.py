"""Behaviour both backends share: graphs, datasets, formats, loads, dumps, errors."""

from __future__ import annotations

import csv
import io
import json
import threading
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
import rdflib

from beslutsgraf.store import (
    EmbeddedStore,
    GraphNotFound,
    InvalidTerm,
    QuerySyntaxError,
    Store,
    UnsupportedMediaType,
)

EX = "http://example.org/"
G1, G2 = f"{EX}graph/1", f"{EX}graph/2"


def _triples(subject: str, count: int, value: str = "v") -> bytes:
    lines = (f'<{EX}{subject}/{n}> <{EX}p> "{value} {n}"@sv .\n' for n in range(count))
    return "".join(lines).encode()


def _subjects(store: Store, sparql: str, **dataset: list[str]) -> set[str]:
    body = store.query(sparql, "application/sparql-results+json", **dataset).body  # type: ignore[arg-type]
    return {row["s"]["value"] for row in json.loads(body)["results"]["bindings"]}


def _two_graphs(store: Store) -> None:
    store.replace_graph(G1, f"<{EX}a> <{EX}p> <{EX}o1> .\n".encode())
    store.replace_graph(G2, f"<{EX}b> <{EX}p> <{EX}o2> .\n".encode())


def test_replace_graph_replaces_and_is_idempotent(store: Store) -> None:
    store.replace_graph(G1, _triples("old", 5))
    store.replace_graph(G1, _triples("new", 3))
    store.replace_graph(G1, _triples("new", 3))
    assert store.triple_counts() == {G1: 3}
    assert _subjects(store, "SELECT ?s WHERE { ?s ?p ?o }") == {f"{EX}new/{n}" for n in range(3)}


def test_replace_graph_keeps_awkward_literals_intact(store: Store) -> None:
    literal = '"citat \\"så\\" \\\\ rad\\nny \\t tab 😀"@sv-SE'
    store.replace_graph(G1, f"<{EX}a> <{EX}p> {literal} .\n".encode())
    rows = store.select("SELECT ?o WHERE { ?s ?p ?o }")
    assert [row["o"] for row in rows] == ['"citat \\"så\\" \\\\ rad\\nny \\t tab 😀"@sv-se']


def test_replace_graph_readers_never_see_a_mix(store: Store) -> None:
    versions = {500: _triples("x", 500, "first"), 800: _triples("x", 800, "second")}
    store.replace_graph(G1, versions[500])
    seen: set[int] = set()
    done = threading.Event()

    def read() -> None:
        while not done.is_set():
            rows = store.select(
                "SELECT (COUNT(*) AS ?n) (COUNT(DISTINCT ?o) AS ?d) WHERE { GRAPH ?g { ?s ?p ?o } }"
            )
            seen.add(int(rows[0]["n"].split('"')[1]))

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for size in [800, 500] * 8:
            store.replace_graph(G1, versions[size])
    finally:
        done.set()
        reader.join()
    assert seen, "the reader never ran"
    assert seen <= {500, 800}, f"a reader saw a half-replaced graph: {sorted(seen)}"


def _graph_lines(store: Store, graph: str | None) -> set[str]:
    body = store.get_graph(graph, "application/n-triples").decode()
    return {line for line in body.splitlines() if line}


def test_replace_graph_with_a_few_changes_leaves_exactly_the_new_graph(store: Store) -> None:
    """Most of a graph rewritten with small changes (the resolution graph after a run)
    stays as it was; what went is gone, what came is there, once each."""
    kept = _triples("kept", 50).decode()
    store.replace_graph(G1, (kept + _triples("old", 3).decode()).encode())
    store.replace_graph(G2, _triples("other", 2))
    again = kept + _triples("new", 2).decode() + _triples("new", 2).decode()  # repeated
    store.replace_graph(G1, again.encode())
    expected = {line.strip() for line in (kept + _triples("new", 2).decode()).splitlines()}
    assert _graph_lines(store, G1) == expected
    assert store.triple_counts() == {G1: 52, G2: 2}


def test_replace_graph_removes_awkward_literals_too(store: Store) -> None:
    """What went is removed by naming it: every literal must name itself exactly."""
    awkward = [
        '"citat \\"så\\" \\\\ rad\\nny \\t tab \\r 😀"@sv-SE',
        '"1.50"^^<http://www.w3.org/2001/XMLSchema#decimal>',
        '"2025-03-06"^^<http://www.w3.org/2001/XMLSchema#date>',
        '"  mellanslag  "',
    ]
    lines = "".join(f"<{EX}a> <{EX}p> {literal} .\n" for literal in awkward)
    store.replace_graph(G1, (lines + f"<{EX}a> <{EX}p> <{EX}kept> .\n").encode())
    store.replace_graph(G1, f"<{EX}a> <{EX}p> <{EX}kept> .\n<{EX}a> <{EX}p> <{EX}new> .\n".encode())
    assert _graph_lines(store, G1) == {
        f"<{EX}a> <{EX}p> <{EX}kept> .",
        f"<{EX}a> <{EX}p> <{EX}new> .",
    }


def test_replace_graph_replaces_blank_nodes_and_the_default_graph(store: Store) -> None:
    store.replace_graph(G1, f'_:x <{EX}p> "gammal" .\n<{EX}a> <{EX}p> _:x .\n'.encode())
    store.replace_graph(G1, f'_:y <{EX}p> "ny" .\n<{EX}a> <{EX}p> _:y .\n'.encode())
    rows = store.select(f"SELECT ?v WHERE {{ <{EX}a> <{EX}p> ?b . ?b <{EX}p> ?v }}")
    assert [row["v"] for row in rows] == ['"ny"']
    assert store.triple_counts() == {G1: 2}
    store.put_graph(None, f"<{EX}d> <{EX}p> 1 , 2 .".encode(), "text/turtle")
    store.put_graph(None, f"<{EX}d> <{EX}p> 2 , 3 .".encode(), "text/turtle")
    values = {row["o"] for row in store.select("SELECT ?o WHERE { GRAPH ?g { ?s ?p ?o } }")}
    default = store.get_graph(None, "application/n-triples").decode()
    assert '"1"^^' not in default and '"2"^^' in default and '"3"^^' in default
    assert '"ny"' in values


def test_replace_graph_with_a_few_changes_is_seen_whole_or_not_at_all(store: Store) -> None:
    kept = _triples("kept", 400).decode()
    versions = [
        (kept + _triples("x", 20, label).decode()).encode() for label in ("first", "second")
    ]
    store.replace_graph(G1, versions[0])
    seen: set[tuple[int, ...]] = set()
    done = threading.Event()
    count = (
        "SELECT (SUM(IF(STRSTARTS(?o, 'first'), 1, 0)) AS ?first) "
        "(SUM(IF(STRSTARTS(?o, 'second'), 1, 0)) AS ?second) WHERE { GRAPH ?g { ?s ?p ?o } }"
    )

    def read() -> None:
        while not done.is_set():
            row = store.select(count)[0]
            seen.add(tuple(int(row[name].split('"')[1]) for name in ("first", "second")))

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for version in versions * 8:
            store.replace_graph(G1, version)
    finally:
        done.set()
        reader.join()
    assert seen, "the reader never ran"
    assert seen <= {(20, 0), (0, 20)}, f"a reader saw a half-replaced graph: {sorted(seen)}"


def test_default_graph_is_the_union_of_named_graphs(store: Store) -> None:
    _two_graphs(store)
    assert _subjects(store, "SELECT ?s WHERE { ?s ?p ?o }") == {f"{EX}a", f"{EX}b"}


def test_from_clause_and_protocol_graphs_select_the_dataset(store: Store) -> None:
    _two_graphs(store)
    from_g1 = f"SELECT ?s FROM <{G1}> WHERE {{ ?s ?p ?o }}"
    assert _subjects(store, from_g1) == {f"{EX}a"}
    # SPARQL Protocol: default-graph-uri overrides the query's FROM.
    assert _subjects(store, from_g1, default_graph_uris=[G2]) == {f"{EX}b"}
    in_named = "SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert _subjects(store, in_named, named_graph_uris=[G2]) == {f"{EX}b"}


@pytest.mark.parametrize(
    "media_type",
    [
        "application/sparql-results+json",
        "application/sparql-results+xml",
        "text/csv",
        "text/tab-separated-values",
    ],
)
def test_select_answers_parse_back(store: Store, media_type: str) -> None:
    _two_graphs(store)
    answer = store.query("SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?s", media_type)
    assert answer.form == "SELECT"
    assert answer.media_type == media_type
    text = answer.body.decode()
    if media_type.endswith("json"):
        rows = json.loads(text)["results"]["bindings"]
        subjects = [row["s"]["value"] for row in rows]
        assert subjects == [f"{EX}a", f"{EX}b"]
    elif media_type.endswith("xml"):
        namespace = "{http://www.w3.org/2005/sparql-results#}"
        results = ElementTree.fromstring(text).iter(f"{namespace}result")
        assert len(list(results)) == 2
    else:
        delimiter = "," if media_type == "text/csv" else "\t"
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
        assert [cell.lstrip("?") for cell in rows[0]] == ["s", "o"]
        assert len(rows) == 3


def test_ask_answers_true_and_false(store: Store) -> None:
    _two_graphs(store)
    assert store.ask(f"ASK {{ <{EX}a> ?p ?o }}") is True
    assert store.ask(f"ASK {{ <{EX}nobody> ?p ?o }}") is False
    body = store.query("ASK { ?s ?p ?o }", "application/sparql-results+json").body
    assert json.loads(body)["boolean"] is True


@pytest.mark.parametrize(
    ("media_type", "rdflib_format"),
    [
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/n-quads", "nquads"),
        ("application/trig", "trig"),
        ("application/rdf+xml", "xml"),
        ("application/ld+json", "json-ld"),
    ],
)
def test_construct_answers_parse_back(store: Store, media_type: str, rdflib_format: str) -> None:
    _two_graphs(store)
    answer = store.query("CONSTRUCT WHERE { ?s ?p ?o }", media_type)
    assert answer.form == "CONSTRUCT"
    parsed = rdflib.Dataset()
    parsed.parse(data=answer.body, format=rdflib_format)
    assert {str(s) for s, _, _, _ in parsed.quads()} == {f"{EX}a", f"{EX}b"}


def test_select_cannot_be_answered_as_turtle(store: Store) -> None:
    with pytest.raises(UnsupportedMediaType, match="application/sparql-results"):
        store.query("SELECT * WHERE { ?s ?p ?o }", "text/turtle")


def test_syntax_error_names_line_and_column(store: Store) -> None:
    with pytest.raises(QuerySyntaxError) as caught:
        store.query("SELECT *\nWHERE { ?s ?p }", "application/sparql-results+json")
    # The parser points at (or just after) the `}` where the third term should be.
    assert caught.value.line == 2 and caught.value.column in (15, 16)
    assert caught.value.message.startswith("query syntax error at line 2, column ")
    assert "expected" in caught.value.message


def test_bindings_restrict_results_and_reach_aggregates(store: Store) -> None:
    store.replace_graph(G1, _triples("one", 3) + _triples("two", 2))
    rows = store.select("SELECT ?o WHERE { ?s ?p ?o }", {"s": f"<{EX}two/1>"})
    assert rows == [{"o": '"v 1"@sv'}]
    counted = store.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", {"o": '"v 0"@sv'})
    assert counted == [{"n": '"2"^^<http://www.w3.org/2001/XMLSchema#integer>'}]
    assert store.ask("ASK { ?s ?p ?o }", {"s": f"<{EX}one/2>"}) is True


@pytest.mark.parametrize(
    "hostile",
    [
        f"<{EX}a> }} . ?s ?p ?o {{",
        '"x" ) } DELETE WHERE { ?s ?p ?o } #',
        f"<{EX}a> .\n<{EX}b> <{EX}c> <{EX}d>",
        "_:blank",
        "plain text",
    ],
)
def test_bindings_refuse_anything_but_one_term(store: Store, hostile: str) -> None:
    store.replace_graph(G1, _triples("one", 2))
    with pytest.raises(InvalidTerm):
        store.select("SELECT ?s WHERE { ?s ?p ?o }", {"s": hostile})
    assert store.triple_counts() == {G1: 2}


def test_bulk_load_then_counts_per_graph(store: Store, tmp_path: Path) -> None:
    quads = (
        f'<{EX}a> <{EX}p> "1" <{G1}> .\n'
        f'<{EX}b> <{EX}p> "2" <{G2}> .\n'
        f'<{EX}c> <{EX}p> "3" <{G2}> .\n'
    )
    store.bulk_load(quads.encode(), "application/n-quads")
    turtle = tmp_path / "extra.ttl"
    turtle.write_text(f"@prefix ex: <{EX}> .\nex:d ex:p 4 , 5 .\n", encoding="utf-8")
    with turtle.open("rb") as data:
        store.bulk_load(data, "text/turtle", graph=f"{EX}graph/3")
    assert store.triple_counts() == {G1: 1, G2: 2, f"{EX}graph/3": 2}
    assert store.named_graphs() == [G1, G2, f"{EX}graph/3"]
    assert store.graph_exists(G2) and not store.graph_exists(f"{EX}graph/none")


def test_dump_round_trips_into_a_fresh_store(store: Store, tmp_path: Path) -> None:
    store.bulk_load(
        f'<{EX}a> <{EX}p> "å"@sv <{G1}> .\n<{EX}b> <{EX}p> <{EX}o> <{G2}> .\n'.encode(),
        "application/n-quads",
    )
    for media_type in ("application/n-quads", "application/trig", "application/ld+json"):
        dump = b"".join(store.dump(media_type))
        fresh = EmbeddedStore(tmp_path / media_type.replace("/", "-"))
        try:
            fresh.bulk_load(dump, media_type)
            original = b"".join(store.dump("application/n-quads")).splitlines()
            copied = b"".join(fresh.dump("application/n-quads")).splitlines()
            assert sorted(copied) == sorted(original) and len(original) == 2
        finally:
            fresh.close()


def test_turtle_dump_is_the_union_of_graphs(store: Store) -> None:
    _two_graphs(store)
    parsed = rdflib.Graph().parse(data=b"".join(store.dump("text/turtle")), format="turtle")
    assert {str(s) for s in parsed.subjects()} == {f"{EX}a", f"{EX}b"}


def test_graph_store_operations(store: Store) -> None:
    store.put_graph(G1, f"<{EX}a> <{EX}p> 1 .".encode(), "text/turtle")
    store.add_to_graph(G1, f"<{EX}a> <{EX}p> 2 .".encode(), "text/turtle")
    body = store.get_graph(G1, "application/n-triples")
    assert len(body.strip().splitlines()) == 2
    assert store.delete_graph(G1) is True
    assert store.delete_graph(G1) is False
    with pytest.raises(GraphNotFound):
        store.get_graph(G1, "text/turtle")


def test_replace_graph_ignores_graph_names_in_its_input(store: Store) -> None:
    store.replace_graph(G1, f"<{EX}a> <{EX}p> <{EX}o> <{G2}> .\n".encode())
    assert store.triple_counts() == {G1: 1}


def test_default_graph_through_the_graph_store_operations(store: Store) -> None:
    store.put_graph(None, f"<{EX}d> <{EX}p> 1 .".encode(), "text/turtle")
    store.replace_graph(G1, f'<{EX}a> <{EX}p> "2" .\n'.encode())
    default = rdflib.Graph().parse(data=store.get_graph(None, "text/turtle"), format="turtle")
    assert {str(s) for s in default.subjects()} == {f"{EX}d"}
    assert _subjects(store, "SELECT ?s WHERE { ?s ?p ?o }") == {f"{EX}d", f"{EX}a"}
    assert store.delete_graph(None) is True
    assert _subjects(store, "SELECT ?s WHERE { ?s ?p ?o }") == {f"{EX}a"}


def test_replacing_a_stored_graph_writes_what_differs_blank_nodes_and_literals_too(
    tmp_path: Path,
) -> None:
    """The embedded store patches a graph it holds by comparing printed triples: a blank
    node (which DELETE DATA cannot name) and literals printed otherwise than Oxigraph
    prints them must still come out as the new data says; no data, no graph."""
    store = EmbeddedStore(tmp_path / "store")
    store.replace_graph(G1, f'_:x <{EX}p> "a" .\n<{EX}a> <{EX}q> _:x .\n'.encode())
    store.replace_graph(
        G1,
        f'_:y <{EX}p> "b" .\n<{EX}a> <{EX}q> _:y .\n'
        f'<{EX}a> <{EX}r> "\\u00e5r"^^<http://www.w3.org/2001/XMLSchema#string> .\n'.encode(),
    )
    rows = store.select("SELECT ?p ?o WHERE { GRAPH ?g { ?s ?p ?o FILTER(isLiteral(?o)) } }")
    assert sorted((row["p"], row["o"]) for row in rows) == [
        (f"<{EX}p>", '"b"'),
        (f"<{EX}r>", '"år"'),
    ]
    assert store.triple_counts() == {G1: 3}
    store.replace_graph(G1, f'<{EX}a> <{EX}r> "år" .\n'.encode())  # one triple stays
    assert store.triple_counts() == {G1: 1}
    store.replace_graph(G1, b"")
    assert store.named_graphs() == []
    store.close()
