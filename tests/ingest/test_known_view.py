"""`extend_known` against the store's view clusters people as against every stored person.

The view hands on only the stored people a batch record can join; these tests hold
one fact each that the full list gave for free.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import URIRef

from beslutsgraf.ingest.iris import DEFAULT_MINTER
from beslutsgraf.ingest.known import Known, KnownDecision, KnownMeeting, _clustered
from beslutsgraf.ingest.person_match import PersonContext
from beslutsgraf.ingest.person_match_cluster import PersonGroup, PersonRecord

_SOURCE = str(DEFAULT_MINTER.source("1" * 16))
_STORED = str(DEFAULT_MINTER.source("2" * 16))


class _View:
    """A store of given people, found by exact spelling only (no meetings or decisions)."""

    def __init__(self, people: Iterable[PersonGroup]) -> None:
        self.people = {group.iri: group for group in people}

    def people_near(self, spellings: Iterable[str], slugs: Iterable[str]) -> set[str]:
        wanted = set(spellings)
        return {iri for iri, g in self.people.items() if wanted & set(g.spellings)}

    def person(self, node: str) -> PersonGroup | None:
        return self.people.get(node)

    def graphs_named(self, file_names: Iterable[str]) -> set[str]:
        return set()

    def meetings_in(self, months: Iterable[tuple[URIRef | None, int, int]]) -> list[KnownMeeting]:
        return []

    def decisions_at(self, meetings: Iterable[URIRef]) -> list[KnownDecision]:
        return []


def _record(source: str, spelling: str) -> PersonRecord:
    return PersonRecord((source, spelling, 0), PersonContext(sources=frozenset({source})))


def test_a_new_person_never_takes_the_iri_of_a_stored_person_it_cannot_meet() -> None:
    # The stored person holds the IRI of "Anna Berg" but not that spelling: the view
    # does not hand it on (no candidate, and no merge follows), yet its IRI is taken.
    iri = str(DEFAULT_MINTER.person("Anna Berg"))
    stored = PersonGroup(iri, "Anna Bergh", (_record(_STORED, "Anna Bergh"),))
    records = [_record(_SOURCE, "Anna Berg")]
    view = _View([stored])
    assert view.people_near(["Anna Berg"], []) == set()
    everyone, _ = _clustered(Known(people=(stored,)), records, frozenset(), DEFAULT_MINTER)
    from_view, person_of = _clustered(Known(stored=view), records, frozenset(), DEFAULT_MINTER)
    new = from_view[person_of[records[0].key]]
    assert new.iri == str(DEFAULT_MINTER.person("Anna Berg", 2))
    assert new.iri == everyone[-1].iri
