"""SQL shared by the SQLite and PostgreSQL adapters: statements, parameters and row mapping."""
