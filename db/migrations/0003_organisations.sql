CREATE TABLE "department_units" (
	"parent_id" integer NOT NULL,
	"unit_key" text NOT NULL,
	"unit_name" text NOT NULL,
	"source" text NOT NULL,
	"year" integer,
	CONSTRAINT "department_units_parent_id_unit_key_pk" PRIMARY KEY("parent_id","unit_key"),
	CONSTRAINT "department_units_source_check" CHECK ("department_units"."source" in ('report', 'override'))
);
--> statement-breakpoint
CREATE TABLE "org_overrides" (
	"id" serial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_name" text NOT NULL,
	"kind" text NOT NULL,
	"from_name" text NOT NULL,
	"from_key" text NOT NULL,
	"to_name" text NOT NULL,
	"to_key" text NOT NULL,
	"outcome" text,
	CONSTRAINT "org_overrides_kind_check" CHECK ("org_overrides"."kind" in ('merge', 'unit'))
);
--> statement-breakpoint
ALTER TABLE "departments" ADD COLUMN "org_key" text;--> statement-breakpoint
ALTER TABLE "department_units" ADD CONSTRAINT "department_units_parent_id_departments_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."departments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "department_units_unit_idx" ON "department_units" USING btree ("unit_key");--> statement-breakpoint
CREATE UNIQUE INDEX "org_overrides_merge_from_idx" ON "org_overrides" USING btree ("from_key") WHERE "org_overrides"."kind" = 'merge';--> statement-breakpoint
CREATE INDEX "org_overrides_at_idx" ON "org_overrides" USING btree ("at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "departments_org_key_idx" ON "departments" USING btree ("org_key");