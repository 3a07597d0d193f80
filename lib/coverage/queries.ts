import "server-only";
import { cache } from "react";
import { Prisma } from "@/lib/db";
import { cachedFigure } from "@/lib/cache/figures";
import type { IsoDate } from "@/lib/dates";
import type { UnitLevel, UnitType } from "@/lib/units/types";
import { toFigures, type Figures, type RawFigures } from "./figures";
import { active, onDate, validOn } from "@/lib/db/periods";
import { childIndexFor, groupOf, queryScope, scopeCtes, type GroupBy } from "./sql";
import { assertInScope } from "@/lib/auth/scope";
import type { Viewer } from "@/lib/auth/session";

// The one definition of every figure in DOMAIN.md §"Definitions", as one SQL statement (scope, programme
// and staffing come from the shared CTEs in ./sql.ts).
// Every page, report, export and API answer calls getCoverage(); nothing else counts officers.
//
// On the as-of date D:
//   tree        = the root unit and every unit under it on D (parents are effective-dated)
//   in programme= a commune of the tree covered on D by a plan issued on or before D: listed by the
//                 plan, or of a type the plan covers within the plan's scope unit (or nationwide) —
//                 unless the commune's setting on D says otherwise (in_programme true / false)
//   active      = start <= D and (end is null or end > D)   (end = first day no longer served)
//   staffed     = in-programme commune with >= 1 active assignment
//   fully       = in-programme commune with active assignments >= its norm on D (default 5)
//   officers    = distinct officers with an active assignment in an in-programme commune of the tree
//   cells       = cells covering a commune of the tree, established <= D and not dissolved by D
//   police sec. = such a cell whose secretary on D is an officer with an active assignment on D
//   committees  = distinct officers with an active Executive (resp. Standing) membership in the tree
// Results come per child unit of the root and for the root as a whole, in one round trip;
// or, for the commune-level export, per commune of the tree (every commune, in the programme or not).

export type ChildFigures = {
  unitId: number;
  code: string;
  name: string;
  type: UnitType;
  level: UnitLevel;
  figures: Figures;
  /** grouped by commune: the names of the units between the root and the commune (province, district) */
  within?: string[];
};

export type Coverage = { asOf: IsoDate; total: Figures; children: ChildFigures[] };

type Row = RawFigures & {
  is_total: boolean;
  child_id: number | null;
  within: string[] | null;
  code: string | null;
  name: string | null;
  type: UnitType | null;
  level: UnitLevel | null;
};

/**
 * Figures for `rootUnitId` (null = the whole country) and each of its children, as of `asOf`.
 * Callers must have checked the viewer's scope (lib/auth/scope.ts); this function only counts.
 */
export function computeCoverage(rootUnitId: number | null, asOf: IsoDate, groupBy: GroupBy = "child"): Promise<Coverage> {
  // the commune-level table (10,000 rows nationally) is streamed into a file once; only the child tables are kept
  return groupBy === "child" ? cachedCoverage(rootUnitId, asOf) : queryCoverage(rootUnitId, asOf, groupBy);
}

const cachedCoverage = cachedFigure("coverage", (rootUnitId: number | null, asOf: IsoDate) => queryCoverage(rootUnitId, asOf, "child"));

