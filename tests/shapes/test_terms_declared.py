"""Every bg: term the shapes use is declared in the vocabulary.

A shape on an undeclared term never fires on real data (to_rdf writes the
declared one), so a typo here would silently switch a check off. SPARQL
constraints are text, so their bg: names are collected from the query strings.
"""

from __future__ import annotations

import re

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, SH

from beslutsgraf.ontology import BG, load_vocabulary
from beslutsgraf.shapes import load_shapes

_SPARQL_TERM = re.compile(r"\bbg:([A-Za-z_][\w-]*)")


def _terms_in_shapes() -> set[URIRef]:
    shapes = load_shapes()
    terms: set[URIRef] = set()
    for triple in shapes:
        for node in triple:
            if isinstance(node, URIRef) and str(node).startswith(str(BG)):
                terms.add(node)
            elif isinstance(node, Literal) and str(node.datatype).startswith(str(BG)):
                terms.add(URIRef(node.datatype))
    for query in shapes.objects(None, SH.select):
        terms.update(BG[name] for name in _SPARQL_TERM.findall(str(query)))
    return terms


def test_shapes_use_bg_terms() -> None:
    # Guards the test below against passing on an empty set.
    assert len(_terms_in_shapes()) > 50


@pytest.mark.parametrize("term", sorted(_terms_in_shapes()), ids=lambda t: t.n3().split("#")[-1])
def test_term_is_declared_in_the_vocabulary(term: URIRef) -> None:
    vocabulary = load_vocabulary()
    assert (term, RDF.type, None) in vocabulary, (
        f"{term} is used in shapes/*.ttl but not declared in ontology/*.ttl"
    )
