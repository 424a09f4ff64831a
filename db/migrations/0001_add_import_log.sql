CREATE TABLE "import_log" (
	"id" serial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_name" text NOT NULL,
	"file_name" text NOT NULL,
	"sha256" text NOT NULL,
	"department" text,
	"year" integer,
	"scope" text,
	"status" text NOT NULL,
	"revision" integer,
	"report_id" integer,
	"message" text,
	CONSTRAINT "import_log_status_check" CHECK ("import_log"."status" in ('created', 'unchanged', 'revised', 'failed'))
);
--> statement-breakpoint
ALTER TABLE "import_log" ADD CONSTRAINT "import_log_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "import_log_at_idx" ON "import_log" USING btree ("at" DESC NULLS LAST,"id" DESC NULLS LAST);