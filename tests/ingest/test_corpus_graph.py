"""The whole development corpus, ingested once into a real store and queried with SPARQL.

These are the facts a user of the graph would check first; each test names one.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph

from beslutsgraf.ingest.known import literal_value
from beslutsgraf.ingest.read import read
from beslutsgraf.ingest.run import IngestSummary, Status, run
from beslutsgraf.shapes import validate_graph
from beslutsgraf.store.embedded import EmbeddedStore

PREFIXES = """
PREFIX bg: <https://w3id.org/beslutsgraf/def#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX schema: <http://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX time: <http://www.w3.org/2006/time#>
"""
ID = "https://w3id.org/beslutsgraf/id/"
MEETING_000 = f"<{ID}meeting/sro/2025-03-06>"


@pytest.fixture(scope="module")
def ingested(
    tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path
) -> Iterator[tuple[EmbeddedStore, IngestSummary]]:
    store = EmbeddedStore(tmp_path_factory.mktemp("corpus") / "store")
    summary = run([corpus_dir], store, quarantine_dir=tmp_path_factory.mktemp("quarantine"))
    yield store, summary
    store.close()


@pytest.fixture(scope="module")
def store(ingested: tuple[EmbeddedStore, IngestSummary]) -> EmbeddedStore:
    return ingested[0]


def select(store: EmbeddedStore, query: str) -> list[dict[str, str]]:
    return store.select(PREFIXES + query)


def values(store: EmbeddedStore, query: str, name: str) -> list[str]:
    return sorted(row[name] for row in select(store, query) if name in row)


def test_every_corpus_document_passes_the_shapes_and_loads(
    ingested: tuple[EmbeddedStore, IngestSummary],
) -> None:
    _, summary = ingested
    assert len(summary.outcomes) == 5
    problems = [o.message for o in summary.outcomes if o.status != Status.LOADED]
    assert problems == []


def test_every_quote_is_the_source_slice(store: EmbeddedStore, corpus_dir: Path) -> None:
    texts = {}
    for path in sorted(corpus_dir.glob("*.txt")):
        document = read(path)
        texts[f"<https://w3id.org/beslutsgraf/id/source/{document.sha256[:16]}>"] = (
            document.source_text
        )
    rows = select(
        store,
        "SELECT DISTINCT ?g ?exact ?start ?end WHERE { GRAPH ?g { "
        "?a a oa:Annotation ; oa:hasTarget ?t . ?t oa:hasSelector ?p, ?q . "
        "?p oa:start ?start ; oa:end ?end . ?q oa:exact ?exact } }",
    )
    assert len(rows) > 300
    for row in rows:
        start = int(row["start"].split('"')[1])
        end = int(row["end"].split('"')[1])
        exact = _lexical(row["exact"])
        assert exact == texts[row["g"]][start:end]


def _lexical(term: str) -> str:
    return literal_value(term)


def test_000_meeting_header(store: EmbeddedStore) -> None:
    (row,) = select(
        store,
        f"SELECT DISTINCT ?body ?date ?start ?end ?status WHERE {{ {MEETING_000} bg:heldBy ?body ; "
        "dct:date ?date ; schema:startDate ?start ; schema:endDate ?end ; "
        "bg:meetingStatus ?status }",
    )
    assert row["body"] == "<https://w3id.org/beslutsgraf/id/org/sro>"
    assert _lexical(row["start"]) == "2025-03-06T13:30:00+01:00"
    assert _lexical(row["end"]) == "2025-03-06T15:30:00+01:00"
    assert row["status"] == "<https://w3id.org/beslutsgraf/def#held>"


def test_000_chair_absences_and_substitution(store: EmbeddedStore) -> None:
    chair = values(
        store, f"SELECT DISTINCT ?name WHERE {{ {MEETING_000} bg:chair/foaf:name ?name }}", "name"
    )
    assert [_lexical(n) for n in chair] == ["Helén Eliasson"]
    absentees = values(store, f"SELECT DISTINCT ?p WHERE {{ {MEETING_000} bg:absentee ?p }}", "p")
    assert len(absentees) == 7
    (row,) = select(
        store,
        f"SELECT DISTINCT ?in ?out WHERE {{ {MEETING_000} bg:hasSubstitution ?s . "
        "?s bg:substitute/foaf:name ?in ; bg:substituted/foaf:name ?out }",
    )
    assert _lexical(row["out"]) == "Magnus Haggren"
    assert _lexical(row["in"]) in {"Helene Nordling", "Helen Nordling"}
    # The substitute attends; nobody absent does.
    assert store.ask(
        PREFIXES + f"ASK {{ {MEETING_000} bg:hasSubstitution/bg:substitute ?p . "
        f"{MEETING_000} bg:attendee ?p }}"
    )
    assert not store.ask(PREFIXES + "ASK { ?m bg:absentee ?p ; bg:attendee ?p }")


def test_000_agenda_decisions_and_amount(store: EmbeddedStore) -> None:
    items = values(store, f"SELECT DISTINCT ?i WHERE {{ {MEETING_000} bg:hasAgendaItem ?i }}", "i")
    assert len(items) == 10
    types = values(
        store,
        f"SELECT DISTINCT ?d ?type WHERE {{ {MEETING_000} bg:hasAgendaItem ?i . "
        "?i bg:itemNumber 6 ; bg:hasDecision ?d . ?d bg:decisionType ?type }",
        "type",
    )
    assert types == ["<https://w3id.org/beslutsgraf/def#stallerSigBakom>"] * 4
    amounts = values(
        store,
        f"SELECT DISTINCT ?value WHERE {{ ?d bg:decidedAt {MEETING_000} ; schema:amount ?a . "
        '?a schema:value ?value ; schema:currency "SEK" }',
        "value",
    )
    assert amounts and {float(_lexical(v)) for v in amounts} == {61_000_000.0}
    previous = values(
        store, f"SELECT DISTINCT ?p WHERE {{ {MEETING_000} bg:previousMeeting ?p }}", "p"
    )
    assert previous == ["<https://w3id.org/beslutsgraf/id/meeting/sro/2025-01-30>"]


def test_002_the_sum_an_information_item_reports_is_in_the_graph(store: EmbeddedStore) -> None:
    # "Det saknas 11 miljoner …" in the IVPA item, which SRO notes: noted information
    # keeps the sums it reports (a list of others' decisions does not).
    amounts = values(
        store,
        f"SELECT DISTINCT ?value WHERE {{ ?d bg:decidedAt <{ID}meeting/sro/2022-11-24> ; "
        "bg:decisionType bg:noteringAvInformation ; schema:amount ?a . ?a schema:value ?value ; "
        'schema:currency "SEK" }',
        "value",
    )
    assert {float(_lexical(v)) for v in amounts} == {11_000_000.0}


def test_sro_is_a_samradsorgan_convened_by_vgr_and_vastkom(store: EmbeddedStore) -> None:
    rows = select(
        store,
        f"SELECT DISTINCT ?type ?convener WHERE {{ <{ID}org/sro> org:classification ?type ; "
        "bg:convenedBy ?convener }",
    )
    assert {row["type"] for row in rows} == {"<https://w3id.org/beslutsgraf/def#samradsorgan>"}
    conveners = {row["convener"].rsplit("/", 1)[-1].strip(">") for row in rows}
    assert conveners == {"vastra-gotalandsregionen", "vastkom"}


def test_spellings_of_one_person_are_one_node(store: EmbeddedStore) -> None:
    rows = select(
        store,
        f"SELECT DISTINCT ?p WHERE {{ GRAPH <{ID}graph/resolution> {{ ?p skos:altLabel ?alt }} "
        'FILTER (STR(?alt) IN ("Helen Elisson", "Helene Eliasson")) }',
    )
    assert len(rows) == 1
    chair = values(store, f"SELECT DISTINCT ?p WHERE {{ {MEETING_000} bg:chair ?p }}", "p")
    assert [rows[0]["p"]] == chair
    names = values(
        store, f"SELECT DISTINCT ?n WHERE {{ <{chair[0].strip('<>')}> foaf:name ?n }}", "n"
    )
    assert {_lexical(n) for n in names} == {"Helén Eliasson"}


def test_a_position_repeated_in_the_summary_is_one_decision(store: EmbeddedStore) -> None:
    decision = f"<{MEETING_000.strip('<>')}/item/6/decision/1>"
    sources = values(store, f"SELECT DISTINCT ?s WHERE {{ {decision} bg:reportedIn ?s }}", "s")
    assert len(sources) == 2
    quotes = values(
        store,
        f"SELECT DISTINCT ?a WHERE {{ ?a oa:hasBody {decision} }}",
        "a",
    )
    assert len(quotes) == 2


def test_month_only_summary_meeting_resolves_to_the_dated_meeting(store: EmbeddedStore) -> None:
    rows = select(
        store,
        f"SELECT DISTINCT ?d ?date WHERE {{ ?d bg:decidedAt <{ID}meeting/sro/2025-01-30> ; "
        "dct:date ?date }",
    )
    assert len(rows) == 3
    assert {_lexical(row["date"]) for row in rows} == {"2025-01-30"}


def test_the_union_of_all_graphs_conforms(store: EmbeddedStore) -> None:
    # Per-document validation cannot see conflicts between documents (two names for
    # one person, a held and a planned status); the union must conform too.
    union = Graph()
    union.parse(data=b"".join(store.dump("application/n-quads")), format="nquads")
    report = validate_graph(union)
    assert report.conforms, [line for line in report.lines() if line.startswith("Violation")]


def test_003_chair_changes_from_item_four(store: EmbeddedStore) -> None:
    rows = select(
        store,
        "SELECT DISTINCT ?number ?name WHERE { "
        "<https://w3id.org/beslutsgraf/id/meeting/sro/2022-04-28> bg:hasAgendaItem ?i . "
        "?i bg:itemNumber ?number ; bg:chairedBy/foaf:name ?name }",
    )
    chairs = {int(_lexical(row["number"])): _lexical(row["name"]) for row in rows}
    assert {chairs[n] for n in (1, 2, 3)} == {"Axel Josefsson"}
    assert {chairs[n] for n in range(4, 12)} == {"Helén Eliasson"}


def test_002_prolongation_sets_a_validity_period(store: EmbeddedStore) -> None:
    rows = select(
        store,
        "SELECT DISTINCT ?title ?end ?start WHERE { "
        "?d bg:decidedAt <https://w3id.org/beslutsgraf/id/meeting/sro/2022-11-24> ; "
        "bg:prolongs ?a ; bg:newEndDate ?end . ?a dct:title ?title ; bg:hasValidityPeriod ?p . "
        "?p prov:wasGeneratedBy ?d ; bg:end ?end . OPTIONAL { ?p bg:start ?start } }",
    )
    assert len(rows) == 1
    assert "in- och utskrivning" in _lexical(rows[0]["title"])
    assert _lexical(rows[0]["end"]) == "2024-12-31"
    assert _lexical(rows[0]["start"]) == "2020-12-01"


def test_002_director_roles_hand_over_on_the_meeting_day(store: EmbeddedStore) -> None:
    # "Kaarina Sundelin, tillförordnad … ersätts från och med dagens möte av Karin
    # Looström Muth": her role begins and Kaarina's ends on 2022-11-24 (org:memberDuring).
    rows = select(
        store,
        "SELECT DISTINCT ?name ?bound ?day WHERE { ?m org:member ?person ; org:role "
        "bg:halsoOchSjukvardsutvecklingsdirektor ; org:memberDuring ?period . "
        "?person foaf:name ?name . ?period ?bound ?instant . ?instant time:inXSDDate ?day . "
        "FILTER(?bound IN (time:hasBeginning, time:hasEnd)) } ORDER BY ?name",
    )
    assert [
        (_lexical(r["name"]), r["bound"].rsplit("#", 1)[-1][:-1], _lexical(r["day"])) for r in rows
    ] == [
        ("Kaarina Sundelin", "hasEnd", "2022-11-24"),
        ("Karin Looström Muth", "hasBeginning", "2022-11-24"),
    ]


def test_003_an_ended_service_ends_its_membership(store: EmbeddedStore) -> None:
    # "Jeanette Lämmel har avslutat sin tjänst som förbundsdirektör för Fyrbodals
    # kommunalförbund": her role there ended by the meeting of 2022-04-28.
    rows = select(
        store,
        "SELECT DISTINCT ?org ?day WHERE { ?m org:member <https://w3id.org/beslutsgraf/id/person/"
        "jeanette-lammel> ; org:organization ?org ; org:role bg:forbundsdirektor ; "
        "org:memberDuring/time:hasEnd/time:inXSDDate ?day }",
    )
    assert [(r["org"], _lexical(r["day"])) for r in rows] == [
        ("<https://w3id.org/beslutsgraf/id/org/fyrbodals-kommunalforbund>", "2022-04-28")
    ]


def test_001_sub_agreements_apply_from_2027(store: EmbeddedStore) -> None:
    rows = select(
        store,
        "SELECT DISTINCT ?sub ?from WHERE { ?sub dct:isPartOf ?main ; bg:appliesFrom ?from . "
        '?main bg:versionLabel ?label . FILTER (CONTAINS(STR(?label), "2025-09-01")) }',
    )
    assert len(rows) == 4
    assert {_lexical(row["from"]) for row in rows} == {"2027-01-01"}


def test_announced_meetings_are_planned_meetings_of_the_right_body(store: EmbeddedStore) -> None:
    bodies = values(
        store,
        "SELECT DISTINCT ?body WHERE { "
        "<https://w3id.org/beslutsgraf/id/meeting/gemensam-styrgrupp-nytt-halso-och-sjukvardsavtal"
        "/2026-06-25> bg:meetingStatus bg:planned ; bg:heldBy ?body }",
        "body",
    )
    assert bodies == [
        "<https://w3id.org/beslutsgraf/id/org/gemensam-styrgrupp-nytt-halso-och-sjukvardsavtal>"
    ]
    topics = values(
        store,
        "SELECT DISTINCT ?topic WHERE { "
        "<https://w3id.org/beslutsgraf/id/meeting/sro/2025-04-24> bg:plannedTopic ?topic }",
        "topic",
    )
    assert len(topics) >= 3


def test_roles_over_time_are_memberships_attested_by_date(store: EmbeddedStore) -> None:
    rows = select(
        store,
        "SELECT DISTINCT ?role ?date WHERE { ?m org:member ?p ; org:role ?role ; "
        "org:organization <https://w3id.org/beslutsgraf/id/org/regionstyrelsen> ; "
        "bg:attestedOn ?date ; prov:wasDerivedFrom ?source . "
        '?p foaf:name "Helén Eliasson" }',
    )
    by_date = {_lexical(row["date"]): row["role"].rsplit("#", 1)[-1].strip(">") for row in rows}
    assert by_date["2022-04-28"] == "viceOrdforande"
    assert by_date["2025-03-06"] == "ordforande"


def test_open_assignments_name_posts_in_organisations(store: EmbeddedStore) -> None:
    rows = select(
        store,
        "SELECT DISTINCT ?deadline ?org WHERE { ?a a bg:Assignment ; bg:deadline ?deadline ; "
        "bg:assignee ?post . ?post a org:Post ; org:postIn ?org . "
        'FILTER (STR(?deadline) >= "2026") }',
    )
    assert {_lexical(row["deadline"]) for row in rows} == {"2026-06"}
    assert {row["org"].rsplit("/", 1)[-1].strip(">") for row in rows} == {
        "vastra-gotalandsregionen",
        "vastkom",
    }


def test_a_chairs_role_after_the_organisation_is_held_in_the_body(store: EmbeddedStore) -> None:
    """002 lists "Axel Josefsson (M), Göteborgsregionen, vice ordförande": vice chair of
    SRO, representing Göteborgsregionen, not vice chair of Göteborgsregionen."""
    rows = select(
        store,
        'SELECT DISTINCT ?org ?role WHERE { ?m org:member/foaf:name "Axel Josefsson" ; '
        'org:organization ?org ; org:role ?role ; bg:attestedOn "2022-11-24"^^xsd:date }',
    )
    held = {
        (row["org"].rsplit("/", 1)[-1].strip(">"), row["role"].rsplit("#", 1)[-1].strip(">"))
        for row in rows
    }
    assert held == {("sro", "viceOrdforande"), ("M", "partimedlem")}
    represents = values(
        store,
        'SELECT ?org WHERE { ?m org:member/foaf:name "Axel Josefsson" ; '
        f"org:organization <{ID}org/sro> ; bg:represents ?org }}",
        "org",
    )
    assert {iri.rsplit("/", 1)[-1].strip(">") for iri in represents} == {"goteborgsregionen"}


def test_members_represent_the_organisation_beside_their_name_or_their_group(
    store: EmbeddedStore,
) -> None:
    rows = select(
        store,
        "SELECT DISTINCT ?name ?represents WHERE { ?m org:organization "
        f'<{ID}org/sro> ; org:member/foaf:name ?name ; bg:attestedOn "2025-03-06"^^xsd:date ; '
        "bg:represents/skos:prefLabel ?represents }",
    )
    represents = {_lexical(row["name"]): _lexical(row["represents"]) for row in rows}
    assert represents["Marina Johansson"] == "Göteborgsregionen"
    # Listed as "ordförande Regionstyrelsen" under "För Västra Götalandsregionen (VGR)".
    assert represents["Helén Eliasson"] == "Västra Götalandsregionen"


def test_every_organisation_a_document_describes_is_linked_from_it(store: EmbeddedStore) -> None:
    # A name read as an organisation that nothing uses ("Västkom.Bakgrund", a heading run
    # into the name before it) would be listed among the organisations.
    unlinked = values(
        store,
        """SELECT DISTINCT ?label WHERE { GRAPH ?g {
             ?o skos:prefLabel ?label .
             FILTER (STRSTARTS(STR(?o), "https://w3id.org/beslutsgraf/id/org/"))
             FILTER NOT EXISTS { ?any ?link ?o }
           } FILTER (STRSTARTS(STR(?g), "https://w3id.org/beslutsgraf/id/source/")) }""",
        "label",
    )
    assert unlinked == []
    labels = values(store, "SELECT ?label WHERE { ?o skos:prefLabel ?label }", "label")
    assert '"Västkom.Bakgrund"@sv' not in labels
    assert '"Västra Götalandsregionen"@sv' in labels


def test_001_the_regiondirektor_sro_asks_is_the_regions_post(store: EmbeddedStore) -> None:
    # "… ställer sig bakom att regiondirektören och Västkom direktör får i uppdrag …": in
    # the minutes of SRO, convened by VGR and VästKom, the regiondirektör is VGR's.
    rows = store.select(
        PREFIXES + "SELECT DISTINCT ?label ?in WHERE { "
        f"<{ID}decision/sro/2025-08-21/gemensamma-digitaliseringsfragor/1/assignment> "
        "bg:assignee ?post . ?post skos:prefLabel ?label ; org:postIn ?in }"
    )
    assert sorted((_lexical(r["label"]), r["in"]) for r in rows) == [
        ("Direktör, VästKom", f"<{ID}org/vastkom>"),
        ("Regiondirektör, Västra Götalandsregionen", f"<{ID}org/vastra-gotalandsregionen>"),
    ]
