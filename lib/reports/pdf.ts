import "server-only";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import PDFDocument from "pdfkit";
import type { Figures } from "@/lib/coverage/figures";
import type { CoverageSeries } from "@/lib/coverage/series";
import type { I18n } from "@/lib/i18n";
import { todayInVietnam } from "@/lib/dates";
import { REPORT_COLUMNS, reportDate, resultsSection, summaryParagraph, type Report } from "./report";

// The report as a PDF, drawn on the server with PDFKit: A4 portrait, the same header, paragraph, tables and
// chart as the printed page, the table header repeated on every page, and a page number on each.
// PDF's built-in fonts have no Vietnamese letters ("Nghệ An" would lose its marks), so DejaVu (npm
// dejavu-fonts-ttf, a free licence) is embedded; PDFKit subsets it and writes a ToUnicode map, so the text
// can be searched and copied.

type Doc = PDFKit.PDFDocument;

const FONT_DIR = process.env.REPORT_FONT_DIR ?? join(process.cwd(), "node_modules", "dejavu-fonts-ttf", "ttf");
const FONTS = {
  serif: "DejaVuSerif.ttf",
  serifBold: "DejaVuSerif-Bold.ttf",
  serifItalic: "DejaVuSerif-Italic.ttf",
  sans: "DejaVuSansCondensed.ttf",
  sansBold: "DejaVuSansCondensed-Bold.ttf",
} as const;
type FontName = keyof typeof FONTS;

let fontData: Record<FontName, Buffer> | null = null;
function fonts(): Record<FontName, Buffer> {
  if (!fontData) {
    const data = {} as Record<FontName, Buffer>;
    for (const [k, f] of Object.entries(FONTS) as [FontName, string][]) {
      // a runtime path (REPORT_FONT_DIR): the bundler must not trace it
      const file = join(/* turbopackIgnore: true */ FONT_DIR, f);
      data[k] = readFileSync(/* turbopackIgnore: true */ file);
    }
    fontData = data;
  }
  return fontData;
}

const MARGIN = { top: 42, bottom: 50, left: 42, right: 36 };
const INK = "#1c1917";
const MUTED = "#57534e";
const RULE = "#a8a29e";
const SHADE = "#f5f5f4";

/**
 * The PDF as a byte stream for a response body (and the CLI); pages stream out as they are drawn.
 * `drawn` is called once drawing has ended, with whether it was finished (a render slot's release). A
 * reader who cancels the stream (a client that hung up) stops the drawing at the next breath.
 */
export function reportPdfStream(report: Report, series: CoverageSeries | null, i18n: I18n, drawn?: (finished: boolean) => void): ReadableStream<Uint8Array> {
  const doc = newDocument(report, i18n);
  draw(doc, report, series, i18n).then(
    () => {
      doc.end();
      drawn?.(true);
    },
    (err: unknown) => {
      doc.destroy(err as Error);
      drawn?.(false);
    },
  );
  return Readable.toWeb(doc as unknown as Readable) as ReadableStream<Uint8Array>;
}

/** The PDF as one buffer (the CLI and the tests). */
export async function reportPdf(report: Report, series: CoverageSeries | null, i18n: I18n): Promise<Buffer> {
  const doc = newDocument(report, i18n);
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on("end", resolve);
    doc.on("error", reject);
  });
  await draw(doc, report, series, i18n);
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

