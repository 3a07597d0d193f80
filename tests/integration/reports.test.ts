// Reports agree with the dashboards: the paragraph, the CSV and the workbook (read back with exceljs) carry
// the figures getCoverage gives for the same unit and date.
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { getCoverage } from "@/lib/coverage/queries";
import type { IsoDate } from "@/lib/dates";
import { i18nFor } from "@/lib/i18n";
import { reportCsv, reportTable, reportXlsx } from "@/lib/reports/export";
import { computeSeries } from "@/lib/coverage/series";
import { reportPdf, reportPdfStream } from "@/lib/reports/pdf";
import { INDICATORS, type IndicatorValues, type Month } from "@/lib/results/indicators";
import { ReportParamsSchema } from "@/lib/reports/params";
import { buildReport, reportDate, resultsSection, summaryParagraph, type Report } from "@/lib/reports/report";
import { getResults } from "@/lib/results/queries";
import { findUnitByCode, type UnitOnDate } from "@/lib/units/queries";
import type { Viewer } from "@/lib/auth/session";
import { withTestDatabase } from "../support/db";
import { ministry, viewerOf } from "../support/viewers";

const db = withTestDatabase("tmpl_demo");
const vi = i18nFor("vi");
const d = (s: string) => s as IsoDate;
let ngheAn: Viewer;
let kySon: Viewer;

beforeAll(async () => {
  ngheAn = await viewerOf(db.client(), "PROVINCE", "40");
  kySon = await viewerOf(db.client(), "DISTRICT", "417");
});

const unit = async (code: string, asOf: IsoDate) => (await findUnitByCode(code, asOf)) as UnitOnDate;

describe("the summary paragraph", () => {
  it("nationwide on 23/04/2021, in the ministry's own words", async () => {
    const r = await buildReport(ministry, null, d("2021-04-23"), null);
    expect(summaryParagraph(r, vi)[0]).toMatch(
      /^Tính đến ngày 23\/4\/2021, Công an 63 tỉnh, thành phố trực thuộc Trung ương đã bố trí 46\.104 cán bộ Công an chính quy đảm nhiệm các chức danh Công an xã tại 8\.876\/8\.876 xã, thị trấn, đạt 100%, trung bình mỗi xã, thị trấn 5,2 đồng chí\./,
    );
  });

  it("Kon Tum's pilot on 23/04/2019 with its Party figures and the change since a month earlier", async () => {
    const r = await buildReport(ministry, await unit("62", d("2019-04-23")), d("2019-04-23"), d("2019-03-23"));
    const text = summaryParagraph(r, vi)[0]!;
    expect(text).toContain("Công an tỉnh Kon Tum đã bố trí 349 cán bộ");
    expect(text).toContain("tại 86/86 xã, thị trấn, đạt 100%");
    expect(text).toContain("Đã thành lập 61 chi bộ Công an xã, trong đó 60/61 đồng chí Bí thư chi bộ là Công an xã; 41 đồng chí tham gia Ban Chấp hành Đảng bộ xã, 22 đồng chí tham gia Ban Thường vụ Đảng ủy xã.");
    const before = await getCoverage(ministry, r.unit!.id, d("2019-03-23"));
    const delta = 349 - before.total.officers;
    expect(text).toContain(`So với ngày 23/3/2019, số xã, thị trấn đã bố trí ${before.total.staffed === 86 ? "không đổi" : `tăng ${86 - before.total.staffed}`}; số cán bộ ${delta === 0 ? "không đổi" : `tăng ${delta}`}.`);
  });

  it("has an English version", async () => {
    const r = await buildReport(ministry, null, d("2021-04-23"), null);
    expect(summaryParagraph(r, i18nFor("en"))[0]).toMatch(/^As of 23\/4\/2021, the police of the 63 provinces .* 46,104 regular police officers .* 8,876\/8,876 communes and towns \(100%\), 5\.2 officers per commune/);
  });

  it("writes dates the way the reports do", () => {
    expect(reportDate(d("2021-04-03"))).toBe("3/4/2021");
  });
});

