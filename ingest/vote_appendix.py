"""Vote lists printed as appendices (bilagor) of a § protocol: which § each belongs to,
and where the text of the item it follows ends.

A vote list's heading names a vote list (a `vote_list` label of `data/labels.tsv`:
"Omröstningslista", "Voteringslista") and, on its own line or an appendix heading right
above it ("Bilaga 1 till § 45"), the § it belongs to or the appendix's number, which
that § cites ("Omröstningsresultat framgår av bilaga 1"). A heading naming neither is a
§ block's own list, read there as its field. The phrasings are rules in
`data/decision_patterns.tsv`."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import cache

from beslutsgraf.ingest.labels import labels
from beslutsgraf.ingest.lines import Line, split_lines
from beslutsgraf.ingest.model import AgendaItemSegment, Span, VoteListAppendix
from beslutsgraf.ingest.patterns import decision_rules

__all__ = ["with_vote_lists"]

# A heading is short and states nothing; a longer line, or a sentence, is the § citing
# its list ("… framgår av bilaga 1 (omröstningslista § 45): 25 ja-röster, …").
_HEADING_WORDS = 10
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")


@cache
def _vote_list_word() -> re.Pattern[str]:
    words = sorted(
        (label.text for label in labels() if label.key == "vote_list"), key=len, reverse=True
    )
    return re.compile(rf"(?<![\w-])(?:{'|'.join(map(re.escape, words))})(?![\w-])")


def with_vote_lists(text: str, items: Sequence[AgendaItemSegment]) -> list[AgendaItemSegment]:
    """`items`, each vote list appendix given to the item it belongs to and cut from the
    item whose text it follows (an appendix no § claims is cut off and given to none).
    A list naming the very item it follows stays in its text, read as its field."""
    found = list(items)
    for holder, appendix, item_number in _appendices(text, found):
        target = _target(text, found, holder, appendix, item_number)
        if target == holder:
            continue
        body = found[holder].body
        cut = min(appendix.span.start, body.end)
        found[holder] = replace(found[holder], body=Span(body.start, cut, text[body.start : cut]))
        if target is not None:
            found[target] = replace(found[target], vote_lists=(*found[target].vote_lists, appendix))
    return found


def _appendices(
    text: str, items: Sequence[AgendaItemSegment]
) -> list[tuple[int, VoteListAppendix, int | None]]:
    """Each vote list appendix with the index of the item whose body holds it and the §
    number its heading names. It runs to the next appendix or that body's end."""
    found: list[tuple[int, VoteListAppendix, int | None]] = []
    for index, item in enumerate(items):
        # Most items name no vote list: one search of the body rules out all its lines (the
        # word's neighbours in a line, stripped, are blanks and marks there as here).
        if not _vote_list_word().search(item.body.text):
            continue
        lines = split_lines(text, item.body.start, item.body.end)
        appendix_lines = {at for at, line in enumerate(lines) if _appendix_heading(line)}
        headings: list[tuple[Line, Line, int | None, int | None]] = []
        for at, line in enumerate(lines):
            if not _vote_list_heading(line):
                continue
            # "Bilaga 1 till § 45" over "Omröstningslista": one heading of two lines.
            above = at - 1 in appendix_lines and at not in appendix_lines
            first = lines[at - 1] if above else line
            number = _first_number(first.text, "appendix_heading")
            item_number = _first_number(text[first.start : line.end], "item_cited")
            if number is not None or item_number is not None:
                headings.append((first, line, number, item_number))
        # Where one appendix stops: the next appendix's heading, of a vote list or not.
        stops = sorted({lines[at].start for at in appendix_lines} | {h[0].start for h in headings})
        for first, last, number, item_number in headings:
            end = next((stop for stop in stops if stop > last.start), item.body.end)
            span = Span(first.start, end, text[first.start : end])
            found.append((index, VoteListAppendix(span, number), item_number))
    return found


def _vote_list_heading(line: Line) -> bool:
    words = line.text.strip(" \t#*")
    return (
        bool(_vote_list_word().search(words))
        and len(words.split()) <= _HEADING_WORDS
        and not _SENTENCE_END.search(words)
    )


def _appendix_heading(line: Line) -> bool:
    return any(rule.search(line.text) for rule in decision_rules("appendix_heading"))


def _first_number(words: str, kind: str) -> int | None:
    for rule in decision_rules(kind):
        match = rule.search(words)
        if match:
            return int(match.group("number"))
    return None


def _target(
    text: str,
    items: Sequence[AgendaItemSegment],
    holder: int,
    appendix: VoteListAppendix,
    item_number: int | None,
) -> int | None:
    """The index of the item a vote list belongs to: the § its heading names, else the
    item that cites the appendix's number ("framgår av bilaga 1"): the one it follows
    when that one does (appendices may be numbered per §), else the only one."""
    if item_number is not None:
        named = [i for i, item in enumerate(items) if item.number == item_number]
        return named[0] if len(named) == 1 else None
    citing = [
        index
        for index, item in enumerate(items)
        if appendix.number is not None and appendix.number in _cited(text, item.body)
    ]
    if holder in citing:
        return holder
    return citing[0] if len(citing) == 1 else None


def _cited(text: str, body: Span) -> set[int]:
    """The appendix numbers an item's text cites, its appendices' own headings aside."""
    cited: set[int] = set()
    for line in split_lines(text, body.start, body.end):
        if _appendix_heading(line) or _vote_list_heading(line):
            continue
        for rule in decision_rules("appendix_cited"):
            cited.update(int(match.group("number")) for match in rule.finditer(line.text))
    return cited
