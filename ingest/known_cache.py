"""What one run read of the store's document graphs, kept for the next run.

A run resolves its documents against every person, organisation, meeting and decision
of the store (known_store.py), so it first reads what each document graph says of them:
on a store of 3,000 synthetic minutes that took ~70 s, paid again by a run that adds one
document. The reader's per-graph findings are therefore saved at the end of a run in a
file the store hands out (`Store.derived_file`; an embedded store deletes it on any
write it did not hand out the file for, a remote store gives none), and the next run
takes from it every graph whose stamp is still the store's.

The stamp is the graph's `prov:generatedAtTime` (each write of a document graph by a
run states its time): a second check, for a graph replaced behind the store object's
back (another program opening the folder with pyoxigraph). The file also records a
fingerprint of the code that reads graphs and of the classes it holds: after an
upgrade it is not trusted, and the next run reads the store again.

The file is a pickle: it sits inside the store's folder, written and read only by
this program, so it is trusted exactly as far as the store itself.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from beslutsgraf.store.base import Store

__all__ = ["CACHE_NAME", "CachedGraph", "graph_stamps", "load_cache", "save_cache"]

CACHE_NAME = "known-graphs.pickle"
# Bump when what a cached graph means changes without a change to the files below.
_FORMAT = 1
# The modules whose code decides what is read of a graph and what it is read into.
_READERS = (
    "known_store.py",
    "person_match_store.py",
    "person_match_cluster.py",
    "person_match.py",
    "known_cache.py",
)


@dataclass(frozen=True)
class CachedGraph:
    stamp: str  # the graph's prov:generatedAtTime, as the store writes the literal
    facts: Mapping[str, frozenset[tuple[str, str]]]  # see known_store._GraphFacts
    people: Any  # person_match_store._GraphPeople (not imported: that module imports this)


def _fingerprint() -> str:
    digest = hashlib.sha256(str(_FORMAT).encode())
    folder = Path(__file__).parent
    for name in _READERS:
        digest.update((folder / name).read_bytes())
    return digest.hexdigest()


def graph_stamps(store: Store, prefix: str) -> dict[str, str]:
    """Each document graph (its name starts with `prefix`) → its stamp."""
    rows = store.select(
        "SELECT ?g ?t WHERE { GRAPH ?g { ?g <http://www.w3.org/ns/prov#generatedAtTime> ?t } }"
    )
    return {g: row["t"] for row in rows if (g := row["g"].strip("<>")).startswith(prefix)}


def load_cache(path: Path | None) -> dict[str, CachedGraph]:
    """The graphs saved in `path`; none when it is missing, unreadable or of other code."""
    if path is None:
        return {}
    try:
        with path.open("rb") as handle:
            saved = pickle.load(handle)
        if saved.get("fingerprint") != _fingerprint():
            return {}
        graphs: dict[str, CachedGraph] = saved["graphs"]
        return graphs
    except Exception:  # a torn or foreign file is only a slower run, never a failed one
        return {}


def save_cache(path: Path, graphs: Mapping[str, CachedGraph]) -> None:
    """Write `graphs` to `path` whole or not at all (a crash leaves the old file or none)."""
    partial = path.with_name(path.name + ".partial")
    with partial.open("wb") as handle:
        pickle.dump(
            {"fingerprint": _fingerprint(), "graphs": dict(graphs)},
            handle,
            protocol=pickle.HIGHEST_PROTOCOL,
        )
    os.replace(partial, path)
