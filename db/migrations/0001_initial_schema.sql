CREATE TYPE "public"."user_kind" AS ENUM('customer', 'staff');--> statement-breakpoint
CREATE TYPE "public"."user_status" AS ENUM('pending', 'active', 'disabled');--> statement-breakpoint
CREATE TYPE "public"."licence_model" AS ENUM('royalty_free', 'rights_managed');--> statement-breakpoint
CREATE TYPE "public"."model_release_status" AS ENUM('released', 'not_needed', 'none');--> statement-breakpoint
CREATE TYPE "public"."orientation" AS ENUM('landscape', 'portrait', 'square');--> statement-breakpoint
CREATE TYPE "public"."size_tier" AS ENUM('S', 'M', 'L', 'XL');--> statement-breakpoint
CREATE TYPE "public"."mail_status" AS ENUM('pending', 'sent', 'failed');--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"password_hash" text NOT NULL,
	"full_name" text NOT NULL,
	"kind" "user_kind" DEFAULT 'customer' NOT NULL,
	"staff_role" text,
	"status" "user_status" DEFAULT 'pending' NOT NULL,
	"activated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "images" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "images_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"keywords" text[] DEFAULT '{}'::text[] NOT NULL,
	"creator_name" text DEFAULT '' NOT NULL,
	"credit_line" text DEFAULT '' NOT NULL,
	"captured_on" date,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"orientation" "orientation" GENERATED ALWAYS AS (case when abs(width - height) * 50 <= greatest(width, height) then 'square'::orientation when width > height then 'landscape'::orientation else 'portrait'::orientation end) STORED NOT NULL,
	"licence_model" "licence_model" NOT NULL,
	"price_list_id" integer,
	"model_release" "model_release_status" NOT NULL,
	"people_count" smallint DEFAULT 0 NOT NULL,
	"published" boolean DEFAULT false NOT NULL,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', stockroom_keywords_text(keywords)), 'B') || setweight(to_tsvector('english', description), 'C')) STORED NOT NULL,
	CONSTRAINT "images_dimensions_positive" CHECK ("images"."width" > 0 and "images"."height" > 0),
	CONSTRAINT "images_people_count" CHECK ("images"."people_count" >= 0),
	CONSTRAINT "images_title_length" CHECK (char_length("images"."title") between 1 and 300),
	CONSTRAINT "images_price_list_matches_licence" CHECK (("images"."licence_model" = 'royalty_free') = ("images"."price_list_id" is not null)),
	CONSTRAINT "images_published_at" CHECK (not "images"."published" or "images"."published_at" is not null)
);
--> statement-breakpoint
CREATE TABLE "price_lists" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "price_lists_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"currency" text DEFAULT 'EUR' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "price_lists_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "price_tiers" (
	"price_list_id" integer NOT NULL,
	"tier" "size_tier" NOT NULL,
	"long_edge_px" integer NOT NULL,
	"price_minor" integer NOT NULL,
	CONSTRAINT "price_tiers_price_list_id_tier_pk" PRIMARY KEY("price_list_id","tier"),
	CONSTRAINT "price_tiers_positive" CHECK ("price_tiers"."long_edge_px" > 0 and "price_tiers"."price_minor" >= 0)
);
--> statement-breakpoint
CREATE TABLE "mail_outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"template" text NOT NULL,
	"subject_user_id" uuid,
	"envelope" "bytea",
	"status" "mail_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "image_media" (
	"image_id" bigint PRIMARY KEY NOT NULL,
	"original_key" text NOT NULL,
	"original_mime" text NOT NULL,
	"original_bytes" bigint NOT NULL,
	"original_sha256" text NOT NULL,
	"thumb_key" text NOT NULL,
	"thumb_width" integer NOT NULL,
	"thumb_height" integer NOT NULL,
	"preview_key" text NOT NULL,
	"preview_width" integer NOT NULL,
	"preview_height" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "image_media_original_key_unique" UNIQUE("original_key"),
	CONSTRAINT "image_media_thumb_key_unique" UNIQUE("thumb_key"),
	CONSTRAINT "image_media_preview_key_unique" UNIQUE("preview_key")
);
--> statement-breakpoint
CREATE TABLE "site_settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
ALTER TABLE "images" ADD CONSTRAINT "images_price_list_id_price_lists_id_fk" FOREIGN KEY ("price_list_id") REFERENCES "public"."price_lists"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_tiers" ADD CONSTRAINT "price_tiers_price_list_id_price_lists_id_fk" FOREIGN KEY ("price_list_id") REFERENCES "public"."price_lists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD CONSTRAINT "mail_outbox_subject_user_id_users_id_fk" FOREIGN KEY ("subject_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "image_media" ADD CONSTRAINT "image_media_image_id_images_id_fk" FOREIGN KEY ("image_id") REFERENCES "public"."images"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "site_settings" ADD CONSTRAINT "site_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_unique" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "images_search_vector_idx" ON "images" USING gin ("search_vector") WHERE "images"."published";--> statement-breakpoint
CREATE INDEX "images_newest_idx" ON "images" USING btree ("published_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "images"."published";--> statement-breakpoint
CREATE INDEX "mail_outbox_subject_idx" ON "mail_outbox" USING btree ("subject_user_id");--> statement-breakpoint
CREATE INDEX "mail_outbox_created_idx" ON "mail_outbox" USING btree ("created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "mail_outbox_pending_idx" ON "mail_outbox" USING btree ("created_at") WHERE "mail_outbox"."status" = 'pending';