import { expect, test } from "@playwright/test";
import { figure, signIn } from "./helpers";

const HEADER = "Số hiệu;Họ và tên;Cấp bậc;Giới tính;Ngày sinh;Dân tộc;Đảng viên;Ngày vào Đảng;Mã xã;Chức danh;Ngày bắt đầu;Ngày kết thúc;Lý do kết thúc";
const roster = (birth: string) =>
  Buffer.from(
    `\uFEFF${HEADER}\r\nE2E-1;Lò Văn Nhập;Trung sĩ;Nam;01/01/1999;Thái;Không;;16816;Cán bộ Công an xã;01/06/2026;;\r\n` +
      `E2E-2;Vi Thị Nhập;Thiếu úy;Nữ;${birth};Thái;Có;03/02/2020;16816;Cán bộ Công an xã;01/06/2026;;\r\n`,
  );

test("a district user imports a roster with one bad row, sees the error, fixes it, imports; the figures follow", async ({ page }) => {
  await signIn(page, "huyen.kyson");
  await expect(figure(page, "officers")).toHaveText(/^\d/); // figures stream in after the page shell
  const before = Number((await figure(page, "officers").textContent())!.replace(/\./g, ""));

  await page.getByRole("link", { name: "Nhập tệp" }).click();
  const input = page.getByLabel("Tệp danh sách");
  await input.setInputFiles({ name: "danh-sach.csv", mimeType: "text/csv", buffer: roster("31/02/1998") });
  await page.getByRole("button", { name: "Kiểm tra (chưa ghi)" }).click();
  await expect(page.getByTestId("import-errors-heading")).toContainText("1 lỗi");
  await expect(page.getByTestId("import-errors")).toContainText("Ngày sinh không hợp lệ (dd/mm/yyyy).");
  await expect(page.getByTestId("import-errors").locator("tbody tr td").first()).toHaveText("3");
  await expect(page.getByRole("button", { name: "Xác nhận nhập vào hệ thống" })).toHaveCount(0);

  await input.setInputFiles({ name: "danh-sach.csv", mimeType: "text/csv", buffer: roster("28/02/1998") });
  await page.getByRole("button", { name: "Kiểm tra (chưa ghi)" }).click();
  await expect(page.getByTestId("import-summary")).toContainText("2");
  await page.getByRole("button", { name: "Xác nhận nhập vào hệ thống" }).click();
  await expect(page.getByTestId("import-done")).toBeVisible();

  await page.getByRole("link", { name: "Tổng quan" }).click();
  await expect(figure(page, "officers")).toHaveText(new Intl.NumberFormat("vi-VN").format(before + 2));
});

test("the template downloads with Vietnamese headers", async ({ page }) => {
  await signIn(page, "huyen.kyson");
  const res = await page.request.get("/api/import/template?format=csv");
  expect(res.status()).toBe(200);
  const text = (await res.body()).toString("utf8");
  expect(text.startsWith("\uFEFFSố hiệu,Họ và tên,Cấp bậc")).toBe(true);
  const xlsx = await page.request.get("/api/import/template?format=xlsx");
  expect(xlsx.headers()["content-type"]).toContain("spreadsheetml");
});

test("the import API refuses the ministry and signed-out callers", async ({ page, request }) => {
  const anon = await request.post("/api/import", { multipart: { file: { name: "a.csv", mimeType: "text/csv", buffer: roster("01/01/1998") } } });
  expect(anon.status()).toBe(401);
  await signIn(page, "bo.vanphong");
  const res = await page.request.post("/api/import", { multipart: { file: { name: "a.csv", mimeType: "text/csv", buffer: roster("01/01/1998") } } });
  expect(res.status()).toBe(403);
});

test("a long import reports its progress while it runs, then the report", async ({ page }) => {
  await signIn(page, "huyen.kyson");
  const rows = Array.from({ length: 2500 }, (_, i) => `PRG-${i};Lò Văn Tiến ${i};Trung sĩ;Nam;01/01/1999;Thái;Không;;16816;Cán bộ Công an xã;01/06/2026;;`);
  const res = await page.request.post("/api/import", {
    multipart: { file: { name: "dai.csv", mimeType: "text/csv", buffer: Buffer.from(`\uFEFF${HEADER}\r\n${rows.join("\r\n")}\r\n`) } },
  });
  expect(res.status()).toBe(200);
  const lines = (await res.text()).trim().split("\n").map((l) => JSON.parse(l) as { progress?: number; report?: { totalRows: number; committed: boolean; errors: unknown[] } });
  expect(lines.filter((l) => l.progress !== undefined).map((l) => l.progress)).toEqual(expect.arrayContaining([1000, 2000, 2500]));
  expect(lines.at(-1)?.report).toMatchObject({ totalRows: 2500, committed: false, errors: [] });
});
