// The floor of each benchmarked figure: the same numbers as one hand-written SQL statement that knows what
// the general code cannot assume — the map has three fixed levels (province, district, commune) — and
// reads the tables directly with the best indexes available. `npm run bench` checks that each floor gives
// exactly the app's numbers before timing it, so a floor can never be fast by being wrong.
import { createHash } from "node:crypto";
import type pg from "pg";
import type { RawFigures } from "@/lib/coverage/figures";

/** Where a floor runs: planned for its values on every run, or prepared once and run on its generic plan. */
export type FloorClient = { query<T>(text: string, values: unknown[]): Promise<{ rows: T[] }> };

/** Plans each statement for its values, every time (an unnamed statement). */
export const planned = (client: pg.ClientBase): FloorClient => ({
  query: async <T>(text: string, values: unknown[]) => ({ rows: (await client.query(text, values)).rows as T[] }),
});

/**
 * Prepares each statement once and runs it on its generic plan, as the app runs its figures below the
 * country: `client` must have been opened with plan_cache_mode = force_generic_plan.
 */
export const prepared = (client: pg.ClientBase): FloorClient => ({
  query: async <T>(text: string, values: unknown[]) => {
    const name = `f${createHash("sha1").update(text).digest("hex").slice(0, 20)}`;
    return { rows: (await client.query({ name, text, values })).rows as T[] };
  },
});

export type Level = "NATION" | "PROVINCE" | "DISTRICT";

const valid = (a: string, d = "$1::date") => `(${a}.valid_from IS NULL OR ${a}.valid_from <= ${d}) AND (${a}.valid_to IS NULL OR ${a}.valid_to > ${d})`;
const activeOn = (a: string, d = "$1::date") => `${a}.start_date <= ${d} AND (${a}.end_date IS NULL OR ${a}.end_date > ${d})`;

/**
 * Communes of the scope on date `d` with their group key (the root's child), norm and programme flag.
 * The root is $2 (unless nationwide). `from` names the source of `d` when there are several dates.
 */
const communesOn = (level: Level, d = "$1::date", from = "") => `
  SELECT ${from ? `${d} AS d, ` : ""}cv.unit_id AS id, cv.parent_id AS district_id, dv.parent_id AS province_id,
         ${level === "NATION" ? "dv.parent_id" : level === "PROVINCE" ? "cv.parent_id" : "cv.unit_id"} AS child_id,
         COALESCE(cs.staffing_norm, 5) AS norm,
         COALESCE(cs.in_programme,
           EXISTS (SELECT 1 FROM plan_commune pc JOIN rollout_plan p ON p.id = pc.plan_id WHERE pc.commune_id = cv.unit_id AND p.issued_on <= ${d})
           OR EXISTS (SELECT 1 FROM rollout_plan p WHERE p.issued_on <= ${d} AND cv.type = ANY (p.covers_types)
                      AND (p.scope_unit_id IS NULL OR p.scope_unit_id IN (cv.unit_id, cv.parent_id, dv.parent_id)))) AS prog
  FROM ${from ? `${from} CROSS JOIN ` : ""}unit_version cv
  JOIN unit u ON u.id = cv.unit_id AND u.level = 'COMMUNE'
  JOIN unit_version dv ON dv.unit_id = cv.parent_id AND ${valid("dv", d)}
  LEFT JOIN commune_setting cs ON cs.commune_id = cv.unit_id AND ${valid("cs", d)}
  WHERE ${valid("cv", d)} ${level === "NATION" ? "" : level === "PROVINCE" ? "AND dv.parent_id = $2" : "AND cv.parent_id = $2"}`;

/** The counts of one row: the same fields as the app's raw figures. */
export type FloorCoverageRow = RawFigures & { child_id: number | null };

