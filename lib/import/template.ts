// Downloadable roster templates with Vietnamese headers: .xlsx (a sheet to fill, a sheet of notes) and
// .csv (UTF-8 with BOM, so Excel opens the diacritics correctly).
import ExcelJS from "exceljs";
import { ROSTER_COLUMNS } from "./roster";

export async function rosterTemplateXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Danh sách bố trí");
  ws.columns = ROSTER_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: Math.max(14, c.header.length + 4) }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: "frozen", ySplit: 1 }];
  // text format for codes and dates, so Excel keeps leading zeros and does not turn dates into serials
  for (const c of ROSTER_COLUMNS) ws.getColumn(c.key).numFmt = "@";
  ws.addRow(Object.fromEntries(ROSTER_COLUMNS.map((c) => [c.key, c.example])));
  const notes = wb.addWorksheet("Hướng dẫn");
  notes.columns = [{ header: "Cột", width: 18 }, { header: "Bắt buộc", width: 10 }, { header: "Ghi chú", width: 60 }];
  notes.getRow(1).font = { bold: true };
  for (const c of ROSTER_COLUMNS) notes.addRow([c.header, c.required ? "Có" : "", c.note]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function rosterTemplateCsv(): string {
  const line = (cells: string[]) => cells.map((c) => (/[",;\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(",");
  return `\uFEFF${line(ROSTER_COLUMNS.map((c) => c.header))}\r\n${line(ROSTER_COLUMNS.map((c) => c.example))}\r\n`;
}
