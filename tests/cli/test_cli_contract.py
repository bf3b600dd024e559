"""The CLI contract of architecture.md: every command listed, honest about what is not built,
and `validate` on RDF files with exit 1 on a violation."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer

from beslutsgraf.service.cli import app, run
from tests.conftest import corpus_file

ARCHITECTURE_COMMANDS = ["ingest", "query", "load", "validate", "serve", "export", "bench"]
SHAPE_EXAMPLES = Path(__file__).resolve().parent.parent / "shapes"


def _help_text(capsys: pytest.CaptureFixture[str]) -> str:
    assert run(["--help"]) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("command", ARCHITECTURE_COMMANDS)
def test_help_lists_every_command_of_the_architecture(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert re.search(rf"^\W*{command}\s", _help_text(capsys), re.MULTILINE)


def _unbuilt_commands() -> list[tuple[str, str]]:
    """(name, issue number) of commands whose help admits they are not built yet."""
    unbuilt = []
    for info in typer.main.get_command(app).commands.values():  # type: ignore[attr-defined]
        match = re.search(r"not built yet: issue #(\d+)", info.help or "")
        if match:
            unbuilt.append((info.name, match.group(1)))
    return unbuilt


def test_unbuilt_commands_fail_and_name_the_issue_that_builds_them(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    for name, issue in _unbuilt_commands():
        # Give each command the arguments it requires, so it is the command that refuses.
        required = {"ingest": [str(tmp_path)], "query": ["ASK {}"], "load": [str(tmp_path)]}
        options = {"export": ["--format", "nq"]}
        argv = [name, *required.get(name, []), *options.get(name, [])]
        assert run(argv) == 2, name
        error = capsys.readouterr().err
        assert error.startswith("error: "), error
        assert f"issue #{issue}" in error


def test_resolve_is_built_and_listed(capsys: pytest.CaptureFixture[str]) -> None:
    # Issue #6 built `resolve`: its help no longer admits to being a stub.
    assert "resolve" not in {name for name, _ in _unbuilt_commands()}
    assert re.search(r"^\W*resolve\s", _help_text(capsys), re.MULTILINE)


def test_validate_accepts_a_conforming_graph(capsys: pytest.CaptureFixture[str]) -> None:
    valid = sorted((SHAPE_EXAMPLES / "valid").glob("*.ttl"))
    assert valid
    assert run(["validate", *map(str, valid)]) == 0
    out = capsys.readouterr().out
    assert out.count("conforms: 0 violation(s)") == len(valid)


def test_validate_exits_1_and_reports_the_violation(capsys: pytest.CaptureFixture[str]) -> None:
    invalid = sorted((SHAPE_EXAMPLES / "invalid").glob("*.ttl"))
    with_violation = next(p for p in invalid if "Violation" in p.read_text(encoding="utf-8"))
    assert run(["validate", str(with_violation)]) == 1
    captured = capsys.readouterr()
    assert "does not conform" in captured.out
    assert "Violation:" in captured.out
    assert captured.err.startswith("error: 1 of 1 file(s) violate the shapes")


def test_validate_names_a_file_that_is_not_rdf(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> .", encoding="utf-8")
    assert run(["validate", str(broken)]) == 1
    assert re.match(rf"error: {re.escape(str(broken))}: not valid RDF", capsys.readouterr().err)


def test_validate_runs_minutes_through_the_pipeline_without_loading_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "tomt.txt"
    empty.write_text("", encoding="utf-8")
    minutes = corpus_file("004")
    assert run(["validate", str(minutes), str(empty)]) == 1
    captured = capsys.readouterr()
    assert re.search(rf"{re.escape(str(minutes))}: conforms: \d+ triples", captured.out)
    assert f"{empty}: not read:" in captured.out
    assert captured.err.startswith("error: 1 of 2 file(s) violate the shapes")


def test_validate_lists_each_warning_it_counts_for_minutes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # 001 read alone: its month-only meetings cannot be placed, which the shapes warn
    # about decision by decision; the count alone would not say which or why.
    minutes = corpus_file("001")
    assert run(["validate", str(minutes)]) == 0
    lines = capsys.readouterr().out.splitlines()
    counted = re.search(r"conforms: \d+ triples, (\d+) warning\(s\)", lines[0])
    assert counted is not None and int(counted.group(1)) > 0
    listed = [line for line in lines[1:] if line.startswith("  Warning: ")]
    assert len(listed) == int(counted.group(1))
    assert any("/decision/sro/2025-09" in line and "decidedAt" in line for line in listed)


def test_validate_store_checks_every_document_graph_as_stored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Oxigraph keeps xsd:nonNegativeInteger offsets as xsd:integer: what a store holds
    # must still conform, not only the graph ingestion built.
    store = tmp_path / "store"
    assert run(["ingest", str(corpus_file("004")), "--store", str(store)]) == 0
    capsys.readouterr()
    assert run(["validate", "--store", str(store)]) == 0
    lines = capsys.readouterr().out.splitlines()
    verdicts = [line for line in lines if not line.startswith(" ")]
    assert len(verdicts) == 1
    assert "/id/source/" in verdicts[0]
    assert ": conforms: 0 violation(s)" in verdicts[0]


def test_validate_store_refuses_a_folder_without_a_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["validate", "--store", str(tmp_path / "none")]) == 1
    assert "no store here" in capsys.readouterr().err