/** Cards and child table (computeCoverage): per child of the root and the total (child_id null). */
export async function floorCoverage(client: FloorClient, level: Level, rootId: number | null, d: string): Promise<FloorCoverageRow[]> {
  const params = level === "NATION" ? [d] : [d, rootId];
  const r = await client.query<FloorCoverageRow>(
    `WITH c AS MATERIALIZED (${communesOn(level)}),
     n AS (SELECT a.commune_id, count(*) AS n FROM c JOIN assignment a ON a.commune_id = c.id WHERE ${activeOn("a")} GROUP BY a.commune_id),
     cells AS (
       SELECT DISTINCT pcc.cell_id, c.child_id,
              EXISTS (SELECT 1 FROM cell_secretary s JOIN assignment sa ON sa.officer_id = s.officer_id
                      WHERE s.cell_id = pcc.cell_id AND ${activeOn("s")} AND ${activeOn("sa")}) AS police
       FROM c JOIN party_cell_commune pcc ON pcc.commune_id = c.id
       JOIN party_cell pc ON pc.id = pcc.cell_id AND pc.established_on <= $1::date AND (pc.dissolved_on IS NULL OR pc.dissolved_on > $1::date)
     ),
     members AS (
       SELECT DISTINCT m.officer_id, m.committee, c.child_id FROM c JOIN committee_membership m ON m.commune_id = c.id WHERE ${activeOn("m")}
     ),
     facts AS (
       SELECT c.child_id, 1 AS p, (COALESCE(n.n, 0) > 0)::int AS s, (COALESCE(n.n, 0) >= c.norm)::int AS f, COALESCE(n.n, 0) AS o,
              0 AS cells, 0 AS pol, NULL::int AS officer_id, NULL::"Committee" AS committee
       FROM c LEFT JOIN n ON n.commune_id = c.id WHERE c.prog
       UNION ALL SELECT child_id, 0, 0, 0, 0, 1, police::int, NULL, NULL FROM cells
       UNION ALL SELECT child_id, 0, 0, 0, 0, 0, 0, officer_id, committee FROM members
     )
     SELECT child_id, sum(p)::int AS in_programme, sum(s)::int AS staffed, sum(f)::int AS fully_staffed, sum(o)::int AS officers,
            sum(cells)::int AS party_cells, sum(pol)::int AS secretaries_police,
            count(DISTINCT officer_id) FILTER (WHERE committee = 'EXECUTIVE')::int AS executive_members,
            count(DISTINCT officer_id) FILTER (WHERE committee = 'STANDING')::int AS standing_members
     FROM facts GROUP BY GROUPING SETS ((child_id), ()) ORDER BY child_id NULLS FIRST`,
    params,
  );
  return r.rows;
}

export type FloorSeriesRow = { d: string; in_programme: number; staffed: number; fully_staffed: number; officers: number };

/** The monthly series (computeSeries): the same counts on each of `dates`. */
export async function floorSeries(client: FloorClient, level: Level, rootId: number | null, dates: string[]): Promise<FloorSeriesRow[]> {
  const r = await client.query<FloorSeriesRow>(
    `WITH c AS MATERIALIZED (${communesOn(level, "dt.d", "unnest($1::date[]) AS dt(d)")}),
     n AS (SELECT c.d, c.id, count(*) AS n FROM c JOIN assignment a ON a.commune_id = c.id AND ${activeOn("a", "c.d")} WHERE c.prog GROUP BY c.d, c.id)
     SELECT c.d::text AS d, count(*)::int AS in_programme, count(*) FILTER (WHERE n.n > 0)::int AS staffed,
            count(*) FILTER (WHERE COALESCE(n.n, 0) >= c.norm)::int AS fully_staffed, COALESCE(sum(n.n), 0)::int AS officers
     FROM c LEFT JOIN n ON n.d = c.d AND n.id = c.id WHERE c.prog GROUP BY c.d ORDER BY c.d`,
    level === "NATION" ? [dates] : [dates, rootId],
  );
  return r.rows;
}

