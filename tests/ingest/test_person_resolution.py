"""Person resolution on the corpus (issue #6): the expected persons, written out in
tests/ingest/data/corpus_persons.tsv, through a real ingest into an embedded store;
the identity decisions in id:graph/resolution; the report's unknown organisations."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from beslutsgraf.ingest.known import literal_value
from beslutsgraf.ingest.resolution_report import ResolutionReport, resolution_report
from beslutsgraf.ingest.run import run
from beslutsgraf.store.embedded import EmbeddedStore

EXPECTED = Path(__file__).parent / "data" / "corpus_persons.tsv"
PREFIXES = """
PREFIX bg: <https://w3id.org/beslutsgraf/def#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
RESOLUTION = "https://w3id.org/beslutsgraf/id/graph/resolution"

# Issue #6, "Done when": spellings of one person, and people who stay apart.
SAME = [
    ("Helén Eliasson", "Helene Eliasson", "Helen Eliasson", "Helen Elisson"),
    ("Kristoffer Svensson", "Kristofer Svensson"),
    ("Monica Holmgren", "Monika Holmgren"),
    ("Jeanette Olsson", "Janette Olsson"),
]
APART = [
    ("Marina Johansson", "Adam Johansson"),
    ("Katarina Jonsson", "Madeleine Jonsson"),
    ("Ulf Olsson", "Jeanette Olsson"),
    ("Karin Looström Muth", "Karin Engström"),
    ("Katarina Jonsson", "Katarina Andersson"),
    ("Katarina Andersson", "Katarina Mueller"),
    ("Katarina Jonsson", "Katarina Mueller"),
]


def _expected_persons() -> list[tuple[str, ...]]:
    lines = EXPECTED.read_text(encoding="utf-8").splitlines()
    return [tuple(line.split("\t")) for line in lines if line and not line.startswith("#")]


@pytest.fixture(scope="module")
def store(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStore]:
    opened = EmbeddedStore(tmp_path_factory.mktemp("persons") / "store")
    summary = run([corpus_dir], opened, quarantine_dir=opened.path.parent / "quarantine")
    assert summary.ok, [o.message for o in summary.outcomes if not o.ok]
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def person_of(store: EmbeddedStore) -> dict[str, set[str]]:
    """Every spelling (canonical name or altLabel in any document) → the person IRIs."""
    found: dict[str, set[str]] = {}
    for row in store.select(
        PREFIXES + "SELECT DISTINCT ?p ?name WHERE { GRAPH ?g { ?p a foaf:Person . "
        "{ ?p foaf:name ?name } UNION { ?p skos:altLabel ?name } } "
        f"FILTER(?g != <{RESOLUTION}>) }}"
    ):
        found.setdefault(literal_value(row["name"]), set()).add(row["p"].strip("<>"))
    return found


@pytest.fixture(scope="module")
def report(store: EmbeddedStore) -> ResolutionReport:
    return resolution_report(store)


def test_the_corpus_has_exactly_the_expected_persons(store: EmbeddedStore) -> None:
    expected = _expected_persons()
    assert len(expected) == 78
    rows = store.select(
        PREFIXES + "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { GRAPH ?g { ?p a foaf:Person } "
        f"FILTER(?g != <{RESOLUTION}>) }}"
    )
    assert int(literal_value(rows[0]["n"])) == len(expected)


def test_every_expected_person_is_one_node_holding_all_its_spellings(
    person_of: dict[str, set[str]],
) -> None:
    expected = _expected_persons()
    nodes = set()
    for spellings in expected:
        iris = set().union(*(person_of[spelling] for spelling in spellings))
        assert len(iris) == 1, spellings
        nodes |= iris
    assert len(nodes) == len(expected)


@pytest.mark.parametrize("names", SAME, ids=lambda names: names[0])
def test_spelling_variants_are_one_person(
    names: tuple[str, ...], person_of: dict[str, set[str]]
) -> None:
    # "Helen Eliasson" is never written; the accent-folded canonical spelling stands for it.
    present = [name for name in names if name in person_of]
    assert len(present) >= 2
    assert len(set().union(*(person_of[name] for name in present))) == 1


@pytest.mark.parametrize("pair", APART, ids=" ≠ ".join)
def test_different_people_stay_apart(pair: tuple[str, str], person_of: dict[str, set[str]]) -> None:
    first, second = pair
    assert len(person_of[first]) == 1 and len(person_of[second]) == 1
    assert person_of[first] != person_of[second]


