"""Members' written motions and residents' medborgarförslag that an assembly's decisions
answer or remit: who filed each, what it is about, which of the item's decisions decide
on it and which adopt it. The phrasings are rules in `data/decision_patterns.tsv`
(`filed_motion`, `filed_adopted`)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from beslutsgraf.ingest.lines import trimmed_span
from beslutsgraf.ingest.model import DecisionClause, FiledMotion, Span
from beslutsgraf.ingest.patterns import decision_rules
from beslutsgraf.ingest.people import parse_person_list, parties_in

__all__ = ["filed_motions"]


def filed_motions(
    text: str, title: Span, decisions: Sequence[DecisionClause], known: frozenset[str]
) -> list[FiledMotion]:
    """The motions the item's title names ("Svar på motion från …"), which every decision
    of the item decides on, then those a decision names itself ("Motion från … anmäls och
    remitteras till …"), which that decision decides on."""
    found = [
        _filed(text, match, known, tuple(range(len(decisions))), decisions)
        for match in _matches(text, title)
    ]
    for index, clause in enumerate(decisions):
        found += [_filed(text, m, known, (index,), decisions) for m in _matches(text, clause.span)]
    # A proposal without a named author has no node: the decision's text still holds it.
    return _merged([motion for motion in found if motion.persons or motion.parties])


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
