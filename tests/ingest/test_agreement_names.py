"""Agreements as kommun and region protocols name them: the definite form of a type noun
names the same agreement as the indefinite ("förlänga överenskommelsen om X" and
"Överenskommelse om X"), compounds of a type noun are agreements of that type
("vårdöverenskommelsen", "ramavtal"), a general "avtal" is one only with what it is about,
a title runs on through "personer med …" and a collective of parties, a plan only to be
drawn up or described in lower case ("gemensam handlingsplan") is none yet, and the item's
text dates the agreement a decision prolongs or approves."""

from __future__ import annotations

from pathlib import Path

import pytest

from beslutsgraf.ingest.agreements import find_agreements
from beslutsgraf.ingest.known import literal_value
from tests.ingest.ks_protocol import items_protocol

from .conftest import loaded_store

AGREEMENT = "https://w3id.org/beslutsgraf/id/agreement/"
BG = "https://w3id.org/beslutsgraf/def#"
PREFIXES = (
    "PREFIX dct: <http://purl.org/dc/terms/> "
    "PREFIX bg: <https://w3id.org/beslutsgraf/def#> "
    "PREFIX oa: <http://www.w3.org/ns/oa#> "
    "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
)


def _named(sentence: str) -> list[tuple[str, str, str | None, tuple[str, ...]]]:
    return [
        (a.title, (a.agreement_type or "").removeprefix(BG), a.version_label, a.parties)
        for a in find_agreements(sentence, 0, len(sentence))
    ]


@pytest.mark.parametrize(
    ("sentence", "title"),
    [
        (
            "Kommunstyrelsen beslutar att förlänga avtalet om gemensam nämnd för hjälpmedel.",
            "Avtal om gemensam nämnd för hjälpmedel",
        ),
        (
            "Nämnden antar riktlinjen för läkemedelshantering i hemsjukvården.",
            "Riktlinje för läkemedelshantering i hemsjukvården",
        ),
        (
            "Nämnden reviderar handlingsplanen för suicidprevention 2025–2026.",
            "Handlingsplan för suicidprevention 2025–2026",
        ),
        (
            "Styrelsen antar strategin för hemsjukvård i Halland.",
            "Strategi för hemsjukvård i Halland",
        ),
        (
            "Kommunstyrelsen godkänner samverkansavtalet om digitala hjälpmedel.",
            "Samverkansavtal om digitala hjälpmedel",
        ),
    ],
)
def test_a_title_in_the_definite_form_is_named_in_the_indefinite(sentence: str, title: str) -> None:
    [(found, *_)] = _named(sentence)
    assert found == title


def test_the_definite_and_indefinite_names_are_one_agreement(tmp_path: Path) -> None:
    prolonged = (
        "Förlängning av överenskommelse om gemensam hemsjukvård",
        "Bakgrund.",
        "Kommunstyrelsen rekommenderar kommunerna att förlänga överenskommelsen om gemensam "
        "hemsjukvård till och med 2027-12-31.",
    )
    adopted = (
        "Gemensam hemsjukvård",
        "Bakgrund.",
        "Kommunstyrelsen godkänner Överenskommelse om gemensam hemsjukvård.",
    )
    with loaded_store(tmp_path, items_protocol(tmp_path, prolonged, adopted)) as store:
        rows = store.select(
            PREFIXES + "SELECT DISTINCT ?agreement ?title ?exact WHERE { "
            "?decision bg:concerns ?agreement . ?agreement dct:title ?title . "
            "?note oa:hasBody ?agreement ; oa:hasTarget/oa:hasSelector/oa:exact ?exact }"
        )
        labels = store.select(
            PREFIXES + "SELECT ?label WHERE { ?d bg:concerns ?a . ?a skos:altLabel ?label }"
        )
    assert {
        (r["agreement"], literal_value(r["title"]), literal_value(r["exact"])) for r in rows
    } == {
        (
            f"<{AGREEMENT}overenskommelse-om-gemensam-hemsjukvard>",
            "Överenskommelse om gemensam hemsjukvård",
            exact,
        )
        for exact in (
            "överenskommelsen om gemensam hemsjukvård",
            "Överenskommelse om gemensam hemsjukvård",
        )
    }
    assert labels == []


