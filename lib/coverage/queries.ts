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
// Results come per child unit of the root and for the root as a whole (GROUPING SETS), in one round trip;
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
      ? Prisma.sql`SELECT false, unit_id, NULL::text[] FROM tree WHERE cardinality(path) = ${childIndex}`
      : Prisma.sql`SELECT false, t.unit_id, ARRAY(
            SELECT pv.name FROM unnest(t.path[${childIndex}:cardinality(t.path) - 1]) WITH ORDINALITY AS p(id, o)
            JOIN unit_version pv ON pv.unit_id = p.id
              AND ${validOn("pv", d)}
            ORDER BY p.o)
          FROM tree t WHERE t.level = 'COMMUNE'`;
  const rows = await queryScope<Row>(rootUnitId, Prisma.sql`
    ${scopeCtes(rootUnitId, [asOf], groupBy)},
    -- officers: an officer holds one post at a time (assignment_officer_no_overlap), so the distinct officers
    -- serving on D are the active assignments, counted per commune already
    staffing AS (
      SELECT GROUPING(child_id) = 1 AS is_total, child_id,
             count(*) AS in_programme,
             count(*) FILTER (WHERE n > 0) AS staffed,
             count(*) FILTER (WHERE n >= norm) AS fully_staffed,
             sum(n) AS officers
      FROM per_commune GROUP BY GROUPING SETS ((child_id), ())
    ),
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
      SELECT cells.cell_id, cells.child_id, cells.cell_id IN (SELECT cell_id FROM police) AS police
      FROM cells
    ),
    cell_agg AS (
      SELECT GROUPING(child_id) = 1 AS is_total, child_id,
             count(DISTINCT cell_id) AS party_cells,
             count(DISTINCT cell_id) FILTER (WHERE police) AS secretaries_police
      FROM cell_flags GROUP BY GROUPING SETS ((child_id), ())
    ),
    members AS (
      SELECT DISTINCT m.officer_id, m.committee, ${group("t")} AS child_id
      FROM committee_membership m JOIN tree t ON t.unit_id = m.commune_id AND t.level = 'COMMUNE'
      WHERE ${active("m", "start_date", "end_date", d)}
    ),
    member_agg AS (
      SELECT GROUPING(child_id) = 1 AS is_total, child_id,
             count(DISTINCT officer_id) FILTER (WHERE committee = 'EXECUTIVE') AS executive_members,
             count(DISTINCT officer_id) FILTER (WHERE committee = 'STANDING') AS standing_members
      FROM members GROUP BY GROUPING SETS ((child_id), ())
    ),
    keys AS (
      SELECT true AS is_total, NULL::int AS child_id, NULL::text[] AS within
      UNION ALL
      ${keys}
    ),
    -- every partial count with its key, summed per key: a hash aggregate, whatever the planner guesses
    -- for the row counts of the CTEs (a join of the keys to each count became a nested loop at 10,000 rows)
    facts AS (
      SELECT is_total, child_id, within, 0 AS in_programme, 0 AS staffed, 0 AS fully_staffed, 0 AS officers,
             0 AS party_cells, 0 AS secretaries_police, 0 AS executive_members, 0 AS standing_members FROM keys
      UNION ALL SELECT is_total, child_id, NULL, in_programme, staffed, fully_staffed, officers, 0, 0, 0, 0 FROM staffing
      UNION ALL SELECT is_total, child_id, NULL, 0, 0, 0, 0, party_cells, secretaries_police, 0, 0 FROM cell_agg
      UNION ALL SELECT is_total, child_id, NULL, 0, 0, 0, 0, 0, 0, executive_members, standing_members FROM member_agg
    ),
    per_key AS (
      SELECT is_total, child_id, max(within) AS within,
             sum(in_programme)::int AS in_programme, sum(staffed)::int AS staffed, sum(fully_staffed)::int AS fully_staffed,
             sum(officers)::int AS officers, sum(party_cells)::int AS party_cells, sum(secretaries_police)::int AS secretaries_police,
             sum(executive_members)::int AS executive_members, sum(standing_members)::int AS standing_members
      FROM facts GROUP BY is_total, child_id
    )
    SELECT k.is_total, k.child_id, k.within, u.code, cv.name, cv.type, u.level,
           k.in_programme, k.staffed, k.fully_staffed, k.officers, k.party_cells, k.secretaries_police,
           k.executive_members, k.standing_members
    FROM per_key k
    LEFT JOIN unit u ON u.id = k.child_id
    LEFT JOIN unit_version cv ON cv.unit_id = k.child_id
      AND ${validOn("cv", d)}
    -- only the keys: a count whose unit is not a key (none should exist) must not become a row
    WHERE k.is_total OR EXISTS (SELECT 1 FROM keys kk WHERE kk.child_id = k.child_id)
    ORDER BY k.is_total DESC, u.code
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
