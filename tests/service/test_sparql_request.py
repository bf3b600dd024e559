"""Reading SPARQL Protocol requests: which operation, which dataset, which refusal."""

from __future__ import annotations

import pytest

from beslutsgraf.service.http_errors import BadRequest, ServiceError, UnsupportedMediaType
from beslutsgraf.service.sparql_request import (
    DescribeService,
    QueryOperation,
    UpdateOperation,
    read_get,
    read_post,
)

FORM = "application/x-www-form-urlencoded"


def test_get_reads_query_and_dataset() -> None:
    operation = read_get(
        "query=ASK%20%7B%7D&default-graph-uri=http%3A%2F%2Fe%2F1&default-graph-uri=http%3A%2F%2Fe%2F2"
        "&named-graph-uri=http%3A%2F%2Fe%2F3"
    )
    assert operation == QueryOperation("ASK {}", ("http://e/1", "http://e/2"), ("http://e/3",))


def test_bare_get_is_a_service_description_request() -> None:
    assert read_get("") == DescribeService()


def test_form_post_merges_url_and_body_parameters() -> None:
    operation = read_post(
        "using-graph-uri=http%3A%2F%2Fe%2F1", FORM + "; charset=UTF-8", b"update=CLEAR+ALL"
    )
    assert operation == UpdateOperation("CLEAR ALL", ("http://e/1",), ())


def test_direct_posts() -> None:
    assert read_post("", "application/sparql-query", "ASK { ?s ?p 'å' }".encode()) == (
        QueryOperation("ASK { ?s ?p 'å' }")
    )
    assert read_post(
        "using-named-graph-uri=http%3A%2F%2Fe%2F", "application/sparql-update", b"CLEAR ALL"
    ) == (UpdateOperation("CLEAR ALL", (), ("http://e/",)))


@pytest.mark.parametrize(
    ("url_query", "content_type", "body", "error"),
    [
        ("", None, b"ASK {}", UnsupportedMediaType),
        ("", "text/plain", b"ASK {}", UnsupportedMediaType),
        ("", "application/sparql-query; charset=iso-8859-1", b"ASK {}", UnsupportedMediaType),
        ("", "application/sparql-query", "ASK { ?s ?p 'å' }".encode("latin-1"), BadRequest),
        ("", FORM, b"query=ASK%20%7B%7D&query=ASK%20%7B%7D", BadRequest),
        ("", FORM, b"query=%FF", BadRequest),
        ("", FORM, b"query=ASK+{}&update=CLEAR+ALL", BadRequest),
        ("", FORM, b"", BadRequest),
    ],
)
def test_refusals(
    url_query: str, content_type: str | None, body: bytes, error: type[ServiceError]
) -> None:
    with pytest.raises(error) as raised:
        read_post(url_query, content_type, body)
    assert raised.value.message


def test_update_by_get_is_refused() -> None:
    with pytest.raises(BadRequest, match="POST"):
        read_get("update=CLEAR%20ALL")