@pytest.mark.parametrize(
    ("sentence", "named"),
    [
        # A compound's head is its type; the party it is made with names it.
        (
            "Kommunstyrelsen beslutar att godkänna vårdöverenskommelsen med Södra Älvsborgs "
            "Sjukhus för perioden 2024-07-01 – 2026-06-30.",
            (
                "Vårdöverenskommelse med Södra Älvsborgs Sjukhus",
                "overenskommelse",
                None,
                ("Södra Älvsborgs Sjukhus",),
            ),
        ),
        (
            "Nämnden godkänner samverkansöverenskommelse om hemsjukvård.",
            ("samverkansöverenskommelse om hemsjukvård", "overenskommelse", None, ()),
        ),
        # The general type, with what the agreement is about.
        (
            "Kommunstyrelsen godkänner ramavtal för hemtjänst.",
            ("ramavtal för hemtjänst", "avtal", None, ()),
        ),
        (
            "Kommunstyrelsen godkänner avtalet med Räddningstjänstförbundet om tillsyn enligt "
            "lagen om skydd mot olyckor.",
            (
                "Avtal med Räddningstjänstförbundet om tillsyn enligt lagen om skydd mot olyckor",
                "avtal",
                None,
                ("Räddningstjänstförbundet",),
            ),
        ),
    ],
)
def test_compounds_and_general_agreements(
    sentence: str, named: tuple[str, str, str | None, tuple[str, ...]]
) -> None:
    assert _named(sentence) == [named]


@pytest.mark.parametrize(
    "sentence",
    [
        "Kommunerna uppmuntras att stå kvar i nuvarande avtal under tiden ett nytt avtal "
        "förhandlas fram.",
        "Bengtsfors kommun har sagt upp avtalet.",
        "Mottagningarna, även privata som har vårdavtal med Västra Götalandsregionen, kartläggs.",
        "Kommunen tecknar sedan IVPA-avtal med respektive räddningstjänst.",
    ],
)
def test_a_general_avtal_in_prose_names_no_agreement(sentence: str) -> None:
    assert _named(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        # A plan only to be drawn up is no agreement yet, whatever its title says.
        "Förvaltningen får i uppdrag att ta fram ett förslag till gemensam handlingsplan.",
        "Förvaltningen ska utarbeta riktlinje för läkemedelshantering i hemsjukvården.",
        "Arbetsgruppen ska arbeta fram förslag på regional handlingsplan för suicidprevention "
        "2026–2028.",
        # A description in lower case says whose the plan is, not which plan.
        "Ledningsgruppen ställer sig bakom gemensam handlingsplan.",
    ],
)
def test_a_plan_to_be_drafted_or_only_described_names_no_agreement(sentence: str) -> None:
    assert _named(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "title"),
    [
        # A proposal already drawn up is there to decide on.
        (
            "Förvaltningen har tagit fram ett förslag till regional handlingsplan för "
            "suicidprevention 2023–2026.",
            "regional handlingsplan för suicidprevention 2023–2026",
        ),
        (
            "Styrgruppen ställer sig bakom förslaget till handlingsplan för e-hälsa 2025–2026.",
            "handlingsplan för e-hälsa 2025–2026",
        ),
        # What it is about, its period, or capitals name the plan.
        (
            "Nämnden antar regional handlingsplan 2025–2027.",
            "regional handlingsplan 2025–2027",
        ),
        (
            "Ledningsgruppen ställer sig bakom Gemensam handlingsplan.",
            "Gemensam handlingsplan",
        ),
    ],
)
def test_a_plan_drawn_up_or_named_is_an_agreement(sentence: str, title: str) -> None:
    assert [found for found, *_ in _named(sentence)] == [title]


