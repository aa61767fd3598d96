ALTER TABLE "retention_runs" ADD COLUMN "job" text DEFAULT 'retention' NOT NULL;--> statement-breakpoint
ALTER TABLE "retention_runs" ADD COLUMN "account_counts" jsonb;