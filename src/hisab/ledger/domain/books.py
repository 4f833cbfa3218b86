"""A tenant's books as one aggregate: its chart of accounts, posting accounts and closed periods.

The books begin from a chart template. Until the tenant's first change they are the template's,
recorded nowhere; the first command that changes them records the adoption first (ChartAdopted),
so the template a tenant started from is in its history, whatever later editions say.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from hisab.event_store.messages import DomainEvent
from hisab.kernel.errors import IllegalTransitionError, InvalidInputError, NotFoundError, Violation
from hisab.kernel.fiscal_year import FiscalYear
from hisab.kernel.text import text_violation
from hisab.ledger.domain.accounts import Account, AccountType, code_violations, name_violations
from hisab.ledger.domain.events import (
    AccountAdded,
    AccountChanged,
    AccountDeactivated,
    AccountRecord,
    ChartAdopted,
    FiscalYearClosed,
    PeriodClosed,
    PeriodReopened,
    PostingAccount,
    PostingAccountSet,
)
from hisab.ledger.domain.periods import FiscalPeriod
from hisab.ledger.domain.posting_rules import POSTING_ROLES, ROLES_BY_KEY, PostingRole


def books_stream_id(tenant_id: str) -> str:
    """One stream per tenant; stream ids are global, so the tenant is part of it."""
    return f"books:{tenant_id}"


class PeriodClosedError(IllegalTransitionError):
    """Something would post into a closed period."""


@dataclass(frozen=True, slots=True)
class ChartTemplate:
    """A chart of accounts a tenant may start from, with an account for every posting role."""

    name: str
    accounts: tuple[AccountRecord, ...]
    posting_accounts: tuple[PostingAccount, ...]

    def adoption(self) -> ChartAdopted:
        return ChartAdopted(self.name, self.accounts, self.posting_accounts)


@dataclass(frozen=True, slots=True)
class AccountUpdate:
    """Only what is given changes; `parent_code` "" makes the account top-level."""

    name: str | None = None
    name_bn: str | None = None
    parent_code: str | None = None


@dataclass
class Books:
    adopted: bool = False
    accounts: dict[str, Account] = field(default_factory=dict)
    postings: dict[tuple[str, str], str] = field(default_factory=dict)
    closed: set[FiscalPeriod] = field(default_factory=set)
    closed_years: set[int] = field(default_factory=set)

    @classmethod
    def from_events(cls, events: Iterable[object], template: ChartTemplate) -> Books:
        books = cls()
        books._adopt(template.adoption())
        books.adopted = False
        for event in events:
            books.apply(event)
        books._fill_new_roles(template)
        return books

    def _fill_new_roles(self, template: ChartTemplate) -> None:
        """A posting role added after the tenant adopted its chart (credit notes came after invoices) takes
        the template's account for it, when the tenant's chart has that account, until the tenant sets one."""
        for posting in template.posting_accounts:
            key = (posting.document_type, posting.role)
            if key not in self.postings and posting.account_code in self.accounts:
                self.postings[key] = posting.account_code

    def apply(self, event: object) -> None:
        match event:
            case ChartAdopted():
                self._adopt(event)
            case AccountAdded(account=record):
                self.accounts[record.code] = _account(record)
            case AccountChanged(code=code, name=name, name_bn=name_bn, parent_code=parent):
                self.accounts[code] = self.accounts[code].renamed(name, name_bn, parent)
            case AccountDeactivated(code=code):
                current = self.accounts[code]
                self.accounts[code] = Account(
                    current.code,
                    current.name,
                    current.name_bn,
                    current.type,
                    current.parent_code,
                    current.is_group,
                    False,
                )
            case PostingAccountSet(posting=posting):
                self.postings[(posting.document_type, posting.role)] = posting.account_code
            case PeriodClosed(fiscal_year=year, number=number):
                self.closed.add(FiscalPeriod(FiscalYear(year), number))
            case PeriodReopened(fiscal_year=year, number=number):
                self.closed.discard(FiscalPeriod(FiscalYear(year), number))
            case FiscalYearClosed(fiscal_year=year):
                self.closed_years.add(year)
                self.closed.update(FiscalPeriod.all_of(FiscalYear(year)))

    def _adopt(self, event: ChartAdopted) -> None:
        self.adopted = True
        self.accounts = {record.code: _account(record) for record in event.accounts}
        self.postings = {(p.document_type, p.role): p.account_code for p in event.posting_accounts}

    # Reading

    def account(self, code: str) -> Account:
        found = self.accounts.get(code)
        if found is None:
            raise NotFoundError(f"account {code} not found")
        return found

    def posting_account(self, document_type: str, role: str) -> Account:
        code = self.postings.get((document_type, role))
        if code is None:
            raise IllegalTransitionError(
                f"no account takes the posting role {document_type} {role}: set its posting account first"
            )
        return self.accounts[code]

    def posting_rules(self) -> list[tuple[PostingRole, Account]]:
        return [(role, self.posting_account(*role.key)) for role in POSTING_ROLES]

    def children(self, code: str) -> list[Account]:
        return [account for account in self.accounts.values() if account.parent_code == code]

    def leaves_under(self, code: str) -> list[Account]:
        """The leaf accounts a group sums (a leaf sums itself)."""
        account = self.account(code)
        if not account.is_group:
            return [account]
        return [leaf for child in self.children(code) for leaf in self.leaves_under(child.code)]

    def postable_violation(self, code: str, field: str) -> Violation | None:
        account = self.accounts.get(code)
        if account is None:
            return Violation(field, "account", f"no account {code!r} in the chart of accounts")
        if account.is_group:
            return Violation(field, "leaf_account", f"{code} {account.name} is a group; post to one of its accounts")
        if not account.active:
            return Violation(field, "active_account", f"{code} {account.name} is deactivated")
        return None

    def ensure_postable(
        self, code: str, field: str, fits: Callable[[AccountType], bool], rule: str, message: str
    ) -> str:
        """An account a user named for a posting: postable, and of a type that `fits` it (else `rule`, `message`)."""
        violation = self.postable_violation(code, field)
        if violation is None and not fits(self.accounts[code].type):
            violation = Violation(field, rule, message)
        if violation is not None:
            raise InvalidInputError([violation])
        return code

    def is_closed(self, period: FiscalPeriod) -> bool:
        return period in self.closed

    def ensure_open(self, day: date) -> FiscalPeriod:
        period = FiscalPeriod.of(day)
        if period in self.closed:
            raise PeriodClosedError(f"period {period.label} is closed: nothing may be posted dated {day.isoformat()}")
        return period

    # Deciding

    def _with_adoption(self, template: ChartTemplate, events: Sequence[DomainEvent]) -> list[DomainEvent]:
        return list(events) if self.adopted else [template.adoption(), *events]

    def add_account(self, new: AccountRecord, template: ChartTemplate) -> list[DomainEvent]:
        found = code_violations(new.code, "code")
        found += name_violations(new.name, "name", required=True)
        found += name_violations(new.name_bn, "name_bn", required=False)
        if not found and new.code in self.accounts:
            found.append(Violation("code", "unique", f"account {new.code} exists already"))
        parent = self._parent_violation(new.parent_code, new.type, None)
        if parent:
            found.append(parent)
        if found:
            raise InvalidInputError(found)
        record = AccountRecord(
            new.code, new.name.strip(), _stripped(new.name_bn), new.type, new.parent_code or None, new.is_group
        )
        return self._with_adoption(template, [AccountAdded(record)])

    def change_account(self, code: str, update: AccountUpdate, template: ChartTemplate) -> list[DomainEvent]:
        account = self.account(code)
        found = name_violations(update.name, "name", required=False) if update.name is not None else []
        if update.name is not None and not update.name.strip():
            found.append(Violation("name", "required", "must not be blank"))
        found += name_violations(update.name_bn, "name_bn", required=False)
        parent_code = account.parent_code if update.parent_code is None else (update.parent_code or None)
        parent = self._parent_violation(parent_code, account.type, code)
        if parent:
            found.append(parent)
        if found:
            raise InvalidInputError(found)
        name = update.name.strip() if update.name is not None else account.name
        name_bn = account.name_bn if update.name_bn is None else _stripped(update.name_bn)
        if (name, name_bn, parent_code) == (account.name, account.name_bn, account.parent_code):
            return []
        return self._with_adoption(template, [AccountChanged(code, name, name_bn, parent_code)])

    def deactivate(self, code: str, has_balance: bool, template: ChartTemplate) -> list[DomainEvent]:
        account = self.account(code)
        if not account.active:
            return []
        if has_balance:
            raise IllegalTransitionError(
                f"account {code} has a balance: move it to another account before deactivating"
            )
        if any(child.active for child in self.children(code)):
            raise IllegalTransitionError(f"account {code} has active accounts under it: deactivate them first")
        named_by = [f"{d}/{r}" for (d, r), c in sorted(self.postings.items()) if c == code]
        if named_by:
            roles = ", ".join(named_by)
            raise IllegalTransitionError(f"account {code} is the posting account of {roles}: set another one first")
        return self._with_adoption(template, [AccountDeactivated(code)])

    def set_posting_account(
        self, document_type: str, role: str, code: str, template: ChartTemplate
    ) -> list[DomainEvent]:
        spec = ROLES_BY_KEY.get((document_type, role))
        if spec is None:
            known = ", ".join(f"{d}/{r}" for d, r in ROLES_BY_KEY)
            raise InvalidInputError.single(
                "role", "posting_role", f"no posting role {document_type}/{role}; known: {known}"
            )
        self.ensure_postable(
            code, "account_code", lambda kind: kind is spec.account_type, "account_type",
            f"{document_type}/{role} takes an {spec.account_type} account",
        )  # fmt: skip
        if self.postings.get(spec.key) == code:
            return []
        return self._with_adoption(template, [PostingAccountSet(PostingAccount(document_type, role, code))])

    def close_period(self, period: FiscalPeriod, template: ChartTemplate) -> list[DomainEvent]:
        if period in self.closed:
            return []
        return self._with_adoption(template, [PeriodClosed(period.fiscal_year.start_year, period.number)])

    def reopen_period(self, period: FiscalPeriod, reason: str, template: ChartTemplate) -> list[DomainEvent]:
        if not reason.strip():
            raise InvalidInputError.single("reason", "required", "say why the period is reopened")
        unclean = text_violation(reason, "reason", multiline=True)
        if unclean:
            raise InvalidInputError([unclean])
        if period.fiscal_year.start_year in self.closed_years:
            raise IllegalTransitionError(
                f"fiscal year {period.fiscal_year.short_label} is closed: its periods stay closed"
            )
        if period not in self.closed:
            raise IllegalTransitionError(f"period {period.label} is open")
        return self._with_adoption(
            template, [PeriodReopened(period.fiscal_year.start_year, period.number, reason.strip())]
        )

    def close_year(
        self, fiscal_year: FiscalYear, closing_entry_id: str | None, template: ChartTemplate
    ) -> list[DomainEvent]:
        """Every period of the year closes; the closing entry, if there is one, is posted alongside."""
        self.ensure_year_open(fiscal_year)
        return self._with_adoption(template, [FiscalYearClosed(fiscal_year.start_year, closing_entry_id)])

    def ensure_year_open(self, fiscal_year: FiscalYear) -> None:
        if fiscal_year.start_year in self.closed_years:
            raise IllegalTransitionError(f"fiscal year {fiscal_year.short_label} is closed already")

    def _parent_violation(self, parent_code: str | None, type_: AccountType, own_code: str | None) -> Violation | None:
        if not parent_code:
            return None
        parent = self.accounts.get(parent_code)
        if parent is None:
            return Violation("parent_code", "account", f"no account {parent_code!r} in the chart of accounts")
        if not parent.is_group:
            return Violation("parent_code", "group_account", f"{parent_code} {parent.name} is not a group account")
        if parent.type is not type_:
            return Violation("parent_code", "account_type", f"{parent_code} is an {parent.type} group; this is {type_}")
        seen: set[str] = set()
        ancestor: Account | None = parent
        while ancestor is not None:
            # A cycle above this account (only a broken data file has one) must end the walk too.
            if ancestor.code == own_code or ancestor.code in seen:
                return Violation("parent_code", "cycle", "an account cannot be placed under itself")
            seen.add(ancestor.code)
            ancestor = self.accounts.get(ancestor.parent_code) if ancestor.parent_code else None
        return None


def _account(record: AccountRecord) -> Account:
    return Account(record.code, record.name, record.name_bn, record.type, record.parent_code, record.is_group)


def _stripped(value: str | None) -> str | None:
    return value.strip() or None if value is not None else None


def template_violations(template: ChartTemplate) -> list[str]:
    """What is wrong with a chart template, for its loader: a broken data file must not start."""
    books = Books()
    books._adopt(template.adoption())
    problems: list[str] = []
    for account in books.accounts.values():
        if code_violations(account.code, "code"):
            problems.append(f"account code {account.code!r} is not 1 to 12 digits")
        if account.parent_code is not None:
            violation = books._parent_violation(account.parent_code, account.type, account.code)
            if violation:
                problems.append(f"account {account.code}: {violation.message}")
    for role in POSTING_ROLES:
        code = books.postings.get(role.key)
        if code is None:
            problems.append(f"no account for posting role {role.document_type}/{role.role}")
            continue
        violation = books.postable_violation(code, "account")
        if violation:
            problems.append(f"posting role {role.document_type}/{role.role}: {violation.message}")
        elif books.accounts[code].type is not role.account_type:
            problems.append(f"posting role {role.document_type}/{role.role} takes an {role.account_type} account")
    return problems
