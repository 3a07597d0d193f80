import "server-only";
import { Prisma } from "@/lib/db";
import type { IsoDate } from "@/lib/dates";

// The SQL definition of scope, programme and staffing (DOMAIN.md §"Definitions"), written once and shared
// by every figure, chart and list: the cards and child table (queries.ts), the monthly series (series.ts),
// the phases (phases.ts) and the gap lists (gaps.ts) all start from these CTEs.
//
// Every row carries its as-of date `d`, so one statement can answer many dates (the monthly series) with
// exactly the rules that answer one.
//
//   dates       = the as-of dates asked for
//   v           = the version of every unit in effect on d
//   roots       = the root on d; before a reform formed it, its predecessors (its footprint: the series of a
//                 merged province is continuous)
//   up          = the root and its ancestors on d (a plan scoped to a province covers its districts' communes)
//   tree        = the root and every unit under it on d; path = unit ids from the top of the tree
//   c           = in-programme communes of the tree on d, with child_id (the root's child holding them),
//                 norm (default 5) and is_border from the commune's setting on d
//   a           = assignments active on d in those communes (start <= d and (end is null or end > d))
//   per_commune = each c with n = its active assignments and has_chief
//
// The map, the plans and the commune settings only change on their own dates (validity bounds, issue
// dates), so the tree and the programme are worked out once per "epoch" — for the latest date on which
// none of them changed — and shared by every asked date in it. Assignments are still counted per date.
//
// Row estimates through a recursive CTE are poor (the planner guesses a handful of rows), so c, a and
// per_commune are materialized; assignments are found by index per commune (a), and per_commune is a hash
// aggregate over c and a rather than a join the planner could turn into a nested loop over two CTEs.
//
// National trees start at the provinces (child = path[1]); a unit's tree starts at the unit (child = path[2]).
// Grouped by commune, child_id is the commune itself.

export const active = (alias: string, from: string, to: string, d: Prisma.Sql) =>
  Prisma.sql`${Prisma.raw(`${alias}.${from}`)} <= ${d} AND (${Prisma.raw(`${alias}.${to}`)} IS NULL OR ${Prisma.raw(`${alias}.${to}`)} > ${d})`;

/** The position in `tree.path` of the root's child that holds a unit. */
export const childIndexFor = (rootUnitId: number | null) => (rootUnitId === null ? 1 : 2);

/**
 * What the figures are grouped by: the root's children (the dashboards' child table) or every commune of
 * the tree (the commune-level export). Either way the rows are counted by the same CTEs.
 */
export type GroupBy = "child" | "commune";

/** The SQL for "the group a tree row `alias` belongs to". */
export const groupOf = (rootUnitId: number | null, groupBy: GroupBy, alias: string): Prisma.Sql =>
  groupBy === "commune" ? Prisma.raw(`${alias}.unit_id`) : Prisma.raw(`${alias}.path[${childIndexFor(rootUnitId)}]`);

