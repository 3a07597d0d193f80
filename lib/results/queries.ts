import "server-only";
import { cache } from "react";
import { assertInScope } from "@/lib/auth/scope";
import type { Viewer } from "@/lib/auth/session";
import { scopeCtes } from "@/lib/coverage/sql";
import { addDays, toIsoDate, type IsoDate } from "@/lib/dates";
import { env } from "@/lib/env";
import { getDb, Prisma, readRows } from "@/lib/db";
import { cachedFigure } from "@/lib/cache/figures";
import { addMonth, INDICATORS, lastDay, monthOf, type IndicatorValues, type Month, type ReturnStatusName } from "./indicators";
import { onColumn, onDate, validOn } from "@/lib/db/periods";

// Results figures, in SQL over the same scope CTEs as the staffing figures (lib/coverage/sql.ts):
//
//   expected  = in-programme communes of the scope at the end of each month (the commune's parent and
//               programme status on that day) — one return per commune and month;
//   received  = of those, returns submitted or approved as of the as-of date (status = the last workflow
//               event before the end of that day);
//   on time   = of those, first submitted by the due day of the following month (RETURN_DUE_DAY);
//   approved  = of those, approved as of the as-of date;
//   totals    = the indicators summed over approved returns only.
//
// Numerator and denominator are the same commune-months, so completeness can never pass 100%, whatever
// communes changed type, moved or merged during the period.

export type Completeness = { expected: number; received: number; onTime: number; approved: number };
export type ResultRow = Completeness & { values: IndicatorValues };
/** `until`: the child's last day when it ended before the as-of date (a district the 2025 reform dissolved); its name is the one it had then */
export type ResultsByChild = ResultRow & { unitId: number; code: string; name: string; until: IsoDate | null };
export type Results = {
  from: Month;
  to: Month;
  asOf: IsoDate;
  total: ResultRow;
  byMonth: (ResultRow & { month: Month })[];
  byChild: ResultsByChild[];
};

/** The due date of a month's return: day RETURN_DUE_DAY of the following month. */
export function dueDateOf(m: Month, dueDay = env().RETURN_DUE_DAY): IsoDate {
  return `${addMonth(m, 1)}-${String(dueDay).padStart(2, "0")}` as IsoDate;
}

const monthsBetween = (from: Month, to: Month): Month[] => {
  const out: Month[] = [];
  for (let m = from; m <= to; m = addMonth(m, 1)) out.push(m);
  return out;
};

type Row = {
  is_total: boolean;
  by_month: boolean;
  d: Date | null;
  child_id: number | null;
  code: string | null;
  name: string | null;
  until: Date | null;
  expected: number;
  received: number;
  on_time: number;
  approved: number;
} & Record<(typeof INDICATORS)[number]["column"], number>;

/** Results of `rootUnitId` (null = the country) for the months `from`..`to`, as known on `asOf` (cached, lib/cache/figures.ts). */
export const computeResults = cachedFigure("results", queryResults);

