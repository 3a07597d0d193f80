// The 1 July 2025 reform on the real files (issue 9): the map of 01/11/2021, brought to its state of
// 01/03/2025 (the last three-level state), then the reform of 01/07/2025 from the official mapping.
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { IsoDate } from "@/lib/dates";
import { applyMapState, loadMap } from "@/lib/db/map";
import { countUnitsByLevel, findUnitByCode } from "@/lib/units/queries";
import { applyReform } from "@/lib/units/reform";
import { parseReformFiles, readReformFiles, REFORM_2025 } from "@/lib/units/reform-files";
import { withTestDatabase } from "../support/db";

const db = withTestDatabase("tmpl_empty");
const DATA = path.join(process.cwd(), "prisma", "data");
const d = (s: string) => s as IsoDate;
let seconds = 0;

beforeAll(async () => {
  await loadMap(db.client());
  const state = await applyMapState(db.client(), readFileSync(path.join(DATA, "vn-admin-units-2025.csv"), "utf8"), "2025-03-01");
  // 2021 → 2025: 568 communes and 11 districts gone, 4 new communes and 2 new districts
  expect(state).toMatchObject({ started: 6 });
  const started = Date.now();
  const r = await applyReform(db.client(), parseReformFiles(readReformFiles(DATA), REFORM_2025.name, REFORM_2025.effectiveOn));
  seconds = (Date.now() - started) / 1000;
  expect(r.status).toBe("applied");
  console.log(`[reform] real files: ${JSON.stringify(r.summary)} in ${seconds.toFixed(1)} s`);
}, 180_000);

describe("the 2025 reform on the real files", () => {
  it("before: 63 provinces, 705 districts and 10,599 communes on 01/11/2021; 63, 696 and 10,035 on 30/06/2025", async () => {
    expect(await countUnitsByLevel(d("2021-11-01"))).toEqual({ PROVINCE: 63, DISTRICT: 705, COMMUNE: 10_599 });
    expect(await countUnitsByLevel(d("2025-06-30"))).toEqual({ PROVINCE: 63, DISTRICT: 696, COMMUNE: 10_035 });
  });

  it("after: 34 provinces and 3,321 communes, no district, on 01/07/2025", async () => {
    const after = await countUnitsByLevel(d("2025-07-01"));
    expect(after).toMatchObject({ PROVINCE: 34, COMMUNE: 3_321 });
    expect(after.DISTRICT ?? 0).toBe(0);
  });

  it("Nghệ An continues as the same unit; Tuyên Quang (with Hà Giang) is a new one that knows both", async () => {
    expect((await findUnitByCode("40", d("2025-06-30")))!.id).toBe((await findUnitByCode("40", d("2025-07-01")))!.id);
    const tq = (await findUnitByCode("08", d("2025-07-01")))!;
    expect(tq.id).not.toBe((await findUnitByCode("08", d("2025-06-30")))!.id);
    const preds = await db.client().query<{ code: string }>(`SELECT p.code FROM unit_succession s JOIN unit p ON p.id = s.predecessor_id WHERE s.successor_id = $1 ORDER BY 1`, [tq.id]);
    expect(preds.rows.map((r) => r.code)).toEqual(["02", "08"]);
  });

  it("the five island districts became đặc khu; the 441 split communes each have one proposed successor", async () => {
    const islands = await db.client().query<{ n: number }>(
      `SELECT count(*)::int AS n FROM unit_succession s JOIN unit p ON p.id = s.predecessor_id JOIN unit_version v ON v.unit_id = s.successor_id AND v.valid_from = '2025-07-01' WHERE p.level = 'DISTRICT' AND v.type = 'DAC_KHU'`,
    );
    expect(islands.rows[0]!.n).toBe(5);
    const splits = await db.client().query<{ n: number; proposed: number }>(
      `SELECT count(*)::int AS n, sum(p)::int AS proposed FROM (SELECT predecessor_id, count(*) FILTER (WHERE proposed) AS p FROM unit_succession WHERE NOT whole GROUP BY predecessor_id) x`,
    );
    expect(splits.rows[0]).toEqual({ n: 441, proposed: 441 });
  });

  it("running it again changes nothing", async () => {
    const count = async () => (await db.client().query<{ n: number }>(`SELECT (SELECT count(*) FROM unit) + (SELECT count(*) FROM unit_version) + (SELECT count(*) FROM unit_succession) AS n`)).rows[0]!.n;
    const before = await count();
    const again = await applyReform(db.client(), parseReformFiles(readReformFiles(DATA), REFORM_2025.name, REFORM_2025.effectiveOn));
    expect(again.status).toBe("already-applied");
    expect(await count()).toBe(before);
    expect(await applyMapState(db.client(), readFileSync(path.join(DATA, "vn-admin-units-2025.csv"), "utf8"), "2025-03-01")).toMatchObject({ ended: 0, changed: 0, started: 0 });
  });
});
