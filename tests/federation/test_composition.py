"""Our subgraph composes into a supergraph with another team's, by a real composition library.

`compose.mjs` runs @theguild/federation-composition (the same rules and messages as Apollo's)
on the SDL the schema serves as `_service { sdl }`, and a stub subgraph that adds
`Invoice.project` by the invoice's key (a construction firm's project service, say).
"""

from __future__ import annotations

import subprocess

from graphql import graphql_sync

from hisab.api.graphql.schema import build_schema
from tests.federation.conftest import COMPOSE

TIMEOUT_SECONDS = 60


def _served_sdl() -> str:
    result = graphql_sync(build_schema(federation=True), "{ _service { sdl } }")
    assert result.errors is None, result.errors
    assert result.data is not None
    sdl: str = result.data["_service"]["sdl"]
    return sdl


def _compose(node: str, sdl: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [node, str(COMPOSE)], input=sdl, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False
    )


def test_the_served_sdl_composes_with_a_subgraph_that_extends_the_invoice(node: str) -> None:
    composed = _compose(node, _served_sdl())

    assert composed.returncode == 0, composed.stderr
    supergraph = composed.stdout
    assert '@join__type(graph: HISAB, key: "id") @join__type(graph: PROJECTS, key: "id")' in supergraph
    assert "project: Project @join__field(graph: PROJECTS)" in supergraph
    assert "createInvoice(input: CreateInvoiceInput!): Invoice!" in supergraph


def test_a_composition_error_fails_the_script(node: str) -> None:
    # The stub keys Invoice on `id`, which must then be an ID! here too.
    broken = _served_sdl().replace("type Invoice {\n  id: ID!", "type Invoice {\n  id: Int!")

    composed = _compose(node, broken)

    assert composed.returncode == 1
    assert "FIELD_TYPE_MISMATCH" in composed.stderr
