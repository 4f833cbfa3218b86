"""The tenant's registered-person profile: set it (a command) and read it (a query)."""

from __future__ import annotations

from datetime import UTC

from hisab.event_store.messages import Actor, EventMetadata
from hisab.kernel.errors import ConcurrencyError
from hisab.services import Services
from hisab.taxpayer.application.commands import SetSupplierProfile
from hisab.taxpayer.application.views import SupplierProfileView, project_profile
from hisab.taxpayer.domain.supplier import profile_stream_id, validate_profile


async def set_supplier_profile(command: SetSupplierProfile, actor: Actor, services: Services) -> SupplierProfileView:
    """Record the whole profile as one event on the tenant's profile stream."""
    event = validate_profile(command.profile)
    stream_id = profile_stream_id(actor.tenant_id)
    for attempt in range(services.concurrency_retries):
        try:
            async with services.database.transaction(actor.tenant_id) as uow:
                history = await uow.events.read_stream(actor.tenant_id, stream_id)
                metadata = EventMetadata(
                    actor.tenant_id, actor.user_id, actor.correlation_id, services.clock().astimezone(UTC)
                )
                stored = await uow.events.append(stream_id, len(history), [event], metadata)
                view = project_profile([*history, *stored])
                await uow.profiles.save(view)
                await uow.commit()
                return view
        except ConcurrencyError:
            if attempt == services.concurrency_retries - 1:
                raise
    raise AssertionError("unreachable: the last attempt returns or raises")


async def get_supplier_profile(actor: Actor, services: Services) -> SupplierProfileView | None:
    return await services.database.profiles.get(actor.tenant_id)
