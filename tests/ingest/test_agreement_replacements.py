"""dct:replaces: the agreement a decision concerns replaces the one its item says it does
("X ersätter Y", "Y ersätts av X", "Y upphör att gälla när X träder i kraft"), the
replaced agreement a node of its own with the evidence of its mention; and the validity
sentences of a decision (from and until, entry into force, a term of years)."""

from __future__ import annotations

from pathlib import Path

import pytest

from beslutsgraf.ingest.extract import extract
from beslutsgraf.ingest.known import literal_value
from beslutsgraf.ingest.model import AgreementMention
from beslutsgraf.ingest.read import read
from beslutsgraf.ingest.segment import segment
from tests.ingest.ks_protocol import LAST_ITEM, ks_protocol, write_protocol

from .conftest import loaded_store

AGREEMENT = "https://w3id.org/beslutsgraf/id/agreement/"
ITEM = """§ 12 Dnr KS 2024/100
{title}
Ärendebeskrivning
{background}
Kommunstyrelsens beslut
{decision}

"""
REPLACEMENTS = [
    (
        "Hälso- och sjukvårdsavtal",
        "Det nya hälso- och sjukvårdsavtalet ersätter nuvarande avtal från 2018.",
        "Kommunstyrelsen godkänner Hälso- och sjukvårdsavtal för Halland.",
    ),
    (
        "Överenskommelse om psykisk hälsa",
        "Överenskommelsen ersätter Överenskommelse om samverkan kring personer med psykisk\n"
        "funktionsnedsättning, SRO 2016-11-25.",
        "Kommunstyrelsen antar Överenskommelse om samverkan kring psykisk hälsa.",
    ),
    (
        "Riktlinje för hemsjukvård",
        "Riktlinjen ersätter tidigare riktlinje för hemsjukvård (2019).",
        "Kommunstyrelsen antar Riktlinje för hemsjukvård.",
    ),
    (
        "Samverkansavtal om hjälpmedel",
        "Nuvarande samverkansavtal från 2019 upphör att gälla när det nya avtalet träder i\n"
        "kraft 2027-01-01.",
        "Kommunstyrelsen godkänner Samverkansavtal om digitala hjälpmedel.",
    ),
    (
        "Läkarmedverkan",
        "Den tidigare överenskommelsen om läkarmedverkan från 2014 ersätts av den nya\n"
        "överenskommelsen.",
        "Kommunstyrelsen godkänner Överenskommelse om läkarmedverkan i hemsjukvården.",
    ),
]


def _protocol(folder: Path, *items: tuple[str, str, str]) -> Path:
    text = "".join(
        ITEM.format(title=title, background=background, decision=decision).replace(
            "§ 12", f"§ {number}"
        )
        for number, (title, background, decision) in enumerate(items, start=10)
    )
    return write_protocol(folder, ks_protocol(text + LAST_ITEM))


def _concerned(path: Path) -> list[AgreementMention]:
    mentions = extract(segment(read(path)))
    return [a for item in mentions.items for d in item.decisions for a in d.concerns]