async function queryCoverage(rootUnitId: number | null, asOf: IsoDate, groupBy: GroupBy): Promise<Coverage> {
  const d = onDate(asOf);
  const childIndex = childIndexFor(rootUnitId);
  const group = (alias: string) => groupOf(rootUnitId, groupBy, alias);
  // the rows of the table: the root's children, or every commune of the tree with the names of the units
  // between the root and it (for the country: province and district)
  const keys =
    groupBy === "child"
      ? Prisma.sql`SELECT unit_id, NULL::text[], code, name, type, level FROM tree WHERE cardinality(path) = ${childIndex}`
      : Prisma.sql`SELECT t.unit_id, ARRAY(
            SELECT pv.name FROM unnest(t.path[${childIndex}:cardinality(t.path) - 1]) WITH ORDINALITY AS p(id, o)
            JOIN unit_version pv ON pv.unit_id = p.id
              AND ${validOn("pv", d)}
            ORDER BY p.o), u.code, cv.name, t.type, t.level
          FROM tree t JOIN unit u ON u.id = t.unit_id JOIN unit_version cv ON cv.unit_id = t.unit_id AND ${validOn("cv", d)}
          WHERE t.level = 'COMMUNE'`;
  const rows = await queryScope<Row>(rootUnitId, Prisma.sql`
    ${scopeCtes(rootUnitId, [asOf], groupBy)},
    keys (child_id, within, code, name, type, level) AS (${keys}),
    cells AS (
      SELECT DISTINCT pcc.cell_id, ${group("t")} AS child_id
      FROM party_cell_commune pcc
      JOIN tree t ON t.unit_id = pcc.commune_id AND t.level = 'COMMUNE'
      JOIN party_cell pc ON pc.id = pcc.cell_id
      WHERE pc.established_on <= ${d} AND (pc.dissolved_on IS NULL OR pc.dissolved_on > ${d})
    ),
    -- cells whose secretary on D is an officer serving on D: one join of the two tables (hashed below),
    -- not an index probe per cell
    police AS (
      SELECT s.cell_id FROM cell_secretary s JOIN assignment sa ON sa.officer_id = s.officer_id
      WHERE s.cell_id IN (SELECT cell_id FROM cells) AND ${active("s", "start_date", "end_date", d)}
        AND ${active("sa", "start_date", "end_date", d)}
    ),
    cell_flags AS (
      SELECT cell_id, child_id, cell_id IN (SELECT cell_id FROM police) AS police FROM cells
    ),
    members AS (
      SELECT DISTINCT m.officer_id, m.committee, ${group("t")} AS child_id
      FROM committee_membership m JOIN tree t ON t.unit_id = m.commune_id AND t.level = 'COMMUNE'
      WHERE ${active("m", "start_date", "end_date", d)}
    ),
    -- one row per key (the table's rows, named), per commune of the programme (n = its officers: an officer
    -- holds one post at a time, assignment_officer_no_overlap, so the officers serving on D are the active
    -- assignments), per cell and per committee seat; counted per key in one hash aggregate, whatever the planner
    -- guesses for the CTEs' row counts (a join of the keys to each count became a nested loop at 10,000 rows)
    facts AS (
      SELECT true AS is_key, child_id, within, code, name, type, level, NULL::bigint AS n, NULL::int AS norm,
             NULL::int AS cell_id, NULL::boolean AS police, NULL::int AS officer_id, NULL::"Committee" AS committee
      FROM keys
      UNION ALL SELECT false, child_id, NULL, NULL, NULL, NULL, NULL, n, norm, NULL, NULL, NULL, NULL FROM per_commune
      UNION ALL SELECT false, child_id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, cell_id, police, NULL, NULL FROM cell_flags
      UNION ALL SELECT false, child_id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, officer_id, committee FROM members
    ),
    per_child AS MATERIALIZED (
      SELECT child_id, bool_or(is_key) AS is_key, max(within) AS within, max(code) AS code, max(name) AS name,
             max(type) AS type, max(level) AS level,
             count(n) AS in_programme, count(*) FILTER (WHERE n > 0) AS staffed,
             count(*) FILTER (WHERE n >= norm) AS fully_staffed, COALESCE(sum(n), 0) AS officers,
             count(cell_id) AS party_cells, count(cell_id) FILTER (WHERE police) AS secretaries_police,
             count(officer_id) FILTER (WHERE committee = 'EXECUTIVE') AS executive_members,
             count(officer_id) FILTER (WHERE committee = 'STANDING') AS standing_members
      FROM facts GROUP BY child_id
    )
    -- the rows of the keys; then the whole: the children's sums, but the cells and the committee members
    -- counted distinct over the scope (a cell over communes of two children counts once)
    SELECT false AS is_total, child_id, within, code, name, type, level, in_programme::int, staffed::int, fully_staffed::int,
           officers::int, party_cells::int, secretaries_police::int, executive_members::int, standing_members::int
    FROM per_child WHERE is_key
    UNION ALL
    SELECT true, NULL, NULL, NULL, NULL, NULL, NULL, COALESCE(sum(in_programme), 0)::int, COALESCE(sum(staffed), 0)::int,
           COALESCE(sum(fully_staffed), 0)::int, COALESCE(sum(officers), 0)::int,
           (SELECT count(DISTINCT cell_id) FROM cell_flags)::int, (SELECT count(DISTINCT cell_id) FROM cell_flags WHERE police)::int,
           (SELECT count(DISTINCT officer_id) FROM members WHERE committee = 'EXECUTIVE')::int,
           (SELECT count(DISTINCT officer_id) FROM members WHERE committee = 'STANDING')::int
    FROM per_child
    ORDER BY is_total DESC, code
  `,
    // the commune-level table looks up each commune's province and district names: one probe per row
    { nested: groupBy === "commune" },
  );

  const totalRow = rows.find((r) => r.is_total);
  const total = toFigures(totalRow ?? emptyRaw);
  const children = rows
    .filter((r) => !r.is_total && r.child_id !== null)
    .map((r) => ({
      unitId: r.child_id!,
      code: r.code!,
      name: r.name!,
      type: r.type!,
      level: r.level!,
      figures: toFigures(r),
      ...(groupBy === "commune" ? { within: r.within ?? [] } : {}),
    }));
  return { asOf, total, children };
}

const emptyRaw: RawFigures = {
  in_programme: 0,
  staffed: 0,
  fully_staffed: 0,
  officers: 0,
  party_cells: 0,
  secretaries_police: 0,
  executive_members: 0,
  standing_members: 0,
};

export type { Figures };

/**
 * The figures a viewer may see: `unitId` (null = nationwide) and its children, as of `asOf`.
 * Answers 404 when the unit is outside the viewer's scope. Memoised per request (React cache), so the
 * cards, the table, the chart and the map of one page share one query.
 */
export const getCoverage = cache(async (viewer: Viewer, unitId: number | null, asOf: IsoDate): Promise<Coverage> => {
  await assertInScope(viewer, unitId, asOf);
  return computeCoverage(unitId, asOf);
});

/** The same figures for every commune under `unitId` (the national commune-level table); 404 outside the scope. */
export async function getCommuneCoverage(viewer: Viewer, unitId: number | null, asOf: IsoDate): Promise<Coverage> {
  await assertInScope(viewer, unitId, asOf);
  return computeCoverage(unitId, asOf, "commune");
}
