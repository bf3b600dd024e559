"""The API's SPARQL files and the terms parameters become (no server needed)."""

from __future__ import annotations

import re
from importlib import resources

import pyoxigraph
import pytest

from beslutsgraf.service.api_sparql import FOLDS, fold, load_query, paged
from beslutsgraf.service.ld_terms import InvalidTerm, iri_term, literal_term, parse_term

QUERY_DIR = resources.files("beslutsgraf.service") / "queries"
QUERY_NAMES = sorted(
    entry.name.removesuffix(".rq") for entry in QUERY_DIR.iterdir() if entry.name.endswith(".rq")
)


def test_there_are_queries() -> None:
    assert len(QUERY_NAMES) > 20


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_every_query_is_valid_sparql(name: str) -> None:
    text = load_query(name)
    if not re.search(r"^LIMIT \d+$", text, re.M):
        text = paged(text, 10, 20)  # the API pages the queries without a LIMIT of their own
    store = pyoxigraph.Store()  # an empty store: the query only has to parse and run
    assert list(store.query(text, use_default_graph_as_union=True)) == []


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_accent_folding_in_queries_matches_the_service(name: str) -> None:
    pairs = re.findall(r'"\[([^\]]+)\]", "(\w)"', load_query(name))
    assert len(pairs) % len(FOLDS) == 0
    for start in range(0, len(pairs), len(FOLDS)):
        assert tuple(pairs[start : start + len(FOLDS)]) == FOLDS


def test_fold() -> None:
    assert fold("Helén Lännergren ÖSTRÖM") == "helen lannergren ostrom"


def test_literals_are_escaped_and_round_trip() -> None:
    for text in ('a "quoted" word', "back\\slash", "line\nbreak", 'x" ) } #', "\\u0022"):
        term = literal_term(text)
        assert parse_term(term).value == text
        assert str(pyoxigraph.Literal(text)) == term  # the store's canonical form
    assert parse_term(literal_term("6 mars", language="sv")).language == "sv"


def test_terms_from_result_rows() -> None:
    date = parse_term('"2024-11"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>')
    assert (date.kind, date.value) == ("literal", "2024-11")
    assert date.to_rdflib().n3() == '"2024-11"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>'
    assert parse_term("_:b12").kind == "bnode"
    assert parse_term('"Hel\\u00E9n"@sv').value == "Helén"


def test_refused_terms() -> None:
    for text in ("https://example.org/a b", "https://example.org/>} DROP ALL", "no-scheme"):
        with pytest.raises(InvalidTerm):
            iri_term(text)
    with pytest.raises(InvalidTerm):
        parse_term("not a term")


def test_paging() -> None:
    assert paged("SELECT * WHERE {}\n", 51, 100).endswith("LIMIT 51\nOFFSET 100\n")
    with pytest.raises(ValueError):
        paged("SELECT * WHERE {}", -1)
