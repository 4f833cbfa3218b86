"""Reading a master's form: text as typed, numbers as exact decimals, and what could not be read, by field."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from starlette.datastructures import FormData

from hisab.web.pages import Page


class FormReader:
    """The submitted values, kept as typed for showing the form again, and the fields that did not parse."""

    def __init__(self, page: Page, form: FormData) -> None:
        self.page = page
        self.values: dict[str, object] = {k: v for k, v in form.items() if isinstance(v, str)}
        self.form = form
        self.errors: dict[str, str] = {}

    def text(self, name: str) -> str:
        return str(self.form.get(name, "")).strip()

    def optional(self, name: str) -> str | None:
        return self.text(name) or None

    def decimal(self, name: str) -> Decimal | None:
        raw = self.text(name).replace(",", "")
        if not raw:
            return None
        try:
            value = Decimal(raw)
        except InvalidOperation:
            value = Decimal("NaN")
        if not value.is_finite():
            self.errors[name] = self.page.t("Write a number, such as 1500.50.")
            return None
        return value

    def whole(self, name: str) -> int:
        raw = self.text(name)
        if not raw:
            return 0
        if not (raw.isascii() and raw.isdigit() and len(raw) < 10):
            self.errors[name] = self.page.t("Write a whole number.")
            return 0
        return int(raw)

    def version(self) -> int | None:
        raw = self.text("expected_version")
        return int(raw) if raw.isascii() and raw.isdigit() else None
