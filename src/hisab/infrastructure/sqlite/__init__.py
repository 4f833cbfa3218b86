"""The embedded SQLite backend (aiosqlite, WAL): single-node, single-writer."""
