"""The SKOS concept schemes: they parse, satisfy the SKOS integrity basics, and hold
every concept that the shapes, ingestion and the docs refer to by name."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import SH, SKOS

from beslutsgraf.ontology import BG, concept_scheme_files, load_vocabulary

SKOS_BASICS = Path(__file__).with_name("skos-basics.ttl")

# The naming contract: scheme → file → concept local names other engineers rely on.
CONTRACT_SCHEMES: dict[str, tuple[str, list[str]]] = {
    "DecisionType": (
        "decision-types.ttl",
        [
            "noteringAvInformation",
            "stallerSigBakom",
            "rekommendation",
            "uppdrag",
            "godkannandeAvDagordning",
            "godkannandeAvProtokoll",
            "formelltBeslut",
            "ovrigt",
        ],
    ),
    "AgendaItemKind": (
        "agenda-item-kinds.ttl",
        ["information", "stallningstagande", "dialog", "delrapport", "beslutsarende"],
    ),
    "OrgType": (
        "organisation-types.ttl",
        [
            "region",
            "kommun",
            "kommunalforbund",
            "samorganisation",
            "samradsorgan",
            "styrgrupp",
            "namnd",
            "forvaltning",
            "foretag",
            "myndighet",
            "parti",
        ],
    ),
    "Role": (
        "roles.ttl",
        [
            "ordforande",
            "viceOrdforande",
            "forsteViceOrdforande",
            "andreViceOrdforande",
            "ledamot",
            "ersattare",
            "tjanstgorandeErsattare",
            "direktor",
            "regiondirektor",
            "forbundsdirektor",
            "tillforordnadDirektor",
            "halsoOchSjukvardsutvecklingsdirektor",
            "beredning",
            "sekreterare",
            "kommunikator",
            "processledare",
            "extraRepresentant",
            "justerare",
            "partimedlem",
        ],
    ),
    "AgreementType": (
        "agreement-types.ttl",
        [
            "halsoOchSjukvardsavtal",
            "overenskommelse",
            "samverkansavtal",
            "inriktningsdokument",
            "handlingsplan",
            "riktlinje",
            "strategi",
        ],
    ),
    "MeetingForm": (
        "meeting-forms.ttl",
        ["digitaltMote", "fysisktMote", "hybridMote", "perCapsulamMote"],
    ),
    "MeetingStatus": ("meeting-status.ttl", ["held", "planned"]),
    "DocumentKind": (
        "document-kinds.ttl",
        ["minutes", "protocol", "protocolExtract", "summary", "notice"],
    ),
    "VoteChoice": ("vote-choices.ttl", ["ja", "nej", "avstar"]),
}
# Declared empty on purpose: ingestion mints a concept per role text it cannot place.
EMPTY_SCHEMES = {BG.LocalRole}

# A vocabulary with two classic mistakes, each on its own concept, and nothing else wrong.
BROKEN_VOCABULARY = """
@prefix ex: <https://example.org/broken#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .

ex:Colours a skos:ConceptScheme ; skos:prefLabel "Färger"@sv , "Colours"@en .
ex:Shapes a skos:ConceptScheme ; skos:prefLabel "Former"@sv , "Shapes"@en .

ex:inTwoSchemes a skos:Concept ;
    skos:inScheme ex:Colours , ex:Shapes ;
    skos:prefLabel "Rund"@sv , "Round"@en ;
    skos:definition "Utan hörn."@sv , "Without corners."@en .

ex:twoSwedishLabels a skos:Concept ;
    skos:inScheme ex:Colours ;
    skos:prefLabel "Röd"@sv , "Rödaktig"@sv , "Red"@en ;
    skos:definition "Blodets färg."@sv , "The colour of blood."@en .

ex:fine a skos:Concept ;
    skos:inScheme ex:Colours ;
    skos:prefLabel "Blå"@sv , "Blue"@en ;
    skos:hiddenLabel "blått"@sv ;
    skos:definition "Himlens färg."@sv , "The colour of the sky."@en .
