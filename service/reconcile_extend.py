"""Data extension: which properties a type offers (property proposals) and their values
for a list of entity ids, in the 0.2 layout (rows keyed by id) or the 1.0-draft one
(a list of rows). Values come from the same facts queries reconciliation scores with.
"""

from __future__ import annotations

import re
from typing import Any, Final, Literal

from fastapi import Request

from beslutsgraf.service.http_errors import BadRequest
from beslutsgraf.service.reconcile_candidates import (
    Candidate,
    Fact,
    entity_id,
    entity_iri,
    likely_types,
    load_entity,
)
from beslutsgraf.service.reconcile_catalogue import (
    TYPES,
    ExtendProperty,
    find_type,
)
from beslutsgraf.service.reconcile_formats import type_json
from beslutsgraf.service.reconcile_requests import ExtendRequest
from beslutsgraf.service.state import get_settings

__all__ = ["extend", "propose"]

Version = Literal["0.2", "1.0-draft"]

_FULL_DATE: Final = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def propose(type_id: str, limit: int | None) -> dict[str, Any]:
    """The properties a data extension can fetch for entities of `type_id`."""
    recon_type = find_type(type_id)
    properties = [
        {"id": p.id, "name": p.name, "description": p.description} for p in recon_type.extend
    ]
    answer: dict[str, Any] = {"type": recon_type.id, "properties": properties[:limit]}
    if limit is not None:
        answer["limit"] = limit
    return answer


def _property(property_id: str) -> ExtendProperty:
    for recon_type in TYPES:
        found = recon_type.extend_property(property_id)
        if found is not None:
            return found
    known = sorted({p.id for t in TYPES for p in t.extend})
    raise BadRequest(f"unknown property {property_id!r}: extension offers {', '.join(known)}")


def _meta(prop: ExtendProperty) -> dict[str, Any]:
    meta: dict[str, Any] = {"id": prop.id, "name": prop.name}
    if prop.value_type is not None:
        meta["type"] = type_json(find_type(prop.value_type))
    return meta


def _value(prop: ExtendProperty, fact: Fact, base: str) -> dict[str, Any]:
    if prop.kind == "entity" and fact.is_iri:
        return {"id": entity_id(fact.value, base), "name": fact.name or fact.value}
    if prop.kind == "date" and _FULL_DATE.match(fact.value):
        # The protocol's dates are date-times; a day is its first instant, in UTC.
        return {"date": f"{fact.value}T00:00:00Z"}
    return {"str": fact.name or fact.value}


def _values(entity: Candidate | None, prop: ExtendProperty, base: str) -> list[dict[str, Any]]:
    if entity is None or entity.type.extend_property(prop.id) is None:
        return []
    facts = sorted(entity.facts.get(prop.id, []), key=lambda f: (f.name or f.value, f.value))
    return [_value(prop, fact, base) for fact in facts]


def extend(request: Request, query: ExtendRequest, version: Version) -> dict[str, Any]:
    """The extension response: `meta` (the properties asked for) and the values of each
    property of each entity (none for an unknown id or a property of another type)."""
    base = get_settings(request).instance_base
    properties = [_property(pid) for pid in query.properties]
    entities: dict[str, Candidate | None] = {}
    for requested in dict.fromkeys(query.ids):
        iri = entity_iri(requested, base)
        entities[requested] = load_entity(request, iri, likely_types(iri, base))
    meta = [_meta(prop) for prop in properties]
    if version == "0.2":
        rows_02 = {
            requested: {prop.id: _values(entity, prop, base) for prop in properties}
            for requested, entity in entities.items()
        }
        return {"meta": meta, "rows": rows_02}
    rows = [
        {
            "id": requested,
            "properties": [
                {"id": prop.id, "values": _values(entity, prop, base)} for prop in properties
            ],
        }
        for requested, entity in entities.items()
    ]
    return {"meta": meta, "rows": rows}
