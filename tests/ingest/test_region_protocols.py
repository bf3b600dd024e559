"""Protocols of another region than Västra Götaland, in layouts of their own: a
regionstyrelse with a "Närvarande" block of sub-lists, a "Justerat" block, a vote set out
as a tally ("Ja 9, Nej 5, Avstår 1") under an "Omröstning" heading and a party's
"Särskilt yttrande"; and a nämnd's "Beslut i korthet", each § one paragraph on its
heading's line, with a vice chair leading one § for the chair's jäv and a § tabled."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from beslutsgraf.ingest.extract import extract
from beslutsgraf.ingest.known import literal_value
from beslutsgraf.ingest.read import read
from beslutsgraf.ingest.segment import segment
from beslutsgraf.store.embedded import EmbeddedStore

from .conftest import loaded_store

ID = "https://w3id.org/beslutsgraf/id/"
PREFIXES = """PREFIX bg: <https://w3id.org/beslutsgraf/def#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
RS = f"<{ID}meeting/regionstyrelsen-i-region-norrmark/2025-09-16>"
HSN = f"<{ID}meeting/halso-och-sjukvardsnamnden-i-region-norrmark/2025-10-07>"

REGIONSTYRELSEN = """Region Norrmark                    PROTOKOLL                    1 (5)
Regionstyrelsen

Sammanträdesdatum: 2025-09-16
Plats: Regionens hus, sammanträdesrum Fjället, Östersand
Tid: kl. 09.00–12.15

Närvarande

Ledamöter
Maria Sjöberg (S), ordförande
Anton Wiklund (M), förste vice ordförande
Eva Lindgren (C), andre vice ordförande
Johan Pettersson (S)
Sofia Nilsson (S)
Per Hedlund (M)
Anna Forsgren (KD)
Erik Sundin (SD)
Lena Bergström (MP)

Tjänstgörande ersättare
Kim Lo (L) ersätter Ida Ström (L)

Ej tjänstgörande ersättare
Björn Sandberg (S)
Helena Jonsson (M)

Övriga deltagare
Jonas Lindqvist, regiondirektör
Malin Norberg, sekreterare

Justerat
Anton Wiklund                 Lena Bergström
2025-09-18

Paragrafer §§ 101–103


§ 101 Dnr RS 2025-00123
Delårsrapport januari–augusti 2025

Ärendet
Regionens ekonomienhet har upprättat delårsrapport för perioden januari–augusti 2025.

Beslutsunderlag
- Tjänsteskrivelse daterad 2025-08-29
- Delårsrapport januari–augusti 2025, daterad 2025-08-27

Beslut
Regionstyrelsen beslutar att godkänna delårsrapporten och överlämna den till regionfullmäktige.

§ 102 Dnr RS 2025-00131
Regionplan och budget 2026–2028

Beslutsunderlag
- Tjänsteskrivelse daterad 2025-09-02

Yrkanden
Maria Sjöberg (S) yrkar bifall till regiondirektörens förslag.
Per Hedlund (M) yrkar bifall till Moderaternas budgetförslag.

Propositionsordning
Ordföranden ställer proposition på de två förslagen och finner att regionstyrelsen bifaller \
regiondirektörens förslag. Omröstning begärs.
Regionstyrelsen godkänner följande propositionsordning: Ja för regiondirektörens förslag, \
Nej för Moderaternas budgetförslag.

Omröstning
Omröstningsresultat: Ja 9, Nej 5, Avstår 1

Beslut
Regionstyrelsen föreslår regionfullmäktige besluta att fastställa regionplan och budget 2026–2028.

Reservation (bilaga 1)
Per Hedlund (M) och Anna Forsgren (KD) reserverar sig mot beslutet.

Särskilt yttrande
Sverigedemokraterna genom Erik Sundin (SD) lämnar ett särskilt yttrande om att \
investeringsnivån är för hög.

§ 103 Dnr RS 2025-00140
Motion om gratis kollektivtrafik för pensionärer

Beslut
Regionstyrelsen föreslår regionfullmäktige besluta att avslå motionen.

Vid protokollet
Malin Norberg
"""

