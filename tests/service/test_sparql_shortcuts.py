"""The shortcuts on `/sparql`'s hot path (a regex instead of the lexer where text allows)
decide as the lexer would: the word SERVICE in a comment or a literal refuses nothing,
the answer format follows the query form after any prologue, and a negotiated Accept
header gives the same answer every time."""

from __future__ import annotations

import httpx

from tests.service.conftest import EX

DECISIONS = f"SELECT (COUNT(*) AS ?n) WHERE {{ ?d a <{EX}Decision> }}"


def _count(response: httpx.Response) -> str:
    assert response.status_code == 200, response.text
    value: str = response.json()["results"]["bindings"][0]["n"]["value"]
    return value


def test_service_in_a_comment_or_a_literal_is_not_a_federated_query(
    client: httpx.Client,
) -> None:
    for text in (
        f"# no SERVICE <http://internal.example/sparql> call here\n{DECISIONS}",
        DECISIONS.replace("}", 'FILTER("SERVICE <http://internal.example/>" != "") }'),
    ):
        assert _count(client.post("/sparql", data={"query": text})) == "3"


def test_the_answer_format_follows_the_form_after_the_prologue(client: httpx.Client) -> None:
    prologue = f"# a comment\nBASE <{EX}>\nPREFIX ex: <{EX}>\n"
    ask = client.get("/sparql", params={"query": f"{prologue}ASK {{ ?d a ex:Decision }}"})
    assert ask.headers["content-type"].startswith("application/sparql-results+json")
    assert ask.json() == {"head": {}, "boolean": True}
    construct = client.get(
        "/sparql",
        params={"query": f"{prologue}CONSTRUCT WHERE {{ ?d a <Decision> }}"},
    )
    assert construct.headers["content-type"].startswith("text/turtle")
    assert construct.text.count("Decision") == 3
    csv_ask = client.get(
        "/sparql", params={"query": f"{prologue}ASK {{}}"}, headers={"Accept": "text/csv"}
    )
    assert csv_ask.status_code == 406  # CSV has no boolean form, whatever the prologue


def test_a_repeated_accept_header_is_negotiated_alike(client: httpx.Client) -> None:
    accept = "text/csv;q=0.5, application/sparql-results+xml"
    for _ in range(3):
        response = client.get("/sparql", params={"query": DECISIONS}, headers={"Accept": accept})
        assert response.headers["content-type"].startswith("application/sparql-results+xml")
    for _ in range(3):
        response = client.get(
            "/sparql", params={"query": DECISIONS}, headers={"Accept": "image/png"}
        )
        assert response.status_code == 406


def test_service_spelled_with_a_lookalike_letter_is_still_refused(client: httpx.Client) -> None:
    """The cheap check for the word SERVICE finds every spelling the full check did,
    long s (U+017F) included, so such a query still reaches the allow-list."""
    for keyword in ("SERVICE", "service", "SeRvIcE", "\u017fERVICE"):
        query = f"SELECT * {{ {keyword} <http://internal.example/sparql> {{ ?s ?p ?o }} }}"
        response = client.post("/sparql", data={"query": query})
        assert response.status_code == 403, (keyword, response.text)


def test_an_answer_carries_the_headers_of_its_format(client: httpx.Client) -> None:
    for accept, content_type in (
        ("text/csv", "text/csv; charset=utf-8"),
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("application/json", "application/json"),
    ):
        response = client.post("/sparql", data={"query": DECISIONS}, headers={"Accept": accept})
        assert response.status_code == 200, response.text
        assert response.headers["content-type"] == content_type
        assert response.headers["content-length"] == str(len(response.content))
        assert response.headers["vary"] == "Accept, Origin"