describe("the files agree with the dashboard", () => {
  const cases: [string | null, string, () => Viewer][] = [
    [null, "2021-04-23", () => ministry],
    ["40", "2020-06-30", () => ngheAn],
    ["417", "2026-11-21", () => kySon],
  ];

  it.each(cases)("CSV of %s on %s: every row and the total match getCoverage", async (code, asOf, who) => {
    const viewer = who();
    const u = code ? await unit(code, d(asOf)) : null;
    const report = await buildReport(viewer, u, d(asOf), null);
    const cov = await getCoverage(viewer, u?.id ?? null, d(asOf));
    const lines = reportCsv(report, vi).replace(/^\uFEFF/, "").trim().split("\r\n").map((l) => l.split(","));
    expect(lines).toHaveLength(cov.children.length + 2);
    const byCode = new Map(lines.slice(1).map((l) => [l[0], l]));
    for (const c of cov.children) {
      const l = byCode.get(c.code)!;
      expect(l.slice(2, 5), c.name).toEqual([String(c.figures.inProgramme), String(c.figures.staffed), c.figures.coveragePercent === null ? "" : String(c.figures.coveragePercent)]);
      expect(Number(l[6])).toBe(c.figures.officers);
    }
    const total = lines.at(-1)!;
    expect([total[1], Number(total[2]), Number(total[3]), Number(total[6])]).toEqual(["Tổng cộng", cov.total.inProgramme, cov.total.staffed, cov.total.officers]);
  });

  it("the workbook has typed cells, a % format, a frozen header and the same total", async () => {
    const u = await unit("40", d("2020-06-30"));
    const report = await buildReport(ngheAn, u, d("2020-06-30"), d("2020-01-01"));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await reportXlsx(report, vi)) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Tổng hợp", "Theo đơn vị", "Theo giai đoạn", "Kết quả"]);
    const ws = wb.getWorksheet("Theo đơn vị")!;
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(ws.getRow(1).getCell(2).value).toBe("Đơn vị");
    expect(ws.rowCount).toBe(report.children.length + 2);
    const total = ws.getRow(ws.rowCount);
    expect(total.getCell(2).value).toBe("Tổng cộng");
    expect(total.getCell(3).value).toBe(report.total.inProgramme);
    expect(total.getCell(4).value).toBe(report.total.staffed);
    expect(total.getCell(5).value).toBeCloseTo(report.total.coveragePercent! / 100, 5);
    expect(ws.getColumn(5).numFmt).toBe("0.0%");
    expect(total.getCell(7).value).toBe(report.total.officers);
    expect(typeof total.getCell(13).value).toBe("number"); // change in communes staffed since 01/01/2020
    const summary = wb.getWorksheet("Tổng hợp")!;
    expect(String(summary.getRow(5).getCell(1).value)).toBe(summaryParagraph(report, vi)[0]);
    expect(wb.getWorksheet("Theo giai đoạn")!.rowCount).toBe(report.phases.length + 1);
  });

  it("a district cannot report on its province, nor the country", async () => {
    for (const u of [await unit("40", d("2021-04-23")), null]) {
      const err = await buildReport(kySon, u, d("2021-04-23"), null).then(() => null, (e: unknown) => e);
      expect(String((err as { digest?: string } | null)?.digest ?? "")).toContain("404");
    }
  });
});

/** The text of each page of a PDF, as a reader would copy it (pdf.js, the engine of Firefox's viewer). */
async function pdfPages(pdf: Buffer): Promise<string[]> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((it) => ("str" in it ? it.str : "")).join(" ").replace(/\s+/g, " "));
  }
  return pages;
}

describe("the PDF", () => {
  it("nationwide: the header, the paragraph and every province with its Vietnamese letters, numbered pages", async () => {
    const report = await buildReport(ministry, null, d("2021-04-23"), d("2020-12-31"));
    const pdf = await reportPdf(report, await computeSeries(null, d("2021-04-23")), vi);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const pages = await pdfPages(pdf);
    const text = pages.join(" ");
    expect(text).toContain("VĂN PHÒNG BỘ CÔNG AN");
    expect(text).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    expect(text).toContain("(Số liệu tính đến ngày 23/4/2021)");
    // the paragraph wraps across lines; words and their marks survive
    expect(text).toContain(summaryParagraph(report, vi)[0]!.slice(0, 60));
    for (const name of ["Tỉnh Nghệ An", "Tỉnh Thừa Thiên Huế", "Tỉnh Đắk Lắk", "Thành phố Hồ Chí Minh", "Tỉnh Bà Rịa - Vũng Tàu"]) expect(text).toContain(name);
    expect(text).toMatch(/Tổng cộng 8\.876 8\.876 100% 8\.876 46\.104 5,2 8\.840 8\.758 5\.101 2\.521 \+164 \+1\.602/);
    expect(text).toContain("IV. Tiến độ theo thời gian");
    pages.forEach((p, i) => expect(p).toContain(`Trang ${i + 1}`));
    // the table header repeats on every page the table continues on
    expect(pages[1]).toMatch(/^Trang 2 Đơn vị Thuộc diện/);
  });

  it("a province's commune-level table groups the communes under their districts", async () => {
    const kontum = await viewerOf(db.client(), "PROVINCE", "62");
    const report = await buildReport(kontum, await unit("62", d("2019-04-23")), d("2019-04-23"), null, "communes");
    const text = (await pdfPages(await reportPdf(report, null, vi))).join(" ");
    expect(text).toContain("CÔNG AN TỈNH KON TUM");
    expect(text).toMatch(/Huyện Đắk Glei .*Xã Đắk Long/);
    expect(text).toContain("Chưa có số liệu theo thời gian.");
    expect(report.children.every((c) => c.within.length === 1)).toBe(true);
  });

  it("in English", async () => {
    const report = await buildReport(ngheAn, await unit("40", d("2020-06-30")), d("2020-06-30"), null);
    const text = (await pdfPages(await reportPdf(report, null, i18nFor("en")))).join(" ");
    expect(text).toContain("SOCIALIST REPUBLIC OF VIET NAM");
    expect(text).toContain("Huyện Kỳ Sơn");
    expect(text).toContain("Page 1");
  });
});

