"""The rules of person resolution (issue #6): the scored matcher, the member-list rule,
the `-2` suffix for two people with one name, first names resolved to the meeting's
participants, and independence of document order."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from rdflib import URIRef

from beslutsgraf.ingest.extract import extract
from beslutsgraf.ingest.known import Known, extend_known
from beslutsgraf.ingest.model import Mentions, PersonMention, Span
from beslutsgraf.ingest.person_match import (
    MERGE_SCORE,
    EvidenceKind,
    PersonContext,
    match_people,
)
from beslutsgraf.ingest.read import read
from beslutsgraf.ingest.resolution_report import resolution_report
from beslutsgraf.ingest.resolve import resolve
from beslutsgraf.ingest.run import run
from beslutsgraf.ingest.segment import segment
from beslutsgraf.store.embedded import EmbeddedStore
from tests.conftest import corpus_file

PERSON = "https://w3id.org/beslutsgraf/id/person/"

# Two members with one name on one member list, told apart by their party.
TWO_NAMESAKES = """Mötesanteckning Testnämnden

Datum: 12 februari 2025

Tid: 10.00 – 12.00

Kallade: Se lista.

Ledamöter

Anna Svensson (S), Borås stad
Anna Svensson (M), Skövde kommun
Bo Ek (C), Ale kommun

1. Mötet öppnas

Anna Svensson (S) hälsar välkommen.

2. Information om budget

