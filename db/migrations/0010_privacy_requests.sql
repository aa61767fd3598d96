CREATE TYPE "public"."privacy_request_kind" AS ENUM('access', 'export', 'rectification', 'erasure', 'restriction', 'objection');--> statement-breakpoint
CREATE TYPE "public"."privacy_request_source" AS ENUM('self_service', 'staff');--> statement-breakpoint
CREATE TYPE "public"."privacy_request_state" AS ENUM('awaiting_identity', 'awaiting_confirmation', 'open', 'cooling_off', 'completed', 'refused', 'cancelled', 'failed');--> statement-breakpoint
CREATE TABLE "erasure_tombstones" (
	"subject_user_id" uuid PRIMARY KEY NOT NULL,
	"erased_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "privacy_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "privacy_request_kind" NOT NULL,
	"state" "privacy_request_state" NOT NULL,
	"source" "privacy_request_source" NOT NULL,
	"subject_user_id" uuid,
	"contact_email" text,
	"contact_name" text,
	"details" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"extended_at" timestamp with time zone,
	"extension_reason" text,
	"token_sha256" text,
	"token_expires_at" timestamp with time zone,
	"identity_verified_at" timestamp with time zone,
	"confirmed_at" timestamp with time zone,
	"erase_after" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"outcome" text,
	"closed_at" timestamp with time zone,
	"reminder_sent_at" timestamp with time zone,
	"created_by_user_id" uuid,
	"handled_by_user_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "privacy_requests_token_sha256_unique" UNIQUE("token_sha256")
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "erased_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "privacy_requests" ADD CONSTRAINT "privacy_requests_subject_user_id_users_id_fk" FOREIGN KEY ("subject_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_requests" ADD CONSTRAINT "privacy_requests_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_requests" ADD CONSTRAINT "privacy_requests_handled_by_user_id_users_id_fk" FOREIGN KEY ("handled_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "privacy_requests_subject_idx" ON "privacy_requests" USING btree ("subject_user_id","received_at");--> statement-breakpoint
CREATE INDEX "privacy_requests_open_due_idx" ON "privacy_requests" USING btree ("due_at") WHERE "privacy_requests"."closed_at" is null;--> statement-breakpoint
CREATE INDEX "privacy_requests_erase_after_idx" ON "privacy_requests" USING btree ("erase_after") WHERE "privacy_requests"."state" = 'cooling_off';