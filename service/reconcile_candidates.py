"""Reconciliation candidates from the graph: the entities of a type whose names share a
word beginning with the query, with every name and the facts reconciliation compares.

The graph is the only source: two SPARQL queries per type
(`service/queries/reconcile-<type>-names.rq` and `-facts.rq`) run under the service's
limits with a `?pattern` binding (a regular expression over accent-folded text, built
here from the query's words) or an `?entity` binding (one known entity). Entity ids in
the reconciliation protocol are IRI paths under the instance base ("person/helen-eliasson").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Final

from fastapi import Request

from beslutsgraf.service.api_sparql import fold, select
from beslutsgraf.service.ld_terms import InvalidTerm, iri_term, literal_term, parse_term
from beslutsgraf.service.reconcile_catalogue import TYPES, ReconType

__all__ = [
    "Candidate",
    "Fact",
    "entity_id",
    "entity_iri",
    "find_candidates",
    "likely_types",
    "load_entity",
    "search_pattern",
]

# Rows read per query: enough for every spelling of the few hundred entities a query's
# words can start like; the rows come sorted by entity, so a cap drops whole entities
# from the tail rather than some names of one.
NAME_ROWS: Final = 2000
FACT_ROWS: Final = 10000

# Words this short start too many names to narrow anything ("i", "och", "av").
_MIN_WORD: Final = 2
# Names are matched from the first three letters of each word; texts (titles and
# decisions) from four, over words of at least four letters, so "och" or "att" do not
# make every decision a candidate.
_PREFIX: Final = {"names": 3, "text": 4}


@dataclass
class Fact:
    """One value of a fact: an IRI (with its labels) or a literal's lexical form."""

    value: str
    is_iri: bool
    name: str | None = None
    labels: set[str] = field(default_factory=set)


@dataclass
class Candidate:
    iri: str
    type: ReconType
    name: str
    labels: list[str]
    facts: dict[str, list[Fact]] = field(default_factory=dict)

    def values(self, keys: Iterable[str]) -> list[Fact]:
        return [fact for key in keys for fact in self.facts.get(key, [])]


def entity_id(iri: str, base: str) -> str:
    """The protocol id of an entity: its IRI path under the instance base."""
    return iri[len(base) :] if iri.startswith(base) and len(iri) > len(base) else iri


def entity_iri(entity: str, base: str) -> str:
    """The IRI an id names (an absolute IRI stays as it is)."""
    entity = entity.strip()
    return entity if re.match(r"^[a-z][a-z0-9+.-]*:", entity, re.I) else base + entity


def search_pattern(text: str, *, words_from: str = "names") -> str | None:
    """A regular expression that finds, in folded text, a word starting like one of the
    query's words; None when the query has no usable word. Only `[a-z0-9]` reaches the
    pattern, so no query can inject regular-expression syntax."""
    size = _PREFIX[words_from]
    minimum = size if words_from == "text" else _MIN_WORD
    words = re.findall(r"[a-z0-9]+", fold(text))
    # Short words narrow nothing, unless they are all there is ("S", "GR").
    telling = [w for w in words if len(w) >= minimum] or words
    starts = sorted({word[:size] for word in telling})
    if not starts:
        return None
    return f"(^|[^a-z0-9])({'|'.join(starts)})"


def _text(row: Mapping[str, str], name: str) -> str | None:
    raw = row.get(name)
    return None if raw is None else parse_term(raw).value


def _candidates(
    request: Request, recon_type: ReconType, bindings: dict[str, str]
) -> list[Candidate]:
    names = select(request, f"reconcile-{recon_type.query_stem}-names", bindings, limit=NAME_ROWS)
    found: dict[str, Candidate] = {}
    for row in names:
        iri = _text(row, "entity") or ""
        label = _text(row, "label")
        name = _text(row, "name") or label or iri
        candidate = found.setdefault(iri, Candidate(iri, recon_type, name, []))
        # One canonical name, the same for every request: the smallest one seen.
        candidate.name = min(candidate.name, name)
        if label and label not in candidate.labels:
            candidate.labels.append(label)
    if not found:
        return []
    facts = select(request, f"reconcile-{recon_type.query_stem}-facts", bindings, limit=FACT_ROWS)
    for row in facts:
        owner = found.get(_text(row, "entity") or "")
        raw_value = row.get("value")
        if owner is None or raw_value is None:
            continue
        term = parse_term(raw_value)
        values = owner.facts.setdefault(_text(row, "property") or "", [])
        fact = next((f for f in values if f.value == term.value), None)
        if fact is None:
            fact = Fact(term.value, term.kind == "iri")
            values.append(fact)
        value_name, label = _text(row, "valueName"), _text(row, "valueLabel")
        if value_name and (fact.name is None or value_name < fact.name):
            fact.name = value_name
        if label:
            fact.labels.add(label)
    return list(found.values())


def find_candidates(request: Request, recon_type: ReconType, text: str) -> list[Candidate]:
    """Entities of `recon_type` with a name sharing a word start with `text`."""
    words_from = "names" if recon_type.query_stem in ("person", "organisation") else "text"
    pattern = search_pattern(text, words_from=words_from)
    if pattern is None:
        return []
    return _candidates(request, recon_type, {"pattern": literal_term(pattern)})


# The first IRI segment each type is minted under (docs/model.md, "IRI patterns").
_HOMES: Final = {
    "person": "Person",
    "org": "Organization",
    "kommun": "Organization",
    "party": "Organization",
    "agreement": "Agreement",
    "meeting": "Decision",
    "decision": "Decision",
}


def likely_types(iri: str, base: str) -> tuple[ReconType, ...]:
    """Every type, the one an IRI's first segment suggests first (fewer queries)."""
    home = _HOMES.get(entity_id(iri, base).split("/", 1)[0])
    return tuple(sorted(TYPES, key=lambda t: t.id != home))


def load_entity(request: Request, iri: str, types: Iterable[ReconType] = TYPES) -> Candidate | None:
    """The entity `iri` names, with its names and facts; None when it is none of the
    reconciled types (or not an IRI at all)."""
    try:
        term = iri_term(iri)
    except InvalidTerm:
        return None
    for recon_type in types:
        found = _candidates(request, recon_type, {"entity": term})
        if found:
            return found[0]
    return None
