"""Suggest services: auto-completion of entities (from the graph), properties and types
(from the catalogue). Answers are `{"result": [...]}`, paged by `offset` and `limit`."""

from __future__ import annotations

from typing import Any

from fastapi import Request

from beslutsgraf.ingest.names import fold
from beslutsgraf.service.reconcile_catalogue import TYPES, ReconType, all_properties
from beslutsgraf.service.reconcile_formats import entity_json, type_json
from beslutsgraf.service.reconcile_match import MatchQuery, Scored
from beslutsgraf.service.reconcile_search import search
from beslutsgraf.service.state import get_settings

__all__ = ["suggest_entities", "suggest_properties", "suggest_types"]


def _starts_a_word(prefix: str, scored: Scored) -> bool:
    """Whether one of the entity's names has a word (or the whole name) that starts
    with what the user typed so far."""
    folded = fold(prefix)
    for label in scored.candidate.labels or [scored.candidate.name]:
        name = fold(label)
        if name.startswith(folded) or f" {folded}" in f" {name}":
            return True
    return False


def suggest_entities(
    request: Request, prefix: str, types: tuple[ReconType, ...], offset: int, limit: int
) -> dict[str, Any]:
    """Entities whose names start (or have a word that starts) like `prefix`, best
    first; an entity's id as the prefix finds that entity."""
    if not prefix.strip():
        return {"result": []}
    base = get_settings(request).instance_base
    found = search(request, MatchQuery(prefix.strip(), types, offset + limit))
    found.sort(key=lambda s: not _starts_a_word(prefix, s))  # stable: scores order the rest
    return {
        "result": [
            {**entity_json(s.candidate, base), "notable": [type_json(s.candidate.type)]}
            for s in found[offset : offset + limit]
        ]
    }


def _matches(prefix: str, *texts: str) -> bool:
    folded = fold(prefix)
    return not folded or any(folded in fold(text) for text in texts)


def suggest_properties(prefix: str, offset: int, limit: int) -> dict[str, Any]:
    """Properties whose id or name contains `prefix` (all of them for an empty one)."""
    found = [
        {"id": pid, "name": name, "description": description}
        for pid, name, description in all_properties()
        if _matches(prefix, pid, name)
    ]
    return {"result": found[offset : offset + limit]}


def suggest_types(prefix: str, offset: int, limit: int) -> dict[str, Any]:
    """Types whose id or name contains `prefix` (all of them for an empty one)."""
    found = [
        {**type_json(t), "description": t.description}
        for t in TYPES
        if _matches(prefix, t.id, t.name)
    ]
    return {"result": found[offset : offset + limit]}
