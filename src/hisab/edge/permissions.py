"""Permissions: what a caller may do, from the roles and permissions its token carries.

Every field of Query and Mutation declares the permission it needs with the schema directive
`@requires(permission: ...)`; a root field without one makes the schema fail to build, so a
new field is closed until someone decides who may use it. Apollo Federation's two root fields
are the exceptions, each for its reason (see `FEDERATION_FIELDS`).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from ariadne import SchemaDirectiveVisitor
from ariadne.utils import type_get_extension
from graphql import (
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLUnionType,
    default_field_resolver,
)

from hisab.kernel.errors import ErrorCode, HisabError

if TYPE_CHECKING:
    from hisab.edge.context import Info, Principal

ROOT_TYPES = ("Query", "Mutation")
# `_service` is the subgraph's SDL: the published contract (in production too, where introspection
# is off, since a gateway composes from it) and no tenant's data, so a valid token is enough.
# `_entities` resolves entities of any type, so each entity type's reference resolver declares
# the permission instead (a GuardedReference).
SERVICE_FIELD, ENTITIES_FIELD = "_service", "_entities"
FEDERATION_FIELDS = frozenset({SERVICE_FIELD, ENTITIES_FIELD})
REFERENCE_RESOLVER = "__resolve_reference__"  # where Ariadne's FederatedObjectType keeps it


class Permission(StrEnum):
    INVOICE_READ = "invoice:read"
    # Recording a print of a tax invoice (original, then duplicates); reading alone gets an inspection copy.
    INVOICE_PRINT = "invoice:print"
    INVOICE_CREATE = "invoice:create"
    INVOICE_APPROVE = "invoice:approve"
    INVOICE_CANCEL = "invoice:cancel"
    # Issuing credit and debit notes (Mushak-6.7, 6.8) against issued tax invoices.
    INVOICE_ADJUST = "invoice:adjust"
    TENANT_ADMIN = "tenant:admin"
    # The books: read them; draft journal entries; post and reverse them (never one's own draft);
    # close and reopen periods and years; change the chart and the posting accounts.
    # Receipts and what invoices still owe: read them; record receipts and everything that becomes of them.
    RECEIVABLE_READ = "receivable:read"
    RECEIVABLE_WRITE = "receivable:write"
    LEDGER_READ = "ledger:read"
    LEDGER_WRITE = "ledger:write"
    LEDGER_POST = "ledger:post"
    LEDGER_CLOSE = "ledger:close"
    LEDGER_MANAGE = "ledger:manage"
    # Bills and payments to suppliers; the VAT registers and return: read, prepare, submit (locks the period).
    PURCHASE_READ = "purchase:read"
    PURCHASE_WRITE = "purchase:write"
    VAT_READ = "vat:read"
    VAT_PREPARE = "vat:prepare"
    VAT_SUBMIT = "vat:submit"


ALL_PERMISSIONS = frozenset(Permission)


class PermissionDeniedError(HisabError):
    """The caller is known but lacks the permission the field declares."""

    code = ErrorCode.FORBIDDEN

    def __init__(self, permission: Permission) -> None:
        super().__init__(f"Forbidden: missing permission {permission.value}")
        self.permission = permission


def granted(
    roles: Iterable[str], permissions: Iterable[str], role_map: Mapping[str, Iterable[str]]
) -> frozenset[Permission]:
    """The permissions of the roles (as `role_map` defines them) and of the explicit permissions.

    Names this service does not know are ignored: an identity provider may carry roles of
    other applications in the same token.
    """
    named = {p for role in roles for p in role_map.get(role, ())} | set(permissions)
    return frozenset(Permission(name) for name in named if name in _KNOWN)


_KNOWN = {p.value for p in Permission}


class RequiresDirective(SchemaDirectiveVisitor):
    """`@requires(permission: "invoice:approve")`: the field runs only for callers holding it."""

    def visit_field_definition(
        self, field: GraphQLField, object_type: GraphQLObjectType | GraphQLInterfaceType
    ) -> GraphQLField:
        permission = Permission(self.args["permission"])
        resolve: Callable[..., Awaitable[Any] | Any] = field.resolve or default_field_resolver

        def guarded(parent: Any, info: Info, **arguments: Any) -> Awaitable[Any] | Any:
            if permission not in info.context.principal.permissions:
                raise PermissionDeniedError(permission)
            return resolve(parent, info, **arguments)

        field.resolve = guarded
        return field


@dataclass(frozen=True, slots=True)
class GuardedReference:
    """An entity's reference resolver (Apollo Federation), run only for callers holding `permission`."""

    permission: Permission
    resolve: Callable[[Any, Info, dict[str, Any]], Awaitable[Any]]

    async def __call__(self, entity_type: Any, info: Info, representation: dict[str, Any]) -> Any:
        # Checked when awaited, so a refusal is the error of its own item of `_entities`.
        if self.permission not in info.context.principal.permissions:
            raise PermissionDeniedError(self.permission)
        return await self.resolve(entity_type, info, representation)


def ensure_every_root_field_declares_a_permission(schema: GraphQLSchema) -> None:
    """Refuse a schema with a Query or Mutation field that names no permission.

    Of federation's fields, `_service` needs none, and `_entities` needs every entity type to
    guard its reference resolver.
    """
    for type_name in ROOT_TYPES:
        root = schema.get_type(type_name)
        assert isinstance(root, GraphQLObjectType)
        for name, field in root.fields.items():
            if name in FEDERATION_FIELDS:
                continue
            node = field.ast_node
            if node is None or not any(d.name.value == "requires" for d in node.directives or ()):
                raise ValueError(f"{type_name}.{name} declares no @requires(permission: ...)")
    _ensure_every_entity_guards_its_references(schema)


def _ensure_every_entity_guards_its_references(schema: GraphQLSchema) -> None:
    entities = schema.get_type("_Entity")
    if entities is None:
        return
    assert isinstance(entities, GraphQLUnionType)
    for entity_type in entities.types:
        if not isinstance(type_get_extension(entity_type, REFERENCE_RESOLVER), GuardedReference):
            raise ValueError(f"{ENTITIES_FIELD} resolves {entity_type.name} with no GuardedReference(permission, ...)")


def require(principal: Principal, permission: Permission) -> None:
    """Raise PermissionDeniedError unless the principal's token grants the permission."""
    if permission not in principal.permissions:
        raise PermissionDeniedError(permission)
