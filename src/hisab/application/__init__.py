"""Use cases: commands, queries, their handlers and the ports they need."""
