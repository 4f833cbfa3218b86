"""The production PostgreSQL backend (asyncpg)."""
