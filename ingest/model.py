"""What `segment` and `extract` hand on: the structured reading of one document.

The pipeline engineer's `resolve` and `to_rdf` consume `Mentions` (and, for
evidence, its `document`). Everything here is a frozen dataclass so a stage's
output cannot be changed by the next one.

Conventions:

* Every span counts code points in `RawDocument.text`; turn it into an evidence
  span of the source with `RawDocument.offsets.to_source(span.start, span.end)`.
* Concept fields (`decision_type`, `role`, `kind` …) hold full IRIs of SKOS
  concepts in `ontology/*.ttl` as plain strings, or None when nothing matched;
  the text as written always sits next to them.
* Names are as written; deciding who is who is `resolve`'s job.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from beslutsgraf.ingest.document import RawDocument

__all__ = [
    "Abstention",
    "AgendaItem",
    "AgendaItemSegment",
    "AgreementMention",
    "Amount",
    "Assignment",
    "Attendance",
    "Ballot",
    "CalendarTable",
    "ChairChange",
    "ClockTime",
    "DatePrecision",
    "DateValue",
    "DecisionClause",
    "Disqualification",
    "FiledMotion",
    "HeaderField",
    "MeetingHeader",
    "MeetingStatus",
    "Mentions",
    "Motion",
    "PersonMention",
    "PlannedMeeting",
    "ProtocolNote",
    "Reference",
    "Reservation",
    "RoleEvent",
    "RoleEventKind",
    "RosterSection",
    "SatOut",
    "Segments",
    "Span",
    "StandingSubstitute",
    "SubItem",
    "Substitution",
    "SummaryEntrySegment",
    "SummarySection",
    "Vote",
    "VoteListAppendix",
    "YearSummaryEntry",
]


# --------------------------------------------------------------------------- basics


@dataclass(frozen=True)
class Span:
    """A stretch of `RawDocument.text`: `text == document.text[start:end]`."""

    start: int
    end: int
    text: str

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span ({self.start}, {self.end})")
        if len(self.text) != self.end - self.start:
            raise ValueError(f"span text length differs from ({self.start}, {self.end})")


class DatePrecision(StrEnum):
    """How much of a date the text gave: xsd:gYear, xsd:gYearMonth, xsd:date, xsd:dateTime."""

    YEAR = "year"
    MONTH = "month"
    DAY = "day"
    MINUTE = "minute"


@dataclass(frozen=True)
class DateValue:
    """A date as precise as the text gives it.

    "2025", "juni 2026", "6 mars 2025", "kl. 12.00 den 19 juni 2025".
    """

    year: int
    month: int | None = None
    day: int | None = None
    hour: int | None = None
    minute: int | None = None
    span: Span | None = field(default=None, compare=False)

    @property
    def precision(self) -> DatePrecision:
        if self.month is None:
            return DatePrecision.YEAR
        if self.day is None:
            return DatePrecision.MONTH
        if self.hour is None:
            return DatePrecision.DAY
        return DatePrecision.MINUTE

    def iso(self) -> str:
        """The lexical form of the matching XSD type ("2026-06", "2025-06-19T12:00:00")."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        day = f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.hour is None:
            return day
        return f"{day}T{self.hour:02d}:{self.minute or 0:02d}:00"

    def as_date(self) -> date | None:
        """The calendar day, when the text gave one."""
        if self.month is None or self.day is None:
            return None
        return date(self.year, self.month, self.day)

    def as_datetime(self) -> datetime | None:
        """Naive local time (Europe/Stockholm), when the text gave a clock time."""
        if self.month is None or self.day is None or self.hour is None:
            return None
        return datetime(self.year, self.month, self.day, self.hour, self.minute or 0)


@dataclass(frozen=True)
class ClockTime:
    """A time of day as written ("13.30", "13:00", "kl. 11")."""

    hour: int
    minute: int = 0

    def iso(self) -> str:
        return f"{self.hour:02d}:{self.minute:02d}:00"


