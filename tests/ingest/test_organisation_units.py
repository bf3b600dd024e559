"""Units of an organisation in member lists ("Västra Götalandsregionen, Koncernkontoret",
"Göteborgs Stad, Socialförvaltningen Centrum"): the unit is part of the organisation the
person comes from, a role after it stays a role, and a unit is never a person; names
that end in letters like a unit's stay people."""

from __future__ import annotations

from pathlib import Path

import pytest

from beslutsgraf.ingest.people import parse_person, parse_person_list, starts_with_name
from beslutsgraf.ontology import BG
from tests.ingest.conftest import loaded_store
from tests.ingest.ks_protocol import BUDGET_ITEM, MEMBERS, ks_protocol, write_protocol

_PREFIXES = (
    "PREFIX org: <http://www.w3.org/ns/org#> "
    "PREFIX foaf: <http://xmlns.com/foaf/0.1/> "
    "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
)

OTHERS_PRESENT = (
    "\nÖvriga närvarande\n"
    "Anna Berg, Västra Götalandsregionen, Koncernkontoret, strateg\n"
    "Per Ek, Göteborgs Stad, Socialförvaltningen Centrum, förvaltningschef\n"
    "Jonas Enhager, Lerums kommun,\nSektor vård och omsorg, enhetschef\n"
    "Lisa Staberg, Ale kommun, nämndsekreterare\n"
    "Elin Avdic, Göteborgs Stad, Stadsledningskontoret, utredare\n"
)


@pytest.mark.parametrize(
    ("entry", "organisation", "role"),
    [
        (
            "Anna Berg, Västra Götalandsregionen, Koncernkontoret",
            "Västra Götalandsregionen, Koncernkontoret",
            None,
        ),
        (
            "Anna Berg\tVästra Götalandsregionen, Koncernkontoret",
            "Västra Götalandsregionen, Koncernkontoret",
            None,
        ),
        (
            "Per Ek, Göteborgs Stad, Socialförvaltningen Centrum, förvaltningschef",
            "Göteborgs Stad, Socialförvaltningen Centrum",
            "förvaltningschef",
        ),
        (
            "Karin Holm, Västra Götalandsregionen, Koncernkontoret Hälso- och sjukvård, strateg",
            "Västra Götalandsregionen, Koncernkontoret Hälso- och sjukvård",
            "strateg",
        ),
        # A second organisation is no unit: the first is the person's.
        ("Eva Lund, Västra Götalandsregionen, Göteborgs Stad", "Västra Götalandsregionen", None),
    ],
)
def test_a_unit_after_its_organisation_is_part_of_it(
    entry: str, organisation: str, role: str | None
) -> None:
    person = parse_person(entry, 0, len(entry))
    assert person is not None
    assert (person.organisation, person.role_text) == (organisation, role)


@pytest.mark.parametrize(
    "line",
    [
        "Socialförvaltningen Centrum",
        "Koncernkontoret Hälso- och sjukvård",
        "Stadsledningskontoret Göteborg",
        "Avdelning Kultur",
        "Enheten Strategi",
        "Staben Ledning",
    ],
)
def test_a_unit_is_no_persons_name(line: str) -> None:
    assert not starts_with_name(line, 0, len(line))


@pytest.mark.parametrize(
    "name", ["Jonas Enhager", "Elin Avdic", "Lisa Staberg", "Karin Stabenow", "Anna Kontio"]
)
def test_names_that_end_like_a_unit_stay_names(name: str) -> None:
    assert starts_with_name(name, 0, len(name))


