from __future__ import annotations

import pytest

from hisab.event_store.adapters.postgres.transaction import begin


def test_a_read_begins_a_read_only_snapshot_and_names_the_tenant_in_the_same_query() -> None:
    assert begin("tenant-a", read_only=True) == (
        "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SELECT set_config('hisab.tenant_id', 'tenant-a', true)"
    )
    assert begin("tenant-a") == "BEGIN; SELECT set_config('hisab.tenant_id', 'tenant-a', true)"


def test_quotes_in_a_tenant_id_are_doubled_and_a_nul_is_refused() -> None:
    assert begin("o'brien").endswith("set_config('hisab.tenant_id', 'o''brien', true)")
    with pytest.raises(ValueError, match="NUL"):
        begin("a\x00b")
