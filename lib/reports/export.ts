import "server-only";
import { PassThrough, Readable, type Writable } from "node:stream";
import ExcelJS from "exceljs";
import { CSV_BOM, csvLine } from "@/lib/csv";
import type { Figures } from "@/lib/coverage/figures";
import type { I18n, MessageKey } from "@/lib/i18n";
import { REPORT_COLUMNS, reportDate, resultsSection, summaryParagraph, type Report } from "./report";

// The report as files. CSV: the table, one row per unit plus the total (UTF-8 with BOM, formula-like text
// neutralised by lib/csv). XLSX: a summary sheet, the table and the phases, each with typed numeric cells,
// percentages as numbers with a % format, a frozen header and set column widths.
//
// Both are written row by row into a stream, so the national commune-level table (10,599 rows) starts
// downloading as soon as its figures are counted and never sits in memory twice.

const headerKey = (key: (typeof REPORT_COLUMNS)[number]["key"]): MessageKey => `report.col.${key}` as MessageKey;

type Cell = string | number | null;

function changeOf(now: Figures, before: Figures | null, pick: (f: Figures) => number): number | null {
  return before ? pick(now) - pick(before) : null;
}

/** The header of the table every format shares. */
export function reportHeader(report: Report, i18n: I18n): string[] {
  const { t } = i18n;
  return [
    t("report.col.code"),
    ...report.withinLevels.map((k) => t(k)),
    t("report.col.unit"),
    ...REPORT_COLUMNS.map((c) => t(headerKey(c.key))),
    ...(report.previous !== null ? [t("report.col.changeStaffed"), t("report.col.changeOfficers")] : []),
  ];
}

/** One row per child unit (or commune), then the total row: lazily, for the streamed formats. */
export function* reportRows(report: Report, i18n: I18n): Generator<Cell[]> {
  const withChange = report.previous !== null;
  const blanks = report.withinLevels.map(() => "");
  const line = (code: string, within: string[], name: string, f: Figures, before: Figures | null): Cell[] => [
    code,
    ...within,
    name,
    ...REPORT_COLUMNS.map((c) => c.get(f)),
    ...(withChange ? [changeOf(f, before, (x) => x.staffed), changeOf(f, before, (x) => x.officers)] : []),
  ];
  for (const r of report.children) yield line(r.code, report.withinLevels.map((_, i) => r.within[i] ?? ""), r.name, r.figures, r.previous);
  yield line(report.unit?.code ?? "", blanks, i18n.t("report.total"), report.total, report.previous);
}

/** Header + rows + total: the whole table in memory (the page and the tests). */
export function reportTable(report: Report, i18n: I18n): Cell[][] {
  return [reportHeader(report, i18n), ...reportRows(report, i18n)];
}

/** The index of the first figure column (after code, the `within` columns and the name). */
const firstFigure = (report: Report) => 2 + report.withinLevels.length;

function* csvChunks(report: Report, i18n: I18n): Generator<string> {
  let chunk = CSV_BOM + csvLine(reportHeader(report, i18n));
  for (const row of reportRows(report, i18n)) {
    chunk += csvLine(row);
    if (chunk.length > 64 * 1024) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk) yield chunk;
}

export function reportCsv(report: Report, i18n: I18n): string {
  return [...csvChunks(report, i18n)].join("");
}

/** The CSV as a byte stream for a response body. */
export function reportCsvStream(report: Report, i18n: I18n): ReadableStream<Uint8Array> {
  return Readable.toWeb(Readable.from(csvChunks(report, i18n), { objectMode: false })) as ReadableStream<Uint8Array>;
}

