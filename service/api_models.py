"""Response models of the REST API (what OpenAPI documents and clients receive).

Every resource carries its `iri`, the `page` (its `/id/...` linked-data page on this
service, when the IRI is under the instance base) and, for resources the API lists,
`id` and `href` (its `/api/...` URL). Dates are ISO 8601 text as written in the graph:
`2025-03-06`, or `2026-06` when only the month is known.
"""

from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "AgendaItemRef",
    "AgreementDetail",
    "AgreementPart",
    "AgreementSummary",
    "AssignmentSummary",
    "Attendance",
    "Attendee",
    "Ballot",
    "DecisionDetail",
    "DecisionRef",
    "DecisionSummary",
    "ErrorMessage",
    "Evidence",
    "MeetingInfo",
    "Membership",
    "Motion",
    "OrganisationDetail",
    "OrganisationMember",
    "OrganisationSummary",
    "Page",
    "PersonDetail",
    "PersonSummary",
    "Ref",
    "Reservation",
    "Substitution",
    "ValidityPeriod",
    "Vote",
]

ItemT = TypeVar("ItemT")

_ID = "https://w3id.org/beslutsgraf/id/"
_DECISION_IRI = _ID + "meeting/sro/2025-03-06/item/6/decision/3"


class ErrorMessage(BaseModel):
    """The body of every error answer."""

    code: str = Field(description="Stable machine-readable code, e.g. `not_found`.")
    message: str = Field(description="What went wrong and what to do about it.")

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"code": "not_found", "message": "no decision with id 'sro/1999-01-01/item/1'"}
            ]
        }
    )


class Ref(BaseModel):
    """A link to another resource, with a label to show for it."""

    iri: str = Field(description="The resource's IRI.")
    label: str | None = Field(None, description="Name, title or preferred label, if known.")
    page: str | None = Field(
        None, description="Path of the resource's linked-data page on this service."
    )


class AgendaItemRef(BaseModel):
    iri: str
    number: int | None = Field(None, description="The item's number in the agenda.")
    title: str | None = None
    page: str | None = None


class DecisionRef(BaseModel):
    """A decision mentioned from elsewhere (an agreement, a validity period)."""

    iri: str
    id: str | None = None
    href: str | None = None
    page: str | None = None
    date: str | None = None
    text: str | None = None


class DecisionSummary(BaseModel):
    """One decision (ställningstagande) in a list."""

    id: str | None = Field(description="Key for /api/decisions/{id}.")
    iri: str
    href: str | None = Field(description="This decision in the REST API.")
    page: str | None = Field(description="This decision's linked-data page.")
    date: str
    text: str = Field(description="The decision as written in the minutes.")
    decision_type: Ref = Field(description="Concept of the bg:DecisionType scheme.")
    body: Ref = Field(description="The body that took the decision.")
    meeting: Ref | None = None
    agenda_item: AgendaItemRef | None = None
    clause: int | None = Field(None, description="Clause number within the agenda item.")

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "sro/2025-03-06/item/6/decision/3",
                    "iri": _DECISION_IRI,
                    "href": "/api/decisions/sro/2025-03-06/item/6/decision/3",
                    "page": "/id/meeting/sro/2025-03-06/item/6/decision/3",
                    "date": "2025-03-06",
                    "text": "Det politiska samrådsorganet SRO ställer sig bakom förslaget …",
                    "decision_type": {
                        "iri": "https://w3id.org/beslutsgraf/def#stallerSigBakom",
                        "label": "ställer sig bakom",
                        "page": None,
                    },
                    "body": {"iri": _ID + "org/sro", "label": "SRO", "page": "/id/org/sro"},
                    "meeting": {
                        "iri": _ID + "meeting/sro/2025-03-06",
                        "label": "2025-03-06",
                        "page": "/id/meeting/sro/2025-03-06",
                    },
                    "agenda_item": {
                        "iri": _ID + "meeting/sro/2025-03-06/item/6",
                        "number": 6,
                        "title": "Ny berednings- och beslutsordning för medlen psykisk hälsa",
                        "page": "/id/meeting/sro/2025-03-06/item/6",
                    },
                    "clause": 3,
                }
            ]
        }
    )


