// Downloadable roster templates with Vietnamese headers: .xlsx (a sheet to fill, a sheet of notes) and
// .csv (UTF-8 with BOM, so Excel opens the diacritics correctly).
import ExcelJS from "exceljs";
import { toCsv } from "@/lib/csv";
import { CELL_COLUMNS } from "./cells";
import { RETURN_COLUMNS } from "./returns";
import { ROSTER_COLUMNS } from "./roster";

type Column = { key: string; header: string; required: boolean; example: string; note: string };
export type TemplateKind = "roster" | "cells" | "returns";
const KINDS: Record<TemplateKind, { sheet: string; columns: readonly Column[] }> = {
  roster: { sheet: "Danh sách bố trí", columns: ROSTER_COLUMNS },
  cells: { sheet: "Chi bộ", columns: CELL_COLUMNS },
  returns: { sheet: "Báo cáo tháng", columns: RETURN_COLUMNS },
};

export async function rosterTemplateXlsx(kind: TemplateKind = "roster"): Promise<Buffer> {
  const { sheet, columns: COLS } = KINDS[kind];
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  ws.columns = COLS.map((c) => ({ header: c.header, key: c.key, width: Math.max(14, c.header.length + 4) }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: "frozen", ySplit: 1 }];
  // text format for codes and dates, so Excel keeps leading zeros and does not turn dates into serials
  for (const c of COLS) ws.getColumn(c.key).numFmt = "@";
  ws.addRow(Object.fromEntries(COLS.map((c) => [c.key, c.example])));
  const notes = wb.addWorksheet("Hướng dẫn");
  notes.columns = [{ header: "Cột", width: 18 }, { header: "Bắt buộc", width: 10 }, { header: "Ghi chú", width: 60 }];
  notes.getRow(1).font = { bold: true };
  for (const c of COLS) notes.addRow([c.header, c.required ? "Có" : "", c.note]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function rosterTemplateCsv(kind: TemplateKind = "roster"): string {
  const COLS = KINDS[kind].columns;
  return toCsv([COLS.map((c) => c.header), COLS.map((c) => c.example)]);
}
