"""Person records as the store holds them: one per document graph, person node and
spelling, with the context that graph gives the person (parties, organisations and
roles of its memberships, the meeting's date, the member list).

The spellings are the evidence quotes (`oa:exact` of the identifying annotations),
so a record says what the document wrote, not only the canonical name it was given.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from beslutsgraf.ingest.iris import DEFAULT_MINTER, IriMinter
from beslutsgraf.ingest.names import is_full_name
from beslutsgraf.ingest.person_match import PersonContext
from beslutsgraf.ingest.person_match_cluster import PersonGroup, PersonRecord
from beslutsgraf.store.base import Store

__all__ = ["StoredPeople", "stored_people"]

_PREFIXES = """
PREFIX bg: <https://w3id.org/beslutsgraf/def#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX org: <http://www.w3.org/ns/org#>
"""
_PARTY_ROLE = "https://w3id.org/beslutsgraf/def#partimedlem"


@dataclass(frozen=True)
class StoredPeople:
    groups: tuple[PersonGroup, ...]  # one per person node, sorted by IRI
    file_names: Mapping[str, str]  # document graph → bg:fileName


def _value(term: str) -> str:
    from beslutsgraf.ingest.known import literal_value

    return literal_value(term) if term.startswith('"') else term.strip("<>")


def stored_people(store: Store, minter: IriMinter = DEFAULT_MINTER) -> StoredPeople:
    """Every person node of the document graphs, as records per graph and spelling."""
    prefix = str(minter.source("0" * 16)).rsplit("/", 1)[0] + "/"
    names: dict[str, str] = {}
    spellings: defaultdict[tuple[str, str], set[str]] = defaultdict(set)
    for row in store.select(
        _PREFIXES + "SELECT ?g ?p ?name WHERE { GRAPH ?g { ?p a foaf:Person ; foaf:name ?name } }"
    ):
        graph = _value(row["g"])
        if graph.startswith(prefix):
            names.setdefault(_value(row["p"]), _value(row["name"]))
            spellings[(graph, _value(row["p"]))]
    for row in store.select(
        _PREFIXES + "SELECT ?g ?p ?exact WHERE { GRAPH ?g { ?p a foaf:Person . "
        "?a oa:hasBody ?p ; oa:motivatedBy oa:identifying ; oa:hasTarget ?t . "
        "?t oa:hasSelector ?s . ?s oa:exact ?exact } }"
    ):
        key = (_value(row["g"]), _value(row["p"]))
        exact = " ".join(_value(row["exact"]).split())
        # A first name or a pronoun resolved in its meeting is no spelling of the name.
        if key in spellings and is_full_name(exact):
            spellings[key].add(exact)
    parties: defaultdict[tuple[str, str], set[str]] = defaultdict(set)
    organisations: defaultdict[tuple[str, str], set[str]] = defaultdict(set)
    roles: defaultdict[tuple[str, str], set[str]] = defaultdict(set)
    for row in store.select(
        _PREFIXES + "SELECT ?g ?p ?o ?r ?rep WHERE { GRAPH ?g { ?m org:member ?p ; "
        "org:organization ?o ; org:role ?r . OPTIONAL { ?m bg:represents ?rep } } }"
    ):
        key = (_value(row["g"]), _value(row["p"]))
        if _value(row["r"]) == _PARTY_ROLE:
            parties[key].add(_value(row["o"]))
            continue
        organisations[key].add(_value(row["o"]))
        roles[key].add(_value(row["r"]))
        if "rep" in row:
            organisations[key].add(_value(row["rep"]))
    listed = {
        (_value(row["g"]), _value(row["p"]))
        for row in store.select(_PREFIXES + "SELECT ?g ?p WHERE { GRAPH ?g { ?m bg:called ?p } }")
    }
    dates: defaultdict[str, set[dt.date]] = defaultdict(set)
    for row in store.select(
        _PREFIXES + "SELECT ?g ?d WHERE { GRAPH ?g { ?m a bg:Meeting ; bg:reportedIn ?g ; "
        "bg:meetingStatus bg:held ; dct:date ?d } }"
    ):
        try:
            dates[_value(row["g"])].add(dt.date.fromisoformat(_value(row["d"])))
        except ValueError:
            continue
    file_names = {
        _value(row["g"]): _value(row["f"])
        for row in store.select(_PREFIXES + "SELECT ?g ?f WHERE { GRAPH ?g { ?g bg:fileName ?f } }")
    }
    records: defaultdict[str, list[PersonRecord]] = defaultdict(list)
    ordinals: defaultdict[tuple[str, str], int] = defaultdict(int)
    for graph, node in sorted(spellings):
        key = (graph, node)
        context = PersonContext(
            parties=frozenset(parties[key]),
            organisations=frozenset(organisations[key]),
            roles=frozenset(roles[key]),
            sources=frozenset({graph}),
            listed_in=frozenset({graph}) if key in listed else frozenset(),
            dates=frozenset(dates[graph]),
        )
        for spelling in sorted(spellings[key] or {names[node]}):
            ordinal = ordinals[(graph, spelling)]
            ordinals[(graph, spelling)] += 1
            records[node].append(
                PersonRecord(
                    (graph, spelling, ordinal),
                    context,
                    listed=key in listed,
                    stored_iri=node,
                )
            )
    groups = tuple(PersonGroup(node, names[node], tuple(records[node])) for node in sorted(records))
    return StoredPeople(groups, file_names)