"""


@pytest.fixture(scope="module")
def vocabulary() -> Graph:
    return load_vocabulary()


@pytest.fixture(scope="module")
def skos_basics() -> Graph:
    return Graph().parse(SKOS_BASICS, format="turtle")


def _violations(data: Graph, shapes: Graph) -> set[tuple[str, str, str]]:
    """(focus node, path, constraint component) of each violation, local names only."""
    conforms, report, _ = validate(data, shacl_graph=shapes, inference="none")
    found = set()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus, path, component = (
            report.value(result, SH.focusNode),
            report.value(result, SH.resultPath),
            report.value(result, SH.sourceConstraintComponent),
        )
        found.add((str(focus), str(path), str(component).rsplit("#", 1)[-1]))
    assert conforms == (not found)
    return found


def _concepts(vocabulary: Graph, scheme: URIRef) -> set[URIRef]:
    return {c for c in vocabulary.subjects(SKOS.inScheme, scheme) if isinstance(c, URIRef)}


@pytest.mark.parametrize("path", concept_scheme_files(), ids=lambda p: p.name)
def test_each_scheme_file_parses_and_keeps_its_concepts_in_its_own_schemes(path: Path) -> None:
    graph = Graph().parse(path, format="turtle")
    schemes = set(graph.subjects(RDF.type, SKOS.ConceptScheme))
    assert schemes, f"{path.name} declares no skos:ConceptScheme"
    concepts = set(graph.subjects(RDF.type, SKOS.Concept))
    assert {graph.value(c, SKOS.inScheme) for c in concepts} <= schemes


def test_there_is_one_file_per_contract_scheme() -> None:
    files = {path.name for path in concept_scheme_files()}
    assert files == {file for file, _ in CONTRACT_SCHEMES.values()}


def test_vocabulary_conforms_to_skos_basics(vocabulary: Graph, skos_basics: Graph) -> None:
    assert _violations(vocabulary, skos_basics) == set()


def test_skos_basics_catch_a_concept_in_two_schemes_and_two_swedish_preflabels(
    skos_basics: Graph,
) -> None:
    broken = Graph().parse(data=BROKEN_VOCABULARY, format="turtle")
    assert _violations(broken, skos_basics) == {
        (
            "https://example.org/broken#inTwoSchemes",
            str(SKOS.inScheme),
            "MaxCountConstraintComponent",
        ),
        (
            "https://example.org/broken#twoSwedishLabels",
            str(SKOS.prefLabel),
            "UniqueLangConstraintComponent",
        ),
    }


def test_skos_basics_catch_a_hidden_label_that_repeats_the_preflabel(skos_basics: Graph) -> None:
    graph = Graph().parse(data=BROKEN_VOCABULARY, format="turtle")
    fine = URIRef("https://example.org/broken#fine")
    graph.add((fine, SKOS.hiddenLabel, Literal("Blå", lang="sv")))
    assert (
        str(fine),
        str(SKOS.prefLabel),
        "DisjointConstraintComponent",
    ) in _violations(graph, skos_basics)


@pytest.mark.parametrize("scheme", sorted(CONTRACT_SCHEMES))
def test_contract_concepts_exist_in_their_scheme_and_file(scheme: str) -> None:
    file_name, local_names = CONTRACT_SCHEMES[scheme]
    (path,) = [p for p in concept_scheme_files() if p.name == file_name]
    graph = Graph().parse(path, format="turtle")
    in_file = {c.removeprefix(str(BG)) for c in _concepts(graph, BG[scheme])}
    assert set(local_names) <= in_file


def test_every_scheme_has_concepts_except_the_local_roles(vocabulary: Graph) -> None:
    schemes = set(vocabulary.subjects(RDF.type, SKOS.ConceptScheme))
    assert schemes == {BG[name] for name in CONTRACT_SCHEMES} | EMPTY_SCHEMES
    empty = {scheme for scheme in schemes if not _concepts(vocabulary, scheme)}
    assert empty == EMPTY_SCHEMES


def test_top_concepts_are_listed_from_both_sides(vocabulary: Graph) -> None:
    # skos:hasTopConcept and skos:topConceptOf are inverses; tools read either side.
    from_scheme = set(vocabulary.subject_objects(SKOS.hasTopConcept))
    from_concept = {(s, c) for c, s in vocabulary.subject_objects(SKOS.topConceptOf)}
    assert from_scheme == from_concept
    # Our schemes are flat: every concept is a top concept of the scheme it is in.
    in_scheme = {(s, c) for c, s in vocabulary.subject_objects(SKOS.inScheme)}
    assert from_scheme == in_scheme


def _swedish_labels(vocabulary: Graph, concept: URIRef) -> list[str]:
    return [
        str(label)
        for predicate in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)
        for label in vocabulary.objects(concept, predicate)
        if isinstance(label, Literal) and label.language == "sv"
    ]


def test_no_surface_form_points_at_two_concepts_of_one_scheme(vocabulary: Graph) -> None:
    # Ingestion maps a matched phrase to one concept; a shared phrase would be a coin toss.
    clashes = []
    for scheme in vocabulary.subjects(RDF.type, SKOS.ConceptScheme):
        owners: dict[str, set[URIRef]] = defaultdict(set)
        for concept in _concepts(vocabulary, URIRef(scheme)):
            for label in _swedish_labels(vocabulary, concept):
                owners[label.lower()].add(concept)
        clashes += [(label, sorted(c)) for label, c in owners.items() if len(c) > 1]
    assert clashes == []


def test_hidden_labels_are_lower_case_swedish_and_differ_from_the_preflabel(
    vocabulary: Graph,
) -> None:
    # Matching is case-insensitive and the prefLabel is matched too, so a hidden label
    # that only changes case would be noise.
    problems = []
    for concept, label in vocabulary.subject_objects(SKOS.hiddenLabel):
        assert isinstance(label, Literal)
        prefs = vocabulary.objects(concept, SKOS.prefLabel)
        pref_text = {str(p).lower() for p in prefs if isinstance(p, Literal) and p.language == "sv"}
        if label.language != "sv" or str(label) != str(label).lower() or str(label) in pref_text:
            problems.append((str(concept), str(label)))
    assert problems == []