Bo Ek informerar om budgeten. Testnämnden noterar informationen.
"""


def _mentions(prefix: str) -> Mentions:
    return extract(segment(read(corpus_file(prefix))))


def _first_name(mentions: Mentions, phrase: str) -> Mentions:
    """The document with the first name that starts `phrase` read as a person mention,
    as the extractor would give a speaker in running text ("Jenny förtydligar")."""
    start = mentions.document.text.index(phrase)
    name = phrase.split()[0]
    mention = PersonMention(name, Span(start, start + len(name), name))
    return replace(mentions, people=(*mentions.people, mention))


# --------------------------------------------------------------------------- the matcher


def test_score_combines_name_and_context_with_named_evidence() -> None:
    context = PersonContext(
        parties=frozenset({"S"}), organisations=frozenset({"org/regionstyrelsen"})
    )
    match = match_people(["Helen Elisson"], context, ["Helén Eliasson"], context)
    kinds = {item.kind for item in match.evidence}
    assert {
        EvidenceKind.ACCENT_FOLDING,
        EvidenceKind.MISSING_OR_DOUBLED_LETTER,
        EvidenceKind.SAME_PARTY,
        EvidenceKind.SAME_ORGANISATION,
    } <= kinds
    assert match.merges
    name_only = match_people(
        ["Helen Elisson"], PersonContext(), ["Helén Eliasson"], PersonContext()
    )
    assert MERGE_SCORE <= name_only.score < match.score


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Kristofer Svensson", "Kristoffer Svensson"),
        ("Christoffer Svensson", "Kristoffer Svensson"),  # a variant with another letter
        ("Monika Holmgren", "Monica Holmgren"),
        ("Janette Olsson", "Jeanette Olsson"),
        ("Helene Nordling", "Helen Nordling"),
    ],
)
def test_given_name_variants_merge_on_the_name_alone(first: str, second: str) -> None:
    match = match_people([first], PersonContext(), [second], PersonContext())
    assert match.merges
    assert any(
        item.kind in (EvidenceKind.GIVEN_NAME_VARIANT, EvidenceKind.MISSING_OR_DOUBLED_LETTER)
        for item in match.evidence
    )


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Marina Johansson", "Adam Johansson"),
        ("Katarina Jonsson", "Madeleine Jonsson"),
        ("Lena Hult", "Lena Holmlund"),
        ("Karin Looström Muth", "Karin Engström"),
    ],
)
def test_other_names_never_merge_whatever_the_context(first: str, second: str) -> None:
    shared = PersonContext(
        parties=frozenset({"S"}),
        organisations=frozenset({"o"}),
        roles=frozenset({"r"}),
        sources=frozenset({"d"}),
    )
    assert not match_people([first], shared, [second], shared).merges


def test_one_member_list_blocks_a_merge_and_says_why() -> None:
    listed = PersonContext(listed_in=frozenset({"source/abc"}))
    match = match_people(["Kristofer Svensson"], listed, ["Kristoffer Svensson"], listed)
    assert match.blocked and not match.merges
    assert match.evidence[-1].kind == EvidenceKind.SAME_MEMBER_LIST


def test_a_different_party_keeps_one_name_apart() -> None:
    match = match_people(
        ["Anna Svensson"],
        PersonContext(parties=frozenset({"party/S"})),
        ["Anna Svensson"],
        PersonContext(parties=frozenset({"party/M"})),
    )
    assert not match.merges
    assert EvidenceKind.DIFFERENT_PARTY in {item.kind for item in match.evidence}


# --------------------------------------------------------------------------- two namesakes


def test_two_namesakes_on_one_member_list_are_two_persons_the_second_suffixed(
    tmp_path: Path,
) -> None:
    minutes = tmp_path / "testnamnden-2025-02-12.txt"
    minutes.write_text(TWO_NAMESAKES, encoding="utf-8")
    store = EmbeddedStore(tmp_path / "store")
    try:
        summary = run([minutes], store, quarantine_dir=tmp_path / "quarantine")
        assert summary.ok, [o.message for o in summary.outcomes]
        rows = store.select(
            "PREFIX org: <http://www.w3.org/ns/org#> SELECT DISTINCT ?p ?party WHERE { "
            "?m org:member ?p ; org:organization ?party ; org:role "
            "<https://w3id.org/beslutsgraf/def#partimedlem> }"
        )
        parties = {row["p"].strip("<>"): row["party"].strip("<>")[-1] for row in rows}
        # Listed first, with (S), keeps the plain name; the second gets -2.
        assert parties[PERSON + "anna-svensson"] == "S"
        assert parties[PERSON + "anna-svensson-2"] == "M"
        report = resolution_report(store)
        assert len(report.clusters) == 3
        kept_apart = [d for d in report.kept_apart if PERSON + "anna-svensson-2" in d.persons]
        assert len(kept_apart) == 1
        evidence = {item.kind for item in kept_apart[0].match.evidence}
        assert {EvidenceKind.SAME_MEMBER_LIST, EvidenceKind.DIFFERENT_PARTY} <= evidence
        decisions = store.select(
            "PREFIX bg: <https://w3id.org/beslutsgraf/def#> SELECT ?d ?merged WHERE { GRAPH "
            "<https://w3id.org/beslutsgraf/id/graph/resolution> { ?d bg:identityOf "
            f"<{PERSON}anna-svensson>, <{PERSON}anna-svensson-2> ; bg:merged ?merged }} }}"
        )
        assert [row["merged"].split("^^")[0].strip('"') for row in decisions] == ["false"]
    finally:
        store.close()


# --------------------------------------------------------------------------- first names


@pytest.fixture(scope="module")
def steering_group() -> Mentions:
    """004 as extracted: its speakers "Jenny förtydligar", "Malin beskriver" and
    "Ann-Sofie informerar" are presenters named by their given name alone."""
    return _mentions("004")


def test_the_extractor_reads_speakers_by_given_name(steering_group: Mentions) -> None:
    text = steering_group.document.text
    presenters = {item.number: item.presenters for item in steering_group.items}
    assert [p.name for p in presenters[2]] == ["Jenny", "Malin"]
    assert [p.name for p in presenters[3]] == ["Ann-Sofie"]
    for person, phrase in zip(
        (*presenters[2], *presenters[3]),
        ("Jenny förtydligar", "Malin beskriver", "Ann-Sofie informerar"),
        strict=True,
    ):
        assert person.span.start == text.index(phrase)
        assert person.span.text == phrase.split()[0]


def test_a_first_name_is_the_meetings_one_participant_with_it(steering_group: Mentions) -> None:
    resolved = resolve(steering_group, Known())
    jenny, ann_sofie = resolved.persons["Jenny"], resolved.persons["Ann-Sofie"]
    assert (jenny.iri, jenny.name) == (URIRef(PERSON + "jenny-nilsson"), "Jenny Nilsson")
    assert ann_sofie.iri == URIRef(PERSON + "ann-sofie-rundberg")


def test_a_first_name_two_participants_share_stays_unresolved(steering_group: Mentions) -> None:
    # 004 lists Malin Camper (Södra Älvsborg Sjukhus) and Malin Swärd Davidsson (VästKom).
    resolved = resolve(steering_group, Known())
    assert "Malin" not in resolved.persons
    assert resolved.persons["Malin Camper"].iri != resolved.persons["Malin Swärd Davidsson"].iri


def test_a_first_name_of_someone_outside_the_meeting_is_not_guessed() -> None:
    # "Jenny" in 002 (2022-11-24), where no Jenny takes part, though 000 and 004 know one.
    batch = [_mentions("000"), _first_name(_mentions("002"), "Karin av Ann-Sofie")]
    known = extend_known(Known(), batch)
    start = batch[1].document.text.index("Karin av")
    jenny = PersonMention("Jenny", Span(start, start + 5, "Jenny"))
    resolved = resolve(replace(batch[1], people=(*batch[1].people, jenny)), known)
    assert "Jenny" not in resolved.persons
    # "ersätts Karin av Ann-Sofie Rundberg": the one Karin of that meeting.
    assert resolved.persons["Karin"].iri == URIRef(PERSON + "karin-loostrom-muth")


# Sentences that open with a capitalised word before a speech verb: only the two given
# names are speakers; a role, a definite noun, a pronoun, an organisation and an adverb
# are not ("Därefter redogör Bo …" puts the verb before its subject: not read).
SPEAKERS = """Mötesanteckning Testnämnden

