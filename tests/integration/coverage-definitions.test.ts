// The figure definitions of DOMAIN.md on a hand-built fixture whose answers are computed by hand.
//
// Tỉnh Thử (91): Huyện A (901), Huyện B (902)
//   90001 Xã Một       (A)                     o1 2019-02-01 → transfer 2019-05-01 to 90002
//   90002 Xã Hai       (A, norm 1)             o1 from 2019-05-01
//   90003 Phường Ba    (A) — not xã/thị trấn   o2 from 2019-02-01; listed by plan P2 issued 2021-01-01
//   90004 Xã Bốn       (B until 2020-01-01, then A)  o3 from 2019-03-01
//   90005 Xã Năm → Thị trấn Năm on 2020-06-01 (plan P1 covers xã only)
// Plan P1 (issued 2019-01-01) covers type XA in Tỉnh Thử.
import { beforeAll, describe, expect, it } from "vitest";
import { computeCoverage } from "@/lib/coverage/queries";
import type { IsoDate } from "@/lib/dates";
import { withTestDatabase } from "../support/db";
import { Fixture } from "../support/fixtures";

const db = withTestDatabase("tmpl_empty");
const d = (s: string) => s as IsoDate;
let fx: Fixture;
let o1: number, o2: number, o3: number;

beforeAll(async () => {
  fx = new Fixture(db.client());
  await fx.unit("91", "PROVINCE", [{ name: "Tỉnh Thử", type: "TINH" }]);
  await fx.unit("901", "DISTRICT", [{ name: "Huyện A", type: "HUYEN", parent: "91" }]);
  await fx.unit("902", "DISTRICT", [{ name: "Huyện B", type: "HUYEN", parent: "91" }]);
  await fx.unit("90001", "COMMUNE", [{ name: "Xã Một", type: "XA", parent: "901" }]);
  await fx.unit("90002", "COMMUNE", [{ name: "Xã Hai", type: "XA", parent: "901" }]);
  await fx.unit("90003", "COMMUNE", [{ name: "Phường Ba", type: "PHUONG", parent: "901" }]);
  await fx.unit("90004", "COMMUNE", [
    { name: "Xã Bốn", type: "XA", parent: "902", to: "2020-01-01" },
    { name: "Xã Bốn", type: "XA", parent: "901", from: "2020-01-01" },
  ]);
  await fx.unit("90005", "COMMUNE", [
    { name: "Xã Năm", type: "XA", parent: "901", to: "2020-06-01" },
    { name: "Thị trấn Năm", type: "THI_TRAN", parent: "901", from: "2020-06-01" },
  ]);
  await fx.plan("P1", "2019-01-01", { types: ["XA"], scope: "91" });
  await fx.plan("P2", "2021-01-01", { communes: ["90003"] });
  await fx.norm("90002", 1);
  o1 = await fx.officer("T1");
  o2 = await fx.officer("T2");
  o3 = await fx.officer("T3");
  const first = await fx.assign(o1, "90001", "2019-02-01", "2019-05-01");
  await fx.assign(o1, "90002", "2019-05-01", null, "OFFICER", first);
  await fx.assign(o2, "90003", "2019-02-01");
  await fx.assign(o3, "90004", "2019-03-01");
  await fx.cell(["90001"], "2019-03-01", [{ officerId: o1, from: "2019-03-01" }]);
  await fx.cell(["90002"], "2019-03-01", [{ person: "Nguyễn Văn Dân", from: "2019-03-01", to: "2019-09-01" }, { officerId: o1, from: "2019-09-01" }]);
  await fx.cell(["90004"], "2019-03-01", [{ officerId: o3, from: "2019-03-01" }], "2019-08-01");
  await fx.member(o1, "90001", "EXECUTIVE", "2019-03-01");
  await fx.member(o1, "90001", "STANDING", "2019-03-01");
  await fx.member(o3, "90004", "EXECUTIVE", "2019-04-01", "2019-07-01");
});

const province = () => fx.id("91");

