"""Bounds on what one GraphQL document may ask for: depth, aliases and cost.

Cost counts one per field, and a field that takes `first` multiplies the cost of what it selects
by the number of items it may return (the literal, or the cap of 100 when it is a variable; the
schema's default when absent); `_entities` (federation) multiplies it by its representations
(those written, or 100 when they are a variable). The bounds depend on the document alone, never
on variables, so the validation cache stays correct. Introspection fields are not counted: introspection is off in
production, and GraphiQL's own introspection query is deeper than any business query.
"""

from __future__ import annotations

from typing import Any

from graphql import (
    ASTValidationRule,
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    InlineFragmentNode,
    IntValueNode,
    ListValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationContext,
    ValidationRule,
    get_named_type,
)

# The most items any list field returns in one request: every page's cap, and `_entities`'.
MAX_LIST_ITEMS = 100
_LIMIT_RULE = "query_limits"


def limit_rules(max_depth: int, max_aliases: int, max_cost: int) -> tuple[type[ASTValidationRule], ...]:
    """Validation rules enforcing the configured bounds."""

    class QueryLimitsRule(ValidationRule):
        def enter_document(self, node: DocumentNode, *_args: Any) -> None:
            aliases = sum(_count_aliases(definition.selection_set) for definition in node.definitions
                          if isinstance(definition, OperationDefinitionNode | FragmentDefinitionNode))  # fmt: skip
            if aliases > max_aliases:
                self._refuse(f"the query uses {aliases} aliases; at most {max_aliases} are allowed")

        def enter_operation_definition(self, node: OperationDefinitionNode, *_args: Any) -> None:
            walker = _Walker(self.context)
            depth, cost = walker.measure(node.selection_set, self.context.schema.get_root_type(node.operation))
            if depth > max_depth:
                self._refuse(f"the query is {depth} levels deep; at most {max_depth} are allowed")
            elif cost > max_cost:
                self._refuse(f"the query may cost {cost}; at most {max_cost} is allowed")

        def _refuse(self, message: str) -> None:
            self.report_error(GraphQLError(message, extensions={"rule": _LIMIT_RULE}))

    return (QueryLimitsRule,)


def _count_aliases(selection_set: SelectionSetNode | None) -> int:
    if selection_set is None:
        return 0
    count = 0
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode) and selection.alias is not None:
            count += 1
        if isinstance(selection, FieldNode | InlineFragmentNode):
            count += _count_aliases(selection.selection_set)
    return count


class _Walker:
    """Depth and cost of a selection, following fragments (a fragment cycle counts as nothing more)."""

    def __init__(self, context: ValidationContext) -> None:
        self._context = context
        self._active: set[str] = set()

    def measure(self, selection_set: SelectionSetNode | None, parent: GraphQLNamedType | None) -> tuple[int, int]:
        if selection_set is None:
            return 0, 0
        depth, cost = 0, 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                if selection.name.value.startswith("__"):
                    continue
                definition = _field(parent, selection.name.value)
                inner = get_named_type(definition.type) if definition is not None else None
                inner_depth, inner_cost = self.measure(selection.selection_set, inner)
                depth = max(depth, inner_depth + 1)
                cost += 1 + _items(selection, definition) * inner_cost
            else:
                inner_depth, inner_cost = self._fragment_measure(selection, parent)
                depth, cost = max(depth, inner_depth), cost + inner_cost
        return depth, cost

    def _fragment_measure(self, selection: Any, parent: GraphQLNamedType | None) -> tuple[int, int]:
        if isinstance(selection, InlineFragmentNode):
            return self.measure(selection.selection_set, self._type_named(selection, parent))
        assert isinstance(selection, FragmentSpreadNode)
        name = selection.name.value
        fragment = self._context.get_fragment(name)
        if fragment is None or name in self._active:
            return 0, 0
        self._active.add(name)
        try:
            return self.measure(fragment.selection_set, self._type_named(fragment, parent))
        finally:
            self._active.discard(name)

    def _type_named(
        self, fragment: InlineFragmentNode | FragmentDefinitionNode, parent: GraphQLNamedType | None
    ) -> GraphQLNamedType | None:
        condition = fragment.type_condition
        return self._context.schema.get_type(condition.name.value) if condition is not None else parent


def _field(parent: GraphQLNamedType | None, name: str) -> GraphQLField | None:
    if not isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
        return None
    field: GraphQLField | None = parent.fields.get(name)
    return field


def _items(field: FieldNode, definition: GraphQLField | None) -> int:
    """How many items a field's selection may be repeated for."""
    if definition is None:
        return 1
    arguments = {argument.name.value: argument.value for argument in field.arguments or ()}
    if "first" in definition.args:
        value = arguments.get("first")
        if value is None:  # absent: the default the schema's SDL writes
            declared = definition.args["first"].ast_node
            value = declared.default_value if declared is not None else None
        # A literal of many digits is refused by another rule; int() must not be asked to parse it.
        if isinstance(value, IntValueNode) and len(value.value) <= 6:
            return max(0, min(int(value.value), MAX_LIST_ITEMS))
        return MAX_LIST_ITEMS
    if "representations" in definition.args:
        value = arguments.get("representations")
        return min(len(value.values), MAX_LIST_ITEMS) if isinstance(value, ListValueNode) else MAX_LIST_ITEMS
    return 1
