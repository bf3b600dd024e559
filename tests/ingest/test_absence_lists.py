"""An absence list under a label alone on its line, one person a line, as minutes of
collaboration bodies print it ("Ej närvarande:" / "Anna-Lena Heydar (M), Trollhättans stad"
/ "Per Eriksson (KD), Västra Götalandsregionen"): every line is an absentee with the
organisation written beside the name, not only the first."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import loaded_store

MINUTES = """Minnesanteckningar
Delregional vårdsamverkan Fyrbodal – politisk samrådsgrupp
Datum: 9 februari 2024, kl. 09.00–11.30
Plats: Teams

Närvarande:
Kerstin Andersson (S), Uddevalla kommun, ordförande
Martin Carling (C), Dals-Eds kommun

{label}
Anna-Lena Heydar (M), Trollhättans stad
Per Eriksson (KD), Västra Götalandsregionen
Malin Berg, Fyrbodals kommunalförbund

1. Mötets öppnande
Ordföranden hälsar välkommen och öppnar mötet.

2. Mobila team
Beslut: Politiska samrådsgruppen ställer sig bakom fortsatt arbete.
"""

ABSENTEES = """PREFIX bg: <https://w3id.org/beslutsgraf/def#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
SELECT ?name WHERE { ?meeting bg:absentee ?person . ?person foaf:name ?name }"""

ATTENDEES = ABSENTEES.replace("bg:absentee", "bg:attendee")


@pytest.mark.parametrize("label", ["Ej närvarande:", "Frånvarande:", "Frånvaro:", "Förhinder:"])
def test_each_line_under_an_absence_label_is_an_absentee(label: str, tmp_path: Path) -> None:
    path = tmp_path / "fyrbodal_minnesanteckningar_2024-02-09.txt"
    path.write_text(MINUTES.format(label=label), encoding="utf-8")
    with loaded_store(tmp_path, path) as store:
        absent = {row["name"].strip('"') for row in store.select(ABSENTEES)}
        present = {row["name"].strip('"') for row in store.select(ATTENDEES)}
    assert absent == {"Anna-Lena Heydar", "Per Eriksson", "Malin Berg"}
    assert present == {"Kerstin Andersson", "Martin Carling"}
