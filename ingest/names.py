"""Name matching for resolution: when two spellings are the same person or organisation.

Rules, not lists: accents folded, small edit distances allowed on the given and
the family name separately (so "Helen Elisson" is "Helén Eliasson", but "Marina
Johansson" is not "Adam Johansson"), and an organisation's genitive or a trailing
"kommunalförbund" does not make it another organisation.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

__all__ = [
    "NameCluster",
    "cluster_names",
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


def same_person(first: str, second: str) -> bool:
    """True when two full names are spellings of one name.

    Family names may differ by one edit ("Elisson"/"Eliasson"); given names by two
    edits or by an ending ("Helen"/"Helene", "Janette"/"Jeanette"), and must start
    with the same letter."""
    if not (is_full_name(first) and is_full_name(second)):
        return False
    given_a, family_a = (fold(part) for part in split_name(first))
    given_b, family_b = (fold(part) for part in split_name(second))
    if given_a[:1] != given_b[:1]:
        return False
    family_edits = 1 if min(len(family_a), len(family_b)) > 4 else 0
    if Levenshtein.distance(family_a, family_b) > family_edits:
        return False
    given_edits = 2 if min(len(given_a), len(given_b)) > 4 else 1
    return Levenshtein.distance(given_a, given_b) <= given_edits


_FEDERATION_WORD = re.compile(r"\S*kommunalforbund\S*")


def _organisation_key(name: str) -> str:
    key = _FEDERATION_WORD.sub(" ", fold(name))
    return " ".join(key.split())


def same_organisation(first: str, second: str) -> bool:
    """ "Västkom"/"VästKom", "Fyrbodal"/"Fyrbodals kommunalförbund",
    "Boråsregionen"/"Boråsregionens Kommunalförbund" are one organisation."""
    key_a, key_b = _organisation_key(first), _organisation_key(second)
    if not key_a or not key_b:
        return fold(first) == fold(second)
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
    ordered = sorted(counts, key=lambda s: (-counts[s], s not in listed, s))
    for spelling in ordered:
        for group in groups:
            if spelling in group or any(same_person(spelling, other) for other in group):
                if spelling not in group:
                    group.append(spelling)
                break
        else:
            groups.append([spelling])
    clusters = []
    for index, group in enumerate(groups):
        if index < len(seeds):
            seed = seeds[index]
            clusters.append(NameCluster(seed.canonical, tuple(sorted(group)), seed.fixed_iri))
            continue
        canonical = min(group, key=lambda s: (-counts[s], s not in listed, s))
        clusters.append(NameCluster(canonical, tuple(sorted(group))))
    return clusters