class MeetingInfo(BaseModel):
    """The meeting at which a decision was taken."""

    iri: str
    page: str | None = None
    date: str | None = None
    start: str | None = Field(None, description="schema:startDate (date-time), if known.")
    end: str | None = None
    location: str | None = None
    chair: Ref | None = Field(None, description="Who chaired (opened) the meeting.")


class Attendee(BaseModel):
    person: Ref
    represents: Ref | None = Field(
        None, description="The organisation the person represents in the deciding body."
    )


class Substitution(BaseModel):
    iri: str
    substitute: Ref = Field(description="Who stood in.")
    substituted: Ref = Field(description="For whom.")
    from_item: str | None = Field(None, description="The agenda item the substitution began.")


class Attendance(BaseModel):
    """Who was present when the decision was taken: attendees (called − absent +
    substitutes), absentees, and the substitutions."""

    attendees: list[Attendee]
    absentees: list[Attendee]
    substitutions: list[Substitution]


class Ballot(BaseModel):
    voter: Ref = Field(description="The member who voted.")
    choice: Ref = Field(description="Ja, nej or avstår (a bg:VoteChoice concept).")
    party: Ref | None = Field(None, description="The party the member voted for.")


class Vote(BaseModel):
    """A vote (omröstning) on the decision, as the protocol records it."""

    iri: str
    yes: int | None = None
    no: int | None = None
    abstain: int | None = None
    question: str | None = Field(None, description="The proposition as put (bg:question).")
    outcome: str | None = Field(None, description="The result as written (bg:outcome).")
    ballots: list[Ballot] = Field(description="Each member's vote, when the roll call is given.")


class Motion(BaseModel):
    """A motion (yrkande) put on the agenda item."""

    iri: str
    text: str | None = None
    proposed_by: list[Ref] = Field(description="Who put it (persons or parties).")


class Reservation(BaseModel):
    """Members or parties who reserved themselves against the decision."""

    iri: str
    persons: list[Ref]
    parties: list[Ref]
    in_favour_of: Motion | None = Field(None, description="The motion they supported.")


class Evidence(BaseModel):
    """Where the graph got a statement from: the exact characters of a source document."""

    annotation: str | None = Field(None, description="IRI of the oa:Annotation (None if blank).")
    source: Ref = Field(description="The source document.")
    file_name: str | None = None
    exact: str | None = Field(None, description="The quoted text (oa:exact).")
    start: int | None = Field(None, description="Offset of the first character (code points).")
    end: int | None = Field(None, description="Offset after the last character.")
    motivation: str | None = None


class DecisionDetail(BaseModel):
    """A decision with its meeting, attendance, agenda item, what it concerns, and the
    evidence in the source documents."""

    id: str | None
    iri: str
    href: str | None
    page: str | None
    date: str
    text: str
    decision_type: Ref | None
    body: Ref | None
    clause: int | None = None
    meeting: MeetingInfo | None = None
    agenda_item: AgendaItemRef | None = None
    attendance: Attendance | None = Field(
        None, description="Absent when the decision's meeting is not known."
    )
    concerns: list[Ref] = Field(description="Agreements, documents, assignments it concerns.")
    recommends_to: list[Ref] = Field(description="The parties asked to decide.")
    sent_to: list[Ref] = Field(
        default_factory=list,
        description='To whom the decision is sent ("Beslutet skickas till", bg:sentTo).',
    )
    reported_in: list[Ref] = Field(description="Source documents that report it.")
    assignment: Ref | None = None
    deadline: str | None = None
    prolongs: Ref | None = None
    new_end_date: str | None = None
    per_capsulam: bool | None = None
    adopted_motion: Motion | None = Field(
        None, description="The motion the decision follows (bg:adoptsMotion)."
    )
    votes: list[Vote] = Field(description="Votes taken on the decision.")
    reservations: list[Reservation]
    abstained: list[Ref] = Field(
        description="Members present who took no part in the decision (bg:abstainedFromDecision)."
    )
    evidence: list[Evidence]


class PersonSummary(BaseModel):
    id: str | None = Field(description="Key for /api/persons/{id}.")
    iri: str
    href: str | None
    page: str | None
    name: str = Field(description="Canonical spelling (foaf:name).")
    alt_labels: list[str] = Field(description="Every other spelling seen (skos:altLabel).")

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "helen-eliasson",
                    "iri": _ID + "person/helen-eliasson",
                    "href": "/api/persons/helen-eliasson",
                    "page": "/id/person/helen-eliasson",
                    "name": "Helén Eliasson",
                    "alt_labels": ["Helen Eliasson"],
                }
            ]
        }
    )


