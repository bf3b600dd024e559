"""Reconciliation scoring without a store: names, property values, the `match` rule,
and the search pattern that narrows candidates in SPARQL."""

from __future__ import annotations

import re

from beslutsgraf.service.api_sparql import fold
from beslutsgraf.service.reconcile_candidates import Candidate, Fact, search_pattern
from beslutsgraf.service.reconcile_catalogue import TYPES, find_type
from beslutsgraf.service.reconcile_match import (
    Condition,
    MatchQuery,
    name_score,
    rank,
    value_matches,
)

BASE = "https://w3id.org/beslutsgraf/id/"
PERSON, ORGANISATION, AGREEMENT, DECISION = TYPES
S = Fact(BASE + "party/S", True, "Socialdemokraterna", {"S", "Socialdemokraterna"})
M = Fact(BASE + "party/M", True, "Moderaterna", {"M", "Moderaterna"})


def person(slug: str, *names: str, party: Fact | None = None) -> Candidate:
    facts = {"party": [party]} if party else {}
    return Candidate(BASE + "person/" + slug, PERSON, names[0], list(names), facts)


HELEN = person("helen-eliasson", "Helén Eliasson", "Helene Eliasson", party=S)
NORDLING = person("helen-nordling", "Helen Nordling", "Helene Nordling")
ADAM = person("adam-johansson", "Adam Johansson")


def query(text: str, *conditions: Condition, limit: int = 5) -> MatchQuery:
    return MatchQuery(text, (PERSON,), limit, conditions)


def test_a_misspelt_name_of_one_person_is_strong_and_a_shared_given_name_is_not() -> None:
    score, strong = name_score("Helen Elisson", HELEN)
    assert strong and 90 <= score < 100
    assert name_score("helén eliasson", HELEN) == (100.0, True)
    nordling, strong_nordling = name_score("Helen Elisson", NORDLING)
    assert not strong_nordling and nordling < 90
    adam, strong_adam = name_score("Marina Johansson", ADAM)
    assert not strong_adam and adam < 90


def test_the_top_candidate_matches_only_with_a_clear_lead() -> None:
    ranked = rank(query("Helen Elisson"), [NORDLING, HELEN], BASE)
    assert [s.candidate.iri for s in ranked] == [HELEN.iri, NORDLING.iri]
    assert [s.match for s in ranked] == [True, False]
    twin = person("helen-eliasson-2", "Helén Eliasson", party=M)
    tied = rank(query("Helén Eliasson"), [HELEN, twin], BASE)
    assert tied[0].score == tied[1].score == 100.0
    assert not any(s.match for s in tied)
    # A party tells the namesakes apart (a namesake of unknown party would stay close).
    told = rank(query("Helén Eliasson", Condition("party", ("S",))), [HELEN, twin], BASE)
    assert (told[0].candidate.iri, told[0].match) == (HELEN.iri, True)


def test_marina_johansson_never_matches_adam_johansson() -> None:
    (adam,) = rank(query("Marina Johansson", Condition("party", ("S",))), [ADAM], BASE)
    assert not adam.match
    assert adam.score < 90


def test_contradicted_and_required_properties() -> None:
    (wrong,) = rank(query("Helen Elisson", Condition("party", ("M",))), [HELEN], BASE)
    assert wrong.contradicted and not wrong.match and wrong.score < 90
    required = Condition("party", ("party/S",), required=True)
    assert [s.candidate for s in rank(query("Helen", required), [HELEN, NORDLING], BASE)] == [HELEN]
    excluded = Condition("party", ("S",), required=True, quantifier="none")
    assert [s.candidate for s in rank(query("Helen", excluded), [HELEN, NORDLING], BASE)] == [
        NORDLING
    ]


def test_property_values_by_id_iri_label_and_date_precision() -> None:
    assert value_matches("party/S", S, BASE)
    assert value_matches(BASE + "party/S", S, BASE)
    assert value_matches("socialdemokraterna", S, BASE)
    assert not value_matches("Moderaterna", S, BASE)
    federation = Fact(BASE + "org/x", True, "Boråsregionens Kommunalförbund", set())
    assert value_matches("Boråsregionen", federation, BASE)
    day = Fact("2025-03-06", False)
    assert value_matches("2025", day, BASE)
    assert value_matches("2025-03", day, BASE)
    assert not value_matches("2025-04", day, BASE)
    assert value_matches("2025-10-15", Fact("2025-10", False), BASE)
    assert value_matches("1472", Fact("1472", False), BASE)


def test_look_alike_titles_stay_below_a_sure_match_whatever_their_properties() -> None:
    def agreement(slug: str, title: str) -> Candidate:
        dates = {"validFrom": [Fact("2027-01-01", False)]}
        return Candidate(BASE + "agreement/" + slug, AGREEMENT, title, [title], dates)

    exact = agreement("a", "hälso- och sjukvårdsavtal")
    near = agreement("b", "hälso- och sjukvårdsavtalet")
    dated = Condition("date", ("2027",))
    ranked = rank(
        MatchQuery("Hälso- och sjukvårdsavtal", (AGREEMENT,), 5, (dated,)), [near, exact], BASE
    )
    assert [s.candidate for s in ranked] == [exact, near]
    assert ranked[0].match and ranked[1].score < 90


def test_types_by_short_id_or_class_iri() -> None:
    assert find_type("Person") is PERSON
    assert find_type("http://www.w3.org/ns/org#Organization") is ORGANISATION
    assert find_type("decision") is DECISION


def test_the_search_pattern_keeps_only_plain_word_starts() -> None:
    pattern = search_pattern("Helén (Elisson).*")
    assert pattern == "(^|[^a-z0-9])(eli|hel)"
    assert re.search(pattern, fold("Helene Eliasson"))
    assert not re.search(pattern, fold("Adam Johansson"))
    # Titles: words shorter than four letters narrow nothing.
    assert search_pattern("plan för och i", words_from="text") == "(^|[^a-z0-9])(plan)"
    assert search_pattern("S") == "(^|[^a-z0-9])(s)"
    assert search_pattern("  ... ") is None
