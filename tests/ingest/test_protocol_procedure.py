"""How a § protocol's item was decided: the motions (yrkanden), the vote, the reservation
and the links between them (§ 47 of ks_protokoll_2024-05-15.txt), read and loaded; and
which motion a rejection adopts (an inline protocol)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from beslutsgraf.ingest.extract import extract
from beslutsgraf.ingest.known import literal_value
from beslutsgraf.ingest.model import AgendaItem
from beslutsgraf.ingest.read import read
from beslutsgraf.ingest.run import Status, run
from beslutsgraf.ingest.segment import segment
from beslutsgraf.store.embedded import EmbeddedStore
from tests.ingest.conftest import variant

PROTOCOL = Path(__file__).parent / "protocols" / "ks_protokoll_2024-05-15.txt"
PREFIXES = (
    "PREFIX bg: <https://w3id.org/beslutsgraf/def#> PREFIX oa: <http://www.w3.org/ns/oa#> "
    "PREFIX id: <https://w3id.org/beslutsgraf/id/> "
)
ITEM = "<https://w3id.org/beslutsgraf/id/meeting/kommunstyrelsen/2024-05-15/item/47>"
DECISION = ITEM[:-1] + "/decision/1>"
ANNA = "<https://w3id.org/beslutsgraf/id/person/anna-vikstrom>"
DENNIS = "<https://w3id.org/beslutsgraf/id/person/dennis-lundin>"


def _item_47(path: Path = PROTOCOL) -> AgendaItem:
    [item] = [item for item in extract(segment(read(path))).items if item.number == 47]
    return item


def _variant(tmp_path: Path, written: str, instead: str) -> Path:
    return variant(PROTOCOL, tmp_path, written, instead)


# --------------------------------------------------------------------------- extract


def test_one_vote_with_both_counts_under_one_omrostning_heading() -> None:
    # "Omröstning" heading, then "Omröstning begärs och genomförs. …": one vote, not two.
    [vote] = _item_47().votes
    assert (vote.yes, vote.no, vote.abstain) == (6, 1, None)
    assert vote.span.text.startswith("Omröstning begärs och genomförs.")


def test_a_single_yes_vote_is_counted(tmp_path: Path) -> None:
    path = _variant(tmp_path, "6 ja-röster mot 1 nej-röst", "1 ja-röst mot 6 nej-röster")
    [vote] = _item_47(path).votes
    assert (vote.yes, vote.no) == (1, 6)


def test_motions_with_their_proposers_and_sentences() -> None:
    motions = _item_47().motions
    assert [motion.text for motion in motions] == [
        "Anna Vikström (C) yrkar bifall till motionen.",
        "Dennis Lundin (M) yrkar avslag på motionen.",
    ]
    assert [[(p.name, p.party) for p in motion.persons] for motion in motions] == [
        [("Anna Vikström", "C")],
        [("Dennis Lundin", "M")],
    ]
    assert all(motion.span.text == motion.text for motion in motions)


def test_decision_follows_the_named_motion_and_reservation_favours_its_own() -> None:
    item = _item_47()
    anna, dennis = item.motions
    assert item.adopted_motion == dennis  # "beslutar enligt Dennis Lundins yrkande"
    [reservation] = item.reservations
    assert [(p.name, p.party) for p in reservation.persons] == [("Anna Vikström", "C")]
    assert reservation.parties == ("C",)
    assert reservation.in_favour_of == anna  # "till förmån för eget yrkande"
    assert reservation.span.text.endswith("till förmån för eget yrkande")


def test_a_party_reserving_for_its_own_motion(tmp_path: Path) -> None:
    path = _variant(tmp_path, "Anna Vikström (C) reserverar sig", "Centerpartiet reserverar sig")
    item = _item_47(path)
    [reservation] = item.reservations
    assert (reservation.parties, reservation.persons) == (("C",), ())
    assert reservation.in_favour_of == item.motions[0]  # Anna Vikström (C)'s motion


# A kommunfullmäktige that rejects what a motion asks it to reject, in three ways.
REJECTIONS = """PROTOKOLL
Kommunfullmäktige
Sammanträdesdatum 2025-09-22

Plats och tid: Stadshuset, Fullmäktigesalen, kl. 18.00–20.30

Beslutande
Eva Tornberg (S), ordförande
Lars Holm (M)
Maria Lövgren (C)
Nora Ahlén (V)

Justerare: Maria Lövgren (C)

§ 81 Dnr KS 2025/00190
Motion om belysning vid Tallbackens förskola
Kommunfullmäktiges beslut
Kommunfullmäktige avslår motionen.
Yrkanden
Nora Ahlén (V) yrkar bifall till motionen.
Lars Holm (M) yrkar avslag på motionen.

§ 82 Dnr KS 2025/00204
Medborgarförslag om utegym i Västerby
Kommunfullmäktiges beslut
Medborgarförslaget avslås.
Yrkanden
Eva Tornberg (S) yrkar att medborgarförslaget avslås.
Nora Ahlén (V) yrkar bifall till medborgarförslaget.

