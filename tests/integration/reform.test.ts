// The 2025 reform recorded on a small fixture (issue 9), through the same files and code as the real one:
//
// Before (three levels)                                   After 01/07/2025 (two levels)
//   91 Tỉnh Một   901 Huyện A  90001 Xã An      ─┐          91 Tỉnh Một (a new unit: 91 + 92 merged)
//                              90002 Xã Bình     ├──────▶     90001 Xã An Bình Cường   (three communes merged)
//                              90003 Xã Cường   ─┘
//                 902 Huyện B  90004 Xã Dũng  ── split ──▶    90005 Phường Em (all the population) + 90010 Xã Mười
//                              90005 Xã Em      ─────────▶    90005 Phường Em
//   92 Tỉnh Hai   903 Huyện C  90006 Xã Giang   ─────────▶    90006 Xã Giang       (continues: same code, whole)
//                              90007 Xã Hà      ─────────▶    90007 Xã Hà Mới      (continues, renamed)
//                 904 Huyện Đảo (no communes)   ─────────▶    90011 Đặc khu Đảo
//   93 Tỉnh Ba    905 Huyện D  90008 Xã Khánh   ─────────▶  93 Tỉnh Ba (continues)  90008 Xã Khánh
// Every district is dissolved. Plan P covers every xã nationwide since 2019.
import { beforeAll, describe, expect, it } from "vitest";
import { runAction } from "@/lib/actions/scoped";
import type { Viewer } from "@/lib/auth/session";
import { computeCoverage } from "@/lib/coverage/queries";
import { computeSeries } from "@/lib/coverage/series";
import type { Month } from "@/lib/results/indicators";
import { computeResults } from "@/lib/results/queries";
import type { IsoDate } from "@/lib/dates";
import { searchOfficers } from "@/lib/staffing/queries";
import { getLineage } from "@/lib/units/lineage";
import { ConfirmPlacementSchema, MovePlacementSchema } from "@/lib/units/placement-schemas";
import { confirmPlacement, countOpenPlacements, listPlacements, makeChiefPlacement, movePlacement } from "@/lib/units/placements";
import { childLevelOn, findUnitByCode, isTwoLevelMapOn } from "@/lib/units/queries";
import { applyReform, ReformError } from "@/lib/units/reform";
import { listReforms, prepareReform, recordReform } from "@/lib/units/reform-record";
import { RecordReformSchema } from "@/lib/units/reform-schemas";
import { parseReformFiles, ReformFileError, type ReformFiles } from "@/lib/units/reform-files";
import { withTestDatabase, type TestDatabase } from "../support/db";
import { Fixture } from "../support/fixtures";
import { ministry, unitId, viewerOf } from "../support/viewers";

const d = (s: string) => s as IsoDate;
const E = d("2025-07-01");

const FILES: ReformFiles = {
  units: `province_code,province_name,commune_code,commune_name,commune_type
91,Tỉnh Một,90001,Xã An Bình Cường,Xã
91,Tỉnh Một,90005,Phường Em,Phường
91,Tỉnh Một,90006,Xã Giang,Xã
91,Tỉnh Một,90007,Xã Hà Mới,Xã
91,Tỉnh Một,90010,Xã Mười,Xã
91,Tỉnh Một,90011,Đặc khu Đảo,Đặc khu
93,Tỉnh Ba,90008,Xã Khánh,Xã
`,
  mapping: `old_province_code,old_commune_code,old_commune_name,new_province_code,new_commune_code,new_commune_name,note
91,90001,Xã An,91,90001,Xã An Bình Cường,
91,90002,Xã Bình,91,90001,Xã An Bình Cường,
91,90003,Xã Cường,91,90001,Xã An Bình Cường,
91,90004,Xã Dũng,91,90005,Phường Em,"split: Nhập một phần diện tích, toàn bộ dân số"
91,90004,Xã Dũng,91,90010,Xã Mười,split: Nhập một phần diện tích
91,90005,Xã Em,91,90005,Phường Em,Đổi loại hình
92,90006,Xã Giang,91,90006,Xã Giang,Giữ nguyên
92,90007,Xã Hà,91,90007,Xã Hà Mới,Đổi tên
92,,Huyện Đảo,91,90011,Đặc khu Đảo,"whole district Huyện Đảo (904), which had no communes"
93,90008,Xã Khánh,93,90008,Xã Khánh,Giữ nguyên
`,
  provinces: `old_province_code,old_province_name,new_province_code,new_province_name
91,Tỉnh Một,91,Tỉnh Một
92,Tỉnh Hai,91,Tỉnh Một
93,Tỉnh Ba,93,Tỉnh Ba
`,
};

type Ids = { o: Record<string, number>; a: Record<string, number> };

async function buildFixture(db: TestDatabase): Promise<Ids> {
  const fx = new Fixture(db.client());
  await fx.unit("91", "PROVINCE", [{ name: "Tỉnh Một", type: "TINH" }]);
  await fx.unit("92", "PROVINCE", [{ name: "Tỉnh Hai", type: "TINH" }]);
  await fx.unit("93", "PROVINCE", [{ name: "Tỉnh Ba", type: "TINH" }]);
  for (const [code, name, parent] of [["901", "Huyện A", "91"], ["902", "Huyện B", "91"], ["903", "Huyện C", "92"], ["904", "Huyện Đảo", "92"], ["905", "Huyện D", "93"]] as const) {
    await fx.unit(code, "DISTRICT", [{ name, type: "HUYEN", parent }]);
  }
  for (const [code, name, parent] of [["90001", "Xã An", "901"], ["90002", "Xã Bình", "901"], ["90003", "Xã Cường", "901"], ["90004", "Xã Dũng", "902"], ["90005", "Xã Em", "902"], ["90006", "Xã Giang", "903"], ["90007", "Xã Hà", "903"], ["90008", "Xã Khánh", "905"]] as const) {
    await fx.unit(code, "COMMUNE", [{ name, type: "XA", parent }]);
  }
  await fx.plan("P", "2019-01-01", { types: ["XA"] });
  const o: Record<string, number> = {};
  for (const k of ["o1", "o2", "o3", "o4", "o5", "o6", "o7"]) o[k] = await fx.officer(k.toUpperCase());
  const a: Record<string, number> = {};
  a.o1 = await fx.assign(o.o1!, "90001", "2020-01-01", null, "CHIEF");
  a.o2 = await fx.assign(o.o2!, "90002", "2020-01-01", null, "CHIEF");
  a.o3 = await fx.assign(o.o3!, "90003", "2020-01-01", "2024-01-01");
  a.o4 = await fx.assign(o.o4!, "90004", "2020-01-01");
  a.o5 = await fx.assign(o.o5!, "90006", "2020-01-01");
  a.o6 = await fx.assign(o.o6!, "90002", "2020-01-01", "2026-01-01");
  a.o6next = await fx.assign(o.o6!, "90008", "2026-01-01", null, "OFFICER", a.o6);
  // recorded against the old commune after it ended
  a.o7 = await fx.assign(o.o7!, "90003", "2025-09-01");
  await fx.member(o.o1!, "90001", "EXECUTIVE", "2021-01-01");
  await fx.cell(["90002"], "2020-01-01", [{ officerId: o.o2!, from: "2020-01-01" }]);
  return { o, a };
}

