from __future__ import annotations

from collections import Counter
from datetime import date

from hisab.benchmark.journal_seed import MAIN_BANK, PROJECTS, JournalSeedPlan, entry_content, entry_day
from hisab.kernel.fiscal_year import FiscalYear
from hisab.ledger.domain.journal import unbalanced

ACCOUNTS = [f"{5000 + n}" for n in range(40)]


def test_entry_sizes_add_up_to_exactly_the_lines_asked_for_with_at_least_two_an_entry() -> None:
    for lines in (2, 3, 9, 36, 1000, 12_345):
        sizes = JournalSeedPlan(lines).entry_sizes()
        assert sum(sizes) == lines
        assert min(sizes) >= 2


def test_batches_are_bounded_and_each_stays_in_one_fiscal_year() -> None:
    plan = JournalSeedPlan(20_000, batch=300)
    by_year = plan.batches()
    total = len(plan.entry_sizes())
    assert sorted(by_year) == [2024, 2025]
    firsts = []
    for year, batches in by_year.items():
        for first, sizes in batches:
            assert 1 <= len(sizes) <= 300
            assert {FiscalYear.of(entry_day(first + n, total)).start_year for n in range(len(sizes))} == {year}
            firsts.append((first, len(sizes)))
    covered = [first + n for first, size in sorted(firsts) for n in range(size)]
    assert covered == list(range(total))
    assert sum(sum(sizes) for batches in by_year.values() for _, sizes in batches) == 20_000


def test_entries_span_the_24_months_in_date_order() -> None:
    assert entry_day(0, 1000) == date(2024, 7, 1)
    assert entry_day(999, 1000) == date(2026, 6, 30)
    assert [entry_day(n, 1000) for n in range(1000)] == sorted(entry_day(n, 1000) for n in range(1000))


def test_seeded_entries_balance_to_the_paisa_and_vary_in_accounts_projects_and_kinds() -> None:
    contents = [entry_content(n, 2 + n % 7, 5000, ACCOUNTS) for n in range(5000)]
    assert all(unbalanced(c.lines) is None for c in contents)
    lines = [line for c in contents for line in c.lines]
    assert len({line.account_code for line in lines}) == 41  # the 40 accounts and the main bank
    assert {line.project for line in lines} == set(PROJECTS)
    assert len({c.kind for c in contents}) == 5


def test_the_main_bank_account_takes_the_most_lines_for_a_deep_account_ledger() -> None:
    contents = [entry_content(n, 5, 5000, ACCOUNTS) for n in range(5000)]
    by_account = Counter(line.account_code for c in contents for line in c.lines)
    assert by_account.most_common(1)[0][0] == MAIN_BANK
    assert by_account[MAIN_BANK] >= 2 * len(contents) // 5
