// Mandatory two-factor per role, set by an administrator on the accounts page. It changes what every
// user of a role may do, so it runs in its own Playwright project, after the browser tests and before
// the authorization matrix (playwright.config.ts), never alongside them.
import { expect, test } from "@playwright/test";
import { codeForStep, stepAt } from "../../lib/auth/totp";
import { DEMO_PASSWORD, signIn } from "./helpers";
import { withE2eDb } from "./support/db";

test.describe.configure({ mode: "serial" });

const USERNAME = "bo.haibuoc";

test.beforeAll(async () => {
  await withE2eDb(async (c) => {
    await c.query(
      `INSERT INTO app_user (username, password_hash, display_name, role, unit_id)
       SELECT $1, password_hash, 'Cán bộ Văn phòng Bộ (thử)', 'MINISTRY', NULL FROM app_user WHERE username = 'bo.vanphong'
       ON CONFLICT (username) DO NOTHING`,
      [USERNAME],
    );
  });
});

test.afterAll(async () => {
  await withE2eDb((c) => c.query(`UPDATE role_policy SET totp_required = false WHERE role = 'MINISTRY'`));
});

test("an admin makes two-factor mandatory for the ministry: its users must set it up before anything else, then work as before", async ({ page, browser }) => {
  await signIn(page, "quantri");
  await page.goto("/users");
  const policy = page.getByTestId("totp-policy");
  await expect(policy).toContainText("Văn phòng Bộ Công an — Không bắt buộc");
  page.once("dialog", (d) => void d.accept());
  await policy.getByTestId("totp-policy-MINISTRY").click();
  await expect(policy).toContainText("Văn phòng Bộ Công an — Bắt buộc");

  const ctx = await browser.newContext();
  const user = await ctx.newPage();
  await user.goto("/login");
  await user.getByLabel("Tên đăng nhập").fill(USERNAME);
  await user.getByLabel("Mật khẩu").fill(DEMO_PASSWORD);
  await user.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(user).toHaveURL(/\/profile\/two-factor$/);
  await expect(user.getByRole("alert").filter({ hasText: "Vai trò của bạn bắt buộc xác thực hai bước" })).toBeVisible();
  // every other page sends them back; the session API says 403
  await user.goto("/reports");
  await expect(user).toHaveURL(/\/profile\/two-factor$/);
  expect((await user.request.get("/api/gaps?kind=unstaffed")).status()).toBe(403);

  await user.getByRole("button", { name: "Thiết lập xác thực hai bước" }).click();
  const secret = (await user.getByTestId("totp-secret").textContent())!.replace(/\s/g, "");
  await user.getByLabel("Mã xác thực").fill(codeForStep(secret, stepAt(new Date())));
  await user.getByRole("button", { name: "Xác nhận và bật" }).click();
  await expect(user.getByTestId("totp-status")).toContainText("Đang bật từ");
  // and it cannot be switched off while the role requires it
  await expect(user.getByTestId("totp-status")).toContainText("không thể tắt");
  await user.goto("/reports");
  await expect(user).toHaveURL(/\/reports/);
  expect((await user.request.get("/api/gaps?kind=unstaffed")).status()).toBe(200);
  await ctx.close();

  // the change is in the audit log
  await page.goto("/audit?entity=role_policy");
  await expect(page.getByRole("table")).toContainText("MINISTRY");
});
