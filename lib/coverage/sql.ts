import "server-only";
import { Prisma, PREPARED, readRows } from "@/lib/db";
import { active, onColumn, onDate, validOn } from "@/lib/db/periods";
import type { IsoDate } from "@/lib/dates";

// The SQL definition of scope, programme and staffing (DOMAIN.md §"Definitions"), written once and shared
// by every figure, chart and list: the cards and child table (queries.ts), the monthly series (series.ts),
// the phases (phases.ts) and the gap lists (gaps.ts) all start from these CTEs.
//
// Every row carries its as-of date `d`, so one statement can answer many dates (the monthly series) with
// exactly the rules that answer one.
//
//   dates       = the as-of dates asked for (with several; one date is its own epoch, a constant row)
//   roots       = the root on d; before a reform formed it, its predecessors (its footprint: the series of a
//                 merged province is continuous)
//   up          = the root and its ancestors on d (a plan scoped to a province covers its districts' communes)
//   tree        = the root and every unit under it on d; path = unit ids from the top of the tree. The map
//                 has three levels and a unit's parent is always above it (a database rule, migration
//                 unit_levels), so the tree is the top, its children and theirs: three plain joins (ADR 0015).
//                 code and name: of the top and its children, the rows of a child table (null two levels down,
//                 where nothing else reads the unit and its name)
//   c           = in-programme communes of the tree on d, with child_id (the root's child holding them),
//                 norm (default 5) and is_border from the commune's setting on d
//   a           = assignments active on d in those communes (start <= d and (end is null or end > d)), for
//                 the lists that look at the officers themselves
//   per_commune = each c with n = its active assignments and has_chief: below the country counted by index per
//                 commune; nationwide hashed (on one date, straight from the assignments of the day)
//
// The map, the plans and the commune settings only change on their own dates (validity bounds, issue
// dates), so the tree and the programme are worked out once per "epoch" — for the latest date on which
// none of them changed — and shared by every asked date in it. Assignments are still counted per date.
//
// Row estimates through CTEs are poor (the planner guesses a handful of rows), so c, a and per_commune are
// materialized; nationwide per_commune is a hash aggregate over c and the counts rather than a join the planner
// could turn into a nested loop over two CTEs, and queryScope() has the statement hash every table once
// (ADR 0015). Below the country assignments are found by index per commune.
//
// National trees start at the provinces (child = path[1]); a unit's tree starts at the unit (child = path[2]).
// Grouped by commune, child_id is the commune itself.

/** A unit version's validity on a date column of the statement (`e.d`, `t.d`). */
const validOnColumn = (alias: string, column: string) => validOn(alias, onColumn(column));

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

/**
 * `WITH RECURSIVE dates, epochs, roots, up, tree, plans, c, a, per_commune` — callers append `, more AS (…) SELECT …`.
 * Below the country the statement is marked PREPARED unless `prepared: false`: a caller whose statement
 * takes many shapes (a sort chosen by the user) leaves it unmarked, since every prepared shape holds
 * ~0.3–0.8 MB in each connection that ran it (ADR 0017).
 */
