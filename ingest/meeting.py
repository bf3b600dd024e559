"""The meeting a document reports: body, date, times, place and form from its header;
and, for a text that reports none, what it holds instead (`unplaced_content`)."""

from __future__ import annotations

import re
from functools import cache

from beslutsgraf.ingest.body_owner import owner_name
from beslutsgraf.ingest.dates import (
    DAY_ORDINAL,
    find_clock_range,
    find_clock_start,
    find_dates,
    month_pattern,
)
from beslutsgraf.ingest.model import (
    ClockTime,
    DateValue,
    HeaderField,
    MeetingHeader,
    MeetingStatus,
    Mentions,
    Segments,
    Span,
)
from beslutsgraf.ingest.name_case import in_prose_case
from beslutsgraf.ingest.nlp import concepts_in
from beslutsgraf.ingest.patterns import compiled
from beslutsgraf.ingest.people import is_organisation_like
from beslutsgraf.ontology import BG

__all__ = ["announces_its_meeting", "extract_meeting", "unplaced_content"]

_HELD_KINDS = frozenset({str(BG.minutes), str(BG.protocol), str(BG.protocolExtract)})
# Kinds of document that announce their meeting: a kallelse, föredragningslista, kungörelse.
_ANNOUNCING_KINDS = frozenset({str(BG.notice)})
# Header fields that may carry the meeting's date, best first.
_DATE_KEYS = ("date", "place_time", "time")  # "Tid: Tisdagen den 10 september 2024, kl. 9"
_TIME_KEYS = ("time", "place_time")
_MAX_BODY_WORDS = 8
_MAX_BODY_CHARS = 80
_WORD = re.compile(r"[^\s,]+")
# The end of a label cut off by the page edge: "ande:" of "Beslutande:".
_LABEL_FRAGMENT = re.compile(r"[a-zåäö]+:\s*")
# The columns of a page-header line ("ÄLVDALS KOMMUN    PROTOKOLL    1(3)"): runs of words
# between tabs or wider gaps, and the page number one of them may be.
_COLUMN = re.compile(r"\S+(?:[ \u00a0]\S+)*")
_PAGE_NUMBER = re.compile(r"(?:sida\s+)?\d{1,3}\s*(?:\(\d{1,3}\)|av\s+\d{1,3})", re.IGNORECASE)
_PAGE_NUMBER_AT_END = re.compile(
    r"\s+(?:sida\s+)?\d{1,3}\s*(?:\(\d{1,3}\)|av\s+\d{1,3})\s*$", re.IGNORECASE
)
# Any leap year: only to find "6 december", "29 februari" without a year of their own.
_ANY_YEAR = 2000
_QUOTED = 2  # how many examples a message quotes


def announces_its_meeting(document_kind: str) -> bool:
    """Whether a document of `document_kind` only announces the meeting it heads."""
    return document_kind in _ANNOUNCING_KINDS


def _field(segments: Segments, key: str) -> HeaderField | None:
    return next((field for field in segments.header if field.key == key), None)


def extract_meeting(segments: Segments) -> MeetingHeader:
    """The MeetingHeader of `segments`: what the header fields and title lines say."""
    text = segments.document.text
    body, body_span, title_date = _body_from_title(segments)
    body_field = _field(segments, "body")
    if body_field is not None and body_field.value.text:
        body_span = _first_words(text, body_field.value)
        body = body_span.text
    deferred = _deferred_body(segments, body_field) if body_field is not None else None
    if deferred is not None:
        body_span, body = deferred, deferred.text
    # A letterhead's owner alone on its line ("GISLAVEDS KOMMUN" over "PROTOKOLLSUTDRAG")
    # holds no meetings: a body beside the date, in the cell under its label, is the one.
    owner_only = body is not None and owner_name(body) is not None
    beside_date = _body_beside_date(segments) if body is None or owner_only else None
    if beside_date is not None:
        body_span, body = beside_date, beside_date.text
    meeting_date = _meeting_date(segments) or title_date
    start, end = _times(segments)
    form, form_text, location = _form_and_place(segments)
    if deferred is not None and location is not None:
        # The place follows the body in the same run of values.
        line_end = text.find("\n", deferred.end)
        rest = text[deferred.end : line_end if line_end >= 0 else len(text)]
        location = _place(rest)
    header_end = max(
        [field.value.end for field in segments.header] + [span.end for span in segments.title],
        default=0,
    )
    titles = [span.text for span in segments.title]
    raw_body = body_span.text if body_span else None
    body_name = in_prose_case(body, text) if body else body
    return MeetingHeader(
        body=body_name,
        body_span=body_span,
        date=meeting_date,
        start=start,
        end=end,
        location=location,
        form=form,
        form_text=form_text,
        status=MeetingStatus.HELD
        if segments.document_kind in _HELD_KINDS
        else MeetingStatus.PLANNED,
        span=Span(0, header_end, text[:header_end]),
        title=_document_title(segments.title, body_name, meeting_date) if titles else None,
        subtitle=_subtitle(segments.title, body, raw_body),
    )


