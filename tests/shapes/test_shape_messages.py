"""Every check tells the user, in English, what is wrong and what to do.

A result without sh:message falls back to pyshacl's generic text ("Less than 1
values on …"), which means nothing to someone reviewing a quarantined document.
"""

from __future__ import annotations

import re

from rdflib import Graph, Literal, Node
from rdflib.namespace import RDF, RDFS, SH

from beslutsgraf.shapes import load_shapes


def _english_messages(shapes: Graph, node: Node) -> list[str]:
    return [
        str(message)
        for message in shapes.objects(node, SH.message)
        if isinstance(message, Literal) and message.language == "en"
    ]


def test_every_property_shape_has_an_english_message() -> None:
    shapes = load_shapes()
    property_shapes = set(shapes.subjects(SH.path, None))
    assert property_shapes
    silent = [shape for shape in property_shapes if not _english_messages(shapes, shape)]
    assert not silent, f"property shapes without an English sh:message: {silent}"


def test_every_sparql_constraint_has_an_english_message() -> None:
    shapes = load_shapes()
    constraints = set(shapes.objects(None, SH.sparql))
    assert constraints
    silent = [c for c in constraints if not _english_messages(shapes, c)]
    assert not silent, f"SPARQL constraints without an English sh:message: {silent}"


def test_node_shapes_with_a_target_are_labelled_and_have_messages_on_their_own_checks() -> None:
    shapes = load_shapes()
    node_shapes = set(shapes.subjects(SH.targetClass, None))
    assert len(node_shapes) >= 20
    for shape in node_shapes:
        assert (shape, RDF.type, SH.NodeShape) in shapes
        assert shapes.value(shape, RDFS.label) is not None, f"{shape} has no rdfs:label"
        # A node shape's own constraint (sh:or) reports with the node shape's message.
        if (shape, SH["or"], None) in shapes:
            assert _english_messages(shapes, shape), f"{shape} uses sh:or without a message"


def test_messages_are_sentences() -> None:
    shapes = load_shapes()
    for message in shapes.objects(None, SH.message):
        text = str(message)
        # A sentence starts with a capital, a term (prefix:name) or a {?value}.
        assert re.match(r"[A-Z{]|[a-z]+:\w", text), f"message does not start a sentence: {text!r}"
        assert text.endswith("."), f"message does not end a sentence: {text!r}"
