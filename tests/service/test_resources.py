"""Linked-data pages, the N-Quads dump and the VoID description over real HTTP, on an
on-disk store loaded with fixtures/decision-graph.trig."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import FOAF, RDF, VOID, XSD

from beslutsgraf.service.ld_description import Description
from beslutsgraf.service.ld_html import render_page
from tests.service.conftest import MakeSettings, Serve

FIXTURE = Path(__file__).parent / "fixtures" / "decision-graph.trig"
ID = Namespace("https://w3id.org/beslutsgraf/id/")
BG = Namespace("https://w3id.org/beslutsgraf/def#")
OA = Namespace("http://www.w3.org/ns/oa#")
DCT = Namespace("http://purl.org/dc/terms/")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
HELEN = ID["person/helen-eliasson"]
DECISION = ID["meeting/sro/2025-03-06/item/6/decision/3"]
OTHER_BASE = "https://beslut.example.se/id/"


def fixture_dataset() -> Dataset:
    dataset = Dataset()
    dataset.parse(FIXTURE, format="trig")
    return dataset


def per_graph(dataset: Dataset) -> Counter[str]:
    return Counter(str(graph) for _s, _p, _o, graph in dataset.quads((None, None, None, None)))


@pytest.fixture(scope="module")
def site(
    serve: Serve, make_settings: MakeSettings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[httpx.Client]:
    settings = make_settings(tmp_path_factory.mktemp("ld-store") / "store")
    with (
        serve(settings, FIXTURE.read_text(encoding="utf-8")) as url,
        httpx.Client(base_url=url, timeout=30) as client,
    ):
        yield client


def parse(response: httpx.Response, rdf_format: str) -> Graph:
    assert response.status_code == 200, response.text
    graph = Graph()
    graph.parse(data=response.content, format=rdf_format)
    return graph


# -- resource pages ----------------------------------------------------------------------


def test_a_person_in_turtle(site: httpx.Client) -> None:
    response = site.get("/id/person/helen-eliasson", headers={"Accept": "text/turtle"})
    graph = parse(response, "turtle")

    assert response.headers["content-type"].startswith("text/turtle")
    assert "Accept" in [part.strip() for part in response.headers["vary"].split(",")]
    assert response.headers["content-location"] == "/id/person/helen-eliasson?format=ttl"
    assert (HELEN, FOAF.name, Literal("Helén Eliasson")) in graph
    assert (HELEN, RDF.type, FOAF.Person) in graph
    # Links to the person come along: she chaired the meeting.
    assert (ID["meeting/sro/2025-03-06"], BG.chair, HELEN) in graph


def test_a_person_as_an_html_page(site: httpx.Client) -> None:
    response = site.get(
        "/id/person/helen-eliasson",
        headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"},
    )
    page = response.text

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["content-location"] == "/id/person/helen-eliasson?format=html"
    assert "<h1>Helén Eliasson</h1>" in page
    assert 'href="/id/meeting/sro/2025-03-06"' in page
    assert 'href="/id/membership/helen-eliasson/sro/ordforande/2025-03-06"' in page
    assert 'type="text/turtle" href="?format=ttl"' in page


def test_html_is_what_a_client_without_preferences_gets(site: httpx.Client) -> None:
    response = site.get("/id/person/helen-eliasson", headers={"Accept": "*/*"})
    assert response.headers["content-type"].startswith("text/html")


def test_a_decision_page_shows_its_evidence_quotes(site: httpx.Client) -> None:
    page = site.get("/id/meeting/sro/2025-03-06/item/6/decision/3", headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert "<h2>Evidence</h2>" in page.text
    assert (
        "3. förslaget till fördelning av länsgemensamma medel avseende "
        "**Stärkt suicidpreventivt arbete, för 2025.**" in page.text
    )
    assert "characters 7183–7290" in page.text
    assert 'href="/id/org/sro"' in page.text


def test_rdf_of_a_decision_carries_the_evidence_through_blank_nodes(site: httpx.Client) -> None:
    graph = parse(site.get("/id/meeting/sro/2025-03-06/item/6/decision/3?format=nt"), "nt")
    quotes = {
        (str(source), int(start), int(end), str(exact))
        for source, start, end, exact in graph.query(
            """
            PREFIX oa: <http://www.w3.org/ns/oa#>
            SELECT ?source ?start ?end ?exact WHERE {
              ?annotation oa:hasBody ?decision ; oa:hasTarget ?target .
              ?target oa:hasSource ?source ;
                oa:hasSelector [ oa:start ?start ; oa:end ?end ] , [ oa:exact ?exact ] .
            }""",
            initBindings={"decision": DECISION},
        )
    }
    assert {(source, start, end) for source, start, end, _exact in quotes} == {
        (str(ID["source/8b74242104818f8b"]), 7183, 7290),
        (str(ID["source/11ce0b6bfe7cd16c"]), 4583, 4688),
    }
    assert (DECISION, BG.clauseNumber, Literal(3)) in graph


def test_json_ld_by_accept_and_by_format(site: httpx.Client) -> None:
    by_accept = site.get(
        "/id/agreement/overenskommelse-om-samverkan-vid-in-och-utskrivning",
        headers={"Accept": "application/ld+json"},
    )
    by_format = site.get(
        "/id/agreement/overenskommelse-om-samverkan-vid-in-och-utskrivning",
        params={"format": "jsonld"},
        headers={"Accept": "text/html"},
    )
    graph = parse(by_accept, "json-ld")

    assert by_accept.headers["content-type"].startswith("application/ld+json")
    assert by_format.headers["content-type"].startswith("application/ld+json")
    periods = {
        (str(start), str(end))
        for start, end in graph.query(
            """
            PREFIX bg: <https://w3id.org/beslutsgraf/def#>
            SELECT ?start ?end WHERE { ?a bg:hasValidityPeriod [ bg:start ?start ; bg:end ?end ] }
            """
        )
    }
    assert periods == {("2020-01-01", "2024-12-31"), ("2025-01-01", "2026-12-31")}


def test_n_quads_keep_the_graph_each_statement_came_from(site: httpx.Client) -> None:
    response = site.get("/id/meeting/sro/2025-03-06/item/6/decision/3?format=nq")
    dataset = Dataset()
    dataset.parse(data=response.content, format="nquads")
    reported = {
        str(graph) for _s, _p, _o, graph in dataset.quads((DECISION, BG.reportedIn, None, None))
    }
    assert reported == {str(ID["source/8b74242104818f8b"]), str(ID["source/11ce0b6bfe7cd16c"])}


@pytest.mark.parametrize(
    ("url", "headers", "status"),
    [
        ("/id/person/nobody-at-all", {}, 404),
        ("/id/", {}, 404),
        ("/id/person/helen-eliasson", {"Accept": "image/png"}, 406),
        ("/id/person/helen-eliasson?format=docx", {}, 400),
    ],
)
def test_refusals(site: httpx.Client, url: str, headers: dict[str, str], status: int) -> None:
    response = site.get(url, headers=headers)
    assert response.status_code == status
    assert response.json()["message"]


def test_pages_follow_the_configured_instance_base(
    serve: Serve, make_settings: MakeSettings, tmp_path: Path
) -> None:
    data = FIXTURE.read_text(encoding="utf-8").replace(str(ID), OTHER_BASE)
    settings = make_settings(tmp_path / "store", instance_base=OTHER_BASE)
    with serve(settings, data) as url, httpx.Client(base_url=url, timeout=30) as client:
        graph = parse(client.get("/id/person/helen-eliasson?format=ttl"), "turtle")
        person = client.get("/api/persons/helen-eliasson").json()
        html = client.get("/id/person/helen-eliasson?format=html").text
        void = parse(client.get("/.well-known/void"), "turtle")

    helen = URIRef(OTHER_BASE + "person/helen-eliasson")
    assert (helen, FOAF.name, Literal("Helén Eliasson")) in graph
    assert person["iri"] == str(helen)
    assert person["page"] == "/id/person/helen-eliasson"
    assert 'href="/id/meeting/sro/2025-03-06"' in html
    assert Literal(OTHER_BASE) in set(void.objects(None, VOID.uriSpace))


def test_head_of_a_page_has_the_get_headers_and_no_body(site: httpx.Client) -> None:
    url, accept = "/id/person/helen-eliasson", {"Accept": "text/turtle"}
    got, head = site.get(url, headers=accept), site.head(url, headers=accept)
    assert head.status_code == 200
    assert head.content == b""
    for name in ("content-type", "content-location", "vary", "content-length"):
        assert head.headers[name] == got.headers[name], name
    assert int(head.headers["content-length"]) == len(got.content) > 0
    assert site.head("/id/person/nobody-at-all").status_code == 404


# -- dump and VoID -----------------------------------------------------------------------


def test_head_of_the_dump_and_void_answer_without_a_body(site: httpx.Client) -> None:
    dump = site.head("/dump.nq")
    assert dump.status_code == 200
    assert dump.headers["content-type"].startswith("application/n-quads")
    assert 'filename="beslutsgraf.nq"' in dump.headers["content-disposition"]
    assert dump.content == b""
    void = site.head("/.well-known/void", headers={"Accept": "application/ld+json"})
    assert void.status_code == 200
    assert void.headers["content-type"].startswith("application/ld+json")
    assert void.content == b""


def test_the_dump_streams_every_quad(site: httpx.Client) -> None:
    with site.stream("GET", "/dump.nq") as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("application/n-quads")
        body = b"".join(response.iter_bytes())
    dumped = Dataset()
    dumped.parse(data=body, format="nquads")
    expected = fixture_dataset()

    assert per_graph(dumped) == per_graph(expected)
    assert (HELEN, FOAF.name, Literal("Helén Eliasson"), ID["source/8b74242104818f8b"]) in dumped


def test_void_counts_match_the_store(site: httpx.Client) -> None:
    response = site.get("/.well-known/void")
    void = parse(response, "turtle")
    expected = per_graph(fixture_dataset())
    service = str(site.base_url).rstrip("/")
    [dataset] = list(void.subjects(VOID.sparqlEndpoint, None))

    assert response.headers["content-type"].startswith("text/turtle")
    assert void.value(dataset, VOID.triples) == Literal(
        sum(expected.values()), datatype=XSD.integer
    )
    counted = {
        str(void.value(subset, SD.name)): int(void.value(subset, VOID.triples))  # type: ignore[arg-type]
        for subset in void.objects(dataset, VOID.subset)
    }
    assert counted == dict(expected)
    assert len(counted) == 5
    sources = {
        str(o) for s in void.objects(dataset, VOID.subset) for o in void.objects(s, DCT.source)
    }
    assert sources == {str(ID["source/8b74242104818f8b"]), str(ID["source/11ce0b6bfe7cd16c"])}
    assert void.value(dataset, VOID.sparqlEndpoint) == URIRef(f"{service}/sparql")
    assert void.value(dataset, VOID.dataDump) == URIRef(f"{service}/dump.nq")
    assert void.value(dataset, VOID.uriSpace) == Literal(str(ID))
    assert URIRef(str(BG)) in set(void.objects(dataset, VOID.vocabulary))


def test_void_in_json_ld(site: httpx.Client) -> None:
    response = site.get("/.well-known/void", headers={"Accept": "application/ld+json"})
    graph = parse(response, "json-ld")
    assert response.headers["content-type"].startswith("application/ld+json")
    assert len(list(graph.subjects(RDF.type, VOID.Dataset))) == 6


def test_text_from_the_graph_is_escaped_in_html() -> None:
    description = Description(iri=str(HELEN))
    graph = description.about.graph(ID["source/x"])
    graph.add((HELEN, FOAF.name, Literal('<script>alert("x")</script>')))
    description.labels[str(HELEN)] = '<script>alert("x")</script>'
    page = render_page(description, str(ID))
    assert "<script>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
