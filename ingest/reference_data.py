"""The reference registers shipped in `ingest/data/reference/`, read and checked.

The CSVs are data, compiled from public sources that each row names
(`data/reference/SOURCES.md`); this module only parses them and refuses values
that cannot be right (a bad organisationsnummer check digit, a municipality in
an unknown kommunalförbund, a board part of an organisation no register names),
so a typo never reaches the graph.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = [
    "BODIES",
    "COUNTIES",
    "MUNICIPALITIES",
    "ORGANISATIONS",
    "PARTIES",
    "REGISTER_FILES",
    "County",
    "Municipality",
    "Party",
    "ReferenceDataError",
    "ReferenceOrganisation",
    "Registers",
    "check_organisation_number",
    "luhn_valid",
    "parse_registers",
    "read_registers",
    "register_files",
    "split_list",
    "split_sources",
]

_FOLDER = ("data", "reference")
MUNICIPALITIES = "vastra-gotaland-kommuner.csv"
ORGANISATIONS = "organisationer.csv"
PARTIES = "partier.csv"
COUNTIES = "lan.csv"
# Boards, committees and administrations of the organisations above (org:subOrganizationOf),
# and the collaboration bodies they convene (bg:convenedBy).
BODIES = "organ-och-forvaltningar.csv"
REGISTER_FILES = (MUNICIPALITIES, ORGANISATIONS, PARTIES, COUNTIES, BODIES)

_KOMMUNKOD = re.compile(r"^[0-9]{4}$")
_ORGANISATION_NUMBER = re.compile(r"^[0-9]{6}-[0-9]{4}$")
_QID = re.compile(r"^Q[1-9][0-9]*$")


class ReferenceDataError(ValueError):
    """A reference register holds a value that cannot be right; names file, row, value."""


@dataclass(frozen=True)
class County:
    code: str  # SCB länskod, two digits
    name: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class ReferenceOrganisation:
    name: str
    alt_names: tuple[str, ...]
    kind: str  # as written in the register: "region", "kommunalförbund", "styrelse" …
    organisation_number: str | None
    wikidata: str | None
    website: str | None
    sources: tuple[str, ...]
    register: str = ORGANISATIONS  # the file the row is in, for error messages
    part_of: str | None = None  # the name of the organisation it is a board or unit of
    convened_by: tuple[str, ...] = ()  # the names of the organisations convening it
    note: str | None = None


@dataclass(frozen=True)
class Municipality:
    code: str  # SCB kommunkod
    name: str  # short name ("Göteborg")
    official_name: str  # "Göteborgs kommun"
    federation: str  # the name of a kommunalförbund in organisationer.csv
    wikidata: str | None
    organisation_number: str | None
    sources: tuple[str, ...]
    note: str | None
    alt_names: tuple[str, ...]

    @property
    def county_code(self) -> str:
        # SCB: a kommunkod is the länskod followed by two digits.
        return self.code[:2]


@dataclass(frozen=True)
class Party:
    abbreviation: str
    name: str
    wikidata: str | None
    sources: tuple[str, ...]
    alt_names: tuple[str, ...]
    note: str | None


@dataclass(frozen=True)
class Registers:
    municipalities: tuple[Municipality, ...]
    organisations: tuple[ReferenceOrganisation, ...]  # organisationer.csv, then the bodies
    parties: tuple[Party, ...]
    counties: tuple[County, ...]


def luhn_valid(digits: str) -> bool:
    """The Luhn check (every second digit from the right doubled) over `digits`."""
    if not digits.isdigit():
        return False
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char) * (2 if index % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def check_organisation_number(number: str, where: str) -> str:
    """`number` when it is NNNNNN-NNNN with a valid check digit; else a clear error."""
    if not _ORGANISATION_NUMBER.match(number):
        raise ReferenceDataError(
            f"{where}: organisationsnummer {number!r} is not of the form NNNNNN-NNNN"
        )
    if not luhn_valid(number.replace("-", "")):
        raise ReferenceDataError(
            f"{where}: organisationsnummer {number} fails its Luhn check digit; "
            "it was probably mistyped: correct it from the source named in the row"
        )
    return number


def split_list(cell: str, separator: str = ";") -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split(separator) if part.strip())


def split_sources(cell: str) -> tuple[str, ...]:
    """A `source` cell's segments: "kod: … | förbund: https://…" → one per source."""
    return split_list(cell, "|")


def _optional(value: str) -> str | None:
    return value.strip() or None


def _wikidata(value: str, where: str) -> str | None:
    qid = _optional(value)
    if qid is not None and not _QID.match(qid):
        raise ReferenceDataError(f"{where}: {qid!r} is not a Wikidata Q-id")
    return qid


def _read(name: str) -> bytes:
    return resources.files(__package__).joinpath(*_FOLDER, name).read_bytes()


def _rows(name: str, data: bytes) -> Iterator[tuple[str, Mapping[str, str]]]:
    reader = csv.DictReader(io.StringIO(data.decode("utf-8")))
    for number, row in enumerate(reader, start=2):  # line 1 is the header
        yield f"{name} line {number}", {key: (value or "").strip() for key, value in row.items()}


