"""Hisab: VAT-compliant, event-sourced invoicing for businesses in Bangladesh."""
