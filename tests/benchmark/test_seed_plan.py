from __future__ import annotations

from hisab.benchmark.seed import FIRST_DAY, SeedPlan, seed_draft
from hisab.invoicing.domain.draft import validate_draft
from tests.builders import RATES


def test_a_plan_spreads_invoices_evenly_over_tenants_in_bounded_batches() -> None:
    batches = SeedPlan(invoices=10, tenants=3, batch=2).batches()
    sizes: dict[str, int] = {}
    for tenant, _, size in batches:
        sizes[tenant] = sizes.get(tenant, 0) + size
    assert sizes == {"seed-0000": 4, "seed-0001": 3, "seed-0002": 3}
    assert max(size for _, _, size in batches) == 2
    assert [number for tenant, number, _ in batches if tenant == "seed-0000"] == [0, 1]


def test_seeded_drafts_are_valid_and_vary() -> None:
    drafts = [validate_draft(seed_draft(FIRST_DAY, n), RATES) for n in range(6)]
    assert {len(d.lines) for d in drafts} == {1, 2, 3}
    assert len({d.customer_id for d in drafts}) == 6
