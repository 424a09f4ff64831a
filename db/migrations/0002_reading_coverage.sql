CREATE TABLE "unread_notes" (
	"report_id" integer NOT NULL,
	"ord" integer NOT NULL,
	"part" text NOT NULL,
	"place" text NOT NULL,
	"source_line" integer,
	"page" integer,
	"text" text NOT NULL,
	"message" text NOT NULL,
	CONSTRAINT "unread_notes_report_id_ord_pk" PRIMARY KEY("report_id","ord"),
	CONSTRAINT "unread_notes_part_check" CHECK ("unread_notes"."part" in ('table', 'statement', 'section', 'cover', 'appendix'))
);
--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "coverage" numeric(12, 4);--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "tables_read" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "cells_placed" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "cells_open" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "statements_read" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "statements_unread" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "unread_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "extra_tables" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "unread_notes" ADD CONSTRAINT "unread_notes_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reports_latest_coverage_idx" ON "reports" USING btree ("year","coverage","id") WHERE "reports"."is_latest";--> statement-breakpoint
-- Reports loaded before reading coverage existed get the same figures from their canonical report, as
-- lib/report/coverage.ts computes them (exact integer fractions, cut to two decimals). They were read by a reader
-- that rejected partial documents, so they normally carry no unread notes; a note one does carry is copied, and an
-- unread table note counts as one more table not read (the 目录 is not consulted here).
INSERT INTO "unread_notes" ("report_id", "ord", "part", "place", "source_line", "page", "text", "message")
SELECT r."id", n.ord::integer, n.v->>'part', n.v->>'where', (n.v->>'sourceLine')::integer, (n.v->>'page')::integer, n.v->>'text', n.v->>'message'
FROM "reports" r CROSS JOIN LATERAL jsonb_array_elements(coalesce(r."report"->'unread', '[]'::jsonb)) WITH ORDINALITY AS n(v, ord);
--> statement-breakpoint
-- the jsonb functions' default row estimates make this statement look costly enough for JIT, which then takes far
-- longer to compile it than to run it
SET LOCAL jit = off;
--> statement-breakpoint
WITH src AS MATERIALIZED (
  -- the report's parts taken out once (each -> on the report would read the whole document again)
  SELECT r."id", r."report"->'narrative' AS n, r."report"->'appendix' AS a,
    jsonb_array_length(r."report"->'tables') AS tables_found,
    -- only rows whose amounts fit several columns leave cells open (lib/report/coverage.ts OPEN_CELLS)
    (SELECT count(*) FROM jsonb_array_elements(coalesce(r."report"->'ambiguities', '[]'::jsonb)) a WHERE a->>'message' LIKE '%可以归入不同的栏目%') AS ambiguities,
    coalesce(jsonb_array_length(r."report"->'extraTables'), 0) AS extra_tables
  FROM "reports" r
),
notes AS (
  SELECT u."report_id", count(*) AS total, count(*) FILTER (WHERE u."part" = 'table') AS tables,
    count(*) FILTER (WHERE u."part" IN ('statement', 'section', 'cover')) AS statements, count(*) FILTER (WHERE u."part" = 'appendix') AS appendix
  FROM "unread_notes" u GROUP BY u."report_id"
),
counts AS MATERIALIZED (
  SELECT src."id",
    src.tables_found::numeric AS tables_read,
    coalesce(nt.tables, 0)::numeric AS tables_unread,
    -- one table_cells row per printed value
    (SELECT count(*) FROM "table_cells" x WHERE x."report_id" = src."id")::numeric AS placed,
    src.ambiguities::numeric AS cells_open_n,
    (
      coalesce(jsonb_array_length(n->'changes'), 0) + coalesce(jsonb_array_length(n->'shares'), 0)
      + CASE WHEN n ? 'budgetExecution' THEN 1 + coalesce(jsonb_array_length(n->'budgetExecution'->'items'), 0) ELSE 0 END
      + (n ? 'basicExpenditure')::integer
      + CASE WHEN n ? 'sangong' THEN
          (s ? 'total')::integer + (s ? 'abroad')::integer + (s ? 'vehicle')::integer + (s ? 'reception')::integer
          + (s ?| array['vehiclePurchase', 'vehicleOperation'])::integer + (s ?| array['abroadGroups', 'abroadPersons'])::integer
          + (s ?| array['vehiclesPurchased', 'vehiclesKept'])::integer + (s ? 'receptionDomestic')::integer + (s ? 'receptionForeign')::integer
        ELSE 0 END
      + (n ? 'operatingCost')::integer
      + CASE WHEN n ? 'procurement' THEN 1
          + (p ?| array['sme', 'smeShare', 'smallMicro', 'smallMicroShare'])::integer
          + (p ?| array['reservedSme', 'reservedSmallMicro', 'smeWonReserved', 'smallMicroWonReserved', 'smeWonOther'])::integer
        ELSE 0 END
      + (n ? 'assets')::integer
      + CASE WHEN n ? 'performance' THEN 1 + coalesce(jsonb_array_length(n->'performance'->'summaries'), 0) ELSE 0 END
    )::numeric AS statements_read,
    coalesce(nt.statements, 0)::numeric AS statements_unread,
    (coalesce(jsonb_array_length(a->'performanceSheets'), 0) + (coalesce(jsonb_array_length(a->'performanceSummary'->'rows'), 0) > 0)::integer)::numeric AS appendix_read,
    coalesce(nt.appendix, 0)::numeric AS appendix_unread,
    coalesce(nt.total, 0)::integer AS unread_count,
    src.extra_tables
  FROM src
    LEFT JOIN notes nt ON nt."report_id" = src."id"
    CROSS JOIN LATERAL (SELECT coalesce(n->'sangong', '{}'::jsonb) AS s, coalesce(n->'procurement', '{}'::jsonb) AS p) sp
),
-- each part as a fraction n/d (d = 1 and absent when the document has nothing in the part)
parts AS (
  SELECT c.*,
    CASE WHEN tables_read + tables_unread > 0 THEN tables_read * CASE WHEN placed + cells_open_n > 0 THEN placed ELSE 1 END ELSE 0 END AS tn,
    CASE WHEN tables_read + tables_unread > 0 THEN (tables_read + tables_unread) * CASE WHEN placed + cells_open_n > 0 THEN placed + cells_open_n ELSE 1 END ELSE 1 END AS td,
    CASE WHEN statements_read + statements_unread > 0 THEN statements_read ELSE 0 END AS sn,
    CASE WHEN statements_read + statements_unread > 0 THEN statements_read + statements_unread ELSE 1 END AS sd,
    CASE WHEN appendix_read + appendix_unread > 0 THEN appendix_read ELSE 0 END AS an,
    CASE WHEN appendix_read + appendix_unread > 0 THEN appendix_read + appendix_unread ELSE 1 END AS ad,
    (tables_read + tables_unread > 0)::integer + (statements_read + statements_unread > 0)::integer + (appendix_read + appendix_unread > 0)::integer AS k
  FROM counts c
)
UPDATE "reports" r SET
  "coverage" = CASE WHEN q.k = 0 THEN 100 ELSE div(10000 * (q.tn * q.sd * q.ad + q.sn * q.td * q.ad + q.an * q.td * q.sd), q.k * q.td * q.sd * q.ad) / 100 END,
  "tables_read" = q.tables_read::integer,
  "cells_placed" = q.placed::integer,
  "cells_open" = q.cells_open_n::integer,
  "statements_read" = q.statements_read::integer,
  "statements_unread" = q.statements_unread::integer,
  "unread_count" = q.unread_count,
  "extra_tables" = q.extra_tables
FROM parts q WHERE q."id" = r."id";