function newDocument(report: Report, i18n: I18n): Doc {
  const { t } = i18n;
  const doc = new PDFDocument({
    size: "A4",
    layout: "portrait",
    margins: MARGIN,
    autoFirstPage: false,
    lang: i18n.locale === "vi" ? "vi-VN" : "en-GB",
    displayTitle: true,
    info: {
      Title: `${t("report.heading")} — ${report.unit?.name ?? t("scope.national")} — ${reportDate(report.asOf)}`,
      Author: report.issuer ? t("report.policeOf", { unit: report.issuer.name }) : t("report.ministry"),
      Creator: t("app.name"),
    },
  });
  // each document parses its own fonts (a fifth of its time): one parsed font shared by several documents,
  // tried, left letters out of the later documents' text layer, so their text could not be searched
  for (const [name, data] of Object.entries(fonts())) doc.registerFont(name, data);
  // the page number goes on each page as it is added, so pages can stream out before the last is drawn
  let page = 0;
  doc.on("pageAdded", () => {
    page += 1;
    const { x, y } = doc;
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font("sans").fontSize(8).fillColor(MUTED);
    doc.text(t("report.page", { n: page }), MARGIN.left, doc.page.height - 32, { width: contentWidth(doc), align: "center", lineBreak: false });
    doc.page.margins.bottom = bottom;
    doc.fillColor(INK);
    doc.x = x;
    doc.y = y;
  });
  doc.addPage();
  return doc;
}

const contentWidth = (doc: Doc) => doc.page.width - MARGIN.left - MARGIN.right;
const bottomLimit = (doc: Doc) => doc.page.height - MARGIN.bottom;
/**
 * Lets the event loop breathe between pages of a long table, so one big export never stalls the server;
 * stops the drawing when nobody reads it any more (the stream was cancelled, which destroys the document).
 */
async function breathe(doc: Doc): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  if ((doc as unknown as Readable).destroyed) throw new Error("PDF abandoned by its reader");
}

function ensureSpace(doc: Doc, height: number): boolean {
  if (doc.y + height <= bottomLimit(doc)) return false;
  doc.addPage();
  doc.y = MARGIN.top;
  return true;
}

async function draw(doc: Doc, report: Report, series: CoverageSeries | null, i18n: I18n): Promise<void> {
  const { t } = i18n;
  drawHeader(doc, report, i18n);
  heading(doc, t("report.section.summary"));
  doc.font("serif").fontSize(10.5).fillColor(INK);
  for (const p of summaryParagraph(report, i18n)) {
    doc.text(p, MARGIN.left, doc.y, { width: contentWidth(doc), align: "justify", indent: 24, lineGap: 2.5 });
    doc.moveDown(0.5);
  }
  if (report.children.length > 0) {
    heading(doc, t("report.section.children"));
    await drawUnitTable(doc, report, i18n);
  }
  if (report.phases.length > 0) {
    heading(doc, t("report.section.phases"));
    drawPhaseTable(doc, report, i18n);
  }
  heading(doc, t("report.section.series"), 240);
  drawChart(doc, series, i18n);
  drawResults(doc, report, i18n);
}

function drawResults(doc: Doc, report: Report, i18n: I18n) {
  const { t, fmt } = i18n;
  const section = resultsSection(report.results, i18n);
  doc.y += 12;
  heading(doc, t("report.section.results"), 180);
  doc.font("serifItalic").fontSize(9.5).fillColor(INK).text(section.period, MARGIN.left, doc.y, { width: contentWidth(doc) });
  doc.moveDown(0.3);
  const tbl = table(doc, [
    { label: t("report.col.item"), width: 300, align: "left" },
    { label: t("report.col.value"), width: 100, align: "right" },
  ], 8);
  for (const r of section.rows) tbl.row([r.label, r.kind === "percent" ? fmt.percent(r.value) : fmt.number(r.value)]);
}

