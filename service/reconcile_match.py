"""Scoring reconciliation candidates: pure functions, no store.

A candidate's score (0–100) starts from how well its best name matches the query and
moves with each property condition: +10 when its facts match, −20 when it has facts of
that kind and none match, −5 when it has none; only a name that is the query's own can
reach 90. `match: true` goes only to the top
candidate, and only when it is clearly right: a name that is the query itself (accents
and case aside), or the same person's name under `same_person`'s edit rules, or the same
organisation under `same_organisation`; a score of at least 90; no contradicted
property; and a lead of at least 8 points over the next candidate.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Final, Literal

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from beslutsgraf.ingest.names import fold, same_organisation, same_person
from beslutsgraf.service.reconcile_candidates import Candidate, Fact, entity_iri
from beslutsgraf.service.reconcile_catalogue import ReconType

__all__ = [
    "MATCH_LEAD",
    "MATCH_SCORE",
    "Condition",
    "MatchQuery",
    "Quantifier",
    "Scored",
    "name_score",
    "rank",
    "value_matches",
]

Quantifier = Literal["any", "all", "none"]

MATCH_SCORE: Final = 90.0
MATCH_LEAD: Final = 8.0
# A name that only resembles the query stays below MATCH_SCORE whatever its properties.
_LOOKALIKE_CAP: Final = 85.0
_BONUS, _CONTRADICTION, _UNKNOWN = 10.0, -20.0, -5.0
_DATE: Final = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True)
class Condition:
    """A property the candidates should (or, when `required`, must) have."""

    property_id: str
    values: tuple[str, ...]  # texts, dates or entity ids / IRIs
    required: bool = False
    quantifier: Quantifier = "any"


@dataclass(frozen=True)
class MatchQuery:
    text: str
    types: tuple[ReconType, ...]  # the types searched (all, when the query names none)
    limit: int
    conditions: tuple[Condition, ...] = ()


@dataclass(frozen=True)
class Scored:
    candidate: Candidate
    score: float
    name_score: float
    strong_name: bool  # the name is the query's, not just like it
    features: tuple[tuple[str, str, float | bool], ...]  # (id, name, value)
    contradicted: bool
    match: bool = False


def name_score(text: str, candidate: Candidate) -> tuple[float, bool]:
    """The best score of the candidate's names against `text`, and whether that name is
    the query's own (see the module docstring)."""
    query = fold(text)
    strong: float | None = None  # the best score of a name that is the query's
    lookalike = 0.0
    for label in candidate.labels or [candidate.name]:
        folded = fold(label)
        if folded == query:
            return 100.0, True
        if candidate.type.person_names and same_person(text, label):
            # Closer spellings rank first: one point less per edit between the names.
            distance = Levenshtein.distance(query, folded)
            strong = max(strong or 0.0, max(MATCH_SCORE, 98.0 - distance))
        elif candidate.type.id == "Organization" and same_organisation(text, label):
            strong = max(strong or 0.0, 95.0)
        elif candidate.type.person_names or candidate.type.id == "Organization":
            lookalike = max(lookalike, float(fuzz.token_sort_ratio(query, folded)))
        else:
            # Titles and decision texts: a query may be part of a long text.
            lookalike = max(lookalike, float(fuzz.WRatio(query, folded)))
    if strong is not None:
        return strong, True
    return min(lookalike, _LOOKALIKE_CAP), False


def _is_date(text: str) -> bool:
    return bool(_DATE.match(text))


def value_matches(value: str, fact: Fact, base: str) -> bool:
    """Whether a query's property value names this fact: by id or IRI, by any label of
    the value (accents and case aside, organisation name variants allowed), or, for
    dates, at the precision the query gives ("2025" matches 2025-03-06)."""
    value = value.strip()
    if not value:
        return False
    if fact.is_iri:
        if fact.value in (value, entity_iri(value, base)):
            return True
        folded = fold(value)
        names = {*fact.labels, *([fact.name] if fact.name else [])}
        return any(fold(n) == folded or same_organisation(value, n) for n in names)
    if _is_date(value) and _is_date(fact.value[:10]):
        shorter, longer = sorted((value, fact.value[:10]), key=len)
        return longer.startswith(shorter)
    return fold(value) == fold(fact.value)


def _condition_holds(condition: Condition, facts: Sequence[Fact], base: str) -> bool:
    hits = [any(value_matches(v, f, base) for f in facts) for v in condition.values]
    if condition.quantifier == "all":
        return all(hits)
    if condition.quantifier == "none":
        return not any(hits)
    return any(hits)


def _score(query: MatchQuery, candidate: Candidate, base: str) -> Scored | None:
    """The candidate's score, or None when it fails a required condition."""
    names, strong = name_score(query.text, candidate) if query.text else (0.0, False)
    score = names
    features: list[tuple[str, str, float | bool]] = [("name", "Name similarity", names)]
    contradicted = False
    for condition in query.conditions:
        keys = candidate.type.fact_keys(condition.property_id)
        if not keys:
            continue  # the property says nothing about this type
        facts = candidate.values(keys)
        holds = _condition_holds(condition, facts, base)
        if condition.required and not holds:
            return None
        if holds:
            score += _BONUS
        elif facts:
            score += _CONTRADICTION
            contradicted = True
        else:
            score += _UNKNOWN
        features.append((f"property:{condition.property_id}", condition.property_id, holds))
    # Properties never lift a mere look-alike name to a sure match's score.
    ceiling = 100.0 if strong else MATCH_SCORE - 1
    score = round(min(max(score, 0.0), ceiling), 1)
    return Scored(candidate, score, names, strong, tuple(features), contradicted)


def rank(query: MatchQuery, candidates: Sequence[Candidate], base: str) -> list[Scored]:
    """The best `query.limit` candidates, best first (ties by name, then IRI), the first
    marked `match` when it is clearly right."""
    scored = [s for c in candidates if (s := _score(query, c, base)) is not None]
    scored.sort(key=lambda s: (-s.score, s.candidate.name, s.candidate.iri))
    if not scored:
        return []
    top = scored[0]
    lead = top.score - scored[1].score if len(scored) > 1 else 100.0
    clear = top.strong_name and not top.contradicted and top.score >= MATCH_SCORE
    if clear and lead >= MATCH_LEAD:
        scored[0] = replace(top, match=True)
    return scored[: query.limit]
