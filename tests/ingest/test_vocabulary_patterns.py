"""SKOS labels become spaCy patterns: one place to add a surface form."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS

from beslutsgraf.ingest.nlp import build_pipeline, concepts_in
from beslutsgraf.ingest.vocabulary_patterns import (
    GAP,
    LINE_BREAK,
    phrases_by_concept,
    token_pattern,
)
from beslutsgraf.ontology import BG


def test_every_swedish_label_of_a_concept_is_a_phrase() -> None:
    vocabulary = Graph()
    concept = URIRef(BG.uppdrag)
    vocabulary.add((concept, SKOS.inScheme, BG.DecisionType))
    vocabulary.add((concept, SKOS.prefLabel, Literal("Ger uppdrag", lang="sv")))
    vocabulary.add((concept, SKOS.prefLabel, Literal("Assignment", lang="en")))
    vocabulary.add((concept, SKOS.hiddenLabel, Literal("får i uppdrag", lang="sv")))
    phrases = phrases_by_concept(vocabulary, BG.DecisionType)
    assert phrases == {str(concept): ("Ger uppdrag", "får i uppdrag")}
    hidden = phrases_by_concept(vocabulary, BG.DecisionType, hidden_only=True)
    assert hidden == {str(concept): ("får i uppdrag",)}


def test_an_ellipsis_is_a_gap_of_tokens() -> None:
    nlp = build_pipeline(Graph())
    pattern = token_pattern("ger … i uppdrag", nlp.make_doc)
    words = [step for step in pattern if step != LINE_BREAK]
    assert words == [{"LOWER": "ger"}, GAP, {"LOWER": "i"}, {"LOWER": "uppdrag"}]


def test_phrases_match_across_line_breaks_and_inflected_heads() -> None:
    text = "underavtal till hälso- och \nsjukvårdsavtalet vilket innebär"
    matches = {m.concept: m.text for m in concepts_in(text, "AgreementType")}
    assert matches[str(BG.halsoOchSjukvardsavtal)] == "hälso- och \nsjukvårdsavtalet"


def test_the_shipped_vocabulary_drives_the_rulers() -> None:
    text = (
        "Det politiska samrådsorganet, SRO ger VGR:s hälso- och sjukvårdsutvecklingsdirektör "
        "och VästKoms direktör i uppdrag att återkomma. Helén Eliasson (S) ordf. Regionstyrelsen."
    )
    decision_types = concepts_in(text, "DecisionType")
    assert [m.concept for m in decision_types] == [str(BG.uppdrag)]
    assert decision_types[0].text.startswith("ger VGR:s") and decision_types[0].text.endswith(
        "i uppdrag"
    )
    roles = {m.text: m.concept for m in concepts_in(text, "Role")}
    assert roles["ordf."] == str(BG.ordforande)
    assert roles["hälso- och sjukvårdsutvecklingsdirektör"] == str(
        BG.halsoOchSjukvardsutvecklingsdirektor
    )


def test_the_longest_role_wins() -> None:
    text = "Kerstin Brunnström (S) andra vice ordf. HSS"
    roles = concepts_in(text, "Role")
    assert [(m.text, m.concept) for m in roles] == [
        ("andra vice ordf.", str(BG.andreViceOrdforande))
    ]
