-- The consent ledger is proof (GDPR art. 7(1)); the application may only append to it.
-- The one exception is the purge of accounts never activated, which marks its own transaction with
-- SET LOCAL stockroom.consent_ledger_purge = 'on' and deletes only rows of pending accounts.
CREATE FUNCTION consent_ledger_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('stockroom.consent_ledger_purge', true) = 'on'
     AND EXISTS (SELECT 1 FROM users WHERE users.id = OLD.subject_user_id AND users.status = 'pending') THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'consent_ledger is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER consent_ledger_append_only BEFORE UPDATE OR DELETE ON consent_ledger
FOR EACH ROW EXECUTE FUNCTION consent_ledger_append_only();
--> statement-breakpoint
CREATE TRIGGER consent_ledger_no_truncate BEFORE TRUNCATE ON consent_ledger
FOR EACH STATEMENT EXECUTE FUNCTION consent_ledger_append_only();
