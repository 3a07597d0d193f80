import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { figure, signIn } from "./helpers";

test.describe("dashboards", () => {
  test("ministry drills from the map to Kon Tum to a commune as of 23/04/2019, then back up", async ({ page }) => {
    await signIn(page, "bo.vanphong");
    await page.goto("/?asOf=2019-04-23");
    const tile = page.getByTestId("province-map").locator('[data-province="62"]');
    // hover text: the province's own figures
    await expect(tile.locator("title")).toHaveText(/^Tỉnh Kon Tum: 86\/86 \(100%\) xã, thị trấn đã bố trí; 5 đủ định biên; 349 cán bộ/);
    // and the link's name for a screen reader
    await expect(tile).toHaveAccessibleName(/^Tỉnh Kon Tum: 86\/86 \(100%\)/);
    await expect(page.getByTestId("province-map").getByRole("link", { name: /^Tỉnh Kon Tum: 86\/86/ })).toHaveCount(1);
    await tile.click();
    await expect(page).toHaveURL(/\/units\/62\?asOf=2019-04-23/);
    await expect(page.getByTestId("unit-title")).toHaveText("Tỉnh Kon Tum");
    await expect(figure(page, "coverage")).toHaveText("86/86 (100%)");
    await expect(page.getByTestId("phases-table")).toContainText("Thí điểm");
    await page.getByTestId("children-table").getByRole("link", { name: "Huyện Kon Plông", exact: true }).click();
    await page.getByTestId("children-table").getByRole("link", { name: "Xã Đắk Long", exact: true }).click();
    await expect(page.getByTestId("unit-title")).toHaveText("Xã Đắk Long");
    await expect(page.getByTestId("officer-table").locator("tbody tr")).not.toHaveCount(0);
    await expect(page.getByTestId("officer-table")).toContainText("Trưởng Công an xã");
    await expect(page.getByTestId("commune-phase")).toContainText("Thí điểm");
    await expect(page.getByTestId("commune-norm")).toHaveText(/^\d+\/5$/);
    await expect(page.getByTestId("history-table")).toContainText("đang đảm nhiệm");
    await page.getByRole("navigation", { name: "Đường dẫn" }).getByRole("link", { name: "Tỉnh Kon Tum" }).click();
    await expect(page.getByTestId("unit-title")).toHaveText("Tỉnh Kon Tum");
    await expect(page).toHaveURL(/asOf=2019-04-23/);
  });

  test("every widget of the national view renders: cards with changes, series, map, chart, phases, gaps", async ({ page }) => {
    await signIn(page, "bo.vanphong");
    await page.goto("/?asOf=2021-04-23&compare=2020-04-23");
    await expect(figure(page, "coverage")).toHaveText("8.876/8.876 (100%)");
    await expect(page.getByTestId("figure-coverage-change")).toContainText(/tăng [\d.]+ so với 23\/04\/2020/);
    await expect(page.getByTestId("series-chart").locator(".recharts-line")).toHaveCount(3);
    await expect(page.getByTestId("province-map").locator("[data-province]")).toHaveCount(63);
    await expect(page.getByTestId("children-chart").locator(".recharts-bar-rectangle").first()).toBeVisible();
    // the country's phases: one row per province (every province of the demo has a plan), each opening its phases
    const byProvince = page.getByTestId("phases-by-province");
    await expect(byProvince.locator("tbody tr")).toHaveCount(63);
    await expect(byProvince.locator("tbody tr", { has: page.getByRole("link", { name: "Tỉnh Kon Tum", exact: true }) }).locator("td").first()).toHaveText("2");
    await expect(page.getByTestId("gaps-summary").locator("a")).toHaveCount(7); // the six staffing lists and headquarters
    // results of the twelve months before: Hải Dương's approved returns are the only ones in the demo data then
    await expect(page.getByTestId("results-summary")).toContainText("04/2020 đến 03/2021");
    await expect(page.getByTestId("results-summary")).toContainText("Tin về ANTT tiếp nhận");
    // the series' table alternative holds the same last figure as the card
    await page.getByText("Xem dạng bảng").click();
    await expect(page.getByTestId("series-table").locator("tbody tr").first()).toContainText("23/04/2021");
    await expect(page.getByTestId("series-table").locator("tbody tr").first()).toContainText("8.876");
    await byProvince.getByRole("link", { name: "Tỉnh Kon Tum", exact: true }).click();
    await expect(page).toHaveURL(/\/units\/62\?asOf=2021-04-23#phases-heading$/);
    await expect(page.getByTestId("phases-table")).toContainText("Thí điểm");
  });

  test("the child table sorts by a column and the order is in the URL", async ({ page }) => {
    await signIn(page, "bo.vanphong");
    await page.goto("/units/62?asOf=2019-04-23");
    await page.getByRole("link", { name: "Sắp xếp theo Cán bộ, giảm dần" }).click();
    await expect(page).toHaveURL(/sort=officers&dir=desc/);
    const officers = page.getByTestId("children-table").locator("tbody tr td:nth-of-type(5)");
    await expect(officers.first()).toHaveText("49");
    const values = (await officers.allTextContents()).map(Number);
    expect(values).toEqual([...values].sort((a, b) => b - a));
  });

  test("a province user sees only its province: no map, its own phases, other provinces' lists are 404", async ({ page, request }) => {
    await signIn(page, "tinh.nghean");
    await page.goto("/?asOf=2021-04-23");
    await expect(page.getByTestId("unit-title")).toHaveText("Tỉnh Nghệ An");
    await expect(page.getByTestId("series-chart")).toBeVisible();
    await expect(page.getByTestId("province-map")).toHaveCount(0);
    await expect(page.getByTestId("phases-table")).toBeVisible();
    await expect(page.getByTestId("phases-table")).not.toContainText("Kon Tum");
    expect((await page.goto("/gaps?kind=unstaffed&unit=62"))?.status()).toBe(404);
    const api = await page.request.get("/api/gaps?kind=unstaffed&unit=62");
    expect(api.status()).toBe(404);
    expect(await api.text()).not.toContain("Kon Tum");
    // signed out, the export is refused
    expect((await request.get("/api/gaps?kind=unstaffed")).status()).toBe(401);
  });

  test("a district lists its communes below norm, filters them, and downloads the list as CSV", async ({ page }) => {
    await signIn(page, "huyen.kyson");
    await page.getByTestId("gaps-summary").locator('[data-gap-kind="underNorm"]').click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Việc cần xử lý");
    const rows = page.getByTestId("gaps-table").locator("tbody tr");
    const count = await rows.count();
    expect(count).toBeGreaterThan(0);
    const first = (await rows.first().locator("th").textContent())!.trim();
    await page.getByLabel("Tìm theo tên hoặc mã").fill(first.replace(/^Xã /, "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").toLowerCase());
    await page.getByRole("button", { name: "Lọc" }).click();
    await expect(page).toHaveURL(/q=/);
    await expect(rows).toHaveCount(1);
    await expect(rows.first().locator("th")).toHaveText(first);
    const download = page.waitForEvent("download");
    await page.getByTestId("gaps-csv").click();
    const file = await (await download).path();
    const csv = await readFile(file, "utf8");
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain("Xã, phường, thị trấn");
    expect(csv).toContain(first);
    expect(csv.trim().split("\r\n")).toHaveLength(2);
  });

  test("before any officer arrives, the dashboard says so, and tells only those who can enter data how", async ({ page }) => {
    // Nghệ An is in the national programme from 03/06/2019; its first phase starts on 24/07/2019
    await signIn(page, "tinh.nghean");
    await page.goto("/?asOf=2019-06-15");
    await expect(page.getByTestId("empty-state")).toContainText("Nhập tệp");
    await expect(page.getByTestId("section-series")).toContainText("chưa có tiến độ");
    await page.context().clearCookies();
    await signIn(page, "bo.vanphong");
    await page.goto("/units/40?asOf=2019-06-15");
    await expect(page.getByTestId("empty-state")).toContainText("chưa báo cáo");
    await expect(page.getByTestId("empty-state")).not.toContainText("Nhập tệp");
  });

  test("on a phone the dashboard does not scroll sideways; wide tables scroll inside their box", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page, "tinh.nghean");
    await page.goto("/?asOf=2021-04-23");
    await expect(page.getByTestId("children-table")).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);
  });
});
