"""The tenant's registered-person profile: set it (a command) and read it (queries)."""

from __future__ import annotations

from datetime import datetime

from hisab.event_store.messages import Actor
from hisab.event_store.streams import appending
from hisab.taxpayer.application.commands import SetSupplierProfile
from hisab.taxpayer.application.dependencies import Taxpayer
from hisab.taxpayer.application.views import SupplierProfileView, project_profile
from hisab.taxpayer.domain.supplier import SupplierProfile, profile_stream_id, validate_profile


async def set_supplier_profile(command: SetSupplierProfile, actor: Actor, taxpayer: Taxpayer) -> SupplierProfileView:
    """Record the whole profile as one event on the tenant's profile stream."""
    decide = appending([validate_profile(command.profile)])
    stream_id = profile_stream_id(actor.tenant_id)
    recorded = await taxpayer.streams.change(actor, stream_id, decide, noun="supplier profile", may_be_new=True)
    return project_profile(recorded.stream)


async def get_supplier_profile(actor: Actor, taxpayer: Taxpayer) -> SupplierProfileView | None:
    return await taxpayer.profiles.get(actor.tenant_id)


async def profile_in_force(tenant_id: str, moment: datetime | None, taxpayer: Taxpayer) -> SupplierProfile | None:
    """The profile in force at `moment` (now when None), so a reprint shows what the original showed.

    An invoice issued before any profile was set takes the first profile set after it.
    """
    stored = await taxpayer.streams.read(tenant_id, profile_stream_id(tenant_id))
    in_force = [s for s in stored if moment is None or s.metadata.occurred_at <= moment]
    return SupplierProfile.from_events(s.event for s in (in_force or stored[:1]))
