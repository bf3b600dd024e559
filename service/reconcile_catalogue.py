"""What the reconciliation service offers: its four types and, per type, the properties
a query may match on and a data extension may fetch.

Type ids are short names ("Person"), listed in the manifest's `defaultTypes`; the class
IRIs they stand for are accepted as well. A property's values are the facts of the same
key that `service/queries/reconcile-<type>-facts.rq` returns for an entity; a matching
property may draw on several fact keys (an agreement's `date` is any of its dates).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

from beslutsgraf.service.http_errors import BadRequest

__all__ = [
    "MATCH_PROPERTIES",
    "TYPES",
    "ExtendProperty",
    "ReconType",
    "ValueKind",
    "all_properties",
    "find_type",
    "match_property_id",
]

# How a fact's value is shown in a data extension: an entity of this service, a date,
# or plain text.
ValueKind = Literal["entity", "date", "text"]


@dataclass(frozen=True)
class ExtendProperty:
    id: str
    name: str
    description: str
    kind: ValueKind
    value_type: str | None = None  # the type id of entity values


@dataclass(frozen=True)
class ReconType:
    id: str
    name: str
    description: str
    class_iri: str
    query_stem: str  # service/queries/reconcile_{stem}_names.rq and _facts.rq
    # matching property id -> the fact keys it compares with
    matching: tuple[tuple[str, tuple[str, ...]], ...]
    extend: tuple[ExtendProperty, ...]
    person_names: bool = False  # names are people's: `same_person` decides a match

    def fact_keys(self, property_id: str) -> tuple[str, ...]:
        return dict(self.matching).get(property_id, ())

    def extend_property(self, property_id: str) -> ExtendProperty | None:
        return next((p for p in self.extend if p.id == property_id), None)


_BG: Final = "https://w3id.org/beslutsgraf/def#"

PERSON: Final = ReconType(
    id="Person",
    name="Person",
    description="A person named in the minutes (foaf:Person), under any spelling seen.",
    class_iri="http://xmlns.com/foaf/0.1/Person",
    query_stem="person",
    matching=(
        ("party", ("party",)),
        ("organisation", ("organisation",)),
        ("date", ("date",)),
    ),
    extend=(
        ExtendProperty(
            "party",
            "Party",
            "Political parties the person is a member of.",
            "entity",
            "Organization",
        ),
        ExtendProperty(
            "organisation",
            "Organisation",
            "Bodies the person sits in or represents.",
            "entity",
            "Organization",
        ),
        ExtendProperty("role", "Role", 'Roles held, with the body ("ordförande, SRO").', "text"),
        ExtendProperty("date", "Attested on", "Dates of the documents that attest a role.", "date"),
    ),
    person_names=True,
)

ORGANISATION: Final = ReconType(
    id="Organization",
    name="Organisation",
    description="A body, municipality, region, kommunalförbund or party (org:Organization).",
    class_iri="http://www.w3.org/ns/org#Organization",
    query_stem="organisation",
    matching=(
        ("organisation", ("federation", "parent")),
        ("kommunkod", ("kommunkod",)),
        ("classification", ("classification",)),
    ),
    extend=(
        ExtendProperty("kommunkod", "Kommunkod", "The municipality's SCB code.", "text"),
        ExtendProperty(
            "organisationsnummer", "Organisationsnummer", "The Swedish organisation number.", "text"
        ),
        ExtendProperty(
            "federation",
            "Kommunalförbund",
            "The kommunalförbund a municipality belongs to.",
            "entity",
            "Organization",
        ),
        ExtendProperty(
            "parent", "Part of", "The organisation this one is part of.", "entity", "Organization"
        ),
        ExtendProperty(
            "classification", "Kind", "Kind of organisation (kommun, region …).", "text"
        ),
    ),
)

AGREEMENT: Final = ReconType(
    id="Agreement",
    name="Agreement",
    description="An agreement, guideline or action plan (bg:Agreement), by title.",
    class_iri=f"{_BG}Agreement",
    query_stem="agreement",
    matching=(
        ("party", ("party",)),
        ("organisation", ("party", "decidedBy")),
        ("date", ("validFrom", "validUntil", "appliesFrom", "decisionDate")),
    ),
    extend=(
        ExtendProperty("validFrom", "Valid from", "First day of validity.", "date"),
        ExtendProperty("validUntil", "Valid until", "Last day of validity.", "date"),
        ExtendProperty("appliesFrom", "Applies from", "Day the agreement takes effect.", "date"),
        ExtendProperty("agreementType", "Agreement type", "Kind of agreement.", "text"),
        ExtendProperty("versionLabel", "Version", "The version label.", "text"),
        ExtendProperty("party", "Party", "The parties to the agreement.", "entity", "Organization"),
        ExtendProperty(
            "decidedBy",
            "Decided by",
            "Bodies whose decisions concern or prolong the agreement.",
            "entity",
            "Organization",
        ),
    ),
)

DECISION: Final = ReconType(
    id="Decision",
    name="Decision",
    description="A decision (bg:Decision), by its text or its agenda item's title.",
    class_iri=f"{_BG}Decision",
    query_stem="decision",
    matching=(
        ("organisation", ("decidedBy",)),
        ("date", ("date",)),
    ),
    extend=(
        ExtendProperty("date", "Date", "Date of the decision.", "date"),
        ExtendProperty(
            "decidedBy", "Decided by", "The body that decided.", "entity", "Organization"
        ),
        ExtendProperty("decisionType", "Decision type", "Kind of decision.", "text"),
        ExtendProperty("agendaItem", "Agenda item", "Title of the agenda item.", "text"),
        ExtendProperty("text", "Decision text", "The text of the decision.", "text"),
    ),
)

TYPES: Final = (PERSON, ORGANISATION, AGREEMENT, DECISION)

# The matching properties every type may be asked about (unknown ones are refused).
MATCH_PROPERTIES: Final = (
    ("party", "Party", "A political party (name, abbreviation or id)."),
    ("organisation", "Organisation", "A body the entity belongs to, decided in or is party to."),
    ("date", "Date", "A date (yyyy, yyyy-mm or yyyy-mm-dd) linked to the entity."),
    ("kommunkod", "Kommunkod", "A municipality's SCB code."),
    ("classification", "Kind of organisation", "kommun, region, kommunalförbund, parti …"),
)

_ALIASES: Final = {"organization": "organisation", "org": "organisation"}


def find_type(type_id: str) -> ReconType:
    """The type a query names, by short id or class IRI; 400 for any other."""
    for recon_type in TYPES:
        if type_id in (recon_type.id, recon_type.class_iri) or type_id.lower() == (
            recon_type.id.lower()
        ):
            return recon_type
    known = ", ".join(t.id for t in TYPES)
    raise BadRequest(f"unknown type {type_id!r}: this service reconciles {known}")


def match_property_id(property_id: str) -> str:
    """The catalogue id of a matching property ("Organization" -> "organisation");
    400 for a property this service does not know."""
    key = property_id.strip().lower()
    key = _ALIASES.get(key, key)
    if key not in {pid for pid, _, _ in MATCH_PROPERTIES}:
        known = ", ".join(pid for pid, _, _ in MATCH_PROPERTIES)
        raise BadRequest(f"unknown property {property_id!r}: properties are {known}")
    return key


def all_properties() -> list[tuple[str, str, str]]:
    """Every property (id, name, description) a client may use, matching ones first."""
    found = list(MATCH_PROPERTIES)
    seen = {pid for pid, _, _ in found}
    for recon_type in TYPES:
        for prop in recon_type.extend:
            if prop.id not in seen:
                seen.add(prop.id)
                found.append((prop.id, prop.name, prop.description))
    return found