class Membership(BaseModel):
    """A role a person held in an organisation, with the dates that attest it."""

    iri: str
    page: str | None = None
    organisation: Ref
    role: Ref | None = None
    attested_on: list[str] = Field(description="Dates of the documents that state it.")
    represents: Ref | None = None
    member_from: str | None = None
    member_until: str | None = None


class PersonDetail(PersonSummary):
    given_name: str | None = None
    family_name: str | None = None
    memberships: list[Membership] = Field(description="Roles over time, earliest first.")


class OrganisationSummary(BaseModel):
    id: str | None = Field(description="Key for /api/organisations/{id}.")
    iri: str
    href: str | None
    page: str | None
    label: str | None
    alt_labels: list[str]
    classification: Ref | None = None


class OrganisationMember(BaseModel):
    membership: str
    person: Ref
    role: Ref | None = None
    attested_on: list[str]
    represents: Ref | None = None


class OrganisationDetail(OrganisationSummary):
    notations: list[str] = Field(description="Register codes (SCB kommunkod …).")
    sub_organization_of: list[Ref]
    sub_organizations: list[Ref]
    convened_by: list[Ref]
    convenes: list[Ref]
    member_of_federation: list[Ref]
    federation_members: list[Ref] = Field(description="Municipalities of a kommunalförbund.")
    same_as: list[Ref]
    members: list[OrganisationMember] = Field(description="People with roles in it.")


class AgreementSummary(BaseModel):
    id: str | None = Field(description="Key for /api/agreements/{id}.")
    iri: str
    href: str | None
    page: str | None
    title: str
    agreement_type: Ref | None = None
    version_label: str | None = None
    part_of: Ref | None = Field(None, description="The main agreement this is part of.")
    applies_from: str | None = None
    valid_from: str | None = None
    valid_until: str | None = None


class AgreementPart(BaseModel):
    id: str | None
    iri: str
    href: str | None
    page: str | None
    title: str | None
    version_label: str | None = None
    applies_from: str | None = None


class ValidityPeriod(BaseModel):
    iri: str | None = Field(None, description="None when the period is a blank node.")
    start: str | None
    end: str | None
    decision: DecisionRef | None = Field(None, description="The decision that set it.")


class AgreementDetail(AgreementSummary):
    extension_term: str | None = None
    parts: list[AgreementPart] = Field(description="dct:hasPart, or parts with dct:isPartOf.")
    validity_history: list[ValidityPeriod] = Field(description="Earliest period first.")
    replaces: list[Ref]
    replaced_by: list[Ref]
    parties: list[Ref]
    decisions: list[DecisionRef] = Field(description="Decisions that concern or prolong it.")


class AssignmentSummary(BaseModel):
    """An assignment (uppdrag) given by a decision."""

    iri: str
    page: str | None
    task: str | None
    deadline: str | None
    assignees: list[Ref]
    report_to: Ref | None = None
    decision: DecisionRef | None = None

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "iri": _ID + "meeting/sro/2025-11-13/item/4/decision/2/assignment",
                    "page": "/id/meeting/sro/2025-11-13/item/4/decision/2/assignment",
                    "task": "Återkomma till SRO med en plan för genomförande …",
                    "deadline": "2026-06",
                    "assignees": [
                        {
                            "iri": _ID + "person/kristina-lannergren",
                            "label": "Kristina Lännergren",
                            "page": "/id/person/kristina-lannergren",
                        }
                    ],
                    "report_to": {"iri": _ID + "org/sro", "label": "SRO", "page": "/id/org/sro"},
                    "decision": None,
                }
            ]
        }
    )


class Page(BaseModel, Generic[ItemT]):
    """One page of a list. The same links are in the `Link` header (RFC 8288)."""

    items: list[ItemT]
    limit: int
    offset: int
    first: str = Field(description="URL of the first page.")
    prev: str | None = Field(None, description="URL of the previous page, if any.")
    next: str | None = Field(None, description="URL of the next page, if any.")
