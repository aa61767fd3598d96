-- Erasure de-identifies the rows of the two append-only tables through one function each; their
-- triggers let an UPDATE through only inside that function (a transaction-local flag it sets and
-- clears) and only when the row is unchanged apart from the personal values being blanked.
CREATE OR REPLACE FUNCTION audit_trail_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('stockroom.audit_trail_retention', true) = 'on' THEN
    RETURN OLD;
  END IF;
  IF TG_OP = 'UPDATE' AND current_setting('stockroom.audit_trail_deidentify', true) = 'on'
     AND NEW.client_ip IS NULL AND NEW.client_ip_salt IS NULL AND NEW.deidentified_at IS NOT NULL
     AND (to_jsonb(NEW) - 'client_ip' - 'client_ip_salt' - 'deidentified_at')
       = (to_jsonb(OLD) - 'client_ip' - 'client_ip_salt' - 'deidentified_at') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_trail is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
-- Blanks the client address (and the salt of its digest) of every entry the subject made, and of
-- every entry about them that no staff member made (a reset asked for while signed out). A staff
-- member's address on an entry about the subject is the staff member's, and stays. Returns the count.
CREATE FUNCTION audit_trail_deidentify(subject uuid) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  changed bigint;
BEGIN
  PERFORM set_config('stockroom.audit_trail_deidentify', 'on', true);
  UPDATE audit_trail SET client_ip = NULL, client_ip_salt = NULL, deidentified_at = now()
   WHERE (actor_user_id = subject OR (subject_user_id = subject AND actor_kind <> 'staff'))
     AND (client_ip IS NOT NULL OR client_ip_salt IS NOT NULL);
  GET DIAGNOSTICS changed = ROW_COUNT;
  PERFORM set_config('stockroom.audit_trail_deidentify', 'off', true);
  RETURN changed;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION consent_ledger_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('stockroom.consent_ledger_purge', true) = 'on'
     AND EXISTS (SELECT 1 FROM users WHERE users.id = OLD.subject_user_id AND users.status = 'pending') THEN
    RETURN OLD;
  END IF;
  IF TG_OP = 'UPDATE' AND current_setting('stockroom.consent_ledger_deidentify', true) = 'on'
     AND NEW.ip IS NULL
     AND (to_jsonb(NEW) - 'ip') = (to_jsonb(OLD) - 'ip') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'consent_ledger is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
-- Blanks the address every consent of the subject was given from. What was consented to, the text
-- version and hash, and when, stay: the proof outlives the account, tied to its anonymized id only.
CREATE FUNCTION consent_ledger_deidentify(subject uuid) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  changed bigint;
BEGIN
  PERFORM set_config('stockroom.consent_ledger_deidentify', 'on', true);
  UPDATE consent_ledger SET ip = NULL WHERE subject_user_id = subject AND ip IS NOT NULL;
  GET DIAGNOSTICS changed = ROW_COUNT;
  PERFORM set_config('stockroom.consent_ledger_deidentify', 'off', true);
  RETURN changed;
END
$$;
