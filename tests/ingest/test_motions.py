"""Motions (yrkanden) as § protocols write them besides "X (P) yrkar …": seconded in the
sentence ("Lars Holm (M) yrkar, med instämmande av Ola Berg (KD), att …") or joined
later ("Ola Berg (KD) instämmer i Lars Holms yrkande"); a reservation in favour of the
seconded motion finds it."""

from __future__ import annotations

from pathlib import Path

from beslutsgraf.ingest.extract import extract
from beslutsgraf.ingest.model import AgendaItem
from beslutsgraf.ingest.read import read
from beslutsgraf.ingest.segment import segment

from .ks_protocol import LAST_ITEM, ks_protocol, write_protocol

MEMBERS = """Beslutande
Eva Berg (S), ordförande
Lars Holm (M)
Karin Ek (C)
Per Ek (SD)
Ida Ahl (V)
Ola Berg (KD)
"""
ITEM = """§ 12 Dnr KS 2024/100
Budget 2025
Yrkande
{first}
Ida Ahl (V) yrkar avslag.
Eva Berg (S) yrkar bifall till förvaltningens förslag.
Beslutsgång
{procedure}
Kommunstyrelsens beslut
Kommunstyrelsen föreslår kommunfullmäktige att anta budget 2025.
Reservationer
{reservation}

"""
PROCEDURE = (
    "Ordföranden ställer proposition på Eva Bergs yrkande mot Ida Ahls yrkande och finner "
    "att kommunstyrelsen bifaller Eva Bergs yrkande."
)
RESERVATION = (
    "Moderaternas och Kristdemokraternas ledamöter reserverar sig mot beslutet till förmån "
    "för Lars Holms yrkande."
)
SECONDED = "Lars Holm (M) yrkar, med instämmande av Ola Berg (KD), att ärendet återremitteras."
JOINED = (
    "Lars Holm (M) yrkar att ärendet återremitteras. Ola Berg (KD) instämmer i Lars Holms yrkande."
)


def _item(folder: Path, first: str) -> AgendaItem:
    item = ITEM.format(first=first, procedure=PROCEDURE, reservation=RESERVATION)
    path = write_protocol(folder, ks_protocol(item + LAST_ITEM, members=MEMBERS))
    return extract(segment(read(path))).items[0]


def test_a_motion_seconded_in_its_sentence_has_both_proposers(tmp_path: Path) -> None:
    item = _item(tmp_path, SECONDED)
    assert [(m.text, [p.name for p in m.persons]) for m in item.motions] == [
        (SECONDED, ["Lars Holm", "Ola Berg"]),
        ("Ida Ahl (V) yrkar avslag.", ["Ida Ahl"]),
        ("Eva Berg (S) yrkar bifall till förvaltningens förslag.", ["Eva Berg"]),
    ]
    assert item.adopted_motion == item.motions[2]
    [reservation] = item.reservations
    assert reservation.parties == ("M", "KD")  # party names in the genitive
    assert reservation.in_favour_of == item.motions[0]


def test_a_motion_joined_later_gains_its_seconder(tmp_path: Path) -> None:
    item = _item(tmp_path, JOINED)
    first = item.motions[0]
    assert first.text == "Lars Holm (M) yrkar att ärendet återremitteras."
    assert [p.name for p in first.persons] == ["Lars Holm", "Ola Berg"]
    assert len(item.motions) == 3  # "instämmer i … yrkande" is no motion of its own


def test_motions_and_a_vote_under_other_headings(tmp_path: Path) -> None:
    # "Ärendets behandling under sammanträdet" tells the motions, "Votering" the vote.
    item = ITEM.format(first=SECONDED, procedure=PROCEDURE, reservation=RESERVATION)
    item = item.replace("Yrkande\n", "Ärendets behandling under sammanträdet\n").replace(
        "Beslutsgång\n", ""
    )
    item = item.replace(
        "Kommunstyrelsens beslut\n",
        "Votering\nVotering begärs. Ja-röst för Eva Bergs yrkande, nej-röst för Ida Ahls "
        "yrkande. Med 4 ja-röster mot 2 nej-röster beslutar kommunstyrelsen enligt Eva Bergs "
        "yrkande.\nKommunstyrelsens beslut\n",
    )
    path = write_protocol(tmp_path, ks_protocol(item + LAST_ITEM, members=MEMBERS))
    [first, *_] = extract(segment(read(path))).items
    assert [m.text for m in first.motions][1:] == [
        "Ida Ahl (V) yrkar avslag.",
        "Eva Berg (S) yrkar bifall till förvaltningens förslag.",
    ]
    assert first.adopted_motion == first.motions[2]
    [vote] = first.votes
    assert (vote.yes, vote.no) == (4, 2)
    assert vote.question == "Ja-röst för Eva Bergs yrkande, nej-röst för Ida Ahls yrkande."
