CREATE TABLE "budget_lines" (
	"budget_id" integer NOT NULL,
	"table_id" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"column" text NOT NULL,
	"value" numeric(20, 6) NOT NULL,
	"source_line" integer,
	CONSTRAINT "budget_lines_budget_id_table_id_code_column_pk" PRIMARY KEY("budget_id","table_id","code","column")
);
--> statement-breakpoint
CREATE TABLE "budgets" (
	"id" serial PRIMARY KEY NOT NULL,
	"department_id" integer NOT NULL,
	"year" integer NOT NULL,
	"scope" text NOT NULL,
	"revision" integer NOT NULL,
	"is_latest" boolean NOT NULL,
	"content_sha256" text NOT NULL,
	"source_file" text NOT NULL,
	"layout" text NOT NULL,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"figures" jsonb NOT NULL,
	"findings" jsonb NOT NULL,
	"budget" jsonb NOT NULL,
	CONSTRAINT "budgets_scope_check" CHECK ("budgets"."scope" in ('部门预算', '单位预算'))
);
--> statement-breakpoint
ALTER TABLE "budget_lines" ADD CONSTRAINT "budget_lines_budget_id_budgets_id_fk" FOREIGN KEY ("budget_id") REFERENCES "public"."budgets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budgets" ADD CONSTRAINT "budgets_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "budget_lines_table_code_idx" ON "budget_lines" USING btree ("table_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "budgets_one_latest_idx" ON "budgets" USING btree ("department_id","year","scope") WHERE "budgets"."is_latest";--> statement-breakpoint
CREATE INDEX "budgets_year_latest_idx" ON "budgets" USING btree ("year","is_latest");