Datum: 12 februari 2025

Ledamöter

Anna Svensson (S), Borås stad
Bo Ek (C), Ale kommun

1. Information om budget

Ordföranden informerar om läget. Processledningen informerar om tidsplanen.
Hon betonar vikten av arbetet. Region Halland informerar om sitt arbete.
Därefter redogör Bo för bakgrunden. Anna informerar om budgeten.

2. Övriga frågor

Bo går igenom frågan om lokaler.
"""


def test_only_given_names_open_a_speech_verb_sentence_as_presenters(tmp_path: Path) -> None:
    minutes = tmp_path / "testnamnden-2025-02-12.txt"
    minutes.write_text(SPEAKERS, encoding="utf-8")
    items = extract(segment(read(minutes))).items
    assert [[p.name for p in item.presenters] for item in items] == [["Anna"], ["Bo"]]
    store = EmbeddedStore(tmp_path / "store")
    try:
        summary = run([minutes], store, quarantine_dir=tmp_path / "quarantine")
        assert summary.ok, [o.message for o in summary.outcomes]
        rows = store.select(
            "PREFIX bg: <https://w3id.org/beslutsgraf/def#> SELECT ?n ?p WHERE { "
            "?i bg:itemNumber ?n ; bg:presenter ?p } ORDER BY ?n"
        )
        assert [(int(row["n"].split("^^")[0].strip('"')), row["p"]) for row in rows] == [
            (1, f"<{PERSON}anna-svensson>"),
            (2, f"<{PERSON}bo-ek>"),
        ]
    finally:
        store.close()


# --------------------------------------------------------------------------- order


def test_persons_do_not_depend_on_document_order() -> None:
    batch = [_mentions(prefix) for prefix in ("000", "002", "003", "004")]

    def people(order: list[Mentions]) -> set[tuple[str, tuple[str, ...]]]:
        known = extend_known(Known(), order)
        return {(group.iri, group.spellings) for group in known.people}

    forward = people(batch)
    assert len(forward) > 70
    assert people(list(reversed(batch))) == forward
    assert people([batch[2], batch[0], batch[3], batch[1]]) == forward