function drawHeader(doc: Doc, report: Report, i18n: I18n) {
  const { t } = i18n;
  const w = contentWidth(doc);
  // the issuing unit on the left (two fifths), the national motto on the right, as on an official document
  const leftW = w * 0.4 - 6;
  const colW = w * 0.6 - 6;
  const left = MARGIN.left;
  const right = MARGIN.left + w * 0.4 + 6;
  const top = doc.y;
  const issuer = report.issuer ? t("report.policeOf", { unit: report.issuer.name }) : t("report.ministry");
  doc.font("serifBold").fontSize(10.5).text(issuer.toLocaleUpperCase(i18n.locale), left, top, { width: leftW, align: "center" });
  const issuerBottom = doc.y;
  rule(doc, left + leftW / 2 - 30, issuerBottom + 3, 60);
  doc.font("serifBold").fontSize(10.5).text(t("report.nation").toLocaleUpperCase(i18n.locale), right, top, { width: colW, align: "center" });
  doc.font("serifBold").fontSize(10.5).text(t("report.motto"), right, doc.y, { width: colW, align: "center" });
  rule(doc, right + colW / 2 - 60, doc.y + 3, 120);
  doc.font("serifItalic").fontSize(10).text(t("report.dated", { date: reportDate(todayInVietnam()) }), right, doc.y + 10, { width: colW, align: "center" });
  doc.y = Math.max(doc.y, issuerBottom) + 22;
  const scope = report.unit?.name ?? t("scope.national");
  doc.font("serifBold").fontSize(14).text(t("report.heading").toLocaleUpperCase(i18n.locale), left, doc.y, { width: w, align: "center" });
  doc.font("serifBold").fontSize(11).text(t("report.title", { scope }), left, doc.y + 2, { width: w, align: "center" });
  const asOf = t("report.asOfLine", { date: reportDate(report.asOf) }) + (report.compare ? ` · ${t("report.compareLine", { date: reportDate(report.compare) })}` : "");
  doc.font("serifItalic").fontSize(10.5).text(asOf, left, doc.y + 2, { width: w, align: "center" });
  doc.moveDown(1);
}

function rule(doc: Doc, x: number, y: number, width: number) {
  doc.save().moveTo(x, y).lineTo(x + width, y).lineWidth(0.6).strokeColor(INK).stroke().restore();
}

function heading(doc: Doc, text: string, keepWith = 60) {
  ensureSpace(doc, keepWith);
  doc.font("serifBold").fontSize(11).fillColor(INK).text(text, MARGIN.left, doc.y + 4, { width: contentWidth(doc) });
  doc.moveDown(0.3);
}

type Column = { label: string; width: number; align: "left" | "right" };

/** A table drawer: the header row (repeated after each page break) and body rows with wrapped first column. */
function table(doc: Doc, columns: Column[], fontSize = 7) {
  const pad = 2.5;
  const x0 = MARGIN.left;
  const headerHeight = Math.max(...columns.map((c) => doc.font("sansBold").fontSize(fontSize).heightOfString(c.label, { width: c.width - 2 * pad }))) + 2 * pad;
  const drawHeaderRow = () => {
    const y = doc.y;
    doc.save().rect(x0, y, sum(columns), headerHeight).fill(SHADE).restore();
    let x = x0;
    doc.font("sansBold").fontSize(fontSize).fillColor(INK);
    for (const c of columns) {
      doc.text(c.label, x + pad, y + pad, { width: c.width - 2 * pad, align: c.align === "right" ? "right" : "left" });
      x += c.width;
    }
    line(doc, x0, y + headerHeight, sum(columns), INK);
    doc.y = y + headerHeight;
  };
  drawHeaderRow();
  return {
    row(cells: string[], opts: { bold?: boolean; shade?: boolean; span?: boolean } = {}) {
      const font = opts.bold ? "sansBold" : "sans";
      doc.font(font).fontSize(fontSize);
      const widths = opts.span ? [sum(columns)] : columns.map((c) => c.width);
      const height = Math.max(...cells.map((s, i) => doc.heightOfString(s, { width: widths[i]! - 2 * pad }))) + 2 * pad;
      if (ensureSpace(doc, height)) drawHeaderRow();
      const y = doc.y;
      if (opts.shade) doc.save().rect(x0, y, sum(columns), height).fill(SHADE).restore();
      let x = x0;
      doc.font(font).fontSize(fontSize).fillColor(INK);
      cells.forEach((s, i) => {
        doc.text(s, x + pad, y + pad, { width: widths[i]! - 2 * pad, align: opts.span ? "left" : columns[i]!.align === "right" ? "right" : "left" });
        x += widths[i]!;
      });
      line(doc, x0, y + height, sum(columns), RULE);
      doc.y = y + height;
    },
  };
}