HALSO_OCH_SJUKVARDSNAMNDEN = """Region Norrmark                PROTOKOLL                1 (2)
Hälso- och sjukvårdsnämnden

Sammanträdesdatum: 2025-10-07
Plats och tid: Regionens hus, sal Älgen, kl. 13.00–15.30

Beslutande
Ulrika Fors (S), ordförande
Lars Holm (M), vice ordförande
Petra Vik (S)
Niklas Brandt (C)
Oskar Lund (S), tjänstgörande ersättare för Greta Moberg (S)

Övriga närvarande
Camilla Sten, hälso- och sjukvårdsdirektör
Rasmus Falk, sekreterare

Frånvarande: Greta Moberg (S)

Beslut i korthet

§ 23 Budget 2026 — Nämnden beslutar att fastställa nämndens budget för 2026 med en \
nettokostnadsram om 4 120 miljoner kronor. Dnr HSN 2025-00211

§ 24 Uppföljning av vårdgarantin — Nämnden beslutar att godkänna uppföljningen och lägga den \
till handlingarna. Dnr HSN 2025-00230

§ 25 Upphandling av laboratorietjänster — Vice ordföranden Lars Holm (M) leder sammanträdet \
under § 25 på grund av jäv för ordföranden. Ulrika Fors (S) deltar inte i handläggningen. \
Nämnden beslutar att tilldela kontraktet till Norrlab AB. Dnr HSN 2025-00245

§ 26 Motion om fler barnmorskor i glesbygd — Ärendet bordläggs till nämndens nästa \
sammanträde. Dnr HSN 2025-00250

§ 27 Uppdrag om tillgänglighet i primärvården — Nämnden ger hälso- och sjukvårdsdirektören i \
uppdrag att senast den 15 mars 2026 redovisa en plan för ökad tillgänglighet i primärvården. \
Dnr HSN 2025-00262

Vid protokollet
Rasmus Falk
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStore]:
    folder = tmp_path_factory.mktemp("region")
    paths = []
    for name, text in (
        ("rs_protokoll_2025-09-16.txt", REGIONSTYRELSEN),
        ("hsn_protokoll_2025-10-07.txt", HALSO_OCH_SJUKVARDSNAMNDEN),
    ):
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    with loaded_store(folder, *paths) as opened:
        yield opened


def _rows(store: EmbeddedStore, query: str, *keys: str) -> list[tuple[str, ...]]:
    def short(term: str) -> str:
        return term.strip("<>").removeprefix(ID) if term.startswith("<") else literal_value(term)

    return sorted(
        tuple(short(row[key]) if key in row else "" for key in keys)
        for row in store.select(PREFIXES + query)
    )


# --------------------------------------------------------------------------- regionstyrelsen


def test_a_tally_under_an_omrostning_heading_is_one_vote_with_its_counts(
    store: EmbeddedStore,
) -> None:
    rows = _rows(
        store,
        f"SELECT ?yes ?no ?abstain ?question WHERE {{ {RS} bg:hasAgendaItem ?item . "
        "?item bg:itemNumber 102 ; bg:hasDecision ?decision . ?vote bg:onDecision ?decision . "
        "OPTIONAL { ?vote bg:yesCount ?yes } OPTIONAL { ?vote bg:noCount ?no } "
        "OPTIONAL { ?vote bg:abstainCount ?abstain } OPTIONAL { ?vote bg:question ?question } }",
        "yes",
        "no",
        "abstain",
        "question",
    )
    assert rows == [
        (
            "9",
            "5",
            "1",
            "Regionstyrelsen godkänner följande propositionsordning: Ja för "
            "regiondirektörens förslag, Nej för Moderaternas budgetförslag.",
        )
    ]


def test_a_partys_special_statement_through_a_member_is_a_note_by_both(
    store: EmbeddedStore,
) -> None:
    rows = _rows(
        store,
        f"SELECT ?author ?text WHERE {{ {RS} bg:hasAgendaItem ?item . ?item bg:itemNumber 102 . "
        "?note a bg:ProtocolNote ; bg:onItem ?item ; bg:author ?author ; bg:text ?text }",
        "author",
        "text",
    )
    text = (
        "Sverigedemokraterna genom Erik Sundin (SD) lämnar ett särskilt yttrande om att "
        "investeringsnivån är för hög."
    )
    assert rows == [("party/SD", text), ("person/erik-sundin", text)]


def test_the_adjusters_under_justerat_are_no_deputies(store: EmbeddedStore) -> None:
    rows = _rows(
        store,
        "SELECT ?person WHERE { ?m org:member ?person ; org:role bg:ersattare ; "
        f"org:organization <{ID}org/regionstyrelsen-i-region-norrmark> }}",
        "person",
    )
    assert rows == [("person/bjorn-sandberg",), ("person/helena-jonsson",), ("person/kim-lo",)]


def test_the_board_and_its_recommendations_are_of_the_letterheads_region(
    store: EmbeddedStore,
) -> None:
    rows = _rows(
        store,
        f"SELECT ?n ?case ?type ?to WHERE {{ {RS} bg:heldBy ?body ; bg:hasAgendaItem ?item . "
        f"?body org:subOrganizationOf <{ID}org/region-norrmark> . "
        "?item bg:itemNumber ?n ; bg:caseNumber ?case ; bg:hasDecision ?d . "
        "?d bg:decisionType ?type . OPTIONAL { ?d bg:recommendsTo ?to } }",
        "n",
        "case",
        "type",
        "to",
    )
    recommendation = "https://w3id.org/beslutsgraf/def#rekommendation"
    fullmaktige = "org/regionfullmaktige-i-region-norrmark"
    assert rows == [
        ("101", "RS 2025-00123", "https://w3id.org/beslutsgraf/def#formelltBeslut", ""),
        ("102", "RS 2025-00131", recommendation, fullmaktige),
        ("103", "RS 2025-00140", recommendation, fullmaktige),
    ]


# --------------------------------------------------------------------------- nämnd


def test_each_paragraph_on_its_headings_line_is_an_item_with_its_decision(
    store: EmbeddedStore,
) -> None:
    rows = _rows(
        store,
        f"SELECT ?n ?title ?case ?text WHERE {{ {HSN} bg:hasAgendaItem ?item . "
        "?item bg:itemNumber ?n ; dct:title ?title ; bg:caseNumber ?case ; bg:hasDecision ?d . "
        "?d bg:decisionText ?text }",
        "n",
        "title",
        "case",
        "text",
    )
    assert rows == [
        (
            "23",
            "Budget 2026",
            "HSN 2025-00211",
            "Nämnden beslutar att fastställa nämndens budget för 2026 med en "
            "nettokostnadsram om 4 120 miljoner kronor.",
        ),
        (
            "24",
            "Uppföljning av vårdgarantin",
            "HSN 2025-00230",
            "Nämnden beslutar att godkänna uppföljningen och lägga den till handlingarna.",
        ),
        (
            "25",
            "Upphandling av laboratorietjänster",
            "HSN 2025-00245",
            "Nämnden beslutar att tilldela kontraktet till Norrlab AB.",
        ),
        (
            "26",
            "Motion om fler barnmorskor i glesbygd",
            "HSN 2025-00250",
            "Ärendet bordläggs till nämndens nästa sammanträde.",
        ),
        (
            "27",
            "Uppdrag om tillgänglighet i primärvården",
            "HSN 2025-00262",
            "Nämnden ger hälso- och sjukvårdsdirektören i uppdrag att senast den 15 mars "
            "2026 redovisa en plan för ökad tillgänglighet i primärvården.",
        ),
    ]


def test_the_vice_chair_leads_only_the_item_of_the_chairs_jav(store: EmbeddedStore) -> None:
    chairs = _rows(
        store,
        f"SELECT ?n ?chair WHERE {{ {HSN} bg:hasAgendaItem ?item . "
        "?item bg:itemNumber ?n ; bg:chairedBy ?chair }",
        "n",
        "chair",
    )
    assert chairs == [
        ("23", "person/ulrika-fors"),
        ("24", "person/ulrika-fors"),
        ("25", "person/lars-holm"),
        ("26", "person/ulrika-fors"),
        ("27", "person/ulrika-fors"),
    ]
    disqualified = _rows(
        store,
        "SELECT ?n ?person WHERE { ?j a bg:Disqualification ; bg:onItem ?item ; "
        f"bg:person ?person . {HSN} bg:hasAgendaItem ?item . ?item bg:itemNumber ?n }}",
        "n",
        "person",
    )
    assert disqualified == [("25", "person/ulrika-fors")]


def test_a_director_named_by_the_role_alone_is_the_post_in_the_letterheads_region(
    store: EmbeddedStore,
) -> None:
    rows = _rows(
        store,
        "SELECT ?label ?in WHERE { ?a bg:assignee ?post . ?post a org:Post ; "
        "skos:prefLabel ?label ; org:postIn ?in ; org:role bg:halsoOchSjukvardsdirektor }",
        "label",
        "in",
    )
    assert rows == [("Hälso- och sjukvårdsdirektör, Region Norrmark", "org/region-norrmark")]


@pytest.mark.parametrize(
    "written",
    [
        "Under § 25 leds sammanträdet av Lars Holm (M) på grund av jäv för ordföranden.",
        "Under §§ 25–26 leds sammanträdet av Lars Holm (M) på grund av jäv för ordföranden.",
    ],
)
def test_a_chair_for_a_range_of_items_in_either_word_order(tmp_path: Path, written: str) -> None:
    sentence = (
        "Vice ordföranden Lars Holm (M) leder sammanträdet under § 25 på grund av jäv för "
        "ordföranden."
    )
    text = HALSO_OCH_SJUKVARDSNAMNDEN.replace(sentence, written)
    assert text != HALSO_OCH_SJUKVARDSNAMNDEN
    path = tmp_path / "hsn.txt"
    path.write_text(text, encoding="utf-8")
    chairs = {item.number: item.chaired_by for item in extract(segment(read(path))).items}
    last = 26 if "§§" in written else 25
    assert {n: chair.name if chair else None for n, chair in chairs.items()} == {
        n: "Lars Holm" if 25 <= n <= last else "Ulrika Fors" for n in range(23, 28)
    }
