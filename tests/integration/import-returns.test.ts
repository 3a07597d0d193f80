// The monthly-returns import: the form's rules through a file (one schema), dry run, all or nothing,
// idempotent, scoped, and locked returns refused.
import { beforeAll, describe, expect, it } from "vitest";
import { readCsv } from "@/lib/import/read";
import { RETURN_COLUMNS } from "@/lib/import/returns";
import { importFile, type ImportActor } from "@/lib/import/run";
import { rosterTemplateCsv } from "@/lib/import/template";
import { withTestDatabase } from "../support/db";
import { unitId } from "../support/viewers";

const db = withTestDatabase("tmpl_demo");
let kySon: ImportActor;
let fresh: string[]; // Kỳ Sơn communes without a return for September 2025
let submitted: string; // a Kỳ Sơn commune whose October 2026 return awaits approval (demo data)
let foreign: string; // a commune of Quỳnh Lưu

const sheet = (rows: (string | number)[][]) =>
  readCsv(new TextEncoder().encode([RETURN_COLUMNS.map((c) => c.header), ...rows].map((r) => r.map((x) => (String(x).includes(",") ? `"${x}"` : x)).join(",")).join("\n")));
const row = (code: string, month: string, security: number | string, chip: number | string = 0, note = "") => [code, month, security, 1, 0, 0, 0, 0, 0, 0, 0, chip, note];

const count = async () => (await db.client().query(`SELECT (SELECT count(*) FROM monthly_return)::int AS r, (SELECT count(*) FROM return_event)::int AS e, (SELECT count(*) FROM audit_log)::int AS a`)).rows[0];

beforeAll(async () => {
  const c = db.client();
  kySon = { id: null, role: "DISTRICT", unitId: await unitId(c, "417") };
  const codes = (await c.query(`SELECT u.code FROM unit u JOIN unit_version v ON v.unit_id = u.id AND v.valid_to IS NULL JOIN unit d ON d.id = v.parent_id WHERE d.code = $1 AND v.type IN ('XA', 'THI_TRAN') ORDER BY u.code`, ["417"])).rows.map((r) => r.code as string);
  fresh = codes.slice(-3);
  submitted = (await c.query(`SELECT u.code FROM monthly_return r JOIN unit u ON u.id = r.commune_id WHERE r.status = 'SUBMITTED' AND r.month = '2026-10-01' ORDER BY u.code LIMIT 1`)).rows[0].code;
  foreign = (await c.query(`SELECT u.code FROM unit u JOIN unit_version v ON v.unit_id = u.id AND v.valid_to IS NULL JOIN unit d ON d.id = v.parent_id WHERE d.code = '421' AND v.type = 'XA' LIMIT 1`)).rows[0].code;
});

describe("importing monthly returns", () => {
  it("checks first, writes drafts only on confirmation, and changes nothing the second time", async () => {
    const file = sheet([row(fresh[0]!, "09/2025", 4, "1.250", "Nhập từ tệp"), row(fresh[1]!, "2025-09", 2)]);
    const before = await count();
    const dry = await importFile(db.client(), kySon, file, { commit: false });
    expect(dry).toMatchObject({ kind: "returns", committed: false, errors: [], returns: { created: 2, updated: 0, unchanged: 0 } });
    expect(await count()).toEqual(before);

    const done = await importFile(db.client(), kySon, file, { commit: true });
    expect(done).toMatchObject({ committed: true, returns: { created: 2 } });
    const written = await db.client().query(
      `SELECT r.status, r.security_reports, r.chip_id_applications, r.note, (SELECT count(*)::int FROM return_event e WHERE e.return_id = r.id) AS events
       FROM monthly_return r JOIN unit u ON u.id = r.commune_id WHERE u.code = $1 AND r.month = '2025-09-01'`,
      [fresh[0]],
    );
    expect(written.rows[0]).toEqual({ status: "DRAFT", security_reports: 4, chip_id_applications: 1250, note: "Nhập từ tệp", events: 1 });
    const audited = await db.client().query(`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'monthly_return' AND import_id = $1`, [done.importId]);
    expect(audited.rows[0].n).toBe(2);

    const again = await importFile(db.client(), kySon, file, { commit: true });
    expect(again).toMatchObject({ returns: { created: 0, updated: 0, unchanged: 2 } });
    const corrected = await importFile(db.client(), kySon, sheet([row(fresh[0]!, "09/2025", 5, "1.250", "Nhập từ tệp")]), { commit: true });
    expect(corrected).toMatchObject({ committed: true, returns: { updated: 1 } });
  });

  it("refuses a return awaiting approval, and then writes nothing from the file", async () => {
    const before = await count();
    const r = await importFile(db.client(), kySon, sheet([row(fresh[2]!, "09/2025", 1), row(submitted, "10/2026", 99)]), { commit: true });
    expect(r.committed).toBe(false);
    expect(r.errors).toEqual([{ row: 3, column: "Tháng", message: expect.stringContaining("đang chờ Công an tỉnh duyệt") }]);
    expect(await count()).toEqual(before);
  });

  it("reports every bad cell against its row and column, in Vietnamese", async () => {
    const r = await importFile(
      db.client(),
      kySon,
      sheet([
        row(fresh[2]!, "09/2025", -1),
        row(fresh[2]!, "13/2026", 1),
        row(fresh[2]!, "08/2025", "abc"),
        row(foreign, "09/2025", 1),
        row(fresh[2]!, "07/2025", "=1+1"),
        row(fresh[2]!, "06/2025", 1),
        row(fresh[2]!, "06/2025", 2),
        row(fresh[2]!, "12/2099", 1),
      ]),
      { commit: true },
    );
    expect(r.committed).toBe(false);
    expect(r.errors).toEqual([
      { row: 2, column: "Tin về ANTT tiếp nhận", message: "Không được là số âm." },
      { row: 3, column: "Tháng", message: "Tháng không hợp lệ: dùng dạng mm/yyyy." },
      { row: 4, column: "Tin về ANTT tiếp nhận", message: "Nhập một số nguyên không âm." },
      { row: 5, column: "Mã xã", message: `Xã ${foreign} không thuộc phạm vi quản lý của tài khoản.` },
      { row: 6, column: "Tin về ANTT tiếp nhận", message: "Ô bắt đầu bằng =, +, @ (công thức) không được chấp nhận." },
      { row: 6, column: "Tin về ANTT tiếp nhận", message: "Nhập một số nguyên không âm." },
      { row: 8, column: "Tháng", message: "Trùng với dòng 7: mỗi xã chỉ có một báo cáo mỗi tháng." },
      { row: 9, column: "Tháng", message: "Tháng báo cáo chưa bắt đầu." },
    ]);
  });

  it("its template is recognised as a returns file", async () => {
    const template = readCsv(new TextEncoder().encode(rosterTemplateCsv("returns")));
    expect(template.header.slice(0, 3)).toEqual(["Mã xã", "Tháng", "Tin về ANTT tiếp nhận"]);
    const r = await importFile(db.client(), { ...kySon, role: "MINISTRY", unitId: null }, template, { commit: false });
    expect(r).toMatchObject({ kind: "returns", fileError: "Tài khoản của bạn không có quyền nhập dữ liệu." });
  });
});
