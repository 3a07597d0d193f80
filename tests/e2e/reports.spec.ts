import { readFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test("the ministry opens Kon Tum's report as of 23/04/2019 and downloads it as Excel and CSV", async ({ page }) => {
  await signIn(page, "bo.vanphong");
  await page.goto("/units/62?asOf=2019-04-23");
  await page.getByRole("link", { name: "Báo cáo", exact: true }).last().click();
  await expect(page).toHaveURL(/\/reports\?unit=62&asOf=2019-04-23/);
  await expect(page.getByTestId("report-summary")).toContainText("Tính đến ngày 23/4/2019, Công an tỉnh Kon Tum đã bố trí 349 cán bộ");
  await expect(page.getByTestId("report-summary")).toContainText("60/61");
  await expect(page.getByTestId("report-table").locator("tbody tr")).toHaveCount(11); // 10 districts + total
  await expect(page.getByTestId("report-issuer")).toHaveText(/Văn phòng Bộ Công an/i);

  const xlsx = page.waitForEvent("download");
  await page.getByTestId("report-xlsx").click();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await readFile(await (await xlsx).path())) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet("Theo đơn vị")!;
  expect(ws.getRow(ws.rowCount).getCell(7).value).toBe(349);

  const csv = page.waitForEvent("download");
  await page.getByTestId("report-csv").click();
  const text = await readFile(await (await csv).path(), "utf8");
  expect(text.charCodeAt(0)).toBe(0xfeff);
  expect(text).toContain("Huyện Đắk Glei");
  expect(text.trim().split("\r\n").at(-1)).toMatch(/^62,Tổng cộng,86,86,100,5,349,/);
});

test("the ministry downloads the national report as PDF, and every commune's figures as Excel", async ({ page }) => {
  await signIn(page, "bo.vanphong");
  await page.goto("/reports?asOf=2021-04-23");
  await expect(page.getByTestId("report-summary")).toContainText("Công an 63 tỉnh, thành phố trực thuộc Trung ương đã bố trí 46.104 cán bộ");

  const pdf = page.waitForEvent("download");
  await page.getByTestId("report-pdf").click();
  const file = await pdf;
  expect(file.suggestedFilename()).toBe("bao-cao-toan-quoc-2021-04-23.pdf");
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await pdfjs.getDocument({ data: new Uint8Array(await readFile(await file.path())) }).promise;
  const first = (await (await doc.getPage(1)).getTextContent()).items.map((i) => ("str" in i ? i.str : "")).join(" ");
  expect(first).toContain("Tỉnh Thừa Thiên Huế");
  expect(first).toContain("46.104");

  const xlsx = page.waitForEvent("download");
  await page.getByTestId("report-communes-xlsx").click();
  const communes = await xlsx;
  expect(communes.suggestedFilename()).toBe("bao-cao-cap-xa-toan-quoc-2021-04-23.xlsx");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await readFile(await communes.path())) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet("Theo xã")!;
  expect(ws.rowCount).toBeGreaterThan(10_000);
  expect(ws.getRow(ws.rowCount).getCell(9).value).toBe(46_104);
});

test("report downloads: 400 for bad parameters, 404 outside the scope, 401 signed out", async ({ page, request }) => {
  await signIn(page, "tinh.nghean");
  const bad = await page.request.get("/api/reports?format=csv&asOf=31/02/2021");
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error).toContain("Ngày số liệu không hợp lệ");
  expect((await page.request.get("/api/reports?format=csv&unit=62")).status()).toBe(404);
  expect((await page.request.get("/api/reports?format=csv&unit=40")).status()).toBe(200);
  expect((await request.get("/api/reports?format=csv")).status()).toBe(401);
  expect((await page.goto("/reports?unit=62"))?.status()).toBe(404);
});
