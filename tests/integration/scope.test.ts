// A user sees only their own unit and what lies under it — through the data functions the pages use.
// Anything else is a 404 (Next's notFound), never a 403 and never data.
import { beforeAll, describe, expect, it } from "vitest";
import { isUnitInScope } from "@/lib/auth/scope";
import type { Viewer } from "@/lib/auth/session";
import { getCoverage } from "@/lib/coverage/queries";
import type { IsoDate } from "@/lib/dates";
import { getServingOfficers } from "@/lib/staffing/queries";
import { withTestDatabase } from "../support/db";
import { ministry, unitId, viewerOf } from "../support/viewers";

const db = withTestDatabase("tmpl_demo");
const asOf = "2021-04-23" as IsoDate;
let kySon: Viewer, quynhLuu: Viewer, ngheAn: Viewer, kontum: Viewer;
let kySonCommune: number, quynhLuuCommune: number;

const isNotFound = (err: unknown) => String((err as { digest?: string }).digest ?? "").includes("404");
async function expectNotFound(p: Promise<unknown>) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, "expected a 404").not.toBeNull();
  expect(isNotFound(err)).toBe(true);
}

beforeAll(async () => {
  const c = db.client();
  kySon = await viewerOf(c, "DISTRICT", "417");
  quynhLuu = await viewerOf(c, "DISTRICT", "421");
  ngheAn = await viewerOf(c, "PROVINCE", "40");
  kontum = await viewerOf(c, "PROVINCE", "62");
  const commune = async (district: string) =>
    (await c.query<{ id: number }>(`SELECT v.unit_id AS id FROM unit_version v JOIN unit d ON d.id = v.parent_id WHERE d.code = $1 AND v.type = 'XA' ORDER BY v.unit_id LIMIT 1`, [district])).rows[0]!.id;
  kySonCommune = await commune("417");
  quynhLuuCommune = await commune("421");
});

describe("unit scope in data functions", () => {
  it("a district user reads their own district and its communes", async () => {
    const own = await getCoverage(kySon, kySon.unitId, asOf);
    expect(own.total.inProgramme).toBeGreaterThan(0);
    expect((await getServingOfficers(kySon, kySonCommune, asOf)).length).toBeGreaterThan(0);
  });

  it("a district user gets 404 for another district, its communes, the province above and the country", async () => {
    await expectNotFound(getCoverage(kySon, quynhLuu.unitId, asOf));
    await expectNotFound(getServingOfficers(kySon, quynhLuuCommune, asOf));
    await expectNotFound(getCoverage(kySon, ngheAn.unitId, asOf));
    await expectNotFound(getCoverage(kySon, null, asOf));
  });

  it("a province user reads every district of the province but no other province", async () => {
    expect((await getCoverage(ngheAn, kySon.unitId, asOf)).total.inProgramme).toBeGreaterThan(0);
    expect((await getServingOfficers(ngheAn, quynhLuuCommune, asOf)).length).toBeGreaterThan(0);
    await expectNotFound(getCoverage(ngheAn, kontum.unitId, asOf));
    await expectNotFound(getCoverage(kontum, await unitId(db.client(), "417"), asOf));
    await expectNotFound(getCoverage(ngheAn, null, asOf));
  });

  it("the ministry reads the whole country and any unit", async () => {
    expect((await getCoverage(ministry, null, asOf)).children).toHaveLength(63);
    expect(await isUnitInScope(ministry, quynhLuuCommune, asOf)).toBe(true);
  });

  it("scope follows the map on the date: a district user does not reach a unit by guessing its id", async () => {
    expect(await isUnitInScope(kySon, kySonCommune, asOf)).toBe(true);
    expect(await isUnitInScope(kySon, quynhLuuCommune, asOf)).toBe(false);
    expect(await isUnitInScope(kySon, 2_000_000_000, asOf)).toBe(false);
  });
});
