"""A worked quarter of a construction firm, and the Mushak-9.1 it files, computed by hand from the rules.

Nothing here was produced by running Hisab: the figures below were worked out on paper from
bangladesh-vat-returns.md §1.2 (the notes and their formulas), §1.3 (no input credit on purchases
charged below 15%), §3 (VDS) and §5 (the cash-payment rule), and the invoice arithmetic of
bangladesh-vat.md (SD on the value, VAT on value + SD). The drivers (test_worked_quarter*.py) record
these documents through the application and over HTTP and compare what Hisab computes with them.

The tenant is a limited company (a withholding entity) filing quarterly. In its quarter:

Sales (Mushak-6.3, issued in the quarter)
  A  fabrication work, 15%:             value 4,00,000.00           VAT 60,000.00
  B  construction (S004.00), 10%:       value 5,00,000.00           VAT 50,000.00
  C  exempt supply:                     value   80,000.00
  D  export, zero-rated:                value 3,00,000.00
  E  cement board, SD 10%, 15%:         value 1,00,000.00  SD 10,000.00  VAT (1,00,000 + 10,000) x 15% = 16,500.00
  a credit note against A of 20,000.00 of value:   VAT 3,000.00            (note 31)
  a debit note against B of 10,000.00 of value:    VAT 1,000.00            (note 26)
Receipts
  B's customer pays and withholds VDS of 50,000.00, with its Mushak-6.6:   note 29 = 50,000.00
  E's customer withholds VDS of 16,500.00 without a certificate yet:      not in note 29 (flagged)
Purchases (bills received in the quarter)
  1  steel, 15%, registered supplier:          value 1,20,000.00   VAT 18,000.00  credited  (note 14)
  2  sand from a trader at 7.5%:               value   40,000.00   VAT  3,000.00  not credited (note 16)
  3  imported machinery, bill of entry, 15%:   value 2,00,000.00   VAT 30,000.00  credited  (note 15)
  4  consultancy (S032.00), 15%:               value   50,000.00   VAT  7,500.00  credited  (note 14)
Payments
  bill 1 paid in full in cash (1,38,000.00): its value is above Tk 1,00,000, so the 18,000.00 of
    input credit it took is taken back (rule 29):                          note 25 = 18,000.00
  bill 4 paid by bank; as a withholding entity the tenant deducts VDS at 15% of the value,
    min(7,500.00, 50,000.00 x 15%) = 7,500.00, and issues a Mushak-6.6:  note 24 =  7,500.00
Deposits for the return: VAT 44,500.00 (note 58) and SD 10,000.00 (note 59).

Notes:
   1  = 3,00,000.00 (value)            3 = 80,000.00 (value)
   4  = 5,00,000.00 / 10,000.00 / 76,500.00  (A 4,00,000 / 0 / 60,000 + E 1,00,000 / 10,000 / 16,500)
   7  = 5,00,000.00 / 0.00 / 50,000.00
   9  = 13,80,000.00 / 10,000.00 / 1,26,500.00
  14  = 1,70,000.00 / 25,500.00        15 = 2,00,000.00 / 30,000.00      16 = 40,000.00 / 3,000.00
  23  = 4,10,000.00 (value of 14 + 15 + 16) / 55,500.00 (VAT credited: 25,500 + 30,000)
  28  = 24 + 25 + 26 = 7,500 + 18,000 + 1,000 = 26,500.00
  33  = 29 + 31 = 50,000 + 3,000 = 53,000.00
  34  = 9(c) - 23(b) + 28 - 33 = 1,26,500 - 55,500 + 26,500 - 53,000 = 44,500.00
  35  = 34 - (52 + 56) = 44,500.00 (no earlier return, no 18.6 balance)
  36  = 9(b) + 38 - (39 + 40) = 10,000 + 0 - 0 = 10,000.00        37 = 36 - (53 + 57) = 10,000.00
  50  = 35 + 41 + 43 + 44 = 44,500.00                               51 = 37 + 42 = 10,000.00
  58  = 44,500.00   59 = 10,000.00   65 = 58 - (50 + 67) = 0.00   66 = 59 - (51 + 68) = 0.00
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

D = Decimal


@dataclass(frozen=True, slots=True)
class Sale:
    key: str
    description: str
    category: str
    vat_rate: str | None
    value: str
    sd_rate: str = "0"
    service_code: str | None = None
    hs_code: str | None = None


@dataclass(frozen=True, slots=True)
class Purchase:
    key: str
    description: str
    category: str
    vat_rate: str
    value: str
    vat: str
    service_code: str | None = None
    hs_code: str | None = None
    imported: bool = False


SALES = (
    Sale("A", "Steel structure fabrication", "STANDARD", "0.15", "400000.00", hs_code="7308.90.00"),
    Sale("B", "Building construction works", "REDUCED", "0.10", "500000.00", service_code="S004.00"),
    Sale("C", "Unprocessed agricultural land produce", "EXEMPT", None, "80000.00"),
    Sale("D", "Precast panels for export", "ZERO_RATED", None, "300000.00", hs_code="6810.91.00"),
    Sale("E", "Cement boards", "STANDARD", "0.15", "100000.00", sd_rate="0.10", hs_code="6811.82.00"),
)
CREDIT_NOTE = ("A", "20000.00")  # of invoice A's one line, an amount of value
DEBIT_NOTE = ("B", "10000.00")
VDS_WITH_CERTIFICATE = ("B", "50000.00")
VDS_WITHOUT_CERTIFICATE = ("E", "16500.00")

PURCHASES = (
    Purchase("1", "MS rods 16 mm", "STANDARD", "0.15", "120000.00", "18000.00", hs_code="7214.20.00"),
    Purchase("2", "Sylhet sand", "REDUCED", "0.075", "40000.00", "3000.00", hs_code="2505.10.00"),
    Purchase("3", "Tower crane", "STANDARD", "0.15", "200000.00", "30000.00", hs_code="8426.20.00", imported=True),
    Purchase("4", "Structural design consultancy", "STANDARD", "0.15", "50000.00", "7500.00", service_code="S032.00"),
)
CASH_PAID_BILL = "1"  # paid in full in cash
VDS_PAID_BILL = "4"  # paid by bank, VDS withheld at the table's 15%
DEPOSITS = (("VAT", "44500.00"), ("SD", "10000.00"))

# Every non-zero note of the return: (value, SD, VAT) for notes 1 to 23, one amount for the rest.
EXPECTED_LINES: dict[int, tuple[Decimal | None, Decimal | None, Decimal | None]] = {
    1: (D("300000.00"), None, None),
    3: (D("80000.00"), None, None),
    4: (D("500000.00"), D("10000.00"), D("76500.00")),
    7: (D("500000.00"), D("0.00"), D("50000.00")),
    9: (D("1380000.00"), D("10000.00"), D("126500.00")),
    14: (D("170000.00"), None, D("25500.00")),
    15: (D("200000.00"), None, D("30000.00")),
    16: (D("40000.00"), None, D("3000.00")),
    23: (D("410000.00"), None, D("55500.00")),
}
EXPECTED_AMOUNTS: dict[int, Decimal] = {
    24: D("7500.00"),
    25: D("18000.00"),
    26: D("1000.00"),
    28: D("26500.00"),
    29: D("50000.00"),
    31: D("3000.00"),
    33: D("53000.00"),
    34: D("44500.00"),
    35: D("44500.00"),
    36: D("10000.00"),
    37: D("10000.00"),
    50: D("44500.00"),
    51: D("10000.00"),
    58: D("44500.00"),
    59: D("10000.00"),
}
# Every other note of the form is zero (the closing balances 65 and 66 among them).
ZERO_AMOUNT_NOTES = frozenset(range(24, 69)) - set(EXPECTED_AMOUNTS)
