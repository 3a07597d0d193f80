import { expect, test } from "@playwright/test";
import { figure, signIn } from "./helpers";

test.describe("each demo role sees the figures of its own scope", () => {
  test("ministry: the whole country as of 23/04/2021 — 8.876/8.876, 5,2 per commune, 63 provinces", async ({ page }) => {
    await signIn(page, "bo.vanphong");
    await page.goto("/?asOf=2021-04-23");
    await expect(page.getByTestId("unit-title")).toHaveText("Toàn quốc");
    await expect(figure(page, "coverage")).toHaveText("8.876/8.876 (100%)");
    await expect(figure(page, "per-commune")).toHaveText("5,2");
    await expect(page.getByTestId("children-table").locator("tbody tr")).toHaveCount(63);
  });

  test("ministry drills down to Kon Tum as of 23/04/2019 (86/86) and then to a commune's officers", async ({ page }) => {
    await signIn(page, "bo.vanphong");
    await page.getByLabel("Số liệu tính đến ngày", { exact: true }).fill("23/04/2019");
    await page.getByRole("button", { name: "Xem" }).click();
    await expect(page).toHaveURL(/asOf=2019-04-23/);
    await page.getByTestId("children-table").getByRole("link", { name: "Tỉnh Kon Tum", exact: true }).click();
    await expect(page.getByTestId("unit-title")).toHaveText("Tỉnh Kon Tum");
    await expect(figure(page, "coverage")).toHaveText("86/86 (100%)");
    await expect(figure(page, "officers")).toHaveText("349");
    await expect(figure(page, "party-cells")).toHaveText("61");
    await expect(figure(page, "secretaries-police")).toHaveText("60/61");
    await expect(figure(page, "executive")).toHaveText("41");
    await expect(figure(page, "standing")).toHaveText("22");
    await page.getByTestId("children-table").getByRole("link", { name: "Huyện Kon Plông", exact: true }).click();
    await page.getByTestId("children-table").getByRole("link", { name: "Xã Đắk Long", exact: true }).click();
    await expect(page.getByTestId("unit-title")).toHaveText("Xã Đắk Long");
    await expect(page.getByTestId("officer-table").locator("tbody tr")).not.toHaveCount(0);
    await expect(page.getByTestId("officer-table")).toContainText("Trưởng Công an xã");
    // the same commune later: it became Thị trấn Măng Đen
    await page.getByLabel("Số liệu tính đến ngày", { exact: true }).fill("01/01/2021");
    await page.getByRole("button", { name: "Xem" }).click();
    await expect(page.getByTestId("unit-title")).toHaveText("Thị trấn Măng Đen");
    await page.getByRole("navigation", { name: "Đường dẫn" }).getByRole("link", { name: "Toàn quốc" }).click();
    await expect(page.getByTestId("unit-title")).toHaveText("Toàn quốc");
  });

  test("province HQ: Nghệ An with its 21 districts; another province is a 404", async ({ page }) => {
    await signIn(page, "tinh.nghean");
    await page.goto("/?asOf=2021-11-01");
    await expect(page.getByTestId("unit-title")).toHaveText("Tỉnh Nghệ An");
    await expect(page.getByTestId("children-table").locator("tbody tr")).toHaveCount(21);
    await expect(figure(page, "coverage")).toHaveText("428/428 (100%)");
    const other = await page.goto("/units/62");
    expect(other?.status()).toBe(404);
    await expect(page.getByTestId("not-found")).toBeVisible();
    const own = await page.goto("/units/417");
    expect(own?.status()).toBe(200);
  });

  test("district police: Kỳ Sơn and its communes; another district, the province and the country are 404", async ({ page }) => {
    await signIn(page, "huyen.kyson");
    await expect(page.getByTestId("unit-title")).toHaveText("Huyện Kỳ Sơn");
    await expect(page.getByTestId("children-table")).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Đường dẫn" })).toHaveCount(0);
    for (const path of ["/units/421", "/units/40", "/units/62", "/units/23473"]) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(404);
      await expect(page.getByTestId("not-found")).toBeVisible();
      await expect(page.locator("body")).not.toContainText("Quỳnh Lưu");
    }
    await page.goto("/");
    await page.getByTestId("children-table").locator("tbody tr a").first().click();
    await expect(page.getByTestId("officer-table")).toBeVisible();
  });

  test("admin: the whole country", async ({ page }) => {
    await signIn(page, "quantri");
    await expect(page.getByTestId("unit-title")).toHaveText("Toàn quốc");
    await expect(page.getByTestId("viewer")).toContainText("Quản trị hệ thống");
  });
});

test.describe("signing in and out", () => {
  test("a wrong password is refused with a Vietnamese message", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Tên đăng nhập").fill("bo.vanphong");
    await page.getByLabel("Mật khẩu").fill("sai-mat-khau");
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await expect(page.getByTestId("login-error")).toHaveText("Tên đăng nhập hoặc mật khẩu không đúng.");
  });

  test("empty fields are flagged next to the field", async ({ page }) => {
    await page.goto("/login");
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await expect(page.locator("#username-error")).toHaveText("Nhập tên đăng nhập.");
    await expect(page.locator("#password-error")).toHaveText("Nhập mật khẩu.");
  });

  test("a signed-out visitor is sent to sign in and then back to the page asked for", async ({ page }) => {
    await page.goto("/units/62?asOf=2019-04-23");
    await expect(page).toHaveURL(/\/login\?callbackUrl=/);
    await page.getByLabel("Tên đăng nhập").fill("tinh.kontum");
    await page.getByLabel("Mật khẩu").fill("Demo@2026-cax");
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await expect(page.getByTestId("unit-title")).toHaveText("Tỉnh Kon Tum");
    await expect(figure(page, "coverage")).toHaveText("86/86 (100%)");
    await page.getByRole("button", { name: "Đăng xuất" }).click();
    await expect(page).toHaveURL(/\/login/);
    const res = await page.goto("/units/62");
    expect(res?.url()).toContain("/login");
  });

  test("signing out works even before the page's scripts run", async ({ page, browser }) => {
    await signIn(page, "huyen.kyson");
    const noScript = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
    const p = await noScript.newPage();
    await p.goto("/units/417");
    await p.getByRole("button", { name: "Đăng xuất" }).click();
    await expect(p).toHaveURL(/\/login/);
    const res = await p.goto("/units/417");
    expect(res?.url()).toContain("/login");
    await noScript.close();
  });

  test("the interface switches to English and back", async ({ page }) => {
    await signIn(page, "bo.vanphong");
    await page.getByRole("button", { name: "en", exact: true }).click();
    await expect(page.getByTestId("unit-title")).toHaveText("Nationwide");
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    await page.getByRole("button", { name: "vi", exact: true }).click();
    await expect(page.getByTestId("unit-title")).toHaveText("Toàn quốc");
  });
});