@dataclass(frozen=True)
class Amount:
    """A sum of money: "drygt 61 miljoner kronor" → 61000000 SEK, approximate."""

    value: Decimal
    currency: str
    approximate: bool
    qualifier: str | None  # "drygt", "cirka" … as written
    span: Span


# --------------------------------------------------------------------------- segments


@dataclass(frozen=True)
class HeaderField:
    """A labelled header or footer line: "Datum: 6 mars 2025", "Justerare …"."""

    key: str  # normalised label from ingest/data/header_labels.tsv: "date", "time", "called" …
    label: Span
    value: Span


@dataclass(frozen=True)
class RosterSection:
    """A member list under one heading; `cells` are the one-person entries, columns split."""

    group: Span | None  # "För Västra Götalandsregionen (VGR)"
    heading: Span | None  # "Regionpolitiker", "Styrgrupp Kommun", "Beslutande"
    key: str  # normalised heading: "politicians", "officials", "administration", "members" …
    cells: tuple[Span, ...]
    # The list the cells stand in where `key` says only that they did not come ("absent",
    # "not_present"): "members" for a blank row of a member table, "deputies" for a
    # deputy's. None where `key` is the list's own.
    listed_as: str | None = None


@dataclass(frozen=True)
class SubItem:
    """An a), b) … point under an agenda item."""

    label: str
    title: Span
    body: Span


@dataclass(frozen=True)
class AgendaItemSegment:
    """One numbered agenda item ("4.", "§ 56", "Ärende 1") with its body text."""

    number: int
    marker: Span  # "4." / "§ 56" / "KS § 80" as written
    title: Span
    body: Span  # from after the title to the next item
    sub_items: tuple[SubItem, ...]
    case_number: Span | None  # "Dnr KS-2025-00305", "KS/2018:298 - 001"
    # The vote lists printed as appendices that belong to this item ("Bilaga 1 till § 45").
    vote_lists: tuple[VoteListAppendix, ...] = ()


@dataclass(frozen=True)
class VoteListAppendix:
    """A vote list (omröstningslista) printed apart from its §: after the last item or
    after the § block, under a heading that names the § or the appendix's number
    ("Bilaga 1 till § 45" / "Omröstningslista"; "Voteringslista § 46")."""

    span: Span  # the heading lines and the table below them
    number: int | None  # the appendix's number ("Bilaga 2"), which the vote's text cites


@dataclass(frozen=True)
class SummaryEntrySegment:
    """One line of a yearly summary: the topic cell and the position's text."""

    topic: Span
    decision: Span


@dataclass(frozen=True)
class SummarySection:
    """A month section of a yearly summary ("Ställningstaganden av SRO mars 2025")."""

    heading: Span
    year: int
    month: int
    per_capsulam: bool
    lead: Span | None  # a shared opening ("… SRO ställer sig bakom...") the entries continue
    entries: tuple[SummaryEntrySegment, ...]


@dataclass(frozen=True)
class CalendarTable:
    """An årshjul: date columns (first row) and topic rows, cells kept per column."""

    span: Span
    columns: tuple[Span, ...]  # the header cells ("24 april 2025", "Januari 2026, studieresa")
    rows: tuple[tuple[Span | None, ...], ...]  # one cell per column, None when empty


@dataclass(frozen=True)
class Segments:
    """The `segment` stage's output: where each part of the document is."""

    document: RawDocument
    document_kind: str  # bg:DocumentKind concept IRI
    title: tuple[Span, ...]  # the heading lines before the first field
    header: tuple[HeaderField, ...]
    roster: tuple[RosterSection, ...]
    items: tuple[AgendaItemSegment, ...]
    summary: tuple[SummarySection, ...]
    calendars: tuple[CalendarTable, ...]
    footer: tuple[HeaderField, ...]
    links: tuple[Span, ...]  # link labels (the reader removed "[…](#)" around them)


# --------------------------------------------------------------------------- mentions