const sum = (columns: Column[]) => columns.reduce((s, c) => s + c.width, 0);

function line(doc: Doc, x: number, y: number, width: number, color: string) {
  doc.save().moveTo(x, y).lineTo(x + width, y).lineWidth(0.4).strokeColor(color).stroke().restore();
}

async function drawUnitTable(doc: Doc, report: Report, i18n: I18n) {
  const { t, fmt } = i18n;
  const withChange = report.previous !== null;
  const w = contentWidth(doc);
  const nameWidth = 118;
  const figureCount = REPORT_COLUMNS.length + (withChange ? 2 : 0);
  const figureWidth = (w - nameWidth) / figureCount;
  const columns: Column[] = [
    { label: t("report.col.unit"), width: nameWidth, align: "left" },
    ...REPORT_COLUMNS.map((c) => ({ label: t(`report.col.${c.key}`), width: figureWidth, align: "right" as const })),
    ...(withChange
      ? [
          { label: t("report.col.changeStaffed"), width: figureWidth, align: "right" as const },
          { label: t("report.col.changeOfficers"), width: figureWidth, align: "right" as const },
        ]
      : []),
  ];
  const change = (n: number | null) => (n === null ? "—" : n > 0 ? `+${fmt.number(n)}` : fmt.number(n));
  const cells = (name: string, f: Figures, before: Figures | null) => [
    name,
    ...REPORT_COLUMNS.map((c) => {
      const v = c.get(f);
      return c.kind === "percent" ? fmt.percent(v) : c.kind === "decimal" ? fmt.decimal(v) : fmt.number(v ?? 0);
    }),
    ...(withChange ? [change(before ? f.staffed - before.staffed : null), change(before ? f.officers - before.officers : null)] : []),
  ];
  const tbl = table(doc, columns);
  // the commune-level table groups its rows under "Province › District" lines instead of extra columns
  let group = "";
  let n = 0;
  for (const r of report.children) {
    const g = r.within.join(" › ");
    if (g && g !== group) {
      group = g;
      tbl.row([g], { bold: true, span: true });
    }
    tbl.row(cells(r.name, r.figures, r.previous));
    if (++n % 400 === 0) await breathe(doc);
  }
  tbl.row(cells(t("report.total"), report.total, report.previous), { bold: true, shade: true });
  doc.moveDown(0.8);
}

function drawPhaseTable(doc: Doc, report: Report, i18n: I18n) {
  const { t, fmt } = i18n;
  const national = report.unit === null;
  const w = contentWidth(doc);
  const columns: Column[] = [
    ...(national ? [{ label: t("phases.province"), width: 110, align: "left" as const }] : []),
    { label: t("phases.phase"), width: national ? 90 : 150, align: "left" },
    { label: t("phases.target"), width: 62, align: "right" },
    { label: t("phases.communes"), width: 55, align: "right" },
    { label: t("phases.staffed"), width: 55, align: "right" },
    { label: t("phases.fully"), width: 60, align: "right" },
  ];
  columns.push({ label: t("phases.status"), width: w - sum(columns), align: "left" });
  const tbl = table(doc, columns, 7.5);
  for (const p of report.phases) {
    tbl.row([
      ...(national ? [p.provinceName] : []),
      p.name,
      p.targetDate ? fmt.date(p.targetDate) : "—",
      fmt.number(p.communes),
      fmt.number(p.staffed),
      fmt.number(p.fullyStaffed),
      t(`phases.status.${p.status}`),
    ]);
  }
  doc.moveDown(0.8);
}

const SERIES = [
  { key: "inProgramme", color: "#78716c", dash: true, label: "series.inProgramme" },
  { key: "staffed", color: "#1d4ed8", dash: false, label: "series.staffed" },
  { key: "fullyStaffed", color: "#d97706", dash: false, label: "series.fullyStaffed" },
] as const;

