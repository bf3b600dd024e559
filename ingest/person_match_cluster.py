"""Grouping person records into people: scored, constrained, order-independent, blocked.

A record is one spelling in one document (two entries with one spelling on one member
list are two records). Records join the best-scoring person `person_match` accepts,
in an order fixed by content (most frequent spelling first), so the result does not
depend on the order of documents. Only the people that can match are scored: those
holding the spelling, and those with a full name in a neighbouring block (given
name's first letter after variant folding, family name length ±1), so the work per
record does not grow with the number of people known.

People already known (`seeds`, from the store) keep their IRI and canonical name.
A new person is named by its most frequent spelling (ties: a member-list spelling,
then the alphabetically first); when that name's IRI is taken by another person,
the later one (by first date, then document) gets `-2`, `-3` ….
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache

from beslutsgraf.ingest.curation import Curation, slugs_of
from beslutsgraf.ingest.iris import DEFAULT_MINTER, IriMinter
from beslutsgraf.ingest.names import fold, split_name
from beslutsgraf.ingest.person_match import (
    Evidence,
    EvidenceKind,
    GrowingContext,
    PersonContext,
    PersonMatch,
    given_name_key,
    match_people,
)

__all__ = [
    "PersonGroup",
    "PersonRecord",
    "RecordKey",
    "cluster_people",
    "merge_keys",
]

RecordKey = tuple[str, str, int]  # (source IRI, spelling, ordinal among equal entries)


@dataclass(frozen=True)
class PersonRecord:
    key: RecordKey
    context: PersonContext
    occurrences: int = 1  # places in the document (the canonical spelling's vote)
    listed: bool = False  # on the document's member list
    attach_only: bool = False  # running text only: joins a person, never makes one
    stored_iri: str | None = None  # the person node the store gives it

    @property
    def spelling(self) -> str:
        return self.key[1]

    @property
    def source(self) -> str:
        return self.key[0]


@dataclass(frozen=True)
class PersonGroup:
    """One person: its IRI, canonical name and the records that name it."""

    iri: str
    canonical: str
    records: tuple[PersonRecord, ...]
    joins: tuple[PersonMatch, ...] = field(default=(), compare=False)  # why records joined

    @property
    def spellings(self) -> tuple[str, ...]:
        return tuple(sorted({record.spelling for record in self.records} | {self.canonical}))

    @cached_property
    def context(self) -> PersonContext:
        """Every record's context together (computed once: a stored person is compared
        with each batch of a run)."""
        return PersonContext.merged(record.context for record in self.records)

    def without_sources(self, sources: frozenset[str]) -> PersonGroup | None:
        if not any(record.source in sources for record in self.records):
            return self
        kept = tuple(r for r in self.records if r.source not in sources)
        return replace(self, records=kept) if kept else None


@lru_cache(maxsize=1 << 16)
def merge_keys(spelling: str) -> frozenset[tuple[str, str]]:
    """Keys two spellings share whenever the name rules could merge them: the given
    name's initial with the folded family name and each of its one-letter deletions. A
    merge needs family names at most one edit apart, and two such names always share
    one of these (a substitution deletes to the same string, an insertion to the
    shorter name), so looking up only these keys finds every group a spelling could
    join, where the report's wider blocks (person_match_review.block_of) would
    compare it with most of a large store."""
    given, family = split_name(spelling)
    if not family:
        return frozenset()
    initial, folded = given_name_key(given)[:1], fold(family)
    deletions = (folded[:i] + folded[i + 1 :] for i in range(len(folded)))
    return frozenset((initial, key) for key in (folded, *deletions))


@dataclass
class _Building:
    iri: str | None
    canonical: str | None
    records: list[PersonRecord]
    context: GrowingContext
    slugs: set[str]
    joins: list[PersonMatch] = field(default_factory=list)
    spellings: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.spellings = {record.spelling for record in self.records}
        if self.canonical:
            self.spellings.add(self.canonical)


def _curated_match(spelling: str, group: _Building, same: bool, source: str) -> PersonMatch:
    kind = EvidenceKind.CURATED_SAME if same else EvidenceKind.CURATED_NOT_SAME
    other = min(group.spellings)
    return PersonMatch(
        spelling,
        other,
        1.0 if same else 0.0,
        (Evidence(kind, source),),
        blocked=not same,
        curated=True,
        curation_source=source,
    )


def cluster_people(
    records: Iterable[PersonRecord],
    seeds: Sequence[PersonGroup] = (),
    curation: Curation | None = None,
    minter: IriMinter = DEFAULT_MINTER,
) -> tuple[list[PersonGroup], dict[RecordKey, int]]:
    """People from `seeds` plus `records`, and where each record went (index)."""
    curation = curation or Curation()
    curated_slugs = curation.slugs
    records = list(records)
    counts: Counter[str] = Counter()
    listed: set[str] = set()
    for record in records:
        counts[record.spelling] += record.occurrences
        if record.listed:
            listed.add(record.spelling)
    groups: list[_Building] = []
    holding: defaultdict[str, set[int]] = defaultdict(set)
    blocks: defaultdict[tuple[str, str], set[int]] = defaultdict(set)
    by_slug: defaultdict[str, set[int]] = defaultdict(set)

    def index(position: int, spellings: Iterable[str], slugs: Iterable[str]) -> None:
        for spelling in spellings:
            holding[spelling].add(position)
            for key in merge_keys(spelling):
                blocks[key].add(position)
        for value in slugs:
            if value in curated_slugs:
                by_slug[value].add(position)

    for seed in seeds:
        # Slugs only matter to curation: without it, they are not worth computing.
        slugs = set(slugs_of(seed.spellings, (seed.iri,), minter)) if curated_slugs else set()
        context = GrowingContext.of([seed.context])
        groups.append(_Building(seed.iri, seed.canonical, list(seed.records), context, slugs))
        index(len(groups) - 1, groups[-1].spellings, slugs)

    ordered = sorted(
        records,
        key=lambda r: (-counts[r.spelling], r.spelling not in listed, r.spelling, r.key),
    )
    placed: dict[RecordKey, int] = {}
    for record in ordered:
        spelling = record.spelling
        record_slugs = slugs_of([spelling], (), minter) if curated_slugs else frozenset()
        candidates = set(holding.get(spelling, ()))
        for key in merge_keys(spelling):
            candidates.update(blocks.get(key, ()))
        for value in record_slugs & curated_slugs:
            for decision in curation.decisions:
                if decision.same and value in (decision.left, decision.right):
                    other = decision.right if value == decision.left else decision.left
                    candidates.update(by_slug.get(other, ()))
        best: tuple[float, int, PersonMatch] | None = None
        for position in sorted(candidates):
            group = groups[position]
            verdict = curation.verdict(record_slugs, frozenset(group.slugs))
            if verdict is not None:
                match = _curated_match(spelling, group, verdict.same, verdict.source)
            else:
                match = match_people([spelling], record.context, group.spellings, group.context)
            if match.blocked or not (match.merges or match.curated):
                continue
            if best is None or (match.score, -position) > (best[0], -best[1]):
                best = (match.score, position, match)
        if best is not None:
            position = best[1]
            group = groups[position]
            group.records.append(record)
            group.spellings.add(spelling)
            group.context.add(record.context)
            group.slugs |= record_slugs
            group.joins.append(best[2])
            index(position, [spelling], record_slugs)
        elif record.attach_only:
            continue
        else:
            context = GrowingContext.of([record.context])
            groups.append(_Building(None, None, [record], context, set(record_slugs)))
            position = len(groups) - 1
            index(position, [spelling], record_slugs)
        placed[record.key] = position
    for position, group in enumerate(groups):
        for record in group.records:
            placed.setdefault(record.key, position)
    return _named(groups, counts, listed, minter), placed


def _first_seen(group: _Building) -> tuple[dt.date, str]:
    dates = group.context.dates
    return (min(dates) if dates else dt.date.max, min(r.key for r in group.records)[0])


def _named(
    groups: list[_Building], counts: Counter[str], listed: set[str], minter: IriMinter
) -> list[PersonGroup]:
    taken = {group.iri for group in groups if group.iri is not None}
    for group in groups:
        if group.canonical is None:
            group.canonical = min(group.spellings, key=lambda s: (-counts[s], s not in listed, s))
    new = sorted(
        (g for g in groups if g.iri is None),
        key=lambda g: (g.canonical or "", _first_seen(g)),
    )
    for group in new:
        assert group.canonical is not None
        suffix = 1
        while str(minter.person(group.canonical, suffix)) in taken:
            suffix += 1
        group.iri = str(minter.person(group.canonical, suffix))
        taken.add(group.iri)
    return [
        PersonGroup(g.iri or "", g.canonical or "", tuple(g.records), tuple(g.joins))
        for g in groups
    ]