def test_an_assignment_to_draft_a_plan_concerns_no_agreement(tmp_path: Path) -> None:
    """ "ta fram ett förslag till gemensam handlingsplan": the decision gives an
    assignment; the plan it asks for is no agreement of the graph."""
    drafted = (
        "Psykisk hälsa",
        "Bakgrund.",
        "Kommunstyrelsen ger förvaltningen i uppdrag att ta fram ett förslag till gemensam "
        "handlingsplan.",
    )
    with loaded_store(tmp_path, items_protocol(tmp_path, drafted)) as store:
        agreements = store.select(PREFIXES + "SELECT ?a WHERE { ?a a bg:Agreement }")
        tasks = store.select(PREFIXES + "SELECT ?task WHERE { ?assignment bg:task ?task }")
    assert agreements == []
    assert [literal_value(row["task"]) for row in tasks] == [
        "ta fram ett förslag till gemensam handlingsplan"
    ]


@pytest.mark.parametrize(
    ("sentence", "named"),
    [
        # "med" inside what the agreement is about, and the version after it.
        (
            "Nämnden konstaterar att Överenskommelse om samverkan kring personer med psykisk "
            "funktionsnedsättning, SRO 2016-11-25 gäller.",
            (
                "Överenskommelse om samverkan kring personer med psykisk funktionsnedsättning",
                "overenskommelse",
                "SRO 2016-11-25",
                (),
            ),
        ),
        # "med" and a party after the name: a party, not the title.
        (
            "Kommunstyrelsen godkänner Överenskommelse om hemsjukvård med Region Halland.",
            ("Överenskommelse om hemsjukvård", "overenskommelse", None, ("Region Halland",)),
        ),
        # What comes with the agreement is not its name.
        (
            "SRO ställer sig bakom Hälso- och sjukvårdsavtal med tillhörande överenskommelser.",
            ("Hälso- och sjukvårdsavtal", "halsoOchSjukvardsavtal", None, ()),
        ),
        # The parties between which it is made, a collective among them, whole.
        (
            "Kommunstyrelsen godkänner Hälso- och sjukvårdsavtal mellan Region Halland och "
            "kommunerna i Hallands län.",
            (
                "Hälso- och sjukvårdsavtal mellan Region Halland och kommunerna i Hallands län",
                "halsoOchSjukvardsavtal",
                None,
                ("Region Halland",),
            ),
        ),
    ],
)
def test_where_a_title_ends(
    sentence: str, named: tuple[str, str, str | None, tuple[str, ...]]
) -> None:
    assert _named(sentence) == [named]


def test_validity_of_the_agreements_decided(tmp_path: Path) -> None:
    prolonged = (
        "Förlängning av överenskommelse om gemensam hemsjukvård",
        "Överenskommelsen gäller till och med 2025-12-31 och kan förlängas två år i taget.",
        "Kommunstyrelsen rekommenderar kommunerna att förlänga överenskommelsen om gemensam "
        "hemsjukvård till och med 2027-12-31.",
    )
    approved = (
        "Vårdöverenskommelse",
        "Bakgrund.",
        "Kommunstyrelsen beslutar att godkänna vårdöverenskommelsen med Södra Älvsborgs "
        "Sjukhus för perioden 2024-07-01 – 2026-06-30.",
    )
    with loaded_store(tmp_path, items_protocol(tmp_path, prolonged, approved)) as store:
        periods = store.select(
            PREFIXES
            + "SELECT ?agreement ?start ?end ?term WHERE { "
            "?decision bg:prolongs ?agreement ; bg:newEndDate ?end . "
            "?agreement bg:extensionTerm ?term ; bg:hasValidityPeriod ?period . "
            "?period bg:start ?start ; bg:end ?end ; prov:wasGeneratedBy ?decision }".replace(
                "SELECT", "PREFIX prov: <http://www.w3.org/ns/prov#> SELECT"
            )
        )
        valid = store.select(
            PREFIXES + "SELECT ?agreement ?type ?from ?until WHERE { "
            "?decision bg:concerns ?agreement . ?agreement bg:agreementType ?type ; "
            "bg:validFrom ?from ; bg:validUntil ?until }"
        )
    assert [
        (
            r["agreement"],
            literal_value(r["start"]),
            literal_value(r["end"]),
            literal_value(r["term"]),
        )
        for r in periods
    ] == [
        (
            f"<{AGREEMENT}overenskommelse-om-gemensam-hemsjukvard>",
            "2026-01-01",  # the day after the end it had
            "2027-12-31",
            "två år i taget",
        )
    ]
    assert [
        (r["agreement"], r["type"], literal_value(r["from"]), literal_value(r["until"]))
        for r in valid
    ] == [
        (
            f"<{AGREEMENT}vardoverenskommelse-med-sodra-alvsborgs-sjukhus>",
            f"<{BG}overenskommelse>",
            "2024-07-01",
            "2026-06-30",
        )
    ]


