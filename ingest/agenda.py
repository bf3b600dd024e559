"""Agenda items: numbered headings ("4.", "§ 56", "Ärende 1") with titles, bodies and a), b) points.

The numbering styles are regexes in `data/item_markers.tsv`. A list inside an
item ("1. förslaget till …") is told apart from the agenda by sequence: an
agenda number must follow the previous item's number.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import cache

from beslutsgraf.ingest.data_files import read_table
from beslutsgraf.ingest.labels import FLATTENED_LINE
from beslutsgraf.ingest.lines import (
    Line,
    ends_with_function_word,
    split_lines,
    strip_markup,
    trimmed_span,
)
from beslutsgraf.ingest.model import AgendaItemSegment, Span, SubItem

__all__ = ["ItemLayout", "find_items"]

_MAX_TITLE = 220
_SUB_ITEM = re.compile(
    r"^[ \t]*(?:[-•][ \t]*)?(?:#{1,6}[ \t]*)?(?P<label>[a-h])[.)][ \t]+(?P<title>\S.*?)[ \t]*$"
)
_FLATTENED = "flattened"
# Styles whose numbers run on through the year, so a document's first item may be "§ 56"
# or "Beslut 2025:12"; any other agenda starts at 1.
_RUNNING_STYLES = frozenset({"paragraph", "decision", _FLATTENED})
_MIN_FLATTENED_RUN = 2
# The rows of a decision log table ("3\tGemensam rutin för SIP\tSamverkansgruppen …"): the
# items of minutes that have no headings, never beside headings (a numbered action list).
_TABLE_ROW_STYLE = "table_row"
# An item inside a flattened page: "… protokoll. 138 LK/ Föredragningslistan Godkändes …"
# (the "§" lost in extraction), "… § 12 Dnr KS 2024/33 Budget …".
_FLATTENED_MARKER = re.compile(
    r"(?=§[ \t]*\d)|(?<=[.!?:] )(?=\d{1,4}[ \t]+(?:[A-ZÅÄÖ]{1,6}/\S*[ \t]+)?[A-ZÅÄÖ][a-zåäö])"
)
# A case number (diarienummer): "Dnr KS 2024/100", "KS 2024/100", "Diarienummer:
# 2024.100". Without a label word it needs its registry's letters. After one, the year,
# the registry's letters and the serial may run together ("Dnr 25RK1187", "Dnr 2025RK0042").
_CASE_WORD = r"(?:Dnr|Diarienr|Diarienummer|Ärendenr|Ärendenummer)\b\.?[ .:]*"
_CASE = (
    rf"(?:(?:{_CASE_WORD}(?:[A-ZÅÄÖ]{{1,6}}[ /-]?)?|[A-ZÅÄÖ]{{1,6}}[ /-]?)"
    r"\d{4}[:/.–-][\d.:/ –-]*\d"
    rf"|{_CASE_WORD}(?:\d{{2}}|\d{{4}})[A-ZÅÄÖ]{{1,6}}\d{{1,6}}\b)"
)
_FLATTENED_ITEM = re.compile(
    r"(?:§[ \t]*)?(?P<number>\d{1,4})[ \t]+"
    rf"(?:(?P<case>{_CASE})[ \t]+"
    r"|[A-ZÅÄÖ]{1,6}/[ \t]+)?"
    r"(?P<title>[A-ZÅÄÖ][\w–-]*(?:[ \t]+(?:[a-zåäö0-9][\w–-]*|–|-)){0,12})"
)
_CASE_LINE = re.compile(rf"^[ \t]*(?P<case>{_CASE_WORD}\S.*?)[ \t]*$", re.MULTILINE)
# A case number closing the title's line: after "Dnr", in parentheses, or set apart by a
# tab or a run of spaces (a right-aligned column): "§ 12 Budget 2025      Dnr KS 2024/100".
_CASE_AFTER_TITLE = re.compile(
    rf"(?:[ \t]+(?={_CASE_WORD})|\t[ \t]*|[ ]{{2,}}|[ \t]*\((?=[^()]*\)[ \t]*$))"
    rf"(?P<case>{_CASE})\)?[ \t]*$"
)
# "§ 23 Budget 2026 — Nämnden beslutar att …": an item of one paragraph (a "Beslut i
# korthet" list) whose body runs on after a spaced dash on the heading's own line. The
# run-on must read as a sentence, so a title such as "Motion – Fri parkering" stays whole.
_BODY_AFTER_TITLE = re.compile(r"[ \t]+[—–][ \t]+(?=[A-ZÅÄÖ]\w*(?:[ \t]+\S+){2}[^\n]*?\.)")


@dataclass(frozen=True)
class ItemLayout:
    """The agenda of a document: its numbering style and items."""

    style: str | None
    items: tuple[AgendaItemSegment, ...]


@cache
def _styles() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple(
        (row[0], re.compile(row[1].replace("{CASE}", _CASE)))
        for row in read_table("item_markers.tsv")
    )


@cache
def _section_headings() -> re.Pattern[str]:
    headings = sorted((row[0] for row in read_table("section_headings.tsv")), key=len, reverse=True)
    alternatives = "|".join(re.escape(heading) for heading in headings)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?=[ \t]+[A-ZÅÄÖ]|[ \t]*$)")


def find_items(text: str, start: int, end: int) -> ItemLayout:
    """The agenda items of `text[start:end]`, under the numbering style with the longest run.

    A flattened page (one long line per page, as text extracted from some PDFs) holds
    its items inside the line: those count when two or more follow each other. A
    document with no numbered items at all takes its standard unnumbered headings
    ("Välkomsthälsning", "Föredragningar"), numbered in order.
    """
    lines = split_lines(text, start, end)
    best: tuple[str | None, list[tuple[int, re.Match[str]]]] = (None, [])
    paragraphs: list[tuple[int, re.Match[str]]] = []
    for style, pattern in _styles():
        if style == _TABLE_ROW_STYLE:
            continue
        run = _longest_run(style, pattern, lines)
        if style == "paragraph":
            paragraphs = run
        if len(run) > len(best[1]):
            best = (style, run)
    if paragraphs and best[0] != "paragraph" and _points_of_a_paragraph(best[1], paragraphs):
        # Points numbered 1., 2. after a § heading are that item's ("Förslag till beslut" /
        # "1. …"), not the agenda: a protocol extract may hold one § and three points.
        best = ("paragraph", paragraphs)
    if len(best[1]) < _MIN_FLATTENED_RUN:
        pieces, markers = _flattened_pieces(text, lines)
        run = _longest_run(_FLATTENED, _FLATTENED_ITEM, pieces, markers)
        if len(run) >= _MIN_FLATTENED_RUN:
            lines, best = pieces, ("paragraph", run)
    if not best[1]:
        best = (_TABLE_ROW_STYLE, _table_rows(lines))
    if not best[1]:
        return _unnumbered(text, lines, end)
    chosen_style, run = best
    items = []
    for position, (line_index, match) in enumerate(run):
        next_line = run[position + 1][0] if position + 1 < len(run) else None
        body_end = lines[next_line].start if next_line is not None else end
        items.append(_item(text, lines, line_index, match, body_end))
    return ItemLayout(chosen_style, tuple(items))


def _table_rows(lines: list[Line]) -> list[tuple[int, re.Match[str]]]:
    pattern = dict(_styles())[_TABLE_ROW_STYLE]
    run = _longest_run(_TABLE_ROW_STYLE, pattern, lines)
    return run if len(run) >= _MIN_FLATTENED_RUN else []


def _points_of_a_paragraph(
    run: list[tuple[int, re.Match[str]]], paragraphs: list[tuple[int, re.Match[str]]]
) -> bool:
    """Whether a numbered run is the points of a § item: it starts after the first §
    heading and reads as clauses ("1. Kommunstyrelsen föreslår … 2025.", "2. att …,"),
    not as headings ("1. Verksamhetsberättelse 2022")."""
    if run[0][0] < paragraphs[0][0]:
        return False
    titles = [match.group("title").strip() for _, match in run]
    clauses = [t for t in titles if _reads_as_clause(t)]
    return 2 * len(clauses) > len(titles)


def _reads_as_clause(title: str) -> bool:
    """A point's line reads as a clause: it ends a sentence or a list's part, opens with
    "att", or breaks off mid-sentence to wrap ("… rekommenderar hälso- och")."""
    return (
        title.endswith((".", ",", ";", "-"))
        or title.startswith("att ")
        or ends_with_function_word(title)
    )


def _longest_run(
    style: str,
    pattern: re.Pattern[str],
    lines: list[Line],
    markers: frozenset[int] | None = None,
) -> list[tuple[int, re.Match[str]]]:
    """`markers`, when given, are the only line starts an item may begin at."""
    run: list[tuple[int, re.Match[str]]] = []
    for index, line in enumerate(lines):
        if markers is not None and line.start not in markers:
            continue
        match = pattern.match(line.text)
        if match is None or (_too_long(line, match) and style != _FLATTENED):
            continue
        number = int(match.group("number"))
        if run:
            if number == int(run[-1][1].group("number")) + 1:
                run.append((index, match))
        elif number == 1 or style in _RUNNING_STYLES:
            run.append((index, match))
    return run


def _too_long(line: Line, match: re.Match[str]) -> bool:
    """A heading line longer than a title is prose, unless its body runs on after its
    title ("§ 25 Upphandling — Vice ordföranden … leder sammanträdet …")."""
    if len(line.text) <= _MAX_TITLE + 20:
        return False
    run_on = _BODY_AFTER_TITLE.search(line.text, match.start("title"))
    return run_on is None or run_on.start() - match.start("title") > _MAX_TITLE


def _flattened_pieces(text: str, lines: list[Line]) -> tuple[list[Line], frozenset[int]]:
    """The lines, with every flattened line cut before each item marker inside it, and
    where those markers are (a page's own start is no marker: it holds a page number)."""
    pieces: list[Line] = []
    markers: set[int] = set()
    for line in lines:
        if len(line.text) <= FLATTENED_LINE:
            pieces.append(line)
            continue
        found = [line.start + m.start() for m in _FLATTENED_MARKER.finditer(line.text)]
        markers.update(found)
        cuts = [line.start, *found, line.end]
        pieces += [Line(a, b, text[a:b]) for a, b in itertools.pairwise(cuts) if b > a]
    return pieces, frozenset(markers)


def _unnumbered(text: str, lines: list[Line], end: int) -> ItemLayout:
    """Standard headings as items 1, 2 …: on a line of their own or inside a flattened one."""
    titles: list[Span] = []
    for line in lines:
        if len(line.text) > FLATTENED_LINE:
            for match in _section_headings().finditer(line.text):
                start = line.start + match.start()
                titles.append(Span(start, line.start + match.end(), match.group(0)))
        else:
            content = strip_markup(text, line.start, line.end)
            if _section_headings().fullmatch(content.text):
                titles.append(content)
    if len(titles) < _MIN_FLATTENED_RUN:
        return ItemLayout(None, ())
    items = []
    for number, title in enumerate(titles, start=1):
        body_end = titles[number].start if number < len(titles) else end
        body = Span(title.end, body_end, text[title.end : body_end])
        items.append(AgendaItemSegment(number, title, title, body, (), None))
    return ItemLayout(None, tuple(items))


def _item(
    text: str, lines: list[Line], index: int, match: re.Match[str], body_end: int
) -> AgendaItemSegment:
    line = lines[index]
    marker = trimmed_span(text, line.start, line.start + match.start("title"))
    marker = strip_markup(text, marker.start, marker.end)
    title = trimmed_span(text, line.start + match.start("title"), line.start + match.end("title"))
    next_index = index + 1
    case_above: Span | None = None
    if not title.text:
        # "§ 56" or "Ärende 1" alone: the title is the next non-blank line, after the case
        # number's own line ("§ 12" / "Diarienummer KS 2024/100" / "Budget 2025").
        next_index = _next_filled(lines, next_index)
        case_line = _line_case(text, lines, next_index, body_end)
        if case_line is not None:
            case_above, next_index = case_line, _next_filled(lines, next_index + 1)
        if next_index < len(lines) and lines[next_index].start < body_end:
            title = strip_markup(text, lines[next_index].start, lines[next_index].end)
            next_index += 1
    title_end, next_index = _wrapped_title_end(text, lines, title, next_index, body_end)
    title = trimmed_span(text, title.start, title_end, " \t:*")
    body_start = min(title_end, body_end)
    if match.groupdict().get("decision"):
        # "Beslut 2025:14 Ledningsgruppen ställer sig bakom …": the line is the decision.
        body_start = title.start
    body = Span(body_start, body_end, text[body_start:body_end])
    case = match.groupdict().get("case")
    case_span = None
    after_title = _CASE_AFTER_TITLE.search(text, title.start, title.end) if not case else None
    if case:
        case_span = Span(line.start + match.start("case"), line.start + match.end("case"), case)
    elif case_above is not None:
        case_span = case_above
    elif after_title is not None:
        case_span = Span(after_title.start("case"), after_title.end("case"), after_title["case"])
        title = trimmed_span(text, title.start, after_title.start())
    else:
        case_match = _CASE_LINE.search(text, body.start, min(body.end, body.start + 300))
        if case_match:
            case_span = Span(case_match.start("case"), case_match.end("case"), case_match["case"])
    run_on = _BODY_AFTER_TITLE.search(text, title.start, title.end)
    if run_on is not None and not match.groupdict().get("decision"):
        body = Span(run_on.end(), body_end, text[run_on.end() : body_end])
        title = trimmed_span(text, title.start, run_on.start())
    return AgendaItemSegment(
        number=int(match.group("number")),
        marker=marker,
        title=title,
        body=body,
        sub_items=tuple(_sub_items(text, body)),
        case_number=case_span,
    )


def _next_filled(lines: list[Line], index: int) -> int:
    while index < len(lines) and lines[index].blank:
        index += 1
    return index


def _line_case(text: str, lines: list[Line], index: int, body_end: int) -> Span | None:
    """The case number a whole line states ("Diarienummer KS 2024/100"), if it does."""
    if index >= len(lines) or lines[index].start >= body_end:
        return None
    line = lines[index]
    found = _CASE_LINE.fullmatch(text, line.start, line.end)
    return Span(found.start("case"), found.end("case"), found["case"]) if found else None


def _wrapped_title_end(
    text: str, lines: list[Line], title: Span, next_index: int, body_end: int
) -> tuple[int, int]:
    """A title wraps onto the next line when it ends mid-phrase or the next line runs on."""
    title_end = title.end
    while next_index < len(lines) and lines[next_index].start < body_end:
        following = next_index
        while following < len(lines) and lines[following].blank:
            following += 1
        if following >= len(lines) or lines[following].start >= body_end:
            break
        candidate = lines[following].text.strip()
        current = text[title.start : title_end]
        runs_on = candidate[:1].islower() and not _SUB_ITEM.match(lines[following].text)
        if not (ends_with_function_word(current) or runs_on) or len(current) > _MAX_TITLE:
            break
        title_end = trimmed_span(text, lines[following].start, lines[following].end).end
        next_index = following + 1
    return title_end, next_index


def _sub_items(text: str, body: Span) -> list[SubItem]:
    lines = split_lines(text, body.start, body.end)
    hits = [(line, _SUB_ITEM.match(line.text)) for line in lines]
    found = [(line, match) for line, match in hits if match]
    sub_items = []
    for position, (line, match) in enumerate(found):
        end = found[position + 1][0].start if position + 1 < len(found) else body.end
        title = strip_markup(
            text, line.start + match.start("title"), line.start + match.end("title")
        )
        sub_body = trimmed_span(text, line.end, max(line.end, end))
        sub_items.append(SubItem(match.group("label"), title, sub_body))
    return sub_items
