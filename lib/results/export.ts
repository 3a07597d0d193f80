import "server-only";
import ExcelJS from "exceljs";
import { toCsv } from "@/lib/csv";
import { percent } from "@/lib/coverage/figures";
import type { I18n } from "@/lib/i18n";
import { formatMonth, INDICATORS } from "./indicators";
import { targetStatusText } from "./format";
import type { Results, ResultRow, TargetProgressRow } from "./queries";

// The results page as files: CSV (one table: by unit or by month, with the total) and XLSX (a sheet per table,
// typed numbers, percentages as numbers with a % format, frozen headers). Formula-like text is neutralised.

type Cell = string | number | null;

function header(i18n: I18n, first: string): string[] {
  const { t } = i18n;
  return [first, t("results.expected"), t("results.received"), t("results.onTime"), t("results.approved"), ...INDICATORS.map((i) => t(`indicator.${i.key}`))];
}
const line = (label: string, r: ResultRow): Cell[] => [label, r.expected, r.received, r.onTime, r.approved, ...INDICATORS.map((i) => r.values[i.key])];

export function resultsTable(results: Results, i18n: I18n, by: "children" | "months"): Cell[][] {
  const rows =
    by === "children"
      ? [header(i18n, i18n.t("results.unit")), ...results.byChild.map((c) => line(c.until ? i18n.t("results.until", { name: c.name, date: i18n.fmt.date(c.until) }) : c.name, c))]
      : [header(i18n, i18n.t("results.month")), ...results.byMonth.map((m) => line(formatMonth(m.month), m))];
  return [...rows, line(i18n.t("report.total"), results.total)];
}

export function resultsCsv(results: Results, i18n: I18n, by: "children" | "months"): string {
  return toCsv(resultsTable(results, i18n, by));
}

const safe = (v: Cell) => (typeof v === "string" && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

export async function resultsXlsx(results: Results, targets: TargetProgressRow[], i18n: I18n, scope: string): Promise<Buffer> {
  const { t } = i18n;
  const wb = new ExcelJS.Workbook();
  wb.creator = "Công an xã chính quy";
  const summary = wb.addWorksheet(t("report.sheet.summary"));
  summary.columns = [{ width: 44 }, { width: 16 }, { width: 12 }];
  summary.addRow([safe(t("results.title", { scope }))]).font = { bold: true, size: 13 };
  summary.addRow([t("results.period", { from: formatMonth(results.from), to: formatMonth(results.to), asOf: i18n.fmt.date(results.asOf) })]).font = { italic: true };
  summary.addRow([]);
  const pct = (n: number) => (results.total.expected > 0 ? percent(n, results.total.expected) / 100 : null);
  for (const [label, n, p] of [
    [t("results.expected"), results.total.expected, null],
    [t("results.received"), results.total.received, pct(results.total.received)],
    [t("results.onTime"), results.total.onTime, pct(results.total.onTime)],
    [t("results.approved"), results.total.approved, pct(results.total.approved)],
  ] as const) {
    const row = summary.addRow([label, n, p]);
    row.getCell(2).numFmt = "#,##0";
    row.getCell(3).numFmt = "0.0%";
  }
  summary.addRow([]);
  summary.addRow([t("results.totals")]).font = { bold: true };
  for (const i of INDICATORS) summary.addRow([t(`indicator.${i.key}`), results.total.values[i.key]]).getCell(2).numFmt = "#,##0";

  for (const [name, by] of [[t("results.byChild"), "children"], [t("results.byMonth"), "months"]] as const) {
    if (by === "children" && results.byChild.length === 0) continue;
    const table = resultsTable(results, i18n, by);
    const ws = wb.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1, xSplit: 1 }] });
    ws.columns = table[0]!.map((h, i) => ({ header: String(h), width: i === 0 ? 30 : Math.max(12, String(h).length + 2), style: { numFmt: i === 0 ? "@" : "#,##0" } }));
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).alignment = { wrapText: true, vertical: "middle" };
    for (const r of table.slice(1)) ws.addRow(r.map(safe));
    ws.lastRow!.font = { bold: true };
  }

  const tg = wb.addWorksheet(t("results.targets"), { views: [{ state: "frozen", ySplit: 1 }] });
  tg.columns = [
    { header: t("results.target.title"), width: 44 },
    { header: t("results.unit"), width: 24 },
    { header: t("results.target.due"), width: 12, style: { numFmt: "dd/mm/yyyy" } },
    { header: t("results.target.goal"), width: 14, style: { numFmt: "#,##0" } },
    { header: t("results.target.value"), width: 14, style: { numFmt: "#,##0" } },
    { header: t("results.target.status"), width: 40 },
  ];
  tg.getRow(1).font = { bold: true };
  for (const g of targets) {
    tg.addRow([
      safe(g.title),
      safe(g.unitName),
      new Date(`${g.dueDate}T00:00:00Z`),
      g.target,
      g.value,
      targetStatusText(g, i18n),
    ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
