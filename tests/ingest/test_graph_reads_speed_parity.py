"""The shortcuts taken for speed answer as the slow paths they replace.

`Lookups` reads a document graph's `TripleStore` directly and anything else through
rdflib; `slug` and `_short_hash` are cached, `slug` skips decomposing what is ASCII
already, `slug_of` cuts the string instead of splitting it with a pattern, and evidence
offsets are shared literals. Each is compared here with the way it was done before.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from beslutsgraf.ingest.evidence import _offset
from beslutsgraf.ingest.graph_store import TripleStore, graph_of
from beslutsgraf.ingest.iris import DEFAULT_MINTER, IriMinter, _short_hash, slug
from beslutsgraf.ingest.known_store import written_graph
from tests.shapes.test_answers import _pipeline_graphs

_SOURCE_DOCUMENT = URIRef("https://w3id.org/beslutsgraf/def#SourceDocument")
_SWEDISH_FOLDS = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ø": "o", "æ": "ae"})


def _slug_before(text: str) -> str:
    folded = unicodedata.normalize("NFC", text).lower().translate(_SWEDISH_FOLDS)
    decomposed = unicodedata.normalize("NFKD", folded)
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    result = re.sub(r"[^a-z0-9]+", "-", ascii_only).strip("-")
    if not result:
        raise ValueError(text)
    return result


@pytest.mark.parametrize(
    "text",
    [
        "Anna Åkesson-Öberg",
        "Müller, Jürgen",
        "Ærø kommun",
        "Kommunstyrelsen (KS)",
        "e\u0301n",  # a combining accent, not NFC
        "ﬁnansutskottet",  # a ligature NFKD splits
        "  §§ 12–14  ",
        "Göteborgsregionen",
    ],
)
def test_slug_is_what_it_was(text: str) -> None:
    assert slug(text) == _slug_before(text)
    assert slug(text) == _slug_before(text)  # and so is the cached answer


def test_a_slug_of_nothing_still_raises() -> None:
    with pytest.raises(ValueError, match="no letters or digits"):
        slug("–")


@pytest.mark.parametrize(
    "iri",
    ["https://x/a/b", "https://x/a/b/", "https://x/a#frag", "https://x/a/b#c/d", "plain", "a//"],
)
def test_slug_of_is_the_last_segment_as_split_before(iri: str) -> None:
    assert IriMinter.slug_of(URIRef(iri)) == re.split(r"[/#]", iri.rstrip("/"))[-1]


def test_short_hash_and_offsets_are_what_they_were() -> None:
    body = DEFAULT_MINTER.person("Anna Svensson")
    expected = hashlib.sha256(str(body).encode("utf-8")).hexdigest()[:12]
    assert _short_hash(body) == _short_hash(body) == expected
    fresh = Literal(1234, datatype=XSD.nonNegativeInteger)
    assert _offset(1234) == fresh and _offset(1234).datatype == fresh.datatype
    assert _offset(1234).toPython() == 1234


def _on_rdflibs_store(graph: Graph) -> Graph:
    copy = Graph()
    for triple in graph:
        copy.add(triple)
    return copy


def test_what_a_run_learns_of_a_graph_does_not_depend_on_its_store() -> None:
    graphs = _pipeline_graphs()
    assert graphs
    for graph in graphs:
        assert isinstance(graph.store, TripleStore)
        name = str(next(graph.subjects(RDF.type, _SOURCE_DOCUMENT)))
        direct = written_graph(name, graph)
        through_rdflib = written_graph(name, _on_rdflibs_store(graph))
        assert direct.people.records, "the graph names people"
        assert direct.facts == through_rdflib.facts
        assert direct.people == through_rdflib.people


def test_reads_after_edits_are_those_of_rdflibs_store() -> None:
    a, b, c = (URIRef(f"https://x/{n}") for n in "abc")
    p, q = URIRef("https://x/p"), URIRef("https://x/q")
    ours, reference = graph_of([(a, p, b), (a, q, Literal("x")), (c, p, b)]), Graph()
    for triple in ours:
        reference.add(triple)

    def same() -> None:
        for pattern in [(None, None, None), (None, p, None), (a, None, None), (None, None, b)]:
            assert set(ours.triples(pattern)) == set(reference.triples(pattern))
        assert len(ours) == len(reference)

    assert set(ours.subjects(p, b)) == {a, c}  # maps built for p only
    for graph in (ours, reference):
        graph.remove((c, p, None))
        graph.add((b, q, Literal("y")))
    same()
    assert list(ours.objects(a, q)) == [Literal("x")]
    assert set(ours.subjects(q, None)) == {a, b}  # q grouped again after the removal
