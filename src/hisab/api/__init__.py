"""The HTTP and GraphQL face of Hisab: it authenticates, builds commands and renders results."""