@pytest.mark.parametrize(
    ("item", "replaced"),
    [
        # A reference to the agreement's earlier version: its title, told apart by the year.
        (REPLACEMENTS[0], ("Hälso- och sjukvårdsavtal för Halland", "2018", "avtal från 2018")),
        # A name that the sentence ends, version and all.
        (
            REPLACEMENTS[1],
            (
                "Överenskommelse om samverkan kring personer med psykisk funktionsnedsättning",
                "SRO 2016-11-25",
                "Överenskommelse om samverkan kring personer med psykisk\nfunktionsnedsättning",
            ),
        ),
        # The same title as the new one: the year in brackets tells them apart.
        (REPLACEMENTS[2], ("riktlinje för hemsjukvård", "2019", "riktlinje för hemsjukvård")),
        (
            REPLACEMENTS[3],
            ("Samverkansavtal om digitala hjälpmedel", "2019", "samverkansavtal från 2019"),
        ),
        # Both named in the decision: the new one's title ends at "ersätter".
        (
            (
                "Läkarmedverkan",
                "Bakgrund.",
                "Kommunstyrelsen godkänner att Överenskommelse om läkarmedverkan i hemsjukvården\n"
                "ersätter Överenskommelse om läkarmedverkan, SRO 2014-05-20.",
            ),
            (
                "Överenskommelse om läkarmedverkan",
                "SRO 2014-05-20",
                "Överenskommelse om läkarmedverkan",
            ),
        ),
        # "X ersätts av Y": Y, the one decided, replaces X.
        (
            REPLACEMENTS[4],
            # Named in the definite form, titled in the indefinite.
            ("Överenskommelse om läkarmedverkan", "2014", "överenskommelsen om läkarmedverkan"),
        ),
        # A reference with a period is the earlier version: the title without the period
        # the new one's ends with, the period its version.
        (
            (
                "Vårdöverenskommelse",
                "Vårdöverenskommelsen för 2024–2026 ersätter vårdöverenskommelsen för 2021–2023.",
                "Kommunstyrelsen godkänner Vårdöverenskommelse för 2024–2026.",
            ),
            ("Vårdöverenskommelse", "2021–2023", "vårdöverenskommelsen för 2021–2023"),
        ),
        # The new one named without the period its decision gives it is still the one decided.
        (
            (
                "Gemensam hemsjukvård",
                "Den tidigare överenskommelsen för 2020 – 2023 ersätts av den nya\n"
                "överenskommelsen om gemensam hemsjukvård.",
                "Kommunstyrelsen godkänner Överenskommelse om gemensam hemsjukvård 2024–2027.",
            ),
            (
                "Överenskommelse om gemensam hemsjukvård",
                "2020–2023",
                "överenskommelsen för 2020 – 2023",
            ),
        ),
    ],
)
def test_the_agreement_decided_replaces_the_one_the_item_names(
    tmp_path: Path, item: tuple[str, str, str], replaced: tuple[str, str, str]
) -> None:
    [agreement, *others] = [a for a in _concerned(_protocol(tmp_path, item)) if a.replaces]
    [earlier] = agreement.replaces
    assert (earlier.title, earlier.version_label, earlier.span.text) == replaced
    assert others == []


@pytest.mark.parametrize(
    "background",
    [
        # A person stands in for another: no agreement on either side.
        "Helene Nordling ersätter Magnus Haggren under dagens möte.",
        # Nothing tells the earlier agreement from the new one.
        "Den tidigare överenskommelsen ersätts av den nya överenskommelsen.",
    ],
)
def test_no_replacement_without_two_agreements_to_tell_apart(
    tmp_path: Path, background: str
) -> None:
    item = ("Läkarmedverkan", background, REPLACEMENTS[4][2])
    [agreement] = _concerned(_protocol(tmp_path, item))
    assert agreement.replaces == ()


@pytest.mark.parametrize(
    "decision",
    [
        "Kommunstyrelsen godkänner Överenskommelse om gemensam hemsjukvård 2024–2027.",
        "Kommunstyrelsen godkänner Överenskommelse om gemensam hemsjukvård, SRO 2025-09-01.",
    ],
)
def test_a_bare_reference_to_the_earlier_version_states_no_replacement(
    tmp_path: Path, decision: str
) -> None:
    # The earlier version's node would be the title's without a version: the one other
    # mentions of the title, the new agreement's among them, name too.
    background = (
        "Den tidigare överenskommelsen ersätts av den nya överenskommelsen om gemensam hemsjukvård."
    )
    [agreement] = _concerned(_protocol(tmp_path, ("Hemsjukvård", background, decision)))
    assert agreement.replaces == ()


