"""How entities, candidates and types are written in reconciliation answers (the same
objects serve 0.2 and the 1.0 draft), and the one-line description that tells
namesakes apart."""

from __future__ import annotations

from typing import Any, Final

from beslutsgraf.service.reconcile_candidates import Candidate, entity_id
from beslutsgraf.service.reconcile_catalogue import ReconType
from beslutsgraf.service.reconcile_match import Scored

__all__ = ["candidate_json", "describe", "entity_json", "type_json"]

_SEPARATOR: Final = " · "
_MAX_NAMES: Final = 3
# Decision texts can run to paragraphs; a candidate's name is one line.
_MAX_NAME_CHARS: Final = 200


def type_json(recon_type: ReconType) -> dict[str, str]:
    return {"id": recon_type.id, "name": recon_type.name}


def _names(candidate: Candidate, key: str) -> list[str]:
    names = sorted({fact.name or fact.value for fact in candidate.facts.get(key, [])})
    return names[:_MAX_NAMES]


def _first(candidate: Candidate, key: str) -> str | None:
    names = _names(candidate, key)
    return names[0] if names else None


def _validity(candidate: Candidate) -> str | None:
    start = _first(candidate, "validFrom") or _first(candidate, "appliesFrom")
    end = _first(candidate, "validUntil")
    if start and end:
        return f"{start}–{end}"
    if start:
        return f"from {start}"
    return f"until {end}" if end else None


def describe(candidate: Candidate) -> str:
    """What distinguishes the entity: a person's party and bodies, an organisation's
    kind, code and kommunalförbund, an agreement's type and validity, a decision's
    date, body and agenda item."""
    kind = candidate.type.query_stem
    parts: list[str | None]
    if kind == "person":
        parts = [*_names(candidate, "party"), ", ".join(_names(candidate, "organisation"))]
    elif kind == "organisation":
        parts = [
            _first(candidate, "classification"),
            _first(candidate, "kommunkod"),
            _first(candidate, "federation") or _first(candidate, "parent"),
        ]
    elif kind == "agreement":
        parts = [
            _first(candidate, "agreementType"),
            _first(candidate, "versionLabel"),
            _validity(candidate),
        ]
    else:
        parts = [
            _first(candidate, "date"),
            _first(candidate, "decidedBy"),
            _first(candidate, "agendaItem"),
        ]
    return _SEPARATOR.join(part for part in parts if part)


def _short(name: str) -> str:
    flat = " ".join(name.split())
    return flat if len(flat) <= _MAX_NAME_CHARS else flat[: _MAX_NAME_CHARS - 1] + "…"


def entity_json(candidate: Candidate, base: str) -> dict[str, Any]:
    """An entity as suggest answers and extension values name it."""
    found: dict[str, Any] = {
        "id": entity_id(candidate.iri, base),
        "name": _short(candidate.name),
    }
    description = describe(candidate)
    if description:
        found["description"] = description
    return found


def candidate_json(scored: Scored, base: str) -> dict[str, Any]:
    """A reconciliation candidate (valid in both 0.2 and 1.0-draft result batches)."""
    return {
        **entity_json(scored.candidate, base),
        "score": scored.score,
        "match": scored.match,
        "type": [type_json(scored.candidate.type)],
        "features": [
            {"id": feature_id, "name": name, "value": value}
            for feature_id, name, value in scored.features
        ],
    }
