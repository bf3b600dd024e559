"""`beslutsgraf serve`: settings from options over environment, and a real server
process that answers SPARQL and honours the write token file."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from beslutsgraf.service.cli import run
from beslutsgraf.service.cli_serve import serve_settings
from beslutsgraf.service.errors import CliError
from beslutsgraf.store import open_store


def test_options_override_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BESLUTSGRAF_QUERY_TIMEOUT_S", "12")
    monkeypatch.setenv("BESLUTSGRAF_MAX_RESULT_ROWS", "77")
    token_file = tmp_path / "token"
    token_file.write_text("  s3cret\n", encoding="utf-8")
    settings = serve_settings(
        store=tmp_path / "store",
        port=9999,
        write_token_file=token_file,
        query_timeout=3.5,
        max_concurrent_queries=2,
    )
    assert settings.store_dir == tmp_path / "store"
    assert settings.port == 9999 and settings.host == "127.0.0.1"
    assert settings.write_token == "s3cret"
    assert settings.query_timeout_s == 3.5  # the option beats the environment
    assert settings.max_result_rows == 77  # the environment beats the default
    assert settings.max_concurrent_queries == 2


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"store": Path("a"), "endpoint": "http://x/sparql"}, "not both"),
        ({"query_timeout": 0.0}, "--query-timeout"),
        ({"max_result_rows": -1}, "--max-result-rows"),
        ({"write_token_file": Path("/nonexistent/token")}, "cannot read"),
    ],
)
def test_bad_options_are_user_errors(options: dict[str, object], message: str) -> None:
    with pytest.raises(CliError, match=message):
        serve_settings(**options)  # type: ignore[arg-type]


def test_empty_token_file_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    token_file = tmp_path / "token"
    token_file.write_text("\n", encoding="utf-8")
    assert run(["serve", "--store", str(tmp_path), "--write-token-file", str(token_file)]) == 1
    assert capsys.readouterr().err.startswith("error: the write token file")


def test_a_store_in_use_is_one_error_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    held = open_store(tmp_path / "store", None)
    try:
        assert run(["serve", "--store", str(tmp_path / "store"), "--port", "1"]) == 1
    finally:
        held.close()
    error = capsys.readouterr().err
    assert error.startswith("error: ") and error.count("\n") == 1
    assert "another process" in error


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def test_serve_runs_a_server_that_answers_and_takes_writes_with_the_token(tmp_path: Path) -> None:
    token_file = tmp_path / "token"
    token_file.write_text("file-token\n", encoding="utf-8")
    port = _free_port()
    command = [
        str(Path(sys.executable).parent / "beslutsgraf"), "serve",
        "--store", str(tmp_path / "store"), "--port", str(port),
        "--write-token-file", str(token_file), "--query-timeout", "5",
    ]  # fmt: skip
    env = {k: v for k, v in os.environ.items() if not k.startswith("BESLUTSGRAF_")}
    process = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            assert process.poll() is None, process.stderr.read() if process.stderr else ""
            try:
                httpx.get(f"{base}/sparql", timeout=1)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "the server did not come up"
                time.sleep(0.2)
        update = "INSERT DATA { GRAPH <http://e/g> { <http://e/s> <http://e/p> 1 } }"
        written = httpx.post(
            f"{base}/sparql",
            data={"update": update},
            headers={"Authorization": "Bearer file-token"},
        )
        assert written.status_code == 204, written.text
        answer = httpx.get(f"{base}/sparql", params={"query": "ASK { <http://e/s> ?p 1 }"})
        assert answer.json()["boolean"] is True
    finally:
        process.terminate()
        process.wait(timeout=20)
