"""The votes (omröstningar) of a § protocol's item: the counts as stated, the
proposition as put and the result as written, and each member's ballot from a vote list
table or from prose ("Ja-röster: …"). The phrasings are rules in
`data/decision_patterns.tsv`."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from beslutsgraf.ingest.attendance_table import row_cells
from beslutsgraf.ingest.concepts import concepts_of
from beslutsgraf.ingest.lines import Line, sentences, split_lines, split_on_gaps, trimmed_span
from beslutsgraf.ingest.model import Ballot, HeaderField, Span, Vote, VoteListAppendix
from beslutsgraf.ingest.names import fold, is_full_name
from beslutsgraf.ingest.patterns import decision_rules
from beslutsgraf.ingest.people import (
    PARTY_WORD,
    parse_person,
    parse_person_list,
    party_abbreviation,
)
from beslutsgraf.ontology import BG

__all__ = ["votes"]

# The cells of a table row: split at tabs, or (a row set in spaces) at a run of them.
_TAB = re.compile(r"\t")
_SPACE_GAP = re.compile(r"[ \u00a0]{2,}")
_PARTY_HEADING = re.compile(r"[Pp]arti(?:tillhörighet)?")


def votes(
    text: str,
    fields: Sequence[HeaderField],
    known: frozenset[str] = frozenset(),
    appendices: Sequence[VoteListAppendix] = (),
    body: Span | None = None,
) -> list[Vote]:
    """One vote per Omröstning block, with its counts and ballots. An Omröstningslista
    block lists the ballots of the vote before it (or of a vote of its own); a vote list
    printed as an appendix, those of the vote that cites it (else the item's last). Counts
    a vote's block does not state are the item's (`body`'s) sentence stating them ("Med 7
    ja-röster mot 4 nej-röster beslutar nämnden …"), else counted from the ballots."""
    found: list[Vote] = []
    for index, field in enumerate(fields):
        if field.key == "vote" and _heads_a_vote(fields, index):
            continue
        if field.key == "vote":
            ballots = _ballots(text, field.value, known)
            question, outcome = _question_and_outcome(field.value, fields[:index])
            counts = _counts(field.value.text)
            found.append(Vote(field.value, *counts, ballots, question, outcome))
        elif field.key == "vote_list":
            ballots = _ballots(text, field.value, known)
            if not ballots:
                continue
            if found:
                merged = _once((*found[-1].ballots, *ballots))
                found[-1] = replace(found[-1], ballots=merged)
            else:
                found.append(Vote(field.value, ballots=ballots))
    for appendix in appendices:
        ballots = _ballots(text, appendix.span, known)
        if not ballots:
            continue
        if found:
            at = _citing(found, appendix)
            merged = _once((*found[at].ballots, *ballots))
            found[at] = replace(found[at], ballots=merged)
        else:
            found.append(Vote(appendix.span, ballots=ballots))
    if body is not None:
        found = _with_stated(text, body, fields, found)
    return [_with_counted(vote) for vote in found]


def _heads_a_vote(fields: Sequence[HeaderField], index: int) -> bool:
    """An empty vote field right above another is its heading ("Omröstning" over
    "Omröstningsresultat: Ja 9, Nej 5"), not a vote of its own."""
    following = fields[index + 1 : index + 2]
    return not fields[index].value.text.strip() and bool(following) and following[0].key == "vote"


def _with_stated(
    text: str, body: Span, fields: Sequence[HeaderField], found: Sequence[Vote]
) -> list[Vote]:
    """The votes, those whose block states no counts with the item's sentences that do
    (yes and no), outside every vote block and list, one each in order; a sentence
    stating counts is a vote of its own in an item that has none. When the sentences
    and the votes lacking counts do not pair up, none is guessed."""
    votes = list(found)
    lacking = [i for i, vote in enumerate(votes) if (vote.yes, vote.no, vote.abstain) == _NONE]
    if votes and not lacking:
        return votes
    blocks = [field.value for field in fields if field.key in ("vote", "vote_list")]
    blocks += [vote.span for vote in votes]
    stated = [
        sentence
        for sentence in _count_sentences(text, body, fields)
        if not any(block.start <= sentence.start < block.end for block in blocks)
    ]
    if not votes:
        return [_stated_vote(Vote(sentence), sentence) for sentence in stated]
    if len(stated) != len(lacking):
        return votes
    for index, sentence in zip(lacking, stated, strict=True):
        votes[index] = _stated_vote(votes[index], sentence)
    return votes


_NONE = (None, None, None)


def _stated_vote(vote: Vote, sentence: Span) -> Vote:
    """`vote` with the counts `sentence` states, and its result when it decides."""
    decides = any(rule.search(sentence.text) for rule in decision_rules("vote_outcome"))
    outcome = vote.outcome or (" ".join(sentence.text.split()) if decides else None)
    yes, no, abstain = _counts(sentence.text)
    return replace(vote, yes=yes, no=no, abstain=abstain, outcome=outcome, counted_in=sentence)


def _count_sentences(text: str, body: Span, fields: Sequence[HeaderField]) -> list[Span]:
    """The sentences of `body` stating both a yes and a no count, each once. A sentence
    starts after the last full stop, blank line or field label before its counts."""
    found: list[Span] = []
    for rule in decision_rules("vote"):
        for match in rule.finditer(text, body.start, body.end):
            sentence = _sentence_at(text, body, fields, match.start())
            if all(sentence != seen for seen in found):
                yes, no, _ = _counts(sentence.text)
                if yes is not None and no is not None:
                    found.append(sentence)
    return sorted(found, key=lambda sentence: sentence.start)


def _sentence_at(text: str, body: Span, fields: Sequence[HeaderField], at: int) -> Span:
    before = text[body.start : at]
    ends = [m.end() for m in _SENTENCE_BREAK.finditer(before)]
    start = body.start + ends[-1] if ends else body.start
    labels = [f.value.start for f in fields if start <= f.value.start <= at]
    start = max([start, *labels])
    stop = _SENTENCE_STOP.search(text, at, body.end)
    end = stop.end() if stop else body.end
    return trimmed_span(text, start, end)


# Where a sentence ends: a full stop before a space or line break, or a blank line.
_SENTENCE_BREAK = re.compile(r"[.!?](?=\s)|\n[ \t]*\n")
_SENTENCE_STOP = re.compile(r"[.!?](?=\s|$)|\n[ \t]*\n")


def _citing(found: Sequence[Vote], appendix: VoteListAppendix) -> int:
    """The index of the vote whose text cites the appendix's number ("framgår av bilaga
    2"), else of the last vote."""
    for index, vote in enumerate(found):
        for rule in decision_rules("appendix_cited"):
            cited = {int(match.group("number")) for match in rule.finditer(vote.span.text)}
            if appendix.number in cited:
                return index
    return len(found) - 1


def _counts(words: str) -> tuple[int | None, int | None, int | None]:
    """The yes, no and abstain counts a vote's text states ("Med 6 ja-röster mot 1 nej-röst")."""
    counts: dict[str, int] = {}
    for rule in decision_rules("vote"):
        match = rule.search(words)
        if match:
            key, value = next((k, v) for k, v in match.groupdict().items() if v)
            counts[key] = int(value)
    return counts.get("yes"), counts.get("no"), counts.get("abstain")


def _question_and_outcome(
    block: Span, before: Sequence[HeaderField]
) -> tuple[str | None, str | None]:
    """The proposition as put and the result as written, each a whole sentence. The
    proposition is in the vote's block, else in the Beslutsgång before it ("Följande
    voteringsproposition godkänns: Ja-röst för …, nej-röst för …"); the result is the
    block's last sentence that decides, other than the proposition's own."""
    written = sentences(block.text)
    question = _question(written)
    if question is None:
        procedures = [field for field in before if field.key == "procedure"]
        if procedures:
            question = _question(sentences(procedures[-1].value.text))
    asked = question or ""
    deciding = [
        sentence
        for sentence in written
        if sentence not in asked
        and any(rule.search(sentence) for rule in decision_rules("vote_outcome"))
    ]
    return question, (deciding[-1] if deciding else None)


def _question(written: Sequence[str]) -> str | None:
    """The first sentence saying what a yes and a no stand for, with the next one when it
    says what a win means ("Vinner nej har …")."""
    for index, sentence in enumerate(written):
        if any(rule.search(sentence) for rule in decision_rules("vote_question")):
            more = written[index + 1 : index + 2]
            if more and any(rule.search(more[0]) for rule in decision_rules("vote_question_more")):
                return f"{sentence} {more[0]}"
            return sentence
    return None


def _with_counted(vote: Vote) -> Vote:
    """The vote with its counts counted from its ballots, when it states none."""
    if not vote.ballots or (vote.yes, vote.no, vote.abstain) != (None, None, None):
        return vote
    choices = [ballot.choice for ballot in vote.ballots]
    return replace(
        vote,
        yes=choices.count(str(BG.ja)),
        no=choices.count(str(BG.nej)),
        abstain=choices.count(str(BG.avstar)),
    )


def _ballots(text: str, block: Span, known: frozenset[str]) -> tuple[Ballot, ...]:
    """The ballots a vote's block lists: the rows of a vote list table, else the names of
    lists in its prose ("Ja-röster: Anna Berg (S), Per Lind (M). Nej-röster: …"), each
    person once."""
    return _once(_table_ballots(text, block, known) or _prose_ballots(text, block, known))


def _once(found: Sequence[Ballot]) -> tuple[Ballot, ...]:
    """The ballots, each voter's first only (two rules may read the same list)."""
    seen: set[str] = set()
    ballots = []
    for ballot in found:
        name = " ".join(ballot.voter.name.split())
        if name not in seen:
            seen.add(name)
            ballots.append(ballot)
    return tuple(ballots)


def _prose_ballots(text: str, block: Span, known: frozenset[str]) -> list[Ballot]:
    ballots = []
    for rule in decision_rules("ballots"):
        for match in rule.finditer(text, block.start, block.end):
            choice = _choice(match.group("choice"))
            if choice is None:
                continue
            who = trimmed_span(text, match.start("who"), match.end("who"))
            span = Span(match.start(), match.end(), match.group(0))
            for person in parse_person_list(text, who.start, who.end, known_organisations=known):
                if is_full_name(person.name):
                    ballots.append(Ballot(person, choice, span))
    return sorted(ballots, key=lambda ballot: ballot.voter.span.start)


def _table_ballots(text: str, block: Span, known: frozenset[str]) -> list[Ballot]:
    """One ballot per row naming a member and one choice: marked in the column a heading
    row names ("Ledamot | Ja | Nej | Avstår" over "Anna Berg (S) | X | |"), or written in
    a cell of its own ("Anna Berg (S)   Ja"). A "Parti" column gives the voter's party."""
    ballots = []
    columns: dict[int, str] = {}
    party_column: int | None = None
    bounds: tuple[tuple[int, int], ...] = ()
    for line in split_lines(text, block.start, block.end):
        cells = row_cells(text, line, bounds) if bounds else _cells(text, line.start, line.end)
        if len(cells) < 2:
            continue
        heading = {index: _choice(cell.text) for index, cell in enumerate(cells)}
        if len([choice for choice in heading.values() if choice]) >= 2:
            bounds = _spaced_bounds(text, line)
            if bounds:  # the heading's own cells, one per column its rows are placed under
                cells = row_cells(text, line, bounds)
                heading = {index: _choice(cell.text) for index, cell in enumerate(cells)}
            columns = {index: choice for index, choice in heading.items() if choice}
            party_column = next(
                (i for i, cell in enumerate(cells) if _PARTY_HEADING.fullmatch(cell.text)), None
            )
            continue
        choice = _row_choice(cells, columns)
        if choice is None:
            continue
        person = parse_person(text, cells[0].start, cells[0].end, known_organisations=known)
        if person is None or not is_full_name(person.name):
            continue
        if person.party is None and party_column is not None and party_column < len(cells):
            party = cells[party_column].text
            if PARTY_WORD.fullmatch(party):
                person = replace(person, party=party_abbreviation(party))
        ballots.append(Ballot(person, choice, trimmed_span(text, line.start, line.end)))
    return ballots


def _spaced_bounds(text: str, heading: Line) -> tuple[tuple[int, int], ...]:
    """Where each heading of a table set in spaces stands on its line: a row's marks are
    placed under them, since a blank cell leaves only a wider gap ("Sara Lund   V   X"
    marks the third column, not the first after the name). No bounds for a tabbed table:
    its empty cells are kept."""
    if "\t" in heading.text:
        return ()
    return tuple(
        (piece.start - heading.start, piece.end - heading.start)
        for piece in split_on_gaps(text, heading.start, heading.end)
    )


def _row_choice(cells: Sequence[Span], columns: dict[int, str]) -> str | None:
    """A row's one choice: the one choice column marked, else the one cell that is a
    choice word; None when the row marks none or several."""
    if columns:
        marked = {columns[i] for i, cell in enumerate(cells) if i in columns and cell.text}
        return next(iter(marked)) if len(marked) == 1 else None
    words = {choice for cell in cells[1:] if (choice := _choice(cell.text))}
    return next(iter(words)) if len(words) == 1 else None


def _cells(text: str, start: int, end: int) -> list[Span]:
    """A table row's cells, split at tabs (an empty cell kept, it is a column unmarked),
    else at runs of spaces."""
    gap = _TAB if "\t" in text[start:end] else _SPACE_GAP
    cells, at = [], start
    for match in [*gap.finditer(text, start, end), None]:
        stop = match.start() if match else end
        cells.append(trimmed_span(text, at, stop, " \t\u00a0*"))
        at = match.end() if match else end
    return cells


def _choice(word: str) -> str | None:
    """The bg:VoteChoice concept a word names ("Ja", "nej", "Avstår"), by its labels."""
    folded = fold(word.strip())
    for label, concept in concepts_of(BG.VoteChoice):
        if folded == label:
            return str(concept)
    return None
