"""The screen's shortcuts around rdflib's term comparisons give rdflib's own answers.

The screen and the quote check avoid rdflib's Python-level `==` where it is called on
every lookup (beslutsgraf.shapes._index.canonical, _screen's datatype and number
tests, ingest.validate reading the validation's index). Each shortcut is exact: these
tests hold it against the comparison it replaces.
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

import pytest
from pyshacl.rdfutil.compare import compare_literal
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from beslutsgraf.ingest.validate import _quote_mismatches
from beslutsgraf.ontology import OA
from beslutsgraf.shapes import data_index
from beslutsgraf.shapes._index import TripleIndex
from beslutsgraf.shapes._screen import _PYTHON_TYPES, _compare, _datatype_test, _int, _less

LITERALS = [
    Literal(0),
    Literal(1),
    Literal(-3),
    Literal(True),
    Literal(1, datatype=XSD.nonNegativeInteger),
    Literal("7", datatype=XSD.integer),
    Literal("007", datatype=XSD.integer),
    Literal("abc", datatype=XSD.integer),  # ill-typed
    Literal(Decimal("1.0")),
    Literal(Decimal("NaN")),
    Literal(1.5),
    Literal(math.inf),
    Literal(math.nan),
    Literal("1", datatype=XSD.string),
    Literal("1"),
    Literal("1", lang="sv"),
    Literal("2024-01-31", datatype=XSD.date),
    Literal("2024-01-31T10:00:00", datatype=XSD.dateTime),
    Literal("2024-01", datatype=XSD.gYearMonth),
    Literal("true", datatype=XSD.boolean),
    Literal("x", datatype=URIRef("https://example.org/type")),
]


def _outcome(function: Any, *args: Any) -> Any:
    try:
        return ("value", function(*args))
    except Exception as error:  # the same exception, or the same answer
        return ("raises", type(error))


def _same(left: Any, right: Any) -> bool:
    if left[0] == "value" and right[0] == "value":
        return bool(left[1] == right[1] or (left[1] != left[1] and right[1] != right[1]))
    return bool(left == right)


@pytest.mark.parametrize("value", LITERALS, ids=repr)
def test_number_comparisons_are_pyshacls_and_rdflibs(value: Literal) -> None:
    for other in LITERALS:
        assert _same(_outcome(_compare, value, other), _outcome(compare_literal, value, other))
        assert _same(
            _outcome(_less, value, other), _outcome(lambda a, b: bool(a < b), value, other)
        )


def _rdflib_has_datatype(value: Any, datatype: URIRef) -> bool:
    """The sh:datatype test as it was written with rdflib's `==`."""
    if not isinstance(value, Literal):
        return False
    if value.datatype is None and value.language is None and datatype == XSD.string:
        return isinstance(value.value, (str, bytes))
    if value.datatype != datatype or value.ill_typed is True:
        return False
    python_type = _PYTHON_TYPES[datatype]
    return python_type is None or isinstance(value.value, python_type)


@pytest.mark.parametrize("datatype", list(_PYTHON_TYPES), ids=str)
def test_datatype_tests_compare_as_rdflib_does(datatype: URIRef) -> None:
    test = _datatype_test(URIRef(str(datatype)))
    for value in [*LITERALS, URIRef(str(datatype)), BNode()]:
        assert test(value) == _rdflib_has_datatype(value, datatype), value


def test_integers_are_read_as_before() -> None:
    for value in LITERALS:
        expected = (
            value.value
            if value.datatype in (XSD.integer, XSD.nonNegativeInteger)
            and value.ill_typed is not True
            and isinstance(value.value, int)
            and not isinstance(value.value, bool)
            else None
        )
        assert _int(value) == expected


def test_the_index_keeps_equal_terms_as_one_key() -> None:
    """Terms equal but made apart (as graphs hold them) are found by any equal term."""
    subject, other_subject = URIRef("https://example.org/s"), URIRef("https://example.org/s")
    predicate = URIRef("https://example.org/p")
    value = URIRef("https://example.org/v")
    index = TripleIndex(
        [
            (subject, predicate, value),
            (other_subject, URIRef(str(predicate)), Literal(2)),
            (URIRef(str(value)), RDF.type, URIRef("https://example.org/C")),
        ]
    )
    found = index.objects(URIRef(str(subject)), URIRef(str(predicate)))
    assert sorted(map(str, found)) == ["2", str(value)]
    assert index.subjects(RDF.type, URIRef("https://example.org/C")) == [value]
    assert index.objects(value, RDF.type) == [URIRef("https://example.org/C")]
    assert list(index.subjects(predicate, Literal(2))) == [subject]


def _annotated(text_length: int, extra: list[tuple[Any, Any, Any]]) -> Graph:
    graph = Graph()
    for number in range(3):
        annotation = URIRef(f"https://example.org/a{number}")
        target, position, quote = BNode(), BNode(), BNode()
        graph.add((annotation, RDF.type, OA.Annotation))
        graph.add((annotation, OA.hasTarget, target))
        for selector, kind in ((position, OA.TextPositionSelector), (quote, OA.TextQuoteSelector)):
            graph.add((target, OA.hasSelector, selector))
            graph.add((selector, RDF.type, kind))
        graph.add((position, OA.start, Literal(number)))
        graph.add((position, OA.end, Literal(number + 2 if number else text_length + 5)))
        graph.add((quote, OA.exact, Literal("ab" if number == 1 else "zz")))
    for subject, predicate, value in extra:
        graph.add((subject, predicate, value))
    return graph


def _lines(graph: Graph, text: str, with_index: bool) -> list[str]:
    index = data_index(graph) if with_index else None
    return [m.line() for m in _quote_mismatches(graph, text, index)]


@pytest.mark.parametrize("extra", ["none", "second start", "second exact", "second target"])
def test_the_quote_check_reads_the_index_as_it_reads_the_graph(extra: str) -> None:
    text = "xabcdef"
    graph = _annotated(len(text), [])
    first = URIRef("https://example.org/a0")
    target = graph.value(first, OA.hasTarget)
    selectors = list(graph.objects(target, OA.hasSelector))
    position = next(s for s in selectors if (s, RDF.type, OA.TextPositionSelector) in graph)
    quote = next(s for s in selectors if (s, RDF.type, OA.TextQuoteSelector) in graph)
    if extra == "second start":
        graph.add((position, OA.start, Literal(1)))
    elif extra == "second exact":
        graph.add((quote, OA.exact, Literal("xa")))
    elif extra == "second target":
        graph.add(
            (first, OA.hasTarget, graph.value(URIRef("https://example.org/a2"), OA.hasTarget))
        )
    expected = _lines(graph, text, with_index=False)
    assert expected  # the check has something to report
    assert _lines(graph, text, with_index=True) == expected
