"""How likely two spellings name one person: a score in [0, 1] with named evidence.

The name decides whether a merge is possible at all: `names.py`'s rules (accents
folded, one edit in the family name, a close given name with the same first letter)
or a given-name variant from `data/given_name_variants.tsv` ("Kristofer"/"Kristoffer",
"Catharina"/"Katarina"). A name that passes scores by how it differs; what the
documents say around the names then moves the score: the same party, organisation
or role, the two spellings in one meeting's minutes, dates close together raise it;
two different parties lower it. Two names on one member list are two people,
whatever the score: that pair is blocked.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache, lru_cache

from rapidfuzz.distance import Levenshtein

from beslutsgraf.ingest.data_files import read_table
from beslutsgraf.ingest.names import fold, is_full_name, split_name

__all__ = [
    "MERGE_SCORE",
    "REVIEW_SCORE",
    "Evidence",
    "EvidenceKind",
    "PersonContext",
    "PersonMatch",
    "given_name_key",
    "match_people",
    "name_match",
]

# A pair at or above MERGE_SCORE is one person; between REVIEW_SCORE and it, a near
# miss a curator should look at.
MERGE_SCORE = 0.80
REVIEW_SCORE = 0.55
# A name that fails the rules can be a near miss, never a merge.
_BELOW_MERGE = MERGE_SCORE - 0.05
# Two dates closer than this support one person (terms of office are four years).
_SAME_PERIOD = dt.timedelta(days=4 * 365)
# Below this many dates on one side, `_close` compares every pair rather than sort.
_FEW_DATES = 8


class EvidenceKind(StrEnum):
    """What a score rests on; the values are what id:graph/resolution records."""

    IDENTICAL_NAME = "identical-name"
    ACCENT_FOLDING = "accent-folding"
    GIVEN_NAME_VARIANT = "given-name-variant"
    MISSING_OR_DOUBLED_LETTER = "missing-or-doubled-letter"
    EDIT_DISTANCE = "edit-distance"
    DIFFERENT_NAME = "different-name"
    SAME_PARTY = "same-party"
    DIFFERENT_PARTY = "different-party"
    SAME_ORGANISATION = "same-organisation"
    SAME_ROLE = "same-role"
    SAME_MEETING = "same-meeting"
    SAME_PERIOD = "same-period"
    SAME_MEMBER_LIST = "same-member-list"
    CURATED_SAME = "curated-same"
    CURATED_NOT_SAME = "curated-not-same"


# Context weights: added to the name's score.
_CONTEXT_WEIGHTS = {
    EvidenceKind.SAME_PARTY: 0.10,
    EvidenceKind.DIFFERENT_PARTY: -0.40,
    EvidenceKind.SAME_ORGANISATION: 0.08,
    EvidenceKind.SAME_ROLE: 0.05,
    EvidenceKind.SAME_MEETING: 0.10,
    EvidenceKind.SAME_PERIOD: 0.03,
}
# Factors for each way a name part may differ (the name's score is their product).
_ACCENTS = 0.97
_VARIANT = 0.93
_ONE_LETTER = 0.90
_FAMILY_EDIT = 0.85
_GIVEN_EDITS = 0.80


@dataclass(frozen=True)
class Evidence:
    kind: EvidenceKind
    detail: str = ""  # "Helen/Helene", the party or organisation shared

    def __str__(self) -> str:
        return f"{self.kind.value}: {self.detail}" if self.detail else self.kind.value


@dataclass(frozen=True)
class PersonContext:
    """What the documents say around one person's mentions (IRIs as strings)."""

    parties: frozenset[str] = frozenset()
    organisations: frozenset[str] = frozenset()
    roles: frozenset[str] = frozenset()
    sources: frozenset[str] = frozenset()  # documents naming the person
    listed_in: frozenset[str] = frozenset()  # documents whose member list names them
    dates: frozenset[dt.date] = frozenset()

    def union(self, other: PersonContext) -> PersonContext:
        return PersonContext(
            self.parties | other.parties,
            self.organisations | other.organisations,
            self.roles | other.roles,
            self.sources | other.sources,
            self.listed_in | other.listed_in,
            self.dates | other.dates,
        )

    @staticmethod
    def merged(contexts: Iterable[PersonContext]) -> PersonContext:
        """The union of many contexts in one pass. Folding `union` over them copies the
        growing sets once per context: quadratic in the documents that name a person,
        and a person of a large store is named by thousands."""
        return GrowingContext.of(contexts).frozen()


