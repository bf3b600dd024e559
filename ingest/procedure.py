"""What a § protocol records of an item's handling besides its decisions: the motions
(yrkanden) and the one the decision follows, votes, reservations, protocol notes,
disqualifications (jäv) and members taking no part in the decision. The phrasings are
rules in `data/decision_patterns.tsv` and `data/sentence_patterns.tsv`."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from beslutsgraf.ingest.concepts import concepts_of
from beslutsgraf.ingest.lines import split_lines, trimmed_span
from beslutsgraf.ingest.model import (
    Abstention,
    Ballot,
    Disqualification,
    HeaderField,
    Motion,
    PersonMention,
    ProtocolNote,
    Reservation,
    Span,
    Vote,
)
from beslutsgraf.ingest.names import fold, is_full_name
from beslutsgraf.ingest.patterns import decision_rules, keyed
from beslutsgraf.ingest.people import (
    parse_person,
    parse_person_list,
    parties_named,
    party_abbreviation,
)
from beslutsgraf.ontology import BG

__all__ = [
    "abstentions",
    "adopted_motion",
    "disqualifications",
    "motions",
    "notes",
    "reservations",
    "votes",
]

_PARTY_WORD = re.compile(r"\b[A-ZÅÄÖ]{1,3}\b")
# Where an item's text says what was decided: the decision, the proposition, the vote.
_DECIDING_FIELDS = ("decision", "procedure", "vote")
# Where motions are put: the Yrkanden block, or the Beslutsgång that tells them in turn.
_MOTION_FIELDS = ("motions", "procedure")
# A sentence ends at a full stop before a space (not "bl.a"), or at the line's end.
_SENTENCE_END = re.compile(r"\.(?=\s|$)|\n")
# The genitive of a name or party: "Dennis Lundins", "Moderaternas", "S:s".
_GENITIVE = re.compile(r"(?::s|s|'|’)$")
# The cells of a table row: split at tabs, or (a row set in spaces) at a run of them.
_TAB = re.compile(r"\t")
_SPACE_GAP = re.compile(r"[ \u00a0]{2,}")
_PARTY_HEADING = re.compile(r"[Pp]arti(?:tillhörighet)?")


def votes(
    text: str, fields: Sequence[HeaderField], known: frozenset[str] = frozenset()
) -> list[Vote]:
    """One vote per Omröstning block, with its counts and ballots. An Omröstningslista
    block lists the ballots of the vote before it (or of a vote of its own). Counts the
    text does not state are counted from the ballots, when it states none."""
    found: list[Vote] = []
    for index, field in enumerate(fields):
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
    return [_with_counted(vote) for vote in found]


def _counts(words: str) -> tuple[int | None, int | None, int | None]:
    """The yes, no and abstain counts a vote's text states ("Med 6 ja-röster mot 1 nej-röst")."""
    counts: dict[str, int] = {}
    for kind, regex in keyed("decision_patterns.tsv"):
        if kind != "vote":
            continue
        match = regex.search(words)
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
    sentences = _sentences(block.text)
    question = _question(sentences)
    if question is None:
        procedures = [field for field in before if field.key == "procedure"]
        if procedures:
            question = _question(_sentences(procedures[-1].value.text))
    asked = question or ""
    deciding = [
        sentence
        for sentence in sentences
        if sentence not in asked
        and any(rule.search(sentence) for rule in decision_rules("vote_outcome"))
    ]
    return question, (deciding[-1] if deciding else None)


def _question(sentences: Sequence[str]) -> str | None:
    """The first sentence saying what a yes and a no stand for, with the next one when it
    says what a win means ("Vinner nej har …")."""
    for index, sentence in enumerate(sentences):
        if any(rule.search(sentence) for rule in decision_rules("vote_question")):
            more = sentences[index + 1 : index + 2]
            if more and any(rule.search(more[0]) for rule in decision_rules("vote_question_more")):
                return f"{sentence} {more[0]}"
            return sentence
    return None


