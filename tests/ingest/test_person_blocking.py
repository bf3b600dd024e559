"""Clustering compares a spelling only with the groups that share a merge key with it. A
key too narrow would keep two spellings of one person apart without a word, so every pair
the name rules may merge must share a key."""

from __future__ import annotations

import random

from rapidfuzz.distance import Levenshtein

from beslutsgraf.ingest.names import fold, split_name
from beslutsgraf.ingest.person_match import name_match
from beslutsgraf.ingest.person_match_cluster import merge_keys

FAMILY = ["Eliasson", "Elisson", "Svensson", "Karlsson", "Carlsson", "Holmgren", "Olsson"]
GIVEN = ["Helén", "Helene", "Helen", "Kristoffer", "Kristofer", "Monica", "Monika", "Anna"]


def _edits(word: str, rng: random.Random) -> str:
    """`word` with one random substitution, insertion or deletion."""
    i = rng.randrange(len(word))
    letter = rng.choice("abcdefghijklmnopqrstuvwxyzåäö")
    return rng.choice(
        [word[:i] + letter + word[i + 1 :], word[:i] + letter + word[i:], word[:i] + word[i + 1 :]]
    )


def test_every_pair_the_rules_may_merge_shares_a_key() -> None:
    rng = random.Random(6)
    checked = 0
    for _ in range(3000):
        given_a, given_b = rng.choice(GIVEN), rng.choice(GIVEN)
        family_a = rng.choice(FAMILY)
        family_b = _edits(family_a, rng) if rng.random() < 0.8 else rng.choice(FAMILY)
        first, second = f"{given_a} {family_a}", f"{given_b} {family_b.capitalize()}"
        if name_match(first, second)[2]:
            checked += 1
            assert merge_keys(first) & merge_keys(second), (first, second)
    assert checked > 500  # the generator produces many mergeable pairs


def test_keys_are_the_folded_family_name_and_its_one_letter_deletions() -> None:
    keys = merge_keys("Helén Eliasson")
    assert ("h", "eliasson") in keys and ("h", "elisson") in keys  # "Helen Elisson"
    assert merge_keys("Helen Elisson") & keys
    assert not merge_keys("Helén Eliasson") & merge_keys("Helén Nordling")
    assert merge_keys("Helén") == frozenset()  # a given name alone has no family name
    _, family = split_name("Anna Lärk Ståhlberg")
    assert ("a", fold(family)) in merge_keys("Anna Lärk Ståhlberg")
    assert Levenshtein.distance("karlsson", "carlsson") == 1
    assert merge_keys("Anna Karlsson") & merge_keys("Anna Carlsson")