const DATES = ["2019-06-30", "2024-12-31", "2025-06-30"].map(d);

async function figuresBefore() {
  const out: unknown[] = [];
  for (const date of DATES) {
    out.push(await computeCoverage(null, date));
    out.push(await computeCoverage(null, date, "commune"));
    for (const code of ["91", "92", "93", "901", "903"]) {
      const u = await findUnitByCode(code, date);
      out.push(await computeCoverage(u!.id, date));
    }
  }
  return out;
}

/** Every table's rows, to prove a refused or repeated reform wrote nothing. */
async function snapshot(db: TestDatabase) {
  const tables = ["unit", "unit_version", "unit_reform", "unit_succession", "reform_placement", "assignment", "committee_membership", "party_cell_commune", "commune_setting", "audit_log"];
  const out: Record<string, string> = {};
  for (const t of tables) {
    const r = await db.client().query<{ n: string; h: string | null }>(`SELECT count(*)::text AS n, md5(string_agg(x::text, '|' ORDER BY x::text)) AS h FROM "${t}" x`);
    out[t] = `${r.rows[0]!.n}:${r.rows[0]!.h ?? ""}`;
  }
  return out;
}

describe("a reform on the fixture", () => {
  const db = withTestDatabase("tmpl_empty");
  let ids: Ids;
  let before: unknown[];
  let summary: Awaited<ReturnType<typeof applyReform>>["summary"];

  beforeAll(async () => {
    ids = await buildFixture(db);
    before = await figuresBefore();
    const result = await applyReform(db.client(), parseReformFiles(FILES, "test-2025", E));
    expect(result.status).toBe("applied");
    summary = result.summary;
  });

  const q = async <T extends Record<string, unknown>>(text: string, params: unknown[] = []) => (await db.client().query<T>(text, params)).rows;

  it("every figure as of a day before the reform is what it was", async () => {
    expect(await figuresBefore()).toEqual(before);
  });

  it("ends the old map on 30/06/2025 and starts the two-level map on 01/07/2025", async () => {
    expect(summary).toMatchObject({
      provinces: { ended: 2, continued: 1, started: 1 },
      districtsEnded: 5,
      communes: { ended: 5, continued: 3, started: 4 },
    });
    const count = async (date: string) =>
      Object.fromEntries(
        (await q<{ level: string; n: number }>(
          `SELECT u.level::text AS level, count(*)::int AS n FROM unit u JOIN unit_version v ON v.unit_id = u.id
           WHERE (v.valid_from IS NULL OR v.valid_from <= $1) AND (v.valid_to IS NULL OR v.valid_to > $1) GROUP BY u.level`,
          [date],
        )).map((r) => [r.level, r.n]),
      );
    expect(await count("2025-06-30")).toEqual({ PROVINCE: 3, DISTRICT: 5, COMMUNE: 8 });
    expect(await count("2025-07-01")).toEqual({ PROVINCE: 2, COMMUNE: 7 });
    // after: every commune hangs from its province directly
    const parents = await q<{ code: string; parent: string }>(
      `SELECT u.code, p.code AS parent FROM unit u JOIN unit_version v ON v.unit_id = u.id AND v.valid_from = $1 JOIN unit p ON p.id = v.parent_id WHERE u.level = 'COMMUNE' ORDER BY u.code`,
      [E],
    );
    expect(parents.map((r) => `${r.code}<${r.parent}`)).toEqual(["90001<91", "90005<91", "90006<91", "90007<91", "90008<93", "90010<91", "90011<91"]);
  });

  it("a unit unchanged in code and territory continues; a merged one is a new unit that knows its predecessors", async () => {
    const at = async (code: string, date: string) => (await findUnitByCode(code, d(date)))!;
    expect((await at("93", "2025-06-30")).id).toBe((await at("93", "2025-07-01")).id);
    expect((await at("90006", "2025-06-30")).id).toBe((await at("90006", "2025-07-01")).id);
    expect((await at("90007", "2025-07-01")).name).toBe("Xã Hà Mới");
    expect((await at("90007", "2025-06-30")).name).toBe("Xã Hà");
    expect((await at("91", "2025-06-30")).id).not.toBe((await at("91", "2025-07-01")).id);
    expect((await at("90001", "2025-06-30")).id).not.toBe((await at("90001", "2025-07-01")).id);
    const successions = await q<{ pred: string; succ: string; whole: boolean; proposed: boolean }>(
      `SELECT p.code AS pred, s.code AS succ, us.whole, us.proposed FROM unit_succession us JOIN unit p ON p.id = us.predecessor_id JOIN unit s ON s.id = us.successor_id ORDER BY 1, 2`,
    );
    expect(successions).toEqual([
      { pred: "90001", succ: "90001", whole: true, proposed: true },
      { pred: "90002", succ: "90001", whole: true, proposed: true },
      { pred: "90003", succ: "90001", whole: true, proposed: true },
      { pred: "90004", succ: "90005", whole: false, proposed: true },
      { pred: "90004", succ: "90010", whole: false, proposed: false },
      { pred: "90005", succ: "90005", whole: true, proposed: true },
      { pred: "904", succ: "90011", whole: true, proposed: true },
      { pred: "91", succ: "91", whole: true, proposed: true },
      { pred: "92", succ: "91", whole: true, proposed: true },
    ]);
  });

  it("the map of a date: three levels before the reform, two after; a province's children are districts, then communes", async () => {
    expect(await isTwoLevelMapOn(d("2025-06-30"))).toBe(false);
    expect(await isTwoLevelMapOn(E)).toBe(true);
    const oldOne = (await findUnitByCode("91", d("2025-06-30")))!;
    const newOne = (await findUnitByCode("91", E))!;
    expect(await childLevelOn(oldOne, d("2025-06-30"))).toBe("DISTRICT");
    expect(await childLevelOn(newOne, E)).toBe("COMMUNE");
    // the continuing Tỉnh Ba: the same unit, districts before and communes after
    expect(await childLevelOn((await findUnitByCode("93", d("2024-01-01")))!, d("2024-01-01"))).toBe("DISTRICT");
    expect(await childLevelOn((await findUnitByCode("93", E))!, E)).toBe("COMMUNE");
    expect(await childLevelOn(null, E)).toBe("PROVINCE");
  });

  it("search finds officers across both maps: one who left before the reform in the commune and district they served in", async () => {
    const find = async (who: Viewer) => (await searchOfficers(who, {})).map((h) => `${h.officerNumber}@${h.communeCode} ${h.communeName}${h.active ? "" : " (đã thôi)"}`);
    // O3 left in 2024 from Xã Cường, a commune the reform ended; the others serve on the new map
    expect(await find(ministry)).toEqual([
      "O1@90001 Xã An Bình Cường",
      "O2@90001 Xã An Bình Cường",
      "O4@90005 Phường Em",
      "O5@90006 Xã Giang",
      "O6@90008 Xã Khánh",
      "O7@90001 Xã An Bình Cường",
      "O3@90003 Xã Cường (đã thôi)",
    ]);
    // the old district reaches what it held when it existed, and nothing since; the new province the opposite
    expect(await find(await viewerOf(db.client(), "DISTRICT", "901"))).toEqual(["O3@90003 Xã Cường (đã thôi)"]);
    expect(await find(await viewerOf(db.client(), "PROVINCE", "91"))).toEqual([
      "O1@90001 Xã An Bình Cường",
      "O2@90001 Xã An Bình Cường",
      "O4@90005 Phường Em",
      "O5@90006 Xã Giang",
      "O7@90001 Xã An Bình Cường",
    ]);
    // by the old commune's code
    expect((await searchOfficers(ministry, { communeCode: "90003" })).map((h) => h.officerNumber)).toEqual(["O3"]);
  });

  it("a unit's page shows its predecessors and successors with the reform's date, linked where the viewer may go", async () => {
    const newProvince = (await findUnitByCode("91", E))!.id;
    const lineage = await getLineage(ministry, newProvince);
    expect(lineage.successors).toEqual([]);
    expect(lineage.predecessors).toEqual([
      { code: "91", name: "Tỉnh Một", type: "TINH", reformOn: "2025-07-01", seenOn: "2025-06-30", whole: true, linked: true },
      { code: "92", name: "Tỉnh Hai", type: "TINH", reformOn: "2025-07-01", seenOn: "2025-06-30", whole: true, linked: true },
    ]);
    const dung = (await findUnitByCode("90004", d("2025-06-30")))!.id;
    expect((await getLineage(ministry, dung)).successors.map((s) => [s.code, s.name, s.whole, s.seenOn])).toEqual([
      ["90005", "Phường Em", false, "2025-07-01"],
      ["90010", "Xã Mười", false, "2025-07-01"],
    ]);
    // the old province's own staff see the new province named, not linked: it is not under their unit
    const oldProvinceStaff = { ...ministry, role: "PROVINCE" as const, unitId: (await findUnitByCode("91", d("2025-06-30")))!.id, unitCode: "91" };
    const giang = (await findUnitByCode("90006", E))!.id;
    expect((await getLineage(oldProvinceStaff, dung)).successors.every((s) => !s.linked)).toBe(true);
    // a continuing unit has no lineage
    expect(await getLineage(ministry, giang)).toEqual({ predecessors: [], successors: [] });
  });

  it("officers of merged communes continue in the successor: the old post ends, a linked new one starts, audited as reorganisation", async () => {
    const rows = await q<{ id: number; officer: string; commune: string; post: string; start: string; end: string | null; reason: string | null; previous: number | null }>(
      `SELECT a.id, o.officer_number AS officer, u.code AS commune, a.post::text AS post, a.start_date::text AS start, a.end_date::text AS end, a.end_reason::text AS reason, a.previous_id AS previous
       FROM assignment a JOIN officer o ON o.id = a.officer_id JOIN unit u ON u.id = a.commune_id ORDER BY o.officer_number, a.start_date`,
    );
    const of = (n: string) => rows.filter((r) => r.officer === n).map(({ id: _id, officer: _o, ...r }) => r);
    expect(of("O1")).toEqual([
      { commune: "90001", post: "CHIEF", start: "2020-01-01", end: "2025-07-01", reason: "REORGANISATION", previous: null },
      { commune: "90001", post: "CHIEF", start: "2025-07-01", end: null, reason: null, previous: ids.a.o1 },
    ]);
    // a second chief in the same new commune comes as a deputy, for the province to decide
    expect(of("O2")[1]).toMatchObject({ post: "DEPUTY_CHIEF", start: "2025-07-01", previous: ids.a.o2 });
    // already ended before the reform: untouched
    expect(of("O3")).toEqual([{ commune: "90003", post: "OFFICER", start: "2020-01-01", end: "2024-01-01", reason: "TRANSFER", previous: null }]);
    // a split commune: the part with all the population is proposed
    expect(of("O4")[1]).toMatchObject({ commune: "90005", start: "2025-07-01", previous: ids.a.o4 });
    // a continuing commune: nothing changes
    expect(of("O5")).toEqual([{ commune: "90006", post: "OFFICER", start: "2020-01-01", end: null, reason: null, previous: null }]);
    // a transfer planned after the reform now follows the carried post
    const o6 = rows.filter((r) => r.officer === "O6");
    expect(o6.map((r) => `${r.commune} ${r.start}–${r.end ?? ""}`)).toEqual(["90002 2020-01-01–2025-07-01", "90001 2025-07-01–2026-01-01", "90008 2026-01-01–"]);
    expect(o6[1]!.previous).toBe(o6[0]!.id);
    expect(o6[2]!.previous).toBe(o6[1]!.id);
    expect(o6[1]!.reason).toBe("TRANSFER");
    // recorded against the old commune after it ended: moved to the successor
    expect(of("O7")).toEqual([{ commune: "90001", post: "OFFICER", start: "2025-09-01", end: null, reason: null, previous: null }]);

    const newCommune = (await findUnitByCode("90001", E))!.id;
    const oldCommune = (await findUnitByCode("90002", d("2025-06-30")))!.id;
    expect(rows.find((r) => r.officer === "O2" && r.start === "2025-07-01")).toBeTruthy();
    const audits = await q<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'reorganise' AND entity = 'assignment'`);
    expect(audits[0]!.n).toBe(summary.assignments.carried + summary.assignments.moved);
    expect(summary.assignments).toEqual({ carried: 4, moved: 1, toReview: 2 });
    const placements = await q<{ officer: string; reason: string; pred: string; reviewed: boolean }>(
      `SELECT o.officer_number AS officer, p.reason, u.code AS pred, p.reviewed_at IS NOT NULL AS reviewed FROM reform_placement p
       JOIN assignment a ON a.id = p.assignment_id JOIN officer o ON o.id = a.officer_id JOIN unit u ON u.id = p.predecessor_id ORDER BY 1`,
    );
    expect(placements).toEqual([
      { officer: "O2", reason: "CHIEF", pred: "90002", reviewed: false },
      { officer: "O4", reason: "SPLIT", pred: "90004", reviewed: false },
    ]);
    expect(newCommune).not.toBe(oldCommune);
  });

  it("committee seats and Party cells follow the same rule; programme, norms and border flags carry over", async () => {
    const seats = await q<{ commune: string; start: string; end: string | null }>(
      `SELECT u.code AS commune, m.start_date::text AS start, m.end_date::text AS end FROM committee_membership m JOIN unit u ON u.id = m.commune_id ORDER BY m.start_date`,
    );
    expect(seats).toEqual([
      { commune: "90001", start: "2021-01-01", end: "2025-07-01" },
      { commune: "90001", start: "2025-07-01", end: null },
    ]);
    const after = await computeCoverage(null, d("2025-07-02"), "commune");
    const byCode = Object.fromEntries(after.children.map((c) => [c.code, c.figures]));
    expect(byCode["90001"]).toMatchObject({ inProgramme: 1, staffed: 1, fullyStaffed: 0, officers: 3, partyCells: 1 });
    expect(byCode["90005"]).toMatchObject({ inProgramme: 1, officers: 1 });
    expect(byCode["90011"]!.inProgramme).toBe(0);
    // the three merged communes' norms (5 each) add up; the split commune's norm went to its proposed part
    const settings = await q<{ code: string; norm: number; prog: boolean | null }>(
      `SELECT u.code, s.staffing_norm AS norm, s.in_programme AS prog FROM commune_setting s JOIN unit u ON u.id = s.commune_id WHERE s.valid_from = $1 ORDER BY 1`,
      [E],
    );
    expect(settings).toEqual([
      { code: "90001", norm: 15, prog: true },
      { code: "90005", norm: 10, prog: true },
      { code: "90006", norm: 5, prog: true },
      { code: "90007", norm: 5, prog: true },
      { code: "90008", norm: 5, prog: true },
      { code: "90010", norm: 5, prog: true },
      { code: "90011", norm: 5, prog: null },
    ]);
    expect(after.total).toMatchObject({ inProgramme: 6, officers: 5, executiveMembers: 1 });
    // a province of the new map: its communes directly
    const newProvince = (await findUnitByCode("91", d("2025-07-02")))!.id;
    const province = await computeCoverage(newProvince, d("2025-07-02"));
    expect(province.children.map((c) => c.code)).toEqual(["90001", "90005", "90006", "90007", "90010", "90011"]);
  });

  it("the over-time series of a merged province is continuous: before the reform it counts its predecessors, and marks the reform", async () => {
    const newProvince = (await findUnitByCode("91", E))!.id;
    const series = await computeSeries(newProvince, d("2025-08-31"));
    const at = (date: string) => series.points.find((p) => p.date === date)!;
    // before: the officers of old 91 and 92 together (o1, o2, o4, o6 in 91; o5 in 92; o3 had left by then)
    expect(at("2025-06-30").officers).toBe(5);
    expect(at("2025-07-31").officers).toBe(5);
    expect(series.points[0]!.date <= "2020-01-31").toBe(true);
    expect(series.markers.filter((m) => m.kind === "reform")).toEqual([{ date: "2025-07-01", kind: "reform", label: "test-2025" }]);
    // the same footprint in the figures of a past date
    expect((await computeCoverage(newProvince, d("2025-06-30"))).total.officers).toBe(5);
  });

  it("is idempotent: the same files again change nothing; other files under the same name are refused", async () => {
    const snap = await snapshot(db);
    const again = await applyReform(db.client(), parseReformFiles(FILES, "test-2025", E));
    expect(again.status).toBe("already-applied");
    expect(again.summary).toEqual(summary);
    const other = parseReformFiles({ ...FILES, units: FILES.units.replace("Xã Mười", "Xã Mười Một") }, "test-2025", E);
    await expect(applyReform(db.client(), other)).rejects.toThrow(/đã được ghi từ các tệp khác/);
    expect(await snapshot(db)).toEqual(snap);
  });
});

describe("a reform that fails is all or nothing", () => {
  const db = withTestDatabase("tmpl_empty");
  beforeAll(async () => {
    await buildFixture(db);
  });

  it("a failure half-way (after units and assignments were written) leaves the database as it was; the same reform then applies", async () => {
    const snap = await snapshot(db);
    await expect(
      applyReform(db.client(), parseReformFiles(FILES, "test-2025", E), {
        onStep: (s) => {
          if (s === "party") throw new Error("mất kết nối giữa chừng");
        },
      }),
    ).rejects.toThrow("mất kết nối giữa chừng");
    expect(await snapshot(db)).toEqual(snap);
    expect((await applyReform(db.client(), parseReformFiles(FILES, "test-2025", E))).status).toBe("applied");
  });

  it("files that contradict themselves are refused on reading, with the reasons in Vietnamese", async () => {
    expect(() => parseReformFiles({ ...FILES, units: FILES.units.replace("91,Tỉnh Một,90010,Xã Mười,Xã\n", "") }, "x", E)).toThrow(ReformFileError);
    expect(() => parseReformFiles({ ...FILES, mapping: FILES.mapping.replace('"split: Nhập một phần diện tích, toàn bộ dân số"', "") }, "x", E)).toThrow(/không phải mọi dòng đều ghi "split:"/);
  });
});

describe("the map must match the files' old side", () => {
  const db = withTestDatabase("tmpl_empty");
  beforeAll(async () => {
    await buildFixture(db);
  });

  it("a commune missing from the mapping, or named differently, is refused and nothing is written", async () => {
    const snap = await snapshot(db);
    const missing = parseReformFiles({ ...FILES, mapping: FILES.mapping.replace("91,90003,Xã Cường,91,90001,Xã An Bình Cường,\n", "") }, "test-2025", E);
    await expect(applyReform(db.client(), missing)).rejects.toThrow(/Xã 90003 \(Xã Cường\) có trên bản đồ ngày 30\/06\/2025 nhưng không có trong tệp chuyển đổi xã/);
    const renamed = parseReformFiles({ ...FILES, mapping: FILES.mapping.replace("91,90002,Xã Bình,", "91,90002,Xã Bính,") }, "test-2025", E);
    await expect(applyReform(db.client(), renamed)).rejects.toBeInstanceOf(ReformError);
    expect(await snapshot(db)).toEqual(snap);
  });
});

describe("returns, facilities and assessments recorded against old communes for a time after the reform go with them", () => {
  const db = withTestDatabase("tmpl_empty");
  const q = async <T extends Record<string, unknown>>(text: string, params: unknown[] = []) => (await db.client().query<T>(text, params)).rows;
  const ret = async (commune: string, month: string, status: string, casesCleared: number, note: string | null = null) => {
    const id = (await q<{ id: number }>(
      `INSERT INTO monthly_return (commune_id, month, status, cases_cleared, note) SELECT id, $2, $3, $4, $5 FROM unit WHERE code = $1 AND valid_from IS NULL RETURNING id`,
      [commune, month, status, casesCleared, note],
    ))[0]!.id;
    await q(`INSERT INTO return_event (return_id, at, action, from_status, to_status) VALUES ($1, '2025-09-20T08:00:00+07:00', 'create', NULL, $2)`, [id, status]);
    return id;
  };
  let summary: Awaited<ReturnType<typeof applyReform>>["summary"];
  const sources: Record<string, number> = {};

  beforeAll(async () => {
    await buildFixture(db);
    sources.june = await ret("90001", "2025-06-01", "APPROVED", 1);
    sources.anJuly = await ret("90001", "2025-07-01", "APPROVED", 2, "An");
    sources.binhJuly = await ret("90002", "2025-07-01", "APPROVED", 3, "Bình");
    sources.anSept = await ret("90001", "2025-09-01", "APPROVED", 4);
    sources.binhSept = await ret("90002", "2025-09-01", "DRAFT", 5);
    sources.cuongAug = await ret("90003", "2025-08-01", "SUBMITTED", 6);
    sources.dungJuly = await ret("90004", "2025-07-01", "DRAFT", 7);
    await q(`INSERT INTO commune_facility (commune_id, valid_from, hq_status) SELECT id, '2021-01-01', 'OWN' FROM unit WHERE code = '90002'`);
    await q(`INSERT INTO commune_facility (commune_id, valid_from, hq_status) SELECT id, '2025-08-01', 'BORROWED' FROM unit WHERE code = '90003'`);
    await q(`INSERT INTO commune_facility (commune_id, valid_from, hq_status) SELECT id, '2025-08-01', 'OWN' FROM unit WHERE code IN ('90006')`);
    const set = (await q<{ id: number }>(`INSERT INTO criteria_set (name, applies_to, target_year) VALUES ('Bộ thử', '{XA}', 2026) RETURNING id`))[0]!.id;
    await q(`INSERT INTO assessment (set_id, commune_id, year, assessed_on) SELECT $1, id, 2025, '2025-12-01' FROM unit WHERE code IN ('90004', '90007')`, [set]);
    await q(`INSERT INTO assessment (set_id, commune_id, year, assessed_on) SELECT $1, id, 2025, '2025-12-01' FROM unit WHERE code IN ('90001', '90002')`, [set]);
    summary = (await applyReform(db.client(), parseReformFiles(FILES, "test-2025", E))).summary;
  });

  const returnsOf = (code: string) =>
    q<{ month: string; status: string; cases: number; note: string | null }>(
      `SELECT r.month::text AS month, r.status::text AS status, r.cases_cleared AS cases, r.note FROM monthly_return r JOIN unit u ON u.id = r.commune_id
       WHERE u.code = $1 AND u.valid_from = $2 ORDER BY r.month`,
      [code, E],
    );

  it("the only return for a successor and month moves with its history; several add up, at the least advanced status", async () => {
    expect(await returnsOf("90001")).toEqual([
      { month: "2025-07-01", status: "APPROVED", cases: 5, note: "Gộp từ báo cáo của Xã An, Xã Bình" },
      { month: "2025-08-01", status: "SUBMITTED", cases: 6, note: null },
      { month: "2025-09-01", status: "DRAFT", cases: 9, note: "Gộp từ báo cáo của Xã An, Xã Bình" },
    ]);
    // the officer of the split Xã Dũng went to the proposed Phường Em: so did its return
    expect(await returnsOf("90005")).toEqual([{ month: "2025-07-01", status: "DRAFT", cases: 7, note: null }]);
    expect(summary.records.returns).toEqual({ moved: 2, merged: 2 });
    // a moved return keeps its history and says why it moved; a merged one says what it came from
    const events = await q<{ action: string; to: string; reason: string | null }>(
      `SELECT e.action, e.to_status::text AS to, e.reason FROM return_event e WHERE e.return_id = $1 ORDER BY e.at, e.id`, [sources.cuongAug]);
    expect(events).toEqual([
      { action: "create", to: "SUBMITTED", reason: null },
      { action: "reorganise", to: "SUBMITTED", reason: "Chuyển sang đơn vị mới theo test-2025" },
    ]);
  });

  it("before the reform nothing moved; the merged sources stay, untouched, on their ended communes", async () => {
    const stayed = await q<{ id: number; code: string; cases: number }>(
      `SELECT r.id, u.code, r.cases_cleared AS cases FROM monthly_return r JOIN unit u ON u.id = r.commune_id WHERE r.id = ANY($1::int[]) ORDER BY r.id`,
      [[sources.june, sources.anJuly, sources.binhJuly, sources.anSept, sources.binhSept]],
    );
    expect(stayed.map((r) => `${r.code}:${r.cases}`)).toEqual(["90001:1", "90001:2", "90002:3", "90001:4", "90002:5"]);
    expect((await q<{ vf: string | null }>(`SELECT u.valid_from::text AS vf FROM monthly_return r JOIN unit u ON u.id = r.commune_id WHERE r.id = $1`, [sources.june]))[0]!.vf).toBeNull();
  });

  it("the province's results after the reform count the carried returns once", async () => {
    const province = (await findUnitByCode("91", E))!.id;
    const r = await computeResults(province, "2025-07" as Month, "2025-07" as Month, d("2026-01-01"));
    // July: the merged approved return (2 + 3) of the new Xã An Bình Cường; Phường Em's is a draft
    expect(r.total.values.casesCleared).toBe(5);
  });

  it("facilities end with their commune; one dated after the reform moves when it is the only one; assessments likewise", async () => {
    const fac = await q<{ code: string; from: string; to: string | null; hq: string; current: boolean }>(
      `SELECT u.code, f.valid_from::text AS from, f.valid_to::text AS to, f.hq_status::text AS hq, u.valid_to IS NULL AS current
       FROM commune_facility f JOIN unit u ON u.id = f.commune_id ORDER BY u.code, f.valid_from`,
    );
    expect(fac).toEqual([
      { code: "90001", from: "2025-08-01", to: null, hq: "BORROWED", current: true },
      { code: "90002", from: "2021-01-01", to: "2025-07-01", hq: "OWN", current: false },
      { code: "90006", from: "2025-08-01", to: null, hq: "OWN", current: true },
    ]);
    expect(summary.records.facilities).toEqual({ ended: 1, moved: 1, left: 0 });
    const asm = await q<{ code: string; current: boolean }>(`SELECT u.code, u.valid_to IS NULL AS current FROM assessment a JOIN unit u ON u.id = a.commune_id ORDER BY u.code, u.id`);
    // Xã Dũng's goes to Phường Em; Xã An's and Xã Bình's, both for the new Xã An Bình Cường, stay; Xã Hà continues
    expect(asm).toEqual([
      { code: "90001", current: false },
      { code: "90002", current: false },
      { code: "90005", current: true },
      { code: "90007", current: true },
    ]);
    expect(summary.records.assessments).toEqual({ moved: 1, left: 2 });
  });
});

describe("an administrator records a reform from the browser: a dry run first, then once", () => {
  const db = withTestDatabase("tmpl_empty");
  const admin: Viewer = { id: -5, username: "t.admin", displayName: "Quản trị", role: "ADMIN", unitId: null, unitCode: null };
  const input = (over: Partial<Record<string, string>> = {}) => RecordReformSchema.parse({ name: "test-2025", effectiveOn: "01/07/2025", source: "upload", ...over });
  beforeAll(async () => {
    await buildFixture(db);
  });

  it("the form's fields are checked, with Vietnamese messages", () => {
    const bad = RecordReformSchema.safeParse({ name: "x", effectiveOn: "31/02/2025", source: "ftp" });
    expect(bad.success).toBe(false);
    const messages = Object.fromEntries(bad.error!.issues.map((i) => [String(i.path[0]), i.message]));
    expect(messages).toEqual({
      name: "Nhập tên đợt sắp xếp (ít nhất 3 ký tự).",
      effectiveOn: "Ngày có hiệu lực không hợp lệ (dd/mm/yyyy).",
      source: "Chọn nguồn tệp: tệp có sẵn hoặc tải tệp lên.",
    });
    expect(input()).toEqual({ name: "test-2025", effectiveOn: "2025-07-01", source: "upload", commit: false });
    expect(input({ commit: "1" }).commit).toBe(true);
  });

  it("only an administrator with national reach may record one", async () => {
    const reform = prepareReform(input(), FILES);
    const provinceAdmin = { ...admin, unitId: await unitId(db.client(), "91"), unitCode: "91" };
    for (const who of [ministry, provinceAdmin, await viewerOf(db.client(), "PROVINCE", "91")]) {
      await expect(recordReform(db.client(), who, reform, { commit: false })).rejects.toMatchObject({ opts: { forbidden: true } });
      await expect(listReforms(who)).rejects.toMatchObject({ opts: { forbidden: true } });
    }
  });

  it("the dry run reports what recording would do and writes nothing", async () => {
    const snap = await snapshot(db);
    const steps: string[] = [];
    const run = await recordReform(db.client(), admin, prepareReform(input(), FILES), { commit: false, onStep: (s) => void steps.push(s) });
    expect(run).toMatchObject({ status: "checked", name: "test-2025", effectiveOn: "2025-07-01" });
    expect(run.summary).toMatchObject({ provinces: { ended: 2, continued: 1, started: 1 }, districtsEnded: 5, communes: { ended: 5, continued: 3, started: 4 } });
    expect(steps).toEqual(["check", "units", "assignments", "party", "records", "settings", "commit"]);
    expect(await snapshot(db)).toEqual(snap);
    expect(await listReforms(admin)).toEqual([]);
  });

  it("a dry run that the map refuses gives every reason, and writes nothing", async () => {
    const snap = await snapshot(db);
    const missing = prepareReform(input(), { ...FILES, mapping: FILES.mapping.replace("91,90003,Xã Cường,91,90001,Xã An Bình Cường,\n", "") });
    await expect(recordReform(db.client(), admin, missing, { commit: false })).rejects.toMatchObject({
      title: "Không ghi được cải cách",
      problems: ["Xã 90003 (Xã Cường) có trên bản đồ ngày 30/06/2025 nhưng không có trong tệp chuyển đổi xã."],
    });
    expect(() => prepareReform(input(), { ...FILES, units: FILES.units.replace("91,Tỉnh Một,90010,Xã Mười,Xã\n", "") })).toThrow(ReformFileError);
    expect(await snapshot(db)).toEqual(snap);
  });

  it("recording writes the reform once, by the administrator; the list shows it with its placements; again changes nothing", async () => {
    const run = await recordReform(db.client(), { ...admin, id: await adminId(db) }, prepareReform(input({ commit: "1" }), FILES), { commit: true });
    expect(run.status).toBe("applied");
    expect((await findUnitByCode("90010", E))?.name).toBe("Xã Mười");
    const [listed, ...more] = await listReforms(admin);
    expect(more).toEqual([]);
    expect(listed).toMatchObject({ name: "test-2025", effectiveOn: "2025-07-01", appliedBy: "Quản trị viên thử", summary: run.summary, placements: 2, openPlacements: 2 });
    const snap = await snapshot(db);
    expect((await recordReform(db.client(), admin, prepareReform(input({ commit: "1" }), FILES), { commit: true })).status).toBe("already-applied");
    expect((await recordReform(db.client(), admin, prepareReform(input(), FILES), { commit: false })).status).toBe("already-applied");
    // the same files under another name: the map has already moved on
    await expect(recordReform(db.client(), admin, prepareReform(input({ name: "test-2025 lần hai" }), FILES), { commit: false })).rejects.toThrow(/thay đổi có hiệu lực từ ngày 01\/07\/2025 trở đi/);
    expect(await snapshot(db)).toEqual(snap);
  });
});

async function adminId(db: TestDatabase): Promise<number> {
  const r = await db.client().query<{ id: number }>(
    `INSERT INTO app_user (username, display_name, password_hash, role) VALUES ('t.admin', 'Quản trị viên thử', 'x', 'ADMIN') RETURNING id`,
  );
  return r.rows[0]!.id;
}

describe("the province reviews the placements a reform could not be sure of", () => {
  const db = withTestDatabase("tmpl_empty");
  let province: Viewer, other: Viewer, oldDistrict: Viewer;
  let ids: Ids;
  const idOf = async (code: string) => (await db.client().query<{ id: number }>(`SELECT id FROM unit WHERE code = $1 AND valid_from = $2`, [code, E])).rows[0]!.id;
  const placementOf = async (officerId: number) =>
    (await db.client().query<{ id: number; reviewed: boolean }>(
      `SELECT p.id, p.reviewed_at IS NOT NULL AS reviewed FROM reform_placement p JOIN assignment a ON a.id = p.assignment_id WHERE a.officer_id = $1`, [officerId])).rows[0]!;
  const form = (o: Record<string, unknown>) => o;

  beforeAll(async () => {
    ids = await buildFixture(db);
    await applyReform(db.client(), parseReformFiles(FILES, "test-2025", E));
    province = await viewerOf(db.client(), "PROVINCE", "91"); // the new Tỉnh Một (91 and 92 merged)
    other = await viewerOf(db.client(), "PROVINCE", "93");
    oldDistrict = await viewerOf(db.client(), "DISTRICT", "901");
  });

  it("lists the officer of the split commune (with the parts to choose from) and the chief carried as deputy, in scope only", async () => {
    const list = await listPlacements(province, { status: "open", page: 1 });
    expect(list.total).toBe(2);
    const split = list.rows.find((r) => r.reason === "SPLIT")!;
    expect(split).toMatchObject({ officerNumber: "O4", predecessor: { code: "90004", name: "Xã Dũng" }, commune: { code: "90005", name: "Phường Em" } });
    expect(split.options.map((o) => [o.code, o.proposed])).toEqual([["90005", true], ["90010", false]]);
    expect(list.rows.find((r) => r.reason === "CHIEF")).toMatchObject({ officerNumber: "O2", post: "DEPUTY_CHIEF", commune: { code: "90001" } });
    expect(await countOpenPlacements(province)).toBe(2);
    expect((await listPlacements(other, { status: "all", page: 1 })).total).toBe(0);
    // a district that ended with the reform reaches nothing after it
    expect((await listPlacements(oldDistrict, { status: "all", page: 1 })).total).toBe(0);
    expect((await listPlacements(ministry, { status: "open", page: 1 })).total).toBe(2);
  });

  it("another province cannot touch them: not found", async () => {
    const p = await placementOf(ids.o.o4!);
    const r = await runAction(other, ConfirmPlacementSchema, "write:staffing", confirmPlacement, form({ placementId: p.id }));
    expect(r).toMatchObject({ ok: false, notFound: true });
    expect((await placementOf(ids.o.o4!)).reviewed).toBe(false);
  });

  it("moves the officer of the split commune to the other part: the post from the reform date is there, and the figures follow", async () => {
    const p = await placementOf(ids.o.o4!);
    const wrong = await runAction(province, MovePlacementSchema, "write:staffing", movePlacement, form({ placementId: p.id, successorId: await idOf("90011") }));
    expect(wrong).toMatchObject({ ok: false, fieldErrors: { successorId: [expect.stringContaining("xã mới hình thành từ xã cũ")] } });
    const ten = await idOf("90010");
    const r = await runAction(province, MovePlacementSchema, "write:staffing", movePlacement, form({ placementId: p.id, successorId: ten }));
    expect(r).toMatchObject({ ok: true });
    const a = (await db.client().query(`SELECT commune_id, start_date::text AS start FROM assignment WHERE officer_id = $1 AND end_date IS NULL`, [ids.o.o4])).rows[0];
    expect(a).toEqual({ commune_id: ten, start: E });
    expect((await placementOf(ids.o.o4!)).reviewed).toBe(true);
    expect((await computeCoverage(ten, E)).total.officers).toBe(1);
    const audit = await db.client().query(`SELECT action, before, after FROM audit_log WHERE action = 'placement-move'`);
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0].after).toMatchObject({ communeId: ten });
  });

  it("confirms the chief as deputy; a chief cannot be moved, and a placement is confirmed once", async () => {
    const p = await placementOf(ids.o.o2!);
    const move = await runAction(province, MovePlacementSchema, "write:staffing", movePlacement, form({ placementId: p.id, successorId: await idOf("90010") }));
    expect(move).toMatchObject({ ok: false });
    expect(await runAction(province, ConfirmPlacementSchema, "write:staffing", confirmPlacement, form({ placementId: p.id }))).toMatchObject({ ok: true });
    expect(await runAction(province, ConfirmPlacementSchema, "write:staffing", confirmPlacement, form({ placementId: p.id }))).toMatchObject({ ok: false, conflict: true });
    expect(await countOpenPlacements(province)).toBe(0);
    expect((await listPlacements(province, { status: "reviewed", page: 1 })).total).toBe(2);
  });
});

describe("a post an earlier reform already placed, moved again by this one", () => {
  const db = withTestDatabase("tmpl_empty");

  it("is reviewed where it is now, under this reform (the national dataset through the 2023–2025 mergers found it)", async () => {
    await buildFixture(db);
    const fx = new Fixture(db.client());
    // a chief recorded against Xã Cường after the reform's date: moved into Xã An Bình Cường, whose chief is O1
    const o8 = await fx.officer("O8");
    const cuong = await db.client().query<{ id: number }>(`SELECT id FROM unit WHERE code = '90003'`);
    const late = (
      await db.client().query<{ id: number }>(
        `INSERT INTO assignment (officer_id, commune_id, post, start_date) VALUES ($1, $2, 'CHIEF', '2025-09-01') RETURNING id`,
        [o8, cuong.rows[0]!.id],
      )
    ).rows[0]!.id;
    const earlier = await db.client().query<{ id: number }>(
      `INSERT INTO unit_reform (name, effective_on, checksum, summary) VALUES ('earlier', '2025-03-01', 'x', '{}') RETURNING id`,
    );
    await db.client().query(
      `INSERT INTO reform_placement (reform_id, assignment_id, predecessor_id, reason, reviewed_at) VALUES ($1, $2, $3, 'CHIEF', now())`,
      [earlier.rows[0]!.id, late, cuong.rows[0]!.id],
    );
    const r = await applyReform(db.client(), parseReformFiles(FILES, "test-2025", E));
    expect(r.status).toBe("applied");
    const placed = await db.client().query(
      `SELECT r.name, p.reason, p.reviewed_at IS NULL AS open, a.post::text AS post, u.code FROM reform_placement p
       JOIN unit_reform r ON r.id = p.reform_id JOIN assignment a ON a.id = p.assignment_id JOIN unit u ON u.id = a.commune_id WHERE p.assignment_id = $1`,
      [late],
    );
    expect(placed.rows).toEqual([{ name: "test-2025", reason: "CHIEF", open: true, post: "DEPUTY_CHIEF", code: "90001" }]);
  });
});

describe("the province makes the former chief carried as deputy the chief of the new commune", () => {
  const db = withTestDatabase("tmpl_empty");
  let province: Viewer, other: Viewer;
  let ids: Ids;
  const posts = async () =>
    (
      await db.client().query<{ officer: string; post: string; start: string; end: string | null; previous: number | null; id: number }>(
        `SELECT o.officer_number AS officer, a.post::text AS post, a.start_date::text AS start, a.end_date::text AS "end", a.previous_id AS previous, a.id
         FROM assignment a JOIN officer o ON o.id = a.officer_id WHERE o.officer_number IN ('O1', 'O2') ORDER BY o.officer_number, a.start_date`,
      )
    ).rows;
  const placementOfO2 = async () =>
    (await db.client().query<{ id: number }>(`SELECT p.id FROM reform_placement p JOIN assignment a ON a.id = p.assignment_id WHERE a.officer_id = $1`, [ids.o.o2])).rows[0]!.id;

  beforeAll(async () => {
    ids = await buildFixture(db);
    await applyReform(db.client(), parseReformFiles(FILES, "test-2025", E));
    province = await viewerOf(db.client(), "PROVINCE", "91");
    other = await viewerOf(db.client(), "PROVINCE", "93");
  });

  it("from the reform's date O2 is chief and O1 deputy; nothing before it changes, the placement is settled once, and it is audited", async () => {
    const before = await posts();
    const figures = await figuresBefore();
    const id = await placementOfO2();
    expect(await runAction(other, ConfirmPlacementSchema, "write:staffing", makeChiefPlacement, { placementId: id })).toMatchObject({ ok: false, notFound: true });
    expect(await runAction(province, ConfirmPlacementSchema, "write:staffing", makeChiefPlacement, { placementId: id })).toMatchObject({ ok: true });
    const after = await posts();
    // the posts the reform carried (from E) are corrected in place; the posts before E are untouched
    expect(after.filter((r) => r.start < E)).toEqual(before.filter((r) => r.start < E));
    expect(after.filter((r) => r.start === E).map((r) => `${r.officer} ${r.post}`)).toEqual(["O1 DEPUTY_CHIEF", "O2 CHIEF"]);
    expect(await figuresBefore()).toEqual(figures);
    const chief = await db.client().query<{ n: string }>(
      `SELECT o.officer_number AS n FROM assignment a JOIN officer o ON o.id = a.officer_id JOIN unit u ON u.id = a.commune_id
       WHERE u.code = '90001' AND a.post = 'CHIEF' AND a.start_date <= $1 AND (a.end_date IS NULL OR a.end_date > $1)`,
      [E],
    );
    expect(chief.rows.map((r) => r.n)).toEqual(["O2"]);
    expect(await countOpenPlacements(province)).toBe(1); // the split commune's officer is still open
    expect(await runAction(province, ConfirmPlacementSchema, "write:staffing", makeChiefPlacement, { placementId: id })).toMatchObject({ ok: false, conflict: true });
    const audit = await db.client().query(`SELECT after FROM audit_log WHERE action = 'placement-chief'`);
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0].after).toMatchObject({ post: "CHIEF", deputies: [{ officerId: ids.o.o1 }] });
  });

  it("only a chief's placement can be made chief", async () => {
    const split = (await listPlacements(province, { status: "open", page: 1 })).rows.find((r) => r.reason === "SPLIT")!;
    const r = await runAction(province, ConfirmPlacementSchema, "write:staffing", makeChiefPlacement, { placementId: split.id });
    expect(r).toMatchObject({ ok: false, message: expect.stringContaining("Chỉ Trưởng Công an xã cũ") });
  });
});