describe("the national commune-level table", () => {
  it("has every commune of the map once, with its province and district, and adds up to the national figures", async () => {
    const asOf = d("2021-04-23");
    const report = await buildReport(ministry, null, asOf, null, "communes");
    const national = await getCoverage(ministry, null, asOf);
    const lines = reportCsv(report, vi).replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe("Mã,\"Tỉnh, thành phố\",\"Quận, huyện, thị xã\",Đơn vị,Thuộc diện,Đã bố trí,Tỷ lệ,Đủ định biên,Cán bộ,BQ/xã,Chi bộ,Bí thư là CA,BCH Đảng bộ xã,BTV Đảng ủy xã");
    const { rows } = await db.client().query<{ n: number }>(
      `SELECT count(*)::int AS n FROM unit u JOIN unit_version v ON v.unit_id = u.id
       WHERE u.level = 'COMMUNE' AND (v.valid_from IS NULL OR v.valid_from <= $1) AND (v.valid_to IS NULL OR v.valid_to > $1)`,
      [asOf],
    );
    expect(report.children).toHaveLength(rows[0]!.n);
    expect(lines).toHaveLength(rows[0]!.n + 2);
    expect(new Set(report.children.map((c) => c.code)).size).toBe(report.children.length);
    const add = (pick: (f: Report["total"]) => number) => report.children.reduce((s, c) => s + pick(c.figures), 0);
    expect(add((f) => f.inProgramme)).toBe(national.total.inProgramme);
    expect(add((f) => f.staffed)).toBe(national.total.staffed);
    expect(add((f) => f.officers)).toBe(national.total.officers);
    expect(add((f) => f.partyCells)).toBeGreaterThanOrEqual(national.total.partyCells); // a cell may cover two communes
    expect(report.total).toEqual(national.total);
    const dakLong = lines.find((l) => l.includes(",Xã Đắk Long,"))!;
    expect(dakLong).toMatch(/^\d{5},Tỉnh Kon Tum,Huyện Đắk Glei,Xã Đắk Long,1,1,100,/);
    // the workbook's commune sheet has the same rows, with frozen code, province, district and name columns
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await reportXlsx(report, vi)) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("Theo xã")!;
    expect(ws.rowCount).toBe(lines.length);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1, xSplit: 4 });
    expect(ws.getRow(ws.rowCount).getCell(9).value).toBe(national.total.officers);
  });

  it("its PDF streams out whole when read to the end, and stops being drawn when the reader hangs up", async () => {
    const read = async (report: Report, cancelAfterFirstChunk: boolean) => {
      let bytes: Buffer | null = null;
      const finished = await new Promise<boolean>((resolve) => {
        const reader = reportPdfStream(report, null, vi, resolve).getReader();
        void (async () => {
          const chunks: Uint8Array[] = [];
          for (;;) {
            const { done, value } = await reader.read();
            if (done) break;
            chunks.push(value);
            if (cancelAfterFirstChunk) return void (await reader.cancel());
          }
          bytes = Buffer.concat(chunks);
        })();
      });
      return { finished, bytes: () => bytes };
    };
    const asOf = d("2021-04-23");
    const province = await read(await buildReport(ngheAn, await unit("40", asOf), asOf, null, "communes"), false);
    expect(province.finished).toBe(true);
    await expect.poll(() => province.bytes()?.subarray(-6).toString().trim()).toBe("%%EOF");
    // ten thousand communes are hundreds of pages: the drawing ends at its next breath, unfinished (and the
    // render slot it held is given back)
    expect((await read(await buildReport(ministry, null, asOf, null, "communes"), true)).finished).toBe(false);
  });

  it("a district's commune-level table is its child table", async () => {
    const u = await unit("417", d("2021-04-23"));
    const [byChild, byCommune] = await Promise.all([
      buildReport(kySon, u, d("2021-04-23"), null),
      buildReport(kySon, u, d("2021-04-23"), null, "communes"),
    ]);
    expect(byCommune.withinLevels).toEqual([]);
    expect(byCommune.children.map((c) => [c.code, c.figures])).toEqual(byChild.children.map((c) => [c.code, c.figures]));
  });
});

