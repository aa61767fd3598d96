-- Invoices and credit notes keep the buyer's details printed on them (name, company, e-mail,
-- address, country, VAT number) for the seller's tax retention period; then the retention job
-- redacts them (lib/privacy/redact-tax-records.ts). invoice_redact_billing is the one change the
-- immutability trigger lets through. It is recognised by the call stack (PG_CONTEXT: the UPDATE must
-- come straight from this function, called as the outermost routine), not by a setting a session
-- could switch on by hand, and the row must come out identical apart from exactly those columns
-- holding the redacted values and billing_redacted_at set once. Number, dates, lines, amounts,
-- seller and the link to the (possibly anonymized) account never change; lines and DELETE stay refused.
CREATE OR REPLACE FUNCTION invoices_immutable() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  stack text;
BEGIN
  IF TG_OP = 'UPDATE' AND TG_TABLE_NAME = 'invoices' THEN
    GET DIAGNOSTICS stack = PG_CONTEXT;
    IF stack ~ '\nPL/pgSQL function (public\.)?invoice_redact_billing\(uuid\) line [0-9]+ at SQL statement$'
       AND OLD.billing_redacted_at IS NULL AND NEW.billing_redacted_at IS NOT NULL
       AND NEW.buyer_name = '[redacted]' AND NEW.buyer_company IS NULL AND NEW.buyer_email = '[redacted]'
       AND NEW.buyer_address_line1 = '[redacted]' AND NEW.buyer_address_line2 IS NULL
       AND NEW.buyer_postal_code = '[redacted]' AND NEW.buyer_city = '[redacted]'
       AND NEW.buyer_country_code = 'XX' AND NEW.buyer_vat_number IS NULL
       AND (to_jsonb(NEW) - ARRAY['buyer_name', 'buyer_company', 'buyer_email', 'buyer_address_line1', 'buyer_address_line2',
                                  'buyer_postal_code', 'buyer_city', 'buyer_country_code', 'buyer_vat_number', 'billing_redacted_at'])
         = (to_jsonb(OLD) - ARRAY['buyer_name', 'buyer_company', 'buyer_email', 'buyer_address_line1', 'buyer_address_line2',
                                  'buyer_postal_code', 'buyer_city', 'buyer_country_code', 'buyer_vat_number', 'billing_redacted_at']) THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION 'Issued invoices and their lines cannot be changed or deleted (%.%)', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'restrict_violation';
END;
$$;
--> statement-breakpoint
-- Redacts the buyer's details of one invoice or credit note once its tax retention period is over
-- (the caller decides when: lib/privacy/redact-tax-records.ts reads the period from the settings).
-- Returns false when the invoice does not exist or was redacted before.
CREATE FUNCTION invoice_redact_billing(target uuid) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
  changed bigint;
BEGIN
  UPDATE invoices
     SET buyer_name = '[redacted]', buyer_company = NULL, buyer_email = '[redacted]',
         buyer_address_line1 = '[redacted]', buyer_address_line2 = NULL,
         buyer_postal_code = '[redacted]', buyer_city = '[redacted]',
         buyer_country_code = 'XX', buyer_vat_number = NULL, billing_redacted_at = now()
   WHERE id = target AND billing_redacted_at IS NULL;
  GET DIAGNOSTICS changed = ROW_COUNT;
  RETURN changed > 0;
END
$$;
