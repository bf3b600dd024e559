"""Fixtures shared by every test folder: where the shared corpus and samples are."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED = REPO_ROOT.parent / "shared"
CORPUS_DIR = SHARED / "corpus"
SAMPLES_DIR = SHARED / "samples"


def _require(path: Path) -> Path:
    if not path.is_dir():
        pytest.fail(f"{path} is missing: the tests need ../shared beside the checkout")
    return path


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The development corpus of real minutes (../shared/corpus)."""
    return _require(CORPUS_DIR)


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    """Short excerpts of other bodies' minutes (../shared/samples)."""
    return _require(SAMPLES_DIR)


def corpus_file(prefix: str) -> Path:
    """The corpus document whose name starts with `prefix` (e.g. "000")."""
    matches = sorted(_require(CORPUS_DIR).glob(f"{prefix}_*.txt"))
    if len(matches) != 1:
        pytest.fail(f"expected one corpus file starting with {prefix}, found {matches}")
    return matches[0]
