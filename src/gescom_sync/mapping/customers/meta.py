"""The shop-neutral meta keys of a shop customer (each shop connector stores them its own way)."""

ERP_ACCOUNT = "erp_account"  # the back-office account number (SPEC §3.4, §3.11)
ERP_CONTACT = "erp_contact"  # the contact number, on a contact exported as an account
COMPANY, SIRET, VAT_NUMBER = "company", "siret", "vat_number"
CREDIT_LIMIT, PAYMENT_DAYS, RISK = "credit_limit", "payment_days", "risk"
NOTE = "note"
