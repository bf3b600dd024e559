"""Guards of the rule tables: a guard is a regex every match of its rule contains, searched
first so that texts without it skip a rule that is slow to fail. A wrong guard would drop
real matches silently, so each is checked against its rule's text and on real minutes."""

from __future__ import annotations

import random
import re
from collections.abc import Iterable

import pytest

from beslutsgraf.ingest.data_files import read_table
from beslutsgraf.ingest.patterns import (
    Rule,
    _barriers,
    _cut_after,
    _cut_barriers,
    _head_barriers,
    _implied_guard,
    compiled,
    fill,
    keyed,
)
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


# --- where a search may start, and guards the rules imply -----------------------------
# `Rule` also starts a search after the last character the rule cannot match before the
# next guard ("." for "[^.]*?"), and finds a guard for an unguarded rule from the words
# its regex requires. Both only skip text where no match can start: the matches must be
# those of the bare regex, for every rule table, every corpus and sample text and
# searches bounded at random positions.

RULE_TABLES = (
    "planned_meeting_patterns.tsv",
    "agreement_facts.tsv",
    "decision_subjects.tsv",
    "title_patterns.tsv",
)


def _every_rule() -> list[Rule]:
    rules = [rule for table in TABLES for _, rule in keyed(table)]
    return rules + [Rule(regex) for table in RULE_TABLES for regex in compiled(table)]


def _texts() -> list[str]:
    texts = [read(path).text for path in sorted(CORPUS_DIR.glob("*.txt"))]
    return texts + [read(path).text for path in sorted(SAMPLES_DIR.glob("[0-9]*.txt"))]


def _found(matches: Iterable[re.Match[str]]) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(match.span(), match.groupdict()) for match in matches]


def test_every_rule_finds_what_its_bare_regex_finds_from_any_position() -> None:
    rng = random.Random(4)
    rules, texts = _every_rule(), _texts()
    assert sum(bool(_barriers(rule.regex)) for rule in rules) >= 5  # the start-skipping runs
    assert sum(rule.guard is None and _implied_guard(rule.regex) is not None for rule in rules)
    for rule in rules:
        for text in texts:
            bounds = [
                (0, len(text)),
                *(sorted(rng.sample(range(len(text) + 1), 2)) for _ in range(2)),
            ]
            for start, end in bounds:
                assert _found(rule.finditer(text, start, end)) == _found(
                    rule.regex.finditer(text, start, end)
                ), rule.regex.pattern
                ours, bare = rule.search(text, start, end), rule.regex.search(text, start, end)
                assert _found([ours] if ours else []) == _found([bare] if bare else [])


def test_a_rule_cannot_start_before_a_full_stop_it_cannot_cross() -> None:
    rule = Rule(re.compile(r"(?P<who>[^.\n]+?)\s+reserverade\s+sig"), re.compile(r"reserverade"))
    assert _barriers(rule.regex) == "."  # "\s+" may cross a line break
    text = "Lång inledning utan beslut. " * 200 + "S och V reserverade sig."
    [match] = rule.finditer(text)
    assert match.group("who") == " S och V"
    # A case-insensitive rule matches other characters than it reads: no barriers.
    assert _barriers(re.compile(r"[^.]*?x", re.IGNORECASE)) == ""


def test_an_unguarded_rule_gets_the_words_every_match_holds() -> None:
    guard = _implied_guard(re.compile(r"(?:Ordföranden|Mötet)\s+öppnar\s+(?:mötet|sammanträdet)"))
    assert guard is not None and guard.pattern == "öppnar"
    either = _implied_guard(re.compile(r"\b(?:anmäler|beslutet)\s+\w+"))
    assert either is not None and set(either.pattern.split("|")) == {"anmäler", "beslutet"}
    assert _implied_guard(re.compile(r"(?:ny\s+)?ordförande")) is not None  # "ordförande"
    assert _implied_guard(re.compile(r"[A-Z]\w+ \d+")) is None  # no literal word required


def test_a_failed_search_stops_at_the_end_of_the_sentence_its_guard_stands_in() -> None:
    """A rule whose head cannot cross a full stop, but whose optional end can ("kl. 10.00"),
    searches only the sentence of each guard, and still matches on over its end."""
    row = next(row for row in read_table("agreement_replacements.tsv") if "upphör" in row[1])
    rule = Rule(re.compile(fill(row[1])))
    assert _head_barriers(rule.regex) == "." and _barriers(rule.regex) == ""
    text = (
        "Avtalet upphör inte. "
        + "Ett stycke utan regel. " * 50
        + "Taxa 2024 upphör att gälla när Taxa 2026 träder i kraft den 1 jan. 2026. Slut."
    )
    assert _cut_barriers(rule.regex) == "."
    assert _cut_after(text, ".", text.index("upphör"), len(text)) == text.index(".") + 1
    texts = [text, *_texts()]
    for sample in texts:
        assert _found(rule.finditer(sample)) == _found(rule.regex.finditer(sample))
    [match] = rule.finditer(text)
    assert match.group("into_force") == "1 jan. 2026"
    # A rule that looks ahead may see past the cut: it searches on as written.
    assert _cut_barriers(re.compile(r"[^.]+(?=\.)")) == ""
