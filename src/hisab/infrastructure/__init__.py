"""Adapters for the application's ports."""
