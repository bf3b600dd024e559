"""The store layer: one interface (`Store`), an embedded and a remote backend."""

from beslutsgraf.store.base import GraphName, QueryForm, Row, SerializedResult, Store

__all__ = ["GraphName", "QueryForm", "Row", "SerializedResult", "Store"]
