"""The concept ruler over a vocabulary of its own: each kind of label, each scheme's rule."""

from __future__ import annotations

import spacy
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS

from beslutsgraf.ingest.nlp import blank_swedish, build_pipeline
from beslutsgraf.ontology import BG


def _vocabulary(scheme: URIRef, labels: dict[str, tuple[str, ...]]) -> Graph:
    graph = Graph()
    for name, phrases in labels.items():
        concept = BG[name]
        graph.add((concept, SKOS.inScheme, scheme))
        for phrase in phrases:
            graph.add((concept, SKOS.hiddenLabel, Literal(phrase, lang="sv")))
    return graph


def _spans(vocabulary: Graph, key: str, text: str) -> list[tuple[str, str, str]]:
    doc = build_pipeline(vocabulary)(text)
    return [(span.text, span.label_.rsplit("#", 1)[-1], span.id_) for span in doc.spans[key]]


def test_a_label_with_a_gap_at_an_end_is_still_matched() -> None:
    # "… till handlingarna": the gap leads, so it runs as a token pattern (up to 15
    # tokens before the words, line breaks skipped); every start is its own match.
    vocabulary = _vocabulary(BG.DecisionType, {"laggaTillHandlingarna": ("… till handlingarna",)})
    spans = _spans(vocabulary, "DecisionType", "Rapporten läggs\ntill handlingarna.")
    assert (
        "Rapporten läggs\ntill handlingarna",
        "laggaTillHandlingarna",
        "… till handlingarna",
    ) in (spans)
    assert ("till handlingarna", "laggaTillHandlingarna", "… till handlingarna") in spans


def test_labels_of_one_span_are_kept_apart_unless_the_scheme_keeps_the_longest() -> None:
    labels = {"ordforande": ("ordf", "Ordf", "vice ordf"), "sekreterare": ("sekr",)}
    text = "Anna Berg vice ordf och Bo Ek sekr"
    every = _spans(_vocabulary(BG.DecisionType, labels), "DecisionType", text)
    # Two labels reading the same words are two spans (one per label, as ids).
    assert sorted(every) == [
        ("ordf", "ordforande", "Ordf"),
        ("ordf", "ordforande", "ordf"),
        ("sekr", "sekreterare", "sekr"),
        ("vice ordf", "ordforande", "vice ordf"),
    ]
    longest = _spans(_vocabulary(BG.Role, labels), "Role", text)
    assert longest == [
        ("vice ordf", "ordforande", "vice ordf"),
        ("sekr", "sekreterare", "sekr"),
    ]


def test_the_tokenizer_without_whitespace_cases_gives_spacys_tokens() -> None:
    text = (
        "§ 12\tDnr KS-2025-00305\n\nAnna Berg (S), ordf.  t.ex. kl. 13.30\u00a0–\u00a015.30\n"
        " \n\tBo Ek (M) ersätter\r\nCecilia Dahl — d.v.s. \n"
    )
    stock = spacy.blank("sv").make_doc(text)
    ours = blank_swedish().make_doc(text)

    def tokens(doc: spacy.tokens.Doc) -> list[tuple[str, str, str, int]]:
        return [(t.text, t.whitespace_, t.norm_, t.idx) for t in doc]

    assert tokens(ours) == tokens(stock)
    assert "\n\n" in [t.text for t in ours] and "\t" in [t.text for t in ours]