§ 83 Dnr KS 2025/00211
Motion om fler bänkar i centrum
Kommunfullmäktiges beslut
Kommunfullmäktige beslutar att avslå motionen.
Yrkanden
Maria Lövgren (C) yrkar bifall till motionen.
Lars Holm (M) yrkar avslag på motionen.
"""


# The same §§ granting instead: each adopts the one motion asking to grant.
GRANTS = (
    REJECTIONS.replace("Kommunfullmäktige avslår motionen.", "Kommunfullmäktige bifaller motionen.")
    .replace("Medborgarförslaget avslås.", "Medborgarförslaget bifalls.")
    .replace("yrkar att medborgarförslaget avslås.", "yrkar att medborgarförslaget ska bifallas.")
    .replace("yrkar bifall till medborgarförslaget.", "yrkar avslag på medborgarförslaget.")
    .replace("beslutar att avslå motionen.", "beslutar att bifalla motionen.")
)


@pytest.mark.parametrize(
    ("protocol", "adopted"),
    [
        (
            REJECTIONS,
            [
                ("81", "Lars Holm (M) yrkar avslag på motionen."),
                ("82", "Eva Tornberg (S) yrkar att medborgarförslaget avslås."),
                ("83", "Lars Holm (M) yrkar avslag på motionen."),
            ],
        ),
        (
            GRANTS,
            [
                ("81", "Nora Ahlén (V) yrkar bifall till motionen."),
                ("82", "Eva Tornberg (S) yrkar att medborgarförslaget ska bifallas."),
                ("83", "Maria Lövgren (C) yrkar bifall till motionen."),
            ],
        ),
        (
            # "yrkar avslag." names nothing: what the § is about, the one motion asking so.
            REJECTIONS.replace("yrkar avslag på motionen.", "yrkar avslag."),
            [
                ("81", "Lars Holm (M) yrkar avslag."),
                ("82", "Eva Tornberg (S) yrkar att medborgarförslaget avslås."),
                ("83", "Lars Holm (M) yrkar avslag."),
            ],
        ),
    ],
    ids=["rejections", "grants", "naming-nothing"],
)
def test_a_decision_adopts_the_motion_asking_for_what_it_decides(
    protocol: str, adopted: list[tuple[str, str]], tmp_path: Path
) -> None:
    path = tmp_path / "kf_protokoll_2025-09-22.txt"
    path.write_text(protocol, encoding="utf-8")
    store = EmbeddedStore(tmp_path / "store")
    try:
        (outcome,) = run([path], store).outcomes
        assert outcome.status == Status.LOADED, outcome.message
        rows = store.select(
            PREFIXES + "SELECT ?item ?text WHERE { ?item bg:hasDecision ?decision . "
            "?decision bg:adoptsMotion/bg:text ?text } ORDER BY ?item"
        )
        found = [(r["item"].rsplit("/", 1)[-1][:-1], literal_value(r["text"])) for r in rows]
    finally:
        store.close()
    assert found == adopted


# --------------------------------------------------------------------------- store


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStore]:
    opened = EmbeddedStore(tmp_path_factory.mktemp("procedure") / "store")
    try:
        (outcome,) = run([PROTOCOL], opened).outcomes
        assert outcome.status == Status.LOADED, outcome.message
        yield opened
    finally:
        opened.close()


def test_loaded_vote_has_six_yes_and_one_no_on_decision_1(store: EmbeddedStore) -> None:
    rows = store.select(
        PREFIXES + f"SELECT ?vote ?yes ?no WHERE {{ ?vote bg:onDecision {DECISION} . "
        "OPTIONAL { ?vote bg:yesCount ?yes } OPTIONAL { ?vote bg:noCount ?no } }"
    )
    counts = [{key: literal_value(r[key]) for key in ("yes", "no") if key in r} for r in rows]
    assert counts == [{"yes": "6", "no": "1"}]


def test_loaded_motions_with_proposers_texts_and_evidence(store: EmbeddedStore) -> None:
    rows = store.select(
        PREFIXES + f"SELECT ?motion ?by ?text ?exact WHERE {{ {ITEM} bg:hasMotion ?motion . "
        "?motion a bg:Motion ; bg:proposedBy ?by ; bg:text ?text . "
        "?annotation oa:hasBody ?motion ; oa:hasTarget/oa:hasSelector/oa:exact ?exact } "
        "ORDER BY ?motion"
    )
    assert [
        (r["motion"], r["by"], literal_value(r["text"]), literal_value(r["exact"])) for r in rows
    ] == [
        (
            ITEM[:-1] + "/motion/1>",
            ANNA,
            "Anna Vikström (C) yrkar bifall till motionen.",
            "Anna Vikström (C) yrkar bifall till motionen.",
        ),
        (
            ITEM[:-1] + "/motion/2>",
            DENNIS,
            "Dennis Lundin (M) yrkar avslag på motionen.",
            "Dennis Lundin (M) yrkar avslag på motionen.",
        ),
    ]


def test_loaded_decision_adopts_dennis_lundins_motion(store: EmbeddedStore) -> None:
    rows = store.select(
        PREFIXES + f"SELECT ?by WHERE {{ {DECISION} bg:adoptsMotion ?motion . "
        "?motion bg:proposedBy ?by }"
    )
    assert [row["by"] for row in rows] == [DENNIS]


def test_loaded_reservation_person_party_and_motion(store: EmbeddedStore) -> None:
    rows = store.select(
        PREFIXES + "SELECT ?person ?party ?for WHERE { ?r a bg:Reservation ; "
        f"bg:against {DECISION} ; bg:reservingPerson ?person ; bg:reservingParty ?party ; "
        "bg:inFavourOf ?motion . ?motion bg:proposedBy ?for }"
    )
    assert [(r["person"], r["party"], r["for"]) for r in rows] == [
        (ANNA, "<https://w3id.org/beslutsgraf/id/party/C>", ANNA)
    ]
