"""Answers under a row cap are counted as they are written (JSON, XML, TSV) or by lines
of TSV / N-Triples and rewritten in the requested format: terms that hold newlines,
tabs, quotes, language and direction tags, blank nodes and triple terms must come out
byte for byte as the uncapped answer, and the count must be exact at the cap."""

from __future__ import annotations

import csv
import io

import pytest

from beslutsgraf.store import EmbeddedStore, ResultTooLarge

EX = "http://example.org/"
DATA = f"""
PREFIX ex: <{EX}>
INSERT DATA {{ GRAPH ex:g {{
  ex:a ex:p "line one\\nline two\\ttabbed \\"quoted\\" back\\\\slash" ,
            "01"^^<http://www.w3.org/2001/XMLSchema#integer> , 1.0 , 1e0 , true ,
            "hej"@sv , "right"@ar--rtl , _:b1 , "" , "é ü ø" .
  _:b1 ex:q ex:a .
  ex:a ex:r <<( ex:a ex:p ex:b )>> .
}} }}
"""
SELECTS = (
    "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?p ?o",
    "SELECT * WHERE {}",
    "SELECT ?x WHERE { FILTER(false) }",
    "SELECT ?x ?y WHERE { VALUES (?x ?y) { (1 UNDEF) (UNDEF 2) } }",
)
RESULT_TYPES = (
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
)
GRAPH_TYPES = (
    "text/turtle",
    "application/n-triples",
    "application/n-quads",
    "application/trig",
    "application/rdf+xml",
)


@pytest.fixture
def store(embedded_store: EmbeddedStore) -> EmbeddedStore:
    embedded_store.update(DATA)
    return embedded_store


@pytest.mark.parametrize("media_type", RESULT_TYPES)
def test_capped_solutions_are_the_uncapped_bytes(store: EmbeddedStore, media_type: str) -> None:
    for sparql in SELECTS:
        whole = store.query(sparql, media_type)
        assert store.query(sparql, media_type, max_rows=12) == whole, sparql


@pytest.mark.parametrize("media_type", GRAPH_TYPES)
def test_capped_triples_are_the_uncapped_bytes(store: EmbeddedStore, media_type: str) -> None:
    for sparql in ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", f"DESCRIBE <{EX}a>"):
        whole = store.query(sparql, media_type)
        assert store.query(sparql, media_type, max_rows=12) == whole, sparql


def test_the_count_is_exact_at_the_cap(store: EmbeddedStore) -> None:
    select = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"  # 12 solutions, one spanning a newline
    at_cap = store.query(select, "text/csv", max_rows=12).body.decode("utf-8")
    assert len(list(csv.reader(io.StringIO(at_cap)))) == 1 + 12  # the header and all rows
    with pytest.raises(ResultTooLarge) as refused:
        store.query(select, "application/sparql-results+json", max_rows=11)
    assert refused.value.unit == "solutions"
    construct = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    assert store.query(construct, "text/turtle", max_rows=12).body
    with pytest.raises(ResultTooLarge) as refused:
        store.query(construct, "text/turtle", max_rows=11)
    assert refused.value.unit == "triples"


def test_json_and_xml_answers_are_counted_exactly_whatever_their_literals_hold(
    embedded_store: EmbeddedStore,
) -> None:
    """JSON and XML answers are counted as they are written, in 8 KiB writes: literals
    that look like the start of a solution (`,{`, `[{`, `<result>`), escaped quotes and
    backslashes, some cut across two writes, neither add nor hide a solution."""
    tricky = '\\"},{\\"[{ \\\\ <result> \\\\\\" {}'  # SPARQL escapes: `"},{"[{ \ <result> \" {}`
    lines = (f'<{EX}s{n}> <{EX}p> "{n:04d} {tricky * (n % 5)}" <{EX}g> .\n' for n in range(600))
    embedded_store.bulk_load("".join(lines).encode(), "application/n-quads")
    sparql = f"SELECT ?s ?o WHERE {{ ?s <{EX}p> ?o }} ORDER BY ?o"
    for media_type in ("application/sparql-results+json", "application/sparql-results+xml"):
        whole = embedded_store.query(sparql, media_type)
        assert len(whole.body) > 5 * 8192  # many writes
        assert embedded_store.query(sparql, media_type, max_rows=600) == whole
        with pytest.raises(ResultTooLarge):
            embedded_store.query(sparql, media_type, max_rows=599)
