// The dashboard's widgets — monthly series, phases, gap lists — on a hand-built fixture whose answers are
// worked out by hand below, and checked against the cards' own definition (computeCoverage).
//
// Tỉnh Thử (91): Huyện A (901), Huyện B (902). Plan P1 (issued 2019-01-01) covers xã in Tỉnh Thử.
//   Phase 1 (15/01/2019 → 31/03/2019) lists 90001, 90002; phase 2 (01/04/2019 → 30/06/2019) lists 90003.
//   90001 Xã Một (A), norm 2, border   o1 CHIEF from 2019-02-01 (speaks Thái);
//                                      o2 OFFICER 2019-02-01 → transferred 2019-05-01 to 90003
//   90002 Xã Hai (A), norm 1           o3 OFFICER 2019-03-01 → retired 2019-08-01, nobody after
//   90003 Xã Ba (B), norm 1, border    o2 OFFICER from 2019-05-01 (no ethnic language)
//   90004 Xã Bốn (B) → Phường Bốn on 2020-06-01 (leaves the programme: P1 covers xã only)
//                                      o4 OFFICER from 2019-04-01
// Party cells: C1 (90001) secretary o1; C2 (90002) secretary o3; C3 (90003) secretary a non-police
// person; C4 (90004) no secretary.
import { beforeAll, describe, expect, it } from "vitest";
import { computeGapList, GAP_KINDS, getGapList, GapQuerySchema, resolveSort } from "@/lib/coverage/gaps";
import { computePhases, phasesByProvince, phaseStatus, type PhaseRow } from "@/lib/coverage/phases";
import { computeCoverage } from "@/lib/coverage/queries";
import { computeSeries, monthEnds } from "@/lib/coverage/series";
import type { IsoDate } from "@/lib/dates";
import { withTestDatabase } from "../support/db";
import { Fixture } from "../support/fixtures";
import { viewerOf } from "../support/viewers";

const db = withTestDatabase("tmpl_empty");
const d = (s: string) => s as IsoDate;
let fx: Fixture;
const province = () => fx.id("91");