@dataclass(frozen=True)
class PersonMention:
    """A person as written, with what the same cell or phrase says about them."""

    name: str
    span: Span  # the name
    party: str | None = None  # "S", "M", "MP" (upper-cased)
    organisation: str | None = None  # "Göteborgsregionen", "VGR"
    role_text: str | None = None  # "vice ordförande", "ordf. Regionstyrelsen"
    role: str | None = None  # bg:Role concept IRI
    role_organisation: str | None = None  # the board the role is held in ("Regionstyrelsen")
    meeting_role: str | None = None  # bg:Role IRI of the role in this body ("**ordförande**")
    section: str | None = None  # RosterSection.key it was listed under
    group: str | None = None  # the roster group ("För Västra Götalandsregionen (VGR)")
    absent: bool = False  # "(förhinder)", "(förhindrad)" in the cell itself
    entry: Span | None = None  # the whole cell or list entry
    # "Lars Eriksson (S), §§ 45–48": the only agenda items attended (empty: all of them).
    items: tuple[int, ...] = ()
    # How the words before `items` bound them (item_scopes.py): "from" ("deltar från och
    # med § 47"), "until" ("lämnar sammanträdet efter § 50"), "except" ("deltar inte under
    # §§ 48–49"); None: `items` are the only ones. Extraction spells a scope out to items.
    item_scope: str | None = None
    # The member list that holds the person's seat where `section` does not name one: a
    # member table's blank row, "Frånvarande ledamöter", the member a deputy sits for.
    listed_as: str | None = None


@dataclass(frozen=True)
class Substitution:
    """A substitution at this meeting ("X ersätter Y", "ersätts … av X"): X sits for Y."""

    substitute: PersonMention
    substituted: PersonMention
    span: Span
    from_item: int | None = None


@dataclass(frozen=True)
class StandingSubstitute:
    """A deputy by arrangement ("ersätter Y vid behov"), NOT a substitution at this meeting."""

    substitute: PersonMention
    substituted: PersonMention
    span: Span


@dataclass(frozen=True)
class ChairChange:
    """Who chairs from an item on: "vid ärende fyra tar … över", "öppnas av …"."""

    person: PersonMention
    from_item: int  # 1 = the person who opened the meeting
    span: Span
    to_item: int | None = None  # the last item it holds for; None: to the meeting's end


@dataclass(frozen=True)
class Departure:
    """Who leaves the meeting, from the item it is told in on ("Ulf Karlsson lämnar mötet");
    as an arrival, who comes ("Anna Berg anländer"), attending from `from_item` on."""

    person: PersonMention
    from_item: int
    span: Span


@dataclass(frozen=True)
class SatOut:
    """Who sits out the items named, told under an item ("Gustav Ekholm (C) deltar inte
    under §§ 48–49"): absent from those items only."""

    person: PersonMention
    items: tuple[int, ...]
    span: Span


class RoleEventKind(StrEnum):
    """What a sentence says happened to someone's role."""

    APPOINTED = "appointed"  # "är ny ordförande", "har utsetts till"
    ENDED = "ended"  # "har avslutat sin tjänst"
    SUCCEEDED = "succeeded"  # "ersätts från och med dagens möte av"
    ACTING = "acting"  # "tillförordnad … till dess att"


@dataclass(frozen=True)
class RoleEvent:
    """A change of role stated in the text, with the dates the text gives."""

    kind: RoleEventKind
    person: PersonMention
    role_text: str | None
    role: str | None  # bg:Role IRI
    organisation: str | None
    span: Span
    predecessor: PersonMention | None = None
    valid_from: DateValue | None = None  # "från och med dagens möte" → the meeting date
    valid_until: DateValue | None = None  # "till och med 2026-12-31"
    until_text: str | None = None  # "till dess att en ny ordinarie förbundsdirektör är utsedd"


