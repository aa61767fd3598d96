-- Cookie choices add the anonymous consent id to the ledger (migration cookie_consent). Erasure and
-- the retention of guests' cookie choices blank it, with the address, through the functions below;
-- the trigger lets an UPDATE through only inside them (a transaction-local flag they set and clear)
-- and only when the row is unchanged apart from those two values being blanked.
CREATE OR REPLACE FUNCTION consent_ledger_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('stockroom.consent_ledger_purge', true) = 'on'
     AND EXISTS (SELECT 1 FROM users WHERE users.id = OLD.subject_user_id AND users.status = 'pending') THEN
    RETURN OLD;
  END IF;
  IF TG_OP = 'UPDATE' AND current_setting('stockroom.consent_ledger_deidentify', true) = 'on'
     AND NEW.ip IS NULL AND NEW.consent_id IS NULL
     AND (to_jsonb(NEW) - 'ip' - 'consent_id') = (to_jsonb(OLD) - 'ip' - 'consent_id') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'consent_ledger is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
-- Erasure: blanks the address and the consent id of every consent row of the subject. What was
-- consented to, the text version and hash, and when, stay: the proof outlives the account, tied to
-- its anonymized id only. Guest rows of the same consent id made before sign-in carry no subject;
-- with the id blanked here and the cookie gone, nothing ties them to the person any more.
CREATE OR REPLACE FUNCTION consent_ledger_deidentify(subject uuid) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  changed bigint;
BEGIN
  PERFORM set_config('stockroom.consent_ledger_deidentify', 'on', true);
  UPDATE consent_ledger SET ip = NULL, consent_id = NULL
   WHERE subject_user_id = subject AND (ip IS NOT NULL OR consent_id IS NOT NULL);
  GET DIAGNOSTICS changed = ROW_COUNT;
  PERFORM set_config('stockroom.consent_ledger_deidentify', 'off', true);
  RETURN changed;
END
$$;
--> statement-breakpoint
-- Retention of guests' cookie choices: blanks the consent id (and any address) of rows without a
-- subject recorded before `cutoff`. The choice, its text hash and time stay as anonymous counts.
CREATE FUNCTION consent_ledger_deidentify_guests_before(cutoff timestamptz) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  changed bigint;
BEGIN
  PERFORM set_config('stockroom.consent_ledger_deidentify', 'on', true);
  UPDATE consent_ledger SET ip = NULL, consent_id = NULL
   WHERE subject_user_id IS NULL AND created_at < cutoff AND (ip IS NOT NULL OR consent_id IS NOT NULL);
  GET DIAGNOSTICS changed = ROW_COUNT;
  PERFORM set_config('stockroom.consent_ledger_deidentify', 'off', true);
  RETURN changed;
END
$$;
