CREATE TABLE "report_class_rows" (
	"report_id" integer NOT NULL,
	"year" integer NOT NULL,
	"table_id" text NOT NULL,
	"row_order" integer NOT NULL,
	"row_key" text,
	"code" text,
	"name" text NOT NULL,
	"section" text,
	"total" numeric(20, 6),
	"basic" numeric(20, 6),
	"project" numeric(20, 6),
	"amount" numeric(20, 6),
	CONSTRAINT "report_class_rows_report_id_table_id_row_order_pk" PRIMARY KEY("report_id","table_id","row_order")
);
--> statement-breakpoint
CREATE TABLE "report_summaries" (
	"report_id" integer PRIMARY KEY NOT NULL,
	"year" integer NOT NULL,
	"figures" jsonb NOT NULL,
	"sangong" jsonb,
	"source" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "report_class_rows" ADD CONSTRAINT "report_class_rows_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_summaries" ADD CONSTRAINT "report_summaries_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "report_class_rows_year_idx" ON "report_class_rows" USING btree ("year","table_id","report_id");--> statement-breakpoint
CREATE INDEX "report_summaries_year_idx" ON "report_summaries" USING btree ("year","report_id");