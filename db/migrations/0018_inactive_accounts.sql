ALTER TYPE "public"."privacy_request_source" ADD VALUE 'retention_policy';--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "inactivity_warned_at" timestamp with time zone;