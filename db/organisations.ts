import { and, desc, eq, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import { normalizeOrgName } from "../lib/org/names";
import type { Report } from "../lib/report/schema";
import { executeRows, unnestInsert } from "./bulk";
import { departments, departmentUnits, orgOverrides } from "./schema";
import type { Db, Executor } from "./types";

/** A name's key; a name that is nothing but an own-unit mark keeps itself, so no two such names share "". */
export function orgKeyOf(name: string): string {
  return normalizeOrgName(name) || name.trim();
}

/** `key` after the users' merges: merges are stored flattened, so one lookup reaches the final key. */
export function resolvedKey(key: SQL): SQL {
  return sql`coalesce((select o.to_key from org_overrides o where o.kind = 'merge' and o.from_key = ${key}), ${key})`;
}

/**
 * Locks the department a document names for the rest of the transaction, creating it if needed: two loads of the
 * same department (on Postgres, from two processes or two connections of a batch) then take turns instead of racing
 * for the same revision number or missing each other's year in the prior-year check. The department is found by its
 * org key, so "…财政局（本级）" and "…财政局", or a name a user merged into another, load into one department; a
 * department whose key is unknown (it predates the key and another holds it) is still found by its exact name.
 */
export async function lockDepartment(tx: Executor, name: string): Promise<number> {
  const key = resolvedKey(sql`${orgKeyOf(name)}::text`);
  const select = () =>
    tx
      .select({ id: departments.id, name: departments.name })
      .from(departments)
      .where(or(eq(departments.orgKey, key), eq(departments.name, name)))
      .orderBy(sql`${departments.orgKey} is not distinct from ${key} desc`)
      .limit(1)
      .for("update");
  const [found] = await select();
  if (found) {
    // A unit that loaded first named the department "…（本级）"; the 部门's own plain name replaces it when it comes.
    if (found.name !== name && normalizeOrgName(name) === name && normalizeOrgName(found.name) !== found.name) {
      await tx.execute(
        sql`update departments set name = ${name} where id = ${found.id} and not exists (select 1 from departments o where o.name = ${name})`,
      );
    }
    return found.id;
  }
  const [created] = await tx
    .insert(departments)
    .values({ name, orgKey: key })
    .onConflictDoNothing()
    .returning({ id: departments.id });
  if (created) return created.id;
  const [raced] = await select();
  return raced.id;
}

/**
 * The units a 部门决算 (单位构成) or a 部门预算 (部门机构设置) lists, as links from its department, resolved through the users' merges. The
 * 部门's own unit (（本级）, 本部) has the 部门's key and is left out; a link already known stays as first recorded.
 */
export function unitLinksInsert(
  departmentId: number,
  report: { scope: string; year: number; overview: Pick<Report["overview"], "units"> },
): SQL | null {
  if (report.scope !== "部门决算" && report.scope !== "部门预算") return null;
  const seen = new Map<string, string>();
  for (const unit of report.overview.units) {
    const key = normalizeOrgName(unit);
    if (key && !seen.has(key)) seen.set(key, unit.trim());
  }
  return unnestInsert(
    "department_units",
    [
      { name: "raw_key", type: "text", values: [...seen.keys()], readOnly: true },
      { name: "unit_name", type: "text", values: [...seen.values()] },
    ],
    {
      lead: [
        { name: "parent_id", expr: sql`${departmentId}::integer` },
        { name: "unit_key", expr: sql`coalesce(o.to_key, u."raw_key")` },
        { name: "source", expr: sql`'report'` },
        { name: "year", expr: sql`${report.year}::integer` },
      ],
      from: sql`LEFT JOIN org_overrides o ON o.kind = 'merge' AND o.from_key = u."raw_key"
        WHERE coalesce(o.to_key, u."raw_key") IS DISTINCT FROM (SELECT d.org_key FROM departments d WHERE d.id = ${departmentId}::integer)`,
      tail: sql`ON CONFLICT DO NOTHING`,
    },
  );
}

export type BackfillResult = { keyed: number; unkeyed: number; links: number };

/**
 * Gives every department that predates org keys its key, and links the units its latest 部门决算 reports list.
 * Runs at migrate time and does nothing once every department has a key (loads always set it). A department whose
 * key another already holds keeps none: merging two existing departments moves reports, which a migration must not
 * decide on its own, so the import page lists them for a user to merge.
 */
export async function backfillOrgKeys(db: Db): Promise<BackfillResult> {
  return db.transaction(async (tx) => {
    const pending = await tx
      .select({ id: departments.id, name: departments.name })
      .from(departments)
      .where(isNull(departments.orgKey))
      .orderBy(departments.id)
      .for("update");
    if (pending.length === 0) return { keyed: 0, unkeyed: 0, links: 0 };
    const merged = new Map(
      (
        await tx
          .select({ from: orgOverrides.fromKey, to: orgOverrides.toKey })
          .from(orgOverrides)
          .where(eq(orgOverrides.kind, "merge"))
      ).map((r) => [r.from, r.to]),
    );
    const keys = pending.map((d) => merged.get(orgKeyOf(d.name)) ?? orgKeyOf(d.name));
    const taken = new Set<string>();
    for (let i = 0; i < keys.length; i += 1000) {
      const held = await tx
        .select({ key: departments.orgKey })
        .from(departments)
        .where(inArray(departments.orgKey, keys.slice(i, i + 1000)));
      for (const h of held) taken.add(h.key as string);
    }
    let keyed = 0;
    for (const [i, d] of pending.entries()) {
      const key = keys[i];
      if (taken.has(key)) continue;
      taken.add(key);
      await tx.update(departments).set({ orgKey: key }).where(eq(departments.id, d.id));
      keyed++;
    }
    let links = 0;
    const ids = pending.map((d) => d.id);
    for (let i = 0; i < ids.length; i += 1000) {
      const listed = await executeRows<{ department_id: number; year: number; units: string[] | string | null }>(
        tx,
        sql`select department_id, year, report->'overview'->'units' as units from reports
            where is_latest and scope = '部门决算' and department_id in ${sql.raw(
              `(${ids
                .slice(i, i + 1000)
                .map(Number)
                .join(",")})`,
            )}
            order by department_id, year`,
      );
      for (const r of listed) {
        const units = (typeof r.units === "string" ? JSON.parse(r.units) : (r.units ?? [])) as string[];
        const insert = unitLinksInsert(Number(r.department_id), {
          scope: "部门决算",
          year: Number(r.year),
          overview: { units },
        });
        if (insert) links += (await executeRows(tx, sql`${insert} RETURNING 1`)).length;
      }
    }
    return { keyed, unkeyed: pending.length - keyed, links };
  });
}

// ---- a user's corrections ---------------------------------------------------------------------------------------

/** A correction that cannot be applied; the message is for the import page. */
export class OrgOverrideError extends Error {}

export type OverrideEntry = {
  id: number;
  at: Date;
  userName: string;
  kind: "merge" | "unit";
  fromName: string;
  toName: string;
  outcome: string | null;
};

type DeptRow = { id: number; name: string; orgKey: string | null };

/** The department a user typed: by its name as listed, else by any printing with the same org key. */
export async function findDepartment(db: Executor, name: string): Promise<number> {
  const [found] = await db
    .select({ id: departments.id })
    .from(departments)
    .where(or(eq(departments.name, name.trim()), eq(departments.orgKey, resolvedKey(sql`${orgKeyOf(name)}::text`))))
    .orderBy(sql`${departments.name} = ${name.trim()} desc`)
    .limit(1);
  if (!found) throw new OrgOverrideError(`没有名为“${name.trim()}”的部门`);
  return found.id;
}

async function lockDepartments(tx: Executor, ids: number[]): Promise<DeptRow[]> {
  return tx
    .select({ id: departments.id, name: departments.name, orgKey: departments.orgKey })
    .from(departments)
    .where(inArray(departments.id, ids))
    .orderBy(departments.id)
    .for("update");
}

/**
 * "Department `fromId` is the same organisation as `toId`": its reports move to `toId`, the departments' unit links
 * follow, and the merge is kept so that documents printing `fromId`'s name load into `toId` from now on. Refused
 * when both have a report for the same year and scope (two revisions chains cannot become one without choosing).
 */
export async function mergeDepartments(db: Db, fromId: number, toId: number, userName: string): Promise<OverrideEntry> {
  if (fromId === toId) throw new OrgOverrideError("不能把一个部门合并到它自己");
  return db.transaction(async (tx) => {
    const rows = await lockDepartments(tx, [fromId, toId]);
    const from = rows.find((r) => r.id === fromId);
    const to = rows.find((r) => r.id === toId);
    if (!from || !to) throw new OrgOverrideError("要合并的部门不存在（可能已被合并），请刷新页面");
    const clash = await executeRows<{ year: number; scope: string }>(
      tx,
      sql`select a.year, a.scope from reports a join reports b on b.year = a.year and b.scope = a.scope
          where a.department_id = ${fromId} and b.department_id = ${toId} group by a.year, a.scope order by a.year, a.scope limit 3`,
    );
    if (clash.length) {
      const which = clash.map((c) => `${c.year} 年${c.scope}`).join("、");
      throw new OrgOverrideError(
        `“${from.name}”与“${to.name}”都有 ${which}，无法合并：同一部门同一年度同一范围只能有一条修订链`,
      );
    }
    const fromKey = from.orgKey ?? orgKeyOf(from.name);
    const toKey = to.orgKey ?? orgKeyOf(to.name);
    const [{ n: moved }] = await executeRows<{ n: number }>(
      tx,
      sql`with m as (update reports set department_id = ${toId} where department_id = ${fromId} returning 1) select count(*)::int as n from m`,
    );
    // the merged department's units become the target's; links to the merged key point at the target key
    await tx.execute(sql`insert into department_units (parent_id, unit_key, unit_name, source, year)
      select ${toId}, unit_key, unit_name, source, year from department_units where parent_id = ${fromId} on conflict do nothing`);
    await tx.execute(sql`insert into department_units (parent_id, unit_key, unit_name, source, year)
      select parent_id, ${toKey}, unit_name, source, year from department_units where unit_key = ${fromKey} on conflict do nothing`);
    await tx.execute(
      sql`delete from department_units where unit_key = ${fromKey} or (parent_id = ${toId} and unit_key = ${toKey})`,
    );
    await tx
      .update(orgOverrides)
      .set({ toKey })
      .where(and(eq(orgOverrides.kind, "merge"), eq(orgOverrides.toKey, fromKey)));
    await tx.delete(departments).where(eq(departments.id, fromId));
    if (!to.orgKey) await tx.update(departments).set({ orgKey: toKey }).where(eq(departments.id, toId));
    const outcome = `${moved} 份报告并入“${to.name}”；此后名为“${from.name}”的文件载入该部门`;
    // one merge per key: a newer one for the same key replaces the older (a new row, so the data version moves)
    await tx.delete(orgOverrides).where(and(eq(orgOverrides.kind, "merge"), eq(orgOverrides.fromKey, fromKey)));
    const [entry] = await tx
      .insert(orgOverrides)
      .values({ userName, kind: "merge", fromName: from.name, fromKey, toName: to.name, toKey, outcome })
      .returning();
    return toEntry(entry);
  });
}

/**
 * "`unitName` is a 单位 of the 部门 `parentId`": the link holds whether or not the unit has published anything, and
 * stays whatever the 部门's later documents list.
 */
export async function assignUnit(db: Db, unitName: string, parentId: number, userName: string): Promise<OverrideEntry> {
  const printed = unitName.trim();
  if (!normalizeOrgName(printed)) throw new OrgOverrideError("请填写单位名称");
  return db.transaction(async (tx) => {
    const [parent] = await lockDepartments(tx, [parentId]);
    if (!parent) throw new OrgOverrideError("所选部门不存在，请刷新页面");
    const [{ key }] = await executeRows<{ key: string }>(
      tx,
      sql`select ${resolvedKey(sql`${orgKeyOf(printed)}::text`)} as key`,
    );
    if (key === (parent.orgKey ?? orgKeyOf(parent.name)))
      throw new OrgOverrideError(`“${printed}”就是“${parent.name}”本身（本级），不是它的下属单位`);
    const [unit] = await tx
      .select({ id: departments.id, name: departments.name })
      .from(departments)
      .where(eq(departments.orgKey, key));
    await tx
      .insert(departmentUnits)
      .values({ parentId, unitKey: key, unitName: unit?.name ?? printed, source: "override", year: null })
      .onConflictDoUpdate({ target: [departmentUnits.parentId, departmentUnits.unitKey], set: { source: "override" } });
    const outcome = unit
      ? `“${unit.name}”的单位决算在“${parent.name}”有部门决算的年度不再计入合计`
      : `“${printed}”尚未载入；载入后按此归属`;
    const [entry] = await tx
      .insert(orgOverrides)
      .values({
        userName,
        kind: "unit",
        fromName: printed,
        fromKey: key,
        toName: parent.name,
        toKey: parent.orgKey ?? orgKeyOf(parent.name),
        outcome,
      })
      .returning();
    return toEntry(entry);
  });
}

function toEntry(r: typeof orgOverrides.$inferSelect): OverrideEntry {
  return {
    id: r.id,
    at: r.at,
    userName: r.userName,
    kind: r.kind as OverrideEntry["kind"],
    fromName: r.fromName,
    toName: r.toName,
    outcome: r.outcome,
  };
}

export async function latestOverrides(db: Executor, limit = 100): Promise<OverrideEntry[]> {
  const rows = await db.select().from(orgOverrides).orderBy(desc(orgOverrides.at), desc(orgOverrides.id)).limit(limit);
  return rows.map(toEntry);
}

export type UnitLink = {
  parentId: number;
  parent: string;
  unitName: string;
  unitId: number | null;
  source: "report" | "override";
  year: number | null;
};

/** Every 部门 → 单位 link with the unit's department when it has loaded, for the import page. */
export async function unitLinks(db: Executor, limit = 500): Promise<UnitLink[]> {
  const rows = await executeRows<{
    parent_id: number;
    parent: string;
    unit_name: string;
    unit_id: number | null;
    source: string;
    year: number | null;
  }>(
    db,
    sql`select l.parent_id, p.name as parent, coalesce(u.name, l.unit_name) as unit_name, u.id as unit_id, l.source, l.year
        from department_units l join departments p on p.id = l.parent_id left join departments u on u.org_key = l.unit_key
        order by p.name, l.unit_name limit ${limit}`,
  );
  return rows.map((r) => ({
    parentId: Number(r.parent_id),
    parent: r.parent,
    unitName: r.unit_name,
    unitId: r.unit_id === null ? null : Number(r.unit_id),
    source: r.source as UnitLink["source"],
    year: r.year === null ? null : Number(r.year),
  }));
}

export type DepartmentChoice = { id: number; name: string; reports: number; keyed: boolean };

/** Departments to choose from on the import page; those without a key (awaiting a merge) first. */
export async function departmentChoices(db: Executor, limit = 2000): Promise<DepartmentChoice[]> {
  const rows = await executeRows<{ id: number; name: string; reports: number; keyed: boolean }>(
    db,
    sql`select d.id, d.name, (select count(*)::int from reports r where r.department_id = d.id and r.is_latest) as reports, d.org_key is not null as keyed
        from departments d order by d.org_key is not null, d.name limit ${limit}`,
  );
  return rows.map((r) => ({ id: Number(r.id), name: r.name, reports: Number(r.reports), keyed: Boolean(r.keyed) }));
}
