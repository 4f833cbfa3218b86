"""The navigation every page shows: the sections the user may open, and how many approvals wait for them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from hisab.edge.permissions import Permission
from hisab.invoicing.application.dependencies import Invoicing

if TYPE_CHECKING:
    from hisab.web.pages import Page


@dataclass(frozen=True, slots=True)
class Section:
    path: str
    label: str
    permission: Permission | None
    group: str


# In the order a clerk's day runs: sales, money in, purchases, the books, the return.
SECTIONS = (
    Section("/", "Dashboard", None, "Sales"),
    Section("/invoices", "Invoices", Permission.INVOICE_READ, "Sales"),
    Section("/approvals", "Approvals", Permission.INVOICE_APPROVE, "Sales"),
    Section("/parties", "Customers and suppliers", Permission.INVOICE_READ, "Sales"),
    Section("/items", "Items", Permission.INVOICE_READ, "Sales"),
    Section("/receipts", "Receipts", Permission.RECEIVABLE_READ, "Receivables"),
    Section("/ageing", "Ageing", Permission.RECEIVABLE_READ, "Receivables"),
    Section("/statements", "Customer statements", Permission.RECEIVABLE_READ, "Receivables"),
    Section("/bills", "Bills", Permission.PURCHASE_READ, "Purchases"),
    Section("/payments", "Payments", Permission.PURCHASE_READ, "Purchases"),
    Section("/books", "Books", Permission.LEDGER_READ, "Books"),
    Section("/vat", "VAT", Permission.VAT_READ, "VAT"),
)


@dataclass(frozen=True, slots=True)
class Link:
    path: str
    label: str
    group: str
    active: bool
    count: int | None = None


@dataclass(frozen=True, slots=True)
class Navigation:
    links: tuple[Link, ...]
    approvals_waiting: int

    @property
    def groups(self) -> list[tuple[str, list[Link]]]:
        """The links by group, in the order of SECTIONS."""
        grouped: dict[str, list[Link]] = {}
        for link in self.links:
            grouped.setdefault(link.group, []).append(link)
        return list(grouped.items())


async def navigation(page: Page) -> Navigation:
    waiting = await approvals_waiting(page) if page.may(Permission.INVOICE_APPROVE) else 0
    current = page.request.url.path
    links = tuple(
        Link(
            section.path,
            page.t(section.label),
            page.t(section.group),
            _is_under(current, section.path),
            waiting if section.path == "/approvals" else None,
        )
        for section in SECTIONS
        if section.permission is None or page.may(section.permission)
    )
    return Navigation(links, waiting)


async def approvals_waiting(page: Page) -> int:
    """How many invoices wait for this user's approval now: one page of one entry carries the count."""
    principal = page.principal
    queue = page.services.get(Invoicing).approval_queue
    pending = await queue.pending(principal.tenant_id, principal.user_id, principal.roles, 1, None)
    return pending.total_count


def _is_under(current: str, path: str) -> bool:
    return current == path if path == "/" else current == path or current.startswith(path + "/")
