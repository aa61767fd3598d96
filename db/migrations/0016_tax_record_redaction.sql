ALTER TABLE "orders" ADD COLUMN "billing_redacted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "billing_redacted_at" timestamp with time zone;