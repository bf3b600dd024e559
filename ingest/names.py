"""Name matching for resolution: when two spellings are the same person or organisation.

Rules, not lists: accents folded, small edit distances allowed on the given and
the family name separately (so "Helen Elisson" is "Helén Eliasson", but "Marina
Johansson" is not "Adam Johansson"), and an organisation's genitive or a trailing
"kommunalförbund" does not make it another organisation.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

__all__ = [
    "NameCluster",
    "cluster_names",
    "first_cluster_with",
    "first_similar_person",
    "fold",
    "is_full_name",
    "same_organisation",
    "same_person",
    "split_name",
]


def fold(text: str) -> str:
    """Lower case without accents or punctuation runs: "Helén  Eliasson" → "helen eliasson"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^\w-]+", " ", bare).split())


def split_name(name: str) -> tuple[str, str]:
    """Given name(s) and family name: the first word is the given name, the rest the
    family name ("Karin Looström Muth" → "Karin", "Looström Muth"). Hyphenated given
    names stay whole ("Ann-Sofie Rundberg")."""
    words = name.split()
    if len(words) < 2:
        return name, ""
    return words[0], " ".join(words[1:])


def is_full_name(name: str) -> bool:
    """A given and a family name: a first name alone ("Jenny") identifies nobody."""
    return len(name.split()) >= 2


# Spellings seen by one process are few (people's names), so their folded parts are
# computed once each instead of on every comparison.
_NAME_CACHE_SIZE = 1 << 16


@lru_cache(maxsize=_NAME_CACHE_SIZE)
def _person_parts(name: str) -> tuple[str, str] | None:
    """Folded given and family name of a full name; None for anything else."""
    if not is_full_name(name):
        return None
    given, family = split_name(name)
    return fold(given), fold(family)


def _block(parts: tuple[str, str]) -> tuple[str, int]:
    """What two spellings of one person always share, up to ±1 in the length:
    `same_person` requires the same first letter of the folded given name and at
    most one edit between the folded family names (so lengths differ by ≤ 1)."""
    return parts[0][:1], len(parts[1])


def _neighbour_blocks(parts: tuple[str, str]) -> tuple[tuple[str, int], ...]:
    letter, length = _block(parts)
    return (letter, length - 1), (letter, length), (letter, length + 1)


def same_person(first: str, second: str) -> bool:
    """True when two full names are spellings of one name.

    Family names may differ by one edit ("Elisson"/"Eliasson"); given names by two
    edits or by an ending ("Helen"/"Helene", "Janette"/"Jeanette"), and must start
    with the same letter."""
    parts_a, parts_b = _person_parts(first), _person_parts(second)
    if parts_a is None or parts_b is None:
        return False
    return _same_parts(parts_a, parts_b)


def _same_parts(parts_a: tuple[str, str], parts_b: tuple[str, str]) -> bool:
    given_a, family_a = parts_a
    given_b, family_b = parts_b
    if given_a[:1] != given_b[:1]:
        return False
    family_edits = 1 if min(len(family_a), len(family_b)) > 4 else 0
    if Levenshtein.distance(family_a, family_b) > family_edits:
        return False
    given_edits = 2 if min(len(given_a), len(given_b)) > 4 else 1
    return Levenshtein.distance(given_a, given_b) <= given_edits


_FEDERATION_WORD = re.compile(r"\S*kommunalforbund\S*")


@lru_cache(maxsize=_NAME_CACHE_SIZE)
def _folded_name(name: str) -> str:
    return fold(name)


@lru_cache(maxsize=_NAME_CACHE_SIZE)
def _organisation_key(name: str) -> str:
    key = _FEDERATION_WORD.sub(" ", _folded_name(name))
    return " ".join(key.split())


def same_organisation(first: str, second: str) -> bool:
    """ "Västkom"/"VästKom", "Fyrbodal"/"Fyrbodals kommunalförbund",
    "Boråsregionen"/"Boråsregionens Kommunalförbund" are one organisation."""
    key_a, key_b = _organisation_key(first), _organisation_key(second)
    if not key_a or not key_b:
        return _folded_name(first) == _folded_name(second)
    return key_a == key_b or key_a + "s" == key_b or key_b + "s" == key_a


@dataclass(frozen=True)
class NameCluster:
    """Spellings judged to be one entity, with the canonical one first."""

    canonical: str
    spellings: tuple[str, ...]  # every spelling, canonical included, sorted
    fixed_iri: str | None = None  # an IRI the store already gave this entity


