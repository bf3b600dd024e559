"""The query workers' pipe protocol and the cheap text checks on every query's path:
answers of any size arrive whole and byte for byte, and the one-regex shortcuts decide
as the lexers do."""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import Iterator

import pytest
import uvloop

from beslutsgraf.service.sparql_text import query_form as protocol_query_form
from beslutsgraf.store import EmbeddedStore
from beslutsgraf.store.evaluate import leading_query_form
from beslutsgraf.store.sparql_text import query_form
from beslutsgraf.store.workers import RESULT, STARTED, FrameReader, write_frame

EX = "http://example.org/"
JSON = "application/sparql-results+json"


@pytest.fixture
def pipe() -> Iterator[tuple[FrameReader, int]]:
    read_end, write_end = os.pipe()
    reader = FrameReader(read_end)
    yield reader, write_end
    reader.close()
    os.close(write_end)


def test_a_frame_larger_than_the_pipe_buffer_arrives_whole(
    pipe: tuple[FrameReader, int],
) -> None:
    reader, write_end = pipe
    body = bytes(range(256)) * 20_000  # 5 MB: many times a pipe's buffer
    writer = threading.Thread(
        target=write_frame, args=(write_end, RESULT, b"meta", body), daemon=True
    )
    writer.start()
    assert reader.read() == (RESULT, b"meta", body)
    writer.join()


def test_a_large_frame_arrives_whole_on_a_non_blocking_pipe(
    pipe: tuple[FrameReader, int],
) -> None:
    """uvloop's add_reader leaves the pipe non-blocking: reads must wait, not fail."""
    reader, write_end = pipe
    os.set_blocking(reader.fd, False)
    body = bytes(range(256)) * 20_000
    writer = threading.Thread(
        target=write_frame, args=(write_end, RESULT, b"meta", body), daemon=True
    )
    writer.start()
    assert reader.read() == (RESULT, b"meta", body)
    writer.join()


def test_frames_sent_together_are_read_one_by_one(pipe: tuple[FrameReader, int]) -> None:
    reader, write_end = pipe
    write_frame(write_end, STARTED)
    write_frame(write_end, RESULT, b"SELECT\ntext/csv", b"a\r\n1\r\n")
    assert not reader.has_frame()  # nothing read yet
    assert reader.read() == (STARTED, b"", b"")
    assert reader.has_frame()  # the answer came with STARTED: no wait for it
    assert reader.wait(0)
    assert reader.read() == (RESULT, b"SELECT\ntext/csv", b"a\r\n1\r\n")


def test_waiting_on_a_silent_pipe_times_out(pipe: tuple[FrameReader, int]) -> None:
    reader, write_end = pipe
    assert not reader.wait(0.05)
    write_frame(write_end, STARTED)
    assert reader.wait(0.05)
    assert reader.read() == (STARTED, b"", b"")


def test_a_writer_that_dies_mid_frame_is_an_end_of_file() -> None:
    read_end, write_end = os.pipe()
    reader = FrameReader(read_end)
    os.write(write_end, b"\x05\x00")  # two bytes of a header, then the writer is gone
    os.close(write_end)
    with pytest.raises(EOFError):
        reader.read()
    reader.close()


@pytest.fixture
def large(embedded_store: EmbeddedStore) -> EmbeddedStore:
    text = "é ✓ \\u0000 " * 20  # non-ASCII, so the bytes are checked, not just lengths
    lines = (f'<{EX}s{n}> <{EX}p> "{n} {text}" <{EX}g{n % 3}> .\n' for n in range(3000))
    embedded_store.bulk_load("".join(lines).encode(), "application/n-quads")
    embedded_store.warm_up()
    return embedded_store


def test_a_large_answer_from_a_worker_is_the_direct_answer_byte_for_byte(
    large: EmbeddedStore,
) -> None:
    sparql = f"SELECT ?s ?o WHERE {{ ?s <{EX}p> ?o }} ORDER BY ?s"
    direct = large.query(sparql, JSON)
    assert len(direct.body) > 400_000  # several pipe buffers
    assert large.query(sparql, JSON, timeout_s=30, max_rows=5000) == direct
    awaited = asyncio.run(large.query_async(sparql, JSON, timeout_s=30, max_rows=5000))
    assert awaited == direct
    # The service runs on uvloop (uvicorn picks it when installed), which leaves the
    # watched pipe non-blocking: a large answer failed there with EAGAIN.
    for _ in range(2):  # the second reads from a pipe the first left non-blocking
        with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
            on_uvloop = runner.run(large.query_async(sparql, JSON, timeout_s=30, max_rows=5000))
        assert on_uvloop == direct
    rows = large.select(f"SELECT ?s WHERE {{ ?s <{EX}p> ?o }}", timeout_s=30)
    assert len(rows) == 3000  # a plain value (not a serialised answer) comes back too


def test_from_in_a_comment_keeps_the_union_default_graph(large: EmbeddedStore) -> None:
    counted = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    for sparql in (
        f"# every triple, from all graphs\n{counted}",
        'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER(?o != "from <x>") }',
    ):
        assert large.select(sparql, timeout_s=30) == [
            {"n": '"3000"^^<http://www.w3.org/2001/XMLSchema#integer>'}
        ]
    for dataset in (f"FROM <{EX}g1>", f"FROM # the first graph\n <{EX}g1>"):
        sparql = f"SELECT (COUNT(*) AS ?n) {dataset} WHERE {{ ?s ?p ?o }}"
        assert large.select(sparql, timeout_s=30) == [
            {"n": '"1000"^^<http://www.w3.org/2001/XMLSchema#integer>'}
        ]


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * WHERE { ?s ?p ?o }",
        "select*{}",
        "# a comment\nPREFIX ex: <http://example.org/>\nPREFIX : <urn:x:>\nASK { ex:a ?p ?o }",
        "BASE <http://example.org/> CONSTRUCT WHERE { ?s ?p ?o }",
        "PREFIX ex:<http://example.org/>DESCRIBE<http://example.org/a>",
        "PREFIX select: <urn:s:> SELECT ?x {}",
        "# SELECT in a comment\nDESCRIBE <urn:a>",
        "PREFIX ex: <urn:x:> INSERT DATA { ex:a ex:b ex:c }",
        "SELECT_x",
        "SELECT-x",
        "PREFIX # a comment between\n ex: <urn:x:> SELECT * {}",
        "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
        "",
    ],
)
def test_the_leading_form_shortcut_agrees_with_the_lexers(text: str) -> None:
    fast = leading_query_form(text)
    if fast is not None:
        assert fast == query_form(text) == protocol_query_form(text)
    assert (fast or query_form(text)) == query_form(text)


def test_an_answer_already_sent_is_taken_without_waiting() -> None:
    """The service looks for a quick query's answer right after sending the task: only a
    whole frame counts, and a worker gone is reported, never waited for."""
    read_end, write_end = os.pipe()
    os.set_blocking(read_end, False)  # as query workers' answer pipes are
    reader = FrameReader(read_end)
    assert not reader.arrived()
    write_frame(write_end, RESULT, b"SELECT\ntext/csv", b"a\r\n1\r\n")
    assert reader.arrived()
    assert reader.read() == (RESULT, b"SELECT\ntext/csv", b"a\r\n1\r\n")
    os.write(write_end, b"\x05\x00")  # the start of a header: not a frame yet
    assert not reader.arrived()
    os.close(write_end)
    assert reader.arrived()  # the other end is gone: reading says so at once
    with pytest.raises(EOFError):
        reader.read()
    reader.close()
