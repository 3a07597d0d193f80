// Model-ward and drug-free criteria: configuration by admins, yearly assessments, progress and what each
// unit lacks — against the demo sets of Nghệ An.
import { beforeAll, describe, expect, it } from "vitest";
import { runAction } from "@/lib/actions/scoped";
import type { Viewer } from "@/lib/auth/session";
import { getProgress, listSets, type CriteriaSetView } from "@/lib/criteria/queries";
import { AssessSchema, CreateSetSchema } from "@/lib/criteria/schemas";
import { assess, createSet } from "@/lib/criteria/service";
import { todayInVietnam } from "@/lib/dates";
import { withTestDatabase } from "../support/db";
import { ministry, viewerOf } from "../support/viewers";

const db = withTestDatabase("tmpl_demo");
let kySon: Viewer, ngheAn: Viewer, kontum: Viewer;
let modelWard: CriteriaSetView, drugFree: CriteriaSetView;
const admin: Viewer = { ...ministry, id: -3, role: "ADMIN", username: "t.admin" };
const year = Number(todayInVietnam().slice(0, 4));

beforeAll(async () => {
  [kySon, ngheAn, kontum] = await Promise.all([viewerOf(db.client(), "DISTRICT", "417"), viewerOf(db.client(), "PROVINCE", "40"), viewerOf(db.client(), "PROVINCE", "62")]);
  const sets = await listSets(ngheAn);
  modelWard = sets.find((s) => s.targetYear === 2028 && s.appliesTo.includes("PHUONG"))!;
  drugFree = sets.find((s) => s.name === "Xã sạch về ma túy")!;
});

describe("criteria sets", () => {
  it("Nghệ An's sets are seen in Nghệ An and by the ministry, not in Kon Tum", async () => {
    expect(modelWard).toMatchObject({ targetYear: 2028, passMark: 85, scopeUnit: { code: "40" } });
    expect(modelWard.criteria.filter((c) => c.required)).toHaveLength(2);
    expect((await listSets(kySon)).map((s) => s.id)).toEqual((await listSets(ngheAn)).map((s) => s.id));
    expect((await listSets(ministry)).length).toBeGreaterThanOrEqual(2);
    expect(await listSets(kontum)).toEqual([]);
  });

  it("progress follows the rule: weighted score ≥ pass mark and every required criterion met; the lacking ones are named", async () => {
    const p = await getProgress(ngheAn, modelWard, ngheAn.unitId, 2025);
    const wards = (await db.client().query(
      `SELECT count(*)::int AS n FROM unit u JOIN unit_version v ON v.unit_id = u.id AND v.valid_to IS NULL AND v.type = 'PHUONG'
       JOIN unit d ON d.id = v.parent_id JOIN unit_version dv ON dv.unit_id = d.id AND dv.valid_to IS NULL JOIN unit p ON p.id = dv.parent_id WHERE p.code = '40'`,
    )).rows[0].n;
    expect(p.total.units).toBe(wards);
    expect(p.total.assessed).toBeGreaterThan(0);
    expect(p.byChild.reduce((s, c) => s + c.units, 0)).toBe(wards);
    for (const c of p.communes.filter((x) => x.achieved !== null)) {
      const rows = (await db.client().query(
        `SELECT c.weight, c.required, r.met, c.name FROM assessment a JOIN assessment_result r ON r.assessment_id = a.id JOIN criterion c ON c.id = r.criterion_id
         WHERE a.set_id = $1 AND a.commune_id = $2 AND a.year = $3`, [modelWard.id, c.communeId, c.assessedYear])).rows;
      const total = rows.reduce((s, r) => s + r.weight, 0);
      const met = rows.filter((r) => r.met).reduce((s, r) => s + r.weight, 0);
      const score = Math.round((1000 * met) / total) / 10;
      expect(c.score).toBeCloseTo(score, 1);
      expect(c.achieved).toBe(score >= 85 && rows.every((r) => r.met || !r.required));
      expect(c.lacking).toEqual(rows.filter((r) => !r.met).map((r) => r.name).sort((a, b) => modelWard.criteria.findIndex((x) => x.name === a) - modelWard.criteria.findIndex((x) => x.name === b)));
    }
    // units improve over the years in the demo data
    expect(p.total.achieved).toBeGreaterThanOrEqual((await getProgress(ngheAn, modelWard, ngheAn.unitId, 2023)).total.achieved);
  });
});

