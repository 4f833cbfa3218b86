"""The performance targets of issues 6, 11, 12, 13, 14, 15 and 16, and how a summary is judged against them."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from hisab.benchmark.stats import Summary


@dataclass(frozen=True, slots=True)
class Target:
    p95_ms: float | None = None
    min_throughput: float | None = None

    def passed(self, summary: Summary) -> bool:
        return (
            summary.errors == 0
            and (self.p95_ms is None or summary.p95_ms <= self.p95_ms)
            and (self.min_throughput is None or summary.throughput >= self.min_throughput)
        )


# (operation, concurrency) -> target; PostgreSQL, production settings, one 2-core machine.
DEFAULT_TARGETS: dict[tuple[str, int], Target] = {
    ("create", 2): Target(p95_ms=5),
    ("create", 10): Target(p95_ms=15, min_throughput=1000),
    ("get", 2): Target(p95_ms=2),
    ("get", 10): Target(p95_ms=8, min_throughput=2000),
    ("list", 2): Target(p95_ms=8),
    ("list", 10): Target(p95_ms=20, min_throughput=800),
    ("approve", 2): Target(p95_ms=6),
    ("approve", 10): Target(p95_ms=20, min_throughput=800),
    # Issue 11: invoices per second of a bulk import of 10,000 in one request.
    ("import", 2): Target(min_throughput=2000),
    ("import", 10): Target(min_throughput=2000),
    # Issue 12: the trial balance of a tenant holding 1,000,000 posted journal lines.
    ("trial_balance", 2): Target(p95_ms=50),
    ("trial_balance", 10): Target(p95_ms=50),
    # Issue 13's notes, which issue 13 set no figures for; chosen from the nearest operation above each.
    # Issuing a one-line credit note is a write of the size of an approval (the invoice's stream read,
    # one gapless serial per tenant and year, one event, the read model), plus its sales-journal
    # posting in the same transaction, for which issue 12 allowed approvals 15%: approve's target
    # with 15% more time and 15% less throughput.
    ("credit_note_issue", 2): Target(p95_ms=7),
    ("credit_note_issue", 10): Target(p95_ms=23, min_throughput=680),
    # A page of 20 notes of one to three lines is a page of invoices with their lines: list's target.
    ("credit_notes_list", 2): Target(p95_ms=8),
    ("credit_notes_list", 10): Target(p95_ms=20, min_throughput=800),
    # An invoice with its notes is a get plus a second read (its notes and their lines, batched):
    # get's target with 1.5x the time and two thirds of the throughput.
    ("invoice_with_notes_get", 2): Target(p95_ms=3),
    ("invoice_with_notes_get", 10): Target(p95_ms=12, min_throughput=1300),
    # Issue 14: the ageing of a tenant with 100,000 open invoices, p95 at most 100 ms (the figure).
    ("receivables_ageing", 2): Target(p95_ms=100),
    ("receivables_ageing", 10): Target(p95_ms=100),
    # Recording a receipt that allocates to one invoice is a write of the size of a credit note's (the
    # invoice's stream held and its balance read, one gapless serial, one event, the read model, the
    # posting in the same transaction): credit_note_issue's target.
    ("receipt_record", 2): Target(p95_ms=7),
    ("receipt_record", 10): Target(p95_ms=23, min_throughput=680),
    # A statement reads one customer's documents over the seeded years (about 200 invoices and their
    # notes) and returns a line each: a report of the books' size, the trial balance's target.
    ("customer_statement", 2): Target(p95_ms=50),
    ("customer_statement", 10): Target(p95_ms=50),
    # Issue 15 measures the return of a quarter of 100,000 documents and sets no figure. A filing screen
    # shows it at once to one user (0.3 s) and within a second to ten reading together; the checks, run
    # before each submission, within twice that.
    ("vat_return", 2): Target(p95_ms=300),
    ("vat_return", 10): Target(p95_ms=1000),
    ("vat_return_checks", 2): Target(p95_ms=600),
    ("vat_return_checks", 10): Target(p95_ms=2000),
    # Issue 16: each page's server time at most 30 ms at the 95th percentile, for a list of 50 invoices
    # on PostgreSQL; the dashboard and an invoice's page are held to the same figure.
    ("page_dashboard", 2): Target(p95_ms=30),
    ("page_dashboard", 10): Target(p95_ms=30),
    ("page_invoices", 2): Target(p95_ms=30),
    ("page_invoices", 10): Target(p95_ms=30),
    ("page_invoice", 2): Target(p95_ms=30),
    ("page_invoice", 10): Target(p95_ms=30),
}


def load_targets(path: Path) -> dict[tuple[str, int], Target]:
    """Targets from TOML: `[create.10]` with `p95_ms = 15` and `min_throughput = 1000`."""
    document = tomllib.loads(path.read_text())
    return {
        (operation, int(concurrency)): Target(values.get("p95_ms"), values.get("min_throughput"))
        for operation, by_concurrency in document.items()
        for concurrency, values in by_concurrency.items()
    }
