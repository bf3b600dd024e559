"""Ingesting into a SPARQL server gives the graph an embedded store gets (issue #5).

The shared corpus goes through the CLI twice: `beslutsgraf ingest … --endpoint` into a
real `oxigraph serve`, and `beslutsgraf ingest … --store` into an embedded store. Every
competency query in docs/queries must then answer the same rows from both."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from beslutsgraf.service.cli import run as cli
from beslutsgraf.service.sparql_text import tokenize
from beslutsgraf.store import EmbeddedStore, RemoteStore, Store, open_store
from beslutsgraf.store.testing import running_oxigraph

QUERY_DIR = Path(__file__).resolve().parents[2] / "docs" / "queries"
QUERY_FILES = sorted(QUERY_DIR.glob("cq*.rq"))
JSON = "application/sparql-results+json"
# No minutes of the corpus say that an agreement replaces another (tests/service/
# test_api_agreement_replacements.py answers CQ10 on a protocol written for it).
NO_CASE_IN_CORPUS = {"cq10-agreement-replacements.rq"}

Binding = dict[str, dict[str, str]]


@pytest.fixture(scope="module")
def stores(
    corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, Store]]:
    """{"remote": the server the CLI ingested into, "embedded": the store it built}."""
    work = tmp_path_factory.mktemp("remote-ingest")
    with running_oxigraph(work / "oxigraph") as endpoint, pytest.MonkeyPatch.context() as env:
        # A remote ingest quarantines into the working directory: keep that in tmp.
        env.chdir(work)
        for name in ("BESLUTSGRAF_STORE", "BESLUTSGRAF_ENDPOINT"):
            env.delenv(name, raising=False)
        assert cli(["ingest", str(corpus_dir), "--endpoint", endpoint]) == 0
        assert cli(["ingest", str(corpus_dir), "--store", str(work / "store")]) == 0
        remote = open_store(None, endpoint)
        embedded = EmbeddedStore(work / "store")
        try:
            yield {"remote": remote, "embedded": embedded}
        finally:
            remote.close()
            embedded.close()


def _answer(store: Store, query: str) -> tuple[list[str], list[Binding]]:
    body: dict[str, Any] = json.loads(store.query(query, JSON).body)
    return body["head"]["vars"], body["results"]["bindings"]


def _is_ordered(query: str) -> bool:
    """Whether the query has an ORDER BY at its top level (not in a subquery)."""
    keywords = [(t.keyword, t.depth) for t in tokenize(query) if t.kind != "comment"]
    return any(
        (word, depth, following) == ("ORDER", 0, "BY")
        for (word, depth), (following, _) in itertools.pairwise(keywords)
    )


def _canonical(binding: Binding) -> str:
    # Blank node labels are the server's own; only their place in the row is compared.
    terms = {
        name: {"type": "bnode"} if term["type"] == "bnode" else term
        for name, term in binding.items()
    }
    return json.dumps(terms, sort_keys=True, ensure_ascii=False)


def test_the_corpus_lands_in_the_same_graphs_with_the_same_sizes(
    stores: dict[str, Store],
) -> None:
    remote, embedded = stores["remote"].triple_counts(), stores["embedded"].triple_counts()
    assert len(remote) >= 5 + 1  # one graph per corpus document, and the resolution graph
    assert remote == embedded


def test_there_are_competency_queries() -> None:
    assert len(QUERY_FILES) >= 8


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda path: path.name)
def test_every_competency_query_answers_the_same_on_both_stores(
    stores: dict[str, Store], path: Path
) -> None:
    query = path.read_text(encoding="utf-8")
    remote_vars, remote_rows = _answer(stores["remote"], query)
    embedded_vars, embedded_rows = _answer(stores["embedded"], query)
    assert remote_vars == embedded_vars
    # Every competency question has an answer on the corpus, but one it has no case of.
    if path.name not in NO_CASE_IN_CORPUS:
        assert remote_rows, f"{path.name} answered nothing on the remote store"
    remote_canonical = [_canonical(row) for row in remote_rows]
    embedded_canonical = [_canonical(row) for row in embedded_rows]
    if _is_ordered(query):
        assert remote_canonical == embedded_canonical
    else:
        assert sorted(remote_canonical) == sorted(embedded_canonical)


def test_ingesting_the_corpus_again_into_the_server_changes_nothing(
    stores: dict[str, Store], corpus_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    remote = stores["remote"]
    assert isinstance(remote, RemoteStore)
    before = remote.triple_counts()
    assert cli(["ingest", str(corpus_dir), "--endpoint", remote.query_url]) == 0
    assert "5 unchanged" in capsys.readouterr().out
    assert remote.triple_counts() == before
