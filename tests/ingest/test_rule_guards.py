"""Guards of the rule tables: a guard is a regex every match of its rule contains, searched
first so that texts without it skip a rule that is slow to fail. A wrong guard would drop
real matches silently, so each is checked against its rule's text and on real minutes."""

from __future__ import annotations

import re

import pytest

from beslutsgraf.ingest.data_files import read_table
from beslutsgraf.ingest.patterns import Rule, keyed
from beslutsgraf.ingest.read import read
from tests.conftest import CORPUS_DIR, SAMPLES_DIR

TABLES = ("sentence_patterns.tsv", "decision_patterns.tsv")


def _guarded(table: str) -> list[tuple[str, str, Rule]]:
    rows = read_table(table)
    return [
        (row[1], row[2], rule)
        for row, (_, rule) in zip(rows, keyed(table), strict=True)
        if rule.guard is not None
    ]


def _depth(regex: str, position: int) -> int:
    """How many groups are open at `position` of a regex's text (escaped parens skipped)."""
    unescaped = re.sub(r"\\.", "", regex[:position])
    return unescaped.count("(") - unescaped.count(")")


@pytest.mark.parametrize("table", TABLES)
def test_each_guard_stands_in_its_rule_outside_any_group(table: str) -> None:
    """Outside every group, the guard's text is mandatory: no match can lack it."""
    assert _guarded(table), "the slow rules of this table have guards"
    for written, guard, _ in _guarded(table):
        position = written.find(guard)
        assert position >= 0 and _depth(written, position) == 0, (guard, written)
        top_level = [i for i, c in enumerate(written) if c == "|" and _depth(written, i) == 0]
        assert not top_level, f"{written}: an alternative at the top level may lack {guard}"


@pytest.mark.parametrize("table", TABLES)
def test_guarded_rules_find_what_the_bare_rules_find(table: str) -> None:
    texts = [read(path).text for path in sorted(CORPUS_DIR.glob("*.txt"))]
    texts += [read(path).text for path in sorted(SAMPLES_DIR.glob("[0-9]*.txt"))]
    texts.append("Kommunstyrelsen beslutar enligt förslaget. S och V reserverade sig mot beslutet.")
    for _, _, rule in _guarded(table):
        for text in texts:
            found = [m.span() for m in rule.finditer(text)]
            assert found == [m.span() for m in rule.regex.finditer(text)]


def test_a_text_without_the_guard_skips_the_rule_and_one_with_it_matches() -> None:
    rule = Rule(re.compile(r"(?P<who>[^.\n]+?)\s+reserverade\s+sig"), re.compile(r"reserverade"))
    assert list(rule.finditer("S och V yrkade avslag. " * 50)) == []
    [match] = rule.finditer("Beslut enligt förslaget. S och V reserverade sig.")
    assert match.group("who") == " S och V"
    text = "Beslut. S reserverade sig"
    assert rule.search(text, 7) is not None
    assert rule.search(text, 7, 15) is None  # the guard lies beyond endpos