export function scopeCtes(rootUnitId: number | null, dates: readonly IsoDate[], groupBy: GroupBy = "child", opts: { prepared?: boolean } = {}): Prisma.Sql {
  if (dates.length === 0) throw new Error("scopeCtes: at least one date");
  // the top of the tree on each epoch: the provinces, or the root (its footprint before a reform formed it)
  const base =
    rootUnitId === null
      ? Prisma.sql`SELECT e.d, uv.unit_id, uv.type, u.level, u.code, uv.name FROM epochs e
          JOIN unit_version uv ON uv.parent_id IS NULL AND ${validOnColumn("uv", "e.d")} JOIN unit u ON u.id = uv.unit_id`
      : Prisma.sql`SELECT r.d, uv.unit_id, uv.type, u.level, u.code, uv.name FROM roots r
          JOIN unit_version uv ON uv.unit_id = r.unit_id AND ${validOnColumn("uv", "r.d")} JOIN unit u ON u.id = uv.unit_id`;
  // nationwide, the active assignments counted per commune in one hash aggregate: on one date, where the scope
  // holds nearly every commune, straight from the table in one scan filtered by the date, as the floor does
  // (the communes outside c are dropped by per_commune); on several, joined to c by hash
  const counted =
    dates.length === 1
      ? Prisma.sql`SELECT ${dates[0]}::date, asg.commune_id, NULL, NULL, NULL, count(*), bool_or(asg.post = 'CHIEF') FROM assignment asg
          WHERE ${active("asg", "start_date", "end_date", onDate(dates[0]!))} GROUP BY asg.commune_id`
      : Prisma.sql`SELECT c.d, asg.commune_id, NULL, NULL, NULL, count(*), bool_or(asg.post = 'CHIEF')
          FROM c JOIN assignment asg ON asg.commune_id = c.commune_id WHERE ${active("asg", "start_date", "end_date", Prisma.sql`c.d`)}
          GROUP BY c.d, asg.commune_id`;
  // below the country the statement is prepared once per connection and runs on one generic plan (ADR 0017):
  // its shape is the same for every unit and date, and planning it cost more than running it for a district
  return Prisma.sql`${rootUnitId === null || opts.prepared === false ? Prisma.empty : Prisma.raw(PREPARED)}
    WITH RECURSIVE
    ${
      // one date is its own epoch: a constant row (a generic plan is a few nodes smaller without the grouping)
      dates.length === 1
        ? Prisma.sql`epochs AS MATERIALIZED (SELECT ${dates[0]}::date AS d, ARRAY[${dates[0]}::date] AS ds),`
        : Prisma.sql`dates AS (SELECT DISTINCT unnest(${dates as IsoDate[]}::date[]) AS d),
    -- the latest date on or before d on which the map, a commune's setting or the plans changed (each an
    -- index-only lookup: migration unit_levels indexes the bounds)
    epoch AS MATERIALIZED (
      SELECT dt.d, GREATEST(
        (SELECT max(valid_from) FROM unit_version WHERE valid_from <= dt.d),
        (SELECT max(valid_to) FROM unit_version WHERE valid_to <= dt.d),
        (SELECT max(valid_from) FROM commune_setting WHERE valid_from <= dt.d),
        (SELECT max(valid_to) FROM commune_setting WHERE valid_to <= dt.d),
        (SELECT max(issued_on) FROM rollout_plan WHERE issued_on <= dt.d),
        (SELECT min(d) FROM dates)) AS md
      FROM dates dt
    ),
    epochs AS MATERIALIZED (SELECT md AS d, array_agg(d) AS ds FROM epoch GROUP BY md),`
    }
    -- the root on each date, or, before a reform formed it, its footprint: the predecessors that went into it
    -- whole (or, for a split commune, the part proposed to take its officers), themselves or theirs
    roots AS (
      SELECT e.d, ${rootUnitId}::int AS unit_id FROM epochs e WHERE ${rootUnitId}::int IS NOT NULL
      UNION ALL
      SELECT r.d, s.predecessor_id FROM roots r
      JOIN unit_succession s ON s.successor_id = r.unit_id AND (s.whole OR s.proposed)
      WHERE NOT EXISTS (SELECT 1 FROM unit_version uv WHERE uv.unit_id = r.unit_id AND ${validOnColumn("uv", "r.d")})
    ),
    up AS (
      SELECT r.d, uv.unit_id, uv.parent_id FROM roots r JOIN unit_version uv ON uv.unit_id = r.unit_id AND ${validOnColumn("uv", "r.d")}
      UNION ALL
      SELECT up.d, uv.unit_id, uv.parent_id FROM up JOIN unit_version uv ON uv.unit_id = up.parent_id AND ${validOnColumn("uv", "up.d")}
    ),
    top AS MATERIALIZED (${base}),
    -- the top, its children and theirs: a unit's parent is always a level above it (enforced by the database,
    -- migration unit_levels), so no tree is deeper than three levels. Plain joins the planner can size: a
    -- recursive walk is estimated at a handful of rows, and every join after it became a loop of index probes.
    map_tree AS MATERIALIZED (
      SELECT t.d, t.unit_id, t.level, t.type, ARRAY[t.unit_id] AS path, t.code, t.name FROM top t
      UNION ALL
      SELECT t.d, uv.unit_id, u.level, uv.type, ARRAY[t.unit_id, uv.unit_id], u.code, uv.name
      FROM top t JOIN unit_version uv ON uv.parent_id = t.unit_id AND ${validOnColumn("uv", "t.d")} JOIN unit u ON u.id = uv.unit_id
      UNION ALL
      -- two levels under a province: a commune (nothing is two levels under a district or a commune)
      SELECT t.d, uv2.unit_id, 'COMMUNE'::"UnitLevel", uv2.type, ARRAY[t.unit_id, uv1.unit_id, uv2.unit_id], NULL, NULL
      FROM top t JOIN unit_version uv1 ON uv1.parent_id = t.unit_id AND ${validOnColumn("uv1", "t.d")}
      JOIN unit_version uv2 ON uv2.parent_id = uv1.unit_id AND ${validOnColumn("uv2", "t.d")}
      WHERE t.level = 'PROVINCE'
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
        AND ${validOnColumn("cs", "t.d")}
      -- listed by a plan (nationwide, one hash of the plans' lists; below, an index probe per commune), or of
      -- a type a plan covers within its scope
      WHERE t.level = 'COMMUNE' AND COALESCE(cs.in_programme,
        ${
          rootUnitId === null
            ? Prisma.sql`(t.d, t.unit_id) IN (SELECT p.d, pc.commune_id FROM plans p JOIN plan_commune pc ON pc.plan_id = p.id)`
            : Prisma.sql`EXISTS (SELECT 1 FROM plans p JOIN plan_commune pc ON pc.plan_id = p.id WHERE p.d = t.d AND pc.commune_id = t.unit_id)`
        }
        OR EXISTS (
          SELECT 1 FROM plans p
          WHERE p.d = t.d AND t.type = ANY (p.covers_types)
            AND (p.scope_unit_id IS NULL OR p.scope_unit_id = ANY (t.path)
                 OR p.scope_unit_id IN (SELECT up.unit_id FROM up WHERE up.d = t.d))
        ))
    ),
    ${
      // one date is its own epoch: nothing to spread over the asked dates
      dates.length === 1
        ? Prisma.sql`tree AS (SELECT d, unit_id, level, type, path, code, name FROM map_tree),
    c AS (SELECT d, commune_id, child_id, path, norm, is_border FROM map_c),`
        : Prisma.sql`tree AS (
      SELECT x.d, t.unit_id, t.level, t.type, t.path, t.code, t.name
      FROM map_tree t JOIN epochs e ON e.d = t.d CROSS JOIN unnest(e.ds) AS x(d)
    ),
    c AS MATERIALIZED (
      SELECT x.d, m.commune_id, m.child_id, m.path, m.norm, m.is_border
      FROM map_c m JOIN epochs e ON e.d = m.d CROSS JOIN unnest(e.ds) AS x(d)
    ),`
    }
    a AS MATERIALIZED (
      SELECT c.d, asg.id AS assignment_id, asg.commune_id, asg.officer_id, asg.post, c.child_id
      FROM assignment asg JOIN c ON c.commune_id = asg.commune_id
      WHERE ${active("asg", "start_date", "end_date", Prisma.sql`c.d`)}
    ),
    per_commune AS MATERIALIZED (${
      rootUnitId === null
        ? Prisma.sql`
      -- each commune of c with its active assignments counted, as hash aggregates: no join whose row counts the
      -- planner would have to guess (a loop over the CTE's 9,000 communes would be as many index probes per date)
      SELECT d, commune_id, max(child_id) AS child_id, max(norm) AS norm, bool_or(is_border) AS is_border,
             max(n) AS n, bool_or(has_chief) IS TRUE AS has_chief
      FROM (
        SELECT d, commune_id, child_id, norm, is_border, 0::bigint AS n, NULL::boolean AS has_chief FROM c
        UNION ALL ${counted}
      ) x
      GROUP BY d, commune_id
      HAVING count(norm) > 0 -- a commune of c (norm is never null there)
      `
        : Prisma.sql`
      -- below the country, each commune's active assignments counted by index: a district's 20 communes, 20
      -- probes, with no hash table to build (a province's 400 are still faster this way than hashed)
      SELECT c.d, c.commune_id, c.child_id, c.norm, c.is_border, x.n, x.has_chief FROM c CROSS JOIN LATERAL (
        SELECT count(*) AS n, COALESCE(bool_or(asg.post = 'CHIEF'), false) AS has_chief FROM assignment asg
        WHERE asg.commune_id = c.commune_id AND ${active("asg", "start_date", "end_date", Prisma.sql`c.d`)}) x
      `
    })`;
}

/**
 * Runs a statement built on scopeCtes. Its CTEs hide row counts from the planner (it guesses a handful of
 * communes), so it joins them to the assignments, cells and memberships by index probes, one per commune:
 * right for a district or a province, 3–4× too slow for the whole country's 9,000 communes, where hashing
 * each table once is the fast plan. Nationwide, nested loops are therefore switched off for the statement
 * (SET LOCAL, in its own read transaction) — unless `nested` says the statement needs them (a lookup per row
 * of 10,000 rows, as the commune-level table's names, would become a hash of the whole table per row).
 * Below the country the statement is prepared (scopeCtes marks it) and runs on its generic plan.
 */
export async function queryScope<T>(rootUnitId: number | null, sql: Prisma.Sql, opts: { nested?: boolean } = {}): Promise<T[]> {
  return readRows<T>(sql, { nestedLoops: rootUnitId !== null || opts.nested === true });
}