describe("section V: results", () => {
  it("the report carries the twelve months before its date, as the results page counts them, in every format", async () => {
    const hd = await unit("30", d("2021-05-14"));
    const report = await buildReport(ministry, hd, d("2021-05-14"), null);
    const direct = await getResults(ministry, hd.id, "2020-05" as Month, "2021-04" as Month, d("2021-05-14"));
    expect(report.results.total).toEqual(direct.total);
    expect(report.results.total).toMatchObject({ expected: 188 * 12, received: 188 * 12 });
    const section = resultsSection(report.results, vi);
    expect(section.period).toBe("12 tháng gần nhất: từ 05/2020 đến 04/2021");
    expect(section.rows.find((r) => r.label === "Tin về ANTT tiếp nhận")!.value).toBe(direct.total.values.securityReports);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await reportXlsx(report, vi)) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("Kết quả")!;
    expect(ws.getRow(4).values).toEqual([undefined, "Đã nhận", 1]);
    expect(ws.getRow(4).getCell(2).numFmt).toBe("0.0%");
    const text = (await pdfPages(await reportPdf(report, null, vi))).join(" ");
    expect(text).toContain("V. Kết quả công tác");
    expect(text).toContain(`Tin về ANTT tiếp nhận ${vi.fmt.number(direct.total.values.securityReports)}`);
  });
});

describe("hostile content and input", () => {
  const evil: Report = {
    unit: null,
    issuer: null,
    detail: "children",
    withinLevels: [],
    asOf: d("2021-04-23"),
    compare: null,
    total: { inProgramme: 1, staffed: 1, fullyStaffed: 1, officers: 5, officersPerCommune: 5, coveragePercent: 100, partyCells: 0, secretariesPolice: 0, executiveMembers: 0, standingMembers: 0 },
    previous: null,
    children: [{ code: "99", name: '=HYPERLINK("http://evil","bấm")', figures: { inProgramme: 1, staffed: 1, fullyStaffed: 1, officers: 5, officersPerCommune: 5, coveragePercent: 100, partyCells: 0, secretariesPolice: 0, executiveMembers: 0, standingMembers: 0 }, previous: null, within: [] }],
    phases: [],
    results: {
      from: "2021-03" as Month,
      to: "2021-03" as Month,
      asOf: d("2021-04-23"),
      total: { expected: 0, received: 0, onTime: 0, approved: 0, values: Object.fromEntries(INDICATORS.map((i) => [i.key, 0])) as IndicatorValues },
      byMonth: [],
      byChild: [],
    },
  };

  it("a unit name that looks like a formula is text in the CSV and in the workbook", async () => {
    expect(reportCsv(evil, vi)).toContain(`"'=HYPERLINK(""http://evil"",""bấm"")"`);
    expect(reportTable(evil, vi)[1]![1]).toBe('=HYPERLINK("http://evil","bấm")'); // the data is kept; only the file neutralises
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await reportXlsx(evil, vi)) as unknown as ArrayBuffer);
    const cell = wb.getWorksheet("Theo đơn vị")!.getRow(2).getCell(2);
    expect(cell.value).toBe(`'=HYPERLINK("http://evil","bấm")`);
    expect(cell.formula).toBeUndefined();
  });

  it("parameters are checked with Vietnamese messages", () => {
    const bad = (input: object) => {
      const r = ReportParamsSchema.safeParse(input);
      return r.success ? null : r.error.issues[0]!.message;
    };
    expect(bad({ asOf: "31/02/2021" })).toBe("Ngày số liệu không hợp lệ: dùng dạng dd/mm/yyyy hoặc yyyy-mm-dd.");
    expect(bad({ asOf: "2021-04-23", compare: "2021-05-01" })).toBe("Ngày so sánh phải trước ngày số liệu.");
    expect(bad({ asOf: "2021-04-23", unit: "62; drop" })).toBe("Mã đơn vị gồm 2 đến 5 chữ số (mã GSO).");
    expect(bad({ asOf: "2021-04-23", format: "exe" })).toBe("Định dạng phải là pdf, xlsx hoặc csv.");
    expect(ReportParamsSchema.parse({ asOf: "23/04/2021", format: "csv" })).toMatchObject({ asOf: "2021-04-23", format: "csv" });
  });
});
