// Commune settings are history too: a new norm applies from its date and leaves earlier figures alone.
import { beforeAll, describe, expect, it } from "vitest";
import { runAction } from "@/lib/actions/scoped";
import type { Viewer } from "@/lib/auth/session";
import { computeCoverage } from "@/lib/coverage/queries";
import { addDays, todayInVietnam } from "@/lib/dates";
import { CommuneSettingsSchema } from "@/lib/staffing/schemas";
import { changeCommuneSettings, getCommuneSettings, listPhasesForCommune } from "@/lib/staffing/settings";
import { withTestDatabase } from "../support/db";
import { viewerOf } from "../support/viewers";

const db = withTestDatabase("tmpl_demo");
let kySon: Viewer, quynhLuu: Viewer;
let commune: number;
const save = (v: Viewer, o: Record<string, string | number>) => {
  const f = new FormData();
  for (const [k, val] of Object.entries(o)) f.set(k, String(val));
  return runAction(v, CommuneSettingsSchema, "write:staffing", changeCommuneSettings, f);
};

beforeAll(async () => {
  kySon = await viewerOf(db.client(), "DISTRICT", "417");
  quynhLuu = await viewerOf(db.client(), "DISTRICT", "421");
  // a Kỳ Sơn commune with exactly 5 officers today, so a norm of 6 makes it under-staffed
  commune = (await db.client().query(`
    SELECT a.commune_id AS id FROM assignment a JOIN unit_version v ON v.unit_id = a.commune_id AND v.valid_to IS NULL JOIN unit d ON d.id = v.parent_id
    WHERE d.code = '417' AND a.end_date IS NULL GROUP BY a.commune_id HAVING count(*) = 5 ORDER BY a.commune_id LIMIT 1`)).rows[0].id;
});

describe("commune settings", () => {
  it("a new norm applies from its date: fully staffed before, under norm after", async () => {
    const today = todayInVietnam();
    const current = await getCommuneSettings(kySon, commune, today);
    expect(current.staffingNorm).toBe(5);
    const r = await save(kySon, { communeId: commune, version: current.version, staffingNorm: 6, isBorder: current.isBorder ? "on" : "", effectiveFrom: today });
    expect(r).toMatchObject({ ok: true });
    expect((await computeCoverage(commune, addDays(today, -1))).total.fullyStaffed).toBe(1);
    expect((await computeCoverage(commune, today)).total.fullyStaffed).toBe(0);
    expect(await getCommuneSettings(kySon, commune, today)).toMatchObject({ staffingNorm: 6, since: today });
    const audit = await db.client().query(`SELECT after->>'staffingNorm' AS norm FROM audit_log WHERE entity = 'commune_setting' AND unit_id = $1`, [commune]);
    expect(audit.rows).toEqual([{ norm: "6" }]);
  });

  it("refuses a stale version, a date not after the setting in force, bad norms, and other districts", async () => {
    const today = todayInVietnam();
    const s = await getCommuneSettings(kySon, commune, today);
    expect(await save(kySon, { communeId: commune, version: s.version - 1, staffingNorm: 7, effectiveFrom: addDays(today, 1) })).toMatchObject({ ok: false, conflict: true });
    expect(await save(kySon, { communeId: commune, version: s.version, staffingNorm: 7, effectiveFrom: today })).toMatchObject({ ok: false, fieldErrors: { effectiveFrom: [expect.any(String)] } });
    expect(await save(kySon, { communeId: commune, version: s.version, staffingNorm: 0, effectiveFrom: addDays(today, 1) })).toMatchObject({ ok: false, fieldErrors: { staffingNorm: ["Định biên tối thiểu là 1."] } });
    expect(await save(kySon, { communeId: commune, version: s.version, staffingNorm: "năm", effectiveFrom: addDays(today, 1) })).toMatchObject({ ok: false, fieldErrors: { staffingNorm: [expect.any(String)] } });
    expect(await save(quynhLuu, { communeId: commune, version: s.version, staffingNorm: 7, effectiveFrom: addDays(today, 1) })).toMatchObject({ ok: false, notFound: true });
  });

  it("the province can take a commune out of the programme from a date, or put it back; earlier figures stay", async () => {
    const today = todayInVietnam();
    const tomorrow = addDays(today, 1);
    const s = await getCommuneSettings(kySon, commune, today);
    expect(await save(kySon, { communeId: commune, version: s.version, staffingNorm: s.staffingNorm, isBorder: s.isBorder ? "on" : "", inProgramme: "false", effectiveFrom: tomorrow })).toMatchObject({ ok: true });
    expect((await computeCoverage(commune, today)).total.inProgramme).toBe(1);
    expect((await computeCoverage(commune, tomorrow)).total).toMatchObject({ inProgramme: 0, staffed: 0, officers: 0 });
    const district = (await db.client().query(`SELECT v.parent_id AS id FROM unit_version v WHERE v.unit_id = $1 AND v.valid_to IS NULL`, [commune])).rows[0].id;
    const before = (await computeCoverage(district, today)).total.inProgramme;
    expect((await computeCoverage(district, tomorrow)).total.inProgramme).toBe(before - 1);
    const s2 = await getCommuneSettings(kySon, commune, tomorrow);
    expect(s2.inProgramme).toBe(false);
    expect(await save(kySon, { communeId: commune, version: s2.version, staffingNorm: 5, inProgramme: "", effectiveFrom: addDays(today, 2) })).toMatchObject({ ok: true });
    expect((await computeCoverage(commune, addDays(today, 2))).total.inProgramme).toBe(1);
  });

  it("moves the commune to another phase of its province's plan; a phase of another province is refused", async () => {
    const today = todayInVietnam();
    const phases = await listPhasesForCommune(kySon, commune);
    const s = await getCommuneSettings(kySon, commune, addDays(today, 2));
    const other = phases.find((p) => p.id !== s.phaseId)!;
    expect(other).toBeDefined();
    expect(await save(kySon, { communeId: commune, version: s.version, staffingNorm: 5, phaseId: other.id, effectiveFrom: addDays(today, 3) })).toMatchObject({ ok: true });
    expect((await getCommuneSettings(kySon, commune, addDays(today, 3))).phaseId).toBe(other.id);
    const foreign = (await db.client().query(`SELECT ph.id FROM rollout_phase ph JOIN unit p ON p.id = ph.province_id WHERE p.code = '62' LIMIT 1`)).rows[0].id;
    const s2 = await getCommuneSettings(kySon, commune, addDays(today, 3));
    expect(await save(kySon, { communeId: commune, version: s2.version, staffingNorm: 5, phaseId: foreign, effectiveFrom: addDays(today, 4) })).toMatchObject({ ok: false, fieldErrors: { phaseId: [expect.any(String)] } });
  });
});