def _sentences(words: str) -> list[str]:
    """`words` as sentences, whitespace folded, each with its full stop."""
    sentences, at = [], 0
    for end in [*_SENTENCE_END.finditer(words), None]:
        stop = end.end() if end else len(words)
        sentence = " ".join(words[at:stop].split())
        if sentence:
            sentences.append(sentence)
        at = stop
    return sentences


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
    for line in split_lines(text, block.start, block.end):
        cells = _cells(text, line.start, line.end)
        if len(cells) < 2:
            continue
        heading = {index: _choice(cell.text) for index, cell in enumerate(cells)}
        if len([choice for choice in heading.values() if choice]) >= 2:
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
            if _PARTY_WORD.fullmatch(party):
                person = replace(person, party=party_abbreviation(party))
        ballots.append(Ballot(person, choice, trimmed_span(text, line.start, line.end)))
    return ballots


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


def _parties_in(words: str) -> list[str]:
    """Parties a phrase names: "S och V" → S, V; "Folkpartiet" → L (register abbreviations)."""
    found = [party_abbreviation(word) for word in _PARTY_WORD.findall(words)]
    return list(dict.fromkeys([*found, *parties_named(words)]))


def motions(
    text: str,
    fields: Sequence[HeaderField],
    known: frozenset[str],
    chair: PersonMention | None = None,
) -> list[Motion]:
    """One motion per "X (P) yrkar …" sentence of the Yrkanden or Beslutsgång block, with
    those who second it there or join it later ("Ola Berg (KD) instämmer i Lars Holms
    yrkande"). The chair's own ("Ordföranden yrkar …") names `chair` as its proposer."""
    blocks = [field.value for field in fields if field.key in _MOTION_FIELDS]
    motions = sorted(
        (
            _motion(text, match, known, chair)
            for block in blocks
            for rule in decision_rules("motion")
            for match in rule.finditer(text, block.start, block.end)
        ),
        key=lambda motion: motion.span.start,
    )
    for block in blocks:
        for rule in decision_rules("motion_joined"):
            for match in rule.finditer(text, block.start, block.end):
                joined = _motion_named(motions, match.group("whose"))
                if joined is not None:
                    who = trimmed_span(text, match.start("who"), match.end("who"))
                    at = motions.index(joined)
                    motions[at] = _with_proposers(text, joined, who, known)
    return motions


def _with_proposers(text: str, motion: Motion, who: Span, known: frozenset[str]) -> Motion:
    """`motion` with the persons `who` names among its proposers."""
    found = parse_person_list(text, who.start, who.end, known_organisations=known)
    names = {person.name for person in motion.persons}
    added = tuple(person for person in found if person.name not in names)
    return replace(motion, persons=(*motion.persons, *added)) if added else motion


def _motion(
    text: str, match: re.Match[str], known: frozenset[str], chair: PersonMention | None
) -> Motion:
    who = trimmed_span(text, match.start("who"), match.end("who"))
    sentence = trimmed_span(text, who.start, match.end())
    if _names_chair(who.text):
        # "Ordföranden yrkar …": a role, not a name; the graph gives it the item's chair.
        chairs = (chair,) if chair is not None else ()
        return Motion(sentence, " ".join(sentence.text.split()), chairs, by_chair=True)
    persons = tuple(parse_person_list(text, who.start, who.end, known_organisations=known))
    # A party proposes only when no person is named: "Anna Vikström (C)" is her motion.
    parties = () if persons else tuple(_parties_in(who.text))
    motion = Motion(sentence, " ".join(sentence.text.split()), persons, parties)
    for rule in decision_rules("motion_seconded"):  # "…, med instämmande av Ola Berg (KD), …"
        for seconded in rule.finditer(text, who.end, sentence.end):
            seconds = trimmed_span(text, seconded.start("who"), seconded.end("who"))
            motion = _with_proposers(text, motion, seconds, known)
    return motion


def _names_chair(words: str) -> bool:
    """True when `words` name the chair by role: "Ordföranden", "ordförandens"."""
    return any(rule.search(" ".join(words.split())) for rule in decision_rules("chair_role"))


def adopted_motion(
    text: str, fields: Sequence[HeaderField], motions: Sequence[Motion]
) -> Motion | None:
    """The motion the decision follows ("finner att kommunstyrelsen beslutar enligt
    Dennis Lundins yrkande"). The last statement counts: a vote settles what the
    proposition found."""
    statements = sorted(
        (match.start(), match.group("who"))
        for field in fields
        if field.key in _DECIDING_FIELDS
        for rule in decision_rules("adopts_motion")
        for match in rule.finditer(text, field.value.start, field.value.end)
    )
    return _motion_named(motions, statements[-1][1]) if statements else None


