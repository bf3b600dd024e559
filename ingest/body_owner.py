"""Whose "Kommunstyrelsen" is it: a body name every kommun has, tied to its owner.

Every kommun has a Kommunstyrelsen and a Kommunfullmäktige, most a Socialnämnden, every
region a Regionstyrelsen. Minted from the name alone, the boards of two kommuner would be
one node, and a query for one kommun's decisions would return the other's. Minutes name
the owner in their letterhead ("ÄLVDALS KOMMUN  PROTOKOLL  1(3)", "Region Värmland"), not
in the body's name: so a generic body name in such minutes is the owner's body, named
"Socialnämnden i Älvdals kommun" and part of the owner (org:subOrganizationOf).

A generic name that the shipped registers hold as a body of that owner (VGR's
"Regionstyrelsen"), or of any owner when the letterhead names none, stays as written, so
it resolves to the register's node. Minutes with no letterhead keep the name as written:
their body is the one node of that name (docs/model.md, "Whose board").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from beslutsgraf.ingest.data_files import read_table
from beslutsgraf.ingest.model import Mentions
from beslutsgraf.ingest.names import fold
from beslutsgraf.ingest.people import is_unit
from beslutsgraf.ingest.reference_data import read_registers

__all__ = [
    "Owner",
    "document_owner",
    "is_generic_body",
    "letterhead_owner",
    "names_a_body",
    "owner_name",
    "owner_of",
    "unit_parent",
]

# The letterhead is on the first lines of the first page.
_LETTERHEAD_LINES = 4
# A letterhead line sets its parts apart with tabs, runs of spaces or a table's rules.
_CELLS = re.compile(r"\t+| {2,}| \| ")
_MARKUP = " #*_|"
_FUNCTION_WORDS = frozenset({"i", "och", "för"})
_NAME = re.compile(r"[^\W\d_][\w-]*(?: [^\W\d_][\w-]*){0,5}")


@cache
def _words(kind: str) -> tuple[str, ...]:
    return tuple(row[1] for row in read_table("organisation_words.tsv") if row[0] == kind)


def is_generic_body(name: str) -> bool:
    """A body name every kommun, region or förbund may have: one capitalised first word,
    the rest lower case, ending as a board or committee does ("Kommunstyrelsen",
    "Barn- och utbildningsnämnden", "Kommunstyrelsens arbetsutskott")."""
    words = name.split()
    if not words or not words[0][:1].isupper():
        return False
    if any(word[:1].isupper() for word in words[1:]):
        return False
    return names_a_body(name)


def names_a_body(name: str) -> bool:
    """The name ends as a board or committee does, in any case ("kommunstyrelsens
    beredning", "Socialnämnden")."""
    words = name.split()
    return bool(words) and words[-1].casefold().endswith(_words("body"))


def _prose_case(cell: str) -> str:
    """A letterhead in capitals as prose writes it: "LANDSTINGET I VÄRMLAND" →
    "Landstinget i Värmland", "ÄLVDALS KOMMUN" → "Älvdals kommun"."""
    if any(c.islower() for c in cell):
        return cell
    generic = {word.casefold() for word in _words("owner_suffix")}
    cased = [
        word.lower()
        if word.casefold() in _FUNCTION_WORDS | generic and index > 0
        else word.capitalize()
        for index, word in enumerate(cell.split())
    ]
    return " ".join(cased)


def owner_name(cell: str) -> str | None:
    """`cell` when it is the whole name of an organisation that has boards."""
    name = _prose_case(" ".join(cell.strip(_MARKUP).split()))
    words = name.split()
    # A name is words of letters ("Plats: Kungsbacka stad" is a field, not a letterhead).
    if not words or not _NAME.fullmatch(name) or not words[0][:1].isupper():
        return None
    for prefix in _words("owner_prefix"):
        rest = name[len(prefix) :].split() if name.startswith(prefix + " ") else []
        if rest and rest[0][:1].isupper():
            return name
    if not words[-1].casefold().endswith(_words("owner_suffix")):
        return None
    leading = words[:-1] if words[-1].islower() else words
    if leading and all(word[:1].isupper() for word in leading):
        return name
    return None


def document_owner(mentions: Mentions) -> str | None:
    """The organisation the minutes' letterhead names (see `letterhead_owner`)."""
    return letterhead_owner(mentions.document.text)


def letterhead_owner(text: str) -> str | None:
    """The organisation the letterhead names, when the first lines hold one as a part of
    their own ("ÄLVDALS KOMMUN      PROTOKOLL      1(3)")."""
    lines = (line for line in text.splitlines() if line.strip())
    for _, line in zip(range(_LETTERHEAD_LINES), lines, strict=False):
        for cell in _CELLS.split(line.strip()):
            name = owner_name(cell)
            if name is not None:
                return name
    return None


@cache
def _register_bodies() -> dict[str, frozenset[str]]:
    """Body name → the folded names of its owner, for the registers' boards."""
    registers = read_registers()
    spellings: dict[str, set[str]] = {}
    for organisation in registers.organisations:
        names = {organisation.name, *organisation.alt_names}
        for name in names:
            spellings.setdefault(organisation.name, set()).add(fold(name))
    bodies: dict[str, frozenset[str]] = {}
    for organisation in registers.organisations:
        if organisation.part_of:
            owners = frozenset(spellings.get(organisation.part_of, {fold(organisation.part_of)}))
            for name in (organisation.name, *organisation.alt_names):
                bodies[fold(name)] = owners
    return bodies


@dataclass(frozen=True)
class Owner:
    """How one document's organisation names read, given the owner its letterhead names."""

    name: str | None

    def qualify(self, written: str) -> str:
        """The name `written` resolves by: "Socialnämnden" → "Socialnämnden i Älvdals
        kommun" in Älvdals kommun's minutes; any other name as written."""
        name = _as_named(" ".join(written.split()))
        if self.name is None or not is_generic_body(name):
            return " ".join(written.split())
        owners = _register_bodies().get(fold(name))
        if owners is not None and fold(self.name) in owners:
            return name
        return f"{name} i {self.name}"


def _as_named(name: str) -> str:
    """A board prose writes in lower case ("ersättare i socialnämnden") with the capital
    its name has. A bare "nämnden" or "styrelsen" points back at a board: it stays."""
    if not name[:1].islower() or name.casefold() in _words("body"):
        return name
    named = name[:1].upper() + name[1:]
    return named if is_generic_body(named) else name


def owner_of(mentions: Mentions) -> Owner:
    """The owner of `mentions`' generic body names (none: names stay as written)."""
    return Owner(document_owner(mentions))


def unit_parent(name: str) -> str | None:
    """The organisation a unit is named after: "Lerums kommun, Sektor vård och omsorg" →
    "Lerums kommun" (a unit is written after its organisation, people.py)."""
    if "," not in name:
        return None
    parent, unit = (part.strip() for part in name.rsplit(",", 1))
    return parent if parent and unit and is_unit(unit) else None