async function queryResults(rootUnitId: number | null, from: Month, to: Month, asOf: IsoDate): Promise<Results> {
  const months = monthsBetween(from, to);
  const ends = months.map((m) => lastDay(m) as IsoDate);
  // the end of the as-of day in Vietnam: events up to then count
  const cutoff = `${addDays(asOf, 1)}T00:00:00+07:00`;
  const dueDay = env().RETURN_DUE_DAY;
  const cols = Prisma.raw(INDICATORS.map((i) => `r.${i.column}`).join(", "));
  const sums = Prisma.raw(INDICATORS.map((i) => `COALESCE(sum(cm.${i.column}) FILTER (WHERE cm.status = 'APPROVED'), 0)::int AS ${i.column}`).join(", "));
  const rows = await readRows<Row>(Prisma.sql`
    ${scopeCtes(rootUnitId, ends)},
    -- each expected commune-month with its return and, per return, two index lookups into its history:
    -- the status on the as-of date and the first submission (LATERAL, so no join between CTEs to misplan)
    cm AS MATERIALIZED (
      SELECT c.d, c.commune_id, c.child_id, r.id AS return_id, ${cols}, h.status, h.first_submitted
      FROM c
      LEFT JOIN monthly_return r ON r.commune_id = c.commune_id AND r.month = date_trunc('month', c.d)::date
      LEFT JOIN LATERAL (
        SELECT (SELECT e.to_status FROM return_event e WHERE e.return_id = r.id AND e.at < ${cutoff}::timestamptz
                ORDER BY e.at DESC, e.id DESC LIMIT 1) AS status,
               (SELECT min(e.at) FROM return_event e WHERE e.return_id = r.id AND (e.action = 'submit' OR (e.action = 'reorganise' AND e.to_status = 'SUBMITTED')) AND e.at < ${cutoff}::timestamptz) AS first_submitted
      ) h ON r.id IS NOT NULL
    )
    -- the child's code, and its name on the as-of date, or, for one that no longer existed then, on the last
    -- month it was a child: looked up once per row of the answer, after counting
    SELECT g.*, u.code, COALESCE(cv.name, lv.name) AS name, CASE WHEN u.valid_to <= ${asOf}::date THEN u.valid_to - 1 END AS until
    FROM (
      SELECT GROUPING(cm.d, cm.child_id) = 3 AS is_total, GROUPING(cm.d) = 0 AS by_month, cm.d, cm.child_id, max(cm.d) AS last_d,
             count(*)::int AS expected,
             count(*) FILTER (WHERE cm.status IN ('SUBMITTED', 'APPROVED'))::int AS received,
             count(*) FILTER (WHERE cm.status IN ('SUBMITTED', 'APPROVED')
               AND cm.first_submitted < ((date_trunc('month', cm.d) + interval '1 month')::date + ${dueDay}::int)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')::int AS on_time,
             count(*) FILTER (WHERE cm.status = 'APPROVED')::int AS approved,
             ${sums}
      FROM cm
      GROUP BY GROUPING SETS ((cm.d), (cm.child_id), ())
    ) g
    LEFT JOIN unit u ON u.id = g.child_id
    LEFT JOIN unit_version cv ON cv.unit_id = g.child_id
      AND ${validOn("cv", onDate(asOf))}
    LEFT JOIN unit_version lv ON lv.unit_id = g.child_id
      AND ${validOn("lv", onColumn("g.last_d"))}`);

  const toRow = (r: Row | undefined): ResultRow => ({
    expected: r?.expected ?? 0,
    received: r?.received ?? 0,
    onTime: r?.on_time ?? 0,
    approved: r?.approved ?? 0,
    values: Object.fromEntries(INDICATORS.map((i) => [i.key, r?.[i.column] ?? 0])) as IndicatorValues,
  });
  const byMonthRows = new Map(rows.filter((r) => r.by_month && r.d).map((r) => [monthOf(toIsoDate(r.d!)), r]));
  return {
    from,
    to,
    asOf,
    total: toRow(rows.find((r) => r.is_total)),
    byMonth: months.map((m) => ({ month: m, ...toRow(byMonthRows.get(m)) })),
    byChild: rows
      .filter((r) => !r.is_total && !r.by_month && r.child_id !== null)
      .map((r) => ({ unitId: r.child_id!, code: r.code!, name: r.name ?? r.code!, until: r.until ? toIsoDate(r.until) : null, ...toRow(r) }))
      // the units of the as-of date first, then those that had ended by then
      .sort((a, b) => Number(a.until !== null) - Number(b.until !== null) || a.code.localeCompare(b.code)),
  };
}

/** The results a viewer may see (404 outside the scope); memoised per request. */
export const getResults = cache(async (viewer: Viewer, unitId: number | null, from: Month, to: Month, asOf: IsoDate) => {
  await assertInScope(viewer, unitId, asOf);
  return computeResults(unitId, from, to, asOf);
});

