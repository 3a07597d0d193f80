// The roster import with real files (CSV and XLSX written to disk and read back), against the demo data:
// dry run first, all or nothing, idempotent, scoped, and every hostile input refused with a clear error.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { listAudit } from "@/lib/audit/queries";
import { computeCoverage } from "@/lib/coverage/queries";
import { todayInVietnam } from "@/lib/dates";
import { ImportFileError, readSpreadsheet } from "@/lib/import/read";
import { importRoster, type ImportActor } from "@/lib/import/run";
import { ROSTER_COLUMNS } from "@/lib/import/roster";
import { rosterTemplateCsv, rosterTemplateXlsx } from "@/lib/import/template";
import { withTestDatabase } from "../support/db";
import { unitId } from "../support/viewers";

const db = withTestDatabase("tmpl_demo");
const dir = mkdtempSync(path.join(os.tmpdir(), "roster-"));
let kySon: ImportActor, ngheAn: ImportActor;
let kySonCommune: string, otherKySonCommune: string, quynhLuuCommune: string;

const HEADER = ROSTER_COLUMNS.map((c) => c.header);
type Row = Partial<Record<(typeof ROSTER_COLUMNS)[number]["key"], string>>;
const line = (r: Row) => ROSTER_COLUMNS.map((c) => r[c.key] ?? "");

