CREATE TYPE "public"."staff_role" AS ENUM('superadmin', 'admin', 'privacy_officer', 'sales', 'catalog');--> statement-breakpoint
CREATE TYPE "public"."access_kind" AS ENUM('customer_sign_in', 'staff_sign_in', 'staff_request');--> statement-breakpoint
CREATE TYPE "public"."access_outcome" AS ENUM('success', 'invalid', 'throttled', 'blocked', 'address_not_allowed', 'not_activated', 'disabled', 'wrong_kind', 'factor_expired', 'forbidden', 'unavailable');--> statement-breakpoint
CREATE TYPE "public"."access_step" AS ENUM('password', 'pin', 'pin_setup', 'totp', 'totp_enrolment', 'recovery_code', 'request');--> statement-breakpoint
CREATE TYPE "public"."allowlist_scope" AS ENUM('site', 'role', 'account');--> statement-breakpoint
CREATE TYPE "public"."ip_block_source" AS ENUM('automatic', 'manual');--> statement-breakpoint
ALTER TYPE "public"."token_purpose" ADD VALUE 'staff_invitation';--> statement-breakpoint
ALTER TYPE "public"."token_purpose" ADD VALUE 'email_change';--> statement-breakpoint
ALTER TYPE "public"."session_end_reason" ADD VALUE 'ended_by_staff';--> statement-breakpoint
CREATE TABLE "access_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "access_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"kind" "access_kind" NOT NULL,
	"step" "access_step" NOT NULL,
	"outcome" "access_outcome" NOT NULL,
	"user_id" uuid,
	"target" text,
	"ip" text,
	"browser" text,
	"os" text,
	"country" text
);
--> statement-breakpoint
CREATE TABLE "ip_blocks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network" "cidr" NOT NULL,
	"source" "ip_block_source" NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"blocked_until" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lifted_at" timestamp with time zone,
	"lifted_by" uuid
);
--> statement-breakpoint
CREATE TABLE "staff_allowlist" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scope" "allowlist_scope" NOT NULL,
	"role" "staff_role",
	"user_id" uuid,
	"network" "cidr" NOT NULL,
	"label" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "staff_allowlist_scope_target" CHECK (("staff_allowlist"."scope" = 'site' and "staff_allowlist"."role" is null and "staff_allowlist"."user_id" is null) or ("staff_allowlist"."scope" = 'role' and "staff_allowlist"."role" is not null and "staff_allowlist"."user_id" is null) or ("staff_allowlist"."scope" = 'account' and "staff_allowlist"."user_id" is not null and "staff_allowlist"."role" is null))
);
--> statement-breakpoint
CREATE TABLE "staff_factors" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"pin_hash" text,
	"pin_changed_at" timestamp with time zone,
	"totp_secret_sealed" "bytea",
	"totp_key_id" text,
	"totp_enrolled_at" timestamp with time zone,
	"totp_last_used_step" bigint,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staff_recovery_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"code_hash" text NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "users" ALTER COLUMN "staff_role" SET DATA TYPE "public"."staff_role" USING "staff_role"::"public"."staff_role";--> statement-breakpoint
ALTER TABLE "account_tokens" ADD COLUMN "new_email" text;--> statement-breakpoint
ALTER TABLE "access_log" ADD CONSTRAINT "access_log_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ip_blocks" ADD CONSTRAINT "ip_blocks_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ip_blocks" ADD CONSTRAINT "ip_blocks_lifted_by_users_id_fk" FOREIGN KEY ("lifted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_allowlist" ADD CONSTRAINT "staff_allowlist_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_allowlist" ADD CONSTRAINT "staff_allowlist_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_factors" ADD CONSTRAINT "staff_factors_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_recovery_codes" ADD CONSTRAINT "staff_recovery_codes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "access_log_user_idx" ON "access_log" USING btree ("user_id","occurred_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "access_log_occurred_idx" ON "access_log" USING btree ("occurred_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "access_log_ip_idx" ON "access_log" USING btree ("ip","occurred_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "ip_blocks_active_idx" ON "ip_blocks" USING btree ("blocked_until") WHERE "ip_blocks"."lifted_at" is null;--> statement-breakpoint
CREATE INDEX "staff_allowlist_scope_idx" ON "staff_allowlist" USING btree ("scope","role","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "staff_recovery_codes_user_code_unique" ON "staff_recovery_codes" USING btree ("user_id","code_hash");--> statement-breakpoint
CREATE INDEX "staff_recovery_codes_unused_idx" ON "staff_recovery_codes" USING btree ("user_id") WHERE "staff_recovery_codes"."used_at" is null;