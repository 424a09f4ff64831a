CREATE TABLE "table_cells" (
	"report_id" integer NOT NULL,
	"table_id" text NOT NULL,
	"row_order" integer NOT NULL,
	"column_key" text NOT NULL,
	"amount" numeric(20, 6) NOT NULL,
	CONSTRAINT "table_cells_report_id_table_id_row_order_column_key_pk" PRIMARY KEY("report_id","table_id","row_order","column_key")
);
--> statement-breakpoint
CREATE TABLE "table_rows" (
	"report_id" integer NOT NULL,
	"table_id" text NOT NULL,
	"row_order" integer NOT NULL,
	"section" text,
	"row_key" text,
	"code" text,
	"name" text NOT NULL,
	"line_no" integer,
	"source_line" integer,
	CONSTRAINT "table_rows_report_id_table_id_row_order_pk" PRIMARY KEY("report_id","table_id","row_order")
);
--> statement-breakpoint
CREATE TABLE "departments" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "departments_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "findings" (
	"id" serial PRIMARY KEY NOT NULL,
	"report_id" integer NOT NULL,
	"rule" text NOT NULL,
	"severity" text NOT NULL,
	"message" text NOT NULL,
	"expected" text,
	"found" text,
	"locations" jsonb NOT NULL,
	CONSTRAINT "findings_severity_check" CHECK ("findings"."severity" in ('rounding', 'warning', 'error'))
);
--> statement-breakpoint
CREATE TABLE "reports" (
	"id" serial PRIMARY KEY NOT NULL,
	"department_id" integer NOT NULL,
	"year" integer NOT NULL,
	"scope" text NOT NULL,
	"revision" integer NOT NULL,
	"is_latest" boolean NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL,
	"content_sha256" text NOT NULL,
	"source_file" text NOT NULL,
	"layout" text NOT NULL,
	"source_unit" text NOT NULL,
	"completeness" numeric(12, 4),
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"report" jsonb NOT NULL,
	CONSTRAINT "reports_department_year_scope_revision_key" UNIQUE("department_id","year","scope","revision"),
	CONSTRAINT "reports_scope_check" CHECK ("reports"."scope" in ('部门决算', '单位决算'))
);
--> statement-breakpoint
CREATE TABLE "execution_items" (
	"report_id" integer NOT NULL,
	"ord" integer NOT NULL,
	"code" text,
	"path" text NOT NULL,
	"initial_budget" numeric(20, 6) NOT NULL,
	"final" numeric(20, 6) NOT NULL,
	"rate" numeric(12, 4),
	"no_initial_budget" boolean DEFAULT false NOT NULL,
	"reason" text,
	"source_line" integer,
	CONSTRAINT "execution_items_report_id_ord_pk" PRIMARY KEY("report_id","ord")
);
--> statement-breakpoint
CREATE TABLE "figures" (
	"report_id" integer NOT NULL,
	"key" text NOT NULL,
	"value" numeric NOT NULL,
	CONSTRAINT "figures_report_id_key_pk" PRIMARY KEY("report_id","key")
);
--> statement-breakpoint
CREATE TABLE "narrative_changes" (
	"report_id" integer NOT NULL,
	"ord" integer NOT NULL,
	"key" text NOT NULL,
	"subject" text NOT NULL,
	"current" numeric(20, 6) NOT NULL,
	"change" numeric(20, 6),
	"pct" numeric(12, 4),
	"prior" numeric(20, 6),
	"unchanged" boolean,
	"reason" text,
	"source_line" integer,
	CONSTRAINT "narrative_changes_report_id_ord_pk" PRIMARY KEY("report_id","ord")
);
--> statement-breakpoint
CREATE TABLE "performance_indicators" (
	"project_id" integer NOT NULL,
	"ord" integer NOT NULL,
	"level1" text NOT NULL,
	"level2" text,
	"level3" text,
	"target" text,
	"actual" text,
	"weight" numeric(12, 4),
	"score" numeric(12, 4),
	"deviation" text,
	"source_line" integer,
	CONSTRAINT "performance_indicators_project_ord_key" UNIQUE("project_id","ord")
);
--> statement-breakpoint
CREATE TABLE "performance_projects" (
	"id" serial PRIMARY KEY NOT NULL,
	"report_id" integer NOT NULL,
	"ord" integer NOT NULL,
	"name" text NOT NULL,
	"department" text,
	"implementing_unit" text,
	"has_sheet" boolean NOT NULL,
	"initial" numeric(20, 6),
	"annual" numeric(20, 6),
	"executed" numeric(20, 6),
	"rate" numeric(12, 4),
	"funds_score" numeric(12, 4),
	"total_score" numeric(12, 4),
	"grade" text,
	"summary_budget" numeric(20, 6),
	"summary_score" numeric(12, 4),
	"source_line" integer,
	CONSTRAINT "performance_projects_report_ord_key" UNIQUE("report_id","ord")
);
--> statement-breakpoint
CREATE TABLE "subjects" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"code" text NOT NULL,
	"level" integer NOT NULL,
	"name" text NOT NULL,
	"parent_code" text,
	"year" integer,
	CONSTRAINT "subjects_kind_code_year_key" UNIQUE NULLS NOT DISTINCT("kind","code","year"),
	CONSTRAINT "subjects_kind_check" CHECK ("subjects"."kind" in ('function', 'economic'))
);
--> statement-breakpoint
ALTER TABLE "table_cells" ADD CONSTRAINT "table_cells_report_id_table_id_row_order_table_rows_report_id_table_id_row_order_fk" FOREIGN KEY ("report_id","table_id","row_order") REFERENCES "public"."table_rows"("report_id","table_id","row_order") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "table_rows" ADD CONSTRAINT "table_rows_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "execution_items" ADD CONSTRAINT "execution_items_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "figures" ADD CONSTRAINT "figures_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "narrative_changes" ADD CONSTRAINT "narrative_changes_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "performance_indicators" ADD CONSTRAINT "performance_indicators_project_id_performance_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."performance_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "performance_projects" ADD CONSTRAINT "performance_projects_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "table_cells_table_column_idx" ON "table_cells" USING btree ("table_id","column_key","report_id");--> statement-breakpoint
CREATE INDEX "table_rows_table_code_idx" ON "table_rows" USING btree ("table_id","code");--> statement-breakpoint
CREATE INDEX "table_rows_table_key_idx" ON "table_rows" USING btree ("table_id","row_key");--> statement-breakpoint
CREATE INDEX "findings_report_idx" ON "findings" USING btree ("report_id","severity");--> statement-breakpoint
CREATE INDEX "findings_rule_idx" ON "findings" USING btree ("rule");--> statement-breakpoint
CREATE UNIQUE INDEX "reports_one_latest_idx" ON "reports" USING btree ("department_id","year","scope") WHERE "reports"."is_latest";--> statement-breakpoint
CREATE INDEX "reports_year_latest_idx" ON "reports" USING btree ("year","is_latest");--> statement-breakpoint
CREATE INDEX "execution_items_code_idx" ON "execution_items" USING btree ("code","report_id");--> statement-breakpoint
CREATE INDEX "figures_key_idx" ON "figures" USING btree ("key","report_id");--> statement-breakpoint
CREATE INDEX "narrative_changes_key_idx" ON "narrative_changes" USING btree ("key","report_id");--> statement-breakpoint
CREATE INDEX "subjects_parent_idx" ON "subjects" USING btree ("kind","parent_code");