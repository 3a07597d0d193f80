// The figures cache (lib/cache/figures.ts) serves what the database holds: a committed write anywhere —
// through the app, an import or plain SQL on another connection (another app node) — retires every cached
// figure at once; a rolled-back write does not; one transaction moves the data version once.
import { describe, expect, it } from "vitest";
import { computeCoverage } from "@/lib/coverage/queries";
import { computeSeries } from "@/lib/coverage/series";
import { dataVersion } from "@/lib/cache/figures";
import type { IsoDate } from "@/lib/dates";
import { withTestDatabase } from "../support/db";
import { unitId } from "../support/viewers";

const db = withTestDatabase("tmpl_demo");
const asOf = "2021-04-23" as IsoDate;

/** Ends, on 01/04/2021, the post of one officer serving in a commune of the province. */
async function endOneAssignment(provinceCode: string) {
  const r = await db.client().query<{ id: number }>(
    `UPDATE assignment SET end_date = $1, end_reason = 'OTHER'
     WHERE id = (SELECT a.id FROM assignment a
                 JOIN unit_version cv ON cv.unit_id = a.commune_id AND cv.valid_to IS NULL
                 JOIN unit_version dv ON dv.unit_id = cv.parent_id AND dv.valid_to IS NULL
                 JOIN unit p ON p.id = dv.parent_id AND p.code = $2
                 WHERE a.start_date < $1 AND (a.end_date IS NULL OR a.end_date > $1) AND a.post = 'OFFICER' ORDER BY a.id LIMIT 1)
     RETURNING id`,
    ["2021-04-01", provinceCode],
  );
  return r.rows[0]!.id;
}

describe("figures cache", () => {
  it("serves a committed write made on another connection at once, in every cached figure", async () => {
    const kontum = await unitId(db.client(), "62");
    const before = await computeCoverage(kontum, asOf);
    const seriesBefore = await computeSeries(kontum, asOf);
    expect(await computeCoverage(kontum, asOf)).toEqual(before); // served from the cache, same answer

    await endOneAssignment("62");
    const after = await computeCoverage(kontum, asOf);
    expect(after.total.officers).toBe(before.total.officers - 1);
    const seriesAfter = await computeSeries(kontum, asOf);
    expect(seriesAfter.points.at(-1)!.officers).toBe(seriesBefore.points.at(-1)!.officers - 1);
  });

  it("does not move on a rolled-back write, and moves once for a transaction of many rows", async () => {
    const c = db.client();
    const v0 = await dataVersion();
    await c.query("BEGIN");
    await c.query(`UPDATE officer SET rank = rank WHERE id IN (SELECT id FROM officer ORDER BY id LIMIT 50)`);
    await c.query("ROLLBACK");
    expect(await dataVersion()).toBe(v0);

    await c.query("BEGIN");
    await c.query(`UPDATE officer SET rank = rank WHERE id IN (SELECT id FROM officer ORDER BY id LIMIT 50)`);
    await c.query(`UPDATE commune_setting SET staffing_norm = staffing_norm`);
    expect(await dataVersion()).toBe(v0); // not before the commit
    await c.query("COMMIT");
    expect(BigInt(await dataVersion())).toBe(BigInt(v0) + 1n);
  });

  it("keeps callers apart: changing a served answer does not change the next one", async () => {
    const a = await computeCoverage(null, asOf);
    a.total.staffed = -1;
    a.children.length = 0;
    const b = await computeCoverage(null, asOf);
    expect(b.total.staffed).toBeGreaterThan(0);
    expect(b.children.length).toBe(63);
  });
});