@dataclass(frozen=True)
class Attendance:
    """Who was called, invited, absent, substituted, chaired and wrote the minutes."""

    called: tuple[PersonMention, ...] = ()
    invited: tuple[PersonMention, ...] = ()
    others_present: tuple[PersonMention, ...] = ()  # "Övriga deltagare", "Övriga närvarande"
    absent: tuple[PersonMention, ...] = ()
    # Listed without being called, and did not come: a deputy's row left unmarked in an
    # attendance table is a deputy of the body all the same, and no attendee.
    not_present: tuple[PersonMention, ...] = ()
    substitutions: tuple[Substitution, ...] = ()
    standing_substitutes: tuple[StandingSubstitute, ...] = ()
    chair: PersonMention | None = None  # who opened the meeting
    chair_changes: tuple[ChairChange, ...] = ()
    departures: tuple[Departure, ...] = ()  # attend no item from theirs on
    arrivals: tuple[Departure, ...] = ()  # attend no item before theirs
    sat_out: tuple[SatOut, ...] = ()  # attend none of the items named
    secretaries: tuple[PersonMention, ...] = ()
    minutes_taker: PersonMention | None = None
    adjusters: tuple[PersonMention, ...] = ()  # justerare
    adjusted_on: DateValue | None = None  # the day the minutes were checked
    adjusted_in: Span | None = None  # the words that date it ("Justerat 2025-03-12")


@dataclass(frozen=True)
class MeetingHeader:
    """The meeting a document reports (or, for a summary, presents itself at)."""

    body: str | None
    body_span: Span | None
    date: DateValue | None
    start: ClockTime | None
    end: ClockTime | None
    location: str | None
    form: str | None  # bg:MeetingForm IRI
    form_text: str | None
    status: MeetingStatus
    span: Span  # the header block
    title: str | None = None  # "Mötesanteckning SRO"
    subtitle: str | None = None  # "Politiskt samrådsorgan mellan VästKom och …"
    topics: tuple[str, ...] = ()  # what a notice lists for its meeting to handle


class MeetingStatus(StrEnum):
    HELD = "held"
    PLANNED = "planned"


@dataclass(frozen=True)
class Reference:
    """A document an item links to: earlier minutes, a presentation, a file, a URL."""

    label: str
    span: Span
    date: DateValue | None
    is_minutes: bool  # "2025-01-30 Mötesanteckning SRO"
    url: str | None = None


@dataclass(frozen=True)
class AgreementMention:
    """An agreement as named: "Överenskommelse - Regionens läkaransvar …, SRO 2025-09-01"."""

    title: str
    span: Span
    agreement_type: str | None  # bg:AgreementType IRI
    version_label: str | None = None  # "SRO 2025-09-01"
    part_of: AgreementMention | None = None
    applies_from: DateValue | None = None  # "att gälla från och med 1 januari 2027"
    valid_from: DateValue | None = None
    valid_until: DateValue | None = None
    # The end it has (had) before a decision prolongs it: "slutade gälla 2020-11-30",
    # "gäller till och med 2025-12-31".
    ended_on: DateValue | None = None
    extension_term: str | None = None  # "två år i taget"
    parties: tuple[str, ...] = ()  # "mellan Region Halland och Falkenbergs kommun"
    # The earlier agreements this one replaces ("ersätter nuvarande avtal från 2018").
    replaces: tuple[AgreementMention, ...] = ()


@dataclass(frozen=True)
class Assignment:
    """An uppdrag: who must do what, by when, reporting to whom."""

    assignees: tuple[str, ...]
    task: str
    span: Span
    deadline: DateValue | None = None
    report_to: str | None = None
    # The meeting it is due at, as written ("till nästa möte", "till mötet i juni"): `extract`
    # dates it once the meeting's date and the meetings it announces are known.
    due_meeting: Span | None = None
    # Where a deadline the assignment's own words do not date is read: the meeting it is
    # due at and the announcement that dates that meeting ("Nästa möte äger rum den …").
    deadline_read_from: tuple[Span, ...] = ()


