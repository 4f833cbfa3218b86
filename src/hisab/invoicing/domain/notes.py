"""Credit notes (Mushak-6.7) and debit notes (Mushak-6.8): what a note may change of an issued invoice.

Per line a note gives either a quantity (returned, or supplied in addition), valued at the line's
unit price, or an amount of value. SD and VAT follow the value at the line's own rates, rounded
half-up once per line and note, as the invoice's were. Two rules keep the credits exact:

- a credit never takes more of a line (quantity, value, SD or VAT) than the line carries after the
  notes before it; a rounding that would take a paisa more of SD or VAT than is left takes what
  is left instead;
- a credit that takes all of a line's remaining value (or its remaining quantity) takes exactly
  the SD and VAT that remain too, so a line credited in full carries zero of everything.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from hisab.invoicing.domain.draft import MAX_QUANTITY_PLACES
from hisab.invoicing.domain.lines import Figures
from hisab.invoicing.domain.note_events import NoteLine
from hisab.invoicing.domain.rules import MAX_PRICE_PLACES, Collector
from hisab.kernel.money import AMOUNT_CEILING, round_to_paisa
from hisab.kernel.text import is_clean_identifier

# s.52(2) of the VAT and SD Act: a credit note whose VAT is above Tk 5,000 supports the supplier's
# decreasing adjustment only if it carries the recipient's details (bangladesh-vat-returns.md §4).
RECIPIENT_DETAILS_ABOVE = Decimal(5000)
MAX_NOTE_LINES = 1000
MAX_REASON_TEXT = 500
MAX_SHOWN_ID = 120


class NoteKind(StrEnum):
    CREDIT = "CREDIT"
    DEBIT = "DEBIT"

    @property
    def marker(self) -> str:
        """What the note's serial carries after the issuing unit: HO/CN/2026-27/000001."""
        return "CN" if self is NoteKind.CREDIT else "DN"

    @property
    def form(self) -> str:
        return "Mushak-6.7" if self is NoteKind.CREDIT else "Mushak-6.8"

    @property
    def noun(self) -> str:
        return "credit note" if self is NoteKind.CREDIT else "debit note"


class CreditReason(StrEnum):
    RETURN = "RETURN"
    PRICE_REDUCTION = "PRICE_REDUCTION"
    QUANTITY_SHORTFALL = "QUANTITY_SHORTFALL"
    # The supply is undone: a credit note of this reason may leave out its lines and credits everything left.
    CANCELLATION = "CANCELLATION"
    OTHER = "OTHER"


class DebitReason(StrEnum):
    PRICE_INCREASE = "PRICE_INCREASE"
    ADDITIONAL_QUANTITY = "ADDITIONAL_QUANTITY"
    OTHER = "OTHER"


REASONS: Mapping[NoteKind, frozenset[str]] = {
    NoteKind.CREDIT: frozenset(CreditReason),
    NoteKind.DEBIT: frozenset(DebitReason),
}
# Reasons whose words the note must carry, since the reason alone says nothing.
_EXPLAINED = frozenset({CreditReason.OTHER.value, DebitReason.OTHER.value})


@dataclass(frozen=True, slots=True)
class NoteLineInput:
    invoice_line_id: str
    quantity: Decimal | None = None
    amount: Decimal | None = None


@dataclass(frozen=True, slots=True)
class NoteRequest:
    kind: NoteKind
    # None: today, in Dhaka.
    note_date: date | None
    reason: str
    reason_text: str | None
    lines: tuple[NoteLineInput, ...]


@dataclass(frozen=True, slots=True)
class AdjustableLine:
    """An invoice line as a note sees it: how it is priced and taxed, and what it carries now."""

    line_id: str
    position: int
    unit_price: Decimal
    supplementary_duty_rate: Decimal
    vat_rate: Decimal
    carried: Figures


@dataclass(frozen=True, slots=True)
class NoteTerms:
    """When a note may be dated: not before the invoice was issued, not after today (in Dhaka), and,
    if the tenant set a limit (none is known in law; bangladesh-vat-returns.md §4), at most that
    many days after the invoice's issue."""

    issued_on: date
    today: date
    max_invoice_age_days: int | None = None


