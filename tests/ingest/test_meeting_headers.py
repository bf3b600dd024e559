"""Headers of § protocols as other bodies print them: the body in capitals, beside the
date, in a genitive phrase ("Protokoll fört vid kommunstyrelsens sammanträde"), under
a bare "Protokoll 2024-09-10"; the date under "Tid"; place and time in either order.
Each gives the same body, date, times and place. A page header ("NORRDALS KOMMUN
SAMMANTRÄDESPROTOKOLL Sida 1(6)") titles the document by its kind, body and date."""

from __future__ import annotations

from pathlib import Path

import pytest

from beslutsgraf.ingest.extract import extract
from beslutsgraf.ingest.known import literal_value
from beslutsgraf.ingest.model import ClockTime
from beslutsgraf.ingest.read import read
from beslutsgraf.ingest.segment import segment

from .conftest import loaded_store
from .ks_protocol import BUDGET_ITEM, LAST_ITEM, ks_protocol, write_protocol

HEADERS = {
    "body in capitals, labelled date": (
        "KOMMUNSTYRELSEN\nProtokoll\n\nDatum: 10 september 2024\nTid: 09.00–12.00\n"
        "Plats: Kommunhuset\n"
    ),
    "body before the date under the kind": (
        "Sammanträdesprotokoll\nKommunstyrelsen 2024-09-10\n\n"
        "Plats och tid: Kommunhuset, tisdagen den 10 september 2024 kl. 9.00-12.00\n"
    ),
    "body in a genitive, date under Tid": (
        "Protokoll fört vid kommunstyrelsens sammanträde\n\n"
        "Tid: Tisdagen den 10 september 2024, kl. 09:00–12:00\nPlats: Kommunhuset\n"
    ),
    "page header columns, time after the place": (
        "Kommunstyrelsen\tPROTOKOLL\t1 (3)\nSammanträdesdatum\n2024-09-10\n\n"
        "Plats och tid\tKommunhuset kl 09.00 – 12.00\n"
    ),
    "body in a genitive with the date": (
        "Protokoll från kommunstyrelsens sammanträde 2024-09-10\n\n"
        "Plats: Kommunhuset\nTid: kl. 09.00–12.00\n"
    ),
    "kind with the date, time before the place": (
        "Kommunstyrelsen\nProtokoll 2024-09-10\n\nTid och plats: 09.00–12.00, Kommunhuset\n"
    ),
}


def _write(folder: Path, header: str) -> Path:
    return write_protocol(folder, ks_protocol(BUDGET_ITEM + LAST_ITEM, header=header))


@pytest.mark.parametrize("layout", sorted(HEADERS))
def test_each_header_gives_body_date_times_and_place(layout: str, tmp_path: Path) -> None:
    mentions = extract(segment(read(_write(tmp_path, HEADERS[layout]))))
    meeting = mentions.meeting
    assert meeting.body == "Kommunstyrelsen"
    assert meeting.date is not None and meeting.date.iso() == "2024-09-10"
    assert (meeting.start, meeting.end) == (ClockTime(9, 0), ClockTime(12, 0))
    assert meeting.location == "Kommunhuset"
    assert [item.number for item in mentions.items] == [12, 13]


def test_a_body_in_capitals_is_named_as_in_prose(tmp_path: Path) -> None:
    path = _write(tmp_path, HEADERS["body in capitals, labelled date"])
    with loaded_store(tmp_path, path) as store:
        rows = store.select(
            "PREFIX bg: <https://w3id.org/beslutsgraf/def#> "
            "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
            "SELECT ?meeting ?label WHERE { ?meeting bg:heldBy ?body . "
            "?body skos:prefLabel ?label }"
        )
    assert [(r["meeting"], literal_value(r["label"])) for r in rows] == [
        ("<https://w3id.org/beslutsgraf/id/meeting/kommunstyrelsen/2024-09-10>", "Kommunstyrelsen")
    ]


