"""SKOS labels become spaCy patterns: one place to add a surface form."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS

from beslutsgraf.ingest.nlp import annotate, build_pipeline, concepts_in
from beslutsgraf.ingest.vocabulary_patterns import (
    GAP,
    LINE_BREAK,
    phrase_segments,
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


def test_a_label_is_read_as_literal_parts_between_its_gaps() -> None:
    tokenize = build_pipeline(Graph()).make_doc
    assert phrase_segments("Ger … i uppdrag", tokenize) == ((("ger",),), (("i", "uppdrag"),))
    inflected = phrase_segments("hälso- och sjukvårdsavtal", tokenize, inflect_head=True)
    assert inflected is not None and len(inflected) == 1
    assert ("hälso-", "och", "sjukvårdsavtal") in inflected[0]
    assert ("hälso-", "och", "sjukvårdsavtalet") in inflected[0]
    # A gap at an end has no literal part after it: only a token pattern says that.
    assert phrase_segments("… i uppdrag", tokenize) is None


def test_abbreviated_chair_with_and_without_full_stop() -> None:
    roles = concepts_in("Anna Berg (S) ordf. och Bo Ek (M), ordf", "Role")
    assert [(m.text, m.concept) for m in roles] == [
        ("ordf.", str(BG.ordforande)),
        ("ordf", str(BG.ordforande)),
    ]
    # Each span keeps the label it matched as its id.
    spans = annotate("Anna Berg (S) ordf. och Bo Ek (M), ordf").spans["Role"]
    assert [span.id_ for span in spans] == ["ordf.", "ordf"]


def test_labels_match_in_any_case_and_wrapped_over_line_breaks() -> None:
    text = (
        "Anna Berg, ORDFÖRANDE; Bo Ek, Politisk\nsekreterare; Cecilia Dahl, politisk   sekreterare"
    )
    roles = [(m.text, m.concept) for m in concepts_in(text, "Role")]
    assert roles == [
        ("ORDFÖRANDE", str(BG.ordforande)),
        ("Politisk\nsekreterare", str(BG.politiskSekreterare)),
        ("politisk   sekreterare", str(BG.politiskSekreterare)),
    ]


def test_a_gap_spans_at_most_fifteen_tokens_and_no_full_stop() -> None:
    def found(text: str) -> list[str]:
        return [m.text for m in concepts_in(text, "DecisionType")]

    fifteen = "ger " + " ".join(["x"] * 15) + " i uppdrag"
    assert found(fifteen) == [fifteen]
    assert found("ger " + " ".join(["x"] * 16) + " i uppdrag") == []
    assert found("Styrelsen ger x. Y i uppdrag") == []
    assert found("Styrelsen ger x\n\n y i \nuppdrag") == ["ger x\n\n y i \nuppdrag"]


def test_decision_phrases_keep_overlapping_matches() -> None:
    text = "Styrelsen ger A i uppdrag och ger B i uppdrag."
    assert [m.text for m in concepts_in(text, "DecisionType")] == [
        "ger A i uppdrag och ger B i uppdrag",
        "ger A i uppdrag",
        "ger B i uppdrag",
    ]


def test_an_agreement_head_takes_noun_endings_only() -> None:
    text = "hälso- och sjukvårdsavtalets villkor och hälso- och sjukvårdsavtalen"
    matches = [(m.text, m.concept) for m in concepts_in(text, "AgreementType")]
    assert matches == [("hälso- och sjukvårdsavtalen", str(BG.halsoOchSjukvardsavtal))]