def test_loaded_replacements_link_agreement_nodes_with_evidence(tmp_path: Path) -> None:
    with loaded_store(tmp_path, _protocol(tmp_path, *REPLACEMENTS)) as store:
        rows = store.select(
            "PREFIX dct: <http://purl.org/dc/terms/> "
            "PREFIX bg: <https://w3id.org/beslutsgraf/def#> "
            "PREFIX oa: <http://www.w3.org/ns/oa#> "
            "SELECT ?new ?old ?oldTitle ?type ?exact WHERE { "
            "?decision bg:concerns ?new . ?new dct:replaces ?old . "
            "?old a bg:Agreement ; dct:title ?oldTitle ; bg:agreementType ?type . "
            "?note oa:hasBody ?old ; oa:motivatedBy oa:identifying ; "
            "oa:hasTarget/oa:hasSelector/oa:exact ?exact } ORDER BY ?new"
        )
    found = {
        (r["new"], r["old"], literal_value(r["oldTitle"]), literal_value(r["exact"])) for r in rows
    }
    assert found == {
        (
            f"<{AGREEMENT}halso-och-sjukvardsavtal-for-halland>",
            f"<{AGREEMENT}halso-och-sjukvardsavtal-for-halland-2018>",
            "Hälso- och sjukvårdsavtal för Halland",
            "avtal från 2018",
        ),
        (
            f"<{AGREEMENT}overenskommelse-om-samverkan-kring-psykisk-halsa>",
            f"<{AGREEMENT}overenskommelse-om-samverkan-kring-personer-med-psykisk-"
            "funktionsnedsattning-sro-2016-11-25>",
            "Överenskommelse om samverkan kring personer med psykisk funktionsnedsättning",
            "Överenskommelse om samverkan kring personer med psykisk\nfunktionsnedsättning",
        ),
        (
            f"<{AGREEMENT}riktlinje-for-hemsjukvard>",
            f"<{AGREEMENT}riktlinje-for-hemsjukvard-2019>",
            "riktlinje för hemsjukvård",
            "riktlinje för hemsjukvård",
        ),
        (
            f"<{AGREEMENT}samverkansavtal-om-digitala-hjalpmedel>",
            f"<{AGREEMENT}samverkansavtal-om-digitala-hjalpmedel-2019>",
            "Samverkansavtal om digitala hjälpmedel",
            "samverkansavtal från 2019",
        ),
        (
            f"<{AGREEMENT}overenskommelse-om-lakarmedverkan-i-hemsjukvarden>",
            f"<{AGREEMENT}overenskommelse-om-lakarmedverkan-2014>",
            "Överenskommelse om läkarmedverkan",
            "överenskommelsen om läkarmedverkan",
        ),
    }


@pytest.mark.parametrize(
    ("decision", "dates"),
    [
        (
            "Avtalet gäller från och med 2025-01-01 till och med 2028-12-31.",
            ("2025-01-01", "2028-12-31", None),
        ),
        (
            "Samverkansavtalet träder i kraft den 1 januari 2027 och gäller tills vidare.",
            (None, None, "2027-01-01"),
        ),
        ("Avtalet gäller från och med 2025-01-01 och tills vidare.", ("2025-01-01", None, None)),
        ("Avtalstiden är fyra år från 2024-01-01.", ("2024-01-01", "2027-12-31", None)),
    ],
)
def test_validity_the_decision_states(
    tmp_path: Path, decision: str, dates: tuple[str | None, ...]
) -> None:
    text = f"Kommunstyrelsen godkänner Samverkansavtal om digitala hjälpmedel. {decision}"
    [agreement] = _concerned(_protocol(tmp_path, ("Hjälpmedel", "Bakgrund.", text)))
    found = (agreement.valid_from, agreement.valid_until, agreement.applies_from)
    assert tuple(d and f"{d.year}-{d.month:02}-{d.day:02}" for d in found) == dates


def test_a_prolongation_by_years_to_a_new_end(tmp_path: Path) -> None:
    text = (
        "Kommunstyrelsen beslutar att Samverkansavtal om digitala hjälpmedel förlängs med "
        "två år, till och med 2026-12-31."
    )
    mentions = extract(segment(read(_protocol(tmp_path, ("Förlängning", "Bakgrund.", text)))))
    [decision] = [d for item in mentions.items for d in item.decisions if d.prolongs]
    assert decision.prolongs is not None and decision.new_end_date is not None
    assert decision.prolongs.title == "Samverkansavtal om digitala hjälpmedel"
    end = decision.new_end_date
    assert (end.year, end.month, end.day, end.span and end.span.text) == (
        2026,
        12,
        31,
        "2026-12-31",
    )
