"""Member lists: headed sections of one-person cells, in one or two columns.

Converted tables come as tab-separated cells, as cells merged into one line
with runs of spaces, or with no separator at all ("… vice ordförande Helén
Eliasson (S) ordf. …"). A line is cut before every heading, column group and
person that starts inside it; a cell's column is its position on the line
(or, alone on an indented line, the right column). An attendance table's first row
names its columns ("Ledamot | Parti | Närvarande"); where runs of spaces part its
cells, a row's cells are placed under the headings, since a blank cell is only a gap.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from beslutsgraf.ingest.attendance_table import (
    TableColumns,
    deputy_came,
    deputy_serves,
    item_row,
    row_cells,
    row_key,
    table_columns,
    with_marks,
)
from beslutsgraf.ingest.data_files import read_table
from beslutsgraf.ingest.lines import (
    Line,
    split_lines,
    split_on,
    split_on_gaps,
    strip_markup,
    trimmed_span,
)
from beslutsgraf.ingest.model import PersonMention, RosterSection, Span
from beslutsgraf.ingest.people import (
    PARTY,
    is_organisation_like,
    is_unit,
    name_run_starts,
    parse_person,
    party_named_alone,
    starts_with_name,
)
from beslutsgraf.ingest.reference_data import read_registers
from beslutsgraf.ontology import BG

__all__ = ["find_rosters", "known_organisation_words", "split_cells"]

_CAPITALISED = re.compile(r"[A-ZÅÄÖÉ][\w'’-]*$")
_PARTY_ANYWHERE = re.compile(PARTY)
_ORG_AFTER = re.compile(
    r"(?:,|\)|(?<!\S)[a-zåäö][\w.-]*) (?P<word>[A-ZÅÄÖ][\w-]+)(?=[ \t]*(?:$|\t| {2}|,))",
    re.MULTILINE,
)


# "Name (p), Place Name (p)": the word after a party and a comma is the member's place
# unless it opens a name of its own (a given name; `_GIVEN_NAME` tells them apart).
_PLACE_AFTER_PARTY = re.compile(
    rf"{PARTY.replace('(?P<party>', '(?:')},[ ]+(?P<word>[A-ZÅÄÖ][\w-]+)(?= )"
)
# A name right after these words is the member a deputy sits for, not a new cell.
_SUBSTITUTES_FOR = re.compile(
    r"(?:ersättare|ers\.?|tjänstgör|tjänstgörande|ersätter|i\s+stället)\s+för\s*$|ersätter\s*$"
)
# A page number and page count that a flattened page starts with: "3(27)", "2".
_PAGE_MARK = re.compile(r"^\d{1,3}(?:\s*\(\d{1,3}\))?$")
_MAX_NAME_WORDS = 3
_MAX_PARTY_WORDS = 6  # "Kommunerna i Dalmarks län"
_PHRASE_REACH = 40  # characters before a name that may hold "tjänstgörande ersättare för"
# Headings of people present without being called (members.py's `_NOT_CALLED`): an
# unmarked row under them is someone who did not come, not an absent member.
_NOT_CALLED = frozenset({"others", "administration", "communication", "deputies"})
# A table row's deputy cell: not the row's member, so no row group's seat is theirs.
_DEPUTY_CELLS = frozenset({"serving_deputies", "deputies"})
_SERVING_ROLE = str(BG.tjanstgorandeErsattare)
# Keys that say a table's row did not come, not which list it is on.
_NOT_COMING = frozenset({"absent", "not_present"})
# A member list's section: its column, group, heading, key and the list it stands in.
_SectionId = tuple[int, int | None, int | None, str, str | None]
_GIVEN_NAME = re.compile(r"(?<!\S)(?P<word>[A-ZÅÄÖÉ][\w-]+)\s+[A-ZÅÄÖÉ][\w-]+\s*(?:,|\()")
# A party's mark after a name, uncaptured: the word before it closes a name ("Stefan Ljung
# (S)") and is a family name, even where the same word names a place ("förskola i Ljung").
_PARTY_MARK = PARTY.replace("(?P<party>", "(?:")
# The last two words of a name and its party: the word before the party closes a name.
_NAME_BEFORE_PARTY = re.compile(
    rf"(?<!\S)[A-ZÅÄÖÉ][\w-]+[ ]+(?P<word>[A-ZÅÄÖ][\w-]+)[ ]*{_PARTY_MARK}"
)


@dataclass(frozen=True)
class _Cell:
    span: Span
    column: int
    kind: str  # "heading", "group", "person", "other"
    key: str = ""
    listed_as: str | None = None  # the seat of a row's deputy who did not come (`key`)


@cache
def _headings() -> tuple[tuple[str, str], ...]:
    rows = [(row[0], row[1]) for row in read_table("roster_headings.tsv") if row[1] != "group"]
    return tuple(sorted(rows, key=lambda row: len(row[0]), reverse=True))


@cache
def _group_prefix() -> str:
    prefixes = [row[0] for row in read_table("roster_headings.tsv") if row[1] == "group"]
    return "|".join(re.escape(prefix) for prefix in prefixes)


@cache
def _heading_keys() -> dict[str, str]:
    """Heading → key; the first (longest-first) row wins, as in a scan of `_headings()`."""
    keys: dict[str, str] = {}
    for heading, key in _headings():
        keys.setdefault(heading, key)
    return keys


@cache
def _group_regex() -> re.Pattern[str]:
    return re.compile(rf"(?:{_group_prefix()}) [A-ZÅÄÖ]")


@cache
def _may_open_section() -> re.Pattern[str]:
    """Found in every line whose cells are all headings or groups: such a cell is a
    heading or opens with a group prefix. Most lines lack it and need not be cut into cells."""
    headings = "|".join(re.escape(heading) for heading in _heading_keys())
    return re.compile(rf"{headings}|{_group_regex().pattern}")


@cache
def _boundary_regex() -> re.Pattern[str]:
    headings = "|".join(re.escape(heading) for heading, _ in _headings())
    return re.compile(
        rf"(?<![\w-])(?P<heading>{headings})(?![\w-])|(?<![\w-])(?P<group>(?:{_group_prefix()})"
        rf" [A-ZÅÄÖ])"
    )


@lru_cache(maxsize=8)  # segment and extract both ask, for the same text
def known_organisation_words(text: str) -> frozenset[str]:
    """Single words the document uses as organisations ("…, Fyrbodal", "beredning Västkom")
    or as the place a member comes from ("Jan Hallberg (m), Göteborg Vivi-Ann Nilsson (s)").

    A word that also opens a two-word name ("Ann-Sofie Rundberg,") is a given name; one
    that closes a name before its party ("Stefan Ljung (S)") is a family name.
    """
    candidates = {match.group("word") for match in _ORG_AFTER.finditer(text)}
    candidates |= {match.group("word") for match in _PLACE_AFTER_PARTY.finditer(text)}
    candidates -= _given_names(text)
    return frozenset(candidates - _family_names(text, candidates))


def _family_names(text: str, words: set[str]) -> set[str]:
    """Those of `words` that close a name before its party somewhere in `text`."""
    if not words:
        return set()
    # One regex for every document, its finds filtered to `words`: compiling one for the
    # words of each document cost twice the search. The finds are the same: two names
    # before a party cannot overlap, so no find hides one of a word of `words`.
    return {
        word
        for match in _NAME_BEFORE_PARTY.finditer(text)
        if (word := match.group("word")) in words
    }


@lru_cache(maxsize=8)
def _given_names(text: str) -> frozenset[str]:
    """Words that open a two-word name somewhere in `text` ("Urban Svensson (kd)")."""
    return frozenset(match.group("word") for match in _GIVEN_NAME.finditer(text))


def _classify(text: str, span: Span, known: Iterable[str]) -> tuple[str, str]:
    bare = strip_markup(text, span.start, span.end).text
    # A heading may carry the colon of a label alone on its line ("Frånvarande:").
    key = _heading_keys().get(bare) or _heading_keys().get(bare.removesuffix(":").rstrip())
    if key is not None:
        return "heading", key
    # A party's name alone heads its members' rows ("Socialdemokraterna" across a table).
    if _group_regex().match(bare) or party_named_alone(bare):
        return "group", ""
    if starts_with_name(text, span.start, span.end, known):
        return "person", ""
    return "other", ""


def split_cells(text: str, line: Line, known: Iterable[str]) -> list[tuple[int, Span]]:
    """(column, cell) pairs of one roster line."""
    known = frozenset(known)
    if "\t" in line.text:
        pieces = split_on(text, line.start, line.end, "\t")
        tabbed = [
            (column, trimmed_span(text, piece.start, piece.end))
            for column, piece in enumerate(pieces)
            if piece.text.strip()
        ]
        return _descriptions_joined(text, tabbed, known)
    cells: list[Span] = []
    for piece in split_on_gaps(text, line.start, line.end):
        cells.extend(_cut_merged(text, piece, known))
    joined = _joined_entries(text, cells)
    if joined is not None or len(cells) == 1:
        # One column: a line of its own, or entries of one list joined by "och" ("Anna
        # Viklund och Johan Ås, handläggare"), never two columns side by side.
        indented = line.text[:1] in (" ", "\u00a0") and line.text.strip() != line.text.rstrip()
        return [(1 if indented else 0, cell) for cell in joined or cells]
    return list(enumerate(cells))


_JOINER_AT_END = re.compile(r"[ \t]+(?:och|samt)$")


def _joined_entries(text: str, cells: list[Span]) -> list[Span] | None:
    """`cells` without the "och" that joins each to the next, when every cell but the last
    ends in one; None otherwise."""
    if len(cells) < 2:
        return None
    joiners = [_JOINER_AT_END.search(cell.text) for cell in cells[:-1]]
    if not all(joiners):
        return None
    trimmed = [
        trimmed_span(text, cell.start, cell.start + joiner.start())
        for cell, joiner in zip(cells, joiners, strict=False)
        if joiner is not None
    ]
    return [*trimmed, cells[-1]]


def _descriptions_joined(
    text: str, cells: list[tuple[int, Span]], known: frozenset[str]
) -> list[tuple[int, Span]]:
    """`cells`, each cell that names no one and heads nothing joined to the person's cell
    before it: "Anna Berg (S)<TAB>ordförande", "Anna Berg<TAB>S<TAB>ordförande" under a
    heading that names no columns are one person's entry, as "Anna Berg (S), ordförande"
    is (a tab parts an entry's descriptions as a comma does)."""
    joined: list[tuple[int, Span]] = []
    person = False  # whether the last joined cell opens with a person's name
    for column, cell in cells:
        kind, _ = _classify(text, cell, known)
        if person and kind == "other":
            first_column, first = joined[-1]
            joined[-1] = (first_column, Span(first.start, cell.end, text[first.start : cell.end]))
            continue
        joined.append((column, cell))
        person = kind == "person"
    return joined


def _cut_merged(text: str, piece: Span, known: frozenset[str]) -> list[Span]:
    cuts = {piece.start}
    for match in _boundary_regex().finditer(text, piece.start, piece.end):
        cuts.add(match.start())
        if match.group("heading"):
            cuts.add(match.end())
    # A person starts where a name precedes a party or a comma, unless it opens the piece.
    for anchor in _anchors(text, piece):
        name_start = _name_before(text, piece.start, anchor, known)
        if name_start is not None and name_start > piece.start:
            cuts.add(name_start)
    ordered = [*sorted(cuts), piece.end]
    spans = [trimmed_span(text, a, b) for a, b in itertools.pairwise(ordered)]
    # "Cecilia Nilsson Eva-Marie Hansson Monika Kling …": names with no separator at all.
    cells = []
    for span in spans:
        bounds = [*name_run_starts(text, span.start, span.end, known), span.end]
        cells += [trimmed_span(text, a, b) for a, b in itertools.pairwise(bounds)]
    return [cell for cell in cells if cell.text]


def _anchors(text: str, piece: Span) -> list[int]:
    anchors = [match.start() for match in _PARTY_ANYWHERE.finditer(text, piece.start, piece.end)]
    comma = text.find(",", piece.start, piece.end)
    while comma >= 0:
        anchors.append(comma)
        comma = text.find(",", comma + 1, piece.end)
    return sorted(anchors)


@cache
def _multi_word_places() -> tuple[tuple[str, ...], ...]:
    """Municipality names of more than one word in the reference register ("Lilla Edet"),
    longest first: in "…, Lilla Edet Urban Svensson (kd)" they are no part of the name."""
    names = {
        name
        for municipality in read_registers().municipalities
        for name in (municipality.name, *municipality.alt_names)
        if len(name.split()) > 1
    }
    return tuple(sorted((tuple(name.split()) for name in names), key=len, reverse=True))


def _after_place(text: str, words: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """`words` without a multi-word place they open."""
    written = [text[start:end] for start, end in words]
    for place in _multi_word_places():
        if tuple(written[: len(place)]) == place:
            return words[len(place) :]
    return words


def _name_before(text: str, floor: int, anchor: int, known: frozenset[str]) -> int | None:
    """Where the capitalised words just before `anchor` start, if they name a person.

    A run of more than three words also holds the end of the cell before; after
    "ersättare för" it starts with the member sat for ("ersättare för Göran Nilsson Björn
    Kihl (M)"). The name is then the last two words.
    """
    words: list[tuple[int, int]] = []
    position = anchor
    while position > floor and len(words) < _MAX_NAME_WORDS + 2:
        end = position
        while end > floor and text[end - 1] in " \u00a0":
            end -= 1
        start = end
        while start > floor and not text[start - 1].isspace():
            start -= 1
        word = text[start:end]
        if not word or not _CAPITALISED.match(word):
            break
        words.insert(0, (start, end))
        position = start
    words = _after_place(text, words)
    while words and is_organisation_like(text[words[0][0] : words[0][1]], known):
        words.pop(0)
    # "Magnus Haggren Boråsregionen,": the organisation after a name is no part of it;
    # a run that still holds one ("Per Ek, Göteborgs Stad,") names no one.
    while len(words) > 2 and is_organisation_like(text[words[-1][0] : words[-1][1]], known):
        words.pop()
    if len(words) < 2 or is_organisation_like(text[words[0][0] : words[-1][1]], known):
        return None
    substituted = (
        words
        and _SUBSTITUTES_FOR.search(text, max(floor, words[0][0] - _PHRASE_REACH), words[0][0])
        is not None
    )
    if substituted:
        # "ersättare för Göran Nilsson (M)": the whole run is the member sat for.
        return words[2][0] if len(words) >= 4 else None
    if len(words) > _MAX_NAME_WORDS:
        return words[-2][0]
    return words[0][0]


def find_rosters(text: str, start: int, end: int, known: Iterable[str]) -> list[RosterSection]:
    """Every member list in `text[start:end]`."""
    known = frozenset(known)
    sections: list[RosterSection] = []
    lines = _LineCells(text, split_lines(text, start, end), known)
    index = 0
    while index < len(lines):
        opens = _may_open_section().search(lines.lines[index].text)
        cells = lines.cells(index) if opens else []
        headed = bool(cells) and all(cell.kind in ("heading", "group") for cell in cells)
        # A table whose first row names its columns lists people without a heading too.
        if headed or table_columns(lines.lines[index]):
            index = _consume(lines, index, sections)
        else:
            index += 1
    return sections


class _LineCells:
    """The cells of each line, each line read once: the line that ends a member list
    is read again as the next line to look at."""

    def __init__(self, text: str, lines: list[Line], known: frozenset[str]) -> None:
        self.text = text
        self.lines = lines
        self.known = known
        self._cells: dict[int, list[_Cell]] = {}

    def __len__(self) -> int:
        return len(self.lines)

    def cells(self, index: int) -> list[_Cell]:
        if index not in self._cells:
            self._cells[index] = _line_cells(self.text, self.lines[index], self.known)
        return self._cells[index]

    def row(self, index: int, columns: TableColumns) -> list[_Cell]:
        """A table row under column headings: the person its cells describe (up to the
        first mark or deputy column), keyed by `row_key`; the deputy ("Ersättare" column,
        with the cells after it: "Sara Holm\t12–14") serves in the member's place where
        the columns say so (`deputy_serves`), else attends as a deputy."""
        line = self.lines[index]
        pieces = row_cells(self.text, line, columns.bounds)
        if len([piece for piece in pieces if piece.text.strip()]) < 2:
            return self.cells(index)  # a row with one cell filled: a name, or a row group
        deputy = None
        if columns.deputy is not None and columns.deputy < len(pieces):
            named = pieces[columns.deputy]
            end = _deputy_cell_end(columns, pieces, line)
            deputy = trimmed_span(self.text, named.start, end) if named.text.strip() else None
        marks = (columns.presence, columns.deputy, columns.absence, *(c for c, _ in columns.items))
        firsts = [pieces[c].start for c in marks if c is not None and 0 < c < len(pieces)]
        span = trimmed_span(self.text, line.start, min(firsts, default=line.end))
        texts = [piece.text for piece in pieces]
        if deputy is None:
            return [_Cell(span, 0, self._kind(span), row_key(columns, texts, False))]
        said = self._deputy_says(deputy)
        seat, listed_as = _deputy_seat(columns, texts, said)
        serving = seat == "serving_deputies"
        # "§§ 14-16 Ola Åberg": from a later item, the member sat in the seat before it.
        key = row_key(columns, texts, serving, serving and bool(said.items))
        return [
            _Cell(span, 0, self._kind(span), key),
            _Cell(deputy, 0, self._kind(deputy), seat, listed_as),
        ]

    def _deputy_says(self, deputy: Span) -> PersonMention:
        """What the deputy's cell says of her: the role she came in, the items attended."""
        said = parse_person(self.text, deputy.start, deputy.end, known_organisations=self.known)
        return said or PersonMention(deputy.text, deputy)

    def _kind(self, span: Span) -> str:
        return (
            "person" if starts_with_name(self.text, span.start, span.end, self.known) else "other"
        )


def _deputy_cell_end(columns: TableColumns, pieces: list[Span], line: Line) -> int:
    """Where a row's deputy cell ends: at the deputy's own presence mark, if the table
    has a column for it, else with the line (her items may follow: "Sara Holm\t12–14")."""
    mark = columns.deputy_presence
    return pieces[mark].start if mark is not None and mark < len(pieces) else line.end


def _deputy_seat(
    columns: TableColumns, cells: list[str], said: PersonMention
) -> tuple[str, str | None]:
    """The list a row's deputy stands in (and the seat she holds there): serving in the
    member's place where the columns say so; else attending as a deputy, as the deputies
    listed under "Ersättare" do, serving only where her cell says so ("tjg ers för …",
    "§§ 14-16"). In a table that marks presence, the deputy beside a member marked
    present, her cell silent, did not serve, nor is she marked as come: neither called
    nor there, a deputy of the body all the same; so too a deputy her own presence
    column leaves unmarked. One it marks beside a member who came attends as a deputy."""
    if deputy_serves(columns, cells):
        return "serving_deputies", None
    if not columns.serving:
        return "deputies", None
    came = deputy_came(columns, cells)
    if came is not False and (said.meeting_role == _SERVING_ROLE or said.items):
        return "serving_deputies", None
    return ("deputies", None) if came else ("not_present", "deputies")


def _is_row_group(lines: _LineCells, index: int, cells: list[_Cell]) -> bool:
    """Whether a heading alone on its line, right under a table row, heads the rows below
    it ("Frånvarande" across a participants table): they keep the table's columns."""
    previous = lines.lines[index - 1] if index else None
    row = previous is not None and ("\t" in previous.text or "  " in previous.text.strip())
    return len(cells) == 1 and row


def _line_cells(text: str, line: Line, known: frozenset[str]) -> list[_Cell]:
    if line.blank:
        return []
    found = split_cells(text, line, known)
    if len(found) > 1 and not strip_markup(text, found[0][1].start, found[0][1].end).text:
        # "## Närvarande": the heading's marks, cut off as a cell, are no column of their own.
        found = [(column - 1, span) for column, span in found[1:]]
    cells = []
    for column, span in found:
        kind, key = _classify(text, span, known)
        cells.append(_Cell(strip_markup(text, span.start, span.end), column, kind, key))
    return cells


def _wraps_organisation(
    lines: _LineCells,
    cells: list[_Cell],
    collected: dict[_SectionId, list[Span]],
) -> bool:
    """Whether a line of one organisation's name ends the last person's entry in its
    column, the line right above: a unit ("Socialförvaltningen Centrum" under "Per Ek,
    Göteborgs Stad"), or any organisation after a comma ("Anna Berg,"). If so, that
    entry is made to reach over it."""
    cell = cells[0] if len(cells) == 1 else None
    if cell is None or not is_organisation_like(cell.span.text, lines.known):
        return False
    entries = [entries for key, entries in collected.items() if key[0] == cell.column]
    if not entries:
        return False
    held = max(entries, key=lambda listed: listed[-1].start)
    last = held[-1]
    if lines.text.count("\n", last.end, cell.span.start) != 1:
        return False
    if not (is_unit(cell.span.text) or lines.text[last.end - 1] == ","):
        return False
    held[-1] = Span(last.start, cell.span.end, lines.text[last.start : cell.span.end])
    return True


def _party_line(lines: _LineCells, index: int, cells: list[_Cell]) -> bool:
    """Whether a line of one organisation's name, alone between blank lines or a heading and
    the people below it, names the party of an agreement they sit for ("Region Dalmark",
    "Kommunerna"): a group, as "För Västra Götalandsregionen (VGR)" is."""
    if len(cells) != 1 or cells[0].kind != "other" or "," in cells[0].span.text:
        return False
    if len(cells[0].span.text.split()) > _MAX_PARTY_WORDS:
        return False
    if not is_organisation_like(cells[0].span.text, lines.known):
        return False
    following = index + 1
    while following < len(lines) and lines.lines[following].blank:
        following += 1
    below = lines.cells(following) if following < len(lines) else []
    return bool(below) and below[0].kind == "person"


def _consume(lines: _LineCells, index: int, out: list[RosterSection]) -> int:
    groups: dict[int, Span | None] = {}
    headings: dict[int, tuple[Span | None, str]] = {}
    collected: dict[_SectionId, list[Span]] = {}
    order: list[tuple[int, Span | None, Span | None, str, str | None]] = []
    table: TableColumns | None = None  # the columns of the table this line is a row of
    # The list a table's rows stand in under a row group of those who did not come
    # ("Frånvarande" across a member table), by column.
    seats: dict[int, str] = {}
    party_groups: set[int] = set()  # columns whose group is a party line (`_party_line`)
    while index < len(lines):
        if (columns := table_columns(lines.lines[index])) is not None:
            below = lines.lines[index + 1] if index + 1 < len(lines) else None
            two_rows = item_row(columns, lines.lines[index], below)
            index += 2 if two_rows else 1
            rows = itertools.islice(lines.lines, index, None)
            table = with_marks(lines.text, two_rows or columns, rows)
            continue
        cells = lines.row(index, table) if table else lines.cells(index)
        if _party_line(lines, index, cells):
            # The heading stays: "Närvarande" / "Region Dalmark" / members of the region.
            groups[cells[0].column] = cells[0].span
            party_groups.add(cells[0].column)
            index += 1
            continue
        if any(cell.kind == "other" for cell in cells):
            if not _wraps_organisation(lines, cells, collected):
                break
            index += 1
            continue
        for cell in cells:
            if cell.kind == "group":
                groups[cell.column] = cell.span
                headings.pop(cell.column, None)
            elif cell.kind == "heading":
                if cell.column in party_groups:
                    # A party's members end at the next heading ("Frånvarande").
                    party_groups.discard(cell.column)
                    groups.pop(cell.column, None)
                row_group = table is not None and _is_row_group(lines, index, cells)
                seats.pop(cell.column, None)
                if row_group and cell.key in _NOT_COMING:
                    seats[cell.column] = headings.get(cell.column, (None, "members"))[1]
                headings[cell.column] = (cell.span, cell.key)
                if not row_group:
                    table = None
            else:
                group = groups.get(cell.column) or groups.get(0)
                heading, listed = headings.get(cell.column, (None, "members"))
                own_seat = cell.key in _DEPUTY_CELLS or cell.listed_as is not None
                seat = None if own_seat else seats.get(cell.column)
                if seat is not None or cell.key == "unmarked":
                    key = "not_present" if (seat or listed) in _NOT_CALLED else "absent"
                else:
                    key = cell.key or listed
                # A row that did not come still stands in its heading's list.
                listed_as = (
                    cell.listed_as
                    or seat
                    or (listed if key in _NOT_COMING and key != listed else None)
                )
                section_id = _section_id(cell.column, group, heading, key, listed_as)
                if section_id not in collected:
                    collected[section_id] = []
                    order.append((cell.column, group, heading, key, listed_as))
                collected[section_id].append(cell.span)
        index += 1
    for column, group, heading, key, listed_as in order:
        section_id = _section_id(column, group, heading, key, listed_as)
        out.append(RosterSection(group, heading, key, tuple(collected[section_id]), listed_as))
    return index


def _section_id(
    column: int, group: Span | None, heading: Span | None, key: str, listed_as: str | None
) -> _SectionId:
    return (
        column,
        group.start if group else None,
        heading.start if heading else None,
        key,
        listed_as,
    )
