"""rdflib-endpoint over an in-memory rdflib Dataset: `python benchmarks/rdflib_server.py
FILE.nq PORT`. Prints one JSON line (load time, triples) once the data is parsed, then
serves `/sparql` on 127.0.0.1 until terminated. Run by `contenders.rdflib_endpoint`."""

from __future__ import annotations

import json
import sys
import time


def main(argv: list[str]) -> int:
    nquads, port = argv[0], int(argv[1])
    import uvicorn
    from rdflib import Dataset
    from rdflib_endpoint import SparqlEndpoint

    started = time.perf_counter()
    # default_union: queries without GRAPH see every named graph, as on the other two.
    dataset = Dataset(default_union=True)
    dataset.parse(nquads, format="nquads")
    loaded_s = time.perf_counter() - started
    print(json.dumps({"load_s": round(loaded_s, 3), "quads": len(dataset)}), flush=True)
    app = SparqlEndpoint(graph=dataset, path="/sparql", cors_enabled=False)
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
