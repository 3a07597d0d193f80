import "server-only";
import { Prisma, readRows } from "@/lib/db";
import { cachedFigure } from "@/lib/cache/figures";
import { toIsoDate, type IsoDate } from "@/lib/dates";
import { assertInScope } from "@/lib/auth/scope";
import type { Viewer } from "@/lib/auth/session";
import { onDate, validOn } from "@/lib/db/periods";
import { scopeCtes } from "./sql";

// Rollout phases as of D, for the communes of a scope: each phase of a plan issued by D that lists at least
// one commune of the scope, with how many of those communes are in the programme, staffed and fully staffed
// on D (the same per_commune rows as the cards), and whether the phase is on track.

export type PhaseStatus = "notStarted" | "onTrack" | "late" | "done";

export type PhaseRow = {
  phaseId: number;
  planCode: string;
  provinceCode: string;
  provinceName: string;
  name: string;
  ordinal: number;
  startDate: IsoDate;
  targetDate: IsoDate | null;
  communes: number;
  staffed: number;
  fullyStaffed: number;
  status: PhaseStatus;
};

/**
 * done: every commune of the phase is staffed; late: the target date has passed and some are not;
 * notStarted: before the start date; otherwise on track.
 */
export function phaseStatus(p: { startDate: IsoDate; targetDate: IsoDate | null; communes: number; staffed: number }, asOf: IsoDate): PhaseStatus {
  if (p.communes > 0 && p.staffed >= p.communes) return "done";
  if (asOf < p.startDate) return "notStarted";
  if (p.targetDate !== null && asOf > p.targetDate) return "late";
  return "onTrack";
}

type Row = {
  phase_id: number;
  plan_code: string;
  province_code: string;
  province_name: string;
  name: string;
  ordinal: number;
  start_date: Date;
  target_date: Date | null;
  communes: number;
  staffed: number;
  fully_staffed: number;
};

export const computePhases = cachedFigure("phases", queryPhases);

async function queryPhases(rootUnitId: number | null, asOf: IsoDate): Promise<PhaseRow[]> {
  const rows = await readRows<Row>(Prisma.sql`
    ${scopeCtes(rootUnitId, [asOf])}
    SELECT ph.id AS phase_id, p.code AS plan_code, pu.code AS province_code, pv.name AS province_name,
           ph.name, ph.ordinal, ph.start_date, ph.target_date,
           count(*)::int AS communes,
           count(*) FILTER (WHERE pcm.n > 0)::int AS staffed,
           count(*) FILTER (WHERE pcm.n >= pcm.norm)::int AS fully_staffed
    FROM per_commune pcm
    JOIN plan_commune pc ON pc.commune_id = pcm.commune_id
    JOIN rollout_phase ph ON ph.id = pc.phase_id
    JOIN rollout_plan p ON p.id = ph.plan_id AND p.issued_on <= ${asOf}::date
    JOIN unit pu ON pu.id = ph.province_id
    LEFT JOIN unit_version pv ON pv.unit_id = ph.province_id
      AND ${validOn("pv", onDate(asOf))}
    GROUP BY ph.id, p.code, pu.code, pv.name, ph.name, ph.ordinal, ph.start_date, ph.target_date
    ORDER BY ph.start_date, pu.code, ph.ordinal`);
  return rows.map((r) => {
    const row = {
      phaseId: r.phase_id,
      planCode: r.plan_code,
      provinceCode: r.province_code,
      provinceName: r.province_name ?? r.province_code,
      name: r.name,
      ordinal: r.ordinal,
      startDate: toIsoDate(r.start_date),
      targetDate: r.target_date ? toIsoDate(r.target_date) : null,
      communes: r.communes,
      staffed: r.staffed,
      fullyStaffed: r.fully_staffed,
    };
    return { ...row, status: phaseStatus(row, asOf) };
  });
}

/** The phases a viewer may see; 404 outside their scope. */
export async function getPhases(viewer: Viewer, unitId: number | null, asOf: IsoDate): Promise<PhaseRow[]> {
  await assertInScope(viewer, unitId, asOf);
  return computePhases(unitId, asOf);
}

export type ProvincePhases = {
  provinceCode: string;
  provinceName: string;
  phases: number;
  communes: number;
  staffed: number;
  fullyStaffed: number;
  /** how many of the province's phases are in each status, on the date */
  byStatus: Record<PhaseStatus, number>;
  /** the status that needs attention first: late, else on track, else not started, else done */
  worst: PhaseStatus;
};

/** Phase statuses by how much they need attention, late first. */
export const PHASE_STATUS_ORDER: readonly PhaseStatus[] = ["late", "onTrack", "notStarted", "done"];

/**
 * The country's phases, one row per province (the national dashboard: 63 provinces rather than every phase).
 * The sums are of the phase rows above, so they agree with the province's own list. Provinces with late
 * phases come first, then those still rolling out, then the rest, each by code.
 */
export function phasesByProvince(rows: PhaseRow[]): ProvincePhases[] {
  const out = new Map<string, ProvincePhases>();
  for (const r of rows) {
    let p = out.get(r.provinceCode);
    if (!p) {
      p = { provinceCode: r.provinceCode, provinceName: r.provinceName, phases: 0, communes: 0, staffed: 0, fullyStaffed: 0, byStatus: { late: 0, onTrack: 0, notStarted: 0, done: 0 }, worst: "done" };
      out.set(r.provinceCode, p);
    }
    p.phases++;
    p.communes += r.communes;
    p.staffed += r.staffed;
    p.fullyStaffed += r.fullyStaffed;
    p.byStatus[r.status]++;
    if (PHASE_STATUS_ORDER.indexOf(r.status) < PHASE_STATUS_ORDER.indexOf(p.worst)) p.worst = r.status;
  }
  const rank = (p: ProvincePhases) => PHASE_STATUS_ORDER.indexOf(p.worst);
  return [...out.values()].sort((a, b) => rank(a) - rank(b) || a.provinceCode.localeCompare(b.provinceCode));
}
