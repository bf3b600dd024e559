"""`/api/decisions`: list and filter decisions; one decision with its meeting,
attendance, agenda item, what it concerns and its evidence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response

from beslutsgraf.ontology import BG
from beslutsgraf.service.api_common import (
    PAGE_ERRORS,
    Limit,
    Offset,
    add_get,
    detail_errors,
    linked,
    list_page,
    param_iri,
    resolve,
)
from beslutsgraf.service.api_links import DECISIONS, page_of, ref_from_row
from beslutsgraf.service.api_models import (
    AgendaItemRef,
    Attendance,
    Attendee,
    DecisionDetail,
    DecisionSummary,
    Evidence,
    MeetingInfo,
    Page,
    Ref,
    Substitution,
)
from beslutsgraf.service.api_procedure import abstained, adopted_motion, reservations, votes
from beslutsgraf.service.api_sparql import fold, select
from beslutsgraf.service.http_errors import BadRequest
from beslutsgraf.service.ld_terms import iri_term, literal_term, row_int, row_iri, row_text
from beslutsgraf.service.state import get_settings

__all__ = ["evidence_for", "register"]


def _agenda_item(row: Mapping[str, str], base: str) -> AgendaItemRef | None:
    iri = row_iri(row, "item")
    if iri is None:
        return None
    return AgendaItemRef(
        iri=iri,
        number=row_int(row, "itemNumber"),
        title=row_text(row, "itemTitle"),
        page=page_of(iri, base),
    )


def _required_ref(row: Mapping[str, str], iri_var: str, label_var: str, base: str) -> Ref:
    found = ref_from_row(row, iri_var, label_var, base)
    # The query's pattern requires the variable, so it is bound; a literal there would be
    # a graph error we show rather than hide.
    return (
        found if found is not None else Ref(iri=row_text(row, iri_var) or "", label=None, page=None)
    )


def _summary(row: Mapping[str, str], base: str) -> DecisionSummary:
    iri = row_iri(row, "decision") or ""
    meeting = ref_from_row(row, "meeting", None, base)
    if meeting is not None:
        meeting.label = meeting.iri.rsplit("/", 1)[-1]  # the meeting IRI ends in its date
    return DecisionSummary(
        **DECISIONS.fields(iri, base),
        date=row_text(row, "date") or "",
        text=row_text(row, "text") or "",
        decision_type=_required_ref(row, "decisionType", "typeLabel", base),
        body=_required_ref(row, "decidedBy", "bodyLabel", base),
        meeting=meeting,
        agenda_item=_agenda_item(row, base),
        clause=row_int(row, "clause"),
    )


def _decision_type(request: Request, value: str) -> str:
    """The concept IRI a `type` parameter names: an IRI, or the local name or Swedish
    label of a type in use, compared without case and accents."""
    if value.startswith(("http://", "https://")):
        return value
    wanted = fold(value).replace(" ", "")
    for row in select(request, "decision-types"):
        iri = row_iri(row, "type") or ""
        local_name = iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        label = row_text(row, "label") or ""
        if wanted in (fold(local_name), fold(label).replace(" ", "")):
            return iri
    return str(BG[value])  # a type no decision has (yet): an empty answer, not an error


def list_decisions(
    request: Request,
    response: Response,
    body: Annotated[
        str | None,
        Query(
            description="The deciding body: its IRI, a name or abbreviation it is known by "
            "(skos:prefLabel / altLabel), or the last segment of its IRI.",
            examples=["SRO"],
            min_length=1,
            max_length=300,
        ),
    ] = None,
    organisation: Annotated[
        str | None,
        Query(
            description="Decisions of an organisation's bodies: its IRI or a name it is known "
            "by; the organisation itself and every body part of it (org:subOrganizationOf, "
            "at any depth), e.g. a kommun's boards.",
            examples=["Alingsås kommun"],
            min_length=1,
            max_length=300,
        ),
    ] = None,
    date_from: Annotated[
        dt.date | None,
        Query(alias="from", description="Earliest decision date (inclusive)."),
    ] = None,
    date_to: Annotated[
        dt.date | None, Query(alias="to", description="Latest decision date (inclusive).")
    ] = None,
    decision_type: Annotated[
        str | None,
        Query(
            alias="type",
            description="Decision type: concept IRI, local name (`stallerSigBakom`) or "
            "Swedish label (`ställer sig bakom`).",
            examples=["stallerSigBakom"],
            min_length=1,
            max_length=300,
        ),
    ] = None,
    q: Annotated[
        str | None,
        Query(
            description="Words in the decision text (case and accents ignored).",
            min_length=1,
            max_length=300,
        ),
    ] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[DecisionSummary]:
    """Decisions in date order (then meeting, agenda item, clause), filtered."""
    if date_from and date_to and date_from > date_to:
        raise BadRequest(f"`from` ({date_from}) is after `to` ({date_to})")
    bindings: dict[str, str] = {}
    if body is not None:
        if body.startswith(("http://", "https://")):
            bindings["body"] = param_iri("body", body)
        else:
            bindings["bodyName"] = literal_term(fold(body))
    if organisation is not None:
        if organisation.startswith(("http://", "https://")):
            bindings["organisation"] = param_iri("organisation", organisation)
        else:
            bindings["organisationName"] = literal_term(fold(organisation))
    if date_from is not None:
        bindings["from"] = literal_term(date_from.isoformat())
    if date_to is not None:
        bindings["to"] = literal_term(date_to.isoformat())
    if decision_type is not None:
        bindings["type"] = param_iri("type", _decision_type(request, decision_type))
    if q is not None:
        bindings["q"] = literal_term(fold(q))
    return list_page(
        request, response, Page[DecisionSummary], "decisions", bindings, limit, offset, _summary
    )


def evidence_for(request: Request, iri: str, base: str) -> list[Evidence]:
    """The annotations whose body is `iri`: source document, quote and offsets."""
    found: list[Evidence] = []
    for row in select(request, "evidence", {"node": iri_term(iri)}):
        source = ref_from_row(row, "source", "sourceTitle", base)
        if source is None:
            continue
        found.append(
            Evidence(
                annotation=row_iri(row, "annotation"),
                source=source,
                file_name=row_text(row, "fileName"),
                exact=row_text(row, "exact"),
                start=row_int(row, "start"),
                end=row_int(row, "end"),
                motivation=row_iri(row, "motivation"),
            )
        )
    return found


def _attendance(request: Request, iri: str, base: str) -> Attendance:
    attendees: list[Attendee] = []
    absentees: list[Attendee] = []
    for row in select(request, "decision-attendance", {"decision": iri_term(iri)}):
        person = ref_from_row(row, "person", "name", base)
        if person is None:
            continue
        entry = Attendee(
            person=person, represents=ref_from_row(row, "represents", "representsLabel", base)
        )
        (attendees if row_text(row, "status") == "attendee" else absentees).append(entry)
    substitutions = []
    for row in select(request, "decision-substitutions", {"decision": iri_term(iri)}):
        substitute = ref_from_row(row, "substitute", "substituteName", base)
        substituted = ref_from_row(row, "substituted", "substitutedName", base)
        if substitute is None or substituted is None:
            continue
        substitutions.append(
            Substitution(
                iri=row_text(row, "substitution") or "",
                substitute=substitute,
                substituted=substituted,
                from_item=row_text(row, "fromItem"),
            )
        )
    return Attendance(
        attendees=sorted(attendees, key=_by_name),
        absentees=sorted(absentees, key=_by_name),
        substitutions=substitutions,
    )


def _by_name(attendee: Attendee) -> tuple[str, str]:
    # Alphabetical as a reader expects ("Helén" next to "Helen"), not by code point.
    return fold(attendee.person.label or ""), attendee.person.iri


def _meeting(row: Mapping[str, str], base: str) -> MeetingInfo | None:
    iri = row_iri(row, "meeting")
    if iri is None:
        return None
    return MeetingInfo(
        iri=iri,
        page=page_of(iri, base),
        date=row_text(row, "meetingDate"),
        start=row_text(row, "meetingStart"),
        end=row_text(row, "meetingEnd"),
        location=row_text(row, "location"),
        chair=ref_from_row(row, "chair", "chairName", base),
    )


def get_decision(
    request: Request,
    key: Annotated[
        str,
        Path(
            description="The decision's id: its IRI path under the instance base, without "
            "the leading `meeting/`.",
            examples=["sro/2025-03-06/item/6/decision/3"],
        ),
    ],
) -> DecisionDetail:
    """One decision: meeting (date, body, chair), attendance, agenda item, what it
    concerns, how it was taken (the motion it follows, votes, reservations, who took no
    part), and the exact quotes in the source documents it was read from."""
    base = get_settings(request).instance_base
    iri, row = resolve(request, DECISIONS, key, "decision", "decision", "decision")
    links = linked(
        request,
        "decision-links",
        "decision",
        iri,
        base,
        ("concerns", "recommendsTo", "sentTo", "reportedIn"),
    )
    per_capsulam = row_text(row, "perCapsulam")
    return DecisionDetail(
        **DECISIONS.fields(iri, base),
        date=row_text(row, "date") or "",
        text=row_text(row, "text") or "",
        decision_type=ref_from_row(row, "type", "typeLabel", base),
        body=ref_from_row(row, "body", "bodyLabel", base),
        clause=row_int(row, "clause"),
        meeting=_meeting(row, base),
        agenda_item=_agenda_item(row, base),
        attendance=_attendance(request, iri, base) if row_iri(row, "meeting") else None,
        concerns=links["concerns"],
        recommends_to=links["recommendsTo"],
        sent_to=links["sentTo"],
        reported_in=links["reportedIn"],
        assignment=ref_from_row(row, "assignment", None, base),
        deadline=row_text(row, "deadline"),
        prolongs=ref_from_row(row, "prolongs", None, base),
        new_end_date=row_text(row, "newEndDate"),
        per_capsulam=None if per_capsulam is None else per_capsulam in ("true", "1"),
        adopted_motion=adopted_motion(request, iri, base),
        votes=votes(request, iri, base),
        reservations=reservations(request, iri, base),
        abstained=abstained(request, iri, base),
        evidence=evidence_for(request, iri, base),
    )


def register(router: APIRouter) -> None:
    add_get(
        router,
        "/decisions",
        list_decisions,
        Page[DecisionSummary],
        "List decisions",
        PAGE_ERRORS,
        "decisions",
    )
    add_get(
        router,
        "/decisions/{key:path}",
        get_decision,
        DecisionDetail,
        "One decision with meeting, attendance and evidence",
        detail_errors("decision"),
        "decisions",
    )