/** The first month with a commune in the programme in the scope (the start of "since deployment"). */
export async function firstProgrammeMonth(rootUnitId: number | null, asOf: IsoDate): Promise<Month | null> {
  const rows = await readRows<{ first: Date | null }>(Prisma.sql`
    ${scopeCtes(rootUnitId, [asOf])}
    SELECT min(a.start_date) AS first FROM assignment a JOIN tree t ON t.unit_id = a.commune_id AND t.level = 'COMMUNE'
    WHERE a.start_date <= ${asOf}::date`);
  const first = rows[0]?.first;
  return first ? monthOf(toIsoDate(first)) : null;
}

export type MonthReturnRow = {
  communeId: number;
  communeCode: string;
  commune: string;
  district: string | null;
  returnId: number | null;
  status: ReturnStatusName | null;
  version: number | null;
  values: IndicatorValues | null;
  updatedAt: Date | null;
};

/** Every in-programme commune of the scope in a month, with its return (if any) as it stands now. */
export async function listMonthReturns(viewer: Viewer, unitId: number | null, month: Month): Promise<MonthReturnRow[]> {
  const end = lastDay(month) as IsoDate;
  await assertInScope(viewer, unitId, end);
  const cols = Prisma.raw(INDICATORS.map((i) => `r.${i.column}`).join(", "));
  const rows = await getDb().$queryRaw<(Record<string, number | string | Date | null> & { commune_id: number })[]>`
    ${scopeCtes(unitId, [end], "commune")}
    SELECT c.commune_id, u.code AS commune_code, v.name AS commune, dv.name AS district,
           r.id AS return_id, r.status::text AS status, r.version, r.updated_at, ${cols}
    FROM c
    JOIN unit u ON u.id = c.commune_id
    JOIN unit_version v ON v.unit_id = c.commune_id AND ${validOn("v", onDate(end))}
    LEFT JOIN unit_version dv ON dv.unit_id = v.parent_id AND ${validOn("dv", onDate(end))}
    LEFT JOIN monthly_return r ON r.commune_id = c.commune_id AND r.month = ${`${month}-01`}::date
    `;
  const collator = new Intl.Collator("vi");
  return rows.map((r) => ({
    communeId: r.commune_id,
    communeCode: r.commune_code as string,
    commune: r.commune as string,
    district: (r.district as string | null) ?? null,
    returnId: (r.return_id as number | null) ?? null,
    status: (r.status as ReturnStatusName | null) ?? null,
    version: (r.version as number | null) ?? null,
    updatedAt: (r.updated_at as Date | null) ?? null,
    values: r.return_id ? (Object.fromEntries(INDICATORS.map((i) => [i.key, r[i.column] as number])) as IndicatorValues) : null,
  })).sort((a, b) => collator.compare(a.district ?? "", b.district ?? "") || collator.compare(a.commune, b.commune));
}

export type ReturnDetail = {
  id: number;
  communeId: number;
  month: Month;
  status: ReturnStatusName;
  version: number;
  values: IndicatorValues;
  note: string | null;
  events: { at: Date; action: string; fromStatus: ReturnStatusName | null; toStatus: ReturnStatusName; reason: string | null; user: string | null }[];
};

/** A commune's return for a month with its workflow history; null when none was started. Scope is the caller's. */
export async function getReturn(communeId: number, month: Month): Promise<ReturnDetail | null> {
  const r = await getDb().monthlyReturn.findUnique({
    where: { communeId_month: { communeId, month: new Date(`${month}-01T00:00:00Z`) } },
    include: { events: { orderBy: [{ at: "asc" }, { id: "asc" }], include: { user: { select: { displayName: true } } } } },
  });
  if (!r) return null;
  return {
    id: r.id,
    communeId: r.communeId,
    month,
    status: r.status,
    version: r.version,
    values: Object.fromEntries(INDICATORS.map((i) => [i.key, r[i.key]])) as IndicatorValues,
    note: r.note,
    events: r.events.map((e) => ({ at: e.at, action: e.action, fromStatus: e.fromStatus, toStatus: e.toStatus, reason: e.reason, user: e.user?.displayName ?? null })),
  };
}