beforeAll(async () => {
  const c = db.client();
  fx = new Fixture(c);
  await fx.unit("91", "PROVINCE", [{ name: "Tỉnh Thử", type: "TINH" }]);
  await fx.unit("901", "DISTRICT", [{ name: "Huyện A", type: "HUYEN", parent: "91" }]);
  await fx.unit("902", "DISTRICT", [{ name: "Huyện B", type: "HUYEN", parent: "91" }]);
  await fx.unit("90001", "COMMUNE", [{ name: "Xã Một", type: "XA", parent: "901" }]);
  await fx.unit("90002", "COMMUNE", [{ name: "Xã Hai", type: "XA", parent: "901" }]);
  await fx.unit("90003", "COMMUNE", [{ name: "Xã Ba", type: "XA", parent: "902" }]);
  await fx.unit("90004", "COMMUNE", [
    { name: "Xã Bốn", type: "XA", parent: "902", to: "2020-06-01" },
    { name: "Phường Bốn", type: "PHUONG", parent: "902", from: "2020-06-01" },
  ]);
  const plan = await fx.plan("P1", "2019-01-01", { types: ["XA"], scope: "91" });
  const phase = async (ordinal: number, start: string, target: string, communes: string[]) => {
    const r = await c.query<{ id: number }>(
      `INSERT INTO rollout_phase (plan_id, province_id, ordinal, name, start_date, target_date) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [plan, province(), ordinal, `Giai đoạn ${ordinal}`, start, target],
    );
    for (const code of communes) await c.query(`INSERT INTO plan_commune (plan_id, commune_id, phase_id) VALUES ($1, $2, $3)`, [plan, fx.id(code), r.rows[0]!.id]);
  };
  await phase(1, "2019-01-15", "2019-03-31", ["90001", "90002"]);
  await phase(2, "2019-04-01", "2019-06-30", ["90003"]);
  const setting = (code: string, norm: number, border: boolean) =>
    c.query(`INSERT INTO commune_setting (commune_id, staffing_norm, is_border) VALUES ($1, $2, $3)`, [fx.id(code), norm, border]);
  await setting("90001", 2, true);
  await setting("90002", 1, false);
  await setting("90003", 1, true);
  const o1 = await fx.officer("T1", "Nguyễn Văn Một");
  const o2 = await fx.officer("T2", "Trần Văn Hai");
  const o3 = await fx.officer("T3", "Lê Thị Ba");
  const o4 = await fx.officer("T4", "Phạm Văn Bốn");
  await c.query(`UPDATE officer SET ethnic_languages = '{Thái}' WHERE id = $1`, [o1]);
  await fx.assign(o1, "90001", "2019-02-01", null, "CHIEF");
  const moved = await fx.assign(o2, "90001", "2019-02-01", "2019-05-01");
  await fx.assign(o2, "90003", "2019-05-01", null, "OFFICER", moved);
  const retired = await fx.assign(o3, "90002", "2019-03-01", "2019-08-01");
  await c.query(`UPDATE assignment SET end_reason = 'RETIREMENT' WHERE id = $1`, [retired]);
  await fx.assign(o4, "90004", "2019-04-01");
  await fx.cell(["90001"], "2019-03-01", [{ officerId: o1, from: "2019-03-01" }]);
  await fx.cell(["90002"], "2019-03-01", [{ officerId: o3, from: "2019-03-01" }]);
  await fx.cell(["90003"], "2019-03-01", [{ person: "Lê Văn Dân", from: "2019-03-01" }]);
  await fx.cell(["90004"], "2019-03-01", []);
});

describe("monthEnds", () => {
  it("gives every month end from the first month, then the as-of date itself", () => {
    expect(monthEnds(d("2019-02-01"), d("2019-05-15"))).toEqual(["2019-02-28", "2019-03-31", "2019-04-30", "2019-05-15"]);
    expect(monthEnds(d("2019-11-20"), d("2020-01-31"))).toEqual(["2019-11-30", "2019-12-31", "2020-01-31"]);
    expect(monthEnds(d("2020-02-10"), d("2020-02-10"))).toEqual(["2020-02-10"]);
  });
});

describe("coverage over time", () => {
  it("starts at the first assignment's month and ends on the as-of date", async () => {
    const s = await computeSeries(province(), d("2020-06-15"));
    expect(s.points[0]!.date).toBe("2019-02-28");
    expect(s.points.at(-1)!.date).toBe("2020-06-15");
    expect(s.points).toHaveLength(17); // Feb 2019 … May 2020 month ends, then 15/06/2020
  });

  it("counts each month end by hand: before, after a transfer, after a retirement, after a type change", async () => {
    const s = await computeSeries(province(), d("2020-06-15"));
    const at = (date: string) => s.points.find((p) => p.date === date);
    expect(at("2019-02-28")).toEqual({ date: "2019-02-28", inProgramme: 4, staffed: 1, fullyStaffed: 1, officers: 2 });
    expect(at("2019-04-30")).toEqual({ date: "2019-04-30", inProgramme: 4, staffed: 3, fullyStaffed: 2, officers: 4 });
    // after the transfer of o2 (01/05): Xã Một falls below its norm of 2, Xã Ba is staffed
    expect(at("2019-05-31")).toEqual({ date: "2019-05-31", inProgramme: 4, staffed: 4, fullyStaffed: 2, officers: 4 });
    // o3 retired on 01/08: Xã Hai is empty
    expect(at("2019-08-31")).toEqual({ date: "2019-08-31", inProgramme: 4, staffed: 3, fullyStaffed: 1, officers: 3 });
    // Xã Bốn became a phường on 01/06/2020 and left the programme (and o4 with it)
    expect(at("2020-06-15")).toEqual({ date: "2020-06-15", inProgramme: 3, staffed: 2, fullyStaffed: 1, officers: 2 });
  });

  it("on the transfer day itself, o2 counts once, in the new commune", async () => {
    const s = await computeSeries(province(), d("2019-05-01"));
    expect(s.points.at(-2)).toEqual({ date: "2019-04-30", inProgramme: 4, staffed: 3, fullyStaffed: 2, officers: 4 });
    expect(s.points.at(-1)).toEqual({ date: "2019-05-01", inProgramme: 4, staffed: 4, fullyStaffed: 2, officers: 4 });
  });

  it("every point equals the cards' figures for that date", async () => {
    const s = await computeSeries(province(), d("2020-06-15"));
    for (const p of s.points.filter((_, i) => i % 3 === 0 || i === s.points.length - 1)) {
      const c = await computeCoverage(province(), p.date);
      expect(p, p.date).toEqual({ date: p.date, inProgramme: c.total.inProgramme, staffed: c.total.staffed, fullyStaffed: c.total.fullyStaffed, officers: c.total.officers });
    }
  });

  it("marks the phase dates that fall inside the chart", async () => {
    const s = await computeSeries(province(), d("2020-06-15"));
    expect(s.markers).toEqual([
      { date: "2019-03-31", kind: "phaseTarget", label: "Giai đoạn 1" },
      { date: "2019-04-01", kind: "phaseStart", label: "Giai đoạn 2" },
      { date: "2019-06-30", kind: "phaseTarget", label: "Giai đoạn 2" },
    ]);
  });

  it("a district's series counts only its communes, and a district without assignments has a single empty point", async () => {
    const b = await computeSeries(fx.id("902"), d("2019-05-31"));
    expect(b.points.at(-1)).toEqual({ date: "2019-05-31", inProgramme: 2, staffed: 2, fullyStaffed: 1, officers: 2 });
    expect(b.points[0]!.date).toBe("2019-04-30"); // o4, the district's first assignment, started 01/04/2019
    const early = await computeSeries(fx.id("902"), d("2019-01-10"));
    expect(early.points).toEqual([{ date: "2019-01-10", inProgramme: 2, staffed: 0, fullyStaffed: 0, officers: 0 }]);
  });
});

describe("by rollout phase", () => {
  const summary = async (asOf: string) =>
    (await computePhases(province(), d(asOf))).map((p) => ({ name: p.name, communes: p.communes, staffed: p.staffed, fully: p.fullyStaffed, status: p.status }));

  it("before phase 2 starts: phase 1 on track, phase 2 not started", async () => {
    expect(await summary("2019-01-20")).toEqual([
      { name: "Giai đoạn 1", communes: 2, staffed: 0, fully: 0, status: "onTrack" },
      { name: "Giai đoạn 2", communes: 1, staffed: 0, fully: 0, status: "notStarted" },
    ]);
  });

  it("phase 1 done, phase 2 under way", async () => {
    expect(await summary("2019-04-30")).toEqual([
      { name: "Giai đoạn 1", communes: 2, staffed: 2, fully: 2, status: "done" },
      { name: "Giai đoạn 2", communes: 1, staffed: 0, fully: 0, status: "onTrack" },
    ]);
  });

  it("a commune emptied after the target date makes its phase late", async () => {
    expect(await summary("2019-08-15")).toEqual([
      // Xã Một keeps its chief but is below its norm of 2 since o2 left; Xã Hai is empty
      { name: "Giai đoạn 1", communes: 2, staffed: 1, fully: 0, status: "late" },
      { name: "Giai đoạn 2", communes: 1, staffed: 1, fully: 1, status: "done" },
    ]);
  });

  it("the country's view adds each province's phases into one row: the sums of its phases, and how many are in each status", async () => {
    const rows = phasesByProvince(await computePhases(null, d("2019-08-15")));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ phases: 2, communes: 3, staffed: 2, fullyStaffed: 1, byStatus: { late: 1, done: 1, onTrack: 0, notStarted: 0 }, worst: "late" });
  });

  it("the country's view lists provinces with a late phase first, then those rolling out, then the rest, each by code", () => {
    const row = (provinceCode: string, status: PhaseRow["status"]): PhaseRow => ({
      phaseId: 0, planCode: "KH", provinceCode, provinceName: `Tỉnh ${provinceCode}`, name: "GĐ", ordinal: 1,
      startDate: d("2019-01-01"), targetDate: null, communes: 1, staffed: 1, fullyStaffed: 1, status,
    });
    const order = phasesByProvince([row("01", "done"), row("02", "onTrack"), row("03", "done"), row("03", "late"), row("04", "notStarted"), row("05", "late")])
      .map((p) => p.provinceCode);
    expect(order).toEqual(["03", "05", "02", "04", "01"]);
  });

  it("a district sees only the phases that hold its communes", async () => {
    expect((await computePhases(fx.id("902"), d("2019-08-15"))).map((p) => p.name)).toEqual(["Giai đoạn 2"]);
  });

  it("status rules", () => {
    const p = { startDate: d("2019-04-01"), targetDate: d("2019-06-30"), communes: 3, staffed: 1 };
    expect(phaseStatus(p, d("2019-03-31"))).toBe("notStarted");
    expect(phaseStatus(p, d("2019-06-30"))).toBe("onTrack");
    expect(phaseStatus(p, d("2019-07-01"))).toBe("late");
    expect(phaseStatus({ ...p, staffed: 3 }, d("2019-07-01"))).toBe("done");
    expect(phaseStatus({ ...p, targetDate: null }, d("2030-01-01"))).toBe("onTrack");
  });
});

describe("gaps to act on (as of 15/08/2019)", () => {
  const asOf = d("2019-08-15");
  const codes = async (kind: Parameters<typeof computeGapList>[0], opts = {}) =>
    (await computeGapList(kind, province(), asOf, opts)).rows.map((r) => r.communeCode);

  it("unstaffed: Xã Hai (its only officer retired)", async () => {
    expect(await codes("unstaffed")).toEqual(["90002"]);
    const cards = await computeCoverage(province(), asOf);
    expect(cards.total.inProgramme - cards.total.staffed).toBe(1);
  });

  it("nationwide, every list is the province's own (the country is the fixture's one province)", async () => {
    for (const kind of GAP_KINDS) {
      const [nation, own] = await Promise.all([computeGapList(kind, null, asOf), computeGapList(kind, province(), asOf)]);
      expect(nation.rows, kind).toEqual(own.rows);
      expect(nation.total, kind).toBe(own.total);
    }
  });

  it("under norm, most officers short first, with the shortfall", async () => {
    const list = await computeGapList("underNorm", province(), asOf);
    expect(list.rows.map((r) => [r.communeCode, r.officers, r.norm, r.short])).toEqual([
      ["90004", 1, 5, 4],
      ["90001", 1, 2, 1],
      ["90002", 0, 1, 1],
    ]);
    expect(list.rows[0]).toMatchObject({ commune: "Xã Bốn", district: "Huyện B", province: "Tỉnh Thử" });
  });

  it("without a chief: every staffed-or-not commune but Xã Một", async () => {
    expect(await codes("noChief")).toEqual(["90002", "90003", "90004"]);
  });

  it("border communes without an ethnic-language speaker: Xã Ba (Xã Một has o1, who speaks Thái)", async () => {
    expect(await codes("borderLanguage")).toEqual(["90003"]);
    // before o2 arrived Xã Ba had nobody at all: still listed
    expect((await computeGapList("borderLanguage", province(), d("2019-04-30"))).rows.map((r) => r.communeCode)).toEqual(["90003"]);
  });

  it("cells whose secretary is not police, with why; the cards' police secretaries are the rest", async () => {
    const list = await computeGapList("cellSecretary", province(), asOf);
    expect(list.rows.map((r) => [r.communes, r.secretary, r.reason])).toEqual([
      ["Xã Hai", "Lê Thị Ba", "notServing"],
      ["Xã Ba", "Lê Văn Dân", "notOfficer"],
      ["Xã Bốn", null, "none"],
    ]);
    const cards = await computeCoverage(province(), asOf);
    expect(cards.total.partyCells - cards.total.secretariesPolice).toBe(list.total);
  });

  it("ended without a successor: o2's old post in Xã Một and o3's in Xã Hai, longest vacancy first", async () => {
    const list = await computeGapList("noSuccessor", province(), asOf);
    expect(list.rows.map((r) => [r.officer, r.commune, r.endDate, r.endReason, r.daysVacant])).toEqual([
      ["Trần Văn Hai", "Xã Một", "2019-05-01", "TRANSFER", 106],
      ["Lê Thị Ba", "Xã Hai", "2019-08-01", "RETIREMENT", 14],
    ]);
    // the day before o3 retired, only o2's old post is vacant
    expect((await computeGapList("noSuccessor", province(), d("2019-07-31"))).rows.map((r) => r.officer)).toEqual(["Trần Văn Hai"]);
  });

  it("before, on and after the transfer: Xã Ba is unstaffed, then not; the old post is vacant from the transfer day", async () => {
    const b = fx.id("902");
    const unstaffedInB = async (asOf: string) => (await computeGapList("unstaffed", province(), d(asOf), { withinUnitId: b })).rows.map((r) => r.communeCode);
    expect(await unstaffedInB("2019-04-30")).toEqual(["90003"]);
    expect(await unstaffedInB("2019-05-01")).toEqual([]);
    expect((await computeGapList("noSuccessor", province(), d("2019-04-30"))).rows).toEqual([]);
    expect((await computeGapList("noSuccessor", province(), d("2019-05-01"))).rows.map((r) => [r.officer, r.daysVacant])).toEqual([["Trần Văn Hai", 0]]);
  });

  it("a commune whose type changed out of the programme leaves every list", async () => {
    // Xã Bốn became Phường Bốn on 01/06/2020: no longer under norm, no longer without a chief
    expect(await codes("underNorm")).toContain("90004");
    expect((await computeGapList("underNorm", province(), d("2020-06-15"))).rows.map((r) => r.communeCode)).toEqual(["90001", "90002"]);
    expect((await computeGapList("noChief", province(), d("2020-06-15"))).rows.map((r) => r.communeCode)).toEqual(["90002", "90003"]);
  });

  it("a successor to the same post closes the gap", async () => {
    const o5 = await fx.officer("T5", "Võ Văn Năm");
    const id = await fx.assign(o5, "90002", "2019-08-10");
    try {
      expect((await computeGapList("noSuccessor", province(), asOf)).rows.map((r) => r.officer)).toEqual(["Trần Văn Hai"]);
    } finally {
      await db.client().query(`DELETE FROM assignment WHERE id = $1`, [id]);
    }
  });

  it("filters by name without diacritics, by code, and by child unit", async () => {
    expect(await codes("underNorm", { q: "xa bon" })).toEqual(["90004"]);
    expect(await codes("underNorm", { q: "90002" })).toEqual(["90002"]);
    expect(await codes("underNorm", { q: "huyen a" })).toEqual(["90001", "90002"]);
    expect(await codes("underNorm", { withinUnitId: fx.id("901") })).toEqual(["90001", "90002"]);
    expect(await codes("underNorm", { q: "không có" })).toEqual([]);
    expect((await computeGapList("noSuccessor", province(), asOf, { q: "tran van" })).rows.map((r) => r.officer)).toEqual(["Trần Văn Hai"]);
  });

  it("sorts by any sortable column, and ignores a key that is not one", async () => {
    expect(await codes("underNorm", { sort: { key: "commune", dir: "asc" } })).toEqual(["90004", "90002", "90001"]); // Bốn, Hai, Một
    expect(await codes("underNorm", { sort: { key: "communeCode", dir: "desc" } })).toEqual(["90004", "90002", "90001"]);
    expect(resolveSort("underNorm", "nonsense")).toEqual({ key: "short", dir: "desc" });
    expect(resolveSort("underNorm", "endDate")).toEqual({ key: "short", dir: "desc" });
    expect(resolveSort("noSuccessor", "reason")).toEqual({ key: "daysVacant", dir: "desc" });
  });

  it("a page names its communes, districts and provinces alike whether it was searched, sorted by a name or neither", async () => {
    const named = async (kind: Parameters<typeof computeGapList>[0], opts = {}) =>
      (await computeGapList(kind, province(), asOf, opts)).rows.map((r) => [r.communeCode ?? r.officer, r.commune, r.district, r.province ?? null]);
    expect(await named("underNorm")).toEqual([
      ["90004", "Xã Bốn", "Huyện B", "Tỉnh Thử"],
      ["90001", "Xã Một", "Huyện A", "Tỉnh Thử"],
      ["90002", "Xã Hai", "Huyện A", "Tỉnh Thử"],
    ]);
    expect(await named("underNorm", { sort: { key: "district", dir: "desc" } })).toEqual([
      ["90004", "Xã Bốn", "Huyện B", "Tỉnh Thử"],
      ["90001", "Xã Một", "Huyện A", "Tỉnh Thử"],
      ["90002", "Xã Hai", "Huyện A", "Tỉnh Thử"],
    ]);
    expect(await named("underNorm", { q: "hai" })).toEqual([["90002", "Xã Hai", "Huyện A", "Tỉnh Thử"]]);
    expect(await named("noSuccessor", { sort: { key: "commune", dir: "asc" } })).toEqual([
      ["Lê Thị Ba", "Xã Hai", "Huyện A", null],
      ["Trần Văn Hai", "Xã Một", "Huyện A", null],
    ]);
    expect(await named("noSuccessor")).toEqual([
      ["Trần Văn Hai", "Xã Một", "Huyện A", null],
      ["Lê Thị Ba", "Xã Hai", "Huyện A", null],
    ]);
  });

  it("pages: the total stays, the rows move on, past the end is empty", async () => {
    const p1 = await computeGapList("underNorm", province(), asOf, { page: 1, pageSize: 2 });
    const p2 = await computeGapList("underNorm", province(), asOf, { page: 2, pageSize: 2 });
    const p9 = await computeGapList("underNorm", province(), asOf, { page: 9, pageSize: 2 });
    expect([p1.total, p1.pageCount, p1.rows.map((r) => r.communeCode)]).toEqual([3, 2, ["90004", "90001"]]);
    expect([p2.total, p2.rows.map((r) => r.communeCode)]).toEqual([3, ["90002"]]);
    expect([p9.total, p9.rows]).toEqual([3, []]);
    expect((await computeGapList("underNorm", province(), asOf, { page: "all" })).rows).toHaveLength(3);
  });

  it("a district user cannot list another district's gaps, nor the province's", async () => {
    const districtA = await viewerOf(db.client(), "DISTRICT", "901");
    const query = GapQuerySchema.parse({ kind: "underNorm" });
    expect((await getGapList(districtA, fx.id("901"), asOf, query, null)).rows.map((r) => r.communeCode)).toEqual(["90001", "90002"]);
    for (const unit of [fx.id("902"), province(), null]) {
      const err = await getGapList(districtA, unit, asOf, query, null).then(() => null, (e: unknown) => e);
      expect(String((err as { digest?: string } | null)?.digest ?? "")).toContain("404");
    }
  });

  it("the query schema turns hostile or unknown input into defaults, never into SQL", () => {
    expect(GapQuerySchema.parse({ kind: "drop table", page: "-3", within: "1; --", dir: "sideways" })).toEqual({ kind: "unstaffed", q: "", page: 1, within: undefined, sort: undefined, dir: undefined });
  });
});
