"""Labelled fields ("Datum: …", "Beslutande …", "Ställningstagande: …") found by the table
in `data/labels.tsv`, with the extent rules its `mode` column names."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from beslutsgraf.ingest.data_files import read_table
from beslutsgraf.ingest.lines import Line, ends_with_function_word, split_lines, trimmed_span
from beslutsgraf.ingest.model import HeaderField, Span
from beslutsgraf.ingest.patterns import decision_rules

__all__ = [
    "Label",
    "clause_extent",
    "decision_paragraphs",
    "find_fields",
    "is_heading",
    "labels",
    "opens_another_decision",
]

# A line this long is a flattened table or page: labels may sit anywhere in it.
FLATTENED_LINE = 250
_LIST_LINE = re.compile(r"^\s*(?:[•\-–*]|\d{1,2}[.)]|[a-h][.)])\s+")
# The points a decision's lead-in lists: numbered ("1. att godkänna …") or att-clauses
# ("att överföra …", bulleted or not), the § protocol's way to list what is decided.
_POINT_LINE = re.compile(r"^\s*(?:(?:\d{1,2}|[a-h])[.)]\s+|(?:[•\-–*]\s+)?[Aa]tt\s)")
_SENTENCE_END = re.compile(r"[.!?:;]\s*$")
# The most words of an unlabelled heading inside an item ("Beskrivning av ärendet").
_HEADING_WORDS = 6
# The page number a flattened page starts with ("3(27) Ej beslutande ersättare …").
_PAGE_MARK = re.compile(r"^\s*\d{1,3}\s*\(\d{1,3}\)")
# A label in a column of its own, its value after a tab or a run of spaces ("Övriga
# deltagare      Pia Holm, …"): a label even where it otherwise needs its colon.
_COLUMN_GAP = re.compile(r"(?:\t|[ \u00a0]{2,})(?=\S)")
# The meeting date's label in a page header's right column, after the body on its line
# ("Regionstyrelsen      Sammanträdesdatum"): it stands alone in its column (its value on
# the next line) or has its colon. A table row's last cell ("… | Ordförande") is no label.
_COLUMN_BEFORE = re.compile(r"\S(?:\t|[ \u00a0]{2,})$")
_ALONE_IN_COLUMN = re.compile(r"[ \u00a0]*(?:$|\t|[ \u00a0]{2,})")
# The page number a letterhead prints in the column beside the date's label
# ("PROTOKOLLSUTDRAG   Sammanträdesdatum   Sida 1(2)"): the page's, not the date's value,
# which is the cell under the label, on the next line.
_PAGE_NUMBER_BESIDE = re.compile(
    r"(?:\t|[ \u00a0]{2,})\s*(?:sida\s+)?\d{1,3}\s*(?:\(\d{1,3}\)|av\s+\d{1,3})\s*$",
    re.IGNORECASE,
)
# A lower-case word right after a label: the label is a sentence's first word.
_SENTENCE_AFTER_LABEL = re.compile(r"[ \t\u00a0]+[a-zåäöé]")
# The word right after a label, on its line.
_NEXT_WORD = re.compile(r"[ \t\u00a0]+(\w+)")


@dataclass(frozen=True)
class Label:
    text: str
    key: str
    mode: str
    where: frozenset[str]
    colon_required: bool
    # A heading ("Arbetsutskottets förslag"): a label only with its colon, in a column or
    # alone on its line, since its words also open sentences ("… förslag bifalls.").
    heading: bool = False
    # A word that opens a sentence ("Omröstning begärs och genomförs."): no label there,
    # but the sentence opens the label's block, its first word included.
    sentence: bool = False


@cache
def labels() -> tuple[Label, ...]:
    """Every label, longest first, so "Övriga deltagare" wins over "Övriga"."""
    rows = [
        Label(
            row[0],
            row[1],
            row[2],
            frozenset(row[3].split(",")),
            row[4] == "required",
            heading=row[4] == "heading",
            sentence=row[4] == "sentence",
        )
        for row in read_table("labels.tsv")
    ]
    return tuple(sorted(rows, key=lambda label: len(label.text), reverse=True))


@cache
def _label_regex(where: str) -> re.Pattern[str]:
    texts = [label.text for label in labels() if where in label.where]
    alternatives = "|".join(re.escape(text) for text in texts)
    # Every label starts with one of these: checked first, the character rules out most
    # positions before each of the many labels is tried there.
    starts = "".join(sorted({re.escape(text[:1]) for text in texts})) if all(texts) else ""
    first = rf"(?=[{starts}])" if starts else ""
    return re.compile(rf"(?<![\w-]){first}(?P<label>{alternatives})(?![\w-])(?P<colon>\s*:)?")


def _label_named(text: str, where: str) -> Label:
    return next(label for label in labels() if label.text == text and where in label.where)


@dataclass(frozen=True)
class _Hit:
    label: Label
    label_span: Span
    end: int  # where the value starts: after the label and its colon, or the sentence it opens


def find_fields(text: str, start: int, end: int, where: str) -> list[HeaderField]:
    """The labelled fields of `text[start:end]` for a region (`header`, `body`, `footer`)."""
    hits: list[_Hit] = []
    for line in split_lines(text, start, end):
        # A flattened page, or a line that opens with a label, may hold several fields.
        several = len(line.text) > FLATTENED_LINE
        for match in _label_regex(where).finditer(line.text):
            label = _label_named(match.group("label"), where)
            at_line_start = not _PAGE_MARK.sub("", line.text[: match.start()]).strip(" \t•*#-")
            in_column = at_line_start and _COLUMN_GAP.match(line.text, match.end("label"))
            if label.colon_required and not (match.group("colon") or in_column):
                continue
            if not (match.group("colon") or in_column) and _opens_noun_phrase(
                label, match, line.text
            ):
                continue
            alone = at_line_start and not line.text[match.end() :].strip(" \t*")
            if label.heading and not (match.group("colon") or in_column or alone):
                continue
            right_column = _dates_right_column(line.text, match, label, where)
            if not (at_line_start or several or right_column):
                continue
            if hits and _opens_sentence_in_own_block(hits[-1], label, match, line.text):
                continue
            label_start = line.start + match.start("label")
            label_span = Span(label_start, label_start + len(label.text), label.text)
            opens_sentence = (
                label.sentence
                and not (match.group("colon") or in_column or alone)
                and _SENTENCE_AFTER_LABEL.match(line.text, match.end("label")) is not None
            )
            # "Omröstning begärs …": the block is the sentence as printed, from its first word.
            value_start = label_start if opens_sentence else line.start + match.end()
            if right_column and _PAGE_NUMBER_BESIDE.match(line.text, match.end()):
                value_start = line.end  # the cell under the label, not the page number
            hits.append(_Hit(label, label_span, value_start))
            several = several or (where == "header" and at_line_start)
        if where == "body" and not any(hit.label_span.start >= line.start for hit in hits):
            hits += _proposal_heading(line)
    fields: list[HeaderField] = []
    for index, hit in enumerate(hits):
        next_start = hits[index + 1].label_span.start if index + 1 < len(hits) else end
        value = _value_extent(text, hit.end, next_start, end, hit.label.mode)
        fields.append(HeaderField(hit.label.key, hit.label_span, value))
    return fields


def _proposal_heading(line: Line) -> list[_Hit]:
    """A proposal's heading the table cannot list, since it names whose proposal it is and
    the body it goes to ("Presidiets förslag till nämnden", "Förslag till
    kommunfullmäktige: …"): a label of the proposal that follows (`proposal_heading` rules)."""
    content = line.text.strip(" \t*#")
    offset = line.start + line.text.index(content) if content else line.start
    for rule in decision_rules("proposal_heading"):
        found = rule.search(content)
        if found is None:
            continue
        heading = content[: found.end()].rstrip(" \t:")
        label = Label(heading, "proposal", "block", frozenset({"body"}), False, heading=True)
        span = Span(offset, offset + len(heading), heading)
        return [_Hit(label, span, offset + found.end())]
    return []


@cache
def _noun_phrase_words() -> dict[str, frozenset[str]]:
    """The words after which a label word is a noun ("Beslut" before "om"), by label."""
    words: dict[str, set[str]] = {}
    for label, word in read_table("label_noun_phrases.tsv"):
        words.setdefault(label, set()).add(word)
    return {label: frozenset(following) for label, following in words.items()}


def _opens_noun_phrase(label: Label, match: re.Match[str], line: str) -> bool:
    """True when the label's word opens a noun phrase ("Beslut om bygglov, delegat: …" in a
    list of delegation decisions): what follows names a decision, it is not one."""
    following = _noun_phrase_words().get(label.text)
    next_word = _NEXT_WORD.match(line, match.end("label"))
    return bool(following and next_word and next_word.group(1) in following)


def _dates_right_column(line: str, match: re.Match[str], label: Label, where: str) -> bool:
    return (
        where == "header"
        and label.key == "date"
        and _COLUMN_BEFORE.search(line, 0, match.start()) is not None
        and (
            bool(match.group("colon"))
            or _ALONE_IN_COLUMN.match(line, match.end()) is not None
            or _PAGE_NUMBER_BESIDE.match(line, match.end()) is not None
        )
    )


def _opens_sentence_in_own_block(
    open_block: _Hit, label: Label, match: re.Match[str], line: str
) -> bool:
    """True when a label word opens a sentence of the block its own heading opened
    ("Omröstning" over "Omröstning begärs och genomförs. …"): that is the block's
    prose, not a second field. Elsewhere the same shape is a value ("Expedieras till
    …", "Tid kl. 9"), so only a repeated heading word is read so."""
    return (
        label.mode == "block"
        and open_block.label.key == label.key
        and not match.group("colon")
        and _SENTENCE_AFTER_LABEL.match(line, match.end("label")) is not None
    )


def clause_extent(text: str, start: int, end: int) -> Span:
    """What a decision written from `start` without a label spans: its line, with the
    points a lead-in lists ("Regionstyrelsen beslutar att" over "1. …", "2. …")."""
    return _value_extent(text, start, end, end, "clause")


def _value_extent(text: str, start: int, next_label: int, end: int, mode: str) -> Span:
    if mode in ("list", "block"):
        return trimmed_span(text, start, next_label, " \t\n:\u00a0*")
    lines = split_lines(text, start, min(end, next_label))
    if not lines:
        return Span(start, start, "")
    value_end = lines[0].end
    content = lines[0].text.strip(" \t*")
    # A clause under a heading label ("Beslut" on a line of its own) is the paragraph below
    # it: its further sentences ("Avgiften för bygglovet är 28 400 kronor.") are part of
    # what was decided. A value beside its label ("Ställningstagande: …") is one sentence.
    paragraph = mode == "clause" and not content
    under_heading = paragraph
    first = ""  # the decision's first line, under a heading label
    after_blank = False
    # A line label alone on its line heads the entries below it, one a line, up to a
    # blank line or a sentence ("Frånvarande:" / "Anna Berg (M), Lerum" / "Per Ek (KD)").
    entries = mode == "line" and not content
    for line in lines[1:]:
        if line.blank:
            if entries and content:
                break
            paragraph = paragraph and not content
            after_blank = bool(content)
            continue
        stripped = line.text.strip(" \t*")
        first = first or stripped
        if under_heading and after_blank and opens_another_decision(first, stripped):
            # "Kommunstyrelsen föreslår kommunfullmäktige …" / "" / "Kommunstyrelsen
            # beslutar för egen del …": the decision goes on in a paragraph of its own.
            value_end, content, after_blank, paragraph = line.end, stripped, False, True
            continue
        after_blank = False
        if entries and content and not _SENTENCE_END.search(stripped):
            value_end = line.end
            content = stripped
            continue
        wraps = (
            not content
            or content.endswith(",")
            or (stripped[:1].islower() and not _SENTENCE_END.search(content))
            or (text[value_end - 1 : value_end] == " " and not _SENTENCE_END.search(content))
            or ends_with_function_word(content)
        )
        in_list = mode == "clause" and _opens_list(content, line.text)
        continuing_list = (
            mode == "clause" and _is_list_line(line.text) and _is_list_value(text, start, value_end)
        )
        next_sentence = (
            paragraph and bool(content) and not is_heading(stripped) and not _is_aside(stripped)
        )
        if not (wraps or in_list or continuing_list or next_sentence):
            break
        value_end = line.end
        content = stripped
    return trimmed_span(text, start, value_end, " \t\n:\u00a0*")


def opens_another_decision(first: str, line: str) -> bool:
    """Whether `line`, after a blank line under a decision heading, opens another
    decision of the same body rather than the text after the decision: a deciding
    sentence (the `decision_continues` rules of decision_patterns.tsv), or one of the
    `decision_continues_same` verbs after the subject the decision's first line has."""
    if _is_aside(line):
        return False
    if any(rule.search(line) for rule in decision_rules("decision_continues")):
        return True
    subject = first.split(maxsplit=1)[0] if first.strip() else ""
    for rule in decision_rules("decision_continues_same"):
        match = rule.search(line)
        if match and match.group("subject") == subject:
            return True
    return False


def decision_paragraphs(text: str, value: Span) -> list[Span]:
    """`value` cut where a paragraph opens another decision (`opens_another_decision`);
    one span when none does."""
    lines = split_lines(text, value.start, value.end)
    first = next((line.text.strip(" \t*") for line in lines if not line.blank), "")
    starts, after_blank = [value.start], False
    for line in lines:
        if line.blank:
            after_blank = True
            continue
        if after_blank and opens_another_decision(first, line.text.strip(" \t*")):
            starts.append(line.start)
        after_blank = False
    ends = [*starts[1:], value.end]
    return [trimmed_span(text, start, end) for start, end in zip(starts, ends, strict=True)]


def _is_aside(line: str) -> bool:
    """A sentence recording who took part ("X (V) deltar inte i beslutet", a reservation,
    jäv), not what was decided: it ends a decision's paragraph."""
    return any(rule.search(line) for rule in decision_rules("aside"))


def is_heading(line: str) -> bool:
    """A short line that ends no sentence ("Ärendet i korthet"): the next part's heading."""
    return len(line.split()) <= _HEADING_WORDS and not _SENTENCE_END.search(line)


def _opens_list(lead: str, line: str) -> bool:
    """True when `line` is the first entry of a list that `lead` opens: after an empty
    value or a ":" lead, any list line; after a lead-in that ends no sentence
    ("Kommunstyrelsen föreslår kommunfullmäktige besluta"), its points."""
    if not lead or lead.endswith(":"):
        return _is_list_line(line)
    return not _SENTENCE_END.search(lead) and bool(_POINT_LINE.match(line))


def _is_list_line(line: str) -> bool:
    return bool(_LIST_LINE.match(line) or _POINT_LINE.match(line))


def _is_list_value(text: str, start: int, end: int) -> bool:
    """True when the value so far already holds a list (a ":" lead or list lines)."""
    value = text[start:end]
    return any(_is_list_line(line) for line in value.splitlines()[1:]) or value.rstrip(
        " \t*"
    ).endswith(":")
