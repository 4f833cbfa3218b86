"""`hisab consume`: an example consumer that prints events and checks that each round-trips."""

from __future__ import annotations

from typing import Annotated

import typer
from confluent_kafka import KafkaException

from hisab.bootstrap import open_consumer
from hisab.config import ConfigurationError, Settings
from hisab.infrastructure.kafka.envelope import EnvelopeError


def consume(
    print_: Annotated[bool, typer.Option("--print/--quiet", help="Print each envelope as a JSON line.")] = True,
    group: Annotated[
        str | None, typer.Option(help="Consumer group (offsets committed); default: read everything, commit nothing.")
    ] = None,
    max_events: Annotated[int | None, typer.Option(help="Stop after this many events.")] = None,
    idle_exit: Annotated[float | None, typer.Option(help="Stop after this many seconds without an event.")] = None,
) -> None:
    """Read the events topic; exit 1 if an envelope does not decode back to the same event."""
    try:
        consumer = open_consumer(Settings(), group)
        count, broken = 0, 0
        for received in consumer.events(max_events, idle_exit):
            count += 1
            if print_:
                typer.echo(received.value.decode())
            if not received.round_trips:
                broken += 1
                typer.secho(f"position {received.stored.position} does not round-trip", fg=typer.colors.RED, err=True)
    except (ConfigurationError, EnvelopeError, KafkaException) as error:
        typer.secho(f"error: {error}", fg=typer.colors.RED, err=True)
        raise typer.Exit(code=1) from error
    typer.echo(f"{count} events read, {count - broken} round-trip to the same stored event", err=True)
    if broken:
        raise typer.Exit(code=1)
