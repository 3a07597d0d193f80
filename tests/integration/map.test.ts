// The real map (GSO codes) with its history: counts on 01/11/2021 and the change of commune 23473.
import { describe, expect, it } from "vitest";
import type { IsoDate } from "@/lib/dates";
import { countUnitsByLevel, findUnitByCode } from "@/lib/units/queries";
import { withTestDatabase } from "../support/db";

const db = withTestDatabase("tmpl_demo");
const d = (s: string) => s as IsoDate;

async function communesByType(provinceCode: string, asOf: string) {
  const r = await db.client().query<{ type: string; n: number }>(
    `SELECT v.type::text AS type, count(*)::int AS n
     FROM unit_version v
     JOIN unit_version dv ON dv.unit_id = v.parent_id AND (dv.valid_from IS NULL OR dv.valid_from <= $2) AND (dv.valid_to IS NULL OR dv.valid_to > $2)
     JOIN unit p ON p.id = dv.parent_id
     WHERE p.code = $1 AND (v.valid_from IS NULL OR v.valid_from <= $2) AND (v.valid_to IS NULL OR v.valid_to > $2)
     GROUP BY v.type`,
    [provinceCode, asOf],
  );
  return Object.fromEntries(r.rows.map((x) => [x.type, x.n]));
}

describe("administrative map", () => {
  it("has 63 provinces, 705 districts and 10,599 communes on 01/11/2021", async () => {
    expect(await countUnitsByLevel(d("2021-11-01"))).toEqual({ PROVINCE: 63, DISTRICT: 705, COMMUNE: 10_599 });
  });

  it("Nghệ An: 21 district-level units and 411 xã + 17 thị trấn = 428 (+ 32 phường)", async () => {
    const districts = await db.client().query(
      `SELECT count(*)::int AS n FROM unit_version v JOIN unit p ON p.id = v.parent_id
       WHERE p.code = '40' AND (v.valid_from IS NULL OR v.valid_from <= '2021-11-01') AND (v.valid_to IS NULL OR v.valid_to > '2021-11-01')`,
    );
    expect(districts.rows[0].n).toBe(21);
    expect(await communesByType("40", "2021-11-01")).toEqual({ XA: 411, THI_TRAN: 17, PHUONG: 32 });
  });

  it("Hải Dương: 178 xã + 10 thị trấn = 188", async () => {
    const t = await communesByType("30", "2021-11-01");
    expect(t).toMatchObject({ XA: 178, THI_TRAN: 10 });
  });

  it("Kon Tum: 86 xã + 6 thị trấn in April 2019, 85 xã + 7 thị trấn in 2021 (23473 changed type)", async () => {
    expect(await communesByType("62", "2019-04-23")).toMatchObject({ XA: 86, THI_TRAN: 6 });
    expect(await communesByType("62", "2021-11-01")).toMatchObject({ XA: 85, THI_TRAN: 7 });
  });

  it("commune 23473 is Xã Đắk Long until 30/11/2019 and Thị trấn Măng Đen from 01/12/2019", async () => {
    expect(await findUnitByCode("23473", d("2019-11-30"))).toMatchObject({ name: "Xã Đắk Long", type: "XA", existedOnAsOf: true });
    expect(await findUnitByCode("23473", d("2019-12-01"))).toMatchObject({ name: "Thị trấn Măng Đen", type: "THI_TRAN" });
  });

  it("keeps leading zeros and Vietnamese diacritics exactly (UTF-8, NFC)", async () => {
    const u = await findUnitByCode("00001", d("2021-11-01"));
    expect(u).toMatchObject({ code: "00001", name: "Phường Phúc Xá" });
    expect(u!.name).toBe(u!.name.normalize("NFC"));
    expect(await findUnitByCode("99999", d("2021-11-01"))).toBeNull();
    expect(await findUnitByCode("1; DROP TABLE unit", d("2021-11-01"))).toBeNull();
  });
});
