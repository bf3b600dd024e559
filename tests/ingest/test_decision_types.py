"""The type of a § decision as other bodies word it, by the bg:DecisionType labels."""

from __future__ import annotations

import pytest

from beslutsgraf.ingest.decisions import clauses_in, decision_sentences
from beslutsgraf.ingest.model import Span
from beslutsgraf.ontology import BG

SENTENCES = [
    ("Nämnden tar del av informationen.", BG.noteringAvInformation),
    ("Informationen tas till protokollet.", BG.noteringAvInformation),
    ("Anmälan noteras.", BG.noteringAvInformation),
    ("Nämnden lägger rapporten till handlingarna.", BG.noteringAvInformation),
    ("Protokollet från föregående sammanträde godkänns.", BG.godkannandeAvProtokoll),
    ("Dagordningen godkänns.", BG.godkannandeAvDagordning),
    ("Motionen anses besvarad.", BG.formelltBeslut),
    ("Kommunstyrelsen yttrar sig enligt förvaltningens förslag.", BG.formelltBeslut),
    ("Kommunfullmäktige väljer Anna Berg (S) till ordförande i valnämnden.", BG.formelltBeslut),
    ("Nämnden delegerar till förvaltningschefen att besluta om bidrag.", BG.formelltBeslut),
    ("Kommunfullmäktige beviljar styrelsen ansvarsfrihet för 2023.", BG.formelltBeslut),
    ("Förslaget bifalls.", BG.formelltBeslut),
    ("Arbetsutskottets förslag bifalls.", BG.formelltBeslut),
    # Tabling is `ovrigt` by the scheme's own definition; choosing who checks the
    # minutes is the body's formal decision.
    ("Ärendet bordläggs.", BG.ovrigt),
    ("Kommunstyrelsen bordlägger ärendet till nästa sammanträde.", BG.ovrigt),
    ("Nämnden utser Anna Berg (S) att jämte ordföranden justera protokollet.", BG.formelltBeslut),
    ("Till justerare utses Per Ek (M).", BG.formelltBeslut),
    ("Lars Holm (C) utses att justera dagens protokoll.", BG.formelltBeslut),
    ("Kommunfullmäktige noterar att inga frågor har inkommit.", BG.noteringAvInformation),
    ("Kommundirektören ges i uppdrag att ta fram en handlingsplan.", BG.uppdrag),
    # The strongest type wins: noting and an assignment in one clause is an assignment.
    (
        "Kommunstyrelsen tar del av redovisningen och ger förvaltningen i uppdrag att återkomma.",
        BG.uppdrag,
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), SENTENCES)
def test_a_decision_sentence_has_its_type(sentence: str, expected: object) -> None:
    [clause] = clauses_in(sentence, Span(0, len(sentence), sentence), default_year=2024)
    assert clause.decision_type == str(expected)


def test_a_passive_assignment_names_its_assignee() -> None:
    sentence = "Kommundirektören ges i uppdrag att ta fram en handlingsplan."
    [clause] = clauses_in(sentence, Span(0, len(sentence), sentence), default_year=2024)
    assert clause.assignment is not None
    assert (clause.assignment.assignees, clause.assignment.task) == (
        ("Kommundirektören",),
        "ta fram en handlingsplan",
    )


def test_a_passive_adoption_opening_with_the_proposals_owner_is_a_decision() -> None:
    """Without a label, "Arbetsutskottets förslag bifalls." is read as the item's decision:
    the owner's genitive opens it as a body's name opens "Nämnden beslutar …"."""
    text = "Ärendet har beretts av arbetsutskottet.\nArbetsutskottets förslag bifalls.\n"
    [clause] = decision_sentences(text, Span(0, len(text), text), 2024)
    assert (clause.text, clause.decision_type) == (
        "Arbetsutskottets förslag bifalls.",
        str(BG.formelltBeslut),
    )
