// The demo seed is idempotent and never writes over real data; by default it goes through the 2025 reform.
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { todayInVietnam } from "@/lib/dates";
import { DEMO_MERGERS, seedDemo } from "@/lib/db/seed/demo";
import { REFORM_2025 } from "@/lib/units/reform-files";
import { withTestDatabase } from "../support/db";

// tmpl_demo is the demo on the eve of the reform (tests/support/global-setup.ts); `reformed` gets what npm start seeds
const demo = withTestDatabase("tmpl_demo");
const empty = withTestDatabase("tmpl_empty");
const fresh = withTestDatabase("tmpl_empty");
const reformed = withTestDatabase("tmpl_empty");
const EVE = { throughReform: false };

async function counts(client: pg.Client) {
  const r = await client.query(`SELECT (SELECT count(*) FROM officer)::int AS officers, (SELECT count(*) FROM assignment)::int AS assignments,
    (SELECT count(*) FROM party_cell)::int AS cells, (SELECT count(*) FROM app_user)::int AS users, (SELECT count(*) FROM unit)::int AS units`);
  return r.rows[0];
}

describe("demo seed", () => {
  it("running it again changes nothing", async () => {
    const before = await counts(demo.client());
    const result = await seedDemo(demo.client(), EVE);
    expect(result.seeded).toBe(false);
    expect(await counts(demo.client())).toEqual(before);
  });

  it("refuses a database that holds officers it did not put there, and writes nothing", async () => {
    await empty.client().query(`INSERT INTO officer (officer_number, full_name, rank, gender) VALUES ('REAL-1', 'Nguyễn Văn Thật', 'DAI_UY', 'MALE')`);
    await expect(seedDemo(empty.client())).rejects.toThrow(/không phải dữ liệu mẫu/);
    expect(await counts(empty.client())).toEqual({ officers: 1, assignments: 0, cells: 0, users: 0, units: 0 });
  });

  it("is deterministic: a fresh seed builds exactly the same officers, assignments and cells", async () => {
    await seedDemo(fresh.client(), EVE);
    const fingerprint = async (c: pg.Client) =>
      (
        await c.query(`SELECT
          (SELECT md5(string_agg(concat_ws('|', officer_number, full_name, rank, gender, birth_date, ethnicity), ',' ORDER BY officer_number)) FROM officer) AS officers,
          (SELECT md5(string_agg(concat_ws('|', o.officer_number, u.code, a.post, a.start_date, a.end_date, a.end_reason), ',' ORDER BY o.officer_number, a.start_date))
             FROM assignment a JOIN officer o ON o.id = a.officer_id JOIN unit u ON u.id = a.commune_id) AS assignments,
          (SELECT md5(string_agg(concat_ws('|', name, established_on), ',' ORDER BY name, established_on)) FROM party_cell) AS cells`)
      ).rows[0];
    expect(await fingerprint(fresh.client())).toEqual(await fingerprint(demo.client()));
  });
});

describe("the default demo (npm start)", () => {
  const today = todayInVietnam();
  // officers serving on a date, the country over
  const serving = async (c: pg.Client, date: string) =>
    (await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM assignment WHERE start_date <= $1 AND (end_date IS NULL OR end_date > $1)`, [date])).rows[0]!.n;
  const unitsOn = async (c: pg.Client, date: string) =>
    (
      await c.query<{ level: string; n: number }>(
        `SELECT u.level::text AS level, count(*)::int AS n FROM unit u JOIN unit_version v ON v.unit_id = u.id
         WHERE (v.valid_from IS NULL OR v.valid_from <= $1) AND (v.valid_to IS NULL OR v.valid_to > $1) GROUP BY 1 ORDER BY 1`,
        [date],
      )
    ).rows;

  beforeAll(async () => {
    const result = await seedDemo(reformed.client());
    expect(result.seeded).toBe(true);
  }, 240_000);

  it("records the 1 July 2025 reform after the demo's history, so today is the two-level map: 34 provinces, no district, 3,321 communes", async () => {
    const reforms = await reformed.client().query<{ name: string }>(`SELECT name FROM unit_reform ORDER BY effective_on`);
    expect(reforms.rows.map((r) => r.name)).toEqual([DEMO_MERGERS, REFORM_2025.name]);
    expect(await unitsOn(reformed.client(), today)).toEqual([
      { level: "COMMUNE", n: 3_321 },
      { level: "PROVINCE", n: 34 },
    ]);
    expect(await unitsOn(reformed.client(), "2025-06-30")).toEqual(await unitsOn(demo.client(), "2025-06-30"));
  });

  it("keeps every officer: the same people serve on every date as in the demo on the eve, before the reform and today", async () => {
    for (const date of ["2019-04-23", "2021-04-23", "2025-06-30", "2025-07-01", today]) {
      expect(await serving(reformed.client(), date), date).toBe(await serving(demo.client(), date));
    }
    // nobody serves in a unit that has ended
    const stranded = await reformed.client().query<{ n: number }>(
      `SELECT count(*)::int AS n FROM assignment a JOIN unit u ON u.id = a.commune_id WHERE u.valid_to IS NOT NULL AND (a.end_date IS NULL OR a.end_date > u.valid_to)`,
    );
    expect(stranded.rows[0]!.n).toBe(0);
  });

  it("leaves the accounts of units that ended for an admin to re-scope, and running it again changes nothing", async () => {
    const ended = await reformed.client().query<{ username: string }>(
      `SELECT a.username FROM app_user a JOIN unit u ON u.id = a.unit_id WHERE u.valid_to IS NOT NULL AND NOT a.disabled ORDER BY 1`,
    );
    expect(ended.rows.map((r) => r.username)).toEqual(["huyen.kyson", "huyen.quynhluu", "tinh.kontum"]);
    const before = await counts(reformed.client());
    expect((await seedDemo(reformed.client())).seeded).toBe(false);
    expect(await counts(reformed.client())).toEqual(before);
  });
});
