// The Party-cell import: same rules as the roster (dry run, all or nothing, idempotent, scoped), and the
// cell figures follow what it writes.
import { beforeAll, describe, expect, it } from "vitest";
import { computeCoverage } from "@/lib/coverage/queries";
import { readCsv } from "@/lib/import/read";
import { importFile, type ImportActor } from "@/lib/import/run";
import { CELL_COLUMNS } from "@/lib/import/cells";
import { rosterTemplateCsv, rosterTemplateXlsx } from "@/lib/import/template";
import { readSpreadsheet } from "@/lib/import/read";
import { withTestDatabase } from "../support/db";
import { unitId } from "../support/viewers";

const db = withTestDatabase("tmpl_demo");
let kySon: ImportActor;
let communeCode: string, communeId: number, officerNumber: string, foreignOfficer: string;

const sheet = (rows: string[][]) =>
  readCsv(new TextEncoder().encode([CELL_COLUMNS.map((c) => c.header), ...rows].map((r) => r.join(",")).join("\n")));

beforeAll(async () => {
  const c = db.client();
  kySon = { id: null, role: "DISTRICT", unitId: await unitId(c, "417") };
  const r = (await c.query(`
    SELECT u.code, u.id, o.officer_number FROM unit u JOIN unit_version v ON v.unit_id = u.id AND v.valid_to IS NULL JOIN unit d ON d.id = v.parent_id
    JOIN assignment a ON a.commune_id = u.id AND a.post = 'DEPUTY_CHIEF' AND a.end_date IS NULL JOIN officer o ON o.id = a.officer_id
    WHERE d.code = '417' ORDER BY u.code LIMIT 1`)).rows[0];
  [communeCode, communeId, officerNumber] = [r.code, r.id, r.officer_number];
  foreignOfficer = (await c.query(`SELECT o.officer_number FROM officer o JOIN assignment a ON a.officer_id = o.id AND a.end_date IS NULL JOIN unit u ON u.id = a.commune_id WHERE u.code LIKE '0%' LIMIT 1`)).rows[0].officer_number;
});

describe("Party-cell import", () => {
  it("creates a cell with its secretaries by period; the same file again changes nothing; figures follow", async () => {
    // the demo's cell was established in 2019; this is a second cell after it is dissolved
    await db.client().query(`UPDATE party_cell SET dissolved_on = '2026-01-01' WHERE id IN (SELECT cell_id FROM party_cell_commune WHERE commune_id = $1)`, [communeId]);
    await db.client().query(`UPDATE cell_secretary SET end_date = '2026-01-01' WHERE end_date IS NULL AND cell_id IN (SELECT cell_id FROM party_cell_commune WHERE commune_id = $1)`, [communeId]);
    const s = sheet([
      [communeCode, "01/02/2026", "", "", "Hà Văn Dân", "01/02/2026", "01/05/2026"],
      [communeCode, "01/02/2026", "", officerNumber, "", "01/05/2026", ""],
    ]);
    const dry = await importFile(db.client(), kySon, s, { commit: false });
    expect(dry).toMatchObject({ kind: "cells", committed: false, errors: [], cells: { created: 1 }, secretaries: { created: 2 } });
    const done = await importFile(db.client(), kySon, s, { commit: true });
    expect(done).toMatchObject({ committed: true, cells: { created: 1 }, secretaries: { created: 2 } });
    expect((await computeCoverage(communeId, "2026-03-01" as never)).total).toMatchObject({ partyCells: 1, secretariesPolice: 0 });
    expect((await computeCoverage(communeId, "2026-06-01" as never)).total).toMatchObject({ partyCells: 1, secretariesPolice: 1 });
    const again = await importFile(db.client(), kySon, s, { commit: true });
    expect(again).toMatchObject({ committed: true, cells: { created: 0, unchanged: 1 }, secretaries: { created: 0, updated: 0, unchanged: 2 } });
  });

  it("reports every bad row and writes nothing", async () => {
    const before = (await db.client().query(`SELECT (SELECT count(*) FROM party_cell)::int + (SELECT count(*) FROM cell_secretary)::int AS n`)).rows[0].n;
    const r = await importFile(db.client(), kySon, sheet([
      [communeCode, "01/03/2026", "", officerNumber, "Hai người", "01/03/2026", ""],
      [communeCode, "31/02/2026", "", officerNumber, "", "", ""],
      ["00001", "01/03/2026", "", officerNumber, "", "", ""],
      [communeCode, "01/03/2026", "", foreignOfficer, "", "", ""],
      [communeCode, "01/03/2026", "", "KHONG-CO", "", "", ""],
      [communeCode, "01/03/2026", "01/01/2026", officerNumber, "", "", ""],
      [communeCode, "45000", "", officerNumber, "", "", ""],
    ]), { commit: true });
    expect(r.committed).toBe(false);
    const byRow = Object.fromEntries(r.errors.map((e) => [e.row, e.message]));
    expect(byRow[2]).toMatch(/đúng một trong hai/);
    expect(byRow[3]).toMatch(/không hợp lệ/);
    expect(byRow[4]).toMatch(/không thuộc phạm vi/);
    expect(byRow[5]).toMatch(/thuộc đơn vị khác/);
    expect(byRow[6]).toMatch(/Không có cán bộ số hiệu KHONG-CO/);
    expect(byRow[7]).toMatch(/giải thể phải sau/);
    expect(byRow[8]).toMatch(/số sê-ri/);
    expect((await db.client().query(`SELECT (SELECT count(*) FROM party_cell)::int + (SELECT count(*) FROM cell_secretary)::int AS n`)).rows[0].n).toBe(before);
  });

  it("the cell templates parse and are recognised as Party-cell files", async () => {
    const x = await readSpreadsheet(new Uint8Array(await rosterTemplateXlsx("cells")), "mau-chi-bo.xlsx");
    expect(x.header).toEqual(CELL_COLUMNS.map((c) => c.header));
    expect(readCsv(new TextEncoder().encode(rosterTemplateCsv("cells"))).header[0]).toBe("Mã xã");
  });
});
