// The monthly-returns file: one row per commune and month, with the same rules as the form (the same zod
// schema, lib/results/schemas.ts, and the same checks: scope, in the programme that month, not a future
// month, and only drafts or returned returns can change). A row equal to the stored return is unchanged,
// so importing a file twice changes nothing the second time.
import type pg from "pg";
import type { IsoDate } from "@/lib/dates";
import { todayInVietnam } from "@/lib/dates";
import { foldVietnamese } from "@/lib/text/fold";
import { formatMonth, INDICATORS, lastDay, monthOf, type IndicatorKey, type Month, type ReturnStatusName } from "@/lib/results/indicators";
import { SaveReturnSchema } from "@/lib/results/schemas";
import { EDITABLE, inProgramme, STATUS_REFUSAL } from "@/lib/results/service";
import type { Cell, Sheet } from "./read";
import type { RowError } from "./roster";
import { auditWriter, canImport, indexColumns, inImportTransaction, loadScope, newImportId, scopeError, type Counts, type ImportActor, IMPORT_REFUSED, type ImportOptions } from "./shared";

const LABELS: Record<IndicatorKey, string> = {
  securityReports: "Tin về ANTT tiếp nhận",
  crimeReports: "Tin báo, tố giác tội phạm",
  casesCleared: "Vụ việc đã giải quyết",
  suspects: "Đối tượng",
  adminSanctions: "Xử phạt vi phạm hành chính",
  educationFiles: "Hồ sơ giáo dục tại xã",
  rehabFiles: "Hồ sơ cai nghiện bắt buộc",
  collectiveAwards: "Khen thưởng tập thể",
  individualAwards: "Khen thưởng cá nhân",
  chipIdApplications: "Hồ sơ CCCD gắn chip",
};

export const RETURN_COLUMNS = [
  { key: "communeCode", header: "Mã xã", required: true, example: "16816", note: "mã 5 số của xã, thị trấn" },
  { key: "month", header: "Tháng", required: true, example: "10/2026", note: "mm/yyyy" },
  ...INDICATORS.map((i) => ({ key: i.key, header: LABELS[i.key], required: false, example: "0", note: "số nguyên không âm; để trống là 0" })),
  { key: "note", header: "Ghi chú", required: false, example: "", note: "tối đa 1.000 ký tự" },
] as const;
type Key = (typeof RETURN_COLUMNS)[number]["key"];

export function isReturnSheet(header: string[]): boolean {
  const folded = header.map((h) => foldVietnamese(h));
  return folded.includes(foldVietnamese("Tháng")) && folded.includes(foldVietnamese(LABELS.securityReports));
}

type ReturnRow = { rowNumber: number; communeCode: string; month: Month; values: Record<IndicatorKey, number>; note: string | null };

export type ReturnImportReport = {
  kind: "returns";
  importId: string;
  committed: boolean;
  totalRows: number;
  returns: Counts;
  errors: RowError[];
  fileError?: string;
};

function parse(sheet: Sheet): { rows: ReturnRow[]; errors: RowError[]; fileError?: string } {
  const { index, fileError } = indexColumns<Key>(sheet.header, RETURN_COLUMNS);
  if (fileError) return { rows: [], errors: [], fileError };
  const header = (k: string) => RETURN_COLUMNS.find((c) => c.key === k)?.header ?? k;
  const rows: ReturnRow[] = [];
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  for (const { rowNumber, cells } of sheet.rows) {
    const raw = (k: Key): Cell => (index.has(k) ? (cells[index.get(k)!] ?? null) : null);
    const text = (k: Key) => {
      const v = raw(k);
      // a month typed into Excel may arrive as a date: take its month
      return v === null ? "" : v instanceof Date ? formatMonth(monthOf(v.toISOString())) : String(v).trim();
    };
    const rowErrors: RowError[] = [];
    for (const c of RETURN_COLUMNS) if (/^[=+@]/.test(text(c.key))) rowErrors.push({ row: rowNumber, column: c.header, message: "Ô bắt đầu bằng =, +, @ (công thức) không được chấp nhận." });
    const communeCode = text("communeCode");
    if (!/^\d{5}$/.test(communeCode)) rowErrors.push({ row: rowNumber, column: header("communeCode"), message: `Mã xã "${communeCode}" phải gồm 5 chữ số.` });
    // the form's schema, so a file and the form accept exactly the same values
    const parsed = SaveReturnSchema.safeParse({
      communeId: 1,
      month: text("month"),
      ...Object.fromEntries(INDICATORS.map((i) => [i.key, text(i.key)])),
      note: text("note"),
    });
    if (!parsed.success) for (const issue of parsed.error.issues) rowErrors.push({ row: rowNumber, column: header(String(issue.path[0] ?? "")), message: issue.message });
    if (rowErrors.length || !parsed.success) {
      errors.push(...rowErrors);
      continue;
    }
    const key = `${communeCode}|${parsed.data.month}`;
    if (seen.has(key)) {
      errors.push({ row: rowNumber, column: header("month"), message: `Trùng với dòng ${seen.get(key)}: mỗi xã chỉ có một báo cáo mỗi tháng.` });
      continue;
    }
    seen.set(key, rowNumber);
    const values = Object.fromEntries(INDICATORS.map((i) => [i.key, parsed.data[i.key]])) as Record<IndicatorKey, number>;
    rows.push({ rowNumber, communeCode, month: parsed.data.month, values, note: parsed.data.note });
  }
  return { rows, errors };
}