export type FloorGapRow = { code: string; commune: string; district: string | null; province: string | null; officers: number; norm: number; short: number };

/**
 * The "under the norm" gap list (computeGapList "underNorm"): its length and its first page as the user sees
 * it, most short first — each commune with its name, its district's and its province's on the date.
 */
export async function floorUnderNorm(client: FloorClient, level: Level, rootId: number | null, d: string): Promise<{ total: number; first: FloorGapRow[] }> {
  const r = await client.query<FloorGapRow & { total: number }>(
    `WITH c AS MATERIALIZED (${communesOn(level)}),
     n AS (SELECT a.commune_id, count(*) AS n FROM c JOIN assignment a ON a.commune_id = c.id WHERE ${activeOn("a")} GROUP BY a.commune_id),
     page AS (
       SELECT c.id, c.district_id, c.province_id, u.code, c.norm, COALESCE(n.n, 0) AS officers, (c.norm - COALESCE(n.n, 0))::int AS short,
              count(*) OVER () AS total
       FROM c LEFT JOIN n ON n.commune_id = c.id JOIN unit u ON u.id = c.id
       WHERE c.prog AND COALESCE(n.n, 0) < c.norm
       ORDER BY short DESC, u.code LIMIT 25
     )
     SELECT p.code, cv.name AS commune, dv.name AS district, pv.name AS province, p.officers::int, p.norm::int, p.short, p.total::int
     FROM page p
     JOIN unit_version cv ON cv.unit_id = p.id AND ${valid("cv")}
     JOIN unit_version dv ON dv.unit_id = p.district_id AND ${valid("dv")}
     LEFT JOIN unit_version pv ON pv.unit_id = p.province_id AND ${valid("pv")}
     ORDER BY p.short DESC, p.code`,
    level === "NATION" ? [d] : [d, rootId],
  );
  return { total: r.rows[0]?.total ?? 0, first: r.rows.map(({ total: _, ...row }) => row) };
}

/** Results of the months whose last days are `ends` (computeResults): per month and in total, as known at `cutoff`. */
export async function floorResults(client: FloorClient, level: Level, rootId: number | null, ends: string[], cutoff: string, dueDay: number) {
  const r = await client.query<{ d: string | null; expected: number; received: number; on_time: number; approved: number; security_reports: number }>(
    `WITH c AS MATERIALIZED (${communesOn(level, "dt.d", "unnest($1::date[]) AS dt(d)")}),
     cm AS (
       SELECT c.d, r.security_reports,
              (SELECT e.to_status FROM return_event e WHERE e.return_id = r.id AND e.at < $${level === "NATION" ? 2 : 3}::timestamptz ORDER BY e.at DESC, e.id DESC LIMIT 1) AS status,
              (SELECT min(e.at) FROM return_event e WHERE e.return_id = r.id AND e.action = 'submit' AND e.at < $${level === "NATION" ? 2 : 3}::timestamptz) AS first_submitted
       FROM c LEFT JOIN monthly_return r ON r.commune_id = c.id AND r.month = date_trunc('month', c.d)::date
       WHERE c.prog
     )
     SELECT d::text AS d, count(*)::int AS expected,
            count(*) FILTER (WHERE status IN ('SUBMITTED', 'APPROVED'))::int AS received,
            count(*) FILTER (WHERE status IN ('SUBMITTED', 'APPROVED')
              AND first_submitted < ((date_trunc('month', d) + interval '1 month')::date + ${dueDay})::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')::int AS on_time,
            count(*) FILTER (WHERE status = 'APPROVED')::int AS approved,
            COALESCE(sum(security_reports) FILTER (WHERE status = 'APPROVED'), 0)::int AS security_reports
     FROM cm GROUP BY GROUPING SETS ((d), ()) ORDER BY d NULLS FIRST`,
    level === "NATION" ? [ends, cutoff] : [ends, rootId, cutoff],
  );
  return r.rows;
}
