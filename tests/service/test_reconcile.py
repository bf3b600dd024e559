"""`/reconcile` over real HTTP (uvicorn) against a store holding the ingested corpus:
every kind of answer is checked against the Reconciliation Service API's published
JSON schemas (vendored in reconciliation_schemas/), for 0.2 and for the 1.0 draft."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from beslutsgraf.ingest.run import run as ingest
from beslutsgraf.store import open_store
from tests.service.conftest import MakeSettings, Serve
from tests.service.reconciliation_schemas import assert_valid

V1 = "/reconcile/1.0-draft"
HELEN = "person/helen-eliasson"
BORASREGIONEN = "org/borasregionen-sjuharads-kommunalforbund"
TIBRO = "kommun/1472"


@pytest.fixture(scope="module")
def http(
    serve: Serve,
    make_settings: MakeSettings,
    corpus_dir: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[httpx.Client]:
    work = tmp_path_factory.mktemp("reconcile")
    store = open_store(work / "store", None)
    try:
        ingest([corpus_dir], store, quarantine_dir=work / "quarantine")
        with (
            serve(make_settings(work / "store"), store=store) as url,
            httpx.Client(base_url=url, timeout=30) as client,
        ):
            yield client
    finally:
        store.close()


def ok_json(response: httpx.Response) -> Any:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    return response.json()


def reconcile_v02(http: httpx.Client, queries: dict[str, Any]) -> dict[str, Any]:
    """A 0.2 batch posted as OpenRefine does (form-encoded `queries=`), schema-checked."""
    assert_valid("0.2", "reconciliation-query-batch", queries)
    results = ok_json(http.post("/reconcile", data={"queries": json.dumps(queries)}))
    assert_valid("0.2", "reconciliation-result-batch", results)
    assert list(results) == list(queries)
    return results


def match_v1(http: httpx.Client, *queries: dict[str, Any]) -> list[list[dict[str, Any]]]:
    batch = {"queries": list(queries)}
    assert_valid("1.0-draft", "reconciliation-query-batch", batch)
    results = ok_json(http.post(f"{V1}/match", json=batch))
    assert_valid("1.0-draft", "reconciliation-result-batch", results)
    return [result["candidates"] for result in results["results"]]


def name(text: str) -> dict[str, Any]:
    return {"matchType": "name", "propertyValue": text}


def prop(pid: str, value: Any, **extra: Any) -> dict[str, Any]:
    return {"matchType": "property", "propertyId": pid, "propertyValue": value, **extra}


# -- manifests ---------------------------------------------------------------------------


def test_the_0_2_manifest_validates_and_points_at_our_pages(http: httpx.Client) -> None:
    manifest = ok_json(http.get("/reconcile"))
    assert_valid("0.2", "manifest", manifest)
    base = str(http.base_url).rstrip("/")
    assert manifest["identifierSpace"] == "https://w3id.org/beslutsgraf/id/"
    assert manifest["schemaSpace"] == "https://w3id.org/beslutsgraf/def#"
    assert manifest["view"]["url"] == f"{base}/id/{{{{id}}}}"
    assert [t["id"] for t in manifest["defaultTypes"]] == [
        "Person",
        "Organization",
        "Agreement",
        "Decision",
    ]
    suggest = manifest["suggest"]["entity"]
    assert suggest["service_url"] + suggest["service_path"] == f"{base}/reconcile/suggest/entity"
    # The entity page the view template names exists.
    page = http.get(manifest["view"]["url"].replace("{{id}}", HELEN))
    assert page.status_code == 200


def test_the_1_0_draft_manifest_validates(http: httpx.Client) -> None:
    manifest = ok_json(http.get(V1))
    assert_valid("1.0-draft", "manifest", manifest)
    assert manifest["versions"] == ["1.0-draft"]
    assert manifest["view"]["url"].endswith("/id/{+id}")
    assert manifest["suggest"] == {"entity": True, "property": True, "type": False}
    assert manifest["standardizedScore"] is True


def test_jsonp_wraps_the_0_2_manifest_and_refuses_a_script_as_callback(
    http: httpx.Client,
) -> None:
    response = http.get("/reconcile", params={"callback": "jQuery123_cb"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/javascript")
    match = re.fullmatch(r"/\*\*/jQuery123_cb\((.*)\);", response.text, re.S)
    assert match is not None
    assert_valid("0.2", "manifest", json.loads(match.group(1)))
    bad = http.get("/reconcile", params={"callback": "alert(1)//"})
    assert bad.status_code == 400
    assert bad.json()["code"] == "bad_request"


# -- matching ----------------------------------------------------------------------------


def test_helen_elisson_is_helen_eliasson_with_match_true(http: httpx.Client) -> None:
    results = reconcile_v02(
        http,
        {
            "q0": {"query": "Helen Elisson", "type": "Person", "limit": 3},
            "q1": {"query": "Helene Eliasson"},
            "q2": {
                "query": "Helen Elisson",
                "type": "Person",
                "properties": [{"pid": "party", "v": "S"}],
            },
        },
    )
    for key in ("q0", "q1", "q2"):
        top = results[key]["result"][0]
        assert top["id"] == HELEN, key
        assert top["name"] == "Helén Eliasson"
        assert top["match"] is True
        assert top["type"] == [{"id": "Person", "name": "Person"}]
    # Helen Nordling shares the given name only: a candidate, never a match.
    others = results["q0"]["result"][1:]
    assert all(not c["match"] for c in others)
    assert results["q0"]["result"][0]["score"] > max(c["score"] for c in others) + 8
    assert "Socialdemokraterna" in results["q2"]["result"][0]["description"]


def test_marina_johansson_is_not_adam_johansson(http: httpx.Client) -> None:
    (marina,) = match_v1(http, {"type": "Person", "conditions": [name("Marina Johansson")]})
    assert marina[0]["id"] == "person/marina-johansson"
    assert marina[0]["match"] is True
    adam = next(c for c in marina if c["id"] == "person/adam-johansson")
    assert adam["match"] is False
    assert adam["score"] < 90
    # An unknown Marina with Adam's family name matches nobody.
    (unknown,) = match_v1(http, {"type": "Person", "conditions": [name("Marina Johanson-Berg")]})
    assert not any(c["match"] for c in unknown)


def test_a_contradicting_party_withholds_the_match_and_a_required_one_filters(
    http: httpx.Client,
) -> None:
    wrong_party, required = match_v1(
        http,
        {"type": "Person", "conditions": [name("Helen Elisson"), prop("party", "M")]},
        {
            "type": "Person",
            "conditions": [name("Helen"), prop("party", {"id": "party/S"}, required=True)],
        },
    )
    assert wrong_party[0]["id"] == HELEN
    assert wrong_party[0]["match"] is False
    assert wrong_party[0]["score"] < 90
    features = {f["id"]: f["value"] for f in wrong_party[0]["features"]}
    assert features["property:party"] is False
    # Of the four people whose names start with "Helen", only Helén Eliasson is in S;
    # a given name alone is never a sure match.
    assert [(c["id"], c["match"]) for c in required] == [(HELEN, False)]


def test_boraasregionen_finds_the_kommunalforbund(http: httpx.Client) -> None:
    results = reconcile_v02(
        http,
        {
            "q0": {"query": "Boråsregionen", "type": "Organization"},
            "q1": {"query": "Sjuhärads kommunalförbund", "type": "Organization"},
            "q2": {"query": "Tibro", "type": "Organization"},
        },
    )
    for key in ("q0", "q1"):
        top = results[key]["result"][0]
        assert top["id"] == BORASREGIONEN, key
        assert top["name"] == "Boråsregionen Sjuhärads kommunalförbund"
        assert top["match"] is True
    tibro = results["q2"]["result"][0]
    assert (tibro["id"], tibro["name"], tibro["match"]) == (TIBRO, "Tibro kommun", True)
    assert "1472" in tibro["description"]
    assert "Skaraborgs kommunalförbund" in tibro["description"]


def test_an_agreement_by_title_and_date(http: httpx.Client) -> None:
    youth, plan = match_v1(
        http,
        {
            "type": "Agreement",
            "conditions": [name("Inriktningsdokument för ungdomsmottagningarna i Västra Götaland")],
        },
        {
            "type": "Agreement",
            "limit": 5,
            "conditions": [
                name("Länsgemensam handlingsplan för psykisk hälsa och suicidprevention 2025"),
                prop("date", "2025-10"),
            ],
        },
    )
    top = youth[0]
    assert top["id"] == "agreement/inriktningsdokument-for-ungdomsmottagningarna-i-vastra-gotaland"
    assert top["match"] is True
    assert "2018-01-01–2024-12-31" in top["description"]
    assert plan[0]["id"] == (
        "agreement/lansgemensam-handlingsplan-for-psykisk-halsa-och-suicidprevention-2025"
    )
    assert plan[0]["match"] is True


def test_a_decision_by_agenda_item_organisation_and_date(http: httpx.Client) -> None:
    (found,) = match_v1(
        http,
        {
            "type": "Decision",
            "conditions": [
                name("Förslag till samverkansavtal digitala hjälpmedel"),
                prop("organisation", "SRO"),
                prop("date", "2022-04-28"),
            ],
        },
    )
    top = found[0]
    assert top["id"] == "meeting/sro/2022-04-28/item/10/decision/1"
    assert top["match"] is True
    assert top["name"].startswith("SRO ställer sig bakom förslag till samverkansavtal")
    assert top["description"].startswith("2022-04-28 · SRO")
    # Two clauses of one item share its title: neither is a sure match on the title alone.
    (shared,) = match_v1(
        http,
        {
            "type": "Decision",
            "conditions": [
                name("Fördelning av länsgemensamma medel för ungdomsmottagningarna 2022")
            ],
        },
    )
    assert sorted(c["id"] for c in shared[:2]) == [
        "meeting/sro/2022-04-28/item/7/decision/1",
        "meeting/sro/2022-04-28/item/7/decision/2",
    ]
    assert not any(c["match"] for c in shared)


def test_a_query_without_a_type_searches_every_type_and_an_id_finds_its_entity(
    http: httpx.Client,
) -> None:
    results = reconcile_v02(http, {"a": {"query": "Tibro"}, "b": {"query": HELEN}})
    assert results["a"]["result"][0]["id"] == TIBRO
    by_id = results["b"]["result"]
    assert [(c["id"], c["score"], c["match"]) for c in by_id] == [(HELEN, 100.0, True)]


def test_get_queries_with_jsonp(http: httpx.Client) -> None:
    queries = json.dumps({"q0": {"query": "Helen Elisson"}})
    response = http.get("/reconcile", params={"queries": queries, "callback": "cb"})
    assert response.status_code == 200
    body = re.fullmatch(r"/\*\*/cb\((.*)\);", response.text, re.S)
    assert body is not None
    results = json.loads(body.group(1))
    assert_valid("0.2", "reconciliation-result-batch", results)
    assert results["q0"]["result"][0]["id"] == HELEN


# -- suggest, preview -------------------------------------------------------------------


@pytest.mark.parametrize(("version", "root"), [("0.2", "/reconcile"), ("1.0-draft", V1)])
def test_suggest_entities_and_properties(http: httpx.Client, version: str, root: str) -> None:
    entities = ok_json(http.get(f"{root}/suggest/entity", params={"prefix": "Tibr"}))
    assert_valid(version, "suggest-entities-response", entities)
    assert entities["result"][0]["id"] == TIBRO
    assert entities["result"][0]["notable"] == [{"id": "Organization", "name": "Organisation"}]
    people = ok_json(
        http.get(f"{root}/suggest/entity", params={"prefix": "Helen", "type": "Person", "limit": 2})
    )
    assert_valid(version, "suggest-entities-response", people)
    assert len(people["result"]) == 2
    assert all(p["id"].startswith("person/helen") for p in people["result"])
    properties = ok_json(http.get(f"{root}/suggest/property", params={"prefix": "kommun"}))
    assert_valid(version, "suggest-properties-response", properties)
    assert [p["id"] for p in properties["result"]] == ["kommunkod", "federation"]


def test_suggest_types_0_2(http: httpx.Client) -> None:
    every = ok_json(http.get("/reconcile/suggest/type", params={"prefix": ""}))
    assert_valid("0.2", "suggest-types-response", every)
    assert [t["id"] for t in every["result"]] == ["Person", "Organization", "Agreement", "Decision"]
    some = ok_json(http.get("/reconcile/suggest/type", params={"prefix": "org"}))
    assert [t["id"] for t in some["result"]] == ["Organization"]


@pytest.mark.parametrize("root", ["/reconcile", V1])
def test_preview_is_a_small_escaped_html_page(http: httpx.Client, root: str) -> None:
    response = http.get(f"{root}/preview", params={"id": HELEN})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "<h1>" in response.text and "Helén Eliasson" in response.text
    assert f"/id/{HELEN}" in response.text
    assert "Socialdemokraterna" in response.text
    missing = http.get(f"{root}/preview", params={"id": "person/nobody-here"})
    assert missing.status_code == 404
    assert missing.json()["code"] == "not_found"


# -- data extension ----------------------------------------------------------------------


def test_property_proposals(http: httpx.Client) -> None:
    v02 = ok_json(http.get("/reconcile/propose_properties", params={"type": "Organization"}))
    assert v02["type"] == "Organization"
    assert {"kommunkod", "federation"} <= {p["id"] for p in v02["properties"]}
    v1 = ok_json(http.get(f"{V1}/extend/propose", params={"type": "Person", "limit": 2}))
    assert_valid("1.0-draft", "data-extension-property-proposal", v1)
    assert [p["id"] for p in v1["properties"]] == ["party", "organisation"]
    assert v1["limit"] == 2


def test_extend_kommunkod_and_federation_0_2(http: httpx.Client) -> None:
    query = {
        "ids": [TIBRO, BORASREGIONEN],
        "properties": [{"id": "kommunkod"}, {"id": "federation"}],
    }
    assert_valid("0.2", "data-extension-query", query)
    answer = ok_json(http.post("/reconcile", data={"extend": json.dumps(query)}))
    assert_valid("0.2", "data-extension-response", answer)
    assert [m["id"] for m in answer["meta"]] == ["kommunkod", "federation"]
    assert answer["rows"][TIBRO] == {
        "kommunkod": [{"str": "1472"}],
        "federation": [
            {"id": "org/skaraborgs-kommunalforbund", "name": "Skaraborgs kommunalförbund"}
        ],
    }
    assert answer["rows"][BORASREGIONEN] == {"kommunkod": [], "federation": []}


def test_extend_people_and_agreements_1_0(http: httpx.Client) -> None:
    youth = "agreement/inriktningsdokument-for-ungdomsmottagningarna-i-vastra-gotaland"
    query = {
        "ids": [HELEN, youth, "person/nobody-here"],
        "properties": [{"id": "party"}, {"id": "role"}, {"id": "validFrom"}, {"id": "validUntil"}],
    }
    assert_valid("1.0-draft", "data-extension-query", query)
    answer = ok_json(http.post(f"{V1}/extend", json=query))
    assert_valid("1.0-draft", "data-extension-response", answer)
    rows = {row["id"]: {p["id"]: p["values"] for p in row["properties"]} for row in answer["rows"]}
    assert rows[HELEN]["party"] == [{"id": "party/S", "name": "Socialdemokraterna"}]
    assert {"str": "Ordförande, SRO"} in rows[HELEN]["role"]
    assert rows[HELEN]["validFrom"] == []
    assert rows[youth]["validFrom"] == [{"date": "2018-01-01T00:00:00Z"}]
    assert rows[youth]["validUntil"] == [{"date": "2024-12-31T00:00:00Z"}]
    assert all(values == [] for values in rows["person/nobody-here"].values())


# -- bad requests ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status", "says"),
    [
        (
            "POST",
            "/reconcile",
            {"data": {"queries": "{not json"}},
            400,
            "`queries` is not valid JSON",
        ),
        ("GET", "/reconcile", {"params": {"queries": "[1, 2]"}}, 400, "JSON object"),
        ("GET", "/reconcile", {"params": {"extend": "{"}}, 400, "`extend` is not valid JSON"),
        (
            "POST",
            "/reconcile",
            {"data": {"queries": json.dumps({"q0": {"query": "x", "type": "Ship"}})}},
            400,
            "unknown type 'Ship'",
        ),
        (
            "POST",
            f"{V1}/match",
            {"content": b"{oops", "headers": {"Content-Type": "application/json"}},
            400,
            "not valid JSON",
        ),
        ("POST", f"{V1}/match", {"json": {"queries": [{"conditions": []}]}}, 400, "non-empty"),
        (
            "POST",
            f"{V1}/match",
            {"json": {"queries": [{"conditions": [prop("colour", "red")]}]}},
            400,
            "unknown property 'colour'",
        ),
        (
            "POST",
            f"{V1}/match",
            {"json": {"queries": [{"conditions": [name("x")]}] * 101}},
            413,
            "at most 100",
        ),
        (
            "POST",
            f"{V1}/match",
            {"content": b"queries=x", "headers": {"Content-Type": "text/plain"}},
            415,
            "application/json",
        ),
        ("GET", f"{V1}/extend/propose", {"params": {"type": "Ship"}}, 400, "unknown type"),
        (
            "GET",
            "/reconcile/suggest/entity",
            {"params": {"prefix": "a", "limit": "many"}},
            400,
            "`limit`",
        ),
    ],
)
def test_bad_requests_answer_the_json_error_shape(
    http: httpx.Client, method: str, path: str, kwargs: dict[str, Any], status: int, says: str
) -> None:
    response = http.request(method, path, **kwargs)
    assert response.status_code == status, response.text
    error = response.json()
    assert set(error) == {"code", "message"}
    assert says in error["message"]
