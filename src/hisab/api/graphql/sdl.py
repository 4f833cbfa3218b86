"""The schema, as written in issue 2, plus added fields (fields are added, never renamed)."""

from __future__ import annotations

from ariadne import gql

TYPE_DEFS = gql('''
"Who may use a field: the caller's token must grant this permission (e.g. invoice:approve)."
directive @requires(permission: String!) on FIELD_DEFINITION

"A calendar date, written YYYY-MM-DD."
scalar Date
"An ISO-8601 date and time with its UTC offset."
scalar DateTime

enum VATCategory { STANDARD REDUCED TRUNCATED ZERO_RATED EXEMPT }
enum InvoiceStatus { DRAFT APPROVED CANCELLED }
"English, or Bengali (with Bengali digits)."
enum Language { EN BN }
enum DocumentFormat { PDF HTML }

type Money {
  "The amount as a JSON number, for display; use `decimal` for arithmetic."
  amount: Float!
  "The exact amount with two decimal places, e.g. 575000.00."
  decimal: String!
  currency: String!
  "For people: ৳5,75,000.00 (lakh and crore grouping) for Taka; ৫,৭৫,০০০.০০৳ in Bengali."
  formattedAmount(lang: Language = EN): String!
  "Taka Five Lakh Seventy-Five Thousand and Paisa Twenty-Five Only; পাঁচ লাখ পঁচাত্তর হাজার টাকা পঁচিশ পয়সা মাত্র."
  amountInWords(lang: Language = EN): String!
}

input LineItemInput {
  description: String!
  quantity: Float!
  unitPrice: Float!
  currency: String = "BDT"
  vatCategory: VATCategory = STANDARD
  vatRate: Float
  hsCode: String
  unitOfSupply: String
  supplementaryDutyRate: Float
  advanceIncomeTaxRate: Float
}

input CreateInvoiceInput {
  vendorId: String!
  customerId: String!
  invoiceDate: Date!
  dueDate: Date!
  lineItems: [LineItemInput!]!
  vendorTIN: String
  vendorBIN: String
  customerTIN: String
  customerBIN: String
  "The buyer as the tax invoice names them (up to 200 characters)."
  buyerName: String
  "The buyer's office address (up to 500 characters, several lines allowed)."
  buyerAddress: String
  "Where the goods or services are delivered, when not the buyer's address (up to 500 characters)."
  deliveryDestination: String
}

type LineItem {
  id: ID!
  description: String!
  quantity: Float!
  unitPrice: Money!
  amount: Money!
  vatCategory: VATCategory!
  vatRate: Float!
  vatAmount: Money!
  supplementaryDuty: Money!
  advanceIncomeTax: Money!
  hsCode: String
  unitOfSupply: String
  "Value plus supplementary duty plus VAT."
  total: Money!
  supplementaryDutyRate: Float!
  advanceIncomeTaxRate: Float!
}

type Invoice {
  id: ID!
  invoiceNumber: String!
  "The Mushak-6.3 serial, assigned on approval."
  mushakNumber: String
  status: InvoiceStatus!
  vendorId: String!
  customerId: String!
  vendorTIN: String
  "Written #########-####."
  vendorBIN: String
  customerTIN: String
  "Written #########-####."
  customerBIN: String
  invoiceDate: Date!
  dueDate: Date!
  "The fiscal year of the invoice date, e.g. 2024-2025."
  fiscalYear: String!
  "The same fiscal year in short form, e.g. 2024-25."
  fiscalYearShort: String!
  lineItems: [LineItem!]!
  subtotal: Money!
  supplementaryDuty: Money!
  vatAmount: Money!
  grandTotal: Money!
  advanceIncomeTax: Money!
  netReceivable: Money!
  "When the tax invoice was issued, in Asia/Dhaka time."
  issuedAt: DateTime
  "In Asia/Dhaka time."
  cancelledAt: DateTime
  cancellationReason: String
  "In UTC."
  createdAt: DateTime!
  "In UTC."
  updatedAt: DateTime!
  version: Int!
  createdBy: String!
  approvedBy: String
  cancelledBy: String
  buyerName: String
  buyerAddress: String
  deliveryDestination: String
  "How many times the tax invoice was printed; the first print is the original."
  printCount: Int!
  """
  The Mushak-6.3 document, relative to this service (GET it with the same bearer token). Every
  PDF of an issued invoice is a recorded print: the first is the original with the supplier's
  copy, later ones are marked Duplicate. The HTML is for the screen and records nothing.
  """
  mushak63Url(lang: Language = EN, format: DocumentFormat = PDF): String!
}

type IssuingUnit {
  "Prefixes the unit's Mushak-6.3 serials (HO of HO/2024-25/000001)."
  code: String!
  name: String!
  address: String!
}

"The tenant as a VAT-registered person: what its tax invoices say about the supplier."
type SupplierProfile {
  name: String!
  "Written #########-####."
  bin: String!
  units: [IssuingUnit!]!
  officerName: String!
  officerDesignation: String!
  version: Int!
  "In UTC."
  updatedAt: DateTime!
  updatedBy: String!
}

input IssuingUnitInput { code: String!  name: String!  address: String! }

input SupplierProfileInput {
  name: String!
  "13 digits, with or without the hyphen."
  bin: String!
  units: [IssuingUnitInput!]!
  officerName: String!
  officerDesignation: String!
}

input InvoiceFilter {
  status: [InvoiceStatus!]
  customerId: String
  vendorId: String
  "2024-2025 or 2024-25."
  fiscalYear: String
  invoiceDateFrom: Date
  invoiceDateTo: Date
}

type InvoiceEdge { cursor: String!  node: Invoice! }
type PageInfo { hasNextPage: Boolean!  endCursor: String }
type InvoiceConnection { edges: [InvoiceEdge!]!  pageInfo: PageInfo!  totalCount: Int! }

"A tenant's own rules."
type TenantSettings {
  "Whether the user who created an invoice may also approve it (segregation of duties relaxed)."
  creatorMayApprove: Boolean!
}

input TenantSettingsInput {
  creatorMayApprove: Boolean!
}

type Query {
  invoice(id: ID!): Invoice @requires(permission: "invoice:read")
  "Newest first. `first` is capped at 100."
  invoices(first: Int = 20, after: String, filter: InvoiceFilter): InvoiceConnection!
    @requires(permission: "invoice:read")
  tenantSettings: TenantSettings! @requires(permission: "tenant:admin")
  "The tenant's registered-person profile, or null before it is set."
  supplierProfile: SupplierProfile @requires(permission: "invoice:read")
}

type Mutation {
  "Send an Idempotency-Key header to make retries safe."
  createInvoice(input: CreateInvoiceInput!): Invoice! @requires(permission: "invoice:create")
  "The user who created the invoice may not approve it, unless the tenant's settings allow it."
  approveInvoice(id: ID!, expectedVersion: Int): Invoice! @requires(permission: "invoice:approve")
  cancelInvoice(id: ID!, reason: String!, expectedVersion: Int): Invoice! @requires(permission: "invoice:cancel")
  updateTenantSettings(input: TenantSettingsInput!): TenantSettings! @requires(permission: "tenant:admin")
  "Replace the tenant's registered-person profile as a whole."
  setSupplierProfile(input: SupplierProfileInput!): SupplierProfile! @requires(permission: "tenant:admin")
}
''')