@dataclass(frozen=True, slots=True)
class ValidNote:
    note_date: date
    reason: str
    reason_text: str | None
    lines: tuple[NoteLine, ...]


def validate_note(request: NoteRequest, lines: Mapping[str, AdjustableLine], terms: NoteTerms) -> ValidNote:
    """The note's changes per line, or every broken rule at once (InvalidInputError)."""
    found = Collector()
    note_date = request.note_date or terms.today
    _check_date(note_date, terms, found)
    reason, reason_text = _reason(request, found)
    if request.lines:
        changes = _changes(request, lines, found)
    elif request.kind is NoteKind.CREDIT and reason == CreditReason.CANCELLATION:
        changes = _everything_left(lines)
        if not changes:
            found.add("lines", "nothing_left", "every line of the invoice is credited in full already")
    else:
        found.add("lines", "min_lines", f"a {request.kind.noun} changes at least one line of the invoice")
        changes = ()
    found.raise_any()
    return ValidNote(note_date, reason, reason_text, changes)


def _check_date(day: date, terms: NoteTerms, found: Collector) -> None:
    if day > terms.today:
        found.add("date", "not_in_future", f"the note's date {day} is after today ({terms.today} in Dhaka)")
    if day < terms.issued_on:
        found.add("date", "after_invoice", f"the note's date {day} is before the invoice's issue ({terms.issued_on})")
    limit = terms.max_invoice_age_days
    if limit is not None and (day - terms.issued_on).days > limit:
        found.add(
            "date",
            "invoice_age_limit",
            f"the invoice was issued on {terms.issued_on}; the tenant allows notes at most {limit} days after issue",
        )


def _reason(request: NoteRequest, found: Collector) -> tuple[str, str | None]:
    allowed = REASONS[request.kind]
    if request.reason not in allowed:
        found.add("reason", "reason", f"a {request.kind.noun}'s reason is one of {', '.join(sorted(allowed))}")
    text = found.optional_text(request.reason_text, "reason_text", MAX_REASON_TEXT, multiline=True)
    if request.reason in _EXPLAINED and not (request.reason_text or "").strip():
        found.add("reason_text", "required", "a note for another reason (OTHER) says in words what it is")
    return request.reason, text


def _changes(request: NoteRequest, lines: Mapping[str, AdjustableLine], found: Collector) -> tuple[NoteLine, ...]:
    if len(request.lines) > MAX_NOTE_LINES:
        found.add("lines", "max_lines", f"a note changes at most {MAX_NOTE_LINES} lines")
        return ()
    changes: list[NoteLine] = []
    seen: set[str] = set()
    for index, given in enumerate(request.lines):
        path = f"lines[{index}]"
        line = lines.get(given.invoice_line_id)
        if line is None:
            found.add(
                f"{path}.invoice_line_id", "invoice_line", f"the invoice has no line {_shown(given.invoice_line_id)}"
            )
            continue
        if given.invoice_line_id in seen:
            found.add(f"{path}.invoice_line_id", "duplicate_line", f"line {line.position} is named twice in the note")
            continue
        seen.add(given.invoice_line_id)
        change = _change(request.kind, given, line, path, found)
        if change is not None:
            changes.append(change)
    return tuple(changes)


def _change(kind: NoteKind, given: NoteLineInput, line: AdjustableLine, path: str, found: Collector) -> NoteLine | None:
    if (given.quantity is None) == (given.amount is None):
        given_both = given.quantity is not None
        wrong = "both a quantity and an amount are given" if given_both else "neither a quantity nor an amount is given"
        found.add(path, "quantity_or_amount", f"line {line.position}: {wrong}; give exactly one of them")
        return None
    if given.quantity is not None:
        quantity, field = given.quantity, f"{path}.quantity"
        if not found.decimal(quantity, field, places=MAX_QUANTITY_PLACES, positive=True, ceiling=AMOUNT_CEILING):
            return None
        value = round_to_paisa(quantity * line.unit_price)
    else:
        assert given.amount is not None
        if not found.decimal(
            given.amount, f"{path}.amount", places=MAX_PRICE_PLACES, positive=True, ceiling=AMOUNT_CEILING
        ):
            return None
        # Held to the paisa like every amount: 1000 is 1000.00 in the event and on every backend.
        value, quantity, field = round_to_paisa(given.amount), Decimal(0), f"{path}.amount"
    if not value:
        found.add(field, "positive", f"line {line.position}: {_plain(quantity)} at {line.unit_price} is worth 0.00")
        return None
    if kind is NoteKind.CREDIT:
        return _credit(line, quantity, value, field, found)
    return _debit(line, quantity, value, field, found)


