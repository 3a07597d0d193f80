import "server-only";
import { getDb } from "@/lib/db";
import { addDays, toIsoDate, type IsoDate } from "@/lib/dates";
import { assertInScope } from "@/lib/auth/scope";
import type { Viewer } from "@/lib/auth/session";
import { computePhases } from "./phases";
import { scopeCtes } from "./sql";

// Coverage over time: the same figures as the cards (scopeCtes), on the last day of every month from the
// month of the first assignment in the scope up to the as-of date (which is always the last point).
// One statement for the dates, one for the start month and one for the markers, whatever the scope.

export type SeriesPoint = { date: IsoDate; inProgramme: number; staffed: number; fullyStaffed: number; officers: number };
export type SeriesMarker = { date: IsoDate; kind: "plan" | "phaseStart" | "phaseTarget"; label: string };
export type CoverageSeries = { points: SeriesPoint[]; markers: SeriesMarker[] };

/** Month ends strictly before `to`'s month end, from `from`'s month, then `to` itself. */
export function monthEnds(from: IsoDate, to: IsoDate): IsoDate[] {
  if (from > to) return [to];
  const out: IsoDate[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  for (;;) {
    const nextFirst = `${m === 12 ? y + 1 : y}-${String(m === 12 ? 1 : m + 1).padStart(2, "0")}-01` as IsoDate;
    const end = addDays(nextFirst, -1);
    if (end >= to) break;
    out.push(end);
    if (m === 12) {
      y += 1;
      m = 1;
    } else m += 1;
  }
  out.push(to);
  return out;
}

export async function computeSeries(rootUnitId: number | null, asOf: IsoDate): Promise<CoverageSeries> {
  const db = getDb();
  const [first] = await db.$queryRaw<{ first: Date | null }[]>`
    ${scopeCtes(rootUnitId, [asOf])}
    SELECT min(asg.start_date) AS first
    FROM tree t JOIN assignment asg ON asg.commune_id = t.unit_id
    WHERE t.level = 'COMMUNE' AND asg.start_date <= ${asOf}::date`;
  const start = first?.first ? (toIsoDate(first.first)) : asOf;
  const dates = monthEnds(start, asOf);

  const [rows, markers] = await Promise.all([
    db.$queryRaw<{ d: Date; in_programme: number; staffed: number; fully_staffed: number; officers: number }[]>`
      ${scopeCtes(rootUnitId, dates)},
      staffing AS (
        -- officers = sum of active assignments: an officer holds at most one post on any day
        -- (assignment_officer_no_overlap), so this equals the cards' count of distinct officers
        SELECT d, count(*) AS in_programme, count(*) FILTER (WHERE n > 0) AS staffed,
               count(*) FILTER (WHERE n >= norm) AS fully_staffed, sum(n) AS officers
        FROM per_commune GROUP BY d
      )
      SELECT dates.d, COALESCE(s.in_programme, 0)::int AS in_programme, COALESCE(s.staffed, 0)::int AS staffed,
             COALESCE(s.fully_staffed, 0)::int AS fully_staffed, COALESCE(s.officers, 0)::int AS officers
      FROM dates LEFT JOIN staffing s ON s.d = dates.d
      ORDER BY dates.d`,
    seriesMarkers(rootUnitId, start, asOf),
  ]);
  return {
    points: rows.map((r) => ({
      date: toIsoDate(r.d),
      inProgramme: r.in_programme,
      staffed: r.staffed,
      fullyStaffed: r.fully_staffed,
      officers: r.officers,
    })),
    markers,
  };
}

/**
 * What to mark on the chart: nationwide, the plans issued; for a unit, the start and target dates of the
 * phases that hold its communes (computePhases) — the dates a provincial HQ plans against.
 * Only dates inside the chart.
 */
async function seriesMarkers(rootUnitId: number | null, from: IsoDate, to: IsoDate): Promise<SeriesMarker[]> {
  if (rootUnitId === null) {
    const plans = await getDb().$queryRaw<{ issued_on: Date; code: string }[]>`
      SELECT issued_on, code FROM rollout_plan WHERE issued_on BETWEEN ${from}::date AND ${to}::date ORDER BY issued_on`;
    return plans.map((p) => ({ date: iso(p.issued_on), kind: "plan" as const, label: p.code }));
  }
  const out: SeriesMarker[] = [];
  for (const p of await computePhases(rootUnitId, to)) {
    if (p.startDate >= from) out.push({ date: p.startDate, kind: "phaseStart", label: p.name });
    if (p.targetDate && p.targetDate >= from && p.targetDate <= to) out.push({ date: p.targetDate, kind: "phaseTarget", label: p.name });
  }
  return out.sort((x, y) => x.date.localeCompare(y.date));
}

const iso = toIsoDate;

/** The monthly series a viewer may see; 404 outside their scope. */
export async function getSeries(viewer: Viewer, unitId: number | null, asOf: IsoDate): Promise<CoverageSeries> {
  await assertInScope(viewer, unitId, asOf);
  return computeSeries(unitId, asOf);
}

