"""`/api/persons` and `/api/organisations`: find people by any spelling of their name,
their roles over time; organisations, their relations and members."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response

from beslutsgraf.service.api_common import (
    PAGE_ERRORS,
    Limit,
    Offset,
    add_get,
    detail_errors,
    linked,
    list_page,
    resolve,
)
from beslutsgraf.service.api_links import (
    ORGANISATIONS,
    PERSONS,
    page_of,
    ref_from_row,
    split_list,
)
from beslutsgraf.service.api_models import (
    Membership,
    OrganisationDetail,
    OrganisationMember,
    OrganisationSummary,
    Page,
    PersonDetail,
    PersonSummary,
)
from beslutsgraf.service.api_sparql import fold, select
from beslutsgraf.service.ld_terms import iri_term, literal_term, row_iri, row_text
from beslutsgraf.service.state import get_settings

__all__ = ["register"]

_NAME_QUERY = Annotated[
    str | None,
    Query(
        description="Part of a name or of any spelling seen (case and accents ignored: "
        "`helen` finds Helén Eliasson and Helene Nordling).",
        examples=["Helen Eliasson"],
        min_length=1,
        max_length=200,
    ),
]


def list_persons(
    request: Request,
    response: Response,
    name: _NAME_QUERY = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[PersonSummary]:
    """Persons by canonical name; with `name`, those whose foaf:name or skos:altLabel
    contains it."""
    bindings = {} if name is None else {"name": literal_term(fold(name))}
    return list_page(
        request, response, Page[PersonSummary], "persons", bindings, limit, offset, _person
    )


def _person(row: Mapping[str, str], base: str) -> PersonSummary:
    return PersonSummary(
        **PERSONS.fields(row_iri(row, "person") or "", base),
        name=row_text(row, "personName") or "",
        alt_labels=split_list(row_text(row, "altLabels")),
    )


def _memberships(request: Request, iri: str, base: str) -> list[Membership]:
    """One entry per membership, in the order of its earliest attesting date."""
    by_iri: dict[str, Membership] = {}
    for row in select(request, "person-memberships", {"person": iri_term(iri)}):
        membership_iri = row_text(row, "membership") or ""
        organisation = ref_from_row(row, "organisation", "organisationLabel", base)
        if organisation is None:
            continue
        entry = by_iri.get(membership_iri)
        if entry is None:
            entry = by_iri[membership_iri] = Membership(
                iri=membership_iri,
                page=page_of(membership_iri, base),
                organisation=organisation,
                role=ref_from_row(row, "role", "roleLabel", base),
                attested_on=[],
                represents=ref_from_row(row, "represents", "representsLabel", base),
                member_from=row_text(row, "start"),
                member_until=row_text(row, "end"),
            )
        attested = row_text(row, "attestedOn")
        if attested and attested not in entry.attested_on:
            entry.attested_on.append(attested)
    return sorted(by_iri.values(), key=lambda m: (min(m.attested_on, default="9999"), m.iri))


def get_person(
    request: Request,
    key: Annotated[
        str,
        Path(
            description="The person's id (IRI path after `person/`).", examples=["helen-eliasson"]
        ),
    ],
) -> PersonDetail:
    """A person with every spelling seen and the roles held over time, each with the
    dates of the documents that attest it."""
    base = get_settings(request).instance_base
    iri, row = resolve(request, PERSONS, key, "person", "person", "person")
    return PersonDetail(
        **PERSONS.fields(iri, base),
        name=row_text(row, "name") or "",
        alt_labels=split_list(row_text(row, "altLabels")),
        given_name=row_text(row, "givenName"),
        family_name=row_text(row, "familyName"),
        memberships=_memberships(request, iri, base),
    )


def list_organisations(
    request: Request,
    response: Response,
    q: Annotated[
        str | None,
        Query(
            description="Part of a name or abbreviation (case and accents ignored).",
            examples=["Göteborg"],
            min_length=1,
            max_length=200,
        ),
    ] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[OrganisationSummary]:
    """Organisations (bodies, regions, municipalities, federations, parties) by label."""
    bindings = {} if q is None else {"q": literal_term(fold(q))}
    return list_page(
        request,
        response,
        Page[OrganisationSummary],
        "organisations",
        bindings,
        limit,
        offset,
        _organisation,
    )


def _organisation(row: Mapping[str, str], base: str) -> OrganisationSummary:
    return OrganisationSummary(
        **ORGANISATIONS.fields(row_iri(row, "organisation") or "", base),
        label=row_text(row, "label"),
        alt_labels=split_list(row_text(row, "altLabels")),
        classification=ref_from_row(row, "classification", "classificationLabel", base),
    )


_RELATIONS = (
    "subOrganizationOf",
    "hasSubOrganization",
    "convenedBy",
    "convenes",
    "memberOfFederation",
    "federationMember",
    "sameAs",
)


def _members(request: Request, iri: str, base: str) -> list[OrganisationMember]:
    by_iri: dict[str, OrganisationMember] = {}
    for row in select(request, "organisation-memberships", {"organisation": iri_term(iri)}):
        membership = row_text(row, "membership") or ""
        person = ref_from_row(row, "person", "personName", base)
        if person is None:
            continue
        entry = by_iri.setdefault(
            membership,
            OrganisationMember(
                membership=membership,
                person=person,
                role=ref_from_row(row, "role", "roleLabel", base),
                attested_on=[],
                represents=ref_from_row(row, "represents", "representsLabel", base),
            ),
        )
        attested = row_text(row, "attestedOn")
        if attested and attested not in entry.attested_on:
            entry.attested_on.append(attested)
    return list(by_iri.values())


def get_organisation(
    request: Request,
    key: Annotated[
        str,
        Path(
            description="The organisation's id: IRI path after `org/`, or the whole path "
            "for `kommun/…` and `party/…`.",
            examples=["goteborgsregionen"],
        ),
    ],
) -> OrganisationDetail:
    """An organisation with its other names, register codes, relations (both ways:
    e.g. a kommunalförbund lists its member municipalities) and members."""
    base = get_settings(request).instance_base
    iri, row = resolve(request, ORGANISATIONS, key, "organisation", "organisation", "organisation")
    related = linked(request, "organisation-links", "organisation", iri, base, _RELATIONS)
    return OrganisationDetail(
        **ORGANISATIONS.fields(iri, base),
        label=row_text(row, "label"),
        alt_labels=split_list(row_text(row, "altLabels")),
        classification=ref_from_row(row, "classification", "classificationLabel", base),
        notations=split_list(row_text(row, "notations")),
        sub_organization_of=related["subOrganizationOf"],
        sub_organizations=related["hasSubOrganization"],
        convened_by=related["convenedBy"],
        convenes=related["convenes"],
        member_of_federation=related["memberOfFederation"],
        federation_members=related["federationMember"],
        same_as=related["sameAs"],
        members=_members(request, iri, base),
    )


def register(router: APIRouter) -> None:
    routes = (
        ("/persons", list_persons, Page[PersonSummary], "Find persons by name", PAGE_ERRORS),
        (
            "/persons/{key:path}",
            get_person,
            PersonDetail,
            "One person with roles over time",
            detail_errors("person"),
        ),
        (
            "/organisations",
            list_organisations,
            Page[OrganisationSummary],
            "List organisations",
            PAGE_ERRORS,
        ),
        (
            "/organisations/{key:path}",
            get_organisation,
            OrganisationDetail,
            "One organisation with relations and members",
            detail_errors("organisation"),
        ),
    )
    for path, endpoint, model, summary, errors in routes:
        tag = "persons" if path.startswith("/persons") else "organisations"
        add_get(router, path, endpoint, model, summary, errors, tag)
