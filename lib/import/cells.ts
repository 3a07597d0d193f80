// The Party-cell file: one row per (cell, secretary period). A cell is the commune's cell established
// on a date; its secretary is an officer (by officer number) or a named person who is not commune
// police. Matching on (commune, established date) and (cell, secretary start) makes re-imports no-ops.
import type pg from "pg";
import { formatDateVi, parseDateInput, type IsoDate } from "@/lib/dates";
import { foldVietnamese } from "@/lib/text/fold";
import type { Cell, Sheet } from "./read";
import type { RowError } from "./roster";
import { auditWriter, canImport, indexColumns, inImportTransaction, loadScope, newImportId, scopeError, type Counts, type ImportActor, IMPORT_REFUSED, type ImportOptions } from "./shared";

export const CELL_COLUMNS = [
  { key: "communeCode", header: "Mã xã", required: true, example: "16816", note: "mã 5 số của xã" },
  { key: "establishedOn", header: "Ngày thành lập", required: true, example: "22/09/2019", note: "dd/mm/yyyy" },
  { key: "dissolvedOn", header: "Ngày giải thể", required: false, example: "", note: "để trống nếu đang hoạt động" },
  { key: "secretaryNumber", header: "Số hiệu bí thư", required: false, example: "40000153", note: "nếu bí thư là cán bộ Công an xã" },
  { key: "secretaryName", header: "Tên bí thư khác", required: false, example: "", note: "nếu bí thư không phải Công an xã (ghi một trong hai cột)" },
  { key: "secretaryFrom", header: "Bí thư từ ngày", required: false, example: "22/09/2019", note: "mặc định là ngày thành lập" },
  { key: "secretaryTo", header: "Bí thư đến ngày", required: false, example: "", note: "để trống nếu đang là bí thư" },
] as const;
type Key = (typeof CELL_COLUMNS)[number]["key"];

export function isCellSheet(header: string[]): boolean {
  return header.some((h) => foldVietnamese(h) === foldVietnamese("Ngày thành lập"));
}

type CellRow = {
  rowNumber: number;
  communeCode: string;
  establishedOn: IsoDate;
  dissolvedOn: IsoDate | null;
  secretaryNumber: string | null;
  secretaryName: string | null;
  secretaryFrom: IsoDate;
  secretaryTo: IsoDate | null;
};

export type CellImportReport = {
  kind: "cells";
  importId: string;
  committed: boolean;
  totalRows: number;
  cells: Counts;
  secretaries: Counts;
  errors: RowError[];
  fileError?: string;
};