@dataclass(frozen=True)
class DecisionClause:
    """One numbered clause of a position (ställningstagande) or a protocol's Beslut."""

    text: str
    span: Span
    decision_type: str  # bg:DecisionType IRI (the strongest type matched)
    matched_types: tuple[str, ...] = ()  # every type phrase in the clause, strongest first
    number: int | None = None  # clause number when the position is a list
    decided_by: str | None = None  # "Det politiska samrådsorganet SRO"
    concerns: tuple[AgreementMention, ...] = ()
    recommends_to: tuple[str, ...] = ()
    prolongs: AgreementMention | None = None
    new_end_date: DateValue | None = None
    assignment: Assignment | None = None
    # Motions sent to bodies, one sentence each, when a clause sends more than one ("Motion
    # från … remitteras till kommunstyrelsen. Motion från … remitteras till …"); a lone one
    # is the clause's `assignment`.
    remittances: tuple[Assignment, ...] = ()
    deadline: DateValue | None = None
    amounts: tuple[Amount, ...] = ()
    per_capsulam: bool = False
    date: DateValue | None = None  # set when the document dates the decision itself (summaries)
    # The sentence in which the body decided, when the decision's text is another's: a
    # decision "enligt förslaget" takes its clauses from the item's proposal.
    decided_in: Span | None = None
    # The proposal a clause decides by ("att förlänga avtalet enligt förslaget"), when it
    # states what the clause leaves out: the term the agreement is prolonged by.
    by_proposal: Span | None = None
    # To whom the decision is sent ("Beslutet skickas till: Socialnämnden, Ekonomienheten"),
    # each entry as written, and the field that lists them.
    sent_to: tuple[str, ...] = ()
    sent_to_in: Span | None = None

    @property
    def assignments(self) -> tuple[Assignment, ...]:
        """Every assignment the clause gives: its uppdrag and the motions it sends on."""
        own = (self.assignment,) if self.assignment is not None else ()
        return (*own, *self.remittances)


@dataclass(frozen=True)
class Ballot:
    """One member's vote: a row of an omröstningslista or a name in "Ja-röster: …"."""

    voter: PersonMention  # with the party the row or list gives
    choice: str  # bg:VoteChoice concept IRI (bg:ja, bg:nej, bg:avstar)
    span: Span  # the row, or the list the name is in


@dataclass(frozen=True)
class Vote:
    """An omröstning: counts as stated (else counted from the ballots), and the ballots."""

    span: Span
    yes: int | None = None
    no: int | None = None
    abstain: int | None = None
    ballots: tuple[Ballot, ...] = ()
    question: str | None = None  # the proposition as put ("Ja-röst för avslag, nej-röst för …")
    outcome: str | None = None  # the result as written ("Med 8 ja-röster … beslutar …")
    # The sentence of the item stating the counts, when the vote's own block does not.
    counted_in: Span | None = None


@dataclass(frozen=True)
class Motion:
    """A yrkande put on an item ("Anna Vikström (C) yrkar bifall till motionen")."""

    span: Span  # the sentence as written
    text: str
    persons: tuple[PersonMention, ...] = ()
    parties: tuple[str, ...] = ()  # proposing as a party ("Moderaterna yrkar avslag")
    by_chair: bool = False  # put by the chair, named by role ("Ordföranden yrkar …")

    @property
    def proposing_parties(self) -> tuple[str, ...]:
        """The parties behind the motion: those proposing, else the proposers' parties."""
        return self.parties or tuple(p.party for p in self.persons if p.party is not None)


@dataclass(frozen=True)
class FiledMotion:
    """A member's written motion or a resident's medborgarförslag, named with its authors in
    the item's title ("Svar på motion från Anna Berg (V) om …") or in the decision that
    remits it ("Motion från … om … anmäls och remitteras till kommunstyrelsen")."""

    span: Span  # "motion från Anna Berg (V) om fria resor för pensionärer"
    text: str
    title: str  # what it is about: "fria resor för pensionärer"
    persons: tuple[PersonMention, ...] = ()
    parties: tuple[str, ...] = ()  # filed as a party ("Motion från Vänsterpartiet om …")
    decisions: tuple[int, ...] = ()  # the item's clauses (0-based) that decide on it
    adopted_by: tuple[int, ...] = ()  # of those, the ones that adopt it ("Motionen bifalls")


