"""The error catalogue of the HTTP service: every refusal carries a status, a stable
`code` a client can branch on and a message that tells the user what to do.

Errors are answered as JSON `{"code": ..., "message": ...}`; the store's own exceptions
are mapped here once, so endpoints just let them propagate."""

from __future__ import annotations

from collections.abc import Mapping

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from beslutsgraf.store import errors as store_errors

__all__ = [
    "BadGateway",
    "BadRequest",
    "Forbidden",
    "MethodNotAllowed",
    "NotAcceptable",
    "NotFound",
    "NotImplementedHere",
    "Overloaded",
    "QueryTimedOut",
    "ResultTooLarge",
    "ServiceError",
    "StoreUnavailable",
    "Unauthorized",
    "UnsupportedMediaType",
    "UpdateNotApplied",
    "error_response",
    "from_store_error",
    "install_error_handlers",
]


class ServiceError(Exception):
    """An HTTP refusal with a status, a machine-readable code and a human message."""

    status = 500
    code = "internal_error"

    def __init__(self, message: str, *, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.headers = dict(headers or {})


class BadRequest(ServiceError):
    status, code = 400, "bad_request"


class UpdateNotApplied(ServiceError):
    # 400: the update is well-formed but asks for what cannot be done on this data
    # (CLEAR of a missing graph, a LOAD that fails); the client must change it.
    status, code = 400, "update_failed"


class Unauthorized(ServiceError):
    status, code = 401, "unauthorized"


class Forbidden(ServiceError):
    status, code = 403, "forbidden"


class NotFound(ServiceError):
    status, code = 404, "not_found"


class MethodNotAllowed(ServiceError):
    status, code = 405, "method_not_allowed"


class NotAcceptable(ServiceError):
    status, code = 406, "not_acceptable"


class ResultTooLarge(ServiceError):
    # 413: the request asks for more than the service hands out in one answer; retrying
    # the same request will not help, narrowing it will (unlike a 503).
    status, code = 413, "result_too_large"

    @classmethod
    def beyond(cls, max_rows: int, unit: str) -> ResultTooLarge:
        """The refusal of an answer with more than `max_rows` solutions or triples."""
        return cls(
            f"the answer has more than {max_rows} {unit}, the most this service returns "
            "at once (BESLUTSGRAF_MAX_RESULT_ROWS); add a LIMIT and page with OFFSET, or "
            "narrow the request"
        )


class UnsupportedMediaType(ServiceError):
    status, code = 415, "unsupported_media_type"


class Overloaded(ServiceError):
    status, code = 503, "overloaded"


class QueryTimedOut(ServiceError):
    # 503 rather than 408 (which blames the client's upload speed) or 504 (a proxy's
    # status): the service declined to finish the work within its configured limit.
    status, code = 503, "query_timeout"


def error_response(error: ServiceError) -> JSONResponse:
    return JSONResponse(
        {"code": error.code, "message": error.message},
        status_code=error.status,
        headers=error.headers,
    )


class NotImplementedHere(ServiceError):
    status, code = 501, "not_supported"


class BadGateway(ServiceError):
    status, code = 502, "store_error"


class StoreUnavailable(ServiceError):
    status, code = 503, "store_unavailable"


# The HTTP meaning of each store exception; the first matching class wins.
_STORE_ERRORS: tuple[tuple[type[store_errors.StoreError], type[ServiceError]], ...] = (
    (store_errors.QuerySyntaxError, BadRequest),
    (store_errors.UpdateFailed, UpdateNotApplied),
    (store_errors.ResultTooLarge, ResultTooLarge),
    (store_errors.RdfSyntaxError, BadRequest),
    (store_errors.InvalidTerm, BadRequest),
    (store_errors.GraphNotFound, NotFound),
    (store_errors.UnsupportedMediaType, UnsupportedMediaType),
    (store_errors.QueryTimeout, QueryTimedOut),
    (store_errors.StoreUnavailable, StoreUnavailable),
    (store_errors.UnsupportedOperation, NotImplementedHere),
    (store_errors.RemoteStoreError, BadGateway),
)


def from_store_error(error: store_errors.StoreError) -> ServiceError:
    """The HTTP refusal for a store exception (500 for one the catalogue does not name)."""
    for store_class, service_class in _STORE_ERRORS:
        if isinstance(error, store_class):
            return service_class(error.message)
    return ServiceError(f"the store failed: {error.message}")


def install_error_handlers(app: FastAPI) -> None:
    async def service_error(_request: Request, error: Exception) -> JSONResponse:
        assert isinstance(error, ServiceError)
        return error_response(error)

    async def store_error(_request: Request, error: Exception) -> JSONResponse:
        assert isinstance(error, store_errors.StoreError)
        return error_response(from_store_error(error))

    app.add_exception_handler(ServiceError, service_error)
    app.add_exception_handler(store_errors.StoreError, store_error)
