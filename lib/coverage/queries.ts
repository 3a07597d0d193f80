import "server-only";
import { cache } from "react";
import { getDb, Prisma } from "@/lib/db";
import type { IsoDate } from "@/lib/dates";
import type { UnitLevel, UnitType } from "@/lib/units/types";
import { toFigures, type Figures, type RawFigures } from "./figures";
import { active, childIndexFor, scopeCtes } from "./sql";
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
// Results come per child unit of the root and for the root as a whole (GROUPING SETS), in one round trip.

export type ChildFigures = {
  unitId: number;
  code: string;
  name: string;
  type: UnitType;
  level: UnitLevel;
  figures: Figures;
};

export type Coverage = { asOf: IsoDate; total: Figures; children: ChildFigures[] };

type Row = RawFigures & {
  is_total: boolean;
  child_id: number | null;
  code: string | null;
  name: string | null;
  type: UnitType | null;
  level: UnitLevel | null;
};

/**
 * Figures for `rootUnitId` (null = the whole country) and each of its children, as of `asOf`.
 * Callers must have checked the viewer's scope (lib/auth/scope.ts); this function only counts.
 */
export async function computeCoverage(rootUnitId: number | null, asOf: IsoDate): Promise<Coverage> {
  const d = Prisma.sql`${asOf}::date`;
  const childIndex = childIndexFor(rootUnitId);
  const rows = await getDb().$queryRaw<Row[]>`
    ${scopeCtes(rootUnitId, [asOf])},
    staffing AS (
      SELECT GROUPING(child_id) = 1 AS is_total, child_id,
             count(*) AS in_programme,
             count(*) FILTER (WHERE n > 0) AS staffed,
             count(*) FILTER (WHERE n >= norm) AS fully_staffed
      FROM per_commune GROUP BY GROUPING SETS ((child_id), ())
    ),
    officers AS (
      SELECT GROUPING(child_id) = 1 AS is_total, child_id, count(DISTINCT officer_id) AS officers
      FROM a GROUP BY GROUPING SETS ((child_id), ())
    ),
    cells AS (
      SELECT DISTINCT pcc.cell_id, t.path[${childIndex}] AS child_id
      FROM party_cell_commune pcc
      JOIN tree t ON t.unit_id = pcc.commune_id AND t.level = 'COMMUNE'
      JOIN party_cell pc ON pc.id = pcc.cell_id
      WHERE pc.established_on <= ${d} AND (pc.dissolved_on IS NULL OR pc.dissolved_on > ${d})
    ),
    cell_flags AS (
      SELECT cells.cell_id, cells.child_id, EXISTS (
        SELECT 1 FROM cell_secretary s JOIN assignment sa ON sa.officer_id = s.officer_id
        WHERE s.cell_id = cells.cell_id AND ${active("s", "start_date", "end_date", d)}
          AND ${active("sa", "start_date", "end_date", d)}
      ) AS police
      FROM cells
    ),
    cell_agg AS (
      SELECT GROUPING(child_id) = 1 AS is_total, child_id,
             count(DISTINCT cell_id) AS party_cells,
             count(DISTINCT cell_id) FILTER (WHERE police) AS secretaries_police
      FROM cell_flags GROUP BY GROUPING SETS ((child_id), ())
    ),
    members AS (
      SELECT DISTINCT m.officer_id, m.committee, t.path[${childIndex}] AS child_id
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
      SELECT true AS is_total, NULL::int AS child_id
      UNION ALL
      SELECT false, unit_id FROM tree WHERE cardinality(path) = ${childIndex}
    )
    SELECT k.is_total, k.child_id, u.code, cv.name, cv.type, u.level,
           COALESCE(s.in_programme, 0)::int AS in_programme,
           COALESCE(s.staffed, 0)::int AS staffed,
           COALESCE(s.fully_staffed, 0)::int AS fully_staffed,
           COALESCE(o.officers, 0)::int AS officers,
           COALESCE(ca.party_cells, 0)::int AS party_cells,
           COALESCE(ca.secretaries_police, 0)::int AS secretaries_police,
           COALESCE(ma.executive_members, 0)::int AS executive_members,
           COALESCE(ma.standing_members, 0)::int AS standing_members
    FROM keys k
    LEFT JOIN staffing s ON s.is_total = k.is_total AND s.child_id IS NOT DISTINCT FROM k.child_id
    LEFT JOIN officers o ON o.is_total = k.is_total AND o.child_id IS NOT DISTINCT FROM k.child_id
    LEFT JOIN cell_agg ca ON ca.is_total = k.is_total AND ca.child_id IS NOT DISTINCT FROM k.child_id
    LEFT JOIN member_agg ma ON ma.is_total = k.is_total AND ma.child_id IS NOT DISTINCT FROM k.child_id
    LEFT JOIN unit u ON u.id = k.child_id
    LEFT JOIN unit_version cv ON cv.unit_id = k.child_id
      AND (cv.valid_from IS NULL OR cv.valid_from <= ${d}) AND (cv.valid_to IS NULL OR cv.valid_to > ${d})
    ORDER BY k.is_total DESC, u.code
  `;

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
