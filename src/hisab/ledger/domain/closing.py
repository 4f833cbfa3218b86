"""The closing entry of a fiscal year: every income and expense balance moved into Retained Earnings."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from hisab.kernel.fiscal_year import FiscalYear
from hisab.kernel.money import ZERO
from hisab.ledger.domain.books import Books
from hisab.ledger.domain.journal import EntryContent, JournalKind, JournalLine
from hisab.ledger.domain.posting_rules import FISCAL_YEAR


def closing_content(
    fiscal_year: FiscalYear, balances: Mapping[str, tuple[Decimal, Decimal]], books: Books
) -> EntryContent | None:
    """`balances` are (debits, credits) through the year's last day; None when nothing is left to move.

    Each income and expense account is brought to zero on its other side, and Retained Earnings
    takes the difference: credited with a profit, debited with a loss.
    """
    lines: list[JournalLine] = []
    net = ZERO
    for code in sorted(balances):
        account = books.accounts.get(code)
        if account is None or not account.type.in_profit_and_loss:
            continue
        debit, credit = balances[code]
        balance = debit - credit
        if balance > ZERO:
            lines.append(JournalLine(code, ZERO, balance, memo="closed to retained earnings"))
        elif balance < ZERO:
            lines.append(JournalLine(code, -balance, ZERO, memo="closed to retained earnings"))
        net += balance
    if not lines:
        return None
    retained = books.posting_account(FISCAL_YEAR, "RETAINED_EARNINGS").code
    if net > ZERO:
        lines.append(JournalLine(retained, net, ZERO, memo="loss of the year"))
    elif net < ZERO:
        lines.append(JournalLine(retained, ZERO, -net, memo="profit of the year"))
    narration = f"Closing of fiscal year {fiscal_year.short_label}: income and expense to retained earnings"
    return EntryContent(JournalKind.CLOSING, fiscal_year.last_day, narration, None, tuple(lines))