def cluster_names(
    occurrences: Iterable[tuple[str, bool]],
    seeds: Sequence[NameCluster] = (),
) -> list[NameCluster]:
    """Group spellings of people (each occurrence: spelling, listed in a member list).

    `seeds` are entities already known (from the store): their canonical name and
    IRI are kept, so an IRI never changes once written. New clusters take the most
    frequent spelling as canonical; ties go to a spelling from a member list, then
    to the alphabetically first, so the result does not depend on document order."""
    counts: Counter[str] = Counter()
    listed: set[str] = set()
    for spelling, in_list in occurrences:
        if not is_full_name(spelling):
            continue
        counts[spelling] += 1
        if in_list:
            listed.add(spelling)
    groups: list[list[str]] = [list(seed.spellings) for seed in seeds]
    # Each spelling joins the first group holding it or a spelling `same_person`
    # accepts, as if every group were tried in order; only the groups that can
    # match are tried: the ones holding it, and the ones with a full name in a
    # neighbouring block (see `_block`).
    # The seeds' index is shared by every call with the same seeds (one per document
    # of a batch); what this call adds is indexed apart.
    seeded = _index(tuple(seeds) if not isinstance(seeds, tuple) else seeds)
    seed_blocks = seeded.block_index()
    holding: dict[str, int] = {}
    blocks: defaultdict[tuple[str, int], set[int]] = defaultdict(set)

    def add(spelling: str, index: int) -> None:
        holding.setdefault(spelling, index)
        parts = _person_parts(spelling)
        if parts is not None:
            blocks[_block(parts)].add(index)

    ordered = sorted(counts, key=lambda s: (-counts[s], s not in listed, s))
    for spelling in ordered:
        parts = _person_parts(spelling)
        assert parts is not None  # only full names are counted
        candidates: set[int] = set()
        for found in (seeded.holding.get(spelling), holding.get(spelling)):
            if found is not None:
                candidates.add(found)
        for block in _neighbour_blocks(parts):
            candidates.update(seed_blocks.get(block, ()))
            candidates.update(blocks.get(block, ()))
        for index in sorted(candidates):
            group = groups[index]
            if spelling in group or any(
                (other_parts := _person_parts(other)) is not None
                and _same_parts(parts, other_parts)
                for other in group
            ):
                if spelling not in group:
                    group.append(spelling)
                    add(spelling, index)
                break
        else:
            groups.append([spelling])
            add(spelling, len(groups) - 1)
    clusters = []
    for index, group in enumerate(groups):
        if index < len(seeds):
            seed = seeds[index]
            clusters.append(NameCluster(seed.canonical, tuple(sorted(group)), seed.fixed_iri))
            continue
        canonical = min(group, key=lambda s: (-counts[s], s not in listed, s))
        clusters.append(NameCluster(canonical, tuple(sorted(group))))
    return clusters


# --------------------------------------------------------------------------- lookups


class _ClusterIndex:
    """Where each spelling of a tuple of clusters is, and which clusters hold a full
    name in each block (`_block`): built once per tuple, not once per lookup."""

    def __init__(self, clusters: Sequence[NameCluster]) -> None:
        self.clusters = clusters  # kept alive: the cache is keyed by its id
        self.holding: dict[str, int] = {}
        self.blocks: defaultdict[tuple[str, int], set[int]] = defaultdict(set)
        for index, cluster in enumerate(clusters):
            for spelling in cluster.spellings:
                self.holding.setdefault(spelling, index)
        self._blocked = False

    def block_index(self) -> defaultdict[tuple[str, int], set[int]]:
        if not self._blocked:
            for index, cluster in enumerate(self.clusters):
                for spelling in cluster.spellings:
                    parts = _person_parts(spelling)
                    if parts is not None:
                        self.blocks[_block(parts)].add(index)
            self._blocked = True
        return self.blocks


_INDEXES: dict[int, _ClusterIndex] = {}
_INDEXES_KEPT = 8


def _index(clusters: tuple[NameCluster, ...]) -> _ClusterIndex:
    index = _INDEXES.get(id(clusters))
    if index is None or index.clusters is not clusters:
        if len(_INDEXES) >= _INDEXES_KEPT:
            del _INDEXES[next(iter(_INDEXES))]
        index = _INDEXES[id(clusters)] = _ClusterIndex(clusters)
    return index


def first_cluster_with(clusters: Iterable[NameCluster], spelling: str) -> NameCluster | None:
    """The first cluster that has `spelling` among its spellings."""
    if not isinstance(clusters, tuple):
        return next((c for c in clusters if spelling in c.spellings), None)
    position = _index(clusters).holding.get(spelling)
    return None if position is None else clusters[position]


def first_similar_person(clusters: tuple[NameCluster, ...], spelling: str) -> NameCluster | None:
    """The first cluster with a spelling `same_person` accepts for `spelling`."""
    parts = _person_parts(spelling)
    if parts is None:
        return None
    blocks = _index(clusters).block_index()
    candidates: set[int] = set()
    for block in _neighbour_blocks(parts):
        candidates.update(blocks.get(block, ()))
    for position in sorted(candidates):
        if any(same_person(spelling, other) for other in clusters[position].spellings):
            return clusters[position]
    return None
