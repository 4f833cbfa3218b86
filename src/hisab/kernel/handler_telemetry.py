"""Command handlers, traced: a span naming the tenant and the subject, and a count by outcome."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import Any, Protocol, TypeAlias, TypeVar

from hisab.kernel.errors import Outcome, outcome_of
from hisab.kernel.telemetry import Attribute, Telemetry

C = TypeVar("C")
R = TypeVar("R")


class Caller(Protocol):
    @property
    def tenant_id(self) -> str: ...

    @property
    def user_id(self) -> str: ...


class Traced(Protocol):
    """A context's dependencies: whatever else they hold, they carry its telemetry."""

    @property
    def telemetry(self) -> Telemetry: ...


A = TypeVar("A", bound=Caller)
D = TypeVar("D", bound=Traced)
Handler: TypeAlias = Callable[[C, A, D], Awaitable[R]]


def traced_handler(
    command: str, subject: str, *, named_by: Callable[[Any], str] | None = None, found_in: Callable[[R], str]
) -> Callable[[Handler[C, A, D, R]], Handler[C, A, D, R]]:
    """Trace a handler whose `subject` (`invoice`) the command names (`named_by`) or the result tells (`found_in`)."""
    key = f"hisab.{subject}_id"

    def decorate(handler: Handler[C, A, D, R]) -> Handler[C, A, D, R]:
        @functools.wraps(handler)
        async def traced(subject_command: C, actor: A, dependencies: D) -> R:
            telemetry = dependencies.telemetry
            attributes: dict[str, Attribute] = {
                "hisab.command": command,
                "hisab.tenant_id": actor.tenant_id,
                "hisab.user_id": actor.user_id,
            }
            if named_by is not None:
                attributes[key] = named_by(subject_command)
            with telemetry.tracer.span(f"command {command}", attributes) as span:
                try:
                    result = await handler(subject_command, actor, dependencies)
                except Exception as error:
                    outcome = outcome_of(error)
                    span.set_attribute("hisab.outcome", outcome.value)
                    telemetry.metrics.command_handled(command, outcome.value)
                    raise
                span.set_attribute(key, found_in(result))
                span.set_attribute("hisab.outcome", Outcome.OK.value)
                telemetry.metrics.command_handled(command, Outcome.OK.value)
                return result

        return traced

    return decorate
