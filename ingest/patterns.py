"""Regex rule tables from `ingest/data/` with their placeholders filled in.

The tables hold the Swedish phrasing ("ersätter", "får i uppdrag", "till och
med"); the placeholders are the shared building blocks: {NAME}, {FIRST},
{PRONOUN}, {PARTY}, {DATE}, {PERIOD} (a week, quarter … a deadline may name), {NUM}.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from beslutsgraf.ingest.data_files import read_table
from beslutsgraf.ingest.dates import DAY_ORDINAL, month_pattern
from beslutsgraf.ingest.people import PARTY
from beslutsgraf.ingest.periods import period_regex_text

__all__ = [
    "DATE",
    "NAME_IN_PROSE",
    "Rule",
    "compiled",
    "decision_rules",
    "fill",
    "keyed",
    "number_word",
    "sentence_rules",
]

_CAP = r"[A-ZÅÄÖÉÜ][a-zåäöéüA-ZÅÄÖÉ'’]*(?:-[A-ZÅÄÖÉa-zåäöé][a-zåäöéüA-ZÅÄÖ]*)*"
# Between a name's words: spaces, or a line break that wraps it. A tab parts a table's
# cells ("Lars Holm\tM\tSara Lind"), so no name runs over one.
_GAP = r"(?:[ \u00a0]+|[ \t\u00a0]*\n[ \t\u00a0]*)"
NAME_IN_PROSE = rf"{_CAP}(?:{_GAP}{_CAP}){{1,3}}"


@cache
def _numerals() -> dict[str, int]:
    return {row[0]: int(row[1]) for row in read_table("numerals.tsv")}


def number_word(word: str) -> int | None:
    """The value of a digit string or number word ("4", "fyra" → 4)."""
    return int(word) if word.isdigit() else _numerals().get(word.lower())


@cache
def date_regex_text() -> str:
    month = month_pattern()
    return (
        rf"(?:kl\.?\s*\d{{1,2}}[.:]\d{{2}}\s+den\s+)?"
        rf"(?:(?:19|20)\d{{2}}-[01]\d-[0-3]\d|[0-3]?\d/[01]?\d[ -](?:19|20)\d{{2}}"
        rf"|\d{{1,2}}{DAY_ORDINAL}\s+{month}\.?(?:,?\s+(?:19|20)\d{{2}})?"
        rf"|{month}\s+(?:19|20)\d{{2}})"
    )


DATE = "{DATE}"


def fill(pattern: str) -> str:
    """`pattern` with every placeholder replaced by its regex."""
    numerals = "|".join(sorted(_numerals(), key=len, reverse=True))
    replacements = {
        "{NAME}": NAME_IN_PROSE,
        "{FIRST}": rf"{_CAP}(?:{_GAP}{_CAP}){{0,3}}",
        "{PRONOUN}": r"hon|han|hen",
        "{PARTY}": PARTY.replace("(?P<party>", "(?:"),
        "{DATE}": date_regex_text(),
        "{PERIOD}": period_regex_text(),
        "{NUM}": rf"(?:{numerals})",
    }
    for placeholder, regex in replacements.items():
        pattern = pattern.replace(placeholder, regex)
    return pattern


@dataclass(frozen=True)
class Rule:
    """A rule's regex and, when the table gives one, its guard: a regex that every match
    of the rule contains (without one, words the regex itself requires: `_implied_guard`).
    A rule that opens with a lazy run ("(?P<who>[^.\n]+?)\\s+reserverade\\s+sig",
    "{NAME},?[^.]*?\\s+är\\s+ny") retries at every character of a long line; one linear
    search for the guard rules most texts out first.

    The guard also bounds where the next match can start: that match holds the next
    guard found and none of the characters the rule cannot match (`_barriers`: "." for
    "[^.]*?"), so it starts after the last of those before that guard, and the search
    starts there. A failed search stops at the first character after the guard that the
    rule's head cannot match (`_head_barriers`), instead of running on to the end of the
    text. Either way the matches are those of the regex as written."""

    regex: re.Pattern[str]
    guard: re.Pattern[str] | None = None

    def finditer(
        self, text: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        guard = self.guard or _implied_guard(self.regex)
        if guard is None:
            return self.regex.finditer(text, pos, endpos)
        return self._guarded_finditer(guard, text, pos, endpos)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        guard = self.guard or _implied_guard(self.regex)
        if guard is None:
            return self.regex.search(text, pos, endpos)
        return self._guarded_search(guard, text, pos, endpos)

    def _guarded_finditer(
        self, guard: re.Pattern[str], text: str, pos: int, endpos: int
    ) -> Iterator[re.Match[str]]:
        if not _nonempty(guard):
            # An empty guard match may stand in an empty match of the rule, after which
            # `finditer` resumes as a repeated search would not: run it as written.
            if guard.search(text, pos, endpos) is not None:
                yield from self.regex.finditer(text, pos, endpos)
            return
        # Every match holds a guard, so every match is non-empty and the next one is the
        # first match from the end of the last: a repeated search finds what finditer does.
        position = pos
        while (match := self._guarded_search(guard, text, position, endpos)) is not None:
            yield match
            position = match.end()

    def _guarded_search(
        self, guard: re.Pattern[str], text: str, pos: int, endpos: int
    ) -> re.Match[str] | None:
        # A guard the table gives may stand anywhere in a match, a word the regex requires
        # stands in its head: no match holds a barrier of either before that guard.
        before_guard = _barriers(self.regex) if self.guard else _head_barriers(self.regex)
        cuts = _cut_barriers(self.regex)
        while (hit := guard.search(text, pos, endpos)) is not None:
            start = pos
            for barrier in before_guard:
                start = max(start, text.rfind(barrier, pos, hit.start()) + 1)
            # A match at `start` or later is matched the same whatever the search's `pos`:
            # lookbehinds and \b see the text before it, and "^" needs a real line start.
            stop = _cut_after(text, cuts, hit.start(), endpos) if cuts else None
            if stop is None:
                return self.regex.search(text, start, endpos)
            # The first match starts before the cut or holds a later guard (see `_cut_after`).
            found = self.regex.search(text, start, stop)
            if found is not None:
                return self.regex.match(text, found.start(), endpos)  # with its optional end
            pos = stop
        return None


try:  # CPython's own regex parser (private): the speed-ups below read a rule's structure
    from re import _parser  # type: ignore[attr-defined]
except ImportError:  # a Python without it: every rule runs as written, only slower
    _parser = None


def _parsed(pattern: str, flags: int) -> Any | None:
    """The parsed regex, or None when it cannot be read (no barriers, no implied guard)."""
    if _parser is None:
        return None
    try:
        return _parser.parse(pattern, flags)
    except Exception:  # a private API: any surprise means "do not know"
        return None


# Characters that end a sentence or a line: a rule that cannot match one of them
# cannot start before the last one preceding its guard.
_BARRIER_CANDIDATES = ".\n"
# Flags that change which characters an item matches; rules using them get no barriers.
_CASE_OR_CLASS_FLAGS = re.IGNORECASE | re.ASCII | re.LOCALE
_CATEGORY_ESCAPES = (
    {}
    if _parser is None
    else {
        _parser.CATEGORY_DIGIT: r"\d",
        _parser.CATEGORY_NOT_DIGIT: r"\D",
        _parser.CATEGORY_SPACE: r"\s",
        _parser.CATEGORY_NOT_SPACE: r"\S",
        _parser.CATEGORY_WORD: r"\w",
        _parser.CATEGORY_NOT_WORD: r"\W",
    }
)


@cache
def _barriers(regex: re.Pattern[str]) -> str:
    """The characters of `_BARRIER_CANDIDATES` that no match of `regex` can contain."""
    if regex.flags & _CASE_OR_CLASS_FLAGS:
        return ""
    parsed = _parsed(regex.pattern, regex.flags)
    if parsed is None:
        return ""
    return "".join(char for char in _BARRIER_CANDIDATES if not _may_consume(parsed, char))


@cache
def _head_barriers(regex: re.Pattern[str]) -> str:
    """The characters of `_BARRIER_CANDIDATES` that the head of `regex` cannot match: the
    regex less the optional items that close it ("(?:\\s+från\\s+(?P<into_force>{DATE}))?"),
    a part every match holds from its first character."""
    if regex.flags & _CASE_OR_CLASS_FLAGS:
        return ""
    parsed = _parsed(regex.pattern, regex.flags)
    if parsed is None:
        return ""
    head = list(parsed)
    while head and _optional(head[-1]):
        head.pop()
    return "".join(char for char in _BARRIER_CANDIDATES if not _may_consume(head, char))


def _optional(item: tuple[Any, Any]) -> bool:
    """Whether the parsed item is a repeat that may match nothing (`?`, `*`, `{0,n}`)."""
    op, arg = item
    return op in (_parser.MAX_REPEAT, _parser.MIN_REPEAT, _parser.POSSESSIVE_REPEAT) and arg[0] == 0


def _cut_after(text: str, cuts: str, guard_start: int, endpos: int) -> int | None:
    """Where a search around a guard at `guard_start` may stop: just after the first of
    `cuts` (`_cut_barriers`) from the guard on; None when none comes before `endpos`.

    A match starting at that barrier or before cannot hold it in its head, so the head
    ends before it; a text cut just after it shows the head the same characters, and with
    its optional end each head found there is a match of the whole text. A match starting
    later holds a later guard."""
    stops = [at for barrier in cuts if (at := text.find(barrier, guard_start, endpos)) >= 0]
    return min(stops) + 1 if stops else None


@cache
def _cut_barriers(regex: re.Pattern[str]) -> str:
    """The head barriers a search for `regex` may stop at (`_cut_after`); none when a part
    of it may see past a cut: a lookahead, or an anchor at the end of the text."""
    return _head_barriers(regex) if _sees_only_to_its_end(regex) else ""


@cache
def _sees_only_to_its_end(regex: re.Pattern[str]) -> bool:
    """True when no part of `regex` looks beyond the characters it matches but the next
    one (\\b does): no lookahead, no "$" or "\\Z"; False for anything this reading does not know."""
    parsed = _parsed(regex.pattern, regex.flags)
    return parsed is not None and not _looks_ahead(list(parsed))


_LEAF_OPS = (
    ()
    if _parser is None
    else (_parser.LITERAL, _parser.NOT_LITERAL, _parser.IN, _parser.ANY, _parser.GROUPREF)
)
_NEAR_ANCHORS = (
    ()
    if _parser is None
    else (
        _parser.AT_BEGINNING,
        _parser.AT_BEGINNING_LINE,
        _parser.AT_BEGINNING_STRING,
        _parser.AT_BOUNDARY,
        _parser.AT_NON_BOUNDARY,
    )
)


def _looks_ahead(items: Any) -> bool:
    """Whether the parsed regex `items` holds a lookahead or an end anchor; True for
    anything this reading does not know."""
    for op, arg in items:
        if op in _LEAF_OPS:
            continue
        if op is _parser.AT:
            far = arg not in _NEAR_ANCHORS
        elif op in (_parser.ASSERT, _parser.ASSERT_NOT):
            far = arg[0] >= 0 or _looks_ahead(arg[1])
        elif op is _parser.SUBPATTERN:
            far = _looks_ahead(arg[3])
        elif op in (_parser.MAX_REPEAT, _parser.MIN_REPEAT, _parser.POSSESSIVE_REPEAT):
            far = _looks_ahead(arg[2])
        elif op is _parser.ATOMIC_GROUP:
            far = _looks_ahead(arg)
        elif op is _parser.BRANCH:
            far = any(_looks_ahead(branch) for branch in arg[1])
        else:
            far = True
        if far:
            return True
    return False


@cache
def _implied_guard(regex: re.Pattern[str]) -> re.Pattern[str] | None:
    """A guard for a rule the table gives none: words one of which every match contains
    ("öppnar", "justera", "anmäler|beslutet|handläggningen"), read from the regex
    itself; None when it has no such words."""
    if regex.flags & _CASE_OR_CLASS_FLAGS:
        return None
    parsed = _parsed(regex.pattern, regex.flags)
    words = _required_words(parsed) if parsed is not None else None
    if not words or min(map(len, words)) < _MIN_GUARD_LENGTH:
        return None
    return re.compile("|".join(re.escape(word) for word in sorted(words, key=len, reverse=True)))


_MIN_GUARD_LENGTH = 3


def _required_words(items: Any) -> frozenset[str] | None:
    """Words one of which every match of the parsed regex `items` contains, the best the
    sequence offers (longest shortest word); None when it holds no literal text for sure."""
    options: list[frozenset[str]] = []
    run: list[str] = []
    for op, arg in items:
        if op is _parser.LITERAL:
            run.append(chr(arg))
            continue
        if run:  # a run of literal characters is matched whole, in one piece
            options.append(frozenset(["".join(run)]))
            run = []
        option: frozenset[str] | None = None
        if op is _parser.SUBPATTERN and not (arg[1] | arg[2]):
            option = _required_words(arg[3])
        elif op in (_parser.MAX_REPEAT, _parser.MIN_REPEAT, _parser.POSSESSIVE_REPEAT):
            option = _required_words(arg[2]) if arg[0] >= 1 else None
        elif op is _parser.ATOMIC_GROUP:
            option = _required_words(arg)
        elif op is _parser.BRANCH:
            branches = [_required_words(branch) for branch in arg[1]]
            if all(branch is not None for branch in branches):
                option = frozenset(word for branch in branches if branch for word in branch)
        if option:
            options.append(option)
    if run:
        options.append(frozenset(["".join(run)]))
    return max(options, key=lambda words: min(map(len, words)), default=None)


@cache
def _nonempty(guard: re.Pattern[str]) -> bool:
    """True when every match of `guard` is at least one character long."""
    parsed = _parsed(guard.pattern, guard.flags)
    return parsed is not None and bool(parsed.getwidth()[0] > 0)


def _may_consume(items: Any, char: str) -> bool:
    """Whether a match of the parsed regex `items` may contain `char`; True for
    anything this reading does not know (so the answer "no" is always right)."""
    for op, arg in items:
        if op in (_parser.AT, _parser.ASSERT, _parser.ASSERT_NOT):
            continue  # zero-width: nothing is consumed
        if op is _parser.LITERAL:
            consumes = chr(arg) == char
        elif op is _parser.NOT_LITERAL:
            consumes = chr(arg) != char
        elif op is _parser.IN:
            consumes = _in_set(arg, char)
        elif op is _parser.SUBPATTERN:
            _, add_flags, del_flags, pattern = arg
            consumes = bool(add_flags | del_flags) or _may_consume(pattern, char)
        elif op in (_parser.MAX_REPEAT, _parser.MIN_REPEAT, _parser.POSSESSIVE_REPEAT):
            consumes = _may_consume(arg[2], char)
        elif op is _parser.ATOMIC_GROUP:
            consumes = _may_consume(arg, char)
        elif op is _parser.BRANCH:
            consumes = any(_may_consume(branch, char) for branch in arg[1])
        else:
            consumes = True  # ANY, back-references, conditionals …
        if consumes:
            return True
    return False


def _in_set(items: Any, char: str) -> bool:
    """Whether the character class `items` ("[^.]", "[A-ZÅÄÖ]", "\\s") holds `char`."""
    negated = False
    member = False
    for op, arg in items:
        if op is _parser.NEGATE:
            negated = True
        elif op is _parser.LITERAL:
            member = member or chr(arg) == char
        elif op is _parser.RANGE:
            member = member or arg[0] <= ord(char) <= arg[1]
        elif op is _parser.CATEGORY and arg in _CATEGORY_ESCAPES:
            member = member or re.fullmatch(_CATEGORY_ESCAPES[arg], char) is not None
        else:
            return True
    return member != negated


@cache
def keyed(table: str) -> tuple[tuple[str, Rule], ...]:
    """(kind, rule) rows of a rule table: kind, regex and an optional guard."""
    return tuple(
        (row[0], Rule(re.compile(fill(row[1])), re.compile(row[2]) if len(row) > 2 else None))
        for row in read_table(table)
    )


def _of_kind(table: str, kind: str) -> tuple[Rule, ...]:
    return tuple(rule for rule_kind, rule in keyed(table) if rule_kind == kind)


@cache
def decision_rules(kind: str) -> tuple[Rule, ...]:
    """The rules of one kind in `data/decision_patterns.tsv` ("deadline", "motion" …)."""
    return _of_kind("decision_patterns.tsv", kind)


@cache
def sentence_rules(kind: str) -> tuple[Rule, ...]:
    """The rules of one kind in `data/sentence_patterns.tsv` ("leaves", "substitution" …)."""
    return _of_kind("sentence_patterns.tsv", kind)


@cache
def compiled(table: str, flags: int = 0) -> tuple[re.Pattern[str], ...]:
    """The compiled regexes of a one-column rule table."""
    return tuple(re.compile(fill(row[0]), flags) for row in read_table(table))