def test_others_present_come_from_their_units_and_no_unit_is_a_person(tmp_path: Path) -> None:
    path = write_protocol(tmp_path, ks_protocol(BUDGET_ITEM, members=MEMBERS + OTHERS_PRESENT))
    with loaded_store(tmp_path, path) as store:
        people = store.select(
            _PREFIXES + "SELECT ?name WHERE { ?p a foaf:Person ; foaf:name ?name }"
        )
        held = store.select(
            _PREFIXES + "SELECT ?name ?label ?role ?type WHERE { ?m org:member ?p ; "
            "org:role ?role ; org:organization ?o . ?o skos:prefLabel ?label . "
            "OPTIONAL { ?o org:classification ?type } ?p foaf:name ?name }"
        )
    names = {row["name"].strip('"') for row in people}
    assert names == {
        "Eva Berg",
        "Lars Holm",
        "Karin Ek",
        "Anna Berg",
        "Per Ek",
        "Jonas Enhager",
        "Lisa Staberg",
        "Elin Avdic",
    }
    organisations = {
        row["name"].strip('"'): row["label"].removesuffix("@sv").strip('"')
        for row in held
        if not row["role"].endswith("#partimedlem>")
    }
    assert organisations["Anna Berg"] == "Västra Götalandsregionen, Koncernkontoret"
    assert organisations["Per Ek"] == "Göteborgs Stad, Socialförvaltningen Centrum"
    # The unit on the line under its organisation continues the entry above it.
    assert organisations["Jonas Enhager"] == "Lerums kommun, Sektor vård och omsorg"
    assert organisations["Elin Avdic"] == "Göteborgs Stad, Stadsledningskontoret"
    # A unit is of its own type, not its organisation's ("…kommun, Sektor …" no kommun).
    types = {row["label"].removesuffix("@sv").strip('"'): row.get("type") for row in held}
    assert types["Lerums kommun, Sektor vård och omsorg"] == f"<{BG.forvaltning}>"
    assert types["Västra Götalandsregionen, Koncernkontoret"] == f"<{BG.forvaltning}>"


@pytest.mark.parametrize(
    ("written", "people"),
    [
        ("Per Ek, Vård och omsorg, Lerums kommun", [("Per Ek", "Vård och omsorg")]),
        (
            "Per Ek, Hälso- och sjukvårdsförvaltningen",
            [("Per Ek", "Hälso- och sjukvårdsförvaltningen")],
        ),
        # "och" before a person's name still parts the entries.
        (
            "Anna Berg, Kultur och fritid och Per Ek, Miljö och hälsa",
            [("Anna Berg", "Kultur och fritid"), ("Per Ek", "Miljö och hälsa")],
        ),
        (
            "Anna Berg, Lerums kommun och Per Ek, Ale kommun",
            [("Anna Berg", "Lerums kommun"), ("Per Ek", "Ale kommun")],
        ),
        ("Anna Berg och Per Ek", [("Anna Berg", None), ("Per Ek", None)]),
    ],
)
def test_an_och_inside_an_organisations_name_is_no_list_separator(
    written: str, people: list[tuple[str, str | None]]
) -> None:
    assert [(p.name, p.organisation) for p in parse_person_list(written, 0, len(written))] == people


def _select_with_others(tmp_path: Path, others: str, query: str) -> list[dict[str, str]]:
    """`query`'s rows over the test protocol whose member list ends with `others`."""
    path = write_protocol(tmp_path, ks_protocol(BUDGET_ITEM, members=MEMBERS + others))
    with loaded_store(tmp_path, path) as store:
        return store.select(_PREFIXES + query)


def test_officials_from_a_forvaltning_named_with_och_come_from_all_of_it(tmp_path: Path) -> None:
    """ "Per Ek, Vård och omsorg, förvaltningschef": the organisation is the whole name,
    in the graph as in the evidence."""
    others = (
        "\nÖvriga närvarande\n"
        "Per Ek, Vård och omsorg, förvaltningschef\n"
        "Sara Lind, Kultur och fritid, handläggare\n"
    )
    held = _select_with_others(
        tmp_path,
        others,
        "SELECT ?name ?label WHERE { ?m org:member ?p ; org:organization ?o . "
        "?o skos:prefLabel ?label . ?p foaf:name ?name }",
    )
    organisations = {
        (row["name"].strip('"'), row["label"].removesuffix("@sv").strip('"')) for row in held
    }
    assert ("Per Ek", "Vård och omsorg") in organisations
    assert ("Sara Lind", "Kultur och fritid") in organisations
    assert not {label for _, label in organisations} & {"Vård", "Kultur"}


