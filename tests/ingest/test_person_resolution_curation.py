"""Curator decisions (issue #6): "not same" splits a merge and "same" forces one,
through a real ingest of the corpus into an embedded store; bad files name the
file and the line."""

from __future__ import annotations

from pathlib import Path

import pytest

from beslutsgraf.ingest.curation import BadCurationFile, load_curation
from beslutsgraf.ingest.known import literal_value
from beslutsgraf.ingest.resolution_report import resolution_report
from beslutsgraf.ingest.run import Status, run
from beslutsgraf.store.embedded import EmbeddedStore

PERSON = "https://w3id.org/beslutsgraf/id/person/"
NOT_SAME_CSV = "left,right,relation\nKristoffer Svensson,Kristofer Svensson,not-same\n"
# Two people the score keeps apart (different names), joined by the curator.
SAME_TTL = f"""@prefix owl: <http://www.w3.org/2002/07/owl#> .
<{PERSON}andreas-cerny> owl:sameAs <{PERSON}adam-krantz> .
"""


def _persons(store: EmbeddedStore) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for row in store.select(
        "PREFIX foaf: <http://xmlns.com/foaf/0.1/> PREFIX skos: "
        "<http://www.w3.org/2004/02/skos/core#> SELECT DISTINCT ?p ?n WHERE { GRAPH ?g { "
        "?p a foaf:Person . { ?p foaf:name ?n } UNION { ?p skos:altLabel ?n } } FILTER(STRSTARTS("
        "STR(?g), 'https://w3id.org/beslutsgraf/id/source/')) }"
    ):
        found.setdefault(literal_value(row["n"]), set()).add(row["p"].strip("<>"))
    return found


@pytest.fixture()
def curation(tmp_path: Path) -> Path:
    folder = tmp_path / "curation"
    folder.mkdir()
    (folder / "people.csv").write_text(NOT_SAME_CSV, encoding="utf-8")
    (folder / "people.ttl").write_text(SAME_TTL, encoding="utf-8")
    return folder


def test_ingest_honours_not_same_and_same(corpus_dir: Path, tmp_path: Path, curation: Path) -> None:
    store = EmbeddedStore(tmp_path / "store")
    try:
        decisions = load_curation(curation)
        summary = run([corpus_dir], store, quarantine_dir=tmp_path / "q", curation=decisions)
        assert summary.ok
        persons = _persons(store)
        # "not same": Kristofer (000) and Kristoffer (002, 003) are two persons now.
        assert persons["Kristofer Svensson"] == {PERSON + "kristofer-svensson"}
        assert persons["Kristoffer Svensson"] == {PERSON + "kristoffer-svensson"}
        # "same": one person, named by the alphabetically first of two equal spellings.
        assert persons["Andreas Cerny"] == persons["Adam Krantz"]
        assert len({iri for iris in persons.values() for iri in iris}) == 78
        report = resolution_report(store, decisions)
        blocked = [d for d in report.near_misses if d.match.curated and d.match.blocked]
        assert [(d.match.curation_source, set(d.persons)) for d in blocked] == [
            ("people.csv:2", {PERSON + "kristofer-svensson", PERSON + "kristoffer-svensson"})
        ]
        joined = [d for c in report.merged for d in c.decisions if d.match.curated]
        assert [d.match.curation_source for d in joined] == [
            f"people.ttl:<{PERSON}andreas-cerny> owl:sameAs <{PERSON}adam-krantz>"
        ]
    finally:
        store.close()


def test_a_changed_curation_folder_applies_to_documents_already_loaded(
    corpus_dir: Path, tmp_path: Path, curation: Path
) -> None:
    store = EmbeddedStore(tmp_path / "store")
    try:
        assert run([corpus_dir], store, quarantine_dir=tmp_path / "q").ok
        assert _persons(store)["Kristofer Svensson"] == {PERSON + "kristoffer-svensson"}
        again = run(
            [corpus_dir], store, quarantine_dir=tmp_path / "q", curation=load_curation(curation)
        )
        # Read again although their bytes are in the store: 000's graph changes.
        assert again.ok and len(again.with_status(Status.LOADED, Status.REPLACED)) >= 1
        assert _persons(store)["Kristofer Svensson"] == {PERSON + "kristofer-svensson"}
        # The same folder once more: nothing to read again.
        third = run(
            [corpus_dir], store, quarantine_dir=tmp_path / "q", curation=load_curation(curation)
        )
        assert {o.status for o in third.outcomes} == {Status.UNCHANGED}
    finally:
        store.close()


@pytest.mark.parametrize(
    ("name", "text", "where", "problem"),
    [
        ("a.csv", "left,right\nA B,C D\n", "line 1", "header"),
        ("b.csv", "left,right,relation\nA B,C D,same\nA B,C D,maybe\n", "line 3", "'maybe'"),
        ("c.csv", "left,right,relation\nA B,,same\n", "line 2", "empty"),
        (
            "d.csv",
            "left,right,relation\nhttps://example.org/x,C D,same\n",
            "line 2",
            "not a person IRI",
        ),
        ("e.ttl", "<a> <b> .", "", "not valid Turtle"),
    ],
)
def test_a_bad_curation_file_names_the_file_and_the_line(
    tmp_path: Path, name: str, text: str, where: str, problem: str
) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(BadCurationFile) as raised:
        load_curation(tmp_path)
    message = str(raised.value)
    assert message.startswith(f"[E013] {tmp_path / name}: {where}")
    assert problem in message
