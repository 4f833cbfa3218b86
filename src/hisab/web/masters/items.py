"""Items: the list (search as you type, keyset pages), an item's facts, its form, deactivation."""

from __future__ import annotations

from decimal import Decimal
from urllib.parse import urlencode

from starlette.responses import Response
from starlette.routing import BaseRoute

from hisab.edge.permissions import Permission
from hisab.invoicing.application.dependencies import Invoicing
from hisab.invoicing.application.item_views import ItemView
from hisab.invoicing.application.items import (
    CreateItem,
    DeactivateItem,
    ListItems,
    UpdateItem,
    create_item,
    deactivate_item,
    encode_item_cursor,
    get_item,
    list_items,
    update_item,
)
from hisab.invoicing.application.ports import ItemFilter
from hisab.invoicing.domain.item import ItemInput, validate_item
from hisab.kernel.errors import ConcurrencyError, InvalidInputError
from hisab.kernel.fiscal_year import BANGLADESH_TIME
from hisab.kernel.vat import VATCategory
from hisab.web.masters.forms import FormReader
from hisab.web.masters.parties import ACTIVE, PAGE_SIZE
from hisab.web.pages import Page, Web

CATEGORIES = {
    VATCategory.STANDARD: "Standard", VATCategory.REDUCED: "Reduced", VATCategory.TRUNCATED: "Truncated",
    VATCategory.ZERO_RATED: "Zero-rated", VATCategory.EXEMPT: "Exempt",
}  # fmt: skip


def routes(web: Web) -> list[BaseRoute]:
    read, write = Permission.INVOICE_READ, Permission.INVOICE_CREATE
    return [
        web.page("/items", item_list, read),
        web.page("/items/new", new_item, write, methods=("GET", "POST")),
        web.page("/items/{item_id}", item_facts, read),
        web.page("/items/{item_id}/edit", edit_item, write, methods=("GET", "POST")),
        web.page("/items/{item_id}/deactivate", deactivate, write, methods=("GET", "POST")),
    ]


async def item_list(page: Page) -> Response:
    query = page.request.query_params
    status = query.get("status", "active")
    search = query.get("search", "").strip()
    where = ItemFilter(search=search or None, active=ACTIVE.get(status, True))
    found = await list_items(
        ListItems(where, PAGE_SIZE, query.get("after") or None), page.actor, page.services.get(Invoicing)
    )
    next_url = None
    if found.has_next_page and found.items:
        after = encode_item_cursor(found.items[-1])
        next_url = "/items?" + urlencode({"search": search, "status": status, "after": after})
    return await page.render(
        "items/list.html", block="results", items=found.items, next_url=next_url, search=search, state=status,
        categories=_categories(page),
    )  # fmt: skip


def _categories(page: Page) -> dict[str, str]:
    return {category.value: page.t(text) for category, text in CATEGORIES.items()}


async def item_facts(page: Page) -> Response:
    view = await get_item(page.request.path_params["item_id"], page.actor, page.services.get(Invoicing))
    return await page.render("items/show.html", item=view, categories=_categories(page))


def _values(view: ItemView) -> dict[str, object]:
    d = view.details
    return {
        "code": d.code, "name": d.name, "name_bn": d.name_bn, "hs_code": d.hs_code, "service_code": d.service_code,
        "unit_of_supply": d.unit_of_supply, "unit_price": d.unit_price, "vat_category": d.vat_category.value,
        "vat_rate": d.vat_rate, "supplementary_duty_rate": d.supplementary_duty_rate,
        "expected_version": view.version,
    }  # fmt: skip


def _read(reader: FormReader) -> ItemInput:
    category = reader.text("vat_category")
    return ItemInput(
        code=reader.text("code"), name=reader.text("name"), unit_price=reader.decimal("unit_price") or Decimal(0),
        name_bn=reader.optional("name_bn"), hs_code=reader.optional("hs_code"),
        service_code=reader.optional("service_code"), unit_of_supply=reader.optional("unit_of_supply"),
        vat_category=VATCategory(category) if category in VATCategory.__members__ else VATCategory.STANDARD,
        vat_rate=reader.decimal("vat_rate"), supplementary_duty_rate=reader.decimal("supplementary_duty_rate"),
    )  # fmt: skip


def _unreadable(page: Page, reader: FormReader, given: ItemInput) -> dict[str, str]:
    """Fields that did not parse, with what the domain says of the rest (nothing is saved)."""
    if not reader.text("unit_price") and "unit_price" not in reader.errors:
        reader.errors["unit_price"] = page.t("Write the price.")
    if not reader.errors:
        return {}
    invoicing = page.services.get(Invoicing)
    try:
        validate_item(given, invoicing.rates, invoicing.clock().astimezone(BANGLADESH_TIME).date())
    except InvalidInputError as error:
        return {**page.field_errors(error), **reader.errors}
    return reader.errors


async def _form(page: Page, values: dict[str, object], errors: dict[str, str], item: ItemView | None,
                status: int = 200, stale: bool = False) -> Response:  # fmt: skip
    return await page.render(
        "items/form.html", status=status, values=values, errors=errors, item=item, stale=stale,
        categories=_categories(page),
    )  # fmt: skip


async def new_item(page: Page) -> Response:
    if page.request.method == "GET":
        return await _form(page, {"vat_category": "STANDARD"}, {}, None)
    reader = FormReader(page, await page.form())
    given = _read(reader)
    errors = _unreadable(page, reader, given)
    if not errors:
        try:
            view = await create_item(CreateItem(given), page.actor, page.services.get(Invoicing))
        except InvalidInputError as error:
            errors = page.field_errors(error)
        else:
            return page.redirect(f"/items/{view.item_id}", flash=page.t("The item is saved."))
    return await _form(page, reader.values, errors, None, status=400)


async def edit_item(page: Page) -> Response:
    invoicing = page.services.get(Invoicing)
    view = await get_item(page.request.path_params["item_id"], page.actor, invoicing)
    if page.request.method == "GET":
        return await _form(page, _values(view), {}, view)
    reader = FormReader(page, await page.form())
    given = _read(reader)
    errors = _unreadable(page, reader, given)
    stale = False
    if not errors:
        changes = {name: getattr(given, name) for name in ItemInput.__dataclass_fields__}
        try:
            saved = await update_item(UpdateItem(view.item_id, reader.version(), changes), page.actor, invoicing)
        except InvalidInputError as error:
            errors = page.field_errors(error)
        except ConcurrencyError:
            stale = True
            reader.values["expected_version"] = view.version
        else:
            return page.redirect(f"/items/{saved.item_id}", flash=page.t("The item is saved."))
    return await _form(page, reader.values, errors, view, status=409 if stale else 400, stale=stale)


async def deactivate(page: Page) -> Response:
    invoicing = page.services.get(Invoicing)
    view = await get_item(page.request.path_params["item_id"], page.actor, invoicing)
    if page.request.method == "GET":
        return await page.render("items/deactivate.html", item=view)
    reader = FormReader(page, await page.form())
    await deactivate_item(DeactivateItem(view.item_id, reader.version()), page.actor, invoicing)
    return page.redirect(f"/items/{view.item_id}", flash=page.t("The item is deactivated."))
