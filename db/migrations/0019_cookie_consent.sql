CREATE TYPE "public"."cookie_choice_via" AS ENUM('banner', 'settings', 'sign_in');--> statement-breakpoint
ALTER TYPE "public"."consent_purpose" ADD VALUE 'cookie_preferences';--> statement-breakpoint
ALTER TYPE "public"."consent_purpose" ADD VALUE 'cookie_statistics';--> statement-breakpoint
ALTER TYPE "public"."consent_purpose" ADD VALUE 'cookie_marketing';--> statement-breakpoint
ALTER TABLE "consent_ledger" ALTER COLUMN "subject_user_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "consent_ledger" ADD COLUMN "consent_id" uuid;--> statement-breakpoint
ALTER TABLE "consent_ledger" ADD COLUMN "cookie_choice_via" "cookie_choice_via";--> statement-breakpoint
ALTER TABLE "consent_ledger" ADD COLUMN "gpc" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "consent_ledger_consent_id_idx" ON "consent_ledger" USING btree ("consent_id","created_at" DESC NULLS LAST);