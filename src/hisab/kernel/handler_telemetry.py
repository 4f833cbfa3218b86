"""Command handlers, observed: a span naming the tenant and invoice, and a count by outcome."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import Protocol, TypeAlias, TypeVar

from hisab.event_store.messages import Actor
from hisab.invoicing.application.views import InvoiceView
from hisab.kernel.errors import Outcome, outcome_of
from hisab.kernel.telemetry import Attribute
from hisab.services import Services

C = TypeVar("C")
Handler: TypeAlias = Callable[[C, Actor, Services], Awaitable[InvoiceView]]


class ActsOnInvoice(Protocol):
    @property
    def invoice_id(self) -> str: ...


A = TypeVar("A", bound=ActsOnInvoice)


def observed(command: str) -> Callable[[Handler[C]], Handler[C]]:
    """Observe a handler; the span learns the invoice id from the invoice it returns."""
    return lambda handler: _observing(command, handler, None)


def observed_change(command: str) -> Callable[[Handler[A]], Handler[A]]:
    """Observe a handler of a command that names the invoice it changes."""
    return lambda handler: _observing(command, handler, lambda subject: subject.invoice_id)


def _observing(command: str, handler: Handler[C], target: Callable[[C], str] | None) -> Handler[C]:
    @functools.wraps(handler)
    async def observe(subject: C, actor: Actor, services: Services) -> InvoiceView:
        attributes: dict[str, Attribute] = {
            "hisab.command": command,
            "hisab.tenant_id": actor.tenant_id,
            "hisab.user_id": actor.user_id,
        }
        if target is not None:
            attributes["hisab.invoice_id"] = target(subject)
        with services.tracer.span(f"command {command}", attributes) as span:
            try:
                view = await handler(subject, actor, services)
            except Exception as error:
                outcome = outcome_of(error)
                span.set_attribute("hisab.outcome", outcome.value)
                services.metrics.command_handled(command, outcome.value)
                raise
            span.set_attribute("hisab.invoice_id", view.invoice_id)
            span.set_attribute("hisab.outcome", Outcome.OK.value)
            services.metrics.command_handled(command, Outcome.OK.value)
            return view

    return observe