@dataclass
class GrowingContext:
    """A context that records join one at a time (a person being clustered): each
    join adds to the sets in place instead of copying them."""

    parties: set[str] = field(default_factory=set)
    organisations: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)
    listed_in: set[str] = field(default_factory=set)
    dates: set[dt.date] = field(default_factory=set)

    @staticmethod
    def of(contexts: Iterable[PersonContext]) -> GrowingContext:
        growing = GrowingContext()
        for context in contexts:
            growing.add(context)
        return growing

    def add(self, context: PersonContext) -> None:
        self.parties |= context.parties
        self.organisations |= context.organisations
        self.roles |= context.roles
        self.sources |= context.sources
        self.listed_in |= context.listed_in
        self.dates |= context.dates

    def frozen(self) -> PersonContext:
        return PersonContext(
            frozenset(self.parties),
            frozenset(self.organisations),
            frozenset(self.roles),
            frozenset(self.sources),
            frozenset(self.listed_in),
            frozenset(self.dates),
        )


# What matching reads of a context: a person's whole (`PersonContext`) or one being
# clustered (`GrowingContext`).
AnyContext = PersonContext | GrowingContext


@dataclass(frozen=True)
class PersonMatch:
    """The best-scoring pair of spellings between two people, and why."""

    first: str
    second: str
    score: float
    evidence: tuple[Evidence, ...]
    blocked: bool = False  # on one member list, or curated "not same"
    curated: bool = False  # a curator decided (either way)
    curation_source: str | None = field(default=None, compare=False)
    name_score: float = 0.0  # the names' part of the score (ties go to the closer name)

    @property
    def merges(self) -> bool:
        return not self.blocked and self.score >= MERGE_SCORE


# --------------------------------------------------------------------------- names


@cache
def _variant_keys() -> dict[str, str]:
    """Folded given name → the first name of its variant line."""
    keys: dict[str, str] = {}
    for row in read_table("given_name_variants.tsv"):
        for name in row:
            keys.setdefault(name, row[0])
    return keys


def given_name_key(given: str) -> str:
    """The folded given name, with every variant mapped to one form ("kristofer" →
    "kristoffer"): what two spellings of one person's given name share."""
    folded = fold(given)
    return _variant_keys().get(folded, folded)


def _one_letter(a: str, b: str) -> bool:
    """One letter missing or doubled: "Elisson"/"Eliasson", "Kristofer"/"Kristoffer"."""
    if abs(len(a) - len(b)) != 1:
        return False
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))


# Pure functions of two spellings, asked again for every record that meets a person.
@lru_cache(maxsize=1 << 16)
def _given_factor(raw_a: str, raw_b: str) -> tuple[float, Evidence] | None:
    a, b = fold(raw_a), fold(raw_b)
    if a == b:
        if raw_a == raw_b:
            return 1.0, Evidence(EvidenceKind.IDENTICAL_NAME, raw_a)
        return _ACCENTS, Evidence(EvidenceKind.ACCENT_FOLDING, f"{raw_a}/{raw_b}")
    detail = f"{raw_a}/{raw_b}"
    if given_name_key(a) == given_name_key(b):
        return _VARIANT, Evidence(EvidenceKind.GIVEN_NAME_VARIANT, detail)
    if _one_letter(a, b):
        return _ONE_LETTER, Evidence(EvidenceKind.MISSING_OR_DOUBLED_LETTER, detail)
    # names.py's rule: the same first letter and at most two edits (one for short names).
    edits = 2 if min(len(a), len(b)) > 4 else 1
    if a[:1] == b[:1] and Levenshtein.distance(a, b) <= edits:
        return _GIVEN_EDITS, Evidence(EvidenceKind.EDIT_DISTANCE, detail)
    return None


@lru_cache(maxsize=1 << 16)
def _family_factor(raw_a: str, raw_b: str) -> tuple[float, Evidence] | None:
    a, b = fold(raw_a), fold(raw_b)
    if a == b:
        if raw_a == raw_b:
            return 1.0, Evidence(EvidenceKind.IDENTICAL_NAME, raw_a)
        return _ACCENTS, Evidence(EvidenceKind.ACCENT_FOLDING, f"{raw_a}/{raw_b}")
    detail = f"{raw_a}/{raw_b}"
    # names.py's rule: one edit, and none in a short family name.
    if min(len(a), len(b)) <= 4:
        return None
    if _one_letter(a, b):
        return _ONE_LETTER, Evidence(EvidenceKind.MISSING_OR_DOUBLED_LETTER, detail)
    if Levenshtein.distance(a, b) <= 1:
        return _FAMILY_EDIT, Evidence(EvidenceKind.EDIT_DISTANCE, detail)
    return None


