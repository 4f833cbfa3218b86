"""The GraphQL schema (schema-first, Ariadne), its resolvers and its request pipeline."""