def _credit(line: AdjustableLine, quantity: Decimal, value: Decimal, field: str, found: Collector) -> NoteLine | None:
    carried = line.carried
    if carried.is_nil:
        # A note of nothing would take a serial and change no figure of the return.
        found.add(field, "more_than_remains", f"{_remains(line)}: nothing is left to credit")
        return None
    if quantity > carried.quantity:
        found.add(field, "more_than_remains", f"{_remains(line)}; a quantity of {_plain(quantity)} is more than that")
        return None
    if quantity and quantity == carried.quantity:
        # The rest of the line's quantity: all of its value goes with it, whatever notes changed the price.
        return NoteLine(line.line_id, quantity, carried.value, carried.supplementary_duty, carried.vat)
    if value > carried.value:
        found.add(field, "more_than_remains", f"{_remains(line)}; crediting a value of {value} is more than that")
        return None
    if value == carried.value:
        # The last of the line: exactly what remains of every amount, so nothing is left behind.
        return NoteLine(line.line_id, quantity, carried.value, carried.supplementary_duty, carried.vat)
    duty, vat = _taxes(value, line)
    return NoteLine(line.line_id, quantity, value, min(duty, carried.supplementary_duty), min(vat, carried.vat))


def _remains(line: AdjustableLine) -> str:
    carried = line.carried
    return (
        f"line {line.position} carries a quantity of {_plain(carried.quantity)} and a value of {carried.value} "
        f"(SD {carried.supplementary_duty}, VAT {carried.vat}) after earlier notes"
    )


def _shown(line_id: str) -> str:
    """A caller's line id in a message only when it could be one: never a screenful, never a control character."""
    return repr(line_id) if is_clean_identifier(line_id, MAX_SHOWN_ID) else "of that id"


def _plain(quantity: Decimal) -> str:
    """3 rather than 3.0000: a quantity as a person writes it."""
    return f"{quantity.normalize():f}"


def _debit(line: AdjustableLine, quantity: Decimal, value: Decimal, field: str, found: Collector) -> NoteLine | None:
    duty, vat = _taxes(value, line)
    if line.carried.total + value + duty + vat >= AMOUNT_CEILING:
        found.add(field, "amount_ceiling", f"line {line.position} would carry 10^13 Taka or more")
        return None
    return NoteLine(line.line_id, quantity, value, duty, vat)


def _taxes(value: Decimal, line: AdjustableLine) -> tuple[Decimal, Decimal]:
    """SD on the value, VAT on value plus SD, each rounded half-up: the invoice line's own arithmetic."""
    duty = round_to_paisa(value * line.supplementary_duty_rate)
    return duty, round_to_paisa((value + duty) * line.vat_rate)


def _everything_left(lines: Mapping[str, AdjustableLine]) -> tuple[NoteLine, ...]:
    left = sorted((line for line in lines.values() if not line.carried.is_nil), key=lambda line: line.position)
    return tuple(
        NoteLine(
            line.line_id,
            line.carried.quantity,
            line.carried.value,
            line.carried.supplementary_duty,
            line.carried.vat,
        )
        for line in left
    )


def note_warnings(kind: NoteKind, vat: Decimal, buyer_bin: str | None) -> tuple[str, ...]:
    """What the issuer should know about a valid note: issued all the same, as the law allows."""
    if kind is NoteKind.CREDIT and vat > RECIPIENT_DETAILS_ABOVE and buyer_bin is None:
        return (
            f"the invoice names no buyer BIN: a credit note of more than {RECIPIENT_DETAILS_ABOVE} Taka of VAT "
            "supports no decreasing adjustment in the return without the recipient's details (s.52(2))",
        )
    return ()


def nothing_left(lines: Mapping[str, AdjustableLine]) -> bool:
    return all(line.carried.is_nil for line in lines.values())