def test_resolution_graph_records_the_helen_eliasson_merges_with_score_and_evidence(
    store: EmbeddedStore,
) -> None:
    rows = store.select(
        PREFIXES
        + "SELECT ?d ?score ?merged (GROUP_CONCAT(DISTINCT ?name; separator='|') AS ?names) "
        "(GROUP_CONCAT(DISTINCT ?evidence; separator='|') AS ?evidences) "
        "(COUNT(DISTINCT ?source) AS ?sources) WHERE { "
        f"GRAPH <{RESOLUTION}> {{ ?d a bg:IdentityDecision ; "
        "bg:identityOf <https://w3id.org/beslutsgraf/id/person/helen-eliasson> ; "
        "bg:score ?score ; bg:merged ?merged ; bg:comparedName ?name ; "
        "bg:evidenceKind ?evidence ; prov:used ?source } } GROUP BY ?d ?score ?merged"
    )
    decisions = {frozenset(literal_value(row["names"]).split("|")): row for row in rows}
    assert set(decisions) == {
        frozenset({"Helen Elisson", "Helén Eliasson"}),
        frozenset({"Helene Eliasson", "Helén Eliasson"}),
    }
    elisson = decisions[frozenset({"Helen Elisson", "Helén Eliasson"})]
    assert literal_value(elisson["merged"]) == "true"
    assert 0.8 <= float(literal_value(elisson["score"])) <= 1.0
    evidence = literal_value(elisson["evidences"]).split("|")
    assert "accent-folding: Helen/Helén" in evidence
    assert "missing-or-doubled-letter: Elisson/Eliasson" in evidence
    assert "same-party: S" in evidence
    helene = decisions[frozenset({"Helene Eliasson", "Helén Eliasson"})]
    assert "given-name-variant: Helene/Helén" in literal_value(helene["evidences"]).split("|")
    # 003 spells her "Helene Eliasson", 000 and 002 "Helén Eliasson".
    assert int(literal_value(helene["sources"])) == 3


def test_report_lists_the_merged_persons_with_their_variants(report: ResolutionReport) -> None:
    assert len(report.clusters) == 78
    merged = {cluster.canonical: set(cluster.spellings) for cluster in report.merged}
    assert merged["Helén Eliasson"] == {"Helén Eliasson", "Helene Eliasson", "Helen Elisson"}
    assert merged["Kristoffer Svensson"] == {"Kristoffer Svensson", "Kristofer Svensson"}
    assert all(d.match.score >= 0.8 for c in report.merged for d in c.decisions)
    # Different names on one steering group's member list are no near miss.
    names = {frozenset((d.match.first, d.match.second)) for d in report.near_misses}
    assert frozenset({"Katarina Andersson", "Katarina Mueller"}) not in names


def test_report_names_the_organisations_not_in_the_reference_registers(
    report: ResolutionReport, store: EmbeddedStore
) -> None:
    unknown = {o.name: o for o in report.unknown_organisations}
    # Register organisations are not unknown: the municipalities, federations, VGR's
    # boards and hospital groups and SRO resolve. "Privata vårdgivare" is a category.
    assert set(unknown) == {"Privata vårdgivare"}
    assert unknown["Privata vårdgivare"].documents == ("004_f2fe77da785194ac.txt",)
    # Every organisation of the documents is in the reference graph or in the report.
    rows = store.select(
        "PREFIX org: <http://www.w3.org/ns/org#> SELECT DISTINCT ?o WHERE { GRAPH ?g { "
        "?o a org:Organization } FILTER(STRSTARTS(STR(?g), "
        "'https://w3id.org/beslutsgraf/id/source/')) FILTER NOT EXISTS { GRAPH "
        "<https://w3id.org/beslutsgraf/id/graph/reference> { ?o ?p ?v } } }"
    )
    assert {row["o"].strip("<>") for row in rows} == {o.iri for o in unknown.values()}


def test_speakers_named_by_first_name_are_the_meetings_participants(
    store: EmbeddedStore,
) -> None:
    """004 (2026-05-13): "Jenny förtydligar" (item 2) and "Ann-Sofie informerar" (item 3)
    are Jenny Nilsson and Ann-Sofie Rundberg, presenters with the given name as evidence;
    "Malin beskriver" (item 2) stays nobody: Malin Camper and Malin Swärd Davidsson both
    take part."""
    rows = store.select(
        PREFIXES + "PREFIX dct: <http://purl.org/dc/terms/> "
        "PREFIX oa: <http://www.w3.org/ns/oa#> "
        "SELECT ?n ?name ?exact WHERE { ?m dct:date ?day ; bg:hasAgendaItem ?i . "
        "?i bg:itemNumber ?n ; bg:presenter ?p . ?p foaf:name ?name . "
        "OPTIONAL { ?a oa:hasBody ?p ; oa:hasTarget/oa:hasSelector/oa:exact ?exact . "
        "FILTER(?exact IN ('Jenny', 'Ann-Sofie', 'Malin')) } "
        "FILTER(STR(?day) = '2026-05-13') }"
    )
    found = {
        (
            int(literal_value(row["n"])),
            literal_value(row["name"]),
            literal_value(row["exact"]) if row.get("exact") else None,
        )
        for row in rows
    }
    assert found == {(2, "Jenny Nilsson", "Jenny"), (3, "Ann-Sofie Rundberg", "Ann-Sofie")}
    # The ambiguous "Malin" is evidence for nobody.
    malin = store.select(
        PREFIXES + "PREFIX oa: <http://www.w3.org/ns/oa#> SELECT ?p WHERE { "
        "?a oa:hasBody ?p ; oa:hasTarget/oa:hasSelector/oa:exact 'Malin' }"
    )
    assert malin == []