def _motion_named(motions: Sequence[Motion], whose: str) -> Motion | None:
    """The one motion of the person or party a genitive names ("Dennis Lundins"), or of
    the chair ("ordförandens")."""
    owner = " ".join(whose.split())
    if _names_chair(owner):
        chairs = [motion for motion in motions if motion.by_chair]
        return chairs[0] if len(chairs) == 1 else None
    names = {owner, _GENITIVE.sub("", owner)}
    parties = {party for name in names for party in _parties_in(name)}
    found = [
        motion
        for motion in motions
        if names & {person.name for person in motion.persons}
        or parties & set(motion.proposing_parties)
    ]
    return found[0] if len(found) == 1 else None


def reservations(
    text: str, body: Span, motions: Sequence[Motion], known: frozenset[str]
) -> list[Reservation]:
    reservations = []
    for rule in decision_rules("reservation"):
        for match in rule.finditer(text, body.start, body.end):
            who = trimmed_span(text, match.start("who"), match.end("who"))
            persons = parse_person_list(text, who.start, who.end, known_organisations=known)
            span = Span(match.start(), match.end(), match.group(0))
            reservation = Reservation(span, tuple(_parties_in(who.text)), tuple(persons))
            reservations.append(_with_motion_favoured(text, reservation, body.end, motions))
    return reservations


def _with_motion_favoured(
    text: str, reservation: Reservation, end: int, motions: Sequence[Motion]
) -> Reservation:
    """The motion the reservers supported ("… reserverar sig mot beslutet till förmån
    för eget yrkande"), the phrase joining the reservation's evidence."""
    sentence_end = _SENTENCE_END.search(text, reservation.span.end, end)
    stop = sentence_end.start() if sentence_end else end
    for rule in decision_rules("in_favour_of"):
        match = rule.search(text, reservation.span.end, stop)
        if match is None:
            continue
        # A rule naming no one means the reservers' own motion ("eget yrkande").
        whose = match.groupdict().get("who")
        motion = _motion_named(motions, whose) if whose else _own_motion(motions, reservation)
        if motion is not None:
            start = reservation.span.start
            span = Span(start, match.end(), text[start : match.end()])
            return replace(reservation, span=span, in_favour_of=motion)
    return reservation


def _own_motion(motions: Sequence[Motion], reservation: Reservation) -> Motion | None:
    """The one motion the reserving persons put (or, naming no person, their parties)."""
    names = {person.name for person in reservation.persons}
    if names:
        found = [m for m in motions if names & {person.name for person in m.persons}]
    else:
        parties = set(reservation.parties)
        found = [m for m in motions if parties & set(m.proposing_parties)]
    return found[0] if len(found) == 1 else None


def notes(text: str, fields: Sequence[HeaderField]) -> list[ProtocolNote]:
    notes = []
    for field in fields:
        if field.key == "note" and field.value.text:
            authors = tuple(_parties_in(field.value.text.split(".")[0]))
            notes.append(ProtocolNote(field.value, " ".join(field.value.text.split()), authors))
    return notes


def disqualifications(text: str, body: Span, known: frozenset[str]) -> list[Disqualification]:
    found = []
    for kind, regex in keyed("sentence_patterns.tsv"):
        if kind != "disqualification":
            continue
        for match in regex.finditer(text, body.start, body.end):
            person = parse_person(
                text, match.start("person"), match.end("person"), known_organisations=known
            )
            if person is not None:
                found.append(
                    Disqualification(person, Span(match.start(), match.end(), match.group(0)))
                )
    return found


def abstentions(text: str, body: Span, known: frozenset[str]) -> list[Abstention]:
    """Members present who take no part in the decision ("Ylva Nord (V) deltar inte i
    beslutet"; "Sverigedemokraternas ledamöter …"): the persons named, else the parties."""
    found = []
    for rule in decision_rules("abstains"):
        for match in rule.finditer(text, body.start, body.end):
            who = trimmed_span(text, match.start("who"), match.end("who"))
            persons = tuple(
                person
                for person in parse_person_list(text, who.start, who.end, known_organisations=known)
                if is_full_name(person.name)
            )
            parties = () if persons else tuple(_parties_in(who.text))
            if persons or parties:
                span = Span(match.start(), match.end(), match.group(0))
                found.append(Abstention(span, persons, parties))
    return sorted(found, key=lambda abstention: abstention.span.start)
