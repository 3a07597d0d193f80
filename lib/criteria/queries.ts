import "server-only";
import { assertInScope, isNationwide, isUnitInScope } from "@/lib/auth/scope";
import type { Viewer } from "@/lib/auth/session";
import { childIndexFor, scopeCtes } from "@/lib/coverage/sql";
import { todayInVietnam, type IsoDate } from "@/lib/dates";
import { getDb } from "@/lib/db";
import type { UnitType } from "@/lib/units/types";
import { getUnitPath } from "@/lib/units/queries";
import { onDate, validOn } from "@/lib/db/periods";

// Progress toward a criteria set's target: for each commune of the set's types in the scope (on 31/12 of the
// year asked, or today), its latest assessment up to that year — score = weight of the criteria met over the
// weight of all, achieved = score ≥ pass mark and no required criterion unmet — and what it still lacks.

export type CriteriaSetView = {
  id: number;
  name: string;
  description: string | null;
  scopeUnit: { id: number; code: string; name: string } | null;
  appliesTo: UnitType[];
  targetYear: number;
  passMark: number;
  criteria: { id: number; ordinal: number; name: string; weight: number; required: boolean }[];
};

/** The sets a viewer can follow: nationwide ones, and those of a unit inside their scope or above their unit. */
export async function listSets(viewer: Viewer): Promise<CriteriaSetView[]> {
  const today = todayInVietnam();
  const sets = await getDb().criteriaSet.findMany({ include: { criteria: { orderBy: { ordinal: "asc" } }, scopeUnit: { select: { id: true, code: true } } }, orderBy: { id: "asc" } });
  const own = viewer.unitId ? await getUnitPath(viewer.unitId, today) : [];
  const out: CriteriaSetView[] = [];
  for (const s of sets) {
    if (s.scopeUnitId !== null && !isNationwide(viewer) && !own.some((u) => u.id === s.scopeUnitId) && !(await isUnitInScope(viewer, s.scopeUnitId, today))) continue;
    const scopeName = s.scopeUnit ? (await getUnitPath(s.scopeUnit.id, today)).at(-1)?.name ?? s.scopeUnit.code : null;
    out.push({
      id: s.id,
      name: s.name,
      description: s.description,
      scopeUnit: s.scopeUnit ? { id: s.scopeUnit.id, code: s.scopeUnit.code, name: scopeName! } : null,
      appliesTo: s.appliesTo,
      targetYear: s.targetYear,
      passMark: s.passMark,
      criteria: s.criteria.map((c) => ({ id: c.id, ordinal: c.ordinal, name: c.name, weight: c.weight, required: c.required })),
    });
  }
  return out;
}

export async function getSet(viewer: Viewer, id: number): Promise<CriteriaSetView | null> {
  return (await listSets(viewer)).find((s) => s.id === id) ?? null;
}

export type CommuneProgress = {
  communeId: number;
  code: string;
  name: string;
  childId: number;
  childName: string;
  assessedYear: number | null;
  score: number | null;
  achieved: boolean | null;
  lacking: string[];
};
export type Tally = { units: number; assessed: number; achieved: number };
export type Progress = { year: number; asOf: IsoDate; total: Tally; byChild: (Tally & { unitId: number; code: string; name: string })[]; communes: CommuneProgress[] };

/** Progress of `rootUnitId` (null = the country) toward a set in `year`. Scope checked here (404 outside). */
export async function getProgress(viewer: Viewer, set: CriteriaSetView, rootUnitId: number | null, year: number): Promise<Progress> {
  const today = todayInVietnam();
  const yearEnd = `${year}-12-31` as IsoDate;
  const asOf = yearEnd < today ? yearEnd : today;
  await assertInScope(viewer, rootUnitId, asOf);
  const ci = childIndexFor(rootUnitId);
  const rows = await getDb().$queryRaw<
    { commune_id: number; code: string; name: string; child_id: number; child_code: string; child_name: string; year: number | null; score: string | null; required_unmet: number | null; lacking: string[] | null }[]
  >`
    ${scopeCtes(rootUnitId, [asOf])},
    cand AS (
      SELECT t.unit_id, t.path[${ci}] AS child_id FROM tree t
      WHERE t.level = 'COMMUNE' AND t.type = ANY (${set.appliesTo}::"UnitType"[])
        AND (${set.scopeUnit?.id ?? null}::int IS NULL OR ${set.scopeUnit?.id ?? null}::int = ANY (t.path)
             OR ${set.scopeUnit?.id ?? null}::int IN (SELECT unit_id FROM up))
    )
    SELECT cand.unit_id AS commune_id, u.code, v.name, cand.child_id, cu.code AS child_code, cv.name AS child_name,
           la.year, sc.score::text AS score, sc.required_unmet::int AS required_unmet, sc.lacking
    FROM cand
    JOIN unit u ON u.id = cand.unit_id
    JOIN unit_version v ON v.unit_id = cand.unit_id AND ${validOn("v", onDate(asOf))}
    JOIN unit cu ON cu.id = cand.child_id
    JOIN unit_version cv ON cv.unit_id = cand.child_id AND ${validOn("cv", onDate(asOf))}
    LEFT JOIN LATERAL (
      SELECT a.id, a.year FROM assessment a WHERE a.set_id = ${set.id} AND a.commune_id = cand.unit_id AND a.year <= ${year}
      ORDER BY a.year DESC LIMIT 1
    ) la ON true
    LEFT JOIN LATERAL (
      SELECT round(100.0 * COALESCE(sum(c.weight) FILTER (WHERE r.met), 0) / sum(c.weight), 1) AS score,
             count(*) FILTER (WHERE c.required AND NOT r.met) AS required_unmet,
             array_agg(c.name ORDER BY c.ordinal) FILTER (WHERE NOT r.met) AS lacking
      FROM assessment_result r JOIN criterion c ON c.id = r.criterion_id WHERE r.assessment_id = la.id
    ) sc ON la.id IS NOT NULL
    ORDER BY cv.name, v.name`;
  const collator = new Intl.Collator("vi");
  const communes: CommuneProgress[] = rows.map((r) => {
    const score = r.score === null ? null : Number(r.score);
    return {
      communeId: r.commune_id,
      code: r.code,
      name: r.name,
      childId: r.child_id,
      childName: r.child_name,
      assessedYear: r.year,
      score,
      achieved: score === null ? null : score >= set.passMark && (r.required_unmet ?? 0) === 0,
      lacking: r.lacking ?? [],
    };
  }).sort((a, b) => collator.compare(a.childName, b.childName) || collator.compare(a.name, b.name));
  const tally = (list: CommuneProgress[]): Tally => ({ units: list.length, assessed: list.filter((c) => c.achieved !== null).length, achieved: list.filter((c) => c.achieved).length });
  const children = new Map<number, { code: string; name: string; list: CommuneProgress[] }>();
  for (const r of rows) if (!children.has(r.child_id)) children.set(r.child_id, { code: r.child_code, name: r.child_name, list: [] });
  for (const c of communes) children.get(c.childId)!.list.push(c);
  return {
    year,
    asOf,
    total: tally(communes),
    byChild: [...children].map(([unitId, c]) => ({ unitId, code: c.code, name: c.name, ...tally(c.list) })).sort((a, b) => a.code.localeCompare(b.code)),
    communes,
  };
}
