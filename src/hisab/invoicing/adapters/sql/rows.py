"""Invoice views to table rows and back, for either database."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from hisab.event_store.adapters.sql.values import ValueCodec
from hisab.invoicing.application.views import InvoiceView, search_text
from hisab.invoicing.domain.invoice import InvoiceStatus, Line, Totals
from hisab.invoicing.domain.lines import Figures, LineAmounts
from hisab.kernel.money import from_paisa, to_paisa
from hisab.kernel.vat import VATCategory

INVOICE_COLUMNS = (
    "tenant_id", "invoice_id", "sequence", "invoice_number", "status", "vendor_id", "customer_id",
    "vendor_tin", "vendor_bin", "customer_tin", "customer_bin", "invoice_date", "due_date", "fiscal_year",
    "currency", "subtotal_paisa", "supplementary_duty_paisa", "vat_paisa", "grand_total_paisa",
    "advance_income_tax_paisa", "net_receivable_paisa", "mushak_number", "issued_at", "cancelled_at",
    "cancellation_reason", "created_at", "updated_at", "created_by", "approved_by", "cancelled_by", "version",
    "buyer_name", "buyer_address", "delivery_destination", "print_count", "customer_party_id", "search_text",
)  # fmt: skip

LINE_COLUMNS = (
    "tenant_id", "invoice_id", "position", "line_id", "description", "quantity", "unit_price_paisa",
    "vat_category", "vat_rate", "supplementary_duty_rate", "advance_income_tax_rate", "hs_code",
    "unit_of_supply", "value_paisa", "supplementary_duty_paisa", "vat_paisa", "advance_income_tax_paisa",
    "item_id", "service_code", "project", "cost_center",
    "credited_quantity", "credited_value_paisa", "credited_supplementary_duty_paisa", "credited_vat_paisa",
    "debited_quantity", "debited_value_paisa", "debited_supplementary_duty_paisa", "debited_vat_paisa",
)  # fmt: skip

# sqlite3.Row and asyncpg.Record: both index by column name and by position.
Row = Any


def invoice_row(view: InvoiceView, codec: ValueCodec) -> tuple[Any, ...]:
    totals = view.totals
    return (
        view.tenant_id, view.invoice_id, view.sequence, view.invoice_number, view.status.value,
        view.vendor_id, view.customer_id, view.vendor_tin, view.vendor_bin, view.customer_tin,
        view.customer_bin, codec.date_in(view.invoice_date), codec.date_in(view.due_date), view.fiscal_year,
        view.currency, to_paisa(totals.subtotal), to_paisa(totals.supplementary_duty), to_paisa(totals.vat),
        to_paisa(totals.grand_total), to_paisa(totals.advance_income_tax), to_paisa(totals.net_receivable),
        view.mushak_number, _optional(codec.datetime_in, view.issued_at),
        _optional(codec.datetime_in, view.cancelled_at),
        view.cancellation_reason, codec.datetime_in(view.created_at), codec.datetime_in(view.updated_at),
        view.created_by, view.approved_by, view.cancelled_by, view.version,
        view.buyer_name, view.buyer_address, view.delivery_destination, view.print_count,
        view.customer_party_id, search_text(view),
    )  # fmt: skip


def line_row(view: InvoiceView, line: Line, codec: ValueCodec) -> tuple[Any, ...]:
    return (
        view.tenant_id, view.invoice_id, line.position, line.line_id, line.description,
        codec.decimal_in(line.quantity), to_paisa(line.unit_price), line.vat_category.value,
        codec.decimal_in(line.vat_rate), codec.decimal_in(line.supplementary_duty_rate),
        codec.decimal_in(line.advance_income_tax_rate), line.hs_code, line.unit_of_supply,
        to_paisa(line.amounts.value), to_paisa(line.amounts.supplementary_duty), to_paisa(line.amounts.vat),
        to_paisa(line.amounts.advance_income_tax), line.item_id, line.service_code, line.project, line.cost_center,
        *figures_in(line.credited, codec), *figures_in(line.debited, codec),
    )  # fmt: skip


def figures_in(figures: Figures, codec: ValueCodec) -> tuple[Any, ...]:
    """A quantity and amounts as columns: `<prefix>quantity`, then value, SD and VAT in paisa."""
    return (
        codec.decimal_in(figures.quantity),
        to_paisa(figures.value),
        to_paisa(figures.supplementary_duty),
        to_paisa(figures.vat),
    )


def figures_out(row: Row, prefix: str, codec: ValueCodec) -> Figures:
    return Figures(
        codec.decimal_out(row[f"{prefix}quantity"]),
        from_paisa(row[f"{prefix}value_paisa"]),
        from_paisa(row[f"{prefix}supplementary_duty_paisa"]),
        from_paisa(row[f"{prefix}vat_paisa"]),
    )


def view_from_rows(row: Row, lines: Sequence[Row], codec: ValueCodec) -> InvoiceView:
    return InvoiceView(
        tenant_id=row["tenant_id"],
        invoice_id=row["invoice_id"],
        sequence=row["sequence"],
        invoice_number=row["invoice_number"],
        status=InvoiceStatus(row["status"]),
        vendor_id=row["vendor_id"],
        customer_id=row["customer_id"],
        vendor_tin=row["vendor_tin"],
        vendor_bin=row["vendor_bin"],
        customer_tin=row["customer_tin"],
        customer_bin=row["customer_bin"],
        buyer_name=row["buyer_name"],
        buyer_address=row["buyer_address"],
        delivery_destination=row["delivery_destination"],
        invoice_date=codec.date_out(row["invoice_date"]),
        due_date=codec.date_out(row["due_date"]),
        fiscal_year=row["fiscal_year"],
        currency=row["currency"],
        totals=Totals(
            subtotal=from_paisa(row["subtotal_paisa"]),
            supplementary_duty=from_paisa(row["supplementary_duty_paisa"]),
            vat=from_paisa(row["vat_paisa"]),
            grand_total=from_paisa(row["grand_total_paisa"]),
            advance_income_tax=from_paisa(row["advance_income_tax_paisa"]),
            net_receivable=from_paisa(row["net_receivable_paisa"]),
        ),
        mushak_number=row["mushak_number"],
        issued_at=_optional(codec.datetime_out, row["issued_at"]),
        cancelled_at=_optional(codec.datetime_out, row["cancelled_at"]),
        cancellation_reason=row["cancellation_reason"],
        created_at=codec.datetime_out(row["created_at"]),
        updated_at=codec.datetime_out(row["updated_at"]),
        created_by=row["created_by"],
        approved_by=row["approved_by"],
        cancelled_by=row["cancelled_by"],
        version=row["version"],
        print_count=row["print_count"],
        lines=tuple(_line_view(line, codec) for line in lines),
        customer_party_id=row["customer_party_id"],
    )


def _line_view(row: Row, codec: ValueCodec) -> Line:
    return Line(
        line_id=row["line_id"],
        position=row["position"],
        description=row["description"],
        quantity=codec.decimal_out(row["quantity"]),
        unit_price=from_paisa(row["unit_price_paisa"]),
        vat_category=VATCategory(row["vat_category"]),
        vat_rate=codec.decimal_out(row["vat_rate"]),
        supplementary_duty_rate=codec.decimal_out(row["supplementary_duty_rate"]),
        advance_income_tax_rate=codec.decimal_out(row["advance_income_tax_rate"]),
        hs_code=row["hs_code"],
        unit_of_supply=row["unit_of_supply"],
        amounts=LineAmounts(
            value=from_paisa(row["value_paisa"]),
            supplementary_duty=from_paisa(row["supplementary_duty_paisa"]),
            vat=from_paisa(row["vat_paisa"]),
            advance_income_tax=from_paisa(row["advance_income_tax_paisa"]),
        ),
        item_id=row["item_id"],
        service_code=row["service_code"],
        project=row["project"],
        cost_center=row["cost_center"],
        credited=figures_out(row, "credited_", codec),
        debited=figures_out(row, "debited_", codec),
    )


def _optional(convert: Callable[[Any], Any], value: Any) -> Any:
    return None if value is None else convert(value)
