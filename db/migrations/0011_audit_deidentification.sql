ALTER TABLE "audit_trail" ADD COLUMN "client_ip_salt" text;--> statement-breakpoint
ALTER TABLE "audit_trail" ADD COLUMN "client_ip_digest" text;--> statement-breakpoint
ALTER TABLE "audit_trail" ADD COLUMN "hash_version" smallint DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_trail" ADD COLUMN "deidentified_at" timestamp with time zone;