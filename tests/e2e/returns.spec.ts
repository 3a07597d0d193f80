import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";

const MONTH = "2026-10";

/** Kỳ Sơn's approved security-report total for October 2026 on the results page. */
async function approvedSecurityReports(page: Page) {
  await page.goto(`/results?unit=417&from=10/2026&to=10/2026`);
  const text = await page.getByTestId("total-securityReports").locator("dd").textContent();
  return Number(text!.replace(/\./g, ""));
}

/** The same total on Kỳ Sơn's dashboard (its results section covers the last twelve months). */
async function dashboardSecurityReports(page: Page) {
  await page.goto("/units/417");
  const card = page.getByTestId("results-summary").locator("div", { hasText: "Tin về ANTT tiếp nhận" }).last();
  return Number((await card.locator("dd").first().textContent())!.replace(/\./g, ""));
}

test("a district submits a monthly return, the province approves it, the district can no longer edit it, and the totals change", async ({ browser }) => {
  const district = await (await browser.newContext()).newPage();
  const province = await (await browser.newContext()).newPage();
  await signIn(district, "huyen.kyson");
  await signIn(province, "tinh.nghean");
  const before = await approvedSecurityReports(province);
  const dashboardBefore = await dashboardSecurityReports(province);

  // the district opens a commune that has not reported yet
  await district.goto(`/results/returns?month=${MONTH}`);
  await district.getByTestId("status-filter").getByRole("link", { name: /Chưa có/ }).click();
  await expect(district).toHaveURL(/status=NONE/);
  await expect(district.getByTestId("returns-table").locator("[data-status]").first()).toHaveAttribute("data-status", "NONE");
  const row = district.getByTestId("returns-table").locator("tbody tr").first();
  const commune = (await row.getAttribute("data-commune"))!;
  await row.getByRole("link", { name: "Nhập báo cáo" }).click();
  await expect(district).toHaveURL(new RegExp(`/results/returns/${commune}\\?month=${MONTH}`));

  const form = district.getByTestId("return-form");
  await form.getByLabel("Tin về ANTT tiếp nhận").fill("-2");
  await form.getByRole("button", { name: "Lưu báo cáo" }).click();
  await expect(form.getByText("Không được là số âm.")).toBeVisible();
  await form.getByLabel("Tin về ANTT tiếp nhận").fill("5");
  await form.getByLabel("Hồ sơ CCCD gắn chip").fill("1.200");
  await form.getByRole("button", { name: "Lưu báo cáo" }).click();
  await expect(form.getByTestId("form-status")).toContainText("Đã lưu báo cáo tháng 10/2026");
  await expect(district.locator("[data-status=DRAFT]")).toBeVisible();
  await district.getByRole("button", { name: "Gửi Công an tỉnh duyệt" }).click();
  await expect(district.locator("[data-status=SUBMITTED]")).toBeVisible();
  await expect(district.getByTestId("return-form")).toHaveCount(0); // no more edits while it waits

  // the province finds it among those awaiting approval and approves it
  await province.goto(`/results/returns?month=${MONTH}&unit=417&status=SUBMITTED`);
  await province.locator(`tr[data-commune="${commune}"]`).getByRole("link", { name: "Mở" }).click();
  await expect(province.getByTestId("return-values")).toContainText("1.200");
  await province.getByRole("button", { name: "Duyệt và khóa" }).click();
  await expect(province.locator("[data-status=APPROVED]")).toBeVisible();
  await expect(province.getByTestId("return-history")).toContainText("Duyệt");

  // the district sees it locked
  await district.reload();
  await expect(district.getByTestId("return-locked")).toBeVisible();
  await expect(district.getByTestId("return-form")).toHaveCount(0);
  await expect(district.getByRole("button", { name: "Gửi Công an tỉnh duyệt" })).toHaveCount(0);

  // and the approved totals grew by the return's figures, on the results page and on the dashboard
  expect(await approvedSecurityReports(province)).toBe(before + 5);
  expect(await dashboardSecurityReports(province)).toBe(dashboardBefore + 5);
});

test("the ministry sees Hải Dương's results and its chip-ID target met 47 days early", async ({ page }) => {
  await signIn(page, "bo.vanphong");
  await page.goto("/results?unit=30&asOf=14/05/2021");
  await expect(page.getByTestId("total-securityReports")).toContainText("1.826");
  await expect(page.getByTestId("total-collectiveAwards")).toContainText("108");
  await expect(page.getByTestId("total-individualAwards")).toContainText("250");
  await expect(page.getByTestId("completeness-received")).toContainText("100%");
  await page.goto("/results?unit=30&asOf=30/06/2021");
  await expect(page.getByTestId("targets")).toContainText("Hoàn thành ngày 14/05/2021, trước hạn 47 ngày");
});

test("results and returns answer 404 outside the user's scope", async ({ page }) => {
  await signIn(page, "huyen.kyson");
  expect((await page.goto("/results?unit=30"))?.status()).toBe(404);
  expect((await page.goto("/results/returns?unit=421&month=2026-10"))?.status()).toBe(404);
  expect((await page.goto("/results/returns/17617?month=2026-10"))?.status()).toBe(404); // a commune of Đô Lương
});