export async function importReturns(
  client: pg.ClientBase,
  actor: ImportActor,
  sheet: Sheet,
  opts: ImportOptions,
): Promise<ReturnImportReport> {
  const importId = newImportId();
  const report: ReturnImportReport = { kind: "returns", importId, committed: false, totalRows: sheet.rows.length, returns: { created: 0, updated: 0, unchanged: 0 }, errors: [] };
  if (!canImport(actor)) return { ...report, fileError: IMPORT_REFUSED };
  const parsed = parse(sheet);
  if (parsed.fileError) return { ...report, fileError: parsed.fileError };
  report.errors.push(...parsed.errors);
  const scope = await loadScope(client, actor, parsed.rows.map((r) => r.communeCode));
  const audit = auditWriter(client, actor, importId);
  const thisMonth = monthOf(todayInVietnam());
  const cols = INDICATORS.map((i) => i.column);
  const userId = actor.id !== null && actor.id > 0 ? actor.id : null;

  report.committed = await inImportTransaction(client, parsed.rows, report.errors, opts, async () => {}, async (row) => {
    const fail = (column: string, message: string): void => {
      report.errors.push({ row: row.rowNumber, column, message });
    };
    const communeId = scope.communeByCode.get(row.communeCode);
    if (communeId === undefined) return fail("Mã xã", scopeError(scope, row.communeCode));
    if (row.month > thisMonth) return fail("Tháng", "Tháng báo cáo chưa bắt đầu.");
    if (!(await inProgramme(communeId, lastDay(row.month) as IsoDate))) return fail("Tháng", `Xã ${row.communeCode} chưa thuộc diện trong tháng ${formatMonth(row.month)}.`);
    const existing = await client.query<Record<string, number | string | null> & { id: number; status: ReturnStatusName }>(
      `SELECT id, status::text AS status, note, ${cols.join(", ")} FROM monthly_return WHERE commune_id = $1 AND month = $2 FOR UPDATE`,
      [communeId, `${row.month}-01`],
    );
    const values = INDICATORS.map((i) => row.values[i.key]);
    const before = existing.rows[0];
    if (!before) {
      const created = await client.query<{ id: number }>(
        `INSERT INTO monthly_return (commune_id, month, note, ${cols.join(", ")}) VALUES ($1, $2, $3, ${cols.map((_, i) => `$${i + 4}`).join(", ")}) RETURNING id`,
        [communeId, `${row.month}-01`, row.note, ...values],
      );
      const id = created.rows[0]!.id;
      await client.query(`INSERT INTO return_event (return_id, user_id, action, from_status, to_status) VALUES ($1, $2, 'create', NULL, 'DRAFT')`, [id, userId]);
      await audit(communeId, "monthly_return", id, "create", null, { month: row.month, ...row.values, note: row.note });
      report.returns.created++;
      return;
    }
    if (INDICATORS.every((i) => before[i.column] === row.values[i.key]) && (before.note ?? null) === row.note) {
      report.returns.unchanged++;
      return;
    }
    if (!EDITABLE.includes(before.status)) return fail("Tháng", STATUS_REFUSAL[before.status]);
    await client.query(
      `UPDATE monthly_return SET note = $2, ${cols.map((c, i) => `${c} = $${i + 3}`).join(", ")}, version = version + 1, updated_at = now() WHERE id = $1`,
      [before.id, row.note, ...values],
    );
    await client.query(`INSERT INTO return_event (return_id, user_id, action, from_status, to_status) VALUES ($1, $2, 'update', $3, $3)`, [before.id, userId, before.status]);
    await audit(communeId, "monthly_return", before.id, "update", before, { month: row.month, ...row.values, note: row.note });
    report.returns.updated++;
  });
  opts.onProgress?.(report.totalRows, report.totalRows);
  return report;
}
