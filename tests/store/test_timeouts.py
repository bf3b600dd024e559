"""Time limits: a runaway query is cut off with QueryTimeout while a concurrent simple
query still answers quickly, on both backends."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from beslutsgraf.store import EmbeddedStore, QuerySyntaxError, QueryTimeout, Store

EX = "http://example.org/"
# Three-way cross product over 1,500 triples: billions of solutions to count.
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
CSV = "text/csv"


def _fill(store: Store) -> None:
    lines = (f'<{EX}s{n}> <{EX}p{n % 7}> "{n}" <{EX}g{n % 5}> .\n' for n in range(1500))
    store.bulk_load("".join(lines).encode(), "application/n-quads")


def test_runaway_query_stops_while_a_simple_one_answers(store: Store) -> None:
    _fill(store)
    store.query("ASK { ?s ?p ?o }", CSV, timeout_s=10)  # starts a worker (embedded)
    outcome: dict[str, object] = {}

    def runaway() -> None:
        started = time.monotonic()
        try:
            store.query(RUNAWAY, CSV, timeout_s=1)
        except QueryTimeout as error:
            outcome["error"] = error
        outcome["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=runaway)
    thread.start()
    time.sleep(0.3)
    started = time.monotonic()
    simple = store.query(f"SELECT ?o WHERE {{ <{EX}s42> ?p ?o }}", CSV, timeout_s=10)
    simple_seconds = time.monotonic() - started
    thread.join(timeout=30)

    assert simple.body.splitlines() == [b"o", b"42"]
    assert simple_seconds < 3, f"a simple query waited {simple_seconds:.1f} s"
    assert isinstance(outcome.get("error"), QueryTimeout)
    assert "stopped after 1 s" in str(outcome["error"])
    assert 0.9 <= float(outcome["seconds"]) < 4  # type: ignore[arg-type]


def test_select_honours_the_time_limit(store: Store) -> None:
    _fill(store)
    with pytest.raises(QueryTimeout):
        store.select("SELECT ?a WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?i", timeout_s=1)


def test_embedded_timeout_kills_the_evaluation(embedded_store: EmbeddedStore) -> None:
    _fill(embedded_store)
    embedded_store.query("ASK { ?s ?p ?o }", CSV, timeout_s=10)
    before = _settled_worker_pids(embedded_store, 2)  # the one that answered + a spare
    with pytest.raises(QueryTimeout):
        embedded_store.query(RUNAWAY, CSV, timeout_s=1)
    # The process that ran the runaway query is gone, not left burning a core...
    [killed] = before - set(embedded_store.query_worker_pids())
    assert not Path(f"/proc/{killed}").exists()
    # ...and the pool is back to full strength for the next queries.
    assert embedded_store.query("ASK { ?s ?p ?o }", CSV, timeout_s=10).body == b"true"
    assert len(_settled_worker_pids(embedded_store, 2)) == 2


def _settled_worker_pids(store: EmbeddedStore, count: int) -> set[int]:
    """The worker pids once `count` are running (spares boot in the background)."""
    deadline = time.monotonic() + 20
    while len(pids := set(store.query_worker_pids())) < count and time.monotonic() < deadline:
        time.sleep(0.05)
    return pids


def test_timed_query_sees_writes_made_just_before(embedded_store: EmbeddedStore) -> None:
    ask = f"ASK {{ <{EX}new> ?p ?o }}"
    assert embedded_store.query(ask, CSV, timeout_s=10).body == b"false"
    embedded_store.update(f"INSERT DATA {{ GRAPH <{EX}g> {{ <{EX}new> <{EX}p> 1 }} }}")
    assert embedded_store.query(ask, CSV, timeout_s=10).body == b"true"


def test_remote_server_time_limit_is_reported_as_timeout(remote_store: Store) -> None:
    # The client would wait 20 s; `oxigraph serve --timeout-s` gives up first, mid-answer.
    _fill(remote_store)
    started = time.monotonic()
    with pytest.raises(QueryTimeout, match="server's own time limit"):
        remote_store.query(RUNAWAY, CSV, timeout_s=20)
    assert time.monotonic() - started < 15


def test_errors_cross_the_worker_boundary_intact(store: Store) -> None:
    with pytest.raises(QuerySyntaxError) as caught:
        store.query("ASK {\n  ?s ?p\n}", CSV, timeout_s=10)
    assert caught.value.line == 3 and caught.value.message.startswith(
        "query syntax error at line 3"
    )


def test_warm_up_boots_every_worker_before_the_first_query(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "store", query_workers=3)
    try:
        assert store.query_worker_pids() == []
        store.warm_up()
        pids = store.query_worker_pids()
        assert len(pids) == 3 and all(Path(f"/proc/{pid}").exists() for pid in pids)
        # The first timed query finds a worker waiting and a snapshot made.
        started = time.monotonic()
        assert store.query("ASK {}", CSV, timeout_s=10).body == b"true"
        assert time.monotonic() - started < 0.5
        assert store.query_worker_pids() == pids  # no new worker was needed
    finally:
        store.close()


def test_booting_a_worker_does_not_count_against_the_query_time_limit(tmp_path: Path) -> None:
    # Starting an interpreter takes far longer than 50 ms; the query itself does not.
    store = EmbeddedStore(tmp_path / "store")
    try:
        assert store.query_worker_pids() == []
        assert store.query("ASK {}", CSV, timeout_s=0.05).body == b"true"
    finally:
        store.close()
