"""The pages in headless Chromium: search through to a person's page, run queries in
the SPARQL editor and read their answers and errors, and render the resource pages.

Each test leaves a screenshot in the screenshot folder (see conftest.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

pytestmark = [pytest.mark.slow, pytest.mark.browser]

PEOPLE_QUERY = """\
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
SELECT ?person ?name
WHERE { ?person a foaf:Person ; foaf:name ?name . FILTER (STRSTARTS(?name, "M")) }
ORDER BY ?name
"""


def _shoot(page: Page, folder: Path, name: str) -> None:
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


def _results_group(page: Page, title: str) -> Locator:
    """The search results under the heading that starts with `title`."""
    heading = page.get_by_role("heading", name=re.compile(f"^{title} "))
    return page.locator(".results-group", has=heading)


def _run(page: Page, query: str) -> None:
    page.get_by_label("Query", exact=True).fill(query)
    page.get_by_role("button", name="Run query").click()


def test_search_leads_to_the_person_and_her_meeting(
    page: Page, web_server: str, screenshot_dir: Path
) -> None:
    page.goto(web_server + "/")
    expect(page.get_by_role("heading", name="What is in the graph")).to_be_visible()
    search = page.get_by_label("People, organisations, decisions and agreements")
    search.fill("Eliasson")
    search.press("Enter")
    result = _results_group(page, "People").get_by_role("link", name="Helén Eliasson")
    expect(result).to_have_attribute("href", "/id/person/helen-eliasson")
    expect(page.get_by_role("status")).to_have_text(re.compile(r"results? for “Eliasson”"))
    assert "q=Eliasson" in page.url  # the search can be bookmarked
    _shoot(page, screenshot_dir, "home-search")

    result.click()
    expect(page).to_have_url(web_server + "/id/person/helen-eliasson")
    expect(page.get_by_role("heading", level=1)).to_have_text("Helén Eliasson")
    meeting = page.locator('a[href="/id/meeting/sro/2025-03-06"]')
    expect(meeting.first).to_be_visible()
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name="bg:chair"))
    expect(row.get_by_role("link", name="2025-03-06")).to_have_attribute(
        "href", "/id/meeting/sro/2025-03-06"
    )
    _shoot(page, screenshot_dir, "person")

    meeting.first.click()
    expect(page).to_have_url(web_server + "/id/meeting/sro/2025-03-06")
    expect(page.get_by_role("link", name="Helén Eliasson").first).to_be_visible()
    _shoot(page, screenshot_dir, "meeting")


def test_search_lists_each_kind_and_says_when_nothing_is_found(page: Page, web_server: str) -> None:
    page.goto(web_server + "/?q=g%C3%B6teborg")  # a search in the address runs at once
    expect(
        _results_group(page, "Organisations").get_by_role("link", name="Göteborgsregionen")
    ).to_have_attribute("href", "/id/org/goteborgsregionen")
    search = page.get_by_label("People, organisations, decisions and agreements")
    search.fill("strategin")
    search.press("Enter")
    expect(_results_group(page, "Decisions").get_by_role("link").first).to_have_attribute(
        "href", re.compile(r"^/id/meeting/sro/2025-03-06/item/6/decision/\d$")
    )
    search.fill("qqqzzz")
    search.press("Enter")
    expect(page.get_by_role("status")).to_have_text("Nothing found for “qqqzzz”.")
    expect(page.locator(".results-group")).to_have_count(0)


def test_select_answers_as_a_table_linking_to_pages(
    page: Page, web_server: str, screenshot_dir: Path
) -> None:
    page.goto(web_server + "/sparql-editor")
    _shoot(page, screenshot_dir, "editor")
    _run(page, PEOPLE_QUERY)
    table = page.locator("table.results")
    expect(table.locator("caption")).to_have_text("3 rows")
    expect(table.locator("thead th")).to_have_text(["?person", "?name"])
    expect(table.locator("tbody tr td:nth-child(2)")).to_have_text(
        ["Magnus Haggren", "Marina Johansson", "Miguel Odhner"]
    )
    first = table.locator("tbody tr").first.get_by_role("link")
    expect(first).to_have_text("person/magnus-haggren")
    expect(first).to_have_attribute("href", "/id/person/magnus-haggren")
    expect(page.get_by_role("status")).to_have_text(re.compile(r"^3 rows in [\d.]+ s\.$"))
    assert "query=" in page.url  # the query stays in the address, for reloads and links
    _shoot(page, screenshot_dir, "editor-select")

    first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Magnus Haggren")


def test_default_query_runs_with_ctrl_enter(page: Page, web_server: str) -> None:
    page.goto(web_server + "/sparql-editor")
    editor = page.get_by_label("Query", exact=True)
    expect(editor).to_have_value(re.compile(r"^PREFIX bg: <https://w3id\.org/beslutsgraf/def#>"))
    editor.focus()
    editor.press("Control+Enter")
    rows = page.locator("table.results tbody tr")
    expect(rows).to_have_count(13)
    expect(rows.first.locator("td").nth(1)).to_contain_text("2025-11-13")
    expect(rows.first.locator("td").nth(1).locator(".term-meta")).to_have_text("xsd:date")


def test_ask_answers_yes_or_no_and_construct_answers_turtle(
    page: Page, web_server: str, screenshot_dir: Path
) -> None:
    page.goto(web_server + "/sparql-editor")
    _run(page, 'ASK { ?person <http://xmlns.com/foaf/0.1/name> "Helén Eliasson" }')
    expect(page.locator(".answer")).to_have_text("Yes")
    _run(page, 'ASK { ?person <http://xmlns.com/foaf/0.1/name> "Nobody" }')
    expect(page.locator(".answer")).to_have_text("No")

    _run(
        page,
        "PREFIX foaf: <http://xmlns.com/foaf/0.1/>\n"
        "CONSTRUCT { ?p foaf:name ?n } WHERE { ?p foaf:name ?n . FILTER (?n = 'Ulf Olsson') }",
    )
    expect(page.locator("pre.graph")).to_contain_text(
        "<https://w3id.org/beslutsgraf/id/person/ulf-olsson> "
        '<http://xmlns.com/foaf/0.1/name> "Ulf Olsson"'
    )
    expect(page.get_by_role("status")).to_have_text(re.compile("characters of text/turtle"))
    _shoot(page, screenshot_dir, "editor-construct")

    page.get_by_label("Result format").select_option(label="CSV")
    _run(page, PEOPLE_QUERY)
    expect(page.locator("pre.graph")).to_contain_text("person,name")
    expect(page.locator("pre.graph")).to_contain_text("Miguel Odhner")


def test_a_bad_query_shows_the_parser_error_and_where(
    page: Page, web_server: str, screenshot_dir: Path
) -> None:
    page.goto(web_server + "/sparql-editor")
    _run(page, "SELECT ?x\nWHERE { ?x ?y ?z . FOO }")
    alert = page.get_by_role("alert")
    expect(alert.get_by_role("heading")).to_have_text("The query has an error")
    expect(alert).to_contain_text("400 bad_request: query syntax error at line 2, column")
    expect(alert.locator("pre")).to_contain_text("2 | WHERE { ?x ?y ?z . FOO }")
    expect(page.locator("table.results")).to_have_count(0)
    _shoot(page, screenshot_dir, "editor-error")

    alert.get_by_role("button", name="Show the position in the query").click()
    editor = page.get_by_label("Query", exact=True)
    expect(editor).to_be_focused()
    caret = editor.evaluate("node => node.selectionStart")
    assert caret > len("SELECT ?x\nWHERE { ?x ?y ?z . ")

    # A format that does not fit the query form is refused clearly, too.
    page.get_by_label("Result format").select_option(label="Turtle")
    _run(page, PEOPLE_QUERY)
    expect(alert.get_by_role("heading")).to_have_text("That result format does not fit this query")
    expect(alert).to_contain_text("406 not_acceptable")


def test_a_query_over_the_time_limit_says_so(
    page: Page, impatient_server: str, screenshot_dir: Path
) -> None:
    page.goto(impatient_server + "/sparql-editor")
    _run(page, "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }")
    alert = page.get_by_role("alert")
    expect(alert.get_by_role("heading")).to_have_text("The query took too long")
    expect(alert).to_contain_text("503 query_timeout")
    expect(alert).to_contain_text("narrow it")
    _shoot(page, screenshot_dir, "editor-timeout")


def test_an_example_loads_and_runs(page: Page, web_server: str, screenshot_dir: Path) -> None:
    page.goto(web_server + "/sparql-editor")
    page.get_by_label("Example query").select_option("cq6-roles-of-person.rq")
    page.get_by_role("button", name="Load example").click()
    editor = page.get_by_label("Query", exact=True)
    expect(editor).to_have_value(re.compile(r"^# CQ6\. Which roles did a given person hold"))
    expect(editor).to_be_focused()
    page.get_by_role("button", name="Run query").click()
    table = page.locator("table.results")
    expect(table.locator("thead th").first).to_have_text("?person")
    expect(table).to_contain_text("ordförande")
    expect(table.get_by_role("link", name="person/helen-eliasson").first).to_be_visible()
    _shoot(page, screenshot_dir, "editor-example")

    page.get_by_role("button", name="Start over").click()
    expect(editor).to_have_value(re.compile(r"SELECT \?decision \?date \?text"))
    expect(page.locator("table.results")).to_have_count(0)


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/id/org/sro", "SRO – Politiskt samrådsorgan mellan VästKom och VGR"),
        ("/id/meeting/sro/2025-03-06/item/6/decision/1", "Det politiska samrådsorganet SRO"),
        ("/id/agreement/halso-och-sjukvardsavtal-sro-2025-09-01", "sjukvårdsavtal"),
    ],
)
def test_resource_pages_render(
    page: Page, web_server: str, screenshot_dir: Path, path: str, heading: str
) -> None:
    response = page.goto(web_server + path)
    assert response is not None
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
    expect(page.get_by_role("heading", name="Properties")).to_be_visible()
    expect(page.get_by_role("link", name="ttl")).to_have_attribute("href", "?format=ttl")
    _shoot(page, screenshot_dir, "resource-" + path.strip("/").replace("/", "_"))
