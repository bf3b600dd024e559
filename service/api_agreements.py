"""`/api/agreements` (parts and validity history) and `/api/assignments` (open
assignments by deadline)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response

from beslutsgraf.service.api_common import (
    PAGE_ERRORS,
    Limit,
    Offset,
    add_get,
    detail_errors,
    list_page,
    resolve,
)
from beslutsgraf.service.api_links import (
    AGREEMENTS,
    DECISIONS,
    FIELD_SEPARATOR,
    page_of,
    ref_from_row,
    split_list,
)
from beslutsgraf.service.api_models import (
    AgreementDetail,
    AgreementPart,
    AgreementSummary,
    AssignmentSummary,
    DecisionRef,
    Page,
    Ref,
    ValidityPeriod,
)
from beslutsgraf.service.api_sparql import fold, select
from beslutsgraf.service.ld_terms import iri_term, literal_term, row_iri, row_text
from beslutsgraf.service.state import get_settings

__all__ = ["register"]


def _decision_ref(
    row: Mapping[str, str], iri_var: str, date_var: str, text_var: str | None, base: str
) -> DecisionRef | None:
    iri = row_iri(row, iri_var)
    if iri is None:
        return None
    return DecisionRef(
        **DECISIONS.fields(iri, base),
        date=row_text(row, date_var),
        text=row_text(row, text_var) if text_var else None,
    )


def _summary_fields(row: Mapping[str, str], iri: str, base: str) -> dict[str, object]:
    part_of = ref_from_row(row, "partOf", "partOfTitle", base)
    return {
        **AGREEMENTS.fields(iri, base),
        "title": row_text(row, "title") or "",
        "agreement_type": ref_from_row(row, "agreementType", "agreementTypeLabel", base),
        "version_label": row_text(row, "versionLabel"),
        "part_of": part_of,
        "applies_from": row_text(row, "appliesFrom"),
        "valid_from": row_text(row, "validFrom"),
        "valid_until": row_text(row, "validUntil"),
    }


def list_agreements(
    request: Request,
    response: Response,
    q: Annotated[
        str | None,
        Query(
            description="Words in the title (case and accents ignored).",
            examples=["överenskommelse"],
            min_length=1,
            max_length=300,
        ),
    ] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[AgreementSummary]:
    """Agreements by title, with the main agreement each is part of."""
    bindings = {} if q is None else {"q": literal_term(fold(q))}
    return list_page(
        request, response, Page[AgreementSummary], "agreements", bindings, limit, offset, _summary
    )


def _summary(row: Mapping[str, str], base: str) -> AgreementSummary:
    return AgreementSummary.model_validate(
        _summary_fields(row, row_iri(row, "agreement") or "", base)
    )


def _links(request: Request, iri: str, base: str) -> tuple[dict[str, list[Ref]], list[DecisionRef]]:
    related: dict[str, list[Ref]] = {"replaces": [], "replacedBy": [], "party": []}
    decisions: dict[str, DecisionRef] = {}
    for row in select(request, "agreement-links", {"agreement": iri_term(iri)}):
        relation = row_text(row, "relation") or ""
        if relation in ("concernedBy", "prolongedBy"):
            decision = _decision_ref(row, "target", "date", "label", base)
            if decision is not None:
                decisions.setdefault(decision.iri, decision)
            continue
        target = ref_from_row(row, "target", "label", base)
        if target is not None and relation in related:
            related[relation].append(target)
    ordered = sorted(decisions.values(), key=lambda d: (d.date or "", d.iri))
    return related, ordered


def get_agreement(
    request: Request,
    key: Annotated[
        str,
        Path(
            description="The agreement's id (IRI path after `agreement/`).",
            examples=["halso-och-sjukvardsavtal-sro-2025-09-01"],
        ),
    ],
) -> AgreementDetail:
    """An agreement with its parts (either direction of dct:hasPart / dct:isPartOf),
    its validity history (each period with the decision that set it), what it replaces
    and the decisions about it."""
    base = get_settings(request).instance_base
    iri, row = resolve(request, AGREEMENTS, key, "agreement", "agreement", "agreement")
    term = {"agreement": iri_term(iri)}
    parts = []
    for part in select(request, "agreement-parts", term):
        part_iri = row_iri(part, "part")
        if part_iri is None:
            continue
        parts.append(
            AgreementPart(
                **AGREEMENTS.fields(part_iri, base),
                title=row_text(part, "title"),
                version_label=row_text(part, "versionLabel"),
                applies_from=row_text(part, "appliesFrom"),
            )
        )
    history = [
        ValidityPeriod(
            iri=row_iri(period, "period"),
            start=row_text(period, "start"),
            end=row_text(period, "end"),
            decision=_decision_ref(period, "decision", "decisionDate", "decisionText", base),
        )
        for period in select(request, "agreement-validity", term)
    ]
    related, decisions = _links(request, iri, base)
    return AgreementDetail.model_validate(
        {
            **_summary_fields(row, iri, base),
            "extension_term": row_text(row, "extensionTerm"),
            "parts": parts,
            "validity_history": history,
            "replaces": related["replaces"],
            "replaced_by": related["replacedBy"],
            "parties": related["party"],
            "decisions": decisions,
        }
    )


def _assignees(packed: str | None, base: str) -> list[Ref]:
    refs = []
    for item in split_list(packed):
        iri, _, label = item.partition(FIELD_SEPARATOR)
        refs.append(Ref(iri=iri, label=label or None, page=page_of(iri, base)))
    return sorted(refs, key=lambda ref: (fold(ref.label or ""), ref.iri))


def list_assignments(
    request: Request,
    response: Response,
    open_after: Annotated[
        dt.date | None,
        Query(
            description="Only assignments whose deadline is after this date (a month-only "
            "deadline counts as the month's last day). Without it: every assignment, "
            "those without a deadline first.",
            examples=["2025-12-31"],
        ),
    ] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[AssignmentSummary]:
    """Assignments (uppdrag) by deadline, with who holds them and the body they report to."""
    bindings = {} if open_after is None else {"openAfter": literal_term(open_after.isoformat())}
    return list_page(
        request,
        response,
        Page[AssignmentSummary],
        "assignments",
        bindings,
        limit,
        offset,
        _assignment,
    )


def _assignment(row: Mapping[str, str], base: str) -> AssignmentSummary:
    iri = row_iri(row, "assignment") or ""
    return AssignmentSummary(
        iri=iri,
        page=page_of(iri, base),
        task=row_text(row, "task"),
        deadline=row_text(row, "deadline"),
        assignees=_assignees(row_text(row, "assignees"), base),
        report_to=ref_from_row(row, "reportTo", "reportToLabel", base),
        decision=_decision_ref(row, "decision", "decisionDate", None, base),
    )


def register(router: APIRouter) -> None:
    add_get(
        router,
        "/agreements",
        list_agreements,
        Page[AgreementSummary],
        "List agreements",
        PAGE_ERRORS,
        "agreements",
    )
    add_get(
        router,
        "/agreements/{key:path}",
        get_agreement,
        AgreementDetail,
        "One agreement with parts and validity history",
        detail_errors("agreement"),
        "agreements",
    )
    add_get(
        router,
        "/assignments",
        list_assignments,
        Page[AssignmentSummary],
        "Assignments by deadline",
        PAGE_ERRORS,
        "assignments",
    )
