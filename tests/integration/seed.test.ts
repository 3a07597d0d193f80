// The demo seed is idempotent and never writes over real data.
import pg from "pg";
import { describe, expect, it } from "vitest";
import { seedDemo } from "@/lib/db/seed/demo";
import { withTestDatabase } from "../support/db";

const demo = withTestDatabase("tmpl_demo");
const empty = withTestDatabase("tmpl_empty");
const fresh = withTestDatabase("tmpl_empty");

async function counts(client: pg.Client) {
  const r = await client.query(`SELECT (SELECT count(*) FROM officer)::int AS officers, (SELECT count(*) FROM assignment)::int AS assignments,
    (SELECT count(*) FROM party_cell)::int AS cells, (SELECT count(*) FROM app_user)::int AS users, (SELECT count(*) FROM unit)::int AS units`);
  return r.rows[0];
}

describe("demo seed", () => {
  it("running it again changes nothing", async () => {
    const before = await counts(demo.client());
    const result = await seedDemo(demo.client());
    expect(result.seeded).toBe(false);
    expect(await counts(demo.client())).toEqual(before);
  });

  it("refuses a database that holds officers it did not put there, and writes nothing", async () => {
    await empty.client().query(`INSERT INTO officer (officer_number, full_name, rank, gender) VALUES ('REAL-1', 'Nguyễn Văn Thật', 'DAI_UY', 'MALE')`);
    await expect(seedDemo(empty.client())).rejects.toThrow(/không phải dữ liệu mẫu/);
    expect(await counts(empty.client())).toEqual({ officers: 1, assignments: 0, cells: 0, users: 0, units: 0 });
  });

  it("is deterministic: a fresh seed builds exactly the same officers, assignments and cells", async () => {
    await seedDemo(fresh.client());
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
