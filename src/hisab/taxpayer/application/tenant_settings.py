"""A tenant's own rules: reading them, and changing them (which is logged, with who did it)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from hisab.event_store.messages import Actor
from hisab.services import Services
from hisab.taxpayer.domain.policy import TenantPolicy

_log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class UpdateTenantSettings:
    policy: TenantPolicy


async def get_tenant_settings(actor: Actor, services: Services) -> TenantPolicy:
    async with services.database.transaction(actor.tenant_id) as uow:
        return await uow.tenant_settings.get(actor.tenant_id)


async def update_tenant_settings(command: UpdateTenantSettings, actor: Actor, services: Services) -> TenantPolicy:
    async with services.database.transaction(actor.tenant_id) as uow:
        await uow.tenant_settings.save(actor.tenant_id, command.policy, actor.user_id, services.clock())
        await uow.commit()
    # Relaxing segregation of duties is an audit matter: say who did it, under which request.
    _log.warning(
        "tenant %s settings changed to %s by %s (request %s)",
        actor.tenant_id, command.policy, actor.user_id, actor.correlation_id,
    )  # fmt: skip
    return command.policy
