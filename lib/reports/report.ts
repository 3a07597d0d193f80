import "server-only";
import type { Viewer } from "@/lib/auth/session";
import { percent, type Figures } from "@/lib/coverage/figures";
import { getPhases, type PhaseRow } from "@/lib/coverage/phases";
import { getCommuneCoverage, getCoverage, type ChildFigures } from "@/lib/coverage/queries";
import type { IsoDate } from "@/lib/dates";
import type { I18n, MessageKey } from "@/lib/i18n";
import { findUnitByCode, type UnitOnDate } from "@/lib/units/queries";
import { addMonth, formatMonth, INDICATORS, monthOf } from "@/lib/results/indicators";
import { getResults, type Results } from "@/lib/results/queries";

// A summary report: the figures of one unit (or the country) on one date, per child unit, per phase, with
// the change since a comparison date — read through the same functions as the dashboards (getCoverage,
// getPhases), so a report can never disagree with the screen. Formats (page, CSV, XLSX) only lay it out.

export type ReportRow = {
  code: string;
  name: string;
  figures: Figures;
  previous: Figures | null;
  /** commune-level table: the names of the units between the report's unit and the commune */
  within: string[];
};

/** The rows of the table: the unit's children (the default) or every commune under it (a large export). */
export type ReportDetail = "children" | "communes";

export type Report = {
  unit: UnitOnDate | null;
  /** the viewer's own unit, which issues the report (null: the ministry office) */
  issuer: UnitOnDate | null;
  detail: ReportDetail;
  /** commune-level table: the header of each `within` column (province, district) */
  withinLevels: MessageKey[];
  asOf: IsoDate;
  compare: IsoDate | null;
  total: Figures;
  previous: Figures | null;
  /** provinces for the country, districts for a province, communes for a district; none for a commune */
  children: ReportRow[];
  phases: PhaseRow[];
  /** the results of the twelve months that ended before the as-of date (approved returns) */
  results: Results;
};

export async function buildReport(
  viewer: Viewer,
  unit: UnitOnDate | null,
  asOf: IsoDate,
  compare: IsoDate | null,
  detail: ReportDetail = "children",
): Promise<Report> {
  const unitId = unit?.id ?? null;
  const figures = detail === "communes" ? getCommuneCoverage : getCoverage;
  const lastMonth = addMonth(monthOf(asOf), -1);
  const [now, before, phases, issuer, results] = await Promise.all([
    figures(viewer, unitId, asOf),
    compare ? figures(viewer, unitId, compare) : Promise.resolve(null),
    getPhases(viewer, unitId, asOf),
    viewer.unitCode ? findUnitByCode(viewer.unitCode, asOf) : Promise.resolve(null),
    getResults(viewer, unitId, addMonth(lastMonth, -11), lastMonth, asOf),
  ]);
  const earlier = new Map<number, ChildFigures>((before?.children ?? []).map((c) => [c.unitId, c]));
  const withinLevels: MessageKey[] =
    detail === "children" || unit?.level === "DISTRICT" || unit?.level === "COMMUNE"
      ? []
      : unit?.level === "PROVINCE"
        ? ["report.col.district"]
        : ["report.col.province", "report.col.district"];
  return {
    unit,
    issuer,
    detail,
    withinLevels,
    asOf,
    compare,
    total: now.total,
    previous: before?.total ?? null,
    children: now.children.map((c) => ({
      code: c.code,
      name: c.name,
      figures: c.figures,
      previous: earlier.get(c.unitId)?.figures ?? null,
      within: c.within ?? [],
    })),
    phases,
    results,
  };
}

/** "23/4/2021": the way the ministry's own reports write dates (no leading zeros). */
export function reportDate(d: IsoDate): string {
  const [y, m, day] = d.split("-");
  return `${Number(day)}/${Number(m)}/${y}`;
}

/** "Công an tỉnh Kon Tum", "Công an huyện Kỳ Sơn", "Công an 63 tỉnh, thành phố trực thuộc Trung ương". */
export function policeOf(report: Report, i18n: I18n): string {
  const { t } = i18n;
  if (!report.unit) {
    const provinces = report.detail === "children" ? report.children.length : new Set(report.children.map((c) => c.within[0])).size;
    return t("report.policeNational", { n: provinces });
  }
  const name = report.unit.name;
  const lowered = name.replace(/^(Tỉnh|Thành phố|Huyện|Quận|Thị xã|Xã|Phường|Thị trấn|Đặc khu) /, (m) => m.toLowerCase());
  return t("report.policeOf", { unit: i18n.locale === "vi" ? lowered : name });
}

