"""What person resolution decided, recomputed from the stored document graphs.

* `identity_decisions`: for each stored person with several spellings, one decision
  per spelling besides the canonical name (the best-scoring pair that joins it); for
  two people kept apart under one name (`…-2`) or by a curator, one decision each.
* `near_misses`: pairs of stored people that are not one person but came close: a
  score at or above `REVIEW_SCORE`, or a pair the member-list rule or a curator kept
  apart. Only pairs in neighbouring blocks (same given initial, family names at most
  one letter apart in length) are scored: wider than clustering's merge keys.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from beslutsgraf.ingest.curation import Curation, slugs_of
from beslutsgraf.ingest.names import fold, split_name
from beslutsgraf.ingest.person_match import (
    MERGE_SCORE,
    REVIEW_SCORE,
    Evidence,
    EvidenceKind,
    GrowingContext,
    PersonContext,
    PersonMatch,
    given_name_key,
    match_people,
)
from beslutsgraf.ingest.person_match_cluster import PersonGroup

__all__ = ["IdentityDecision", "identity_decisions", "near_misses"]

_SUFFIX = re.compile(r"-(\d+)$")
# Near misses are names alike, not strangers whose context agrees (two members of
# one steering group share its organisation, role and meeting).
_ALIKE_NAMES = 0.45


@lru_cache(maxsize=1 << 16)
def block_of(spelling: str) -> tuple[str, int] | None:
    given, family = split_name(spelling)
    if not family:
        return None
    return given_name_key(given)[:1], len(fold(family))


def neighbour_blocks(block: tuple[str, int]) -> tuple[tuple[str, int], ...]:
    letter, length = block
    return (letter, length - 1), (letter, length), (letter, length + 1)


@dataclass(frozen=True)
class IdentityDecision:
    persons: tuple[str, ...]  # one IRI: merged; two: kept apart
    match: PersonMatch
    sources: tuple[str, ...]  # documents whose spellings were compared

    @property
    def merged(self) -> bool:
        return len(self.persons) == 1


def _by_spelling(group: PersonGroup) -> dict[str, PersonContext]:
    growing: dict[str, GrowingContext] = {}
    for record in group.records:
        growing.setdefault(record.spelling, GrowingContext()).add(record.context)
    contexts = {}
    for spelling, context in growing.items():
        # One node in one graph was one person to that document: its member list
        # cannot separate the node's own spellings.
        context.listed_in.clear()
        contexts[spelling] = context.frozen()
    return contexts


def _curated(
    match: PersonMatch,
    curation: Curation,
    first: Iterable[str],
    second: Iterable[str],
    first_iris: Iterable[str] = (),
    second_iris: Iterable[str] = (),
) -> PersonMatch:
    verdict = curation.verdict(slugs_of(first, first_iris), slugs_of(second, second_iris))
    if verdict is None:
        return match
    kind = EvidenceKind.CURATED_SAME if verdict.same else EvidenceKind.CURATED_NOT_SAME
    return replace(
        match,
        evidence=(*match.evidence, Evidence(kind, verdict.source)),
        curated=True,
        curation_source=verdict.source,
        blocked=match.blocked or not verdict.same,
    )


def _merges(group: PersonGroup, curation: Curation) -> list[IdentityDecision]:
    contexts = _by_spelling(group)
    if len(contexts) < 2 and group.canonical in contexts:
        return []
    contexts.setdefault(group.canonical, PersonContext())
    decisions = []
    for spelling in sorted(contexts):
        if spelling == group.canonical:
            continue
        best: PersonMatch | None = None
        for other in sorted(contexts):
            if other == spelling:
                continue
            match = match_people([spelling], contexts[spelling], [other], contexts[other])
            if best is None or (match.score, match.name_score) > (best.score, best.name_score):
                best = match
        assert best is not None
        best = _curated(best, curation, [best.first], [best.second])
        sources = contexts[best.first].sources | contexts[best.second].sources
        decisions.append(IdentityDecision((group.iri,), best, tuple(sorted(sources))))
    return decisions


def _apart(first: PersonGroup, second: PersonGroup, curation: Curation) -> IdentityDecision:
    match = match_people(first.spellings, first.context, second.spellings, second.context)
    match = _curated(
        match, curation, first.spellings, second.spellings, (first.iri,), (second.iri,)
    )
    sources = first.context.sources | second.context.sources
    return IdentityDecision((first.iri, second.iri), match, tuple(sorted(sources)))


def _candidate_pairs(groups: Sequence[PersonGroup]) -> set[tuple[int, int]]:
    blocks: defaultdict[tuple[str, int], set[int]] = defaultdict(set)
    for index, group in enumerate(groups):
        for spelling in group.spellings:
            block = block_of(spelling)
            if block is not None:
                blocks[block].add(index)
    pairs: set[tuple[int, int]] = set()
    for index, group in enumerate(groups):
        for spelling in group.spellings:
            block = block_of(spelling)
            if block is None:
                continue
            for neighbour in neighbour_blocks(block):
                pairs.update((index, other) for other in blocks.get(neighbour, ()) if other > index)
    return pairs


def _curated_pairs(groups: Sequence[PersonGroup], curation: Curation) -> set[tuple[int, int]]:
    by_slug: defaultdict[str, set[int]] = defaultdict(set)
    for index, group in enumerate(groups):
        for value in slugs_of(group.spellings, (group.iri,)):
            by_slug[value].add(index)
    pairs = set()
    for decision in curation.decisions:
        for a in by_slug.get(decision.left, ()):
            for b in by_slug.get(decision.right, ()):
                if a != b:
                    pairs.add((min(a, b), max(a, b)))
    return pairs


def identity_decisions(
    groups: Sequence[PersonGroup], curation: Curation | None = None
) -> list[IdentityDecision]:
    """Every merge of spellings, every `-2` split and every curated "not same"."""
    curation = curation or Curation()
    decisions = [d for group in groups for d in _merges(group, curation)]
    by_iri = {group.iri: group for group in groups}
    apart: set[tuple[str, str]] = set()
    for group in groups:
        match = _SUFFIX.search(group.iri)
        base = group.iri[: match.start()] if match else None
        if base is not None and base in by_iri:
            apart.add((base, group.iri))
    for a, b in _curated_pairs(groups, curation):
        pair = _apart(groups[a], groups[b], curation)
        if pair.match.curated and pair.match.blocked:
            apart.add((min(groups[a].iri, groups[b].iri), max(groups[a].iri, groups[b].iri)))
    decisions += [_apart(by_iri[a], by_iri[b], curation) for a, b in sorted(apart)]
    return decisions


def near_misses(
    groups: Sequence[PersonGroup], curation: Curation | None = None
) -> list[IdentityDecision]:
    """Pairs of stored people a curator should look at, best score first."""
    curation = curation or Curation()
    found = []
    for a, b in sorted(_candidate_pairs(groups) | _curated_pairs(groups, curation)):
        decision = _apart(groups[a], groups[b], curation)
        match = decision.match
        blocked_merge = match.blocked and (match.curated or match.score >= MERGE_SCORE)
        alike = match.score >= REVIEW_SCORE and match.name_score >= _ALIKE_NAMES
        if alike or blocked_merge or match.curated:
            found.append(decision)
    return sorted(found, key=lambda d: (-d.match.score, d.persons))