def _document_title(
    titles: tuple[Span, ...], body: str | None, day: DateValue | None
) -> str | None:
    """What a reader calls the document: its first title line ("Mötesanteckning SRO"); under
    a page header ("NORRDALS KOMMUN\tSAMMANTRÄDESPROTOKOLL\tSida 1(6)") or a letterhead
    ("GISLAVEDS KOMMUN" over "PROTOKOLLSUTDRAG") the kind, body and date it heads
    ("Sammanträdesprotokoll, Kommunstyrelsen, 2025-03-12"), for its columns and page
    number are the page's layout, and the owner is not the document's name."""
    first = titles[0]
    if _letterhead_over_kind(titles):
        kinds = [titles[1].text]
    elif _page_header(first):
        kinds = [column.text for column in _columns(first) if _kind_line(column.text)]
    else:
        return first.text
    kind = _PAGE_NUMBER_AT_END.sub("", kinds[0]) if kinds else None
    parts = [
        _as_name(kind.lower()) if kind and kind.isupper() else kind,
        body,
        day.iso() if day is not None and day.day is not None else None,
    ]
    return ", ".join(part for part in parts if part) or None


def _letterhead_over_kind(titles: tuple[Span, ...]) -> bool:
    """True when the first title line only names the owner and the next what the document
    is ("GISLAVEDS KOMMUN" over "PROTOKOLLSUTDRAG")."""
    return len(titles) > 1 and owner_name(titles[0].text) is not None and _kind_line(titles[1].text)


def _subtitle(titles: tuple[Span, ...], body: str | None, raw_body: str | None) -> str | None:
    """The second title line, unless it names the body or is the kind the title holds."""
    if len(titles) < 2 or titles[1].text in (body, raw_body) or _letterhead_over_kind(titles):
        return None
    return titles[1].text


def _page_header(line: Span) -> bool:
    """A title line laid out as a page header: columns, one of them what the document is
    or its page number ("ÄLVDALS KOMMUN    PROTOKOLL    1(3)"), or a page number after
    the kind ("SAMMANTRÄDESPROTOKOLL 1 (4)")."""
    columns = _columns(line)
    if len(columns) > 1 and any(
        _kind_line(column.text) or _PAGE_NUMBER.fullmatch(column.text) for column in columns
    ):
        return True
    return _PAGE_NUMBER_AT_END.search(line.text) is not None


def _deferred_body(segments: Segments, body_field: HeaderField) -> Span | None:
    """A flattened label column ("Organ: Plats och tid: …: Regionförbundets Primärkommunala
    nämnd Regionförbundet, …") puts the values after the labels, in their order: an empty
    "Organ" names the body at the start of the next field's value, up to the first word
    that names an organisation ("nämnd", "styrelsen", "fullmäktige" …)."""
    if body_field.value.text:
        return None
    text = segments.document.text
    following = [f for f in segments.header if f.label.start > body_field.label.start]
    if not following:
        return None
    value = min(following, key=lambda field: field.label.start).value
    fragment = _LABEL_FRAGMENT.match(text, value.start, value.end)
    start = fragment.end() if fragment else value.start
    for word in _WORD.finditer(text, start, value.end):
        if is_organisation_like(word.group(0)):
            return Span(start, word.end(), text[start : word.end()])
        if word.end() - start > _MAX_BODY_CHARS:
            break
    return None


def _body_beside_date(segments: Segments) -> Span | None:
    """ "Sammanträdesdatum / Bygg- och miljönämnden      2024-03-12": a page header puts
    the body at the left of the date, on the line under the date's label."""
    field = _field(segments, "date")
    if field is None:
        return None
    text = segments.document.text
    dates = [d.span for d in find_dates(field.value.text, field.value.start) if d.span]
    if not dates:
        return None
    before = text[field.value.start : dates[0].start]
    name = before.strip(" \t\n,:")
    if not name or "\n" in name or len(name.split()) > _MAX_BODY_WORDS:
        return None
    if not is_organisation_like(name):
        return None
    start = field.value.start + before.index(name)
    return Span(start, start + len(name), name)


