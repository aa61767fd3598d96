CREATE TYPE "public"."audit_actor_kind" AS ENUM('customer', 'staff', 'system');--> statement-breakpoint
CREATE TABLE "audit_trail" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_trail_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"occurred_at" timestamp with time zone NOT NULL,
	"actor_user_id" uuid,
	"actor_kind" "audit_actor_kind" NOT NULL,
	"action" text NOT NULL,
	"subject_user_id" uuid,
	"object_type" text,
	"object_id" text,
	"client_ip" text,
	"purpose" text,
	"details" jsonb NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "audit_trail_subject_idx" ON "audit_trail" USING btree ("subject_user_id","id");--> statement-breakpoint
CREATE INDEX "audit_trail_occurred_idx" ON "audit_trail" USING btree ("occurred_at");--> statement-breakpoint
-- The audit trail is append-only. The one exception is the retention job, which goes through
-- audit_trail_remove_before(): that function marks its own transaction with the transaction-local
-- setting stockroom.audit_trail_retention = 'on', and the trigger lets a DELETE through only then.
-- The flag guards against mistakes of the application, not against the database owner (who could
-- drop the trigger); the hash chain and `npm run audit:verify` reveal what the trigger cannot stop.
CREATE FUNCTION audit_trail_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('stockroom.audit_trail_retention', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_trail is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_trail_append_only BEFORE UPDATE OR DELETE ON audit_trail
FOR EACH ROW EXECUTE FUNCTION audit_trail_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_trail_no_truncate BEFORE TRUNCATE ON audit_trail
FOR EACH STATEMENT EXECUTE FUNCTION audit_trail_append_only();
--> statement-breakpoint
-- Removes the entries that occurred before the cutoff and returns how many. Only the oldest part of
-- the chain goes (ids below the first entry at or after the cutoff), so the chain stays unbroken and
-- the first remaining entry's prev_hash becomes the anchor; the newest entry always stays, so the
-- next append still links to it.
CREATE FUNCTION audit_trail_remove_before(cutoff timestamptz) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  boundary bigint;
  removed bigint;
BEGIN
  -- One remover at a time, and never while an entry is being appended (lib/audit/record-audit-entry.ts).
  PERFORM pg_advisory_xact_lock(hashtext('audit_trail'));
  SELECT coalesce((SELECT min(id) FROM audit_trail WHERE occurred_at >= cutoff), (SELECT max(id) FROM audit_trail))
    INTO boundary;
  PERFORM set_config('stockroom.audit_trail_retention', 'on', true);
  DELETE FROM audit_trail WHERE id < boundary AND occurred_at < cutoff;
  GET DIAGNOSTICS removed = ROW_COUNT;
  PERFORM set_config('stockroom.audit_trail_retention', 'off', true);
  RETURN removed;
END
$$;
