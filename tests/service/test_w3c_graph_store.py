"""The W3C SPARQL 1.1 Graph Store HTTP Protocol test suite against `/store`, over real HTTP.

Source: w3c/rdf-tests sparql/sparql11/http-rdf-update/manifest.ttl; its entry list is
vendored in w3c/graph-store-manifest.ttl and collection fails unless this module
encodes exactly those entries (19). Encoded, in manifest order:

put__initial_state, get_of_put__initial_state, put__graph_already_in_store,
get_of_put__graph_already_in_store, put__default_graph, get_of_put__default_graph,
put__mismatched_payload, delete__existing_graph, get_of_delete__existing_graph,
delete__nonexistent_graph, post__existing_graph, get_of_post__existing_graph,
post__multipart_formdata, get_of_post__multipart_formdata, post__create__new_graph,
get_of_post__create__new_graph, get_of_post__after_noop, head_on_an_existing_graph,
head_on_a_nonexisting_graph.

The suite is a sequence: each case runs on a fresh store after replaying the cases
before it (unchecked), so any case can run alone. How the manifest maps onto /store:
- `$GRAPHSTORE$` is `/store`, `$HOST$` the test server's host:port. The manifest
  names graphs directly (`$GRAPHSTORE$/person/1.ttl`); /store identifies them
  indirectly, as `?graph=http://$HOST$/store/person/1` (the manifest uses `person/1`
  and `person/1.ttl` for the same graph: its expected bodies only hold if they are).
- Writes carry the write token (authentication is tested in test_auth.py).
- GSP §5.4–5.6 allow 200 or 204 for a successful write or delete that creates nothing;
  this service answers 204 where the manifest writes 200. PUT `?default` answers 204,
  not the manifest's 201: the default graph always exists, so a PUT replaces it.
- The Turtle bodies of post__existing_graph and post__multipart_formdata end their
  triple without the `.` Turtle requires; it is added.
- delete__existing_graph deletes `person/2.ttl`, which no earlier case creates: it is
  created first (SETUP).
- put__mismatched_payload: the manifest's body is valid Turtle sent as Turtle, which
  cannot be the mismatch its name means; its Turtle body is sent declared as RDF/XML,
  and the refusal (400) is asserted.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final
from urllib.parse import quote, urlsplit

import httpx
import pytest
import rdflib
from rdflib.compare import isomorphic

MANIFEST: Final = Path(__file__).parent / "w3c" / "graph-store-manifest.ttl"
MF: Final = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
TURTLE: Final = "text/turtle; charset=utf-8"
WRITE_OK: Final = frozenset({200, 204})  # "200" in the manifest: either is conformant


@dataclass(frozen=True)
class Step:
    method: str
    path: str  # ht:absolutePath as in the manifest
    status: frozenset[int]
    body: str = ""
    content_type: str | None = TURTLE
    accept: str | None = None
    expected: str | None = None  # Turtle the answer must be isomorphic to


def _status(*codes: int) -> frozenset[int]:
    return frozenset(codes)


_PREFIXES = """\
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix v: <http://www.w3.org/2006/vcard/ns#> .
"""
_PERSON = "<http://$HOST$/$GRAPHSTORE$/person/1>"
_JOHN = f"""{_PREFIXES}
{_PERSON} a foaf:Person;
    foaf:businessCard [
        a v:VCard;
        v:fn "John Doe"
    ].
"""
_JANE = _JOHN.replace("John Doe", "Jane Doe")
_ALICE = f"""{_PREFIXES}
[]  a foaf:Person;
    foaf:businessCard [
        a v:VCard;
        v:given-name "Alice"
    ] .
