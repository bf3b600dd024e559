"""Members' written motions and residents' medborgarförslag that an assembly's decisions
answer or remit: who filed each, what it is about, which of the item's decisions decide
on it and which adopt it. The phrasings are rules in `data/decision_patterns.tsv`
(`filed_motion`, `filed_adopted`, `filed_authors`)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from beslutsgraf.ingest.lines import trimmed_span
from beslutsgraf.ingest.model import DecisionClause, FiledMotion, PersonMention, Span
from beslutsgraf.ingest.names import fold
from beslutsgraf.ingest.patterns import decision_rules
from beslutsgraf.ingest.people import parse_person_list, parties_in

__all__ = ["filed_motions"]


def filed_motions(
    text: str,
    item: Span,
    title: Span,
    decisions: Sequence[DecisionClause],
    known: frozenset[str],
) -> list[FiledMotion]:
    """The motions the item's title names ("Svar på motion från …"), which every decision
    of the item decides on, then those a decision names itself ("Motion från … anmäls och
    remitteras till …"), which that decision decides on; each with every author the
    item's text lists."""
    found = [
        _filed(text, match, known, tuple(range(len(decisions))), decisions)
        for match in _matches(text, title)
    ]
    for index, clause in enumerate(decisions):
        found += [_filed(text, m, known, (index,), decisions) for m in _matches(text, clause.span)]
    # A proposal without a named author has no node: the decision's text still holds it.
    named = _merged([motion for motion in found if motion.persons or motion.parties])
    listed = _author_lists(text, item, known)
    return [_with_all_authors(motion, listed) for motion in named]


def _author_lists(text: str, item: Span, known: frozenset[str]) -> list[tuple[PersonMention, ...]]:
    """The authors each "A (V), B (V) och C (S) har i en motion föreslagit …" of the item
    lists."""
    lists: list[tuple[PersonMention, ...]] = []
    for rule in decision_rules("filed_authors"):
        for match in rule.finditer(text, item.start, item.end):
            who = trimmed_span(text, match.start("who"), match.end("who"))
            persons = parse_person_list(text, who.start, who.end, known_organisations=known)
            lists.append(tuple(persons))
    return lists


def _with_all_authors(
    motion: FiledMotion, listed: Sequence[tuple[PersonMention, ...]]
) -> FiledMotion:
    """`motion` with the longest list the item gives of its authors: one that holds every
    author its title or decision names ("Motion av Anna Berg (V) med flera" names one)."""
    named = {fold(person.name) for person in motion.persons}
    fuller = [
        persons for persons in listed if named and named < {fold(person.name) for person in persons}
    ]
    if not fuller:
        return motion
    return replace(motion, persons=max(fuller, key=len))


def _merged(motions: Sequence[FiledMotion]) -> list[FiledMotion]:
    """One motion per title: the title and a decision may both name it."""
    by_title: dict[str, FiledMotion] = {}
    for motion in motions:
        first = by_title.setdefault(motion.title.casefold(), motion)
        if first is not motion:
            by_title[motion.title.casefold()] = replace(
                first,
                decisions=tuple(sorted({*first.decisions, *motion.decisions})),
                adopted_by=tuple(sorted({*first.adopted_by, *motion.adopted_by})),
            )
    return list(by_title.values())


def _matches(text: str, span: Span) -> list[re.Match[str]]:
    return [
        match
        for rule in decision_rules("filed_motion")
        for match in rule.finditer(text, span.start, span.end)
    ]


def _filed(
    text: str,
    match: re.Match[str],
    known: frozenset[str],
    deciding: tuple[int, ...],
    decisions: Sequence[DecisionClause],
) -> FiledMotion:
    who = trimmed_span(text, match.start("who"), match.end("who"))
    persons = tuple(parse_person_list(text, who.start, who.end, known_organisations=known))
    whole = trimmed_span(text, match.start(), match.end())
    return FiledMotion(
        span=whole,
        text=" ".join(whole.text.split()),
        title=" ".join(match.group("title").split()),
        persons=persons,
        # Filed as a party only when no person is named: "Anna Berg (V)" filed her own.
        parties=() if persons else tuple(parties_in(who.text)),
        decisions=deciding,
        adopted_by=tuple(index for index in deciding if _adopts(decisions[index].text)),
    )


def _adopts(decision_text: str) -> bool:
    return any(rule.search(decision_text) for rule in decision_rules("filed_adopted"))
