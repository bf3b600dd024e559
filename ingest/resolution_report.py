"""The review of resolution a curator reads (`beslutsgraf resolve --report`).

Computed from the store: the people with their spellings and the scored decisions
that merged them, the near misses that were not merged (close scores, pairs the
member-list rule or a curator kept apart), and the organisations the documents name
that are not in the reference registers (`id:graph/reference`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from beslutsgraf.ingest.curation import Curation
from beslutsgraf.ingest.iris import DEFAULT_MINTER, IriMinter
from beslutsgraf.ingest.known import literal_value
from beslutsgraf.ingest.person_match_review import (
    IdentityDecision,
    identity_decisions,
    near_misses,
)
from beslutsgraf.ingest.person_match_store import stored_people
from beslutsgraf.store.base import Store

__all__ = ["PersonCluster", "ResolutionReport", "UnknownOrganisation", "resolution_report"]


@dataclass(frozen=True)
class PersonCluster:
    iri: str
    canonical: str
    spellings: tuple[str, ...]
    documents: int
    decisions: tuple[IdentityDecision, ...]  # one per spelling merged into the canonical


@dataclass(frozen=True)
class UnknownOrganisation:
    iri: str
    name: str
    documents: tuple[str, ...]  # file names


@dataclass(frozen=True)
class ResolutionReport:
    clusters: tuple[PersonCluster, ...]  # every person, by canonical name
    near_misses: tuple[IdentityDecision, ...]  # best score first
    kept_apart: tuple[IdentityDecision, ...]  # `-2` people and curated "not same"
    unknown_organisations: tuple[UnknownOrganisation, ...]

    @property
    def merged(self) -> tuple[PersonCluster, ...]:
        return tuple(cluster for cluster in self.clusters if len(cluster.spellings) > 1)


def _unknown_organisations(store: Store, minter: IriMinter) -> list[UnknownOrganisation]:
    prefix = minter.source_prefix()
    reference = minter.reference_graph()
    rows = store.select(
        "PREFIX org: <http://www.w3.org/ns/org#> "
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
        "PREFIX bg: <https://w3id.org/beslutsgraf/def#> "
        "SELECT ?g ?org ?label ?file WHERE { GRAPH ?g { ?org a org:Organization . "
        "OPTIONAL { ?org skos:prefLabel ?label } OPTIONAL { ?g bg:fileName ?file } } "
        f"FILTER NOT EXISTS {{ GRAPH <{reference}> {{ ?org ?p ?o }} }} }}"
    )
    names: dict[str, str] = {}
    files: defaultdict[str, set[str]] = defaultdict(set)
    for row in rows:
        if not row["g"].strip("<>").startswith(prefix):
            continue
        iri = row["org"].strip("<>")
        if "label" in row:
            names.setdefault(iri, literal_value(row["label"]))
        files[iri].add(literal_value(row["file"]) if "file" in row else row["g"].strip("<>"))
    return [
        UnknownOrganisation(iri, names.get(iri, iri), tuple(sorted(files[iri])))
        for iri in sorted(files, key=lambda i: (names.get(i) or i).casefold())
    ]


def resolution_report(
    store: Store, curation: Curation | None = None, minter: IriMinter = DEFAULT_MINTER
) -> ResolutionReport:
    """What resolution made of the documents in `store`, for review."""
    groups = stored_people(store, minter).groups
    decisions = identity_decisions(groups, curation)
    merges: defaultdict[str, list[IdentityDecision]] = defaultdict(list)
    for decision in decisions:
        if decision.merged:
            merges[decision.persons[0]].append(decision)
    clusters = tuple(
        sorted(
            (
                PersonCluster(
                    group.iri,
                    group.canonical,
                    group.spellings,
                    len(group.context.sources),
                    tuple(merges.get(group.iri, ())),
                )
                for group in groups
            ),
            key=lambda c: (c.canonical.casefold(), c.iri),
        )
    )
    return ResolutionReport(
        clusters,
        tuple(near_misses(groups, curation)),
        tuple(d for d in decisions if not d.merged),
        tuple(_unknown_organisations(store, minter)),
    )
