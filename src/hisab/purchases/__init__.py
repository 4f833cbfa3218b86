"""Purchases: bills received with their input VAT, payments made to suppliers, VDS withheld and the
Mushak-6.6 certificates issued for it, and the deposits that settle what was withheld."""
