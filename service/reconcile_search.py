"""Answering one reconciliation query from the graph: candidates of each type asked
for, scored and ranked by `reconcile_match`. A query that is an entity's own id (or
IRI) finds that entity with score 100 and `match: true`, as the specification expects.
"""

from __future__ import annotations

import re
from typing import Final

from fastapi import Request

from beslutsgraf.service.reconcile_candidates import (
    Candidate,
    entity_iri,
    find_candidates,
    load_entity,
)
from beslutsgraf.service.reconcile_match import MatchQuery, Scored, rank
from beslutsgraf.service.state import get_settings

__all__ = ["search"]

# An id ("person/helen-eliasson") or an IRI: no spaces, a slash or a scheme.
_LOOKS_LIKE_ID: Final = re.compile(r"^[^\s/]+(/[^\s/]+)+$|^https?://\S+$")


def _by_id(request: Request, query: MatchQuery, base: str) -> Scored | None:
    if not _LOOKS_LIKE_ID.match(query.text):
        return None
    found = load_entity(request, entity_iri(query.text, base), query.types)
    if found is None:
        return None
    features = (("id", "Query is the entity's id", True),)
    return Scored(found, 100.0, 100.0, True, features, contradicted=False, match=True)


def search(request: Request, query: MatchQuery) -> list[Scored]:
    """The ranked candidates for `query` (empty when it gives no name to search by)."""
    base = get_settings(request).instance_base
    if not query.text:
        return []
    exact = _by_id(request, query, base)
    if exact is not None:
        return [exact]
    candidates: list[Candidate] = []
    for recon_type in query.types:
        candidates.extend(find_candidates(request, recon_type, query.text))
    return rank(query, candidates, base)