def _first_words(text: str, value: Span) -> Span:
    """A body field's value up to the next field-like word ("Kommunstyrelsen Sammanträdesdatum")."""
    words = value.text.split()
    kept = value.text[: len(words[0])] if words else ""
    return Span(value.start, value.start + len(kept), kept)


def _body_from_title(segments: Segments) -> tuple[str | None, Span | None, DateValue | None]:
    text = segments.document.text
    title_date: DateValue | None = None
    for span in segments.title:
        dates = find_dates(span.text, span.start)
        if title_date is None and dates and dates[0].day is not None:
            title_date = dates[0]
    for index, span in enumerate(segments.title):
        for regex in compiled("title_patterns.tsv"):
            match = regex.search(span.text)
            if match is None:
                continue
            start, end = span.start + match.start("body"), span.start + match.end("body")
            body_span = Span(start, end, text[start:end].strip())
            if body_span.text and not _kind_line(body_span.text):  # "Protokoll 2024-09-10"
                body_span = Span(start, start + len(body_span.text), body_span.text)
                return _as_name(body_span.text), body_span, title_date
        beside = _beside_kind(span)
        if beside:
            # A page header names the organisation ("ÄLVDALS KOMMUN") beside what the
            # document is; its body is on the next line, else the column beside.
            if index + 1 < len(segments.title):
                beside = _columns(segments.title[index + 1])
            return beside[0].text, beside[0], title_date
        kinds = concepts_in(text, "DocumentKind", span.start, span.end)
        bare_kind = (
            kinds and kinds[0].start == span.start and kinds[0].end == span.end
        ) or _kind_line(span.text)
        if bare_kind and index + 1 < len(segments.title):
            following = segments.title[index + 1]  # "# Mötesanteckning" / "## Gemensam styrgrupp …"
            dated = _body_before_date(text, following)  # "Kommunstyrelsen 2024-09-10"
            named = dated or following
            return _as_name(named.text), named, title_date
    # Otherwise a short first heading names the body; a sentence, a page number or a
    # line that only says what the document is ("SAMMANTRÄDESPROTOKOLL 1 (4)") does not.
    # A letterhead naming the owner ("Västra Götalandsregionen") over a second heading
    # leaves the body to that one ("Regionstyrelsen").
    names = [span for span in segments.title[:2] if _looks_like_name(span.text)]
    names = [span for span in names if not _kind_line(span.text)]
    if names and names[0] is segments.title[0]:
        if len(names) == 2 and owner_name(names[0].text) is not None:
            return _as_name(names[1].text), names[1], title_date
        return _as_name(names[0].text), names[0], title_date
    return None, None, title_date


def _body_before_date(text: str, line: Span) -> Span | None:
    """The body a title line names before the meeting's date ("Kommunstyrelsen
    2024-09-10"), when it is one."""
    dates = find_dates(line.text, line.start)
    if not dates or dates[0].span is None or dates[0].span.end != line.end:
        return None
    name = text[line.start : dates[0].span.start].rstrip(" \t,–-")
    if name.endswith(" den"):
        name = name[: -len(" den")]
    if not _looks_like_name(name) or _kind_line(name):
        return None
    return Span(line.start, line.start + len(name), name)


def _as_name(body: str) -> str:
    """A body's name capitalised ("kommunstyrelsens sammanträde" gives "kommunstyrelsen");
    a page header's capitals are cased with the rest of the document at hand
    (`in_prose_case`)."""
    return body[:1].upper() + body[1:]


def _columns(line: Span) -> list[Span]:
    return [
        Span(line.start + m.start(), line.start + m.end(), m.group(0))
        for m in _COLUMN.finditer(line.text)
    ]


def _beside_kind(line: Span) -> list[Span]:
    """The other columns of a page-header line that has a column saying only what the
    document is ("PROTOKOLL"), page numbers left out; [] for any other line."""
    columns = _columns(line)
    if len(columns) < 2 or not any(_kind_line(column.text) for column in columns):
        return []
    return [
        column
        for column in columns
        if not _kind_line(column.text) and not _PAGE_NUMBER.fullmatch(column.text)
    ]


def _kind_line(line: str) -> bool:
    return any(regex.match(line) for regex in compiled("title_kind_lines.tsv", re.IGNORECASE))