@pytest.mark.parametrize(
    ("place_line", "place"),
    [
        ("Plats: Rum 204\nTid: 09.00–12.00", "Rum 204"),
        ("Plats och tid: Sal 3 kl 09.00–12.00", "Sal 3"),
        ("Plats och tid: Storgatan 12, den 10 september 2024 kl. 9.00–12.00", "Storgatan 12"),
    ],
)
def test_a_number_of_the_place_stays_in_it(place_line: str, place: str, tmp_path: Path) -> None:
    header = f"KOMMUNSTYRELSEN\nProtokoll\n\nDatum: 10 september 2024\n{place_line}\n"
    meeting = extract(segment(read(_write(tmp_path, header)))).meeting
    assert (meeting.location, meeting.start) == (place, ClockTime(9, 0))


@pytest.mark.parametrize(
    ("place_line", "place"),
    [
        ("Plats och tid: Regionens hus, Borås, kl. 09.00–12.00", "Regionens hus, Borås"),
        (
            "Plats och tid: Stadshuset, sal Kullen, tisdag 10 september 2024 kl. 9.00–12.00",
            "Stadshuset, sal Kullen",
        ),
        ("Tid och plats: 09.00–12.00, Kommunhuset, Sessionssalen", "Kommunhuset, Sessionssalen"),
    ],
)
def test_a_place_keeps_all_its_parts_before_the_time(
    place_line: str, place: str, tmp_path: Path
) -> None:
    """A place of several comma-separated parts is the meeting's place, all of it; the
    date and the time after it are not."""
    header = f"KOMMUNSTYRELSEN\nProtokoll\n\nDatum: 10 september 2024\n{place_line}\n"
    path = _write(tmp_path, header)
    with loaded_store(tmp_path, path) as store:
        rows = store.select(
            "PREFIX schema: <http://schema.org/> "
            "SELECT ?place ?start WHERE { ?meeting schema:location ?place ; "
            "schema:startDate ?start }"
        )
    assert [(literal_value(r["place"]), literal_value(r["start"])) for r in rows] == [
        (place, "2024-09-10T09:00:00+02:00")
    ]


@pytest.mark.parametrize(
    ("header", "title"),
    [
        # A letterhead: the kommun, the kind and the page, in columns.
        (
            "NORRDALS KOMMUN\tSAMMANTRÄDESPROTOKOLL\tSida 1(6)\nKommunstyrelsen\t"
            "Sammanträdesdatum\n\t2024-09-10\n\nPlats och tid: Kommunhuset, kl. 09.00–12.00\n",
            "Sammanträdesprotokoll, Kommunstyrelsen, 2024-09-10",
        ),
        (
            HEADERS["page header columns, time after the place"],
            "Protokoll, Kommunstyrelsen, 2024-09-10",
        ),
        # A kind and its page number over wide gaps.
        (
            "                SAMMANTRÄDESPROTOKOLL          1 (4)\nKommunstyrelsen\n"
            "Sammanträdesdatum 2024-09-10\n\nPlats och tid: Kommunhuset, kl. 09.00–12.00\n",
            "Sammanträdesprotokoll, Kommunstyrelsen, 2024-09-10",
        ),
        # A title line that is no page header is the title as written.
        (
            HEADERS["body in a genitive with the date"],
            HEADERS["body in a genitive with the date"].split("\n")[0],
        ),
    ],
    ids=["letterhead", "body-kind-page", "kind-page", "plain"],
)
def test_the_document_is_titled_by_kind_body_and_date_not_its_page_header(
    header: str, title: str, tmp_path: Path
) -> None:
    with loaded_store(tmp_path, _write(tmp_path, header)) as store:
        rows = store.select(
            "PREFIX bg: <https://w3id.org/beslutsgraf/def#> "
            "PREFIX dct: <http://purl.org/dc/terms/> "
            "SELECT ?title WHERE { ?document a bg:SourceDocument ; dct:title ?title }"
        )
    assert [literal_value(r["title"]) for r in rows] == [title]
