import "server-only";
import { getReadDb, Prisma, readRows } from "@/lib/db";
import { cachedFigure } from "@/lib/cache/figures";
import { addDays, toIsoDate, type IsoDate } from "@/lib/dates";
import { assertInScope } from "@/lib/auth/scope";
import type { Viewer } from "@/lib/auth/session";
import { computePhases } from "./phases";
import { scopeCtes } from "./sql";

// Coverage over time: the same figures as the cards (scopeCtes), on the last day of every month from the
// month of the first assignment in the scope up to the as-of date (which is always the last point),
// computed as running sums over the dates on which something changes (see the statement).
// One statement for the dates, one for the start month and one for the markers, whatever the scope.

export type SeriesPoint = { date: IsoDate; inProgramme: number; staffed: number; fullyStaffed: number; officers: number };
export type SeriesMarker = { date: IsoDate; kind: "plan" | "phaseStart" | "phaseTarget" | "reform"; label: string };
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

export const computeSeries = cachedFigure("series", querySeries);

async function querySeries(rootUnitId: number | null, asOf: IsoDate): Promise<CoverageSeries> {
  const [first] = await readRows<{ first: Date | null }>(Prisma.sql`
    ${scopeCtes(rootUnitId, [asOf])}
    SELECT min(asg.start_date) AS first
    FROM tree t JOIN assignment asg ON asg.commune_id = t.unit_id
    WHERE t.level = 'COMMUNE' AND asg.start_date <= ${asOf}::date`);
  const start = first?.first ? (toIsoDate(first.first)) : asOf;
  const dates = monthEnds(start, asOf);

  const [rows, markers] = await Promise.all([
    readRows<{ d: Date; in_programme: number; staffed: number; fully_staffed: number; officers: number }>(Prisma.sql`
      ${scopeCtes(rootUnitId, dates)},
      -- A sweep instead of counting every commune on every date (which is per_commune's way, 10,000 communes ×
      -- 90 dates = 900,000 lookups nationally): each commune contributes only where something changes — an
      -- assignment starts or ends, or the commune enters or leaves the programme (an epoch of scopeCtes) —
      -- and the counts are running sums over the dates. Same definitions as the cards: n = active
      -- assignments (start <= d < end), staffed n > 0, fully n >= norm, officers = sum of n (an officer holds
      -- at most one post on a day, assignment_officer_no_overlap).
      -- Dates are addressed by their position in the (sorted) array: width_bucket(x, arr) = #dates <= x.
      ix AS (SELECT ${dates as IsoDate[]}::date[] AS arr),
      eix AS (
        SELECT e.d AS md, min(width_bucket(x, ix.arr)) AS i_from, max(width_bucket(x, ix.arr)) AS i_to
        FROM epochs e CROSS JOIN ix CROSS JOIN unnest(e.ds) AS x GROUP BY e.d
      ),
      mem AS MATERIALIZED (SELECT m.commune_id, m.norm, eix.i_from, eix.i_to FROM map_c m JOIN eix ON eix.md = m.d),
      ev AS (
        -- an assignment counts from the first date >= its start, and no longer from the first date >= its end
        SELECT asg.commune_id, width_bucket(x.t - 1, ix.arr) + 1 AS i, sum(x.delta) AS delta
        FROM (SELECT DISTINCT commune_id FROM mem) cm
        JOIN assignment asg ON asg.commune_id = cm.commune_id
        CROSS JOIN LATERAL (VALUES (asg.start_date, 1), (asg.end_date, -1)) AS x(t, delta)
        CROSS JOIN ix
        WHERE x.t IS NOT NULL AND x.t <= ix.arr[cardinality(ix.arr)]
        GROUP BY 1, 2
      ),
      changes AS (
        SELECT commune_id, i, sum(dn) AS dn, sum(dm) AS dm, sum(dnorm) AS dnorm
        FROM (
          SELECT commune_id, i, delta AS dn, 0 AS dm, 0 AS dnorm FROM ev
          UNION ALL SELECT commune_id, i_from, 0, 1, norm FROM mem
          UNION ALL SELECT commune_id, i_to + 1, 0, -1, -norm FROM mem
        ) s
        GROUP BY commune_id, i
      ),
      state AS (
        -- each commune from position i on: n, in the programme (m = 1) and its norm then
        SELECT commune_id, i, sum(dn) OVER w AS n, sum(dm) OVER w AS m, sum(dnorm) OVER w AS norm
        FROM changes WINDOW w AS (PARTITION BY commune_id ORDER BY i)
      ),
      counted AS (
        SELECT commune_id, i, m AS p, (m > 0 AND n > 0)::int AS s, (m > 0 AND n >= norm)::int AS f, CASE WHEN m > 0 THEN n ELSE 0 END AS o
        FROM state
      ),
      deltas AS (
        SELECT i, sum(p - COALESCE(lp, 0)) AS dp, sum(s - COALESCE(ls, 0)) AS ds, sum(f - COALESCE(lf, 0)) AS df, sum(o - COALESCE(lo, 0)) AS d_o
        FROM (SELECT i, p, s, f, o, lag(p) OVER w AS lp, lag(s) OVER w AS ls, lag(f) OVER w AS lf, lag(o) OVER w AS lo
              FROM counted WINDOW w AS (PARTITION BY commune_id ORDER BY i)) x
        GROUP BY i
      ),
      totals AS MATERIALIZED (
        SELECT i, sum(dp) OVER w AS in_programme, sum(ds) OVER w AS staffed, sum(df) OVER w AS fully_staffed, sum(d_o) OVER w AS officers
        FROM deltas WINDOW w AS (ORDER BY i)
      )
      SELECT ix.arr[g.i] AS d, COALESCE(t.in_programme, 0)::int AS in_programme, COALESCE(t.staffed, 0)::int AS staffed,
             COALESCE(t.fully_staffed, 0)::int AS fully_staffed, COALESCE(t.officers, 0)::int AS officers
      FROM ix CROSS JOIN generate_series(1, cardinality(ix.arr)) AS g(i)
      LEFT JOIN LATERAL (SELECT * FROM totals WHERE totals.i <= g.i ORDER BY totals.i DESC LIMIT 1) t ON true
      ORDER BY g.i`),
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
  // reforms of the map: nationwide every one; for a unit, those that formed or ended it
  const reforms = (
    await getReadDb().$queryRaw<{ effective_on: Date; name: string }[]>`
      SELECT DISTINCT r.effective_on, r.name FROM unit_reform r
      WHERE r.effective_on BETWEEN ${from}::date AND ${to}::date
        AND (${rootUnitId}::int IS NULL OR EXISTS (
          SELECT 1 FROM unit_succession s WHERE s.reform_id = r.id AND (s.successor_id = ${rootUnitId}::int OR s.predecessor_id = ${rootUnitId}::int)))`
  ).map((r) => ({ date: iso(r.effective_on), kind: "reform" as const, label: r.name }));
  if (rootUnitId === null) {
    const plans = await getReadDb().$queryRaw<{ issued_on: Date; code: string }[]>`
      SELECT issued_on, code FROM rollout_plan WHERE issued_on BETWEEN ${from}::date AND ${to}::date ORDER BY issued_on`;
    return [...plans.map((p) => ({ date: iso(p.issued_on), kind: "plan" as const, label: p.code })), ...reforms].sort((x, y) => x.date.localeCompare(y.date));
  }
  const out: SeriesMarker[] = [...reforms];
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