/** `WITH RECURSIVE dates, v, up, tree, plans, c, a, per_commune` — callers append `, more AS (…) SELECT …`. */
export function scopeCtes(rootUnitId: number | null, dates: readonly IsoDate[], groupBy: GroupBy = "child"): Prisma.Sql {
  if (dates.length === 0) throw new Error("scopeCtes: at least one date");
  const base =
    rootUnitId === null
      ? Prisma.sql`SELECT d, unit_id, level, type, ARRAY[unit_id] AS path FROM v WHERE parent_id IS NULL`
      : Prisma.sql`SELECT v.d, v.unit_id, v.level, v.type, ARRAY[v.unit_id] AS path FROM v JOIN roots r ON r.d = v.d AND r.unit_id = v.unit_id`;
  return Prisma.sql`
    WITH RECURSIVE
    dates AS (SELECT DISTINCT unnest(${dates as IsoDate[]}::date[]) AS d),
    -- materialized: read once, not once per asked date by the epoch lookup below
    bounds AS MATERIALIZED (
      SELECT valid_from AS b FROM unit_version WHERE valid_from IS NOT NULL
      UNION SELECT valid_to FROM unit_version WHERE valid_to IS NOT NULL
      UNION SELECT valid_from FROM commune_setting WHERE valid_from IS NOT NULL
      UNION SELECT valid_to FROM commune_setting WHERE valid_to IS NOT NULL
      UNION SELECT issued_on FROM rollout_plan
    ),
    epoch AS MATERIALIZED (
      SELECT dt.d, GREATEST((SELECT max(b) FROM bounds WHERE b <= dt.d), (SELECT min(d) FROM dates)) AS md FROM dates dt
    ),
    epochs AS MATERIALIZED (SELECT md AS d, array_agg(d) AS ds FROM epoch GROUP BY md),
    v AS (
      SELECT dt.d, uv.unit_id, uv.parent_id, uv.type, u.level
      FROM epochs dt
      JOIN unit_version uv ON (uv.valid_from IS NULL OR uv.valid_from <= dt.d) AND (uv.valid_to IS NULL OR uv.valid_to > dt.d)
      JOIN unit u ON u.id = uv.unit_id
    ),
    -- the root on each date, or, before a reform formed it, its footprint: the predecessors that went into it
    -- whole (or, for a split commune, the part proposed to take its officers), themselves or theirs
    roots AS (
      SELECT e.d, ${rootUnitId}::int AS unit_id FROM epochs e WHERE ${rootUnitId}::int IS NOT NULL
      UNION ALL
      SELECT r.d, s.predecessor_id FROM roots r
      JOIN unit_succession s ON s.successor_id = r.unit_id AND (s.whole OR s.proposed)
      WHERE NOT EXISTS (SELECT 1 FROM v WHERE v.d = r.d AND v.unit_id = r.unit_id)
    ),
    up AS (
      SELECT v.d, v.unit_id, v.parent_id FROM v JOIN roots r ON r.d = v.d AND r.unit_id = v.unit_id
      UNION ALL
      SELECT v.d, v.unit_id, v.parent_id FROM v JOIN up ON v.d = up.d AND v.unit_id = up.parent_id
    ),
    map_tree AS (
      ${base}
      UNION ALL
      SELECT v.d, v.unit_id, v.level, v.type, map_tree.path || v.unit_id
      FROM v JOIN map_tree ON v.d = map_tree.d AND v.parent_id = map_tree.unit_id
    ),
    plans AS (
      SELECT dt.d, p.id, p.scope_unit_id, p.covers_types
      FROM epochs dt JOIN rollout_plan p ON p.issued_on <= dt.d
    ),
    map_c AS MATERIALIZED (
      SELECT t.d, t.unit_id AS commune_id, ${groupOf(rootUnitId, groupBy, "t")} AS child_id, t.path,
             COALESCE(cs.staffing_norm, 5) AS norm, COALESCE(cs.is_border, false) AS is_border
      FROM map_tree t
      LEFT JOIN commune_setting cs ON cs.commune_id = t.unit_id
        AND (cs.valid_from IS NULL OR cs.valid_from <= t.d) AND (cs.valid_to IS NULL OR cs.valid_to > t.d)
      WHERE t.level = 'COMMUNE' AND COALESCE(cs.in_programme, EXISTS (
        SELECT 1 FROM plans p
        WHERE p.d = t.d AND (
          EXISTS (SELECT 1 FROM plan_commune pc WHERE pc.plan_id = p.id AND pc.commune_id = t.unit_id)
          OR (t.type = ANY (p.covers_types)
              AND (p.scope_unit_id IS NULL OR p.scope_unit_id = ANY (t.path)
                   OR p.scope_unit_id IN (SELECT up.unit_id FROM up WHERE up.d = t.d)))
        )
      ))
    ),
    tree AS (
      SELECT x.d, t.unit_id, t.level, t.type, t.path
      FROM map_tree t JOIN epochs e ON e.d = t.d CROSS JOIN unnest(e.ds) AS x(d)
    ),
    c AS MATERIALIZED (
      SELECT x.d, m.commune_id, m.child_id, m.path, m.norm, m.is_border
      FROM map_c m JOIN epochs e ON e.d = m.d CROSS JOIN unnest(e.ds) AS x(d)
    ),
    a AS MATERIALIZED (
      SELECT c.d, asg.id AS assignment_id, asg.commune_id, asg.officer_id, asg.post, c.child_id
      FROM assignment asg JOIN c ON c.commune_id = asg.commune_id
      WHERE ${active("asg", "start_date", "end_date", Prisma.sql`c.d`)}
    ),
    per_commune AS MATERIALIZED (
      -- each commune of c with its active assignments from a, as one hash aggregate over both (no join whose
      -- row counts the planner would have to guess through the recursive tree)
      SELECT d, commune_id, max(child_id) AS child_id, max(norm) AS norm, bool_or(is_border) AS is_border,
             count(assignment_id) AS n, bool_or(post = 'CHIEF') IS TRUE AS has_chief
      FROM (
        SELECT d, commune_id, child_id, norm, is_border, NULL::int AS assignment_id, NULL::"Post" AS post FROM c
        UNION ALL SELECT d, commune_id, NULL, NULL, NULL, assignment_id, post FROM a
      ) x
      GROUP BY d, commune_id
    )`;
}
