"""Content negotiation rules (RFC 9110 §12.5.1) as the endpoints apply them."""

from __future__ import annotations

import pytest

from beslutsgraf.service.negotiation import (
    BOOLEAN_RESULT_TYPES,
    GRAPH_TYPES,
    TABLE_RESULT_TYPES,
    negotiate,
    parse_media_type,
)


@pytest.mark.parametrize(
    ("accept", "advertised", "produced"),
    [
        (None, "application/sparql-results+json", "application/sparql-results+json"),
        ("", "application/sparql-results+json", "application/sparql-results+json"),
        ("*/*", "application/sparql-results+json", "application/sparql-results+json"),
        ("application/json", "application/json", "application/sparql-results+json"),
        ("text/*", "text/csv", "text/csv"),
        ("text/*;q=0.5, text/tab-separated-values", "text/tab-separated-values", None),
        # The most specific range decides a type's quality: */* does not rescue csv.
        ("text/csv;q=0, */*;q=0.1", "application/sparql-results+json", None),
        ("TEXT/CSV", "text/csv", "text/csv"),
        ("application/sparql-results+xml; charset=utf-8", "application/sparql-results+xml", None),
    ],
)
def test_table_results(accept: str | None, advertised: str, produced: str | None) -> None:
    offer = negotiate(accept, TABLE_RESULT_TYPES)
    assert offer is not None and offer.advertised == advertised
    if produced is not None:
        assert offer.produced == produced


@pytest.mark.parametrize("accept", ["text/html", "image/png, text/html;q=0.9", "*/*;q=0"])
def test_nothing_acceptable(accept: str) -> None:
    assert negotiate(accept, TABLE_RESULT_TYPES) is None


def test_graphs_default_to_turtle_and_booleans_have_no_csv() -> None:
    graph = negotiate("*/*", GRAPH_TYPES)
    assert graph is not None and graph.advertised == "text/turtle"
    assert negotiate("text/csv", BOOLEAN_RESULT_TYPES) is None


def test_malformed_ranges_are_ignored() -> None:
    offer = negotiate("garbage, ;;, application/ld+json;q=abc", GRAPH_TYPES)
    assert offer is not None and offer.advertised == "application/ld+json"


def test_parse_media_type() -> None:
    assert parse_media_type('Text/Turtle; Charset="UTF-8"') == ("text/turtle", {"charset": "UTF-8"})
    assert parse_media_type(None) == ("", {})