describe("assessing a commune", () => {
  const communeOf = async (district: string) => (await db.client().query(
    `SELECT u.id, u.code FROM unit u JOIN unit_version v ON v.unit_id = u.id AND v.valid_to IS NULL AND v.type = 'XA' JOIN unit d ON d.id = v.parent_id WHERE d.code = $1 ORDER BY u.code LIMIT 1`, [district])).rows[0] as { id: number; code: string };
  const save = (v: Viewer, o: Record<string, unknown>) => runAction(v, AssessSchema, "criteria", assess, o);

  it("records which criteria were met; a required one missing keeps the commune from achieving; corrections need the current version", async () => {
    const c = await communeOf("417");
    const [a, b, cc, d] = drugFree.criteria.map((x) => x.id);
    const first = await save(kySon, { setId: drugFree.id, communeId: c.id, year, assessedOn: todayInVietnam(), met: `${a},${b},${cc}`, version: 0 });
    expect(first, JSON.stringify(first)).toMatchObject({ ok: true });
    let mine = (await getProgress(kySon, drugFree, kySon.unitId, year)).communes.find((x) => x.communeId === c.id)!;
    expect(mine).toMatchObject({ assessedYear: year, score: 75, achieved: false, lacking: [drugFree.criteria[3]!.name] });
    expect(await save(kySon, { setId: drugFree.id, communeId: c.id, year, assessedOn: todayInVietnam(), met: `${a},${b},${cc},${d}`, version: 0 })).toMatchObject({ ok: false, conflict: true });
    expect(await save(kySon, { setId: drugFree.id, communeId: c.id, year, assessedOn: todayInVietnam(), met: `${a},${b},${cc},${d}`, version: 1 })).toMatchObject({ ok: true });
    mine = (await getProgress(kySon, drugFree, kySon.unitId, year)).communes.find((x) => x.communeId === c.id)!;
    expect(mine).toMatchObject({ score: 100, achieved: true, lacking: [] });
    const audit = await db.client().query(`SELECT action FROM audit_log WHERE entity = 'assessment' AND unit_id = $1 ORDER BY id`, [c.id]);
    expect(audit.rows.map((r) => r.action)).toEqual(["create", "update"]);
  });

  it("refuses sets that do not apply, other districts, read-only roles, future years and foreign criteria", async () => {
    const c = await communeOf("417");
    const base = { setId: drugFree.id, communeId: c.id, year, assessedOn: todayInVietnam(), met: "", version: 0 };
    expect(await save(kySon, { ...base, setId: modelWard.id })).toMatchObject({ ok: false, message: "Bộ tiêu chí này không áp dụng cho đơn vị này." }); // a xã is not a ward
    expect(await save(await viewerOf(db.client(), "DISTRICT", "421"), base)).toMatchObject({ ok: false, notFound: true });
    expect(await save(ministry, base)).toMatchObject({ ok: false, message: "Tài khoản của bạn không có quyền thực hiện thao tác này." });
    expect(await save(kySon, { ...base, year: year + 1 })).toMatchObject({ ok: false, fieldErrors: { year: ["Năm chưa bắt đầu."] } });
    expect(await save(kySon, { ...base, year: year - 1, met: String(modelWard.criteria[0]!.id) })).toMatchObject({ ok: false, fieldErrors: { met: ["Tiêu chí không hợp lệ."] } });
    expect(await save(kontum, base)).toMatchObject({ ok: false, notFound: true });
  });
});

describe("configuring a set", () => {
  const create = (v: Viewer, o: Record<string, unknown>) => runAction(v, CreateSetSchema, "criteria", createSet, o);
  const good = { name: "Xã điển hình phong trào toàn dân bảo vệ ANTQ", scopeUnit: "62", appliesTo: "XA,THI_TRAN", targetYear: "2030", passMark: "80", criteria: "Không có tội phạm nghiêm trọng | 3 | bắt buộc\nTỷ lệ hộ gia đình đăng ký an toàn về ANTT | 2\nMô hình tự quản" };

  it("admins create a set from lines of criteria; others cannot", async () => {
    const r = await create(admin, good);
    expect(r, JSON.stringify(r)).toMatchObject({ ok: true });
    const set = (await listSets(kontum)).find((s) => s.name === good.name)!;
    expect(set).toMatchObject({ targetYear: 2030, passMark: 80, appliesTo: ["XA", "THI_TRAN"], scopeUnit: { code: "62" } });
    expect(set.criteria.map((c) => [c.name, c.weight, c.required])).toEqual([
      ["Không có tội phạm nghiêm trọng", 3, true],
      ["Tỷ lệ hộ gia đình đăng ký an toàn về ANTT", 2, false],
      ["Mô hình tự quản", 1, false],
    ]);
    expect(await create(await viewerOf(db.client(), "PROVINCE", "62"), good)).toMatchObject({ ok: false, message: "Chỉ quản trị hệ thống tạo bộ tiêu chí." });
  });

  it("says what is wrong with a set, in Vietnamese", async () => {
    const bad = await create(admin, { ...good, appliesTo: "", targetYear: "1990", passMark: "0", criteria: "| 2\nTên | nhiều" });
    expect(bad.ok).toBe(false);
    expect(bad.ok ? null : bad.fieldErrors).toMatchObject({
      appliesTo: ["Chọn ít nhất một loại đơn vị áp dụng."],
      targetYear: ["Năm mục tiêu từ 2000 đến 2100."],
      passMark: ["Điểm đạt từ 1 đến 100."],
      criteria: ["Dòng 1: tên tiêu chí trống hoặc dài quá 300 ký tự.", "Dòng 2: trọng số phải là số nguyên từ 1 đến 100.", "Cần ít nhất một tiêu chí."],
    });
    expect(await create(admin, { ...good, scopeUnit: "99" })).toMatchObject({ ok: false, fieldErrors: { scopeUnit: ["Không có tỉnh hoặc huyện với mã này."] } });
  });
});
