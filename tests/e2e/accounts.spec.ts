// Account protection as a user meets it: the lockout message, the forced password change, and signing
// out on every device. Each test works on an account of its own, made in the server's database.
import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, signIn } from "./helpers";
import { withE2eDb } from "./support/db";

/** A district user of Kỳ Sơn with the demo password, made fresh for one test. */
async function makeUser(username: string, opts: { mustChange?: boolean } = {}) {
  await withE2eDb(async (c) => {
    await c.query(`DELETE FROM login_attempt WHERE username = $1`, [username]);
    await c.query(
      `INSERT INTO app_user (username, password_hash, display_name, role, unit_id, must_change_password)
       SELECT $1, password_hash, 'Cán bộ thử', 'DISTRICT', unit_id, $2 FROM app_user WHERE username = 'huyen.kyson'
       ON CONFLICT (username) DO UPDATE SET password_hash = EXCLUDED.password_hash, must_change_password = EXCLUDED.must_change_password, disabled = false`,
      [username, opts.mustChange ?? false],
    );
  });
}

async function tryPassword(page: Page, username: string, password: string) {
  await page.getByLabel("Tên đăng nhập").fill(username);
  await page.getByLabel("Mật khẩu").fill(password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
}

test("five wrong passwords lock the account, and the sign-in form says until when", async ({ page }) => {
  await makeUser("thu.khoa");
  await page.goto("/login");
  for (let i = 0; i < 4; i++) {
    await tryPassword(page, "thu.khoa", `sai-mat-khau-${i}`);
    await expect(page.getByTestId("login-error")).toHaveText("Tên đăng nhập hoặc mật khẩu không đúng.");
  }
  await tryPassword(page, "thu.khoa", "sai-mat-khau-4");
  await expect(page.getByTestId("login-error")).toContainText(/Tạm khóa đăng nhập do nhập sai nhiều lần\. Thử lại sau \d{2}:\d{2}\./);
  // the right password does not get in while locked
  await tryPassword(page, "thu.khoa", DEMO_PASSWORD);
  await expect(page.getByTestId("login-error")).toContainText("Tạm khóa");
  await expect(page).toHaveURL(/\/login/);
});

test("an account created with a temporary password must choose a new one before anything else", async ({ page }) => {
  await makeUser("thu.doimk", { mustChange: true });
  await signInTo(page, "thu.doimk", DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/profile\/password$/);
  await expect(page.getByRole("alert").filter({ hasText: "Hãy chọn mật khẩu mới trước khi tiếp tục" })).toBeVisible();
  // any other page sends them back
  await page.goto("/officers");
  await expect(page).toHaveURL(/\/profile\/password$/);

  await page.getByLabel("Mật khẩu hiện tại").fill(DEMO_PASSWORD);
  await page.getByLabel("Mật khẩu mới", { exact: true }).fill("1234567890");
  await page.getByLabel("Nhập lại mật khẩu mới").fill("1234567890");
  await page.getByRole("button", { name: "Đổi mật khẩu" }).click();
  await expect(page.locator("#pw-newPassword-error")).toContainText("quá phổ biến");

  const fresh = "Sông Lam chảy mãi 1945";
  await page.getByLabel("Mật khẩu mới", { exact: true }).fill(fresh);
  await page.getByLabel("Nhập lại mật khẩu mới").fill(fresh);
  await page.getByRole("button", { name: "Đổi mật khẩu" }).click();
  await expect(page).toHaveURL(/\/login\?changed=1/);
  await expect(page.getByRole("status").filter({ hasText: "Đã đổi mật khẩu" })).toBeVisible();
  // the old password no longer works, the new one does, and the dashboard opens
  await tryPassword(page, "thu.doimk", DEMO_PASSWORD);
  await expect(page.getByTestId("login-error")).toBeVisible();
  await signInTo(page, "thu.doimk", fresh);
  await expect(page.getByTestId("viewer")).toBeVisible();
  await expect(page).not.toHaveURL(/password/);
});

test("signing out on every device ends the sessions of other browsers too", async ({ page, browser }) => {
  await makeUser("thu.dangxuat");
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, "thu.dangxuat");
  await signIn(page, "thu.dangxuat");

  await page.goto("/profile");
  await page.getByRole("button", { name: "Đăng xuất khỏi mọi thiết bị" }).click();
  await expect(page).toHaveURL(/\/login\?signedOut=all/);
  await expect(page.getByRole("status").filter({ hasText: "Đã đăng xuất khỏi mọi thiết bị" })).toBeVisible();

  // the other browser still holds its cookie, but the server no longer accepts it
  await otherPage.goto("/officers");
  await expect(otherPage).toHaveURL(/\/login/);
  await other.close();
});

async function signInTo(page: Page, username: string, password: string) {
  await page.goto("/login");
  await tryPassword(page, username, password);
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
}
