"""A person's context gathered from many documents: the same sets, and the same "same
period" answer, whichever way they are put together. A body's members are named in
every minutes of its archive, so these run over thousands of records a person."""

from __future__ import annotations

import datetime as dt
import random
from functools import reduce

from beslutsgraf.ingest.person_match import (
    _SAME_PERIOD,
    GrowingContext,
    PersonContext,
    _close,
)
from beslutsgraf.ingest.person_match_cluster import PersonGroup, PersonRecord, cluster_people
from beslutsgraf.ingest.person_match_review import identity_decisions

SOURCE = "https://w3id.org/beslutsgraf/id/source/"
START = dt.date(2010, 1, 7)


def _context(rng: random.Random) -> PersonContext:
    def some(prefix: str) -> frozenset[str]:
        return frozenset(f"{prefix}{rng.randrange(6)}" for _ in range(rng.randrange(3)))

    dates = frozenset(START + dt.timedelta(days=rng.randrange(5000)) for _ in range(2))
    return PersonContext(some("party"), some("org"), some("role"), some("src"), some("list"), dates)


def test_merged_is_the_union_of_every_context() -> None:
    rng = random.Random(3)
    contexts = [_context(rng) for _ in range(300)]
    assert PersonContext.merged(contexts) == reduce(PersonContext.union, contexts)
    assert PersonContext.merged([]) == PersonContext()
    assert GrowingContext.of(contexts).frozen() == PersonContext.merged(contexts)


def test_close_agrees_with_comparing_every_pair() -> None:
    rng = random.Random(5)
    period = _SAME_PERIOD.days
    checked = {True: 0, False: 0}
    for _ in range(2000):
        sizes = (rng.choice([1, 2, 9, 30]), rng.choice([1, 8, 9, 60]))
        spread = rng.choice([3 * period, 30 * period])
        first, second = (
            {START + dt.timedelta(days=rng.randrange(spread)) for _ in range(size)}
            for size in sizes
        )
        if rng.random() < 0.1:  # exactly the period apart: still close
            second.add(min(first) + _SAME_PERIOD)
        expected = any(abs(a - b) <= _SAME_PERIOD for a in first for b in second)
        assert _close(first, second) == expected == _close(second, first)
        checked[expected] += 1
    assert min(checked.values()) > 200  # both answers were tried often


def _record(name: str, document: int, listed: bool = True) -> PersonRecord:
    source = f"{SOURCE}{document:016x}"
    context = PersonContext(
        frozenset({"S"}),
        frozenset({"org"}),
        frozenset({"ledamot"}),
        frozenset({source}),
        frozenset({source}) if listed else frozenset(),
        frozenset({START + dt.timedelta(weeks=document)}),
    )
    return PersonRecord((source, name, 0), context, listed=listed)


def test_members_of_a_long_archive_gain_a_batch_without_changing_what_is_stored() -> None:
    """Two members named in 1,500 minutes each, one of them also as "Helen Eliasson";
    a batch of 100 more minutes names both. Clustering adds to the stored people and
    leaves the stored groups it was given as they were."""
    archive = 1500
    chair = PersonGroup(
        "https://w3id.org/beslutsgraf/id/person/helen-eliasson",
        "Helén Eliasson",
        tuple(
            _record("Helen Eliasson" if n % 10 == 0 else "Helén Eliasson", n)
            for n in range(archive)
        ),
    )
    member = PersonGroup(
        "https://w3id.org/beslutsgraf/id/person/axel-josefsson",
        "Axel Josefsson",
        tuple(_record("Axel Josefsson", n) for n in range(archive)),
    )
    stored_context = chair.context
    batch = [
        _record(name, archive + n)
        for n in range(100)
        for name in ("Helén Eliasson", "Axel Josefsson")
    ]
    groups, placed = cluster_people(batch, [chair, member])
    assert [group.iri for group in groups] == [chair.iri, member.iri]
    assert {placed[record.key] for record in batch[::2]} == {0}
    assert {placed[record.key] for record in batch[1::2]} == {1}
    assert len(groups[0].context.sources) == archive + 100
    assert chair.context == stored_context and len(chair.context.sources) == archive
    decisions = identity_decisions(groups)
    assert [(d.persons, d.match.first, d.match.second) for d in decisions] == [
        ((chair.iri,), "Helen Eliasson", "Helén Eliasson")
    ]
    # The spelling's 150 minutes, and the canonical name's (the best-matching pair).
    assert len(decisions[0].sources) == archive + 100