@pytest.mark.parametrize(
    ("sentence", "titles"),
    [
        # "och" joins the parts of what the agreement is about.
        ("Styrelsen antar strategin för god och nära vård.", ["Strategi för god och nära vård"]),
        (
            "Nämnden godkänner Överenskommelse om barn och unga med psykisk ohälsa.",
            ["Överenskommelse om barn och unga med psykisk ohälsa"],
        ),
        # A new clause after "och" ends the title: a verb a few words on, or a decision.
        (
            "Regionen tecknar Överenskommelse om hemsjukvård och kommunerna beslutar om "
            "sina delar.",
            ["Överenskommelse om hemsjukvård"],
        ),
        (
            "Nämnden antar Riktlinje för läkemedelshantering och ska följa upp den årligen.",
            ["Riktlinje för läkemedelshantering"],
        ),
        (
            "Kommunstyrelsen godkänner Överenskommelse om hemsjukvård och uppdrar åt "
            "förvaltningen att teckna den.",
            ["Överenskommelse om hemsjukvård"],
        ),
        # A second agreement after "och" is one of its own, not part of the first title.
        (
            "Nämnden godkänner Överenskommelse om hemsjukvård och Överenskommelse om "
            "läkarmedverkan.",
            ["Överenskommelse om hemsjukvård", "Överenskommelse om läkarmedverkan"],
        ),
        (
            "SRO ställer sig bakom justeringar i remissversioner för nytt hälso- och "
            "sjukvårdsavtal och de fyra lagstadgade överenskommelserna.",
            ["hälso- och sjukvårdsavtal"],
        ),
    ],
)
def test_och_joins_a_title_until_a_clause_or_another_agreement(
    sentence: str, titles: list[str]
) -> None:
    assert [title for title, *_ in _named(sentence)] == titles


def test_a_title_wrapped_over_lines_is_the_agreement_on_one_line(tmp_path: Path) -> None:
    prolonged = (
        "Förlängning av överenskommelse om gemensam hemsjukvård",
        "Bakgrund.",
        "Kommunstyrelsen rekommenderar kommunerna att förlänga överenskommelsen om gemensam\n"
        "hemsjukvård till och med 2027-12-31.",
    )
    listed = (
        "Överenskommelser",
        "Bakgrund.",
        "Kommunstyrelsen godkänner följande överenskommelser:\n"
        "- Överenskommelse om gemensam\n"
        "  hemsjukvård\n"
        "- Överenskommelse om läkarmedverkan i hemsjukvården\n",
    )
    adopted = (
        "Gemensam hemsjukvård",
        "Bakgrund.",
        "Kommunstyrelsen godkänner Överenskommelse om gemensam hemsjukvård.",
    )
    with loaded_store(tmp_path, items_protocol(tmp_path, prolonged, listed, adopted)) as store:
        rows = store.select(
            PREFIXES + "SELECT DISTINCT ?agreement ?exact WHERE { "
            "?decision bg:concerns ?agreement . "
            "?note oa:hasBody ?agreement ; oa:hasTarget/oa:hasSelector/oa:exact ?exact }"
        )
    found = {(r["agreement"], literal_value(r["exact"])) for r in rows}
    assert found == {
        (f"<{AGREEMENT}overenskommelse-om-gemensam-hemsjukvard>", exact)
        for exact in (
            "överenskommelsen om gemensam\nhemsjukvård",
            "Överenskommelse om gemensam\n  hemsjukvård",
            "Överenskommelse om gemensam hemsjukvård",
        )
    } | {
        (
            f"<{AGREEMENT}overenskommelse-om-lakarmedverkan-i-hemsjukvarden>",
            "Överenskommelse om läkarmedverkan i hemsjukvården",
        )
    }