/** Text cells that a spreadsheet would run as a formula get an apostrophe, as in the CSV. */
const safe = (v: Cell | Date): Cell | Date => (typeof v === "string" && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

/** Writes the workbook into `out`, one committed row at a time (ExcelJS's streaming writer). */
export async function writeReportXlsx(report: Report, i18n: I18n, out: Writable): Promise<void> {
  const { t } = i18n;
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = "Công an xã chính quy";
  wb.created = new Date(`${report.asOf}T00:00:00Z`);
  const scope = report.unit?.name ?? t("scope.national");

  const summary = wb.addWorksheet(t("report.sheet.summary"));
  summary.columns = [{ width: 110 }];
  const add = (ws: ExcelJS.Worksheet, values: (Cell | Date)[], style: (row: ExcelJS.Row) => void = () => {}) => {
    const row = ws.addRow(values.map(safe));
    style(row);
    row.commit();
  };
  add(summary, [t("report.title", { scope })], (r) => (r.font = { bold: true, size: 14 }));
  add(summary, [t("report.asOfLine", { date: reportDate(report.asOf) })], (r) => (r.font = { italic: true }));
  if (report.compare) add(summary, [t("report.compareLine", { date: reportDate(report.compare) })]);
  add(summary, []);
  for (const p of summaryParagraph(report, i18n)) {
    add(summary, [p], (row) => {
      row.alignment = { wrapText: true, vertical: "top" };
      row.height = Math.max(15, Math.ceil(p.length / 110) * 15);
    });
  }
  summary.commit();

  const header = reportHeader(report, i18n);
  const first = firstFigure(report);
  const sheetName = report.detail === "communes" ? t("report.sheet.communes") : t("report.sheet.children");
  const units = wb.addWorksheet(sheetName, { views: [{ state: "frozen", ySplit: 1, xSplit: first }] });
  const formats = header.map((_, i) => {
    const c = REPORT_COLUMNS[i - first];
    return i < first ? "@" : c?.kind === "percent" ? "0.0%" : c?.kind === "decimal" ? "0.0" : "#,##0";
  });
  units.columns = header.map((h, i) => ({
    header: h,
    width: i === 0 ? 9 : i < first ? (i === first - 1 ? 30 : 22) : Math.max(10, h.length + 2),
    style: { numFmt: formats[i] },
  }));
  const head = units.getRow(1);
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: "middle" };
  let count = 0;
  const total = report.children.length + 1;
  for (const r of reportRows(report, i18n)) {
    count += 1;
    // percentages go in as fractions with a % format, so Excel computes with them
    add(units, r.map((v, i) => (REPORT_COLUMNS[i - first]?.kind === "percent" && typeof v === "number" ? v / 100 : v)), (row) => {
      row.eachCell((cell, col) => (cell.numFmt = formats[col - 1]!));
      if (count === total) row.font = { bold: true };
    });
  }
  units.commit();

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
    add(phases, [
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
  phases.commit();

  const section = resultsSection(report.results, i18n);
  const results = wb.addWorksheet(t("report.sheet.results"));
  results.columns = [{ header: t("report.col.item"), width: 44 }, { header: t("report.col.value"), width: 16 }];
  results.getRow(1).font = { bold: true };
  add(results, [section.period], (row) => (row.font = { italic: true }));
  for (const r of section.rows) {
    // percentages as fractions with a % format, like the unit table
    add(results, [r.label, r.kind === "percent" ? r.value / 100 : r.value], (row) => (row.getCell(2).numFmt = r.kind === "percent" ? "0.0%" : "#,##0"));
  }
  results.commit();
  await wb.commit();
}

/** The workbook as one buffer (the CLI and the tests). */
export async function reportXlsx(report: Report, i18n: I18n): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on("end", resolve);
    out.on("error", reject);
  });
  await writeReportXlsx(report, i18n, out);
  await done;
  return Buffer.concat(chunks);
}

/** The workbook as a byte stream for a response body. */
export function reportXlsxStream(report: Report, i18n: I18n): ReadableStream<Uint8Array> {
  const out = new PassThrough();
  writeReportXlsx(report, i18n, out).catch((err: unknown) => out.destroy(err as Error));
  return Readable.toWeb(out) as ReadableStream<Uint8Array>;
}
