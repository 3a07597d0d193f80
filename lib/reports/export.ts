import "server-only";
import ExcelJS from "exceljs";
import { toCsv } from "@/lib/csv";
import type { Figures } from "@/lib/coverage/figures";
import type { I18n, MessageKey } from "@/lib/i18n";
import { REPORT_COLUMNS, reportDate, summaryParagraph, type Report } from "./report";

// The report as files. CSV: the child table, one row per unit plus the total (UTF-8 with BOM, formula-like
// text neutralised by lib/csv). XLSX: a summary sheet, the child table and the phases, each with typed
// numeric cells, percentages as numbers with a % format, a frozen header and set column widths.

const headerKey = (key: (typeof REPORT_COLUMNS)[number]["key"]): MessageKey => `report.col.${key}` as MessageKey;

function changeOf(now: Figures, before: Figures | null, pick: (f: Figures) => number): number | null {
  return before ? pick(now) - pick(before) : null;
}

/** Header + one row per child unit + the total row: the table every format shares. */
export function reportTable(report: Report, i18n: I18n): (string | number | null)[][] {
  const { t } = i18n;
  const withChange = report.previous !== null;
  const header = [
    t("report.col.code"),
    t("report.col.unit"),
    ...REPORT_COLUMNS.map((c) => t(headerKey(c.key))),
    ...(withChange ? [t("report.col.changeStaffed"), t("report.col.changeOfficers")] : []),
  ];
  const line = (code: string, name: string, f: Figures, before: Figures | null) => [
    code,
    name,
    ...REPORT_COLUMNS.map((c) => c.get(f)),
    ...(withChange ? [changeOf(f, before, (x) => x.staffed), changeOf(f, before, (x) => x.officers)] : []),
  ];
  return [
    header,
    ...report.children.map((r) => line(r.code, r.name, r.figures, r.previous)),
    line(report.unit?.code ?? "", t("report.total"), report.total, report.previous),
  ];
}

export function reportCsv(report: Report, i18n: I18n): string {
  return toCsv(reportTable(report, i18n));
}

export async function reportXlsx(report: Report, i18n: I18n): Promise<Buffer> {
  const { t } = i18n;
  const wb = new ExcelJS.Workbook();
  wb.creator = "Công an xã chính quy";
  wb.created = new Date(`${report.asOf}T00:00:00Z`);
  const scope = report.unit?.name ?? t("scope.national");

  const summary = wb.addWorksheet(t("report.sheet.summary"));
  summary.columns = [{ width: 110 }];
  summary.addRow([t("report.title", { scope })]).font = { bold: true, size: 14 };
  summary.addRow([t("report.asOfLine", { date: reportDate(report.asOf) })]).font = { italic: true };
  if (report.compare) summary.addRow([t("report.compareLine", { date: reportDate(report.compare) })]);
  summary.addRow([]);
  for (const p of summaryParagraph(report, i18n)) {
    const row = summary.addRow([p]);
    row.alignment = { wrapText: true, vertical: "top" };
    row.height = Math.max(15, Math.ceil(p.length / 110) * 15);
  }

  const table = reportTable(report, i18n);
  const units = wb.addWorksheet(t("report.sheet.children"), { views: [{ state: "frozen", ySplit: 1, xSplit: 2 }] });
  units.columns = table[0]!.map((h, i) => ({ header: String(h), width: i === 1 ? 34 : Math.max(10, String(h).length + 2) }));
  units.getRow(1).font = { bold: true };
  units.getRow(1).alignment = { wrapText: true, vertical: "middle" };
  for (const r of table.slice(1)) {
    // percentages go in as fractions with a % format, so Excel computes with them
    units.addRow(r.map((v, i) => (i >= 2 && REPORT_COLUMNS[i - 2]?.kind === "percent" && typeof v === "number" ? v / 100 : v)));
  }
  REPORT_COLUMNS.forEach((c, i) => {
    const col = units.getColumn(i + 3);
    col.numFmt = c.kind === "percent" ? "0.0%" : c.kind === "decimal" ? "0.0" : "#,##0";
  });
  units.getColumn(1).numFmt = "@";
  units.lastRow!.font = { bold: true };

  const phases = wb.addWorksheet(t("report.sheet.phases"), { views: [{ state: "frozen", ySplit: 1 }] });
  phases.columns = [
    { header: t("phases.province"), width: 24 },
    { header: t("phases.phase"), width: 16 },
    { header: t("report.col.plan"), width: 20 },
    { header: t("phases.start"), width: 12, style: { numFmt: "dd/mm/yyyy" } },
    { header: t("phases.target"), width: 12, style: { numFmt: "dd/mm/yyyy" } },
    { header: t("phases.communes"), width: 10, style: { numFmt: "#,##0" } },
    { header: t("phases.staffed"), width: 10, style: { numFmt: "#,##0" } },
    { header: t("phases.fully"), width: 12, style: { numFmt: "#,##0" } },
    { header: t("phases.status"), width: 16 },
  ];
  phases.getRow(1).font = { bold: true };
  for (const p of report.phases) {
    phases.addRow([
      p.provinceName,
      p.name,
      p.planCode,
      new Date(`${p.startDate}T00:00:00Z`),
      p.targetDate ? new Date(`${p.targetDate}T00:00:00Z`) : null,
      p.communes,
      p.staffed,
      p.fullyStaffed,
      t(`phases.status.${p.status}`),
    ]);
  }
  neutraliseFormulas(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Text cells that a spreadsheet would run as a formula get an apostrophe, as in the CSV. */
function neutraliseFormulas(wb: ExcelJS.Workbook) {
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (typeof cell.value === "string" && /^[=+\-@\t\r]/.test(cell.value)) cell.value = `'${cell.value}`;
      }),
    ),
  );
}
