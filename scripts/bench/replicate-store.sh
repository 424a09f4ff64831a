#!/usr/bin/env bash
# Multiplies a PostgreSQL scale store built by `npm run build-store` (every report generated, audited and loaded)
# N times over, in SQL: copy k of each department is a new department ("…（复本k）") with the same reports under new
# ids. Building 100,000 reports through the loader takes about an hour on this machine; copying a 10,000-report store
# ten times takes minutes, and the dashboards' statements see the same shape of data (20,000 reports a year).
#   scripts/bench/replicate-store.sh postgres://postgres@127.0.0.1:5432/scale100k 10
# The store must hold only what build-store loaded (no budgets or documents); it is multiplied in place.
set -euo pipefail
url=${1:?usage: replicate-store.sh DATABASE_URL TIMES}
times=${2:?usage: replicate-store.sh DATABASE_URL TIMES}
q() { psql "$url" -v ON_ERROR_STOP=1 -Atqc "$1"; }
R=$(q "select max(id) from reports"); D=$(q "select max(id) from departments")
P=$(q "select coalesce(max(id), 0) from performance_projects"); F=$(q "select coalesce(max(id), 0) from findings")
echo "store: $R reports, $D departments; making $times copies in all"
for ((k = 1; k < times; k++)); do
  start=$(date +%s)
  psql "$url" -v ON_ERROR_STOP=1 -q -v k=$k -v R=$R -v D=$D -v P=$P -v F=$F <<'SQL'
begin;
-- the copies' rows are copies of rows that already satisfy every constraint: skip the foreign-key triggers
set local session_replication_role = replica;
insert into departments (id, name, org_key)
  select id + :k * :D, name || '（复本' || :k || '）', org_key || '#' || :k from departments where id <= :D;
insert into department_units (parent_id, unit_key, unit_name, source, year)
  select parent_id + :k * :D, unit_key || '#' || :k, unit_name, source, year from department_units where parent_id <= :D;
insert into reports (id, department_id, year, scope, revision, is_latest, synthetic, content_sha256, source_file, layout,
    source_unit, completeness, loaded_at, report, coverage, tables_read, cells_placed, cells_open, statements_read,
    statements_unread, unread_count, extra_tables)
  select id + :k * :R, department_id + :k * :D, year, scope, revision, is_latest, synthetic, content_sha256, source_file,
    layout, source_unit, completeness, loaded_at, report, coverage, tables_read, cells_placed, cells_open, statements_read,
    statements_unread, unread_count, extra_tables from reports where id <= :R;
insert into table_rows select report_id + :k * :R, table_id, row_order, section, row_key, code, name, line_no, source_line
  from table_rows where report_id <= :R;
insert into table_cells select report_id + :k * :R, table_id, row_order, column_key, amount from table_cells where report_id <= :R;
insert into figures select report_id + :k * :R, key, value from figures where report_id <= :R;
insert into narrative_changes select report_id + :k * :R, ord, key, subject, current, change, pct, prior, unchanged, reason, source_line
  from narrative_changes where report_id <= :R;
insert into execution_items select report_id + :k * :R, ord, code, path, initial_budget, final, rate, no_initial_budget, reason, source_line
  from execution_items where report_id <= :R;
insert into unread_notes select report_id + :k * :R, ord, part, place, source_line, page, text, message from unread_notes where report_id <= :R;
insert into findings select id + :k * :F, report_id + :k * :R, rule, severity, message, expected, found, locations
  from findings where report_id <= :R;
insert into performance_projects select id + :k * :P, report_id + :k * :R, ord, name, department, implementing_unit, has_sheet,
    initial, annual, executed, rate, funds_score, total_score, grade, summary_budget, summary_score, source_line
  from performance_projects where report_id <= :R;
insert into performance_indicators select project_id + :k * :P, ord, level1, level2, level3, target, actual, weight, score, deviation, source_line
  from performance_indicators where project_id <= :P;
insert into report_summaries select report_id + :k * :R, year, figures, sangong, source from report_summaries where report_id <= :R;
insert into report_class_rows select report_id + :k * :R, year, table_id, row_order, row_key, code, name, section, total, basic, project, amount
  from report_class_rows where report_id <= :R;
commit;
SQL
  echo "copy $k: $(( $(date +%s) - start )) s"
done
q "select setval(pg_get_serial_sequence(t, 'id'), (select max(id) from reports)) from (values ('reports')) v(t)" >/dev/null
for t in departments findings performance_projects; do q "select setval(pg_get_serial_sequence('$t', 'id'), (select max(id) from $t))" >/dev/null; done
psql "$url" -qc "vacuum analyze"
echo "store: $(q "select count(*) from reports") reports"
