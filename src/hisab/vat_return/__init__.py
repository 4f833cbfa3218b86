"""The VAT return: the purchase and sales registers (Mushak-6.1, 6.2) and the Mushak-9.1 return of a
tax period, its lifecycle (prepared, submitted, amended), the period lock and the VAT deposits."""