@lru_cache(maxsize=1 << 16)
def name_match(first: str, second: str) -> tuple[float, tuple[Evidence, ...], bool]:
    """Score of two full names alone, its evidence, and whether the rules allow a merge."""
    if first == second:
        return 1.0, (Evidence(EvidenceKind.IDENTICAL_NAME, first),), True
    if not (is_full_name(first) and is_full_name(second)):
        return 0.0, (Evidence(EvidenceKind.DIFFERENT_NAME, f"{first}/{second}"),), False
    given_a, family_a = split_name(first)
    given_b, family_b = split_name(second)
    given = _given_factor(given_a, given_b)
    family = _family_factor(family_a, family_b)
    if given is None or family is None:
        similarity = Levenshtein.normalized_similarity(fold(first), fold(second))
        detail = f"{first}/{second}"
        return (
            round(0.6 * similarity, 3),
            (Evidence(EvidenceKind.DIFFERENT_NAME, detail),),
            False,
        )
    evidence = tuple(
        item for _, item in (given, family) if item.kind != EvidenceKind.IDENTICAL_NAME
    )
    return given[0] * family[0], evidence, True


# --------------------------------------------------------------------------- context


def _context_evidence(a: AnyContext, b: AnyContext) -> list[Evidence]:
    found: list[Evidence] = []
    if a.parties and b.parties:
        shared = a.parties & b.parties
        if shared:
            found.append(Evidence(EvidenceKind.SAME_PARTY, _short(shared)))
        else:
            found.append(
                Evidence(EvidenceKind.DIFFERENT_PARTY, f"{_short(a.parties)}/{_short(b.parties)}")
            )
    for kind, left, right in (
        (EvidenceKind.SAME_ORGANISATION, a.organisations, b.organisations),
        (EvidenceKind.SAME_ROLE, a.roles, b.roles),
        (EvidenceKind.SAME_MEETING, a.sources, b.sources),
    ):
        shared = left & right
        if shared:
            found.append(Evidence(kind, _short(shared)))
    if a.dates and b.dates and _close(a.dates, b.dates):
        found.append(Evidence(EvidenceKind.SAME_PERIOD))
    return found


def _short(values: Iterable[str]) -> str:
    """IRIs by their last segment: "S", "goteborgsregionen"."""
    return ", ".join(sorted(re.split(r"[/#]", value.rstrip("/"))[-1] for value in values))


def _close(first: AbstractSet[dt.date], second: AbstractSet[dt.date]) -> bool:
    """Whether a date of `first` is within `_SAME_PERIOD` of one of `second`. A few dates
    (one document's record) are compared with every date of the other side, stopping at
    the first close one; two people of a large store, each with a date per document that
    names them, are compared through the sorted dates of one of them."""
    if len(first) > len(second):
        first, second = second, first
    if len(first) <= _FEW_DATES:
        return any(abs(a - b) <= _SAME_PERIOD for a in first for b in second)
    ordered = sorted(second)
    for date in first:
        at = bisect.bisect_left(ordered, date)
        for neighbour in ordered[max(at - 1, 0) : at + 1]:
            if abs(date - neighbour) <= _SAME_PERIOD:
                return True
    return False


def match_people(
    first_spellings: Iterable[str],
    first_context: AnyContext,
    second_spellings: Iterable[str],
    second_context: AnyContext,
) -> PersonMatch:
    """The score of two people (each: spellings and context): the best pair of
    spellings by name, moved by the context the two share or contradict."""
    best: tuple[float, tuple[Evidence, ...], bool, str, str] | None = None
    seconds = sorted(set(second_spellings))
    for a in sorted(set(first_spellings)):
        for b in seconds:
            score, evidence, allowed = name_match(a, b)
            key = (allowed, score)
            if best is None or key > (best[2], best[0]):
                best = (score, evidence, allowed, a, b)
    if best is None:
        return PersonMatch("", "", 0.0, ())
    name_score, evidence, allowed, a, b = best
    context = _context_evidence(first_context, second_context)
    score = name_score + sum(_CONTEXT_WEIGHTS[item.kind] for item in context)
    score = round(min(1.0, max(0.0, score)), 3)
    if not allowed:
        score = min(score, _BELOW_MERGE)
    shared_list = first_context.listed_in & second_context.listed_in
    if shared_list:
        blocker = Evidence(EvidenceKind.SAME_MEMBER_LIST, _short(shared_list))
        evidence = (*evidence, *context, blocker)
        return PersonMatch(a, b, score, evidence, blocked=True, name_score=name_score)
    return PersonMatch(a, b, score, (*evidence, *context), name_score=name_score)