/**
 * The summary paragraph in the ministry's administrative style, e.g. "Tính đến ngày 23/4/2021, Công an 63
 * tỉnh, thành phố trực thuộc Trung ương đã bố trí 46.104 cán bộ Công an chính quy đảm nhiệm các chức danh
 * Công an xã tại 8.876/8.876 xã, thị trấn, đạt 100%, trung bình mỗi xã, thị trấn 5,2 đồng chí." — then
 * full staffing, the Party figures and the change since the comparison date, each only when it says something.
 */
export function summaryParagraph(report: Report, i18n: I18n): string[] {
  const { t, fmt } = i18n;
  const f = report.total;
  const date = reportDate(report.asOf);
  const police = policeOf(report, i18n);
  if (f.inProgramme === 0) return [t("report.summaryEmpty", { date, police })];
  const out: string[] = [];
  out.push(
    f.officers === 0
      ? t("report.summaryNone", { date, police, communes: fmt.number(f.inProgramme) })
      : t("report.summary", {
          date,
          police,
          officers: fmt.number(f.officers),
          staffed: fmt.number(f.staffed),
          inProgramme: fmt.number(f.inProgramme),
          percent: fmt.percent(f.coveragePercent),
          perCommune: fmt.decimal(f.officersPerCommune),
        }),
  );
  if (f.staffed > 0) {
    out.push(t("report.summaryFully", { fully: fmt.number(f.fullyStaffed), percent: fmt.percent(percent(f.fullyStaffed, f.inProgramme)) }));
  }
  if (f.partyCells > 0) {
    out.push(
      t("report.summaryParty", {
        cells: fmt.number(f.partyCells),
        police: fmt.number(f.secretariesPolice),
        executive: fmt.number(f.executiveMembers),
        standing: fmt.number(f.standingMembers),
      }),
    );
  }
  if (report.previous && report.compare) {
    const p = report.previous;
    const change = (now: number, before: number) => {
      const d = now - before;
      return d === 0 ? t("report.same") : d > 0 ? t("report.more", { n: fmt.number(d) }) : t("report.fewer", { n: fmt.number(-d) });
    };
    out.push(t("report.summaryChange", { date: reportDate(report.compare), communes: change(f.staffed, p.staffed), officers: change(f.officers, p.officers) }));
  }
  return [out.join(" ")];
}

/** The child-table columns every format shares: header key and how to read the value from a row. */
export const REPORT_COLUMNS = [
  { key: "inProgramme", get: (f: Figures) => f.inProgramme, kind: "int" },
  { key: "staffed", get: (f: Figures) => f.staffed, kind: "int" },
  { key: "percent", get: (f: Figures) => f.coveragePercent, kind: "percent" },
  { key: "fully", get: (f: Figures) => f.fullyStaffed, kind: "int" },
  { key: "officers", get: (f: Figures) => f.officers, kind: "int" },
  { key: "perCommune", get: (f: Figures) => f.officersPerCommune, kind: "decimal" },
  { key: "cells", get: (f: Figures) => f.partyCells, kind: "int" },
  { key: "secretaries", get: (f: Figures) => f.secretariesPolice, kind: "int" },
  { key: "executive", get: (f: Figures) => f.executiveMembers, kind: "int" },
  { key: "standing", get: (f: Figures) => f.standingMembers, kind: "int" },
] as const;

/**
 * Section V of a report: the results of the twelve months before the as-of date — reporting completeness and
 * the totals of approved returns — as label/value rows every format lays out the same way.
 */
export function resultsSection(results: Results, i18n: I18n): { period: string; rows: { label: string; value: number; kind: "int" | "percent" }[] } {
  const { t } = i18n;
  const e = results.total.expected;
  const share = (n: number) => (e > 0 ? percent(n, e) : 0);
  return {
    period: t("results.period12", { from: formatMonth(results.from), to: formatMonth(results.to) }),
    rows: [
      { label: t("results.expected"), value: e, kind: "int" },
      { label: t("results.received"), value: share(results.total.received), kind: "percent" },
      { label: t("results.onTime"), value: share(results.total.onTime), kind: "percent" },
      { label: t("results.approved"), value: share(results.total.approved), kind: "percent" },
      ...INDICATORS.map((i) => ({ label: t(`indicator.${i.key}`), value: results.total.values[i.key], kind: "int" as const })),
    ],
  };
}