function parse(sheet: Sheet): { rows: CellRow[]; errors: RowError[]; fileError?: string } {
  const { index, fileError } = indexColumns<Key>(sheet.header, CELL_COLUMNS);
  if (fileError) return { rows: [], errors: [], fileError };
  const rows: CellRow[] = [];
  const errors: RowError[] = [];
  for (const { rowNumber, cells } of sheet.rows) {
    const rowErrors: RowError[] = [];
    const header = (k: Key) => CELL_COLUMNS.find((c) => c.key === k)!.header;
    const err = (k: Key, message: string) => rowErrors.push({ row: rowNumber, column: header(k), message });
    const raw = (k: Key): Cell => (index.has(k) ? (cells[index.get(k)!] ?? null) : null);
    const text = (k: Key) => {
      const v = raw(k);
      return v === null ? "" : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).trim();
    };
    const date = (k: Key, required: boolean): IsoDate | null => {
      const v = raw(k);
      if (v === null || v === "") {
        if (required) err(k, `Thiếu ${header(k).toLowerCase()}.`);
        return null;
      }
      if (typeof v === "number" || /^\d{4,6}$/.test(String(v).trim())) {
        err(k, `"${String(v)}" là số sê-ri ngày của Excel; hãy nhập ngày dạng dd/mm/yyyy`);
        return null;
      }
      const d = parseDateInput(text(k));
      if (!d) err(k, `Ngày "${text(k)}" không hợp lệ (dd/mm/yyyy).`);
      return d;
    };
    for (const c of CELL_COLUMNS) if (/^[=+@]/.test(text(c.key))) err(c.key, "Ô bắt đầu bằng =, +, @ (công thức) không được chấp nhận.");
    const communeCode = text("communeCode");
    if (!/^\d{5}$/.test(communeCode)) err("communeCode", `Mã xã "${communeCode}" phải gồm 5 chữ số.`);
    const establishedOn = date("establishedOn", true);
    const dissolvedOn = date("dissolvedOn", false);
    const secretaryFrom = date("secretaryFrom", false) ?? establishedOn;
    const secretaryTo = date("secretaryTo", false);
    const secretaryNumber = text("secretaryNumber") || null;
    const secretaryName = text("secretaryName").normalize("NFC").replace(/\s+/g, " ") || null;
    if ((secretaryNumber === null) === (secretaryName === null)) err("secretaryNumber", "Ghi số hiệu bí thư (cán bộ Công an xã) hoặc tên bí thư khác — đúng một trong hai.");
    if (secretaryName && (secretaryName.length > 100 || /[\p{Cc}<>{}=@]/u.test(secretaryName))) err("secretaryName", "Tên bí thư có ký tự không hợp lệ hoặc quá dài.");
    if (establishedOn && dissolvedOn && dissolvedOn <= establishedOn) err("dissolvedOn", "Ngày giải thể phải sau ngày thành lập.");
    if (establishedOn && secretaryFrom && secretaryFrom < establishedOn) err("secretaryFrom", `Bí thư không thể nhận nhiệm vụ trước ngày thành lập (${formatDateVi(establishedOn)}).`);
    if (secretaryFrom && secretaryTo && secretaryTo <= secretaryFrom) err("secretaryTo", "Ngày kết thúc phải sau ngày bắt đầu.");
    if (rowErrors.length || !establishedOn || !secretaryFrom) {
      errors.push(...rowErrors);
      continue;
    }
    rows.push({ rowNumber, communeCode, establishedOn, dissolvedOn, secretaryNumber, secretaryName, secretaryFrom, secretaryTo });
  }
  return { rows, errors };
}