/** The coverage-over-time chart as vector lines: communes in the programme, staffed and fully staffed. */
function drawChart(doc: Doc, series: CoverageSeries | null, i18n: I18n) {
  const { t, fmt } = i18n;
  const points = series?.points ?? [];
  if (points.length === 0 || points.every((p) => p.staffed === 0)) {
    doc.font("serif").fontSize(10).text(t("report.series.none"), MARGIN.left, doc.y, { width: contentWidth(doc) });
    return;
  }
  const w = contentWidth(doc);
  const axisW = 44;
  const plot = { x: MARGIN.left + axisW, y: doc.y + 6, w: w - axisW - 6, h: 170 };
  const max = niceMax(Math.max(...points.map((p) => Math.max(p.inProgramme, p.staffed))));
  const t0 = Date.parse(points[0]!.date);
  const t1 = Date.parse(points.at(-1)!.date);
  const xOf = (d: string) => plot.x + (t1 === t0 ? plot.w : ((Date.parse(d) - t0) / (t1 - t0)) * plot.w);
  const yOf = (v: number) => plot.y + plot.h - (v / max) * plot.h;

  doc.font("sans").fontSize(7).fillColor(MUTED);
  for (let i = 0; i <= 4; i++) {
    const v = (max / 4) * i;
    const y = yOf(v);
    line(doc, plot.x, y, plot.w, i === 0 ? INK : "#e7e5e4");
    doc.text(fmt.number(v), MARGIN.left, y - 4, { width: axisW - 4, align: "right", lineBreak: false });
  }
  // a tick at each 1 January inside the chart (or each month when it spans less than a year)
  const first = new Date(t0);
  const short = t1 - t0 < 370 * 86_400_000;
  for (let d = new Date(Date.UTC(first.getUTCFullYear(), short ? first.getUTCMonth() + 1 : 12, 1)); d.getTime() <= t1; ) {
    const iso = d.toISOString().slice(0, 10);
    const x = xOf(iso);
    doc.save().moveTo(x, plot.y + plot.h).lineTo(x, plot.y + plot.h + 3).lineWidth(0.4).strokeColor(INK).stroke().restore();
    const label = short ? `${d.getUTCMonth() + 1}/${d.getUTCFullYear()}` : String(d.getUTCFullYear());
    doc.text(label, x - 20, plot.y + plot.h + 5, { width: 40, align: "center", lineBreak: false });
    d = short ? new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)) : new Date(Date.UTC(d.getUTCFullYear() + 1, 0, 1));
  }
  for (const s of SERIES) {
    doc.save();
    points.forEach((p, i) => (i === 0 ? doc.moveTo(xOf(p.date), yOf(p[s.key])) : doc.lineTo(xOf(p.date), yOf(p[s.key]))));
    if (s.dash) doc.dash(3, { space: 2 });
    doc.lineWidth(1.4).strokeColor(s.color).stroke().restore();
  }
  // legend
  let lx = plot.x;
  const ly = plot.y + plot.h + 20;
  for (const s of SERIES) {
    doc.save().moveTo(lx, ly + 4).lineTo(lx + 16, ly + 4).lineWidth(2).strokeColor(s.color);
    if (s.dash) doc.dash(3, { space: 2 });
    doc.stroke().restore();
    const label = t(s.label);
    doc.font("sans").fontSize(8).fillColor(INK).text(label, lx + 20, ly, { lineBreak: false });
    lx += 20 + doc.widthOfString(label) + 18;
  }
  doc.font("serifItalic").fontSize(8.5).fillColor(MUTED).text(t("report.series.caption"), MARGIN.left, ly + 16, { width: w });
  doc.fillColor(INK);
}

/** 8.876 → 10.000; 349 → 400: an axis top that reads well. */
function niceMax(v: number): number {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}