def _organisations(data: bytes) -> tuple[ReferenceOrganisation, ...]:
    result = []
    for where, row in _rows(ORGANISATIONS, data):
        number = _optional(row["organisationsnummer"])
        result.append(
            ReferenceOrganisation(
                name=row["name"],
                alt_names=split_list(row["alt_names"]),
                kind=row["type"],
                organisation_number=check_organisation_number(number, where) if number else None,
                wikidata=_wikidata(row["wikidata"], where),
                website=_optional(row["website"]),
                sources=split_sources(row["source"]),
            )
        )
    return tuple(result)


def _bodies(data: bytes) -> tuple[ReferenceOrganisation, ...]:
    return tuple(
        ReferenceOrganisation(
            name=row["name"],
            alt_names=split_list(row["alt_names"]),
            kind=row["type"],
            organisation_number=None,  # a board or hospital has its region's number
            wikidata=_wikidata(row["wikidata"], where),
            website=_optional(row["website"]),
            sources=split_sources(row["source"]),
            register=BODIES,
            part_of=_optional(row["part_of"]),
            convened_by=split_list(row["convened_by"]),
            note=_optional(row["note"]),
        )
        for where, row in _rows(BODIES, data)
    )


def _check_links(organisations: tuple[ReferenceOrganisation, ...]) -> None:
    """Every name is one organisation, and every parent or convener is a name."""
    names = [o.name for o in organisations]
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        raise ReferenceDataError(
            f"{ORGANISATIONS} and {BODIES}: {', '.join(twice)} named more than once"
        )
    for organisation in organisations:
        parent = (organisation.part_of,) if organisation.part_of else ()
        for link in (*parent, *organisation.convened_by):
            if link == organisation.name:
                raise ReferenceDataError(
                    f"{organisation.register}: {organisation.name} cannot be part of "
                    "or convened by itself"
                )
            if link not in names:
                raise ReferenceDataError(
                    f"{organisation.register}: {organisation.name} links to {link!r}, "
                    f"which is no name in {ORGANISATIONS} or {BODIES}"
                )


def _municipalities(data: bytes, federations: set[str]) -> tuple[Municipality, ...]:
    result = []
    for where, row in _rows(MUNICIPALITIES, data):
        if not _KOMMUNKOD.match(row["kommunkod"]):
            raise ReferenceDataError(f"{where}: kommunkod {row['kommunkod']!r} is not 4 digits")
        if row["kommunalforbund"] not in federations:
            raise ReferenceDataError(
                f"{where}: kommunalförbund {row['kommunalforbund']!r} is not a name in "
                f"{ORGANISATIONS}"
            )
        number = _optional(row["organisationsnummer"])
        result.append(
            Municipality(
                code=row["kommunkod"],
                name=row["name"],
                official_name=row["official_name"],
                federation=row["kommunalforbund"],
                wikidata=_wikidata(row["wikidata"], where),
                organisation_number=check_organisation_number(number, where) if number else None,
                sources=split_sources(row["source"]),
                note=_optional(row["note"]),
                alt_names=split_list(row["alt_names"]),
            )
        )
    codes = [m.code for m in result]
    if len(set(codes)) != len(codes):
        raise ReferenceDataError(f"{MUNICIPALITIES}: a kommunkod appears twice")
    return tuple(result)


def _parties(data: bytes) -> tuple[Party, ...]:
    return tuple(
        Party(
            abbreviation=row["abbreviation"],
            name=row["name"],
            wikidata=_wikidata(row["wikidata"], where),
            sources=split_sources(row["source"]),
            alt_names=split_list(row["alt_names"]),
            note=_optional(row["note"]),
        )
        for where, row in _rows(PARTIES, data)
    )


def _counties(data: bytes, municipalities: tuple[Municipality, ...]) -> tuple[County, ...]:
    counties = tuple(
        County(row["lanskod"], row["name"], split_sources(row["source"]))
        for _, row in _rows(COUNTIES, data)
    )
    names = {county.code: county.name for county in counties}
    for municipality in municipalities:
        county = names.get(municipality.county_code)
        if county is None:
            raise ReferenceDataError(
                f"{MUNICIPALITIES}: {municipality.code} {municipality.name} lies in länskod "
                f"{municipality.county_code}, which {COUNTIES} does not name"
            )
        # A note naming a county ("Hallands län") must agree with the code.
        if municipality.note and municipality.note.endswith(" län") and municipality.note != county:
            raise ReferenceDataError(
                f"{MUNICIPALITIES}: {municipality.code} {municipality.name} is noted as in "
                f"{municipality.note}, but its kommunkod says {county}"
            )
    return counties


def parse_registers(data: Mapping[str, bytes]) -> Registers:
    """Registers from the bytes of the five files (by file name), checked."""
    missing = [name for name in REGISTER_FILES if name not in data]
    if missing:
        raise ReferenceDataError(f"reference registers missing: {', '.join(missing)}")
    organisations = _organisations(data[ORGANISATIONS])
    # A municipality's kommunalförbund is one of organisationer.csv, never a board.
    federations = {o.name for o in organisations}
    municipalities = _municipalities(data[MUNICIPALITIES], federations)
    organisations += _bodies(data[BODIES])
    _check_links(organisations)
    return Registers(
        municipalities=municipalities,
        organisations=organisations,
        parties=_parties(data[PARTIES]),
        counties=_counties(data[COUNTIES], municipalities),
    )


def register_files() -> dict[str, bytes]:
    """The bytes of the registers shipped in the package, by file name."""
    return {name: _read(name) for name in REGISTER_FILES}


@cache
def read_registers() -> Registers:
    """The registers shipped in the package, parsed and checked once per process."""
    return parse_registers(register_files())
