"""The Mushak-6.3 tax invoice as a document for people: HTML on screen, PDF on paper."""
