"""Customers and suppliers: the list (filters, search as you type, keyset pages), a party's facts, its form."""

from __future__ import annotations

from decimal import Decimal
from urllib.parse import urlencode

from starlette.responses import Response
from starlette.routing import BaseRoute

from hisab.edge.permissions import Permission
from hisab.invoicing.application.dependencies import Invoicing
from hisab.invoicing.application.parties import (
    DeactivateParty,
    ListParties,
    PartyView,
    UpdateParty,
    create_party,
    deactivate_party,
    encode_party_cursor,
    get_party,
    list_parties,
    update_party,
)
from hisab.invoicing.application.ports import PartyFilter
from hisab.invoicing.domain.party import PartyInput, PartyKind, validate_party
from hisab.kernel.errors import ConcurrencyError, InvalidInputError
from hisab.kernel.identifiers import format_bin
from hisab.web.masters.forms import FormReader
from hisab.web.pages import Page, Web

PAGE_SIZE = 20
ACTIVE = {"active": True, "inactive": False, "all": None}


def routes(web: Web) -> list[BaseRoute]:
    read, write = Permission.INVOICE_READ, Permission.INVOICE_CREATE
    return [
        web.page("/parties", party_list, read),
        web.page("/parties/new", new_party, write, methods=("GET", "POST")),
        web.page("/parties/{party_id}", party_facts, read),
        web.page("/parties/{party_id}/edit", edit_party, write, methods=("GET", "POST")),
        web.page("/parties/{party_id}/deactivate", deactivate, write, methods=("GET", "POST")),
    ]


async def party_list(page: Page) -> Response:
    query = page.request.query_params
    kind = query.get("kind", "")
    status = query.get("status", "active")
    search = query.get("search", "").strip()
    where = PartyFilter(
        kinds=(PartyKind(kind),) if kind in PartyKind.__members__ else (),
        search=search or None,
        active=ACTIVE.get(status, True),
    )
    found = await list_parties(
        ListParties(where, PAGE_SIZE, query.get("after") or None), page.actor, page.services.get(Invoicing)
    )
    next_url = None
    if found.has_next_page and found.parties:
        after = encode_party_cursor(found.parties[-1])
        next_url = "/parties?" + urlencode({"search": search, "kind": kind, "status": status, "after": after})
    return await page.render(
        "parties/list.html", block="results", parties=found.parties, next_url=next_url,
        search=search, kind=kind, state=status, bin=format_bin,
    )  # fmt: skip


async def party_facts(page: Page) -> Response:
    view = await get_party(page.request.path_params["party_id"], page.actor, page.services.get(Invoicing))
    return await page.render("parties/show.html", party=view, bin=format_bin)


def _values(view: PartyView) -> dict[str, object]:
    d = view.details
    return {
        "code": d.code, "kind": [k.value for k in d.kinds], "legal_name": d.legal_name,
        "legal_name_bn": d.legal_name_bn, "bin": format_bin(d.bin) if d.bin else "", "tin": d.tin, "nid": d.nid,
        "address": d.address, "address_bn": d.address_bn, "phone": d.phone, "email": d.email,
        "withholding_entity": d.withholding_entity, "credit_days": d.credit_days, "credit_limit": d.credit_limit,
        "expected_version": view.version,
    }  # fmt: skip


def _read(page: Page, reader: FormReader) -> PartyInput:
    kinds = tuple(
        PartyKind(k) for k in reader.form.getlist("kind") if isinstance(k, str) and k in PartyKind.__members__
    )
    reader.values["kind"] = [k.value for k in kinds]
    reader.values["withholding_entity"] = "withholding_entity" in reader.form
    return PartyInput(
        code=reader.text("code"), kinds=kinds, legal_name=reader.text("legal_name"),
        legal_name_bn=reader.optional("legal_name_bn"), bin=reader.optional("bin"), tin=reader.optional("tin"),
        nid=reader.optional("nid"), address=reader.optional("address"), address_bn=reader.optional("address_bn"),
        phone=reader.optional("phone"), email=reader.optional("email"),
        withholding_entity="withholding_entity" in reader.form, credit_days=reader.whole("credit_days"),
        credit_limit=reader.decimal("credit_limit") or Decimal(0),
    )  # fmt: skip


def _unreadable(page: Page, reader: FormReader, given: PartyInput) -> dict[str, str]:
    """Fields that did not parse, with what the domain says of the rest (nothing is saved)."""
    if not reader.errors:
        return {}
    try:
        validate_party(given)
    except InvalidInputError as error:
        return {**page.field_errors(error), **reader.errors}
    return reader.errors


async def new_party(page: Page) -> Response:
    if page.request.method == "GET":
        return await page.render("parties/form.html", values={"kind": ["CUSTOMER"]}, errors={}, party=None, stale=False)
    reader = FormReader(page, await page.form())
    given = _read(page, reader)
    errors = _unreadable(page, reader, given)
    if not errors:
        try:
            view = await create_party(given, page.actor, page.services.get(Invoicing))
        except InvalidInputError as error:
            errors = page.field_errors(error)
        else:
            return page.redirect(f"/parties/{view.party_id}", flash=page.t("The party is saved."))
    return await page.render(
        "parties/form.html", status=400, values=reader.values, errors=errors, party=None, stale=False
    )


async def edit_party(page: Page) -> Response:
    invoicing = page.services.get(Invoicing)
    view = await get_party(page.request.path_params["party_id"], page.actor, invoicing)
    if page.request.method == "GET":
        return await page.render("parties/form.html", values=_values(view), errors={}, party=view, stale=False)
    reader = FormReader(page, await page.form())
    given = _read(page, reader)
    errors = _unreadable(page, reader, given)
    stale = False
    if not errors:
        changes = {name: getattr(given, name) for name in PartyInput.__dataclass_fields__}
        try:
            saved = await update_party(UpdateParty(view.party_id, reader.version(), changes), page.actor, invoicing)
        except InvalidInputError as error:
            errors = page.field_errors(error)
        except ConcurrencyError:
            stale = True
            reader.values["expected_version"] = view.version
        else:
            return page.redirect(f"/parties/{saved.party_id}", flash=page.t("The party is saved."))
    return await page.render(
        "parties/form.html", status=409 if stale else 400, values=reader.values, errors=errors, party=view,
        stale=stale, bin=format_bin,
    )  # fmt: skip


async def deactivate(page: Page) -> Response:
    invoicing = page.services.get(Invoicing)
    view = await get_party(page.request.path_params["party_id"], page.actor, invoicing)
    if page.request.method == "GET":
        return await page.render("parties/deactivate.html", party=view)
    reader = FormReader(page, await page.form())
    await deactivate_party(DeactivateParty(view.party_id, reader.version()), page.actor, invoicing)
    return page.redirect(f"/parties/{view.party_id}", flash=page.t("The party is deactivated."))
