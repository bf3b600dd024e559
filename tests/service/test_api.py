"""The REST API over real HTTP: uvicorn on a loopback port, an on-disk store loaded with
the hand-written decision graph in fixtures/decision-graph.trig."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import corpus_file
from tests.service.conftest import MakeSettings, Serve

FIXTURE = Path(__file__).parent / "fixtures" / "decision-graph.trig"
ID = "https://w3id.org/beslutsgraf/id/"
ITEM_6 = "sro/2025-03-06/item/6/decision/"


@pytest.fixture(scope="module")
def api(
    serve: Serve, make_settings: MakeSettings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[httpx.Client]:
    settings = make_settings(tmp_path_factory.mktemp("api-store") / "store")
    with (
        serve(settings, FIXTURE.read_text(encoding="utf-8")) as url,
        httpx.Client(base_url=url, timeout=30) as client,
    ):
        yield client


def get_json(api: httpx.Client, url: str, **params: Any) -> Any:
    response = api.get(url, params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    return response.json()


def ids(page: dict[str, Any]) -> list[str]:
    return [item["id"] for item in page["items"]]


# -- decisions ---------------------------------------------------------------------------


def test_decisions_of_a_type_on_a_day_are_the_four_clauses_of_item_6_in_order(
    api: httpx.Client,
) -> None:
    page = get_json(api, "/api/decisions", type="stallerSigBakom", **{"from": "2025-03-06"})
    page_to = get_json(api, "/api/decisions", type="stallerSigBakom", to="2025-03-06")

    assert ids(page) == [f"{ITEM_6}{clause}" for clause in (1, 2, 3, 4)]
    assert [item["clause"] for item in page["items"]] == [1, 2, 3, 4]
    first = page["items"][0]
    assert first["decision_type"]["label"] == "ställer sig bakom"
    assert first["agenda_item"]["number"] == 6
    assert first["meeting"]["page"] == "/id/meeting/sro/2025-03-06"
    assert first["body"]["iri"] == ID + "org/sro"
    assert first["href"] == f"/api/decisions/{ITEM_6}1"
    # Up to the same day, the prolongation of November 2024 (a month-only date) comes first.
    assert ids(page_to)[0] == "sro/2024-11-14/item/5/decision/1"
    assert ids(page_to)[1:] == ids(page)


def test_decision_type_may_be_given_as_label_or_iri(api: httpx.Client) -> None:
    by_name = ids(get_json(api, "/api/decisions", type="stallerSigBakom"))
    by_label = ids(get_json(api, "/api/decisions", type="Ställer sig bakom"))
    by_iri = ids(
        get_json(api, "/api/decisions", type="https://w3id.org/beslutsgraf/def#stallerSigBakom")
    )
    assert len(by_name) == 5
    assert by_name == by_label == by_iri


def test_decisions_filter_by_body_and_words_in_the_text(api: httpx.Client) -> None:
    suicide = get_json(api, "/api/decisions", body="SRO", q="SUICIDPREVENTIVT")
    by_iri = get_json(api, "/api/decisions", body=ID + "org/sro", q="suicidpreventivt")
    by_accentless_text = get_json(api, "/api/decisions", q="rekvideras av vastra")
    other_body = get_json(api, "/api/decisions", body="VästKom")

    assert ids(suicide) == ids(by_iri) == [f"{ITEM_6}3"]
    assert ids(by_accentless_text) == [f"{ITEM_6}4"]
    assert other_body["items"] == []


def test_decisions_page_with_link_headers(api: httpx.Client) -> None:
    everything = ids(get_json(api, "/api/decisions", limit=200))
    first = api.get("/api/decisions", params={"limit": 3})
    links = first.links

    assert len(everything) == 13
    assert ids(first.json()) == everything[:3]
    assert "prev" not in links
    assert httpx.URL(links["first"]["url"]).params["offset"] == "0"
    next_url = links["next"]["url"]
    assert httpx.URL(next_url).params["offset"] == "3"
    assert first.json()["next"] == next_url

    collected = ids(first.json())
    while "next" in links:
        response = api.get(links["next"]["url"])
        assert response.status_code == 200
        assert httpx.URL(response.links["prev"]["url"]).params["limit"] == "3"
        collected += ids(response.json())
        links = response.links
    assert collected == everything  # stable order: no item twice, none lost


def test_filters_survive_in_the_page_links(api: httpx.Client) -> None:
    response = api.get("/api/decisions", params={"type": "stallerSigBakom", "limit": 2})
    next_page = api.get(response.links["next"]["url"])
    assert ids(next_page.json()) == [f"{ITEM_6}2", f"{ITEM_6}3"]


def test_a_decision_with_meeting_attendance_and_evidence(api: httpx.Client) -> None:
    decision = get_json(api, f"/api/decisions/{ITEM_6}3")
    attendance = decision["attendance"]
    attendees = {a["person"]["label"]: a for a in attendance["attendees"]}
    absentees = {a["person"]["label"] for a in attendance["absentees"]}

    assert decision["text"].endswith("Stärkt suicidpreventivt arbete, för 2025.")
    assert decision["meeting"]["date"] == "2025-03-06"
    assert decision["meeting"]["chair"]["label"] == "Helén Eliasson"
    assert decision["agenda_item"]["title"].startswith("Ny berednings- och beslutsordning")
    assert set(attendees) == {"Helén Eliasson", "Marina Johansson", "Ulf Olsson", "Helene Nordling"}
    assert absentees == {"Lars Holmin", "Miguel Odhner", "Magnus Haggren"}
    assert attendees["Marina Johansson"]["represents"]["label"] == "Göteborgsregionen"
    [substitution] = attendance["substitutions"]
    assert substitution["substitute"]["label"] == "Helene Nordling"
    assert substitution["substituted"]["label"] == "Magnus Haggren"
    assert {source["label"] for source in decision["reported_in"]} == {
        "Mötesanteckning SRO",
        "SRO – politiskt samverkansorgan i Västra Götaland",
    }
    # Reported in two documents: two quotes, each exactly the characters it points at.
    assert len(decision["evidence"]) == 2
    for evidence in decision["evidence"]:
        text = corpus_file(evidence["file_name"][:3]).read_text(encoding="utf-8")
        assert text[evidence["start"] : evidence["end"]] == evidence["exact"]
        assert "suicidpreventivt" in evidence["exact"]


def test_a_decision_lists_what_it_concerns_and_whom_it_recommends(api: httpx.Client) -> None:
    decision = get_json(api, "/api/decisions/sro/2025-09-01/item/1/decision/1")
    assert [c["page"] for c in decision["concerns"]] == [
        "/id/agreement/halso-och-sjukvardsavtal-sro-2025-09-01"
    ]
    assert {r["label"] for r in decision["recommends_to"]} == {
        "VästKom",
        "Västra Götalandsregionen",
    }


def test_unknown_ids_answer_404_with_a_json_message(api: httpx.Client) -> None:
    for url in (
        "/api/decisions/sro/1999-01-01/item/1/decision/1",
        "/api/persons/nobody-at-all",
        "/api/organisations/no-such-body",
        "/api/agreements/no-such-agreement",
        '/api/persons/a"b c',
    ):
        response = api.get(url)
        assert response.status_code == 404, url
        body = response.json()
        assert body["code"] == "not_found"
        assert body["message"]


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"limit": 0}, 422),
        ({"limit": 201}, 422),
        ({"offset": -1}, 422),
        ({"from": "6 mars 2025"}, 422),
        ({"from": "2025-05-01", "to": "2025-01-01"}, 400),
        ({"body": "https://example.org/a b"}, 400),
    ],
)
def test_bad_parameters_are_refused(api: httpx.Client, params: dict[str, Any], status: int) -> None:
    response = api.get("/api/decisions", params=params)
    assert response.status_code == status, response.text


def test_text_that_could_break_out_of_a_sparql_string_is_only_text(api: httpx.Client) -> None:
    for attack in ('x" ) } SELECT * WHERE { ?s ?p ?o } #', "a\\", "\\u0022", 'ställer"sig'):
        response = api.get("/api/decisions", params={"q": attack})
        assert response.status_code == 200, response.text
        assert response.json()["items"] == []


# -- persons and organisations ----------------------------------------------------------


def test_persons_are_found_by_any_spelling_without_accents(api: httpx.Client) -> None:
    helen = get_json(api, "/api/persons", name="helen")
    accented = get_json(api, "/api/persons", name="HELÉN ELIASSON")
    janette = get_json(api, "/api/persons", name="Janette")

    assert set(ids(helen)) == {"helen-eliasson", "helene-nordling"}
    assert ids(accented) == ["helen-eliasson"]
    assert accented["items"][0]["name"] == "Helén Eliasson"
    assert accented["items"][0]["alt_labels"] == ["Helen Eliasson"]
    # Only the resolution graph knows this spelling.
    assert [p["name"] for p in janette["items"]] == ["Jeanette Olsson"]


def test_a_person_with_roles_over_time(api: httpx.Client) -> None:
    person = get_json(api, "/api/persons/helen-eliasson")
    roles = [
        (m["organisation"]["iri"], m["role"]["label"], m["attested_on"])
        for m in person["memberships"]
    ]

    assert person["name"] == "Helén Eliasson"
    assert person["given_name"] == "Helén"
    assert (ID + "org/sro", "ordförande", ["2025-03-06"]) in roles
    assert (ID + "org/sro", "ordförande", ["2026-03-19"]) in roles
    assert (ID + "org/regionstyrelsen", "ordförande", ["2025-03-06"]) in roles
    assert (ID + "party/S", "partimedlem", ["2025-03-06"]) in roles
    assert roles[-1][2] == ["2026-03-19"]  # earliest first


def test_organisations_with_relations_both_ways(api: httpx.Client) -> None:
    found = get_json(api, "/api/organisations", q="göteborg")
    federation = get_json(api, "/api/organisations/goteborgsregionen")
    municipality = get_json(api, "/api/organisations/kommun/1480")
    sro = get_json(api, "/api/organisations/sro")

    assert set(ids(found)) == {"goteborgsregionen", "kommun/1480"}
    assert federation["classification"]["label"] == "kommunalförbund"
    assert {m["label"] for m in federation["federation_members"]} == {
        "Göteborgs kommun",
        "Härryda kommun",
    }
    assert municipality["notations"] == ["1480"]
    assert [f["label"] for f in municipality["member_of_federation"]] == ["Göteborgsregionen"]
    assert {c["label"] for c in sro["convened_by"]} == {"VästKom", "Västra Götalandsregionen"}
    assert "SRO" in sro["alt_labels"]
    members = {(m["person"]["label"], m["role"]["label"]) for m in sro["members"]}
    assert ("Marina Johansson", "vice ordförande") in members


# -- agreements and assignments ----------------------------------------------------------


def test_an_agreement_with_its_parts_stated_either_way(api: httpx.Client) -> None:
    agreement = get_json(api, "/api/agreements/halso-och-sjukvardsavtal-sro-2025-09-01")
    part = get_json(
        api,
        "/api/agreements/overenskommelse-ansvar-for-samverkan-om-munhalsa-sro-2025-09-01",
    )

    assert agreement["title"] == "Hälsa- och sjukvårdsavtal"
    assert agreement["applies_from"] == "2027-01-01"
    assert len(agreement["parts"]) == 4
    assert {p["applies_from"] for p in agreement["parts"]} == {"2027-01-01"}
    titles = [p["title"] for p in agreement["parts"]]
    assert any("munhälsa" in title for title in titles)  # only dct:isPartOf states this one
    assert any("betalningsansvar" in title for title in titles)  # only dct:hasPart
    assert part["part_of"]["iri"] == agreement["iri"]
    assert [d["id"] for d in agreement["decisions"]] == ["sro/2025-09-01/item/1/decision/1"]


def test_an_agreement_with_its_validity_history(api: httpx.Client) -> None:
    agreement = get_json(api, "/api/agreements/overenskommelse-om-samverkan-vid-in-och-utskrivning")
    history = [
        (period["start"], period["end"], period["decision"]["id"])
        for period in agreement["validity_history"]
    ]

    assert history == [
        ("2020-01-01", "2024-12-31", "sro/2019-06-13/item/4/decision/1"),
        ("2025-01-01", "2026-12-31", "sro/2024-11-14/item/5/decision/1"),
    ]
    assert [r["label"] for r in agreement["replaced_by"]] == [
        "Överenskommelse - Kommunernas betalningsansvar vid in- och utskrivning från "
        "slutet hälsa- och sjukvård"
    ]


def test_agreements_list_and_search(api: httpx.Client) -> None:
    everything = get_json(api, "/api/agreements")
    found = get_json(api, "/api/agreements", q="overenskommelse lakaransvar")
    assert len(everything["items"]) == 6
    assert ids(found) == []  # words are matched as one phrase
    found = get_json(api, "/api/agreements", q="läkaransvar")
    assert ids(found) == [
        "overenskommelse-regionens-lakaransvar-i-kommunal-primarvard-sro-2025-09-01"
    ]


def test_open_assignments_by_deadline(api: httpx.Client) -> None:
    open_mid_2025 = get_json(api, "/api/assignments", open_after="2025-06-01")
    open_mid_june_2026 = get_json(api, "/api/assignments", open_after="2026-06-15")
    open_july_2026 = get_json(api, "/api/assignments", open_after="2026-07-01")
    everything = get_json(api, "/api/assignments")

    assert [a["deadline"] for a in open_mid_2025["items"]] == ["2025-11-13", "2026-06"]
    first = open_mid_2025["items"][0]
    assert {a["label"] for a in first["assignees"]} == {"VästKom", "Västra Götalandsregionen"}
    assert first["report_to"]["iri"] == ID + "org/sro"
    assert first["decision"]["id"] == "sro/2025-08-21/item/5/decision/1"
    # "senast i juni 2026" is open until the end of June.
    assert [a["deadline"] for a in open_mid_june_2026["items"]] == ["2026-06"]
    assert {a["label"] for a in open_mid_june_2026["items"][0]["assignees"]} == {
        "Karin Looström Muth",
        "Kristina Lännergren",
    }
    assert open_july_2026["items"] == []
    assert [a["deadline"] for a in everything["items"]] == ["2025-03-06", "2025-11-13", "2026-06"]


# -- documentation -----------------------------------------------------------------------


def test_the_api_is_documented_in_openapi(api: httpx.Client) -> None:
    spec = get_json(api, "/openapi.json")
    decisions = spec["paths"]["/api/decisions"]["get"]
    parameters = {p["name"] for p in decisions["parameters"]}

    assert {"body", "from", "to", "type", "q", "limit", "offset"} <= parameters
    assert decisions["description"]
    for path in (
        "/api/decisions/{key}",
        "/api/persons",
        "/api/persons/{key}",
        "/api/organisations",
        "/api/organisations/{key}",
        "/api/agreements",
        "/api/agreements/{key}",
        "/api/assignments",
    ):
        assert path in spec["paths"], path
    detail = spec["paths"]["/api/decisions/{key}"]["get"]["responses"]
    assert "404" in detail
    assert "DecisionDetail" in spec["components"]["schemas"]
    assert spec["components"]["schemas"]["DecisionSummary"]["examples"]
