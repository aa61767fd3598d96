ALTER TYPE "public"."access_outcome" ADD VALUE 'parental_pending';--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "restricted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "restricted_by_user_id" uuid;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "parental_confirmed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "parental_confirmed_by_user_id" uuid;--> statement-breakpoint
ALTER TABLE "privacy_requests" ADD COLUMN "data_export_id" uuid;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_restricted_by_user_id_users_id_fk" FOREIGN KEY ("restricted_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_parental_confirmed_by_user_id_users_id_fk" FOREIGN KEY ("parental_confirmed_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_requests" ADD CONSTRAINT "privacy_requests_data_export_id_data_exports_id_fk" FOREIGN KEY ("data_export_id") REFERENCES "public"."data_exports"("id") ON DELETE set null ON UPDATE no action;