"""
_JANE_NAMED = (
    f'{_PREFIXES}\n{_PERSON} a foaf:Person;\n    foaf:name "Jane Doe";\n'
    '    foaf:businessCard [ \n        a v:VCard;\n        v:fn "Jane Doe" \n    ] .\n'
)
_JANE_FULL = (
    f'{_PREFIXES}\n{_PERSON} a foaf:Person;\n    foaf:name           "Jane Doe";\n'
    '    foaf:givenName      "Jane";\n    foaf:familyName     "Doe";\n'
    "    foaf:businessCard [\n        a               v:VCard;\n"
    '        v:fn            "Jane Doe"\n    ] .\n'
)
_BOUNDARY = "a6fe4cd636164618814be9f8d3d1a0de"
_MULTIPART = (
    f"\n--{_BOUNDARY}\n"
    'Content-Disposition: form-data; name="lastName.ttl"; filename="lastName.ttl"\n'
    "Content-Type: text/turtle; charset=utf-8\n\n"
    "@prefix foaf: <http://xmlns.com/foaf/0.1/> .\n"
    f'{_PERSON} foaf:familyName "Doe" .\n\n'
    f"--{_BOUNDARY}\n"
    'Content-Disposition: form-data; name="firstName.ttl"; filename="firstName.ttl"\n'
    "Content-Type: text/turtle; charset=utf-8\n\n"
    "@prefix foaf: <http://xmlns.com/foaf/0.1/> .\n"
    f'{_PERSON} foaf:givenName "Jane" .\n\n'
    f"--{_BOUNDARY}--\n      "
)

CASES: Final[dict[str, Step]] = {
    "put__initial_state": Step("PUT", "$GRAPHSTORE$/person/1.ttl", _status(201), _JOHN),
    "get_of_put__initial_state": Step(
        "GET",
        "$GRAPHSTORE$?graph=$GRAPHSTORE$/person/1.ttl",
        _status(200),
        accept="text/turtle",
        expected=_JOHN,
    ),
    "put__graph_already_in_store": Step("PUT", "$GRAPHSTORE$/person/1", _status(204), _JANE),
    "get_of_put__graph_already_in_store": Step(
        "GET", "$GRAPHSTORE$/person/1", _status(200), accept="text/turtle", expected=_JANE
    ),
    "put__default_graph": Step("PUT", "$GRAPHSTORE$?default", _status(201, 204), _ALICE),
    "get_of_put__default_graph": Step(
        "GET", "$GRAPHSTORE$?default", _status(200), accept="text/turtle", expected=_ALICE
    ),
    "put__mismatched_payload": Step(
        "PUT", "$GRAPHSTORE$?default", _status(400), _JANE, content_type="application/rdf+xml"
    ),
    "delete__existing_graph": Step("DELETE", "$GRAPHSTORE$/person/2.ttl", WRITE_OK),
    "get_of_delete__existing_graph": Step("GET", "$GRAPHSTORE$/person/2.ttl", _status(404)),
    "delete__nonexistent_graph": Step("DELETE", "$GRAPHSTORE$/person/2.ttl", _status(404)),
    "post__existing_graph": Step(
        "POST",
        "$GRAPHSTORE$/person/1.ttl",
        WRITE_OK,
        f'@prefix foaf: <http://xmlns.com/foaf/0.1/> .\n\n{_PERSON} foaf:name "Jane Doe" .\n',
    ),
    "get_of_post__existing_graph": Step(
        "GET",
        "$GRAPHSTORE$/person/1.ttl",
        _status(200),
        accept="text/turtle",
        expected=_JANE_NAMED,
    ),
    "post__multipart_formdata": Step(
        "POST",
        "$GRAPHSTORE$/person/1.ttl",
        WRITE_OK,
        _MULTIPART,
        content_type=f"multipart/form-data; boundary={_BOUNDARY}",
    ),
    "get_of_post__multipart_formdata": Step(
        "GET", "$GRAPHSTORE$/person/1.ttl", _status(200), expected=_JANE_FULL
    ),
    "post__create__new_graph": Step("POST", "$GRAPHSTORE$", _status(201), _ALICE),
    "get_of_post__create__new_graph": Step(
        "GET", "$NEWPATH$", _status(200), accept="text/turtle", expected=_ALICE
    ),
    "get_of_post__after_noop": Step(
        "GET", "$NEWPATH$", _status(200), accept="text/turtle", expected=_ALICE
    ),
    "head_on_an_existing_graph": Step("HEAD", "$GRAPHSTORE$/person/1.ttl", _status(200)),
    "head_on_a_nonexisting_graph": Step("HEAD", "$GRAPHSTORE$/person/4.ttl", _status(404)),
}
# Preconditions the manifest leaves out (see the module docstring).
SETUP: Final[dict[str, Step]] = {
    "delete__existing_graph": Step("PUT", "$GRAPHSTORE$/person/2.ttl", _status(201), _JOHN),
}


def manifest_entries() -> list[str]:
    graph = rdflib.Graph().parse(MANIFEST, format="turtle")
    manifest = next(graph.subjects(rdflib.RDF.type, MF.Manifest))
    entries = rdflib.collection.Collection(graph, graph.value(manifest, MF.entries))
    return [str(entry).rsplit("#", 1)[1] for entry in entries]


ENTRIES: Final = manifest_entries()
# Checked at collection: the suite is encoded completely, and nothing else is.
assert len(ENTRIES) == 19 and list(CASES) == ENTRIES, sorted(set(ENTRIES) ^ set(CASES))


class Driver:
    """Turns the manifest's placeholders into requests against one server."""

    def __init__(self, http: httpx.Client) -> None:
        self.http = http
        self.host = urlsplit(str(http.base_url)).netloc
        self.new_path: str | None = None

    def text(self, template: str) -> str:
        return template.replace("$HOST$", self.host).replace("$GRAPHSTORE$", "store")

    def url(self, path: str) -> str:
        if path == "$NEWPATH$":
            assert self.new_path, "post__create__new_graph gave no Location"
            return self.new_path
        if path == "$GRAPHSTORE$":
            return "/store"
        if path.startswith("$GRAPHSTORE$?graph="):
            path = path.removeprefix("$GRAPHSTORE$?graph=")
        elif path.startswith("$GRAPHSTORE$?"):
            return "/store?" + path.partition("?")[2]
        graph = "http://" + self.text(path).removesuffix(".ttl")
        return "/store?graph=" + quote(graph, safe="")

    def send(self, step: Step) -> httpx.Response:
        headers = {}
        if step.content_type and step.body:
            headers["Content-Type"] = step.content_type
        if step.accept:
            headers["Accept"] = step.accept
        response = self.http.request(
            step.method,
            self.url(step.path),
            content=self.text(step.body).encode("utf-8") if step.body else None,
            headers=headers,
        )
        if step.method == "POST" and response.status_code == 201:
            self.new_path = response.headers.get("location")
        return response

    def check(self, step: Step, response: httpx.Response) -> None:
        assert response.status_code in step.status, response.text
        if step.method == "HEAD":
            assert response.content == b""
            if response.status_code == 200:
                assert response.headers["content-type"].startswith("text/turtle")
        if step.expected is not None:
            assert response.headers["content-type"].startswith("text/turtle")
            got = rdflib.Graph().parse(data=response.text, format="turtle")
            want = rdflib.Graph().parse(data=self.text(step.expected), format="turtle")
            assert isomorphic(got, want), got.serialize(format="nt")


@pytest.fixture(scope="module")
def graph_store(
    tmp_path_factory: pytest.TempPathFactory, serve: Any, make_settings: Any
) -> Iterator[str]:
    with serve(make_settings(tmp_path_factory.mktemp("w3c-gsp") / "store")) as url:
        yield url


@pytest.fixture()
def driver(graph_store: str, write_headers: dict[str, str]) -> Iterator[Driver]:
    with httpx.Client(base_url=graph_store, headers=write_headers, timeout=30) as http:
        wiped = http.post(
            "/sparql", content="DROP ALL", headers={"Content-Type": "application/sparql-update"}
        )
        assert wiped.status_code == 204, wiped.text
        yield Driver(http)


@pytest.mark.parametrize("name", ENTRIES)
def test_w3c_graph_store(driver: Driver, name: str) -> None:
    for earlier in ENTRIES[: ENTRIES.index(name)]:
        if earlier in SETUP:
            driver.send(SETUP[earlier])
        driver.send(CASES[earlier])
    if name in SETUP:
        driver.check(SETUP[name], driver.send(SETUP[name]))
    driver.check(CASES[name], driver.send(CASES[name]))