export async function importCells(
  client: pg.ClientBase,
  actor: ImportActor,
  sheet: Sheet,
  opts: ImportOptions,
): Promise<CellImportReport> {
  const importId = newImportId();
  const report: CellImportReport = {
    kind: "cells",
    importId,
    committed: false,
    totalRows: sheet.rows.length,
    cells: { created: 0, updated: 0, unchanged: 0 },
    secretaries: { created: 0, updated: 0, unchanged: 0 },
    errors: [],
  };
  if (!canImport(actor)) return { ...report, fileError: IMPORT_REFUSED };
  const parsed = parse(sheet);
  if (parsed.fileError) return { ...report, fileError: parsed.fileError };
  report.errors.push(...parsed.errors);
  const scope = await loadScope(client, actor, parsed.rows.map((r) => r.communeCode));
  const audit = auditWriter(client, actor, importId);
  const seenCells = new Set<number>();
  const rows = [...parsed.rows].sort((a, b) => a.communeCode.localeCompare(b.communeCode) || a.establishedOn.localeCompare(b.establishedOn) || a.secretaryFrom.localeCompare(b.secretaryFrom));

  report.committed = await inImportTransaction(client, rows, report.errors, opts, async () => {}, async (row) => {
    const fail = (column: string, message: string): void => {
      report.errors.push({ row: row.rowNumber, column, message });
    };
    const communeId = scope.communeByCode.get(row.communeCode);
    if (communeId === undefined) return fail("Mã xã", scopeError(scope, row.communeCode));
    let officerId: number | null = null;
    if (row.secretaryNumber) {
      const o = await client.query<{ id: number; latest: number | null }>(
        `SELECT o.id, (SELECT a.commune_id FROM assignment a WHERE a.officer_id = o.id ORDER BY a.start_date DESC LIMIT 1) AS latest FROM officer o WHERE o.officer_number = $1`,
        [row.secretaryNumber],
      );
      const found = o.rows[0];
      if (!found) return fail("Số hiệu bí thư", `Không có cán bộ số hiệu ${row.secretaryNumber}.`);
      if (found.latest !== null && !scope.ids.has(found.latest)) return fail("Số hiệu bí thư", `Cán bộ số hiệu ${row.secretaryNumber} thuộc đơn vị khác, ngoài phạm vi quản lý.`);
      officerId = found.id;
    }
    // the cell
    const existing = await client.query<{ id: number; dissolved_on: string | null }>(
      `SELECT c.id, c.dissolved_on::text FROM party_cell c JOIN party_cell_commune pc ON pc.cell_id = c.id WHERE pc.commune_id = $1 AND c.established_on = $2`,
      [communeId, row.establishedOn],
    );
    let cellId = existing.rows[0]?.id;
    if (cellId === undefined) {
      const name = (await client.query<{ name: string }>(`SELECT name FROM unit_version WHERE unit_id = $1 ORDER BY valid_from DESC NULLS LAST LIMIT 1`, [communeId])).rows[0]?.name ?? row.communeCode;
      const c = await client.query<{ id: number }>(
        `INSERT INTO party_cell (name, established_on, dissolved_on) VALUES ($1, $2, $3) RETURNING id`,
        [`Chi bộ Công an ${name.replace(/^(Xã|Thị trấn|Phường)/, (m) => m.toLowerCase())}`, row.establishedOn, row.dissolvedOn],
      );
      cellId = c.rows[0]!.id;
      await client.query(`INSERT INTO party_cell_commune (cell_id, commune_id) VALUES ($1, $2)`, [cellId, communeId]);
      report.cells.created++;
      seenCells.add(cellId);
      await audit(communeId, "party_cell", cellId, "create", null, { communeCode: row.communeCode, establishedOn: row.establishedOn, dissolvedOn: row.dissolvedOn });
    } else if (!seenCells.has(cellId)) {
      seenCells.add(cellId);
      if (existing.rows[0]!.dissolved_on !== row.dissolvedOn) {
        await client.query(`UPDATE party_cell SET dissolved_on = $2, version = version + 1 WHERE id = $1`, [cellId, row.dissolvedOn]);
        report.cells.updated++;
        await audit(communeId, "party_cell", cellId, "update", { dissolvedOn: existing.rows[0]!.dissolved_on }, { dissolvedOn: row.dissolvedOn });
      } else report.cells.unchanged++;
    }
    // the secretary period
    const sec = await client.query<{ id: number; officer_id: number | null; person_name: string | null; end_date: string | null }>(
      `SELECT id, officer_id, person_name, end_date::text FROM cell_secretary WHERE cell_id = $1 AND start_date = $2`,
      [cellId, row.secretaryFrom],
    );
    const after = { secretaryNumber: row.secretaryNumber, secretaryName: row.secretaryName, from: row.secretaryFrom, to: row.secretaryTo };
    const s = sec.rows[0];
    if (s) {
      if (s.officer_id === officerId && s.person_name === row.secretaryName && s.end_date === row.secretaryTo) report.secretaries.unchanged++;
      else {
        await client.query(`UPDATE cell_secretary SET officer_id = $2, person_name = $3, end_date = $4 WHERE id = $1`, [s.id, officerId, row.secretaryName, row.secretaryTo]);
        report.secretaries.updated++;
        await audit(communeId, "party_cell", cellId, "secretary", s, after);
      }
    } else {
      await client.query(`INSERT INTO cell_secretary (cell_id, officer_id, person_name, start_date, end_date) VALUES ($1, $2, $3, $4, $5)`, [cellId, officerId, row.secretaryName, row.secretaryFrom, row.secretaryTo]);
      report.secretaries.created++;
      await audit(communeId, "party_cell", cellId, "secretary", null, after);
    }
  }, (row) => {
    void row;
    seenCells.clear();
  });
  opts.onProgress?.(report.totalRows, report.totalRows);
  return report;
}