def _looks_like_name(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= _MAX_BODY_WORDS and line[:1].isalpha() and not line.endswith(".")


def _meeting_date(segments: Segments) -> DateValue | None:
    for key in _DATE_KEYS:
        field = _field(segments, key)
        if field is None:
            continue
        dates = [d for d in find_dates(field.value.text, field.value.start) if d.day is not None]
        if dates:
            return dates[0]
    return None


def _times(segments: Segments) -> tuple[ClockTime | None, ClockTime | None]:
    for key in _TIME_KEYS:
        field = _field(segments, key)
        if field is None:
            continue
        found = find_clock_range(field.value.text, field.value.start)
        if found is not None:
            return found.start, found.end
    for key in _TIME_KEYS:
        # A notice gives the start alone: "Tid: tisdagen den 14 oktober 2025 kl. 13.00".
        field = _field(segments, key)
        start = find_clock_start(field.value.text) if field is not None else None
        if start is not None:
            return start, None
    return None, None


def _form_and_place(segments: Segments) -> tuple[str | None, str | None, str | None]:
    """A "Mötesform" naming a form gives the form; one naming a place gives the location."""
    text = segments.document.text
    form = form_text = location = None
    field = _field(segments, "form")
    if field is not None and field.value.text:
        forms = concepts_in(text, "MeetingForm", field.value.start, field.value.end)
        if forms:
            form, form_text = forms[0].concept, field.value.text
        else:
            location = field.value.text
    for key in ("place", "place_time"):
        place = _field(segments, key)
        if location is None and place is not None and place.value.text:
            location = _place(place.value.text)
            # "Plats: Digitalt via Teams" names the meeting's form, not a place.
            forms = concepts_in(text, "MeetingForm", place.value.start, place.value.end)
            if forms and form is None:
                form, form_text = forms[0].concept, place.value.text
                if forms[0].start == place.value.start:
                    location = None
    return form, form_text, location


def _place(value: str) -> str | None:
    """The place a "Plats och tid" value names: its comma-separated parts from the first
    that is not a time or a date ("09.00–12.00, Kommunhuset"), up to where a time or a
    date follows ("Regionens hus, Borås, kl. 09.00" → "Regionens hus, Borås")."""
    names: list[str] = []
    for part in value.split(","):
        name = _place_end().split(part, maxsplit=1)[0].strip()
        if name and any(character.isalpha() for character in name):
            names.append(name)
        elif names:
            break  # a part with no name of its own ("13–16") ends the place too
        if names and name != part.strip():
            break  # the time or date that ends this part ends the place
    return ", ".join(names) or None


@cache
def _place_end() -> re.Pattern[str]:
    """Where a place's name ends in a "Plats och tid" value: at a clock time, a date (the
    month names `dates` reads) or a weekday ("Kommunhuset kl 09.00 – 12.00", "Stadshuset
    2024-09-10"); a number of the place's own stays ("Rum 204", "Storgatan 12")."""
    return re.compile(
        r"(?:^|\s+)(?=(?:kl\.?|klockan)\s*\d|\d{1,2}[.:]\d{2}\b|(?:19|20)\d{2}-\d{2}-\d{2}"
        rf"|(?:den\s+)?\d{{1,2}}{DAY_ORDINAL}\s+{month_pattern()}\b|(?:mån|tis|ons|tors|fre|lör|sön)dag)",
        re.IGNORECASE,
    )


def unplaced_content(mentions: Mentions) -> tuple[str, str]:
    """What a text that reports no meeting holds, and what it lacks, for the E002 message:
    ("a decision is reported ("ställde sig bakom") and dates without a year ("6 december",
    "25 november")", "no meeting date with a year, agenda item or member list was found")."""
    text = mentions.document.text
    found = []
    phrases = list(dict.fromkeys(m.text for m in concepts_in(text, "DecisionType")))
    if phrases:
        found.append(f"a decision is reported ({_quoted(phrases)})")
    dated = {d.span.start for d in find_dates(text) if d.span is not None}
    yearless = [
        d.span.text
        for d in find_dates(text, default_year=_ANY_YEAR)
        if d.span is not None and d.span.start not in dated
    ]
    if yearless:
        found.append(f"dates without a year ({_quoted(list(dict.fromkeys(yearless)))})")
    if mentions.meeting.body:
        found.append(f'the body "{mentions.meeting.body}"')
    lacking = "no meeting date with a year, agenda item or member list was found"
    if not found:
        lines = sum(1 for line in text.splitlines() if line.strip())
        return ("only a title" if lines <= 1 else "only running text"), lacking
    return ", ".join(found[:-1]) + (" and " if len(found) > 1 else "") + found[-1], lacking


def _quoted(values: list[str]) -> str:
    shown = ", ".join(f'"{" ".join(value.split())}"' for value in values[:_QUOTED])
    return shown + (" …" if len(values) > _QUOTED else "")
