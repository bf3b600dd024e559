"""`beslutsgraf resolve` (issue #6): the review report of clusters, near misses and
unknown organisations, the rebuild of id:graph/resolution, and curation errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from beslutsgraf.service.cli import run

NOT_SAME = "left,right,relation\nKristoffer Svensson,Kristofer Svensson,not-same\n"


@pytest.fixture(scope="module")
def corpus_store(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus ingested with a curator's "not same" for Kristoffer/Kristofer."""
    folder = tmp_path_factory.mktemp("resolve")
    curation = folder / "curation"  # the default: beside the store
    curation.mkdir()
    (curation / "people.csv").write_text(NOT_SAME, encoding="utf-8")
    store = folder / "store"
    assert run(["ingest", str(corpus_dir), "--store", str(store)]) == 0
    return store


def test_report_prints_clusters_near_misses_and_unknown_organisations(
    corpus_store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert run(["resolve", "--store", str(corpus_store), "--report"]) == 0
    out = capsys.readouterr().out
    assert "79 distinct person(s), 4 merged from variants" in out
    for spelling in ("Helén Eliasson", "Helen Elisson", "Helene Eliasson", "Monika Holmgren"):
        assert spelling in out
    assert out.count("Kristofer Svensson ~ Kristoffer Svensson") == 1
    assert "curated not-same" in out
    # VGR's boards, hospital groups and SRO are in the registers; the one unknown left
    # is a category of care providers, not an organisation a register could hold.
    assert "Privata vårdgivare" in out and "1 unknown organisation(s)" in out


def test_report_as_json(corpus_store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert run(["resolve", "--store", str(corpus_store), "--report", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert len(report["persons"]) == 79  # 78, and Kristofer kept apart by the curator
    helen = next(p for p in report["persons"] if p["name"] == "Helén Eliasson")
    assert sorted(helen["spellings"]) == ["Helen Elisson", "Helene Eliasson", "Helén Eliasson"]
    assert all(d["score"] >= 0.8 and d["merged"] for d in helen["decisions"])
    [miss] = [m for m in report["near_misses"] if m["curation_source"]]
    assert miss["curation_source"] == "people.csv:2" and miss["blocked"]
    unknown = {o["name"] for o in report["unknown_organisations"]}
    assert unknown == {"Privata vårdgivare"}


def test_resolve_rebuilds_the_graph_and_names_curation_not_yet_applied(
    corpus_store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert run(["resolve", "--store", str(corpus_store)]) == 0
    assert "id:graph/resolution rebuilt" in capsys.readouterr().out
    other = tmp_path / "other"
    other.mkdir()
    (other / "same.csv").write_text(
        "left,right,relation\nAndreas Cerny,Adam Krantz,same\n", encoding="utf-8"
    )
    assert run(["resolve", "--store", str(corpus_store), "--curation", str(other)]) == 1
    err = capsys.readouterr().err
    assert "same.csv:2: Adam Krantz ~ Andreas Cerny" in err or "same.csv:2: Andreas Cerny" in err
    assert "ingest the documents again" in err


def test_a_bad_curation_file_is_one_error_line_naming_file_and_line(
    corpus_store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "people.csv").write_text("left,right,relation\nA B,C D,maybe\n", encoding="utf-8")
    capsys.readouterr()
    code = run(["resolve", "--store", str(corpus_store), "--curation", str(bad), "--report"])
    assert code == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: [E013] {bad / 'people.csv'}: line 2: relation 'maybe'")
    assert run(["resolve", "--store", str(tmp_path / "nowhere"), "--report"]) == 1
    assert "no store at" in capsys.readouterr().err
