// The demo data reproduces every published figure of DOMAIN.md §"Figures", read through getCoverage —
// the same function the pages, reports and API use.
import { describe, expect, it } from "vitest";
import { getCoverage } from "@/lib/coverage/queries";
import type { Month } from "@/lib/results/indicators";
import { firstProgrammeMonth, getResults, getTargets } from "@/lib/results/queries";
import type { IsoDate } from "@/lib/dates";
import { withTestDatabase } from "../support/db";
import { ministry, unitId } from "../support/viewers";

const db = withTestDatabase("tmpl_demo");
const d = (s: string) => s as IsoDate;

describe("published figures, from the demo data", () => {
  it("Hải Dương's results since deployment: 1.800+ security reports, ~200 crime reports, cases and suspects, 108 + 250 commendations", async () => {
    const id = await unitId(db.client(), "30");
    const asOf = d("2021-05-14");
    expect(await firstProgrammeMonth(id, asOf)).toBe("2019-07");
    const r = await getResults(ministry, id, "2019-07" as Month, "2021-04" as Month, asOf);
    expect(r.total.values).toMatchObject({ securityReports: 1826, crimeReports: 204, casesCleared: 200, suspects: 203, collectiveAwards: 108, individualAwards: 250 });
    // every return of the period arrived on time and was approved: 188 communes × 22 months
    expect(r.total).toMatchObject({ expected: 188 * 22, received: 188 * 22, onTime: 188 * 22, approved: 188 * 22 });
  });

  it("Hải Dương's chip-ID target: 991.830 applications by 14/05/2021 against 988.200 due 30/06/2021 — met 47 days early", async () => {
    const id = await unitId(db.client(), "30");
    const [target] = await getTargets(ministry, id, d("2021-06-30"));
    expect(target).toMatchObject({ target: 988_200, value: 991_830, dueDate: "2021-06-30", metOn: "2021-05-14", daysEarly: 47, status: "metEarly" });
    const [before] = await getTargets(ministry, id, d("2021-05-13"));
    expect(before).toMatchObject({ status: "inProgress", metOn: null });
    expect(before!.value).toBeLessThan(988_200);
  });

  it("Kon Tum pilot, 23/4/2019: 86/86 xã, 349 officers, 61 cells, 60/61 police secretaries, 41 + 22 committee members", async () => {
    const kontum = await getCoverage(ministry, await unitId(db.client(), "62"), d("2019-04-23"));
    expect(kontum.total).toMatchObject({
      inProgramme: 86,
      staffed: 86,
      coveragePercent: 100,
      officers: 349,
      partyCells: 61,
      secretariesPolice: 60,
      executiveMembers: 41,
      standingMembers: 22,
    });
  });

  it("Kon Tum's thị trấn join the programme later, under the national rollout", async () => {
    const kontum = await getCoverage(ministry, await unitId(db.client(), "62"), d("2021-04-23"));
    // 85 xã + 7 thị trấn in the 2021 map (23473 became a thị trấn on 01/12/2019)
    expect(kontum.total.inProgramme).toBe(92);
    expect(kontum.total.staffed).toBe(92);
  });

  it("Hải Dương, October 2020: 188/188 xã + thị trấn, 5 officers in each, after 3 phases", async () => {
    const id = await unitId(db.client(), "30");
    const hd = await getCoverage(ministry, id, d("2020-10-31"));
    expect(hd.total).toMatchObject({ inProgramme: 188, staffed: 188, fullyStaffed: 188, officers: 940, officersPerCommune: 5 });
    const phases = await db.client().query(
      `SELECT count(*)::int AS n FROM rollout_phase WHERE province_id = $1`,
      [id],
    );
    expect(phases.rows[0].n).toBe(3);
    // before the third phase, coverage was partial
    const earlier = await getCoverage(ministry, id, d("2020-01-15"));
    expect(earlier.total.staffed).toBeGreaterThan(0);
    expect(earlier.total.staffed).toBeLessThan(188);
  });

  it("nationwide, 23/4/2021: 63 provinces, every xã and thị trấn staffed, 44,000+ officers, 5,2 per commune", async () => {
    const nation = await getCoverage(ministry, null, d("2021-04-23"));
    expect(nation.children).toHaveLength(63);
    expect(nation.total.inProgramme).toBe(8876);
    expect(nation.total.staffed).toBe(8876);
    expect(nation.total.coveragePercent).toBe(100);
    expect(nation.total.officers).toBeGreaterThanOrEqual(44_000);
    expect(nation.total.officersPerCommune).toBe(5.2);
    for (const p of nation.children) expect(p.figures.staffed, p.name).toBe(p.figures.inProgramme);
  });

  it("earlier dates show partial coverage across provinces", async () => {
    const nation = await getCoverage(ministry, null, d("2020-01-01"));
    expect(nation.total.staffed).toBeGreaterThan(0);
    expect(nation.total.staffed).toBeLessThan(nation.total.inProgramme);
    const provincesStarted = nation.children.filter((p) => p.figures.staffed > 0).length;
    expect(provincesStarted).toBeGreaterThan(5);
    expect(provincesStarted).toBeLessThan(63);
  });

  it("Nghệ An, 2021: 428 xã + thị trấn in 21 district-level units", async () => {
    const na = await getCoverage(ministry, await unitId(db.client(), "40"), d("2021-11-01"));
    expect(na.children).toHaveLength(21);
    expect(na.total.inProgramme).toBe(428);
  });
});