function csvFile(name: string, rows: Row[], opts: { bom?: boolean; sep?: string } = {}): string {
  const sep = opts.sep ?? ",";
  const enc = (v: string) => (/[",;\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const text = [HEADER, ...rows.map(line)].map((r) => r.map(enc).join(sep)).join("\r\n");
  const file = path.join(dir, name);
  writeFileSync(file, (opts.bom ? "\uFEFF" : "") + text);
  return file;
}

async function run(actor: ImportActor, file: string, commit: boolean) {
  const sheet = await readSpreadsheet(new Uint8Array(readFileSync(file)), path.basename(file));
  return importRoster(db.client(), actor, sheet, { commit });
}

async function counts() {
  const r = await db.client().query(`SELECT (SELECT count(*) FROM officer)::int AS o, (SELECT count(*) FROM assignment)::int AS a, (SELECT count(*) FROM audit_log)::int AS l`);
  return r.rows[0];
}

const good = (n: number, commune: () => string, extra: Row = {}): Row => ({
  officerNumber: `IMP-${n}`, fullName: `Nguyễn Văn Nhập ${String.fromCharCode(65 + n)}`, rank: "Thiếu úy", gender: "Nam", birthDate: "15/03/1995",
  ethnicity: "Kinh", partyMember: "Có", partyJoinedOn: "03/02/2020", communeCode: commune(), post: "Cán bộ Công an xã", startDate: "01/07/2021", ...extra,
});

beforeAll(async () => {
  const c = db.client();
  kySon = { id: null, role: "DISTRICT", unitId: await unitId(c, "417") };
  ngheAn = { id: null, role: "PROVINCE", unitId: await unitId(c, "40") };
  const communes = async (d: string) =>
    (await c.query<{ code: string }>(`SELECT u.code FROM unit_version v JOIN unit u ON u.id = v.unit_id JOIN unit d ON d.id = v.parent_id WHERE d.code = $1 AND v.valid_to IS NULL ORDER BY u.code`, [d])).rows.map((r) => r.code);
  [kySonCommune, otherKySonCommune] = (await communes("417")) as [string, string];
  quynhLuuCommune = (await communes("421"))[0]!;
});

describe("roster import", () => {
  it("dry run shows what would change and writes nothing; commit writes it all; the same file again changes nothing", async () => {
    const file = csvFile("good.csv", [good(1, () => kySonCommune), good(2, () => kySonCommune, { post: "Phó Trưởng Công an xã" })], { bom: true });
    const before = await counts();
    const officersBefore = (await computeCoverage(await unitId(db.client(), kySonCommune), todayInVietnam())).total.officers;
    const dry = await run(kySon, file, false);
    expect(dry).toMatchObject({ committed: false, errors: [], officers: { created: 2 }, assignments: { created: 2 } });
    expect(await counts()).toEqual(before);
    const done = await run(kySon, file, true);
    expect(done).toMatchObject({ committed: true, officers: { created: 2 }, assignments: { created: 2 } });
    const after = await counts();
    expect(after).toMatchObject({ o: before.o + 2, a: before.a + 2, l: before.l + 4 });
    const audit = await db.client().query(`SELECT count(*)::int AS n FROM audit_log WHERE import_id = $1`, [done.importId]);
    expect(audit.rows[0].n).toBe(4);
    const viewer = { id: -1, username: "t", displayName: "t", role: "DISTRICT" as const, unitId: kySon.unitId, unitCode: "417" };
    expect((await listAudit(viewer, { importId: done.importId })).rows).toHaveLength(4);
    expect((await computeCoverage(await unitId(db.client(), kySonCommune), todayInVietnam())).total.officers).toBe(officersBefore + 2);
    const again = await run(kySon, file, true);
    expect(again).toMatchObject({ committed: true, officers: { created: 0, updated: 0, unchanged: 2 }, assignments: { created: 0, updated: 0, unchanged: 2 } });
    expect(await counts()).toEqual(after);
  });

  it("updates what changed (an end date, a rank) and links a transfer to its predecessor", async () => {
    const file = csvFile("transfer.csv", [
      good(1, () => kySonCommune, { rank: "Trung úy", endDate: "01/03/2024", endReason: "Điều động" }),
      good(1, () => otherKySonCommune, { rank: "Trung úy", startDate: "01/03/2024" }),
    ], { sep: ";" });
    const r = await run(kySon, file, true);
    expect(r).toMatchObject({ committed: true, errors: [], officers: { updated: 1 }, assignments: { updated: 1, created: 1 } });
    const rows = await db.client().query(`SELECT a.id, a.previous_id, a.end_reason FROM assignment a JOIN officer o ON o.id = a.officer_id WHERE o.officer_number = 'IMP-1' ORDER BY a.start_date`);
    expect(rows.rows[1].previous_id).toBe(rows.rows[0].id);
    expect(rows.rows[0].end_reason).toBe("TRANSFER");
  });

  it("one bad row: every error is reported with row, column and reason, and nothing at all is written", async () => {
    const file = csvFile("one-bad.csv", [
      good(3, () => kySonCommune),
      good(4, () => kySonCommune, { startDate: "31/02/2021" }),
      good(5, () => kySonCommune, { rank: "Thiếu tướng quân đội" }),
      good(6, () => quynhLuuCommune),
      good(7, () => "99999"),
      good(8, () => kySonCommune, { startDate: "44378" }),
      good(9, () => kySonCommune, { fullName: "=HYPERLINK(\"http://x\")" }),
      good(1, () => kySonCommune, { fullName: "Trần Thị Khác", startDate: "01/01/2025" }),
      good(10, () => kySonCommune, { endDate: "01/01/2020" , endReason: "Nghỉ hưu" }),
    ]);
    const before = await counts();
    const r = await run(kySon, file, true);
    expect(r.committed).toBe(false);
    const byRow = Object.fromEntries(r.errors.map((e) => [e.row, `${e.column}: ${e.message}`]));
    expect(byRow[3]).toMatch(/^Ngày bắt đầu: .*không hợp lệ/);
    expect(byRow[4]).toMatch(/^Cấp bậc: /);
    expect(byRow[5]).toMatch(/^Mã xã: .*không thuộc phạm vi/);
    expect(byRow[6]).toMatch(/^Mã xã: .*không tồn tại/);
    expect(byRow[7]).toMatch(/^Ngày bắt đầu: .*số sê-ri/);
    expect(byRow[8]).toMatch(/công thức|không hợp lệ/);
    expect(byRow[9]).toMatch(/^Họ và tên: Số hiệu IMP-1 đã thuộc cán bộ "Nguyễn Văn Nhập B"/);
    expect(byRow[10]).toMatch(/^Ngày kết thúc: .*phải sau ngày bắt đầu/);
    expect(byRow[2]).toBeUndefined();
    expect(await counts()).toEqual(before);
  });

  it("overlapping posts and a second chief are row errors from the database's own rules", async () => {
    const chiefCommune = (await db.client().query(`SELECT u.code FROM assignment a JOIN unit u ON u.id = a.commune_id WHERE a.post = 'CHIEF' AND a.end_date IS NULL AND u.code = $1`, [kySonCommune])).rows[0]?.code ?? kySonCommune;
    const file = csvFile("overlap.csv", [
      good(11, () => kySonCommune, { startDate: "01/01/2022" }),
      good(11, () => otherKySonCommune, { startDate: "01/06/2022" }),
      good(12, () => chiefCommune, { post: "Trưởng Công an xã", startDate: "01/01/2023" }),
    ]);
    const r = await run(kySon, file, true);
    expect(r.committed).toBe(false);
    expect(r.errors.map((e) => e.message)).toEqual(expect.arrayContaining([
      expect.stringMatching(/chỉ giữ một chức danh/),
      expect.stringMatching(/đã có Trưởng Công an xã/),
    ]));
  });

  it("a new officer whose first row breaks a rule does not break the rows after it", async () => {
    const chiefCommune = (await db.client().query(`SELECT u.code FROM assignment a JOIN unit u ON u.id = a.commune_id
      JOIN unit_version v ON v.unit_id = u.id AND v.valid_to IS NULL JOIN unit d ON d.id = v.parent_id
      WHERE d.code = '417' AND a.post = 'CHIEF' AND a.end_date IS NULL LIMIT 1`)).rows[0].code;
    const file = csvFile("new-chief.csv", [
      good(14, () => chiefCommune, { post: "Trưởng Công an xã", startDate: "01/01/2023", endDate: "01/01/2024", endReason: "Điều động" }),
      good(14, () => otherKySonCommune, { startDate: "01/01/2024" }),
    ]);
    const r = await run(kySon, file, false);
    expect(r.errors).toEqual([expect.objectContaining({ message: expect.stringMatching(/đã có Trưởng Công an xã/) })]);
  });

  it("a district cannot import into another district's communes; the province can", async () => {
    const file = csvFile("quynhluu.csv", [good(13, () => quynhLuuCommune)]);
    expect((await run(kySon, file, true)).errors[0]?.message).toMatch(/không thuộc phạm vi/);
    expect(await run(ngheAn, file, true)).toMatchObject({ committed: true, errors: [] });
    // and a district cannot touch, by officer number, an officer who now serves elsewhere
    const steal = csvFile("steal.csv", [good(13, () => kySonCommune, { startDate: "01/01/2026" })]);
    expect((await run(kySon, steal, true)).errors[0]?.message).toMatch(/đang thuộc đơn vị khác/);
  });

  it("refuses files that are not usable: empty, header only, wrong columns, renamed non-spreadsheet, formulas, too big", async () => {
    const write = (name: string, data: string | Buffer) => {
      const f = path.join(dir, name);
      writeFileSync(f, data);
      return new Uint8Array(readFileSync(f));
    };
    await expect(readSpreadsheet(write("empty.csv", ""), "empty.csv")).rejects.toThrow(ImportFileError);
    await expect(readSpreadsheet(write("head.csv", HEADER.join(",")), "head.csv")).rejects.toThrow(/chỉ có dòng tiêu đề/);
    await expect(readSpreadsheet(write("fake.xlsx", "Số hiệu,Họ và tên\n1,A"), "fake.xlsx")).rejects.toThrow(/không phải bảng tính Excel/);
    await expect(readSpreadsheet(write("bin.csv", Buffer.from([0xff, 0xfe, 0x00, 0x41])), "bin.csv")).rejects.toThrow(/UTF-8|văn bản/);
    await expect(readSpreadsheet(new Uint8Array(21 * 1024 * 1024), "big.csv")).rejects.toThrow(/20 MB/);
    await expect(readSpreadsheet(write("x.pdf", "%PDF"), "x.pdf")).rejects.toThrow(/\.xlsx hoặc \.csv/);
    const wrong = csvFile("wrong-cols.csv", []).replace("wrong-cols", "wrong-cols2");
    writeFileSync(wrong, "Tên,Tuổi\nAn,30\n");
    const r = await run(kySon, wrong, true);
    expect(r.fileError).toMatch(/Thiếu cột: Số hiệu/);

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("s");
    ws.addRow(HEADER);
    ws.addRow(line(good(20, () => kySonCommune)));
    ws.getCell("B2").value = { formula: "CONCAT(\"A\",\"B\")", result: "AB" } as ExcelJS.CellFormulaValue;
    const xlsx = path.join(dir, "formula.xlsx");
    await wb.xlsx.writeFile(xlsx);
    await expect(readSpreadsheet(new Uint8Array(readFileSync(xlsx)), "formula.xlsx")).rejects.toThrow(/công thức/);
  });

  it("reads real .xlsx files, with real date cells, and the downloadable templates", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Danh sách");
    ws.addRow(HEADER);
    const row = line(good(21, () => otherKySonCommune)) as (string | Date)[];
    row[10] = new Date(Date.UTC(2022, 4, 17)); // Ngày bắt đầu as a date cell
    ws.addRow(row);
    const file = path.join(dir, "real.xlsx");
    await wb.xlsx.writeFile(file);
    const r = await run(kySon, file, true);
    expect(r).toMatchObject({ committed: true, errors: [], assignments: { created: 1 } });
    const start = await db.client().query(`SELECT a.start_date::text FROM assignment a JOIN officer o ON o.id = a.officer_id WHERE o.officer_number = 'IMP-21'`);
    expect(start.rows[0].start_date).toBe("2022-05-17");

    // the templates parse, with the example row as the only data row
    const xt = await readSpreadsheet(new Uint8Array(await rosterTemplateXlsx()), "mau.xlsx");
    expect(xt.header).toEqual(HEADER);
    expect(xt.rows).toHaveLength(1);
    const ct = await readSpreadsheet(new TextEncoder().encode(rosterTemplateCsv()), "mau.csv");
    expect(ct.header).toEqual(HEADER);
  });

  it("the ministry cannot import", async () => {
    const file = csvFile("ministry.csv", [good(30, () => kySonCommune)]);
    expect((await run({ id: null, role: "MINISTRY", unitId: null }, file, true)).fileError).toMatch(/không có quyền/);
  });
});
