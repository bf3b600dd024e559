"""An update that parses but cannot be applied raises UpdateFailed (a user error with
the reason and what to do), and writes nothing of it."""

from __future__ import annotations

import pytest

from beslutsgraf.store import EmbeddedStore, QuerySyntaxError, UpdateFailed

EX = "http://example.org/"
INSERT = f"INSERT DATA {{ GRAPH <{EX}g> {{ <{EX}s> <{EX}p> 1 }} }}"


def test_clear_of_a_missing_graph(embedded_store: EmbeddedStore) -> None:
    with pytest.raises(UpdateFailed) as caught:
        embedded_store.update(f"CLEAR GRAPH <{EX}missing>")
    assert caught.value.code == "E010"
    assert f"<{EX}missing> does not exist" in caught.value.message
    assert "SILENT" in caught.value.message
    embedded_store.update(f"CLEAR SILENT GRAPH <{EX}missing>")  # as the message says


def test_create_of_an_existing_graph(embedded_store: EmbeddedStore) -> None:
    embedded_store.update(INSERT)
    with pytest.raises(UpdateFailed, match="already exists"):
        embedded_store.update(f"CREATE GRAPH <{EX}g>")


def test_load_that_fetches_nothing(embedded_store: EmbeddedStore) -> None:
    # Nothing listens on port 1: the fetch fails at once.
    with pytest.raises(UpdateFailed, match="LOAD failed"):
        embedded_store.update("LOAD <http://127.0.0.1:1/minutes.ttl>")


def test_a_failed_operation_undoes_the_whole_request(embedded_store: EmbeddedStore) -> None:
    with pytest.raises(UpdateFailed):
        embedded_store.update(f"{INSERT} ;\nDROP GRAPH <{EX}missing>")
    assert embedded_store.named_graphs() == []


def test_syntax_errors_stay_syntax_errors(embedded_store: EmbeddedStore) -> None:
    with pytest.raises(QuerySyntaxError) as caught:
        embedded_store.update("CLEAR GRAPH <")
    assert not isinstance(caught.value, UpdateFailed)
    assert caught.value.line == 1