export type TargetStatus = "metEarly" | "metOnDue" | "metLate" | "inProgress" | "missed" | "notStarted";

export type TargetProgressRow = {
  id: number;
  unitCode: string;
  unitName: string;
  title: string;
  indicator: (typeof INDICATORS)[number]["key"];
  periodStart: IsoDate;
  dueDate: IsoDate;
  target: number;
  /** the running total known on the as-of date: the larger of the dated progress reports and the approved returns */
  value: number;
  /** the first day the running total reached the target (a progress report's date, or a month's end) */
  metOn: IsoDate | null;
  /** dueDate − metOn in days: positive = early, negative = late */
  daysEarly: number | null;
  status: TargetStatus;
};

/**
 * The targets set for a unit or any unit under it (null: every target, nationwide) and their progress on
 * `asOf`: dated progress reports (e.g. 991.830 applications on 14/05/2021) and the sums of approved monthly
 * returns of the unit's communes, month by month, from the start of the period.
 */
export async function getTargets(viewer: Viewer, unitId: number | null, asOf: IsoDate): Promise<TargetProgressRow[]> {
  await assertInScope(viewer, unitId, asOf);
  const db = getDb();
  const all = await db.resultTarget.findMany({
    include: { progress: { where: { reportedOn: { lte: new Date(`${asOf}T00:00:00Z`) } }, orderBy: { reportedOn: "asc" } }, unit: { select: { code: true, versions: { select: { name: true, validFrom: true, validTo: true } } } } },
    orderBy: [{ dueDate: "asc" }, { id: "asc" }],
  });
  // a province sees its own targets and those it set for its districts and communes: the unit's tree on
  // the as-of date, read once
  const inTree =
    unitId === null
      ? null
      : new Set((await db.$queryRaw<{ unit_id: number }[]>`${scopeCtes(unitId, [asOf])} SELECT unit_id FROM tree`).map((r) => r.unit_id));
  const targets = all.filter((t) => inTree === null || inTree.has(t.unitId));
  const out: TargetProgressRow[] = [];
  for (const t of targets) {
    const periodStart = toIsoDate(t.periodStart);
    const dueDate = toIsoDate(t.dueDate);
    const ind = INDICATORS.find((i) => i.enum === t.indicator)!;
    const points: { date: IsoDate; value: number }[] = t.progress.map((p) => ({ date: toIsoDate(p.reportedOn), value: p.value }));
    if (periodStart <= asOf) {
      // through the as-of month, past the due date too: a target reached late is "met N days late"
      const results = await computeResults(t.unitId, monthOf(periodStart), monthOf(asOf), asOf);
      let running = 0;
      for (const m of results.byMonth) {
        running += m.values[ind.key];
        const end = lastDay(m.month) as IsoDate;
        if (running > 0) points.push({ date: end > asOf ? asOf : end, value: running });
      }
    }
    points.sort((a, b) => a.date.localeCompare(b.date) || a.value - b.value);
    const value = points.reduce((mx, p) => Math.max(mx, p.value), 0);
    const metOn = points.find((p) => p.value >= t.target)?.date ?? null;
    const daysEarly = metOn ? Math.round((Date.parse(dueDate) - Date.parse(metOn)) / 86_400_000) : null;
    const status: TargetStatus =
      periodStart > asOf ? "notStarted" : metOn ? (daysEarly! > 0 ? "metEarly" : daysEarly === 0 ? "metOnDue" : "metLate") : asOf > dueDate ? "missed" : "inProgress";
    const version = t.unit.versions.find((v) => (!v.validFrom || toIsoDate(v.validFrom) <= asOf) && (!v.validTo || toIsoDate(v.validTo) > asOf)) ?? t.unit.versions.at(-1);
    out.push({ id: t.id, unitCode: t.unit.code, unitName: version?.name ?? t.unit.code, title: t.title, indicator: ind.key, periodStart, dueDate, target: t.target, value, metOn, daysEarly, status });
  }
  return out;
}
