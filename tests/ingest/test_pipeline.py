"""`ingest.run` end to end on a real embedded store: bad input, re-ingest, changed files."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from fpdf import FPDF

from beslutsgraf.ingest.known import literal_value
from beslutsgraf.ingest.run import ProgressUpdate, Status, run
from beslutsgraf.store.embedded import EmbeddedStore
from tests.conftest import corpus_file

FIXED_TIME = dt.datetime(2026, 1, 1, 12, 0, tzinfo=dt.UTC)


def _dump(store: EmbeddedStore) -> list[bytes]:
    return sorted(b"".join(store.dump("application/n-quads")).splitlines())


def _truncated_pdf(path: Path) -> Path:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    for line in ("Motesanteckning SRO", "Datum: 6 mars 2025", "1. Motets oppnande"):
        pdf.cell(0, 10, line, new_x="LMARGIN", new_y="NEXT")
    data = bytes(pdf.output())
    path.write_bytes(data[: len(data) // 2])
    return path


def _bad_inputs(folder: Path) -> dict[str, Path]:
    folder.mkdir()
    files = {
        "empty": folder / "empty.txt",
        "garbage": folder / "garbage.txt",
        "truncated": folder / "truncated.pdf",
        "huge": folder / "huge.txt",
        "title": folder / "title-only.txt",
        "unsupported": folder / "minutes.rtf",
    }
    files["empty"].write_bytes(b"")
    files["garbage"].write_bytes(bytes(range(256)) * 64)
    _truncated_pdf(files["truncated"])
    line = "Mötesanteckning SRO. Dagordning och beslut, rad för rad.\n".encode()
    files["huge"].write_bytes(line * (20 * 1024 * 1024 // len(line) + 1))
    files["title"].write_text("Mötesanteckning SRO\n", encoding="utf-8")
    files["unsupported"].write_text("{\\rtf1 Mötesanteckning}", encoding="utf-8")
    return files


def test_bad_documents_fail_one_line_each_and_the_rest_loads(
    tmp_path: Path, store: EmbeddedStore
) -> None:
    bad = _bad_inputs(tmp_path / "bad")
    good = shutil.copy(corpus_file("000"), tmp_path / "000.txt")
    updates: list[ProgressUpdate] = []
    summary = run([*bad.values(), Path(good)], store, progress=updates.append)

    by_path = {outcome.path: outcome for outcome in summary.outcomes}
    assert by_path[Path(good)].status == Status.LOADED
    for path in bad.values():
        outcome = by_path[path]
        assert outcome.status == Status.FAILED, outcome
        assert outcome.message is not None and str(path) in outcome.message
        assert "\n" not in outcome.message
    assert "[E001]" in by_path[bad["empty"]].message  # type: ignore[operator]
    assert "[E009]" in by_path[bad["huge"]].message  # type: ignore[operator]
    assert "[E003]" in by_path[bad["unsupported"]].message  # type: ignore[operator]
    assert "[E006]" in by_path[bad["truncated"]].message  # type: ignore[operator]
    assert "[E002]" in by_path[bad["title"]].message  # type: ignore[operator]
    title_message = by_path[bad["title"]].message or ""
    assert 'the body "SRO" but no meeting date with a year' in title_message
    # Only the good document's graph (and the identity graph) reached the store.
    graphs = store.named_graphs()
    sources = [g for g in graphs if "/source/" in g]
    assert sources == [by_path[Path(good)].graph]
    assert not summary.ok
    assert updates[0] == ProgressUpdate(0, 7) and updates[-1].done == 7


def test_unchanged_reingest_is_a_noop(tmp_path: Path, store: EmbeddedStore) -> None:
    document = Path(shutil.copy(corpus_file("002"), tmp_path / "002.txt"))
    first = run([document], store)
    assert [o.status for o in first.outcomes] == [Status.LOADED]
    before = _dump(store)
    second = run([document], store)
    assert [o.status for o in second.outcomes] == [Status.UNCHANGED]
    assert second.outcomes[0].graph == first.outcomes[0].graph
    assert _dump(store) == before


def test_changed_file_replaces_its_graph(tmp_path: Path, store: EmbeddedStore) -> None:
    document = Path(shutil.copy(corpus_file("002"), tmp_path / "002.txt"))
    first = run([document], store)
    old_graph = first.outcomes[0].graph
    text = document.read_text(encoding="utf-8")
    document.write_text(
        text.replace("Dagens agenda godkändes.", "Dagens agenda godkändes med ändring."),
        encoding="utf-8",
    )
    second = run([document], store)
    assert [o.status for o in second.outcomes] == [Status.REPLACED]
    new_graph = second.outcomes[0].graph
    assert new_graph != old_graph
    assert old_graph is not None and not store.graph_exists(old_graph)
    assert new_graph is not None and store.graph_exists(new_graph)
    assert len([g for g in store.named_graphs() if "/source/" in g]) == 1


def test_missing_path_and_empty_folder(tmp_path: Path, store: EmbeddedStore) -> None:
    (tmp_path / "empty-folder").mkdir()
    summary = run([tmp_path / "nope.txt", tmp_path / "empty-folder"], store)
    assert [o.status for o in summary.outcomes] == [Status.FAILED]
    assert "nope.txt" in (summary.outcomes[0].message or "")
    assert store.named_graphs() == []


@pytest.mark.slow  # starts worker processes that each load the language pipeline
def test_parallel_jobs_give_the_same_graphs(tmp_path: Path) -> None:
    documents = [
        Path(shutil.copy(corpus_file(prefix), tmp_path / f"{prefix}.txt"))
        for prefix in ("000", "001")
    ]
    dumps = []
    for jobs in (1, 2):
        store = EmbeddedStore(tmp_path / f"store-{jobs}")
        try:
            summary = run(documents, store, jobs=jobs, generated_at=FIXED_TIME)
            assert [o.status for o in summary.outcomes] == [Status.LOADED, Status.LOADED]
            dumps.append(_dump(store))
        finally:
            store.close()
    assert dumps[0] == dumps[1]


def test_documents_ingested_one_at_a_time_resolve_against_the_store(
    tmp_path: Path, store: EmbeddedStore
) -> None:
    minutes = Path(shutil.copy(corpus_file("000"), tmp_path / "000.txt"))
    older = Path(shutil.copy(corpus_file("003"), tmp_path / "003.txt"))
    summary = Path(shutil.copy(corpus_file("001"), tmp_path / "001.txt"))
    for document in (minutes, older, summary):
        (outcome,) = run([document], store).outcomes
        assert outcome.status == Status.LOADED, outcome.message
    prefixes = (
        "PREFIX bg: <https://w3id.org/beslutsgraf/def#> PREFIX foaf: <http://xmlns.com/foaf/0.1/> "
    )
    # "Helen Elisson" (003, later batch) is the person 000 calls "Helén Eliasson".
    rows = store.select(
        prefixes + "SELECT DISTINCT ?chair WHERE { "
        "<https://w3id.org/beslutsgraf/id/meeting/sro/2025-03-06> bg:chair ?chair . "
        "<https://w3id.org/beslutsgraf/id/meeting/sro/2022-04-28> bg:hasAgendaItem ?item . "
        "?item bg:chairedBy ?chair }"
    )
    assert rows == [{"chair": "<https://w3id.org/beslutsgraf/id/person/helen-eliasson>"}]
    # The summary, ingested last, repeats item 6's positions: same nodes, one more source.
    reported = store.select(
        prefixes + "SELECT (COUNT(DISTINCT ?source) AS ?n) WHERE { "
        "<https://w3id.org/beslutsgraf/id/meeting/sro/2025-03-06/item/6/decision/4> "
        "bg:reportedIn ?source }"
    )
    assert reported[0]["n"].startswith('"2"')


def _minutes_pdf(text: str, path: Path) -> Path:
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.set_font("helvetica", size=10)
    pdf.add_page()
    for line in text.splitlines():
        # The core PDF fonts stop at Latin-1, which still covers å, ä, ö and é.
        latin = line.replace("–", "-").replace("\uf0b7", "-").replace("\t", "    ")
        text_line = latin.encode("latin-1", "replace").decode("latin-1") or " "
        pdf.multi_cell(0, 5, text_line, new_x="LMARGIN", new_y="NEXT")
    path.write_bytes(bytes(pdf.output()))
    return path


def test_a_pdf_stores_its_extracted_text_and_quotes_point_into_it(
    tmp_path: Path, store: EmbeddedStore
) -> None:
    pdf = _minutes_pdf(corpus_file("002").read_text(encoding="utf-8"), tmp_path / "002.pdf")
    (outcome,) = run([pdf], store).outcomes
    assert outcome.status == Status.LOADED, outcome.message
    prefixes = (
        "PREFIX bg: <https://w3id.org/beslutsgraf/def#> PREFIX oa: <http://www.w3.org/ns/oa#> "
    )
    (row,) = store.select(
        prefixes + "SELECT ?text ?count WHERE { ?s bg:extractedText ?text ; bg:charCount ?count }"
    )
    text = literal_value(row["text"])
    assert int(literal_value(row["count"])) == len(text)
    quotes = store.select(
        prefixes + "SELECT ?exact ?start ?end WHERE { ?t oa:hasSelector ?p, ?q . "
        "?p oa:start ?start ; oa:end ?end . ?q oa:exact ?exact }"
    )
    assert len(quotes) > 50
    for quote in quotes:
        start, end = int(literal_value(quote["start"])), int(literal_value(quote["end"]))
        assert literal_value(quote["exact"]) == text[start:end]
