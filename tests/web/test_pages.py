"""The home page, the SPARQL editor and their static files over plain HTTP: what the
server renders, escapes and serves. The browser tests (test_browser.py) check how the
pages behave."""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from beslutsgraf.service.settings import DEFAULT_INSTANCE_BASE
from beslutsgraf.service.web import example_queries

REPO_ROOT = Path(__file__).resolve().parents[2]
DOCS_QUERIES = sorted((REPO_ROOT / "docs" / "queries").glob("cq*.rq"))
STATIC = REPO_ROOT / "service" / "static"


@pytest.fixture()
def http(web_server: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=web_server, timeout=30) as client:
        yield client


def test_home_page_has_search_counts_and_links(http: httpx.Client) -> None:
    response = http.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    page = response.text
    assert '<label for="search-q">' in page
    assert 'id="search-q" name="q" type="search"' in page
    # The fixture graph: 13 decisions, 5 meetings, 10 people, 9 organisations, ...
    counts = dict(re.findall(r'<dd data-count="([^"]+)">([\d,]+)</dd>', page))
    assert counts == {
        "decisions": "13",
        "meetings": "5",
        "people": "10",
        "organisations": "9",
        "agreements": "6",
        "assignments": "3",
        "source documents": "2",
    }
    for href in ("/sparql-editor", "/docs", "/dump.nq", "/.well-known/void"):
        assert f'href="{href}"' in page


def test_pages_load_nothing_from_elsewhere(http: httpx.Client) -> None:
    for path in ("/", "/sparql-editor"):
        response = http.get(path)
        policy = response.headers["content-security-policy"]
        assert "default-src 'self'" in policy
        assert "script-src 'self'" in policy
        sources = re.findall(r'(?:src|href)="([^"]+)"', response.text)
        assert sources, "expected the page to reference its stylesheet and script"
        assert not [url for url in sources if url.startswith(("http:", "https:", "//"))]


def test_search_term_in_the_address_is_escaped(http: httpx.Client) -> None:
    page = http.get("/", params={"q": '"><script>alert(1)</script>'}).text
    assert "<script>alert(1)" not in page
    assert 'value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in page


def test_editor_prefills_the_profile_prefixes(http: httpx.Client) -> None:
    page = http.get("/sparql-editor").text
    textarea = re.search(r'<textarea id="query"[^>]*>(.*?)</textarea>', page, re.S)
    assert textarea is not None
    text = textarea.group(1)
    for prefix, namespace in (
        ("bg", "https://w3id.org/beslutsgraf/def#"),
        ("id", DEFAULT_INSTANCE_BASE),
        ("org", "http://www.w3.org/ns/org#"),
        ("foaf", "http://xmlns.com/foaf/0.1/"),
        ("dct", "http://purl.org/dc/terms/"),
        ("oa", "http://www.w3.org/ns/oa#"),
        ("skos", "http://www.w3.org/2004/02/skos/core#"),
    ):
        assert f"PREFIX {prefix}: &lt;{namespace}&gt;" in text
    assert "SELECT ?decision ?date ?text" in text
    for media_type in ("application/sparql-results+json", "text/csv", "text/turtle"):
        assert f'<option value="{media_type}">' in page


def test_editor_opens_a_query_from_the_address_escaped(http: httpx.Client) -> None:
    query = "\nASK { ?s ?p ?o } # </textarea><script>alert(1)</script>"
    page = http.get("/sparql-editor", params={"query": query}).text
    assert "<script>alert(1)" not in page
    # The newline after <textarea> is eaten by HTML parsers, so the query keeps its own.
    assert (
        ">\n\nASK { ?s ?p ?o } # &lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt;</textarea>"
        in page
    )


def test_editor_config_cannot_end_its_script_element(http: httpx.Client) -> None:
    page = http.get("/sparql-editor").text
    config = re.search(r'<script type="application/json" id="editor-config">(.*?)</script>', page)
    assert config is not None
    assert "<" not in config.group(1)


def test_editor_lists_every_example(http: httpx.Client) -> None:
    page = http.get("/sparql-editor").text
    listed = re.findall(r'<option value="([^"]+\.rq)">', page)
    assert listed == [example.file_name for example in example_queries()]
    assert len(listed) >= len(DOCS_QUERIES) > 0
    assert listed[0].startswith("about-")


def test_competency_queries_are_served_as_written_in_docs() -> None:
    """service/static keeps copies of docs/queries/*.rq (package data must live under
    service/); after editing a query in docs/, copy it: cp docs/queries/*.rq service/static/"""
    assert DOCS_QUERIES
    for source in DOCS_QUERIES:
        copy = STATIC / source.name
        assert copy.is_file(), f"{copy} is missing: cp {source} {copy}"
        assert copy.read_text(encoding="utf-8") == source.read_text(encoding="utf-8"), (
            f"{copy} differs from {source}: cp {source} {copy}"
        )
    copies = {path.name for path in STATIC.glob("cq*.rq")}
    assert copies == {path.name for path in DOCS_QUERIES}, "a copy of a removed query remains"


def test_every_example_runs(http: httpx.Client) -> None:
    examples = example_queries()
    assert examples
    for example in examples:
        text = http.get(f"/static/{example.file_name}")
        assert text.status_code == 200
        assert text.headers["content-type"].startswith("application/sparql-query")
        answer = http.post(
            "/sparql",
            data={"query": text.text},
            headers={"Accept": "application/sparql-results+json"},
        )
        assert answer.status_code == 200, (example.file_name, answer.text)
        assert answer.json()["results"]["bindings"], f"{example.file_name} found nothing"


@pytest.mark.parametrize(
    ("name", "media_type"),
    [
        ("site.css", "text/css"),
        ("search.js", "text/javascript"),
        ("editor.js", "text/javascript"),
    ],
)
def test_static_files_are_served(http: httpx.Client, name: str, media_type: str) -> None:
    response = http.get(f"/static/{name}")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media_type)
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.content == (STATIC / name).read_bytes()


@pytest.mark.parametrize("name", ["nope.css", "..%2Fweb.py", "web.py", "%2E%2E%2Fapp.py"])
def test_only_static_files_are_served(http: httpx.Client, name: str) -> None:
    response = http.get(f"/static/{name}")
    assert response.status_code == 404


def test_pages_are_not_part_of_the_api_document(http: httpx.Client) -> None:
    paths = http.get("/openapi.json").json()["paths"]
    assert "/" not in paths
    assert "/sparql-editor" not in paths
    assert not [path for path in paths if path.startswith("/static")]


@pytest.mark.slow
@pytest.mark.browser
def test_the_browser_tests_can_run(chromium_path: Path) -> None:
    """test_browser.py is left out when Playwright is missing; this says so loudly."""
    assert importlib.util.find_spec("playwright") is not None, (
        "the browser tests need the playwright package (pip install playwright; the browser "
        "itself is Debian's chromium, never `playwright install`)"
    )
    assert chromium_path.exists(), f"{chromium_path} is missing: apt-get install chromium"
