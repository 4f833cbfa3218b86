"""The printed words of the books' reports, in English and in Bengali.

The Bengali follows the terms of Bangladeshi bookkeeping: রেওয়ামিল for the trial balance, আয় বিবরণী
for the income statement, উদ্বৃত্তপত্র for the balance sheet. `{day}`, `{start}` and `{end}` are
filled with dates already written in the language's digits.
"""

from __future__ import annotations

from dataclasses import dataclass

from hisab.kernel.language import Language


@dataclass(frozen=True, slots=True)
class ReportLabels:
    trial_balance: str
    income_statement: str
    balance_sheet: str
    as_of: str
    period: str
    fiscal_year: str
    project: str
    all_projects: str
    in_taka: str
    code: str
    account: str
    section: str
    amount: str
    opening_debit: str
    opening_credit: str
    debit: str
    credit: str
    closing_debit: str
    closing_credit: str
    total: str
    income: str
    expenses: str
    total_income: str
    total_expenses: str
    net_profit: str
    assets: str
    liabilities: str
    equity: str
    current_earnings: str
    total_assets: str
    total_liabilities: str
    total_equity: str
    total_liabilities_and_equity: str
    debits_equal_credits: str
    debits_differ_from_credits: str
    assets_equal_claims: str
    assets_differ_from_claims: str
    page: str
    of: str


ENGLISH = ReportLabels(
    trial_balance="Trial Balance",
    income_statement="Income Statement",
    balance_sheet="Balance Sheet",
    as_of="As of {day}",
    period="From {start} to {end}",
    fiscal_year="Fiscal year {year}",
    project="Project: {project}",
    all_projects="All projects",
    in_taka="Amounts in Taka",
    code="Code",
    account="Account",
    section="Section",
    amount="Amount",
    opening_debit="Opening debit",
    opening_credit="Opening credit",
    debit="Debit",
    credit="Credit",
    closing_debit="Closing debit",
    closing_credit="Closing credit",
    total="Total",
    income="Income",
    expenses="Expenses",
    total_income="Total income",
    total_expenses="Total expenses",
    net_profit="Net profit (loss)",
    assets="Assets",
    liabilities="Liabilities",
    equity="Equity",
    current_earnings="Earnings of the years not yet closed",
    total_assets="Total assets",
    total_liabilities="Total liabilities",
    total_equity="Total equity",
    total_liabilities_and_equity="Total liabilities and equity",
    debits_equal_credits="Balanced: debits equal credits",
    debits_differ_from_credits="Not balanced: debits differ from credits",
    assets_equal_claims="Balanced: assets equal liabilities and equity",
    assets_differ_from_claims="Not balanced: assets differ from liabilities and equity",
    page="Page",
    of="of",
)

BENGALI = ReportLabels(
    trial_balance="রেওয়ামিল",
    income_statement="আয় বিবরণী",
    balance_sheet="উদ্বৃত্তপত্র",
    as_of="{day} তারিখ পর্যন্ত",
    period="{start} থেকে {end}",
    fiscal_year="অর্থবছর {year}",
    project="প্রকল্প: {project}",
    all_projects="সকল প্রকল্প",
    in_taka="অঙ্ক টাকায়",
    code="কোড",
    account="হিসাব",
    section="বিভাগ",
    amount="পরিমাণ",
    opening_debit="প্রারম্ভিক ডেবিট",
    opening_credit="প্রারম্ভিক ক্রেডিট",
    debit="ডেবিট",
    credit="ক্রেডিট",
    closing_debit="সমাপনী ডেবিট",
    closing_credit="সমাপনী ক্রেডিট",
    total="মোট",
    income="আয়",
    expenses="ব্যয়",
    total_income="মোট আয়",
    total_expenses="মোট ব্যয়",
    net_profit="নিট মুনাফা (লোকসান)",
    assets="সম্পদ",
    liabilities="দায়",
    equity="মালিকানা স্বত্ব",
    current_earnings="অসমাপ্ত বছরের মুনাফা",
    total_assets="মোট সম্পদ",
    total_liabilities="মোট দায়",
    total_equity="মোট মালিকানা স্বত্ব",
    total_liabilities_and_equity="মোট দায় ও মালিকানা স্বত্ব",
    debits_equal_credits="মিলেছে: ডেবিট ও ক্রেডিট সমান",
    debits_differ_from_credits="মেলেনি: ডেবিট ও ক্রেডিট সমান নয়",
    assets_equal_claims="মিলেছে: সম্পদ দায় ও মালিকানা স্বত্বের সমান",
    assets_differ_from_claims="মেলেনি: সম্পদ দায় ও মালিকানা স্বত্বের সমান নয়",
    page="পৃষ্ঠা",
    of="/",
)

LABELS = {Language.EN: ENGLISH, Language.BN: BENGALI}
