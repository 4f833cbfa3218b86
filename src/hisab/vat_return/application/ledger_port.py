"""What the return's cross-checks read of the books: the VAT accounts' movements over a period."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Protocol


@dataclass(frozen=True, slots=True)
class VatAccountMovements:
    """The net movement of the accounts that take output VAT (credits less debits) and input VAT (debits
    less credits) in entries dated in the period, closing entries left out; and which accounts they are."""

    output_vat: Decimal
    input_vat: Decimal
    output_accounts: tuple[str, ...]
    input_accounts: tuple[str, ...]


class VatLedger(Protocol):
    async def vat_movements(self, tenant_id: str, start: date, end: date) -> VatAccountMovements: ...