def test_a_unit_is_part_of_the_organisation_it_is_named_after(tmp_path: Path) -> None:
    path = write_protocol(tmp_path, ks_protocol(BUDGET_ITEM, members=MEMBERS + OTHERS_PRESENT))
    with loaded_store(tmp_path, path) as store:
        rows = store.select(
            _PREFIXES + "SELECT ?unit ?parent WHERE { GRAPH ?g { ?u org:subOrganizationOf ?p } "
            'FILTER(STRSTARTS(STR(?g), "https://w3id.org/beslutsgraf/id/source/")) '
            "?u skos:prefLabel ?unit . ?p skos:prefLabel ?parent }"
        )
    parents = {
        row["unit"].removesuffix("@sv").strip('"'): row["parent"].removesuffix("@sv").strip('"')
        for row in rows
    }
    # The registers' nodes: VGR, and the kommuner of Göteborg and Lerum.
    assert parents == {
        "Västra Götalandsregionen, Koncernkontoret": "Västra Götalandsregionen",
        "Göteborgs Stad, Socialförvaltningen Centrum": "Göteborgs kommun",
        "Göteborgs Stad, Stadsledningskontoret": "Göteborgs kommun",
        "Lerums kommun, Sektor vård och omsorg": "Lerums kommun",
    }


@pytest.mark.parametrize(
    ("written", "people"),
    [
        (
            # A role of the vocabulary keeps where it is held in its text, as "ordförande i …".
            "Karin Ek, förvaltningschef Vård och omsorg",
            [("Karin Ek", "förvaltningschef Vård och omsorg", "Vård och omsorg")],
        ),
        (
            "Karin Ek, enhetschef för Kultur och fritid",
            [("Karin Ek", "enhetschef", "Kultur och fritid")],
        ),
        (
            "Karin Ek, strateg Hälso- och sjukvårdsförvaltningen",
            [
                (
                    "Karin Ek",
                    "strateg Hälso- och sjukvårdsförvaltningen",
                    "Hälso- och sjukvårdsförvaltningen",
                )
            ],
        ),
        (
            "Per Ek, ordförande i Kultur- och fritidsnämnden",
            [("Per Ek", "ordförande i Kultur- och fritidsnämnden", "Kultur- och fritidsnämnden")],
        ),
        # The abbreviation the name defines is no part of it.
        (
            "Pär Ek (L) ordf. Hälso- och sjukvårdsstyrelsen (HSS)",
            [
                (
                    "Pär Ek",
                    "ordf. Hälso- och sjukvårdsstyrelsen (HSS)",
                    "Hälso- och sjukvårdsstyrelsen",
                )
            ],
        ),
        # A list of people joined by "och" still parts after a role.
        (
            "Karin Ek, verksamhetschef Vård och omsorg och Per Lund, ekonom",
            [("Karin Ek", "verksamhetschef", "Vård och omsorg"), ("Per Lund", "ekonom", None)],
        ),
        (
            "Anna Berg, strateg och Per Ek, sekreterare",
            [("Anna Berg", "strateg", None), ("Per Ek", "sekreterare", None)],
        ),
    ],
)
def test_an_organisation_after_a_role_keeps_its_own_och(
    written: str, people: list[tuple[str, str | None, str | None]]
) -> None:
    found = parse_person_list(written, 0, len(written))
    assert [(p.name, p.role_text, p.organisation) for p in found] == people


def test_an_official_named_by_role_and_forvaltning_comes_from_all_of_it(tmp_path: Path) -> None:
    """ "Maria Sund, förvaltningschef Vård och omsorg": her post is förvaltningschef in Vård
    och omsorg, not a role of "förvaltningschef Vård" nor a membership of "Vård"."""
    others = (
        "\nÖvriga närvarande\n"
        "Maria Sund, förvaltningschef Vård och omsorg\n"
        "Sara Lind, sekreterare Hälso- och sjukvårdsförvaltningen\n"
    )
    held = _select_with_others(
        tmp_path,
        others,
        "SELECT ?name ?label ?role WHERE { ?m org:member ?p ; "
        "org:organization ?o ; org:role ?r . ?o skos:prefLabel ?label . "
        "?p foaf:name ?name . OPTIONAL { ?r skos:prefLabel ?role FILTER(lang(?role) = 'sv') } }",
    )
    found = {
        (
            row["name"].strip('"'),
            row["label"].removesuffix("@sv").strip('"'),
            row["role"].removesuffix("@sv").strip('"') if row.get("role") else None,
        )
        for row in held
        if row["name"].strip('"') in {"Maria Sund", "Sara Lind"}
    }
    assert found == {
        ("Maria Sund", "Vård och omsorg", "Förvaltningschef"),
        ("Sara Lind", "Hälso- och sjukvårdsförvaltningen", "Sekreterare"),
    }