@dataclass(frozen=True)
class Reservation:
    """Parties or persons against the decision ("S och V reserverade sig mot beslutet")."""

    span: Span
    parties: tuple[str, ...] = ()
    persons: tuple[PersonMention, ...] = ()
    in_favour_of: Motion | None = None  # "till förmån för eget yrkande"


@dataclass(frozen=True)
class ProtocolNote:
    """A protokollsanteckning and its authors: the persons who wrote it ("Johan Sträng
    (SD) lämnar …") and the parties named with them or alone ("SD lämnar …")."""

    span: Span
    text: str
    parties: tuple[str, ...] = ()
    persons: tuple[PersonMention, ...] = ()


@dataclass(frozen=True)
class Disqualification:
    """Jäv: the person takes no part in the item."""

    person: PersonMention
    span: Span


@dataclass(frozen=True)
class Abstention:
    """Members who take no part in the item's decision ("deltar inte i beslutet"), named
    or as a party's members; unlike jäv they stay present at the item."""

    span: Span
    persons: tuple[PersonMention, ...] = ()
    parties: tuple[str, ...] = ()


@dataclass(frozen=True)
class AgendaItem:
    """An agenda item and everything found in it."""

    number: int
    title: str
    span: Span  # marker to end of body
    title_span: Span
    kinds: tuple[str, ...] = ()  # bg:AgendaItemKind IRIs
    kind_text: str | None = None  # "Information och ställningstagande"
    presenters: tuple[PersonMention, ...] = ()
    start: ClockTime | None = None
    end: ClockTime | None = None
    duration_minutes: int | None = None
    decisions: tuple[DecisionClause, ...] = ()
    comments: tuple[Span, ...] = ()  # the "Synpunkter:" lines
    references: tuple[Reference, ...] = ()
    agreements: tuple[AgreementMention, ...] = ()  # agreements the body text describes
    amounts: tuple[Amount, ...] = ()
    sub_items: tuple[SubItem, ...] = ()
    case_number: str | None = None
    chaired_by: PersonMention | None = None
    votes: tuple[Vote, ...] = ()
    motions: tuple[Motion, ...] = ()
    adopted_motion: Motion | None = None  # "beslutar enligt Dennis Lundins yrkande"
    filed_motions: tuple[FiledMotion, ...] = ()  # written motions the decisions answer or remit
    reservations: tuple[Reservation, ...] = ()
    notes: tuple[ProtocolNote, ...] = ()
    disqualifications: tuple[Disqualification, ...] = ()
    abstentions: tuple[Abstention, ...] = ()
    tabled: bool = False  # "bordläggs"


@dataclass(frozen=True)
class PlannedMeeting:
    """A meeting the document announces: an årshjul column, "Nästa möte …"."""

    date: DateValue
    span: Span
    label: str  # the column header or phrase as written
    body: str | None  # None: the document's own body
    topics: tuple[str, ...] = ()
    start: ClockTime | None = None
    end: ClockTime | None = None
    form: str | None = None  # bg:MeetingForm IRI
    per_capsulam: bool = False


@dataclass(frozen=True)
class YearSummaryEntry:
    """One position in a yearly summary, dated by its month section."""

    year: int
    month: int
    per_capsulam: bool
    topic: str
    topic_span: Span
    decision: DecisionClause


@dataclass(frozen=True)
class Mentions:
    """The `extract` stage's output: one document read as a meeting record."""

    document: RawDocument
    document_kind: str  # bg:DocumentKind IRI
    meeting: MeetingHeader
    attendance: Attendance
    items: tuple[AgendaItem, ...]
    role_events: tuple[RoleEvent, ...] = ()
    previous_meeting: Reference | None = None
    planned_meetings: tuple[PlannedMeeting, ...] = ()
    year_summary: tuple[YearSummaryEntry, ...] = ()
    people: tuple[PersonMention, ...] = ()  # every person mention, for name resolution