describe("coverage definitions", () => {
  it("counts nothing before any plan is issued, and gives no officers-per-commune (not 0)", async () => {
    const c = await computeCoverage(province(), d("2018-12-31"));
    expect(c.total).toMatchObject({ inProgramme: 0, staffed: 0, officers: 0, officersPerCommune: null, coveragePercent: null });
  });

  it("the day before a transfer: the officer is in the old commune", async () => {
    const c = await computeCoverage(province(), d("2019-04-30"));
    expect(c.total).toMatchObject({
      inProgramme: 4, // 90001, 90002, 90004, 90005; the phường is outside the programme
      staffed: 2, // 90001 (o1), 90004 (o3)
      fullyStaffed: 0,
      officers: 2, // o2 serves in a phường outside the programme
      officersPerCommune: 1,
      coveragePercent: 50,
      partyCells: 3,
      secretariesPolice: 2, // 90001 (o1) and 90004 (o3); 90002's secretary is not police
      executiveMembers: 2,
      standingMembers: 1,
    });
    // nationwide, on one date, the day's assignments are counted straight from the table: o2's, in the phường
    // outside the programme, still counts nowhere (the country is the fixture's one province)
    expect((await computeCoverage(null, d("2019-04-30"))).total).toEqual(c.total);
  });

  it("on the transfer day (end date = as-of date) the officer counts only in the new commune, once", async () => {
    const c = await computeCoverage(province(), d("2019-05-01"));
    expect(c.total).toMatchObject({ inProgramme: 4, staffed: 2, officers: 2, fullyStaffed: 1 }); // 90002 meets its norm of 1
    const a = c.children.find((x) => x.code === "901")!;
    expect(a.figures).toMatchObject({ inProgramme: 3, staffed: 1, officers: 1 });
  });

  it("a transfer within the scope does not change the scope's officer count", async () => {
    const before = await computeCoverage(fx.id("901"), d("2019-04-30"));
    const after = await computeCoverage(fx.id("901"), d("2019-05-01"));
    expect(before.total.officers).toBe(1);
    expect(after.total.officers).toBe(1);
    const communes = Object.fromEntries(after.children.map((x) => [x.code, x.figures.officers]));
    expect(communes).toMatchObject({ "90001": 0, "90002": 1, "90003": 0, "90005": 0 });
  });

  it("a commune that moved between districts counts in the old district before and the new one after", async () => {
    const before = await computeCoverage(province(), d("2019-12-31"));
    const after = await computeCoverage(province(), d("2020-01-01"));
    const fig = (c: typeof before, code: string) => c.children.find((x) => x.code === code)!.figures;
    expect(fig(before, "902")).toMatchObject({ inProgramme: 1, officers: 1 });
    expect(fig(before, "901").inProgramme).toBe(3);
    expect(fig(after, "902")).toMatchObject({ inProgramme: 0, officers: 0 });
    expect(fig(after, "901")).toMatchObject({ inProgramme: 4, officers: 2 });
  });

  it("a commune whose type changed leaves a plan that covers only its old type", async () => {
    expect((await computeCoverage(fx.id("90005"), d("2020-05-31"))).total.inProgramme).toBe(1);
    expect((await computeCoverage(fx.id("90005"), d("2020-06-01"))).total.inProgramme).toBe(0);
  });

  it("a commune listed by a plan joins the programme on the plan's issue date, whatever its type", async () => {
    expect((await computeCoverage(province(), d("2020-12-31"))).total).toMatchObject({ inProgramme: 3, officers: 2 });
    expect((await computeCoverage(province(), d("2021-01-01"))).total).toMatchObject({ inProgramme: 4, staffed: 3, officers: 3 });
    // nationwide the statement is planned differently (hash joins, the plans' lists hashed): same rule
    expect((await computeCoverage(null, d("2020-12-31"))).total).toMatchObject({ inProgramme: 3, officers: 2 });
    expect((await computeCoverage(null, d("2021-01-01"))).total).toMatchObject({ inProgramme: 4, staffed: 3, officers: 3 });
  });

  it("cells: dissolved ones drop out; a secretary counts as police while serving anywhere; secretaries change over time", async () => {
    const aug = await computeCoverage(province(), d("2019-08-01"));
    expect(aug.total).toMatchObject({ partyCells: 2, secretariesPolice: 1 });
    const sep = await computeCoverage(province(), d("2019-09-01"));
    expect(sep.total).toMatchObject({ partyCells: 2, secretariesPolice: 2 }); // o1 serves in 90002, secretary of both cells
  });

  it("committee memberships count while active, each committee on its own", async () => {
    expect((await computeCoverage(province(), d("2019-06-30"))).total).toMatchObject({ executiveMembers: 2, standingMembers: 1 });
    expect((await computeCoverage(province(), d("2019-07-01"))).total).toMatchObject({ executiveMembers: 1, standingMembers: 1 });
  });

  it("a cell over communes of two districts counts under each district and once in the province's total", async () => {
    // for one day, while 90004 is still in Huyện B: one cell over 90001 (A) and 90004 (B), its secretary o3
    // serving in 90004
    await fx.cell(["90001", "90004"], "2019-10-01", [{ officerId: o3, from: "2019-10-01" }], "2019-10-02");
    for (const root of [province(), null]) {
      const c = await computeCoverage(root, d("2019-10-01"));
      expect(root === null ? c.children[0]!.figures : c.total).toMatchObject({ partyCells: 3, secretariesPolice: 3 });
    }
    const byDistrict = Object.fromEntries((await computeCoverage(province(), d("2019-10-01"))).children.map((x) => [x.code, x.figures]));
    expect(byDistrict["901"]).toMatchObject({ partyCells: 3, secretariesPolice: 3 });
    expect(byDistrict["902"]).toMatchObject({ partyCells: 1, secretariesPolice: 1 });
    // dissolved the next day
    expect((await computeCoverage(province(), d("2019-10-02"))).total).toMatchObject({ partyCells: 2, secretariesPolice: 2 });
  });

  it("nationwide totals equal the sum over provinces, and the children list every province", async () => {
    const nation = await computeCoverage(null, d("2019-04-30"));
    expect(nation.children.map((c) => c.code)).toEqual(["91"]);
    expect(nation.total).toEqual(nation.children[0]!.figures);
  });
});
