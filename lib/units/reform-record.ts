import "server-only";
import path from "node:path";
import type pg from "pg";
import { forbidden } from "@/lib/actions/result";
import type { Viewer } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { toIsoDate, type IsoDate } from "@/lib/dates";
import { applyReform, type ReformSummary } from "./reform";
import { parseReformFiles, readReformFiles, REFORM_2025, type ReformFiles, type ReformInput } from "./reform-files";
import type { RecordReformInput } from "./reform-schemas";

// Recording a reform of the map from the browser: what `npm run units:reform` does, for a national
// administrator, with a dry run first. The dry run applies the reform inside a transaction and rolls it back,
// so what it reports is exactly what recording would do (and the same refusals), and nothing is written.

/** A reform changes the whole map: only an administrator with national reach may record one. */
export const canRecordReform = (viewer: Viewer) => viewer.role === "ADMIN" && viewer.unitId === null;

/** The folder of the files that ship with the app (the 1 July 2025 reform). */
export const BUNDLED_REFORM_DIR = path.join(process.cwd(), "prisma", "data");

/** The checked description of a reform from the form: the bundled files or the uploaded ones (a ReformFileError lists what is wrong). */
export function prepareReform(input: RecordReformInput, uploaded: ReformFiles | null): ReformInput {
  const files = input.source === "bundled" ? readReformFiles(BUNDLED_REFORM_DIR) : uploaded;
  if (!files) throw new Error("prepareReform: uploaded files missing");
  return parseReformFiles(files, input.name, input.effectiveOn);
}

let bundled: { provinces: number; communes: number } | undefined;
/** How many provinces and communes the bundled files make (read once per process). */
export function bundledReformSize(): { provinces: number; communes: number } {
  if (!bundled) {
    const r = parseReformFiles(readReformFiles(BUNDLED_REFORM_DIR), REFORM_2025.name, REFORM_2025.effectiveOn);
    bundled = { provinces: r.provinces.length, communes: r.communes.length };
  }
  return bundled;
}

export type ReformRun = { status: "checked" | "applied" | "already-applied"; name: string; effectiveOn: IsoDate; summary: ReformSummary };

/** Records the reform (commit) or reports what recording it would do (dry run). All or nothing either way. */
export async function recordReform(
  client: pg.ClientBase,
  viewer: Viewer,
  reform: ReformInput,
  opts: { commit: boolean; onStep?: (step: string) => void | Promise<void> },
): Promise<ReformRun> {
  if (!canRecordReform(viewer)) throw forbidden();
  const base = { name: reform.name, effectiveOn: reform.effectiveOn };
  if (opts.commit) {
    const r = await applyReform(client, reform, { actorId: viewer.id > 0 ? viewer.id : null, onStep: opts.onStep });
    return { ...base, status: r.status, summary: r.summary };
  }
  await client.query("BEGIN");
  try {
    const r = await applyReform(client, reform, { actorId: viewer.id > 0 ? viewer.id : null, onStep: opts.onStep, inTransaction: true });
    return { ...base, status: r.status === "applied" ? "checked" : r.status, summary: r.summary };
  } finally {
    await client.query("ROLLBACK");
  }
}

export type RecordedReform = {
  id: number;
  name: string;
  effectiveOn: IsoDate;
  appliedAt: Date;
  appliedBy: string | null;
  summary: ReformSummary;
  openPlacements: number;
  placements: number;
};

/** A summary as stored: reforms recorded by earlier versions (the demo's mergers) may lack some counts. */
function completeSummary(s: Partial<ReformSummary> | null): ReformSummary {
  const three = (x?: { ended: number; continued: number; started: number }) => ({ ended: x?.ended ?? 0, continued: x?.continued ?? 0, started: x?.started ?? 0 });
  return {
    provinces: three(s?.provinces),
    districtsEnded: s?.districtsEnded ?? 0,
    communes: three(s?.communes),
    assignments: { carried: s?.assignments?.carried ?? 0, moved: s?.assignments?.moved ?? 0, toReview: s?.assignments?.toReview ?? 0 },
    memberships: { carried: s?.memberships?.carried ?? 0, moved: s?.memberships?.moved ?? 0 },
    cellLinks: s?.cellLinks ?? 0,
    records: {
      returns: { moved: s?.records?.returns?.moved ?? 0, merged: s?.records?.returns?.merged ?? 0 },
      facilities: { ended: s?.records?.facilities?.ended ?? 0, moved: s?.records?.facilities?.moved ?? 0, left: s?.records?.facilities?.left ?? 0 },
      assessments: { moved: s?.records?.assessments?.moved ?? 0, left: s?.records?.assessments?.left ?? 0 },
    },
    settings: s?.settings ?? 0,
    usersOutOfScope: s?.usersOutOfScope ?? 0,
  };
}

/** The reforms recorded so far, latest first, with how many of their placements are still open. */
export async function listReforms(viewer: Viewer): Promise<RecordedReform[]> {
  if (!canRecordReform(viewer)) throw forbidden();
  const rows = await getDb().$queryRaw<{ id: number; name: string; effective_on: Date; applied_at: Date; applied_by: string | null; summary: Partial<ReformSummary> | null; open: number; total: number }[]>`
    SELECT r.id, r.name, r.effective_on, r.applied_at, u.display_name AS applied_by, r.summary,
           (SELECT count(*)::int FROM reform_placement p WHERE p.reform_id = r.id AND p.reviewed_at IS NULL) AS open,
           (SELECT count(*)::int FROM reform_placement p WHERE p.reform_id = r.id) AS total
    FROM unit_reform r LEFT JOIN app_user u ON u.id = r.applied_by_id
    ORDER BY r.effective_on DESC, r.id DESC`;
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    effectiveOn: toIsoDate(r.effective_on),
    appliedAt: r.applied_at,
    appliedBy: r.applied_by,
    summary: completeSummary(r.summary),
    openPlacements: r.open,
    placements: r.total,
  }));
}
