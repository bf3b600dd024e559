"""The fullmäktige a member's written motion is filed with, whichever body's minutes name it.

A member's motion is filed with the assembly of the kommun or region: the board that
prepares the answer ("Yttrande över motion av …") and the assembly that remits and answers
it must name one node, so the motion is keyed by that assembly, not by the meeting's body.
The assembly is the one the shipped registers hold for the body's owner (VGR's
"Regionfullmäktige"), else the generic assembly of the owner's kind, named with its owner
as body_owner.py names it ("Kommunfullmäktige i Norrby kommun"); the kinds are rows of
`data/organisation_words.tsv` (`assembly_of`).
"""

from __future__ import annotations

from functools import cache

from beslutsgraf.ingest.body_owner import Owner
from beslutsgraf.ingest.data_files import read_table
from beslutsgraf.ingest.names import fold
from beslutsgraf.ingest.reference_data import ReferenceOrganisation, read_registers

__all__ = ["motion_assembly"]

_ASSEMBLY = "fullmäktige"


def motion_assembly(body: str, owner: str | None) -> str | None:
    """The name of the assembly a motion named in `body`'s minutes is filed with, given the
    owner the letterhead names; None when `body` is that assembly or its kind is unknown
    (a motion then stays keyed by `body`)."""
    if any(word.endswith(fold(_ASSEMBLY)) for word in fold(body).split()):
        return None
    owner = owner or _registered_owner(body)
    registered = _registered_assembly(owner) if owner else None
    if registered is not None:
        return registered
    assembly = _assembly_of(owner or body)
    return None if assembly is None else Owner(owner).qualify(assembly)


def _names(organisation: ReferenceOrganisation) -> set[str]:
    return {fold(name) for name in (organisation.name, *organisation.alt_names)}


def _registered_owner(body: str) -> str | None:
    """The organisation the registers hold `body` as a board of (Regionstyrelsen → VGR)."""
    for organisation in read_registers().organisations:
        if organisation.part_of and fold(body) in _names(organisation):
            return organisation.part_of
    return None


def _registered_assembly(owner: str) -> str | None:
    """The assembly the registers hold for `owner` (VGR → "Regionfullmäktige")."""
    owners = {
        name
        for organisation in read_registers().organisations
        if fold(owner) in _names(organisation)
        for name in _names(organisation)
    } or {fold(owner)}
    for organisation in read_registers().organisations:
        if organisation.kind == _ASSEMBLY and fold(organisation.part_of or "") in owners:
            return organisation.name
    return None


@cache
def _assembly_kinds() -> tuple[tuple[str, str], ...]:
    rows = read_table("organisation_words.tsv")
    return tuple((fold(row[1]), row[2]) for row in rows if row[0] == "assembly_of")


def _assembly_of(name: str) -> str | None:
    """The generic assembly of an organisation its first or last word names the kind of:
    "Norrby kommun", "Region Värmland", a board without letterhead ("Kommunstyrelsen")."""
    words = fold(name).split()
    ends = {words[0], words[-1]} if words else set()
    for form, assembly in _assembly_kinds():
        if any(form in word for word in ends):
            return assembly
    return None