@pytest.mark.parametrize("period", ["2025–2028", "2025-2028", "för perioden 2025–2028"])
def test_the_period_a_new_agreement_is_named_with_is_its_validity(
    tmp_path: Path, period: str
) -> None:
    approved = (
        "Samverkansavtal om hjälpmedel",
        "Bakgrund.",
        f"Kommunstyrelsen beslutar att godkänna Samverkansavtal om hjälpmedel {period}.",
    )
    followed_up = (
        "Uppföljning",
        "Bakgrund.",
        "Kommunstyrelsen noterar uppföljningen av Samverkansavtal om hjälpmedel.",
    )
    with loaded_store(tmp_path, items_protocol(tmp_path, approved, followed_up)) as store:
        rows = store.select(
            PREFIXES + "SELECT ?agreement ?title ?from ?until (COUNT(?decision) AS ?decisions) "
            "WHERE { ?decision bg:concerns ?agreement . ?agreement dct:title ?title ; "
            "bg:validFrom ?from ; bg:validUntil ?until } GROUP BY ?agreement ?title ?from ?until"
        )
    assert [
        (
            r["agreement"],
            literal_value(r["title"]),
            literal_value(r["from"]),
            literal_value(r["until"]),
            literal_value(r["decisions"]),
        )
        for r in rows
    ] == [
        (
            f"<{AGREEMENT}samverkansavtal-om-hjalpmedel>",
            "Samverkansavtal om hjälpmedel",
            "2025-01-01",
            "2028-12-31",
            "2",  # the decision that approves it and the one that follows it up
        )
    ]


def test_a_title_hyphenated_at_a_line_end_is_one_word(tmp_path: Path) -> None:
    broken = (
        "Hemsjukvård",
        "Bakgrund.",
        "Kommunstyrelsen godkänner Överenskommelse om hem-\nsjukvård.",
    )
    whole = (
        "Hemsjukvård",
        "Bakgrund.",
        "Kommunstyrelsen godkänner Överenskommelse om hemsjukvård.",
    )
    # A suspended compound keeps its hyphen, at a line end too.
    compound = (
        "Utskrivning",
        "Bakgrund.",
        "Kommunstyrelsen godkänner Överenskommelse om in- och\nutskrivning.",
    )
    with loaded_store(tmp_path, items_protocol(tmp_path, broken, whole, compound)) as store:
        rows = store.select(
            PREFIXES + "SELECT DISTINCT ?agreement ?title ?exact WHERE { "
            "?decision bg:concerns ?agreement . ?agreement dct:title ?title . "
            "?note oa:hasBody ?agreement ; oa:hasTarget/oa:hasSelector/oa:exact ?exact }"
        )
    found = {(r["agreement"], literal_value(r["title"]), literal_value(r["exact"])) for r in rows}
    assert found == {
        (f"<{AGREEMENT}overenskommelse-om-hemsjukvard>", "Överenskommelse om hemsjukvård", exact)
        for exact in ("Överenskommelse om hem-\nsjukvård", "Överenskommelse om hemsjukvård")
    } | {
        (
            f"<{AGREEMENT}overenskommelse-om-in-och-utskrivning>",
            "Överenskommelse om in- och utskrivning",
            "Överenskommelse om in- och\nutskrivning",
        )
    }
