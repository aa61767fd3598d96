CREATE TYPE "public"."order_status" AS ENUM('submitted', 'awaiting_approval', 'approved', 'rejected', 'paid', 'delivered', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."vat_treatment" AS ENUM('domestic', 'oss_destination', 'under_threshold', 'reverse_charge', 'export');--> statement-breakpoint
CREATE TYPE "public"."invoice_kind" AS ENUM('invoice', 'credit_note');--> statement-breakpoint
CREATE TYPE "public"."bundle_status" AS ENUM('pending', 'ready', 'failed');--> statement-breakpoint
CREATE TYPE "public"."download_kind" AS ENUM('file', 'bundle');--> statement-breakpoint
CREATE TABLE "lightbox_items" (
	"lightbox_id" uuid NOT NULL,
	"image_id" bigint NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lightbox_items_lightbox_id_image_id_pk" PRIMARY KEY("lightbox_id","image_id"),
	CONSTRAINT "lightbox_items_note_length" CHECK (char_length("lightbox_items"."note") <= 1000)
);
--> statement-breakpoint
CREATE TABLE "lightboxes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_user_id" uuid,
	"guest_key" text,
	"name" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"is_active" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lightboxes_one_owner" CHECK (("lightboxes"."owner_user_id" is null) <> ("lightboxes"."guest_key" is null)),
	CONSTRAINT "lightboxes_name_length" CHECK (char_length("lightboxes"."name") between 1 and 120)
);
--> statement-breakpoint
CREATE TABLE "shares" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sender_user_id" uuid NOT NULL,
	"lightbox_id" uuid,
	"image_id" bigint,
	"recipient_email" text NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"token_sha256" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"last_opened_at" timestamp with time zone,
	"open_count" integer DEFAULT 0 NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "shares_token_sha256_unique" UNIQUE("token_sha256"),
	CONSTRAINT "shares_one_object" CHECK (("shares"."lightbox_id" is null) <> ("shares"."image_id" is null)),
	CONSTRAINT "shares_message_length" CHECK (char_length("shares"."message") <= 2000)
);
--> statement-breakpoint
CREATE TABLE "cart_items" (
	"cart_id" uuid NOT NULL,
	"image_id" bigint NOT NULL,
	"tier" "size_tier" NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cart_items_cart_id_image_id_tier_pk" PRIMARY KEY("cart_id","image_id","tier")
);
--> statement-breakpoint
CREATE TABLE "carts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_user_id" uuid,
	"guest_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "carts_owner_user_id_unique" UNIQUE("owner_user_id"),
	CONSTRAINT "carts_guest_key_unique" UNIQUE("guest_key"),
	CONSTRAINT "carts_one_owner" CHECK (("carts"."owner_user_id" is null) <> ("carts"."guest_key" is null))
);
--> statement-breakpoint
CREATE TABLE "customer_terms" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"download_without_approval" boolean DEFAULT false NOT NULL,
	"may_pay_later" boolean DEFAULT false NOT NULL,
	"price_list_id" integer,
	"discount_basis_points" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "customer_terms_discount" CHECK ("customer_terms"."discount_basis_points" between 0 and 10000)
);
--> statement-breakpoint
CREATE TABLE "vat_rates" (
	"country_code" text PRIMARY KEY NOT NULL,
	"country_name" text NOT NULL,
	"rate_basis_points" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "vat_rates_range" CHECK ("vat_rates"."rate_basis_points" between 0 and 10000)
);
--> statement-breakpoint
CREATE TABLE "order_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "order_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"order_id" uuid NOT NULL,
	"status" "order_status" NOT NULL,
	"note" text,
	"actor_user_id" uuid,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "order_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"image_id" bigint,
	"image_title" text NOT NULL,
	"licence_model" "licence_model" NOT NULL,
	"tier" "size_tier" NOT NULL,
	"width_px" integer NOT NULL,
	"height_px" integer NOT NULL,
	"list_price_minor" integer NOT NULL,
	"discount_minor" integer DEFAULT 0 NOT NULL,
	"net_minor" integer NOT NULL,
	"vat_rate_basis_points" integer NOT NULL,
	"vat_minor" integer NOT NULL,
	CONSTRAINT "order_lines_amounts" CHECK ("order_lines"."net_minor" = "order_lines"."list_price_minor" - "order_lines"."discount_minor" and "order_lines"."net_minor" >= 0 and "order_lines"."vat_minor" >= 0)
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" bigint GENERATED ALWAYS AS IDENTITY (sequence name "orders_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1001 CACHE 1),
	"customer_user_id" uuid NOT NULL,
	"idempotency_key" text NOT NULL,
	"status" "order_status" NOT NULL,
	"currency" text DEFAULT 'EUR' NOT NULL,
	"billing_name" text NOT NULL,
	"billing_company" text,
	"billing_email" text NOT NULL,
	"billing_address_line1" text NOT NULL,
	"billing_address_line2" text,
	"billing_postal_code" text NOT NULL,
	"billing_city" text NOT NULL,
	"billing_country_code" text NOT NULL,
	"billing_vat_number" text,
	"vat_treatment" "vat_treatment" NOT NULL,
	"ip_country_code" text,
	"location_mismatch" boolean DEFAULT false NOT NULL,
	"licence_terms_version" text NOT NULL,
	"licence_accepted_at" timestamp with time zone NOT NULL,
	"payment_method" text NOT NULL,
	"net_total_minor" integer NOT NULL,
	"vat_total_minor" integer NOT NULL,
	"gross_total_minor" integer NOT NULL,
	"rejection_reason" text,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "orders_number_unique" UNIQUE("number"),
	CONSTRAINT "orders_totals" CHECK ("orders"."gross_total_minor" = "orders"."net_total_minor" + "orders"."vat_total_minor" and "orders"."net_total_minor" >= 0 and "orders"."vat_total_minor" >= 0)
);
--> statement-breakpoint
CREATE TABLE "invoice_counters" (
	"series" text NOT NULL,
	"year" integer NOT NULL,
	"last_number" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "invoice_counters_series_year_pk" PRIMARY KEY("series","year")
);
--> statement-breakpoint
CREATE TABLE "invoice_lines" (
	"invoice_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"description" text NOT NULL,
	"image_id" bigint,
	"tier" "size_tier",
	"width_px" integer,
	"height_px" integer,
	"net_minor" integer NOT NULL,
	"vat_rate_basis_points" integer NOT NULL,
	"vat_minor" integer NOT NULL,
	CONSTRAINT "invoice_lines_invoice_id_position_pk" PRIMARY KEY("invoice_id","position")
);
--> statement-breakpoint
CREATE TABLE "invoice_payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"invoice_id" uuid NOT NULL,
	"paid_on" date NOT NULL,
	"amount_minor" integer NOT NULL,
	"method" text NOT NULL,
	"reference" text DEFAULT '' NOT NULL,
	"registered_by" uuid,
	"registered_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invoice_payments_positive" CHECK ("invoice_payments"."amount_minor" > 0)
);
--> statement-breakpoint
CREATE TABLE "invoice_reminders" (
	"invoice_id" uuid NOT NULL,
	"level" integer NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invoice_reminders_invoice_id_level_pk" PRIMARY KEY("invoice_id","level")
);
--> statement-breakpoint
CREATE TABLE "invoices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "invoice_kind" NOT NULL,
	"series" text NOT NULL,
	"year" integer NOT NULL,
	"sequence" integer NOT NULL,
	"number" text NOT NULL,
	"order_id" uuid NOT NULL,
	"customer_user_id" uuid NOT NULL,
	"credited_invoice_id" uuid,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"issue_date" date NOT NULL,
	"due_date" date,
	"seller_name" text NOT NULL,
	"seller_address" text NOT NULL,
	"seller_country_code" text NOT NULL,
	"seller_vat_number" text NOT NULL,
	"buyer_name" text NOT NULL,
	"buyer_company" text,
	"buyer_email" text NOT NULL,
	"buyer_address_line1" text NOT NULL,
	"buyer_address_line2" text,
	"buyer_postal_code" text NOT NULL,
	"buyer_city" text NOT NULL,
	"buyer_country_code" text NOT NULL,
	"buyer_vat_number" text,
	"currency" text NOT NULL,
	"vat_treatment" "vat_treatment" NOT NULL,
	"vat_note" text,
	"licence_terms_version" text NOT NULL,
	"net_total_minor" integer NOT NULL,
	"vat_total_minor" integer NOT NULL,
	"gross_total_minor" integer NOT NULL,
	"reason" text,
	CONSTRAINT "invoices_number_unique" UNIQUE("number"),
	CONSTRAINT "invoices_totals" CHECK ("invoices"."gross_total_minor" = "invoices"."net_total_minor" + "invoices"."vat_total_minor"),
	CONSTRAINT "invoices_kind_shape" CHECK (("invoices"."kind" = 'invoice' and "invoices"."credited_invoice_id" is null and "invoices"."due_date" is not null)
        or ("invoices"."kind" = 'credit_note' and "invoices"."credited_invoice_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "download_bundles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_user_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"status" "bundle_status" DEFAULT 'pending' NOT NULL,
	"storage_key" text,
	"bytes" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ready_at" timestamp with time zone,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "download_bundles_storage_key_unique" UNIQUE("storage_key")
);
--> statement-breakpoint
CREATE TABLE "licence_downloads" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "licence_downloads_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"customer_user_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"order_line_id" uuid,
	"kind" "download_kind" NOT NULL,
	"ip" text,
	"downloaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "lightbox_items" ADD CONSTRAINT "lightbox_items_lightbox_id_lightboxes_id_fk" FOREIGN KEY ("lightbox_id") REFERENCES "public"."lightboxes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lightbox_items" ADD CONSTRAINT "lightbox_items_image_id_images_id_fk" FOREIGN KEY ("image_id") REFERENCES "public"."images"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lightboxes" ADD CONSTRAINT "lightboxes_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shares" ADD CONSTRAINT "shares_sender_user_id_users_id_fk" FOREIGN KEY ("sender_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shares" ADD CONSTRAINT "shares_lightbox_id_lightboxes_id_fk" FOREIGN KEY ("lightbox_id") REFERENCES "public"."lightboxes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shares" ADD CONSTRAINT "shares_image_id_images_id_fk" FOREIGN KEY ("image_id") REFERENCES "public"."images"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cart_items" ADD CONSTRAINT "cart_items_cart_id_carts_id_fk" FOREIGN KEY ("cart_id") REFERENCES "public"."carts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cart_items" ADD CONSTRAINT "cart_items_image_id_images_id_fk" FOREIGN KEY ("image_id") REFERENCES "public"."images"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "carts" ADD CONSTRAINT "carts_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_terms" ADD CONSTRAINT "customer_terms_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_terms" ADD CONSTRAINT "customer_terms_price_list_id_price_lists_id_fk" FOREIGN KEY ("price_list_id") REFERENCES "public"."price_lists"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_terms" ADD CONSTRAINT "customer_terms_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vat_rates" ADD CONSTRAINT "vat_rates_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_events" ADD CONSTRAINT "order_events_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_events" ADD CONSTRAINT "order_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_image_id_images_id_fk" FOREIGN KEY ("image_id") REFERENCES "public"."images"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_customer_user_id_users_id_fk" FOREIGN KEY ("customer_user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD CONSTRAINT "invoice_lines_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD CONSTRAINT "invoice_lines_image_id_images_id_fk" FOREIGN KEY ("image_id") REFERENCES "public"."images"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_payments" ADD CONSTRAINT "invoice_payments_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_payments" ADD CONSTRAINT "invoice_payments_registered_by_users_id_fk" FOREIGN KEY ("registered_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_reminders" ADD CONSTRAINT "invoice_reminders_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_customer_user_id_users_id_fk" FOREIGN KEY ("customer_user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_credited_invoice_fk" FOREIGN KEY ("credited_invoice_id") REFERENCES "public"."invoices"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "download_bundles" ADD CONSTRAINT "download_bundles_customer_user_id_users_id_fk" FOREIGN KEY ("customer_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "download_bundles" ADD CONSTRAINT "download_bundles_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "licence_downloads" ADD CONSTRAINT "licence_downloads_customer_user_id_users_id_fk" FOREIGN KEY ("customer_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "licence_downloads" ADD CONSTRAINT "licence_downloads_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "licence_downloads" ADD CONSTRAINT "licence_downloads_order_line_id_order_lines_id_fk" FOREIGN KEY ("order_line_id") REFERENCES "public"."order_lines"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "lightbox_items_image_idx" ON "lightbox_items" USING btree ("image_id");--> statement-breakpoint
CREATE INDEX "lightboxes_owner_idx" ON "lightboxes" USING btree ("owner_user_id","position");--> statement-breakpoint
CREATE INDEX "lightboxes_guest_idx" ON "lightboxes" USING btree ("guest_key");--> statement-breakpoint
CREATE UNIQUE INDEX "lightboxes_one_active_per_owner" ON "lightboxes" USING btree ("owner_user_id") WHERE "lightboxes"."is_active" and "lightboxes"."owner_user_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "lightboxes_one_active_per_guest" ON "lightboxes" USING btree ("guest_key") WHERE "lightboxes"."is_active" and "lightboxes"."guest_key" is not null;--> statement-breakpoint
CREATE INDEX "shares_sender_idx" ON "shares" USING btree ("sender_user_id","created_at");--> statement-breakpoint
CREATE INDEX "shares_lightbox_idx" ON "shares" USING btree ("lightbox_id");--> statement-breakpoint
CREATE INDEX "order_events_order_idx" ON "order_events" USING btree ("order_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "order_lines_position_idx" ON "order_lines" USING btree ("order_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "orders_idempotency_idx" ON "orders" USING btree ("customer_user_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "orders_customer_idx" ON "orders" USING btree ("customer_user_id","submitted_at");--> statement-breakpoint
CREATE INDEX "orders_status_idx" ON "orders" USING btree ("status","submitted_at");--> statement-breakpoint
CREATE INDEX "invoice_payments_invoice_idx" ON "invoice_payments" USING btree ("invoice_id");--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_series_sequence_idx" ON "invoices" USING btree ("series","year","sequence");--> statement-breakpoint
CREATE INDEX "invoices_customer_idx" ON "invoices" USING btree ("customer_user_id","issued_at");--> statement-breakpoint
CREATE INDEX "invoices_order_idx" ON "invoices" USING btree ("order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_one_credit_note_per_invoice" ON "invoices" USING btree ("credited_invoice_id");--> statement-breakpoint
CREATE INDEX "download_bundles_customer_idx" ON "download_bundles" USING btree ("customer_user_id","created_at");--> statement-breakpoint
CREATE INDEX "licence_downloads_customer_idx" ON "licence_downloads" USING btree ("customer_user_id","downloaded_at");--> statement-breakpoint
CREATE INDEX "licence_downloads_order_idx" ON "licence_downloads" USING btree ("order_id");--> statement-breakpoint
-- Issued invoices and credit notes are never changed or deleted: corrections are credit notes.
-- The trigger guards against mistakes of the application; the database owner could drop it.
CREATE FUNCTION invoices_immutable() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'Issued invoices and their lines cannot be changed or deleted (%.%)', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'restrict_violation';
END;
$$;--> statement-breakpoint
CREATE TRIGGER invoices_immutable BEFORE UPDATE OR DELETE ON invoices
FOR EACH ROW EXECUTE FUNCTION invoices_immutable();--> statement-breakpoint
CREATE TRIGGER invoices_no_truncate BEFORE TRUNCATE ON invoices
FOR EACH STATEMENT EXECUTE FUNCTION invoices_immutable();--> statement-breakpoint
CREATE TRIGGER invoice_lines_immutable BEFORE UPDATE OR DELETE ON invoice_lines
FOR EACH ROW EXECUTE FUNCTION invoices_immutable();--> statement-breakpoint
CREATE TRIGGER invoice_lines_no_truncate BEFORE TRUNCATE ON invoice_lines
FOR EACH STATEMENT EXECUTE FUNCTION invoices_immutable();--> statement-breakpoint
-- EU standard VAT rates (basis points) as of 2026; the site owner edits them in the back office.
INSERT INTO vat_rates (country_code, country_name, rate_basis_points) VALUES
  ('AT', 'Austria', 2000), ('BE', 'Belgium', 2100), ('BG', 'Bulgaria', 2000), ('HR', 'Croatia', 2500),
  ('CY', 'Cyprus', 1900), ('CZ', 'Czechia', 2100), ('DK', 'Denmark', 2500), ('EE', 'Estonia', 2400),
  ('FI', 'Finland', 2550), ('FR', 'France', 2000), ('DE', 'Germany', 1900), ('GR', 'Greece', 2400),
  ('HU', 'Hungary', 2700), ('IE', 'Ireland', 2300), ('IT', 'Italy', 2200), ('LV', 'Latvia', 2100),
  ('LT', 'Lithuania', 2100), ('LU', 'Luxembourg', 1700), ('MT', 'Malta', 1800), ('NL', 'Netherlands', 2100),
  ('PL', 'Poland', 2300), ('PT', 'Portugal', 2300), ('RO', 'Romania', 2100), ('SK', 'Slovakia', 2300),
  ('SI', 'Slovenia', 2200), ('ES', 'Spain', 2100), ('SE', 'Sweden', 2500)
ON CONFLICT (country_code) DO NOTHING;
