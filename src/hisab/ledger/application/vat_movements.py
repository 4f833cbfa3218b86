"""The books' side of the return's cross-checks: the VAT accounts' movements over a tax period.

Which accounts are the VAT accounts is the tenant's posting rules': every account a VAT_OUTPUT role
takes (the invoice's, and the credit and debit notes', which carry notes 26 and 31), and every account a
VAT_INPUT role takes (the bill's, BILL/VAT_INPUT, and the supplier notes' once the purchases postings add
them). Closing entries are left out: a year's close moves balances, not VAT of the period.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from hisab.kernel.money import ZERO
from hisab.ledger.application.books import read_books
from hisab.ledger.application.dependencies import Ledger
from hisab.ledger.application.ports import BalanceQuery
from hisab.vat_return.application.ledger_port import VatAccountMovements

OUTPUT_ROLE = "VAT_OUTPUT"
INPUT_ROLE = "VAT_INPUT"


@dataclass(frozen=True, slots=True)
class LedgerVatMovements:
    ledger: Ledger

    async def vat_movements(self, tenant_id: str, start: date, end: date) -> VatAccountMovements:
        books = await read_books(tenant_id, self.ledger)
        output = tuple(sorted({code for (_, role), code in books.postings.items() if role == OUTPUT_ROLE}))
        input_ = tuple(sorted({code for (_, role), code in books.postings.items() if role == INPUT_ROLE}))
        query = BalanceQuery(through=end, since=start, without_closing=True, codes=frozenset((*output, *input_)))
        movements = await self.ledger.queries.movements(tenant_id, query)
        output_vat = sum((-movements[c].net_debit for c in output if c in movements), ZERO)
        input_vat = sum((movements[c].net_debit for c in input_ if c in movements), ZERO)
        return VatAccountMovements(output_vat, input_vat, output, input_)
