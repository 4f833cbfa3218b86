"""`hisab relay`: publish the outbox to Kafka; `status` and `inspect` for operators."""

from __future__ import annotations

import asyncio
import json
import logging
import signal
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Annotated

import typer

from hisab.bootstrap import kafka_options, open_outbox, open_relay
from hisab.config import ConfigurationError, Settings
from hisab.event_store.adapters.codec import decode_event
from hisab.event_store.outbox import PoisonEventError
from hisab.infrastructure.migrations import SchemaNotAtHeadError

relay = typer.Typer(
    help="Publish domain events from the outbox to Kafka (docs/events.md). Without a subcommand: run the relay.",
    invoke_without_command=True,
)
POISON_EXIT_CODE = 2


def _fail(message: str, code: int = 1) -> typer.Exit:
    typer.secho(f"error: {message}", fg=typer.colors.RED, err=True)
    return typer.Exit(code=code)


@relay.callback()
def run(ctx: typer.Context) -> None:
    """Run the relay until SIGTERM or Ctrl-C. Several may run: one publishes, the others wait."""
    if ctx.invoked_subcommand is not None:
        return
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        asyncio.run(_run(Settings()))
    except (ConfigurationError, SchemaNotAtHeadError) as error:
        raise _fail(str(error)) from error
    except PoisonEventError as poison:
        hint = f"inspect it with `hisab relay inspect {poison.position}`"
        raise _fail(f"the relay stopped: {poison}; {hint}", POISON_EXIT_CODE) from poison


async def _run(settings: Settings) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    async with open_relay(settings) as relay_:
        typer.echo(f"relay for topic {settings.kafka_topic} at {settings.kafka_bootstrap}; stop with Ctrl-C")
        await relay_.run(stop)
    typer.echo("relay stopped")


@relay.command()
def status() -> None:
    """Print the relay's recorded state and backlog; exit 1 unless a live relay is publishing."""
    settings = Settings()
    try:
        topic = kafka_options(settings).topic
        lines, healthy = asyncio.run(_status(settings, topic))
    except (ConfigurationError, SchemaNotAtHeadError) as error:
        raise _fail(str(error)) from error
    for label, value in lines:
        typer.echo(f"{label:<10} {value}")
    if not healthy:
        raise typer.Exit(code=1)


async def _status(settings: Settings, topic: str) -> tuple[list[tuple[str, str]], bool]:
    outbox = await open_outbox(settings)
    try:
        record = await outbox.record(topic)
        backlog = await outbox.backlog(record.position if record else 0)
    finally:
        await outbox.close()
    age = (datetime.now(UTC) - backlog.oldest).total_seconds() if backlog.oldest else 0.0
    waiting = ("topic", topic), ("backlog", f"{backlog.events} events, the oldest {age:.1f} s old")
    if record is None:
        return [*waiting, ("status", "never ran")], False
    leader = f"{record.owner} (lease {record.lease_seconds_left:.1f} s left)" if record.lease_seconds_left else "none"
    lines = [*waiting, ("status", record.status), ("leader", leader), ("position", str(record.position)),
             ("updated", record.updated_at.isoformat()), ("detail", record.detail or "-")]  # fmt: skip
    return lines, record.status == "publishing" and record.lease_seconds_left > 0


@relay.command()
def inspect(
    position: Annotated[int | None, typer.Argument(help="Global position; default: the next one to publish.")] = None,
) -> None:
    """Print a stored event as it is, and whether this version of Hisab can publish it."""
    try:
        raw, error = asyncio.run(_inspect(Settings(), position))
    except (ConfigurationError, SchemaNotAtHeadError) as failure:
        raise _fail(str(failure)) from failure
    if raw is None:
        raise _fail("no event at that position")
    typer.echo(json.dumps(raw, ensure_ascii=False, indent=2))
    if error is not None:
        raise _fail(f"this event cannot be published: {error}")
    typer.echo("this event decodes and can be published")


async def _inspect(settings: Settings, position: int | None) -> tuple[dict[str, object] | None, str | None]:
    outbox = await open_outbox(settings)
    try:
        if position is None:
            record = await outbox.record(kafka_options(settings).topic)
            position = (record.position if record else 0) + 1
        raw = await outbox.inspect(position)
    finally:
        await outbox.close()
    if raw is None:
        return None, None
    try:
        decode_event(raw.event_type, raw.payload)
    except Exception as error:  # whatever the decoder raises is what stopped the relay
        return asdict(raw), f"{error.__class__.__name__}: {error}"
    return asdict(raw), None
