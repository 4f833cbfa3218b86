"""Resolvers of the approval policy: the query, the mutation and the fields a view does not hold as such."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from ariadne import MutationType, ObjectType, QueryType

from hisab.edge.context import Info
from hisab.edge.errors import fields_under
from hisab.edge.exact_numbers import exact_decimal
from hisab.kernel.money import Money
from hisab.taxpayer.application.approval_policies import (
    SetApprovalPolicy,
    get_approval_policy,
    set_approval_policy,
)
from hisab.taxpayer.application.dependencies import Taxpayer
from hisab.taxpayer.application.policy_views import ApprovalPolicyView
from hisab.taxpayer.domain.approval_policy import LevelInput

policy_query_type = QueryType()
policy_mutation_type = MutationType()
policy_type = ObjectType("ApprovalPolicy")


@policy_query_type.field("approvalPolicy")
async def resolve_approval_policy(_: None, info: Info) -> ApprovalPolicyView | None:
    context = info.context
    return await get_approval_policy(context.actor, context.services.get(Taxpayer))


@policy_mutation_type.field("setApprovalPolicy")
async def resolve_set_approval_policy(_: None, info: Info, input: dict[str, Any]) -> ApprovalPolicyView:
    context = info.context
    levels = tuple(
        LevelInput(level["role"], None if level.get("up_to") is None else exact_decimal(level["up_to"]))
        for level in input["levels"]
    )
    with fields_under("input"):
        return await set_approval_policy(SetApprovalPolicy(levels), context.actor, context.services.get(Taxpayer))


@policy_type.field("levels")
def resolve_levels(view: ApprovalPolicyView, info: Info) -> list[dict[str, object]]:
    return [
        {"level": n, "role": level.role, "up_to": None if level.up_to is None else Money(level.up_to)}
        for n, level in enumerate(view.policy.levels, start=1)
    ]


@policy_type.field("updatedAt")
def resolve_updated_at(view: ApprovalPolicyView, info: Info) -> datetime:
    return view.updated_at.astimezone(UTC)


POLICY_BINDABLES = (policy_query_type, policy_mutation_type, policy_type